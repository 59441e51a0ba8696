from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Category
from experts.models import SPOKEN_LANGUAGES


class ExpertFilterForm(forms.Form):
    """The directory's filters; an unknown topic or language is a 400, not an empty list."""

    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Category.objects.in_order(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any topic"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Any language")), *SPOKEN_LANGUAGES],
        required=False,
    )
