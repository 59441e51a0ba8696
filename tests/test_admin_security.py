"""Staff login: throttled by django-axes, sessions that end, admin only over HTTPS."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-42"


def attempt(client, username, password, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def test_five_failures_lock_the_login_with_a_clear_message_for_15_minutes(client):
    make_user("Editors", username="ed", password=PASSWORD)
    for _ in range(4):
        assert attempt(client, "ed", "wrong").status_code == 200
    locked = attempt(client, "ed", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed login attempts" in page
    assert "blocked after 5 failed attempts" in page
    assert "Try again in 0:15:00" in page
    # Even the right password is refused while locked out.
    assert attempt(client, "ed", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = attempt(client, "ed", PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_a_lockout_is_per_user_and_address(client):
    make_user("Editors", username="ed", password=PASSWORD)
    for _ in range(5):
        attempt(client, "ed", "wrong", REMOTE_ADDR="198.51.100.7")
    assert attempt(client, "ed", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert attempt(client, "ed", PASSWORD, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_behind_the_proxy_the_client_address_comes_from_x_forwarded_for(client, settings):
    settings.STATEUP_PROXY_COUNT = 1
    make_user("Editors", username="ed", password=PASSWORD)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(5):
        # A client cannot escape by putting addresses of its own in the header.
        attempt(client, "ed", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5", **proxy)
    assert (
        attempt(client, "ed", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code
        == 429
    )
    # Another reader behind the same proxy is not locked out with the first.
    assert (
        attempt(client, "ed", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy).status_code
        == 302
    )


def test_a_successful_login_resets_the_failure_count(client):
    make_user("Editors", username="ed", password=PASSWORD)
    for _ in range(4):
        attempt(client, "ed", "wrong")
    assert attempt(client, "ed", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "ed", "wrong")
    assert attempt(client, "ed", PASSWORD).status_code == 302


def test_staff_sessions_end_with_the_browser_and_expire(client, settings):
    make_user("Editors", username="ed", password=PASSWORD)
    response = attempt(client, "ed", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 12


def test_the_admin_is_served_only_over_https_in_production_settings(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(LOGIN)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/admin/login/"
    assert client.get(LOGIN, HTTP_X_FORWARDED_PROTO="https").status_code == 200


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "203.0.113.5, 198.51.100.1", "203.0.113.5"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_entries_our_proxies_added(
    rf, settings, count, forwarded, expected
):
    from publicforms.clients import client_ip

    settings.STATEUP_PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == expected
