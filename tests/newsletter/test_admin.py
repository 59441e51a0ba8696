"""Staff: the subscriber list, its CSV export and actions; contact messages."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from newsletter.admin import spreadsheet_safe
from newsletter.models import ContactMessage, Subscriber
from tests.factories import make_contact_message, make_subscriber

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/newsletter/subscriber/"
EXPORT = "/admin/newsletter/subscriber/export.csv"


def listed_emails(response) -> set[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {cell.get_text(strip=True) for cell in soup.select("#result_list th.field-email")}


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_changelist_searches_by_address_and_name(staff_client):
    make_subscriber(email="ana@example.org", name="Ana Lima")
    make_subscriber(email="bo@example.org", name="Bo")
    assert listed_emails(staff_client.get(CHANGELIST, {"q": "lima"})) == {"ana@example.org"}
    assert listed_emails(staff_client.get(CHANGELIST, {"q": "bo@"})) == {"bo@example.org"}


def test_changelist_filters_by_status_interest_and_unsent_email(staff_client):
    make_subscriber(email="p@example.org", interests=["events"])
    make_subscriber(email="c@example.org", status="confirmed", interests=["updates", "newsletter"])
    make_subscriber(email="u@example.org", status="unsubscribed", pending_email="")
    make_subscriber(email="w@example.org", pending_email="confirmation", send_attempts=3)
    assert listed_emails(staff_client.get(CHANGELIST, {"status__exact": "confirmed"})) == {
        "c@example.org"
    }
    assert listed_emails(staff_client.get(CHANGELIST, {"interest": "events"})) == {"p@example.org"}
    assert listed_emails(staff_client.get(CHANGELIST, {"interest": "newsletter"})) == {
        "c@example.org",
        "u@example.org",
        "w@example.org",
    }
    assert listed_emails(staff_client.get(CHANGELIST, {"delivery": "unsent"})) == {"w@example.org"}
    assert listed_emails(staff_client.get(CHANGELIST, {"delivery": "failed"})) == {"w@example.org"}


def test_changelist_shows_counts_by_status(staff_client):
    make_subscriber(status="confirmed")
    make_subscriber(status="confirmed")
    make_subscriber()
    soup = BeautifulSoup(staff_client.get(CHANGELIST).content, "html.parser")
    counts = soup.find(class_="subscriber-counts").get_text(" ", strip=True)
    assert "Confirmed: 2" in counts
    assert "Pending confirmation: 1" in counts
    assert "Unsubscribed: 0" in counts


def test_changelist_queries_do_not_grow_with_the_number_of_subscribers(
    staff_client, django_assert_max_num_queries
):
    for _ in range(3):
        make_subscriber()
    staff_client.get(CHANGELIST)
    with django_assert_max_num_queries(12) as few:
        staff_client.get(CHANGELIST)
    for _ in range(30):
        make_subscriber()
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(CHANGELIST)


def test_the_export_link_keeps_the_filters(staff_client):
    soup = BeautifulSoup(
        staff_client.get(CHANGELIST, {"status__exact": "confirmed"}).content, "html.parser"
    )
    assert soup.find("a", class_="export-link")["href"] == f"{EXPORT}?status__exact=confirmed"


def test_csv_export_streams_the_filtered_list(staff_client):
    make_subscriber(email="c@example.org", status="confirmed", interests=["events", "updates"])
    make_subscriber(email="p@example.org")
    response = staff_client.get(EXPORT, {"status__exact": "confirmed"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subscribers-')
    header, *rows = read_csv(response)
    assert header[:4] == ["email", "name", "status", "interests"]
    assert [row[0] for row in rows] == ["c@example.org"]
    assert rows[0][3] == "events updates"


def test_csv_export_follows_the_search_box(staff_client):
    make_subscriber(email="ana@example.org", name="Ana")
    make_subscriber(email="bo@example.org", name="Bo")
    _header, *rows = read_csv(staff_client.get(EXPORT, {"q": "ana"}))
    assert [row[0] for row in rows] == ["ana@example.org"]


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_export_cannot_inject_spreadsheet_formulas(staff_client, name):
    make_subscriber(name=name)
    _header, row = read_csv(staff_client.get(EXPORT))
    assert row[1] == "'" + name
    assert spreadsheet_safe("Ana") == "Ana"


def test_csv_export_is_for_staff_only(client, django_user_model):
    make_subscriber()
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    clerk = django_user_model.objects.create_user(username="clerk", password=None, is_staff=True)
    client.force_login(clerk)
    assert client.get(EXPORT).status_code == 403


def test_action_resend_confirmation_sends_to_pending_only(staff_client):
    pending = make_subscriber()
    confirmed = make_subscriber(status="confirmed")
    response = staff_client.post(
        CHANGELIST,
        {"action": "resend_confirmation", "_selected_action": [pending.pk, confirmed.pk]},
        follow=True,
    )
    assert [message.to for message in mail.outbox] == [[pending.email]]
    text = response.content.decode()
    assert "Queued 1 confirmation email; the worker sends it." in text
    assert "Skipped 1 subscriber who is not pending." in text


def test_action_unsubscribe(staff_client):
    subscriber = make_subscriber(status="confirmed")
    staff_client.post(
        CHANGELIST, {"action": "unsubscribe", "_selected_action": [subscriber.pk]}, follow=True
    )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_subscriber_page_shows_consent_and_delivery_state(staff_client):
    subscriber = make_subscriber(
        pending_email="confirmation", send_attempts=2, last_send_error="SMTPError: boom"
    )
    html = staff_client.get(f"{CHANGELIST}{subscriber.pk}/change/").content.decode()
    assert "SMTPError: boom" in html
    assert subscriber.consent_text in html


def test_contact_messages_can_be_marked_handled(staff_client):
    message = make_contact_message()
    url = "/admin/newsletter/contactmessage/"
    assert "Question" in staff_client.get(url).content.decode()
    staff_client.post(url, {"action": "mark_handled", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.is_handled is True
    assert message.handled_at is not None
    response = staff_client.get(url, {"is_handled__exact": "0"})
    assert message.subject not in response.content.decode()
    staff_client.post(url, {"action": "mark_unhandled", "_selected_action": [message.pk]})
    assert ContactMessage.objects.get().is_handled is False


def test_staff_edit_interests_as_checkboxes_and_status_changes_are_timed(staff_client):
    subscriber = make_subscriber(interests=["updates"], pending_email="welcome")
    url = f"{CHANGELIST}{subscriber.pk}/change/"
    response = staff_client.post(
        url,
        {
            "email": subscriber.email,
            "name": "Ana",
            "interests": ["events", "updates"],
            "status": "unsubscribed",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subscriber.refresh_from_db()
    assert subscriber.interests == ["updates", "events"]
    assert subscriber.unsubscribed_at is not None
    assert subscriber.pending_email == ""


def test_staff_cannot_add_an_address_twice_in_another_case(staff_client):
    make_subscriber(email="ana@example.org")
    response = staff_client.post(
        f"{CHANGELIST}add/",
        {"email": "ANA@example.org", "status": "pending", "language": "en", "interests": []},
    )
    assert response.status_code == 200
    assert "This address is already on the list." in response.content.decode()
    assert Subscriber.objects.count() == 1
