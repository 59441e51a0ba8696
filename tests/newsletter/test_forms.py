"""The forms own the input rules: normalisation, consent, safe `next`, bot checks."""

from datetime import timedelta

import pytest
import time_machine
from django.http import QueryDict

from newsletter.forms import ContactForm, SignupForm
from publicforms.forms import make_started_stamp, safe_local_path


def bound(form_class, data: dict, **kwargs):
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return form_class(query, **kwargs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/", "/"),
        ("/articles/?page=2#top", "/articles/?page=2#top"),
        ("/topics/tech-cooperation/", "/topics/tech-cooperation/"),
        ("//evil.com", ""),
        ("https://evil.com", ""),
        ("/\\evil.com", ""),
        ("javascript:alert(1)", ""),
        ("articles/", ""),
        ("/\x00", ""),
        ("/a\u202eb", ""),
        ("", ""),
        (None, ""),
        (["/"], ""),
    ],
)
def test_safe_local_path_keeps_only_paths_on_this_site(value, expected):
    assert safe_local_path(value) == expected


def test_signup_form_normalises_the_address_and_orders_interests():
    form = bound(
        SignupForm,
        {"email": " Ana@EXAMPLE.org ", "consent": "on", "interests": ["events", "updates"]},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "Ana@example.org"
    assert form.cleaned_data["interests"] == ["updates", "events"]


@pytest.mark.parametrize("value", ["on", "true", "1", "yes", "TRUE"])
def test_consent_accepts_an_explicit_yes(value):
    assert bound(SignupForm, {"email": "a@example.org", "consent": value}).is_valid()


@pytest.mark.parametrize("value", ["", "off", "false", "0", "no", "maybe"])
def test_consent_refuses_anything_else(value):
    form = bound(SignupForm, {"email": "a@example.org", "consent": value})
    assert form.errors["consent"] == ["Please tick the box to agree to receive emails."]


def test_a_repeated_single_field_is_refused():
    form = bound(SignupForm, {"email": ["a@example.org", "b@example.org"], "consent": "on"})
    assert form.errors["email"] == ["Please enter a single value."]


def test_a_malformed_json_value_is_refused():
    form = bound(SignupForm, {"email": "a@example.org", "consent": "on"}, malformed={"name"})
    assert form.errors["name"] == ["Please enter a valid value."]


def test_names_are_folded_onto_one_line():
    form = bound(SignupForm, {"email": "a@example.org", "consent": "on", "name": " Ana \n Lima "})
    assert form.is_valid()
    assert form.cleaned_data["name"] == "Ana Lima"


def test_a_contact_message_keeps_its_line_breaks_but_not_control_characters():
    data = {"name": "Ana", "email": "a@example.org", "subject": "Hi", "message": "one\ntwo"}
    assert bound(ContactForm, data).is_valid()
    assert not bound(ContactForm, {**data, "message": "one\x07two"}).is_valid()


def test_an_empty_honeypot_and_no_timestamp_look_human():
    form = bound(SignupForm, {"email": "a@example.org", "consent": "on", "website": ""})
    assert form.looks_automated() is False


def test_a_filled_honeypot_looks_automated():
    form = bound(SignupForm, {"email": "a@example.org", "consent": "on", "website": "x"})
    assert form.looks_automated() is True


def test_the_minimum_fill_time_is_a_setting(settings):
    with time_machine.travel("2026-11-29 10:00Z", tick=False) as clock:
        stamp = make_started_stamp()
        clock.shift(timedelta(seconds=2))
        settings.STATEUP_FORM_MIN_SECONDS = 3
        assert bound(SignupForm, {"started": stamp}).looks_automated() is True
        settings.STATEUP_FORM_MIN_SECONDS = 1
        assert bound(SignupForm, {"started": stamp}).looks_automated() is False


@pytest.mark.parametrize("started", ["1700000000", "x:y:z", "\ud800", "W10:1xXbYD:abc"])
def test_a_forged_timestamp_looks_automated(started):
    assert bound(SignupForm, {"started": started}).looks_automated() is True


def test_an_unbound_form_carries_a_fresh_timestamp_and_its_block_ids():
    form = SignupForm(block_id="footer-signup")
    assert form.initial["started"]
    assert form["email"].id_for_label == "footer-signup-email"
    assert form.helper.form_id == "footer-signup-form"
