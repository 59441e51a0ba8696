from crispy_forms.bootstrap import InlineCheckboxes, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from newsletter.models import CONSENT_TEXT, ContactMessage, Subscriber
from publicforms.forms import (
    SCRIPT_MESSAGES,
    ConsentField,
    EmailAddressField,
    HumanCheckForm,
    LocalPathField,
    SingleLineField,
    validate_plain_text,
)


class SignupForm(HumanCheckForm):
    default_block_id = "signup"
    single_valued = ("email", "name", "consent", "next", "website", "started")

    email = EmailAddressField()
    name = SingleLineField(
        label=_("Name"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    interests = forms.MultipleChoiceField(
        label=_("I’m interested in"),
        choices=Subscriber.Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Please choose from updates, newsletter and events."),
            "invalid_list": _("Please choose from updates, newsletter and events."),
        },
    )
    consent = ConsentField(
        label=CONSENT_TEXT,
        widget=ConsentField.Widget,
        error_messages={"required": _("Please tick the box to agree to receive emails.")},
    )
    next = LocalPathField()

    def __init__(self, *args, compact: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_action = reverse_lazy("newsletter:signup")
        self.helper.form_id = f"{self.block_id}-form"
        self.helper.form_class = "signup-form" + (" signup-form--compact" if compact else "")
        self.helper.attrs = {"data-async-form": "", **SCRIPT_MESSAGES}
        self.helper.layout = Layout(
            Field("email"),
            *([] if compact else [Field("name")]),
            InlineCheckboxes("interests"),
            Field("consent"),
            Field("next"),
            self._trap(),
            Div(
                StrictButton(_("Sign up"), type="submit", css_class="button"),
                css_class="form-actions",
            ),
            self._status_region(),
        )

    def clean_interests(self):
        chosen = set(self.cleaned_data["interests"])
        return [value for value in Subscriber.Interest.values if value in chosen]


class ContactForm(HumanCheckForm):
    default_block_id = "contact"
    single_valued = ("name", "email", "organisation", "subject", "message", "website", "started")

    name = SingleLineField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Please tell us your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField()
    organisation = SingleLineField(
        label=_("Organisation"),
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    subject = SingleLineField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Please add a subject.")},
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please write your message.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_action = reverse_lazy("contact")
        self.helper.form_id = f"{self.block_id}-form"
        self.helper.form_class = "contact-form"
        self.helper.attrs = {"data-async-form": "", **SCRIPT_MESSAGES}
        self.helper.layout = Layout(
            Field("name"),
            Field("email"),
            Field("organisation"),
            Field("subject"),
            Field("message"),
            self._trap(),
            Div(
                StrictButton(_("Send message"), type="submit", css_class="button"),
                css_class="form-actions",
            ),
            self._status_region(),
        )

    def clean_message(self):
        message = self.cleaned_data["message"]
        validate_plain_text(message, allowed="\n\r\t")
        return message

    def save(self, *, language: str) -> ContactMessage:
        fields = ("name", "email", "organisation", "subject", "message")
        return ContactMessage.objects.create(
            language=language, **{field: self.cleaned_data[field] for field in fields}
        )


class PreferencesForm(forms.Form):
    """What a subscriber receives: chosen on the page their signed link opens."""

    interests = forms.MultipleChoiceField(
        label=_("I’m interested in"),
        choices=Subscriber.Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics I follow (none: every topic)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Emails in"), choices=())

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        from articles.models import Category

        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Category.objects.order_by("name")
        self.fields["language"].choices = settings.LANGUAGES
