"""The signup, confirm and unsubscribe pages: the public contract in SPEC.md."""

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from newsletter.models import CONSENT_VERSION, Subscriber
from publicforms.forms import make_started_stamp
from publicforms.ratelimits import INVALID_PER_CLIENT, SIGNUP_PER_ADDRESS, SIGNUP_PER_CLIENT
from tests.factories import make_subscriber

pytestmark = pytest.mark.django_db

SIGNUP = "/newsletter/signup/"
JSON = {"HTTP_ACCEPT": "application/json"}
BROWSER_ACCEPT = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def valid(**overrides) -> dict:
    data = {"email": "ana@example.org", "name": "Ana", "consent": "on"}
    data.update(overrides)
    return data


def signup_json(client, data, **extra):
    return client.post(SIGNUP, data, **JSON, **extra)


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/newsletter/confirm/[^/\s]+/", message.body).group(0)


def unsubscribe_link(message) -> str:
    return re.search(r"https?://\S+/newsletter/unsubscribe/[^/\s]+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


# The form and its answers


def test_signup_page_shows_the_full_form_with_every_field(client):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", id="signup-form")
    names = {field["name"] for field in form.find_all(["input", "textarea"]) if field.get("name")}
    assert {"email", "name", "interests", "consent", "next", "csrfmiddlewaretoken"} <= names
    assert form.find(attrs={"aria-live": "polite", "role": "status"}) is not None
    assert (
        form.find("label", attrs={"for": "signup-email"})
        .get_text(strip=True)
        .startswith("Email address")
    )


def test_every_page_has_the_signup_block_returning_to_that_page(client):
    response = client.get("/articles/?page=1")
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("footer").find("form", id="footer-signup-form")
    assert form["action"] == SIGNUP
    assert form.find("input", attrs={"name": "next"})["value"] == "/articles/?page=1"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    assert form.find(attrs={"aria-live": "polite"}) is not None


def test_the_footer_block_on_a_token_page_never_returns_to_the_token(client):
    subscriber = make_subscriber(status="confirmed")
    response = client.get(f"/newsletter/unsubscribe/{subscriber.make_unsubscribe_token()}/")
    form = BeautifulSoup(response.content, "html.parser").find("form", id="footer-signup-form")
    assert form.find("input", attrs={"name": "next"}).get("value", "") == ""


def test_the_signup_page_points_its_footer_block_at_the_main_form(client):
    soup = BeautifulSoup(client.get(SIGNUP).content, "html.parser")
    assert soup.find("form", id="footer-signup-form") is None
    assert soup.find(id="footer-signup").find("a", href="#signup") is not None


def test_kept_input_is_bounded(client):
    client.post(SIGNUP, {"email": "e" * 100_000, "name": ["a", "b", "c"], "interests": ["x"] * 50})
    kept = client.session["newsletter:signup-input"]
    assert len(kept["email"][0]) == 255
    assert kept["name"] == ["b", "c"]
    assert len(kept["interests"]) == 4


def test_the_header_and_footer_link_to_signup_and_contact(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.find("header").find("a", href=SIGNUP) is not None
    assert soup.find("footer").find("a", href="/contact/") is not None


def test_json_signup_stores_a_pending_subscriber_and_answers_ok(client):
    response = signup_json(client, valid(interests=["updates", "events"], next="/articles/"))
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "message": "Thank you! Check your inbox to confirm your subscription.",
    }
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ana@example.org"
    assert subscriber.name == "Ana"
    assert subscriber.status == "pending"
    assert subscriber.interests == ["updates", "events"]
    assert subscriber.signup_page == "/articles/"
    assert subscriber.consent_version == CONSENT_VERSION
    assert "I agree to receive emails" in subscriber.consent_text
    assert subscriber.consented_at is not None


def test_no_ip_address_is_kept_anywhere_on_the_subscriber(client):
    signup_json(client, valid(), REMOTE_ADDR="203.0.113.77")
    subscriber = Subscriber.objects.values().get()
    assert not any("203.0.113.77" in str(value) for value in subscriber.values())


def test_form_post_redirects_back_to_next_with_a_success_message(client):
    response = client.post(SIGNUP, valid(next="/articles/"), **BROWSER_ACCEPT)
    assert response.status_code == 302
    assert response["Location"] == "/articles/"
    page = client.get("/articles/")
    assert "Check your inbox to confirm" in page.content.decode()
    assert Subscriber.objects.filter(email="ana@example.org").exists()


def test_form_post_without_next_redirects_to_the_signup_page(client):
    response = client.post(SIGNUP, valid())
    assert response.status_code == 302
    assert response["Location"] == SIGNUP


def test_success_message_is_in_an_accessible_live_region(client):
    response = client.post(SIGNUP, valid(), follow=True)
    region = BeautifulSoup(response.content, "html.parser").find(class_="messages")
    assert region["role"] == "status"
    assert region["aria-live"] == "polite"
    assert "Check your inbox to confirm" in region.get_text()


def test_form_errors_redirect_to_the_form_with_errors_beside_fields_and_input_kept(client):
    response = client.post(
        SIGNUP,
        {"email": "not-an-email", "name": "Ana Lima", "interests": ["events"], "next": "/x/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(SIGNUP)
    page = client.get(response["Location"])
    soup = BeautifulSoup(page.content, "html.parser")
    form = soup.find("form", id="signup-form")
    email = form.find("input", attrs={"name": "email"})
    assert email["value"] == "not-an-email"
    assert email["aria-invalid"] == "true"
    error = form.find(id=email["aria-describedby"].split()[-1])
    assert "Please enter a valid email address." in error.get_text()
    assert form.find("input", attrs={"name": "name"})["value"] == "Ana Lima"
    assert form.find("input", attrs={"name": "interests", "value": "events"}).has_attr("checked")
    assert form.find("input", attrs={"name": "next"})["value"] == "/x/"
    consent_error = form.find(id="signup-consent_error")
    assert "Please tick the box to agree to receive emails." in consent_error.get_text()
    assert "Please correct the highlighted fields" in soup.find(class_="messages").get_text()
    assert Subscriber.objects.count() == 0
    # Shown once: reloading the page gives a fresh form.
    again = BeautifulSoup(client.get(SIGNUP).content, "html.parser")
    assert (
        not again.find("form", id="signup-form").find("input", attrs={"name": "email"}).get("value")
    )


def test_json_errors_name_each_field_with_a_specific_message(client):
    response = signup_json(client, {"email": "nope", "interests": ["spam"]})
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert body["errors"]["email"] == ["Please enter a valid email address."]
    assert body["errors"]["consent"] == ["Please tick the box to agree to receive emails."]
    assert body["errors"]["interests"] == ["Please choose from updates, newsletter and events."]
    assert "Please enter a valid email address." in body["message"]
    assert Subscriber.objects.count() == 0


def test_missing_email_says_so(client):
    response = signup_json(client, {"consent": "on"})
    assert response.json()["errors"] == {"email": ["Please enter your email address."]}


@pytest.mark.parametrize("consent", [None, "", "false", "0"])
def test_missing_consent_is_refused_and_nothing_stored(client, consent):
    data = valid()
    del data["consent"]
    if consent is not None:
        data["consent"] = consent
    response = signup_json(client, data)
    assert response.status_code == 400
    assert response.json()["errors"]["consent"] == [
        "Please tick the box to agree to receive emails."
    ]
    assert Subscriber.objects.count() == 0


def test_unknown_interest_is_refused_and_nothing_stored(client):
    response = signup_json(client, valid(interests=["updates", "casino"]))
    assert response.status_code == 400
    assert "interests" in response.json()["errors"]
    assert Subscriber.objects.count() == 0


def test_a_json_body_is_read_as_the_same_fields(client):
    response = client.post(
        SIGNUP,
        {"email": "json@example.org", "consent": True, "interests": ["events"]},
        content_type="application/json",
        **JSON,
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().interests == ["events"]


# Normalisation and duplicates


def test_email_is_trimmed_and_its_domain_lowercased_but_not_its_local_part(client):
    signup_json(client, valid(email="  Ana.Lima@Example.ORG \n"))
    assert Subscriber.objects.get().email == "Ana.Lima@example.org"


def test_an_internationalised_domain_is_stored_in_ascii(client):
    signup_json(client, valid(email="ana@Bücher.example"))
    assert Subscriber.objects.get().email == "ana@xn--bcher-kva.example"


@pytest.mark.parametrize("status", ["pending", "confirmed", "unsubscribed"])
def test_signing_up_again_answers_exactly_as_a_new_address(client, status):
    make_subscriber(email="known@example.org", status=status)
    new = signup_json(client, valid(email="new@example.org"))
    known = signup_json(client, valid(email="KNOWN@Example.org"))
    assert (known.status_code, known.json()) == (new.status_code, new.json())
    assert Subscriber.objects.for_address("known@example.org").count() == 1
    form_new = Client().post(SIGNUP, valid(email="new2@example.org", next="/"))
    form_known = Client().post(SIGNUP, valid(email="known@example.org", next="/"))
    assert (form_known.status_code, form_known["Location"]) == (
        form_new.status_code,
        form_new["Location"],
    )


def test_the_same_address_in_another_case_is_one_subscriber(client):
    signup_json(client, valid(email="Ana@example.org"))
    signup_json(client, valid(email="ana@EXAMPLE.org"))
    signup_json(client, valid(email="ANA@example.org"))
    assert Subscriber.objects.count() == 1


def test_an_unsubscribed_address_can_subscribe_again(client):
    subscriber = make_subscriber(email="back@example.org", status="unsubscribed")
    signup_json(client, valid(email="back@example.org", interests=["events"]))
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    assert subscriber.interests == ["events"]
    assert len(mail.outbox) == 1


def test_a_confirmed_subscription_is_not_changed_by_someone_signing_it_up_again(client):
    subscriber = make_subscriber(
        email="kept@example.org", status="confirmed", name="Kept", interests=["updates"]
    )
    signup_json(client, valid(email="kept@example.org", name="Mallory", interests=["events"]))
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.name, subscriber.interests) == (
        "confirmed",
        "Kept",
        ["updates"],
    )


def test_signing_up_again_resends_the_confirmation_at_most_once_in_the_window(client):
    with time_machine.travel("2026-11-29 10:00Z", tick=False) as clock:
        signup_json(client, valid())
        signup_json(client, valid())
        signup_json(client, valid())
        assert len(mail.outbox) == 1
        clock.shift(timedelta(minutes=16))
        signup_json(client, valid())
        signup_json(client, valid())
        assert len(mail.outbox) == 2


# Hostile input: never a 500, never stored


HOSTILE = [
    {"email": "a" * 10_000 + "@example.org", "consent": "on"},
    {"email": "x" * 10_240, "consent": "on"},
    {"email": "ana\x00@example.org", "consent": "on"},
    {"email": "ana@example.org", "name": "Ana\x00", "consent": "on"},
    {"email": "ana@example.org", "name": "N" * 10_000, "consent": "on"},
    {"email": "ana@exam\u202eple.org", "consent": "on"},
    {"email": "\u0430na@example.org", "consent": "on"},
    {"email": "ana@example.org\u200b", "consent": "on"},
    {"email": "ana@@example.org", "consent": "on"},
    {"email": "<script>@example.org", "consent": "on"},
    {"email": ["a@example.org", "b@example.org"], "consent": "on"},
    {"email": "ana@example.org", "consent": ["on", "on"]},
    {"email": "ana@example.org", "consent": "on", "interests": ["updates", "DROP TABLE"]},
    {"email": "ana@example.org", "consent": "on", "interests": "x" * 10_000},
    {"email": "ana@example.org", "consent": "on", "name": "Ana\u202egro"},
    {"email": "ana@example.org", "consent": "on", "name": "Ana\ufffd"},
    {"email": "\u212a@example.org", "consent": "on"},
    {"email": "", "consent": "on"},
    {"email": "   ", "consent": "on"},
    {},
]


@pytest.mark.parametrize("data", HOSTILE)
@pytest.mark.parametrize("accept", ["application/json", "text/html", ""])
def test_hostile_form_input_is_refused_without_error_or_storage(client, data, accept):
    response = client.post(SIGNUP, data, HTTP_ACCEPT=accept)
    assert response.status_code in {302, 400}
    if accept == "application/json":
        assert response.status_code == 400
        assert response.json()["ok"] is False
    assert Subscriber.objects.count() == 0


def test_invalid_utf8_in_a_form_body_is_refused_without_error_or_storage(client):
    body = b"email=ana%40example.org&consent=on&name=Ana%ED%A0%80%FF"
    response = client.post(SIGNUP, body, content_type="application/x-www-form-urlencoded", **JSON)
    assert response.status_code == 400
    assert "name" in response.json()["errors"]
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        '{"email": ["a@example.org"], "consent": {"yes": 1}}',
        '{"email": {"$ne": ""}, "consent": true}',
        '{"email": null, "consent": true}',
        '{"email": 12, "consent": true}',
        '["ana@example.org"]',
        "not json at all",
        '{"email": "ana@example.org", "consent": true, "name": "\\ud800"}',
        '{"email": "ana@example.org", "consent": true, "interests": [["events"]]}',
        '{"email": "ana@example.org", "consent": true, "interests": "casino"}',
        '{"email": "ana\\u0000@example.org", "consent": true}',
    ],
)
def test_hostile_json_bodies_are_refused_without_error_or_storage(client, body):
    response = client.post(SIGNUP, body, content_type="application/json", **JSON)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        "[" * 200_000 + "]" * 200_000,
        '{"email": "a@example.org", "consent": true, "name": ' + "1" * 5000 + "}",
        '{"email": "a@example.org", "consent": true, "name": 1e999999}',
    ],
)
def test_pathological_json_is_refused_without_error(client, body):
    response = client.post(SIGNUP, body, content_type="application/json", **JSON)
    assert response.status_code == 400
    assert Subscriber.objects.count() == 0


