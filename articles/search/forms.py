from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.search.query import MAX_QUERY_LENGTH, clean_query_text


class QueryField(forms.CharField):
    """The search box: cleaned before its length is checked, so spaces and controls never count."""

    def to_python(self, value):
        return clean_query_text(str(value or ""))


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search briefs"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Keep your search to %(limit_value)d characters or fewer."),
        },
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")},
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    languages = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Briefs in this language")), ("all", _("Briefs in all languages"))],
        error_messages={"invalid_choice": _("Choose this language or all languages.")},
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["topic"].choices = [("", _("Any topic"))] + [
            (topic.slug, topic.local_name) for topic in topics
        ]

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        return self.topics.get(slug)

    def clean_tag(self):
        slug = self.cleaned_data["tag"].strip()
        if not slug:
            return None
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise forms.ValidationError(
                _("There is no tag “%(value)s”."), code="invalid_tag", params={"value": slug}
            )
        return tag
