from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import REGISTRATION_CONSENT_TEXT
from publicforms.forms import (
    SCRIPT_MESSAGES,
    ConsentField,
    EmailAddressField,
    HumanCheckForm,
    SingleLineField,
)


class RegistrationForm(HumanCheckForm):
    """Name, email and consent; the newsletter only when its own box is ticked."""

    default_block_id = "register"
    single_valued = ("name", "email", "consent", "subscribe", "website", "started")

    name = SingleLineField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Please tell us your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField()
    consent = ConsentField(
        label=REGISTRATION_CONSENT_TEXT,
        widget=ConsentField.Widget,
        error_messages={
            "required": _("Please tick the box so that we can keep your registration.")
        },
    )
    subscribe = ConsentField(
        label=_("Also send me StateUp’s newsletter (you will be asked to confirm)."),
        required=False,
        widget=ConsentField.Widget,
    )

    # The <form> element is the template's (events/registration_form.html): its
    # address is the event's, which this form does not know.
    script_messages = sorted(SCRIPT_MESSAGES.items())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("name"),
            Field("email"),
            Field("consent"),
            Field("subscribe"),
            self._trap(),
            Div(
                StrictButton(_("Register"), type="submit", css_class="button"),
                css_class="form-actions",
            ),
            self._status_region(),
        )