def test_oversized_bodies_are_refused_without_error(client):
    huge = "x" * 3_000_000
    response = client.post(SIGNUP, {"email": huge, "consent": "on"}, **JSON)
    assert response.status_code == 400
    response = client.post(
        SIGNUP, json.dumps({"email": huge}), content_type="application/json", **JSON
    )
    assert response.status_code == 400
    many = "&".join(f"f{i}=1" for i in range(1500))
    response = client.post(SIGNUP, many, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize(
    "accept",
    [
        "application/json;q=abc",
        "=;;,,;q=",
        "application/json;q=nan, text/html;q=1e400",
        "a" * 8000,
        "application/json\x00",
        "*/*;q=0.5, application/json;;;",
    ],
)
def test_malformed_accept_headers_never_break_the_signup(client, accept):
    response = client.post(SIGNUP, valid(), HTTP_ACCEPT=accept)
    assert response.status_code in {200, 302}
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.com",
        "//evil.com/path",
        "https://evil.com",
        "http://evil.com/articles/",
        "/\\evil.com",
        "\\\\evil.com",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "/\x00//evil.com",
        "\t//evil.com",
        "/%0a//evil.com".replace("%0a", "\n"),
        "data:text/html,<script>alert(1)</script>",
        "https:evil.com",
        "/" + "a" * 5000,
    ],
)
def test_next_cannot_send_anyone_off_site(client, next_url):
    response = client.post(SIGNUP, valid(next=next_url))
    assert response.status_code == 302
    assert response["Location"] == SIGNUP
    assert Subscriber.objects.get().signup_page == SIGNUP


