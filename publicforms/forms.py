"""
The building blocks of the forms readers fill in on public pages (the signup, the
contact form, event registration): single-line text, email addresses, explicit
consent, a local "return to" path, and the bot screening every such form shares.
"""

import contextlib
import math
import time
import unicodedata
from urllib.parse import urlsplit

from crispy_forms.layout import HTML, Div
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

STARTED_SALT = "newsletter.form-started"
MAX_LOCAL_PATH = 500

# What the page's script says in situations the server cannot answer itself.
SCRIPT_MESSAGES = {
    "data-msg-sending": _("Sending…"),
    "data-msg-network": _(
        "We could not reach the server. Check your connection and try again; nothing was sent."
    ),
    "data-msg-rate-limited": _("Too many attempts; try again in a minute."),
    "data-msg-expired": _("This page has expired. Please reload it and try again."),
    "data-msg-error": _("Oops! Something went wrong while submitting the form. Please try again."),
}


def normalize_email(value: str) -> str:
    """Trim and lowercase the domain (IDNA-encoded to ASCII); the local part is kept."""
    value = (value or "").strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return value
    # A domain that cannot be encoded is kept as typed, for the form to refuse.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain.lower()}"


def safe_local_path(value) -> str:
    """`value` if it is a path on this site, else an empty string."""
    if not isinstance(value, str) or not value or len(value) > MAX_LOCAL_PATH:
        return ""
    if any(unicodedata.category(char)[0] == "C" or char == "\\" for char in value):
        return ""
    if not value.startswith("/") or value.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return ""
    return value


# Joiners are part of some scripts' spelling; every other format character
# (bidirectional overrides, zero-width spaces) only hides what the text says.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def validate_plain_text(value: str, allowed: str = "") -> None:
    """Refuse control, format, private-use and surrogate characters and U+FFFD."""
    for char in value:
        if char in allowed or char in ALLOWED_FORMAT_CHARACTERS:
            continue
        if char == "\ufffd" or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co"}:
            raise ValidationError(
                _("Please remove the unusual or invisible characters from this text."),
                code="unusual_characters",
            )


# The stamp's precision when it is made for now: pages served within one such step
# share one signature (signing would otherwise be much of a cache hit's cost).
STAMP_STEP = 0.1
_stamp: tuple[int, str] = (0, "")


def make_started_stamp(at: float | None = None) -> str:
    """
    The signed time a form was shown, for the minimum fill time check. Without `at`, now,
    rounded down to STAMP_STEP: the fill time is measured at most that much long.
    """
    global _stamp
    if at is not None:
        return signing.dumps(at, salt=STARTED_SALT)
    step = math.floor(time.time() / STAMP_STEP)
    cached_step, stamp = _stamp
    if cached_step != step:
        stamp = signing.dumps(step * STAMP_STEP, salt=STARTED_SALT)
        _stamp = (step, stamp)
    return stamp


class SingleLineField(forms.CharField):
    """Text on one line: runs of whitespace (line breaks included) become one space."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if isinstance(value, str) else value

    def validate(self, value):
        super().validate(value)
        validate_plain_text(value)


class LocalPathField(forms.Field):
    """A hidden "where to go back to"; anything but a local path is silently dropped."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        return safe_local_path(value.strip() if isinstance(value, str) else value)


class HumanCheckForm(forms.Form):
    """
    A honeypot field people never see and a signed timestamp. A submission that
    fills the honeypot, or comes back sooner than `STATEUP_FORM_MIN_SECONDS`
    after the form was shown, looks automated: it gets the normal answer and
    nothing is stored. Scripted clients that send no timestamp are held back by
    the rate limits instead.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    single_valued = ()

    def __init__(self, *args, block_id: str = "", malformed=(), **kwargs):
        self.block_id = block_id or self.default_block_id
        self.malformed = set(malformed)
        kwargs.setdefault("auto_id", f"{self.block_id}-%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started", make_started_stamp())

    def looks_automated(self) -> bool:
        if _single(self.data, "website"):
            return True
        started = _single(self.data, "started")
        if not started:
            return False
        try:
            shown_at = signing.loads(started, salt=STARTED_SALT)
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            return True
        if not isinstance(shown_at, int | float):
            return True
        return time.time() - shown_at < settings.STATEUP_FORM_MIN_SECONDS

    def clean(self):
        cleaned = super().clean()
        for name in sorted(self.malformed):
            if name in self.fields and name not in self.errors:
                self.add_error(name, _("Please enter a valid value."))
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None:
            for name in self.single_valued:
                if len(getlist(name)) > 1 and name not in self.errors:
                    self.add_error(name, _("Please enter a single value."))
        return cleaned

    def error_summary(self) -> str:
        """Every error, in field order, as one sentence-per-error message."""
        seen = []
        for messages in self.errors.values():
            for message in messages:
                if message not in seen:
                    seen.append(message)
        return " ".join(seen)

    def _status_region(self):
        return HTML(
            format_html(
                '<p class="form-status" id="{}-status" role="status" aria-live="polite" tabindex="-1"></p>',
                self.block_id,
            )
        )

    def _trap(self):
        return Div("website", "started", css_class="form-trap", aria_hidden="true")


def _single(data, name: str) -> str:
    value = data.get(name, "") if hasattr(data, "get") else ""
    return value if isinstance(value, str) else ""


class EmailAddressField(forms.EmailField):
    """An email address, trimmed, with its domain lowercased (and IDNA-encoded)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Email address"))
        kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        super().__init__(
            max_length=254,
            error_messages={
                "required": _("Please enter your email address."),
                "invalid": _("Please enter a valid email address."),
                "max_length": _("Please enter a valid email address (at most 254 characters)."),
            },
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        invalid = ValidationError(self.error_messages["invalid"], code="invalid")
        # Spaces, invisible and control characters never belong in an address;
        # the local part must be ASCII (what mail servers accept everywhere).
        if any(char.isspace() or unicodedata.category(char)[0] == "C" for char in value):
            raise invalid
        local, _at, _domain = value.rpartition("@")
        if not local.isascii():
            raise invalid
        normalized = normalize_email(value)
        if not normalized.isascii():
            raise invalid
        return normalized


class ConsentField(forms.BooleanField):
    """Ticked only by an explicit yes: "on" (what a browser sends), "true", "1" or "yes"."""

    class Widget(forms.CheckboxInput):
        def value_from_datadict(self, data, files, name):
            value = data.get(name)
            return isinstance(value, str) and value.strip().lower() in {"on", "true", "1", "yes"}