def test_next_keeps_a_local_path_with_its_query(client):
    response = client.post(SIGNUP, valid(next="/articles/?page=2"))
    assert response["Location"] == "/articles/?page=2"


def test_signup_page_drops_an_off_site_next_from_its_query(client):
    soup = BeautifulSoup(client.get(SIGNUP + "?next=//evil.com").content, "html.parser")
    assert soup.find("form", id="signup-form").find("input", attrs={"name": "next"}).get(
        "value", ""
    ) in {"", None}


def test_other_methods_are_not_allowed(client):
    assert client.put(SIGNUP).status_code == 405
    assert client.delete(SIGNUP).status_code == 405


# Bots


def test_honeypot_gets_the_normal_answer_and_nothing_is_stored(client):
    response = signup_json(client, valid(website="http://spam.example"))
    assert response.status_code == 200
    assert response.json() == signup_json(client, valid(email="real@example.org")).json()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["real@example.org"]
    assert len(mail.outbox) == 1


def test_a_form_sent_back_too_fast_is_treated_as_a_bot(client, settings):
    settings.STATEUP_FORM_MIN_SECONDS = 3
    with time_machine.travel("2026-11-29 10:00Z", tick=False) as clock:
        stamp = make_started_stamp()
        clock.shift(timedelta(seconds=1))
        fast = client.post(SIGNUP, valid(started=stamp))
        assert fast.status_code == 302
        assert Subscriber.objects.count() == 0
        clock.shift(timedelta(seconds=5))
        client.post(SIGNUP, valid(started=stamp))
        assert Subscriber.objects.count() == 1


def test_a_forged_timestamp_is_treated_as_a_bot(client):
    response = signup_json(client, valid(started="1700000000.0"))
    assert response.json()["ok"] is True
    assert Subscriber.objects.count() == 0


def test_the_rendered_form_carries_a_signed_timestamp(client, settings):
    settings.STATEUP_FORM_MIN_SECONDS = 3
    with time_machine.travel("2026-11-29 10:00Z", tick=False) as clock:
        soup = BeautifulSoup(client.get(SIGNUP).content, "html.parser")
        stamp = soup.find("form", id="signup-form").find("input", attrs={"name": "started"})
        clock.shift(timedelta(seconds=10))
        client.post(SIGNUP, valid(started=stamp["value"]))
    assert Subscriber.objects.count() == 1


# Rate limits


def test_too_many_signups_from_one_client_answer_429_with_retry_after(
    client, one_rate_limit_window
):
    allowed = SIGNUP_PER_CLIENT.count
    answers = [
        signup_json(client, valid(email=f"n{i}@example.org")).status_code
        for i in range(allowed + 1)
    ]
    assert answers == [200] * allowed + [429]
    response = signup_json(client, valid(email="late@example.org"))
    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "message": "Too many attempts; try again in a minute.",
        "errors": {},
    }
    assert 1 <= int(response["Retry-After"]) <= 60
    assert not Subscriber.objects.filter(email="late@example.org").exists()


def test_the_rate_limit_is_per_client(client, one_rate_limit_window):
    for i in range(SIGNUP_PER_CLIENT.count):
        signup_json(client, valid(email=f"n{i}@example.org"), REMOTE_ADDR="198.51.100.1")
    assert signup_json(client, valid(), REMOTE_ADDR="198.51.100.1").status_code == 429
    assert signup_json(client, valid(), REMOTE_ADDR="198.51.100.2").status_code == 200


def test_x_forwarded_for_is_ignored_unless_a_proxy_count_is_set(client, settings, time_machine):
    # One rate-limit window throughout, however slow the machine.
    time_machine.move_to(timezone.now(), tick=False)
    for i in range(SIGNUP_PER_CLIENT.count):
        signup_json(client, valid(email=f"n{i}@example.org"), HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert signup_json(client, valid(), HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429
    cache.clear()
    settings.STATEUP_PROXY_COUNT = 1
    for i in range(SIGNUP_PER_CLIENT.count):
        signup_json(client, valid(email=f"m{i}@example.org"), HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert signup_json(client, valid(), HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert signup_json(client, valid(), HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200


def test_too_many_signups_of_one_address_answer_429(client, one_rate_limit_window):
    for i in range(SIGNUP_PER_ADDRESS.count):
        response = signup_json(client, valid(), REMOTE_ADDR=f"198.51.100.{i}")
        assert response.status_code == 200
    response = signup_json(client, valid(email="ANA@example.org"), REMOTE_ADDR="198.51.100.99")
    assert response.status_code == 429


def test_a_flood_of_invalid_submissions_is_rate_limited_too(client, one_rate_limit_window):
    answers = [
        signup_json(client, {"email": "nope"}).status_code
        for _ in range(INVALID_PER_CLIENT.count + 1)
    ]
    assert answers == [400] * INVALID_PER_CLIENT.count + [429]


def test_a_rate_limited_form_post_shows_the_message_and_keeps_the_input(
    client, one_rate_limit_window
):
    for i in range(SIGNUP_PER_CLIENT.count):
        client.post(SIGNUP, valid(email=f"n{i}@example.org"))
    response = client.post(SIGNUP, valid(email="kept@example.org", name="Kept"))
    assert response.status_code == 429
    assert "Retry-After" in response
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Too many attempts; try again in a minute." in soup.find(class_="messages").get_text()
    form = soup.find("form", id="signup-form")
    assert form.find("input", attrs={"name": "email"})["value"] == "kept@example.org"


def test_rate_limits_can_be_turned_off(client, settings):
    settings.STATEUP_RATE_LIMITS = False
    for i in range(SIGNUP_PER_CLIENT.count + 5):
        assert signup_json(client, valid(email=f"n{i}@example.org")).status_code == 200


def test_the_rate_limit_cache_holds_no_address_in_clear(client):
    signup_json(client, valid(email="secret.person@example.org"), REMOTE_ADDR="203.0.113.9")
    keys = list(cache._cache.keys())
    assert keys
    assert not [key for key in keys if "secret.person" in key or "203.0.113.9" in key]


def test_a_broken_cache_does_not_break_the_signup(client):
    with mock.patch("publicforms.ratelimits.cache.add", side_effect=ConnectionError("down")):
        response = signup_json(client, valid())
    assert response.status_code == 200
    assert Subscriber.objects.count() == 1


# Email delivery


def test_signup_sends_one_confirmation_with_a_working_link(client):
    signup_json(client, valid())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "confirm" in message.subject.lower()
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_sent_at is not None
    assert subscriber.pending_email == ""


def test_a_failing_mail_server_keeps_the_signup_and_tells_the_person_to_check_their_inbox(
    client,
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("smtp down"),
    ):
        response = signup_json(client, valid())
    assert response.status_code == 200
    assert "Check your inbox" in response.json()["message"]
    subscriber = Subscriber.objects.get()
    assert subscriber.pending_email == "confirmation"
    assert subscriber.confirmation_sent_at is None
    assert subscriber.send_attempts == 1
    assert "smtp down" in subscriber.last_send_error


def test_signup_stays_within_a_small_query_budget(client, settings, django_assert_max_num_queries):
    """The request stores the signup and queues its email (one row); the worker sends it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_assert_max_num_queries(9):
        signup_json(client, valid())
    with django_assert_max_num_queries(6):
        signup_json(client, valid())


def test_pages_with_the_signup_block_make_no_extra_queries(client, django_assert_num_queries):
    client.get("/newsletter/signup/")  # warm the navigation cache
    with django_assert_num_queries(0):
        client.get(SIGNUP)


# Confirmation


def test_the_confirm_link_shows_a_button_and_does_not_confirm_on_get(client):
    signup_json(client, valid())
    link = path_of(confirm_link(mail.outbox[0]))
    response = client.get(link)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", class_="confirm-form")
    assert form["method"] == "post"
    assert form.find("button", type="submit") is not None
    assert client.head(link).status_code == 200
    assert Subscriber.objects.get().status == "pending"


def test_the_confirm_button_confirms_and_sends_a_welcome_once(client):
    signup_json(client, valid())
    link = path_of(confirm_link(mail.outbox[0]))
    response = client.post(link)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "confirmed"
    assert subscriber.confirmed_at is not None
    assert len(mail.outbox) == 2
    assert "Welcome" in mail.outbox[1].subject
    assert subscriber.welcome_sent_at is not None
    page = client.get(response["Location"])
    assert "You’re subscribed" in page.content.decode()
    client.post(link)
    assert len(mail.outbox) == 2


def test_the_confirm_button_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.post(SIGNUP, valid(), **JSON)  # refused: no CSRF token
    assert Subscriber.objects.count() == 0
    subscriber = make_subscriber()
    response = client.post(f"/newsletter/confirm/{subscriber.make_confirm_token()}/")
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_signup_with_the_pages_csrf_token_works():
    client = Client(enforce_csrf_checks=True)
    soup = BeautifulSoup(client.get(SIGNUP).content, "html.parser")
    token = soup.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = client.post(SIGNUP, valid(), HTTP_X_CSRFTOKEN=token, **JSON)
    assert response.status_code == 200
    assert Subscriber.objects.count() == 1


def test_a_confirm_link_for_an_unsubscribed_address_does_not_resubscribe_it(client):
    subscriber = make_subscriber(status="unsubscribed")
    link = f"/newsletter/confirm/{subscriber.make_confirm_token()}/"
    assert "Sign up again" in client.get(link).content.decode()
    client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_an_expired_confirm_link_shows_a_clear_page_with_a_way_to_sign_up_again(client):
    with time_machine.travel("2026-11-01 10:00Z", tick=False) as clock:
        subscriber = make_subscriber()
        token = subscriber.make_confirm_token()
        clock.shift(timedelta(days=8))
        response = client.get(f"/newsletter/confirm/{token}/")
        assert client.post(f"/newsletter/confirm/{token}/").status_code == 410
    assert response.status_code == 410
    soup = BeautifulSoup(response.content, "html.parser")
    assert "This link has expired" in soup.find("h1").get_text()
    assert soup.find("form", id="signup-again-form")["action"] == SIGNUP
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "eyJzIjoxfQ:1xXbYD:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "%00",
        "a" * 3000,
        "..",
        "é",
    ],
)
def test_a_tampered_confirm_link_shows_a_clear_page(client, token):
    response = client.get(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert client.post(f"/newsletter/confirm/{token}/").status_code == 400


def test_an_unsubscribe_token_cannot_be_used_to_confirm(client):
    subscriber = make_subscriber()
    response = client.post(f"/newsletter/confirm/{subscriber.make_unsubscribe_token()}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_a_link_for_another_address_stops_working_when_the_address_changes(client):
    subscriber = make_subscriber(email="old@example.org")
    token = subscriber.make_confirm_token()
    subscriber.email = "new@example.org"
    subscriber.save()
    assert client.get(f"/newsletter/confirm/{token}/").status_code == 400


def test_a_link_to_a_deleted_subscriber_shows_a_clear_page(client):
    subscriber = make_subscriber()
    token = subscriber.make_confirm_token()
    subscriber.delete()
    assert client.get(f"/newsletter/confirm/{token}/").status_code == 400


def test_confirm_and_unsubscribe_pages_are_never_cached_or_indexed(client):
    subscriber = make_subscriber()
    for url in (
        f"/newsletter/confirm/{subscriber.make_confirm_token()}/",
        f"/newsletter/unsubscribe/{subscriber.make_unsubscribe_token()}/",
    ):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex">' in response.content.decode()


# Unsubscribe


def test_the_unsubscribe_link_shows_a_button_and_get_changes_nothing(client):
    subscriber = make_subscriber(status="confirmed")
    link = f"/newsletter/unsubscribe/{subscriber.make_unsubscribe_token()}/"
    response = client.get(link)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", class_="unsubscribe-form")
    assert form["method"] == "post"
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"


def test_the_unsubscribe_button_unsubscribes_at_once(client):
    subscriber = make_subscriber(status="confirmed")
    link = f"/newsletter/unsubscribe/{subscriber.make_unsubscribe_token()}/"
    response = client.post(link, follow=True)
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.unsubscribed_at is not None
    assert "You’re unsubscribed" in response.content.decode()
    assert "We will not email you again." in response.content.decode()


def test_rfc_8058_one_click_unsubscribe_works_without_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    subscriber = make_subscriber(status="confirmed")
    response = client.post(
        f"/newsletter/unsubscribe/{subscriber.make_unsubscribe_token()}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_one_click_unsubscribe_from_the_emails_own_header(client):
    signup_json(client, valid())
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    url = path_of(header.strip("<>"))
    # Multipart, as some mail providers send it.
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert response.content.decode() == "You have been unsubscribed."
    assert Subscriber.objects.get().status == "unsubscribed"


def test_unsubscribing_stops_an_email_still_waiting_to_be_sent(client):
    subscriber = make_subscriber(pending_email="confirmation")
    client.post(f"/newsletter/unsubscribe/{subscriber.make_unsubscribe_token()}/")
    subscriber.refresh_from_db()
    assert subscriber.pending_email == ""


def test_old_unsubscribe_links_keep_working_for_a_long_time(client):
    with time_machine.travel("2026-01-01 10:00Z", tick=False) as clock:
        subscriber = make_subscriber(status="confirmed")
        token = subscriber.make_unsubscribe_token()
        clock.shift(timedelta(days=400))
        assert client.post(f"/newsletter/unsubscribe/{token}/").status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_an_expired_unsubscribe_link_shows_a_clear_page(client):
    with time_machine.travel("2026-01-01 10:00Z", tick=False) as clock:
        subscriber = make_subscriber(status="confirmed")
        token = subscriber.make_unsubscribe_token()
        clock.shift(timedelta(days=3 * 365))
        response = client.get(f"/newsletter/unsubscribe/{token}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert 'href="/contact/"' in response.content.decode()


@pytest.mark.parametrize("token", ["garbage", "a" * 3000, "%00"])
def test_a_tampered_unsubscribe_link_shows_a_clear_page(client, token):
    response = client.post(
        f"/newsletter/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert client.get(f"/newsletter/unsubscribe/{token}/").status_code == 400


def test_a_confirm_token_cannot_be_used_to_unsubscribe(client):
    subscriber = make_subscriber(status="confirmed")
    response = client.post(f"/newsletter/unsubscribe/{subscriber.make_confirm_token()}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
