import csv
import io

import pytest
from django.core import mail
from django.test import Client

from events.admin import csv_cell
from events.models import Event, Registration
from tests.factories import make_event, make_registration, make_user

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def event_form(**overrides) -> dict:
    data = {
        "title": "A new round table",
        "slug": "a-new-round-table",
        "language": "en",
        "summary": "",
        "body": "<p>Hello</p><script>alert(1)</script>",
        "agenda": "",
        "starts_at_0": "2030-05-12",
        "starts_at_1": "15:00:00",
        "ends_at_0": "2030-05-12",
        "ends_at_1": "16:30:00",
        "time_zone": "Europe/Brussels",
        "format": "in_person",
        "venue": "Résidence Palace",
        "venue_address": "",
        "online_url": "",
        "registration": "open",
        "registration_url": "",
        "capacity": "10",
        "status": "draft",
        "recording_url": "",
        "slides_url": "",
        "recap": "",
        "speakerships-TOTAL_FORMS": "0",
        "speakerships-INITIAL_FORMS": "0",
        "speakerships-MIN_NUM_FORMS": "0",
        "speakerships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_writer_drafts_an_event_but_cannot_publish_it():
    writer = logged_in(make_user("Writers"))
    response = writer.post("/admin/events/event/add/", event_form(status="published"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT  # the status field is read-only for writers
    assert "<script>" not in event.body
    response = writer.post(
        "/admin/events/event/",
        {"action": "publish_selected", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    published = make_event()
    assert writer.get(f"/admin/events/event/{published.pk}/change/").status_code in {200, 403}
    response = writer.post(
        f"/admin/events/event/{published.pk}/change/", event_form(slug=published.slug)
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title != "A new round table"


def test_an_editor_publishes_cancels_and_closes_registration():
    editor = logged_in(make_user("Editors"))
    event = make_event(status=Event.Status.DRAFT)
    editor.post(
        "/admin/events/event/", {"action": "publish_selected", "_selected_action": [event.pk]}
    )
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    editor.post(
        "/admin/events/event/", {"action": "close_registration", "_selected_action": [event.pk]}
    )
    event.refresh_from_db()
    assert event.is_registration_closed
    editor.post(
        "/admin/events/event/", {"action": "cancel_selected", "_selected_action": [event.pk]}
    )
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


def test_event_history_is_kept():
    editor = logged_in(make_user("Editors"))
    event = make_event()
    event.title = "Renamed"
    event.save()
    assert event.history.count() == 2
    assert editor.get(f"/admin/events/event/{event.pk}/history/").status_code == 200


def test_registrations_list_filters_and_moves_someone_from_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    editor = logged_in(make_user("Editors"))
    event = make_event(capacity=1)
    make_registration(event)
    waiting = make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    response = editor.get(
        "/admin/events/registration/", {"status__exact": "waitlisted", "when": "upcoming"}
    )
    assert response.status_code == 200
    assert waiting.email in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            "/admin/events/registration/",
            {"action": "move_from_waiting_list", "_selected_action": [waiting.pk]},
        )
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_csv_export_quotes_formula_cells():
    editor = logged_in(make_user("Editors"))
    event = make_event(title='=HYPERLINK("http://evil.example")')
    registration = make_registration(event, name="+SUM(A1:A9)", email="ana@example.org")
    response = editor.post(
        "/admin/events/registration/",
        {"action": "export_csv", "_selected_action": [registration.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["event", "name", "email"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][1] == "'+SUM(A1:A9)"
    assert rows[1][2] == "ana@example.org"


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=1+1", "'=1+1"), ("-2", "'-2"), ("@x", "'@x"), ("plain", "plain"), (None, "")],
)
def test_csv_cell(value, shown):
    assert csv_cell(value) == shown


def test_writers_see_but_cannot_change_registrations():
    writer = logged_in(make_user("Writers"))
    event = make_event(capacity=1)
    waiting = make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    assert writer.get("/admin/events/registration/").status_code == 200
    writer.post(
        "/admin/events/registration/",
        {"action": "move_from_waiting_list", "_selected_action": [waiting.pk]},
    )
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED


def test_an_event_cannot_take_the_address_of_an_events_page():
    editor = logged_in(make_user("Editors"))
    response = editor.post("/admin/events/event/add/", event_form(slug="past"))
    assert response.status_code == 200
    assert "taken by the events pages" in response.content.decode()
    assert not Event.objects.exists()


def test_admin_pages_open_for_editors():
    editor = logged_in(make_user("Editors"))
    event = make_event()
    make_registration(event)
    for path in [
        "/admin/events/event/",
        "/admin/events/event/add/",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/events/registration/",
        f"/admin/events/registration/{event.registrations.get().pk}/change/",
    ]:
        assert editor.get(path).status_code == 200, path
    change = editor.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert f"/events/preview/{event.pk}/" in change
    assert "1 confirmed, 0 on the waiting list" in change


def test_times_are_typed_and_shown_in_the_events_own_zone():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    editor = logged_in(make_user("Editors"))
    response = editor.post("/admin/events/event/add/", event_form(time_zone="America/Sao_Paulo"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == datetime(2030, 5, 12, 15, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert event.ends_at == datetime(2030, 5, 12, 16, 30, tzinfo=ZoneInfo("America/Sao_Paulo"))
    change = editor.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'value="15:00:00"' in change


def test_an_editor_drafts_an_invitation_to_subscribers_from_an_event(client):
    from newsletter.models import Campaign
    from tests.factories import make_category

    topic = make_category(name="Energy")
    event = make_event(title="Round table on grids", topic=topic, language="es")
    client.force_login(make_user("Editors"))
    response = client.post(
        "/admin/events/event/",
        {"action": "invite_subscribers", "_selected_action": [event.pk]},
        follow=True,
    )
    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.DRAFT  # nothing is sent without an editor
    assert campaign.kind == Campaign.Kind.EVENT
    assert campaign.subject == "Round table on grids"
    assert campaign.interests == ["events"]
    assert campaign.languages == ["es"]
    assert list(campaign.topics.all()) == [topic]
    assert f"/es/events/{event.slug}/" in campaign.body or event.get_absolute_url() in campaign.body
    assert f"/admin/newsletter/campaign/{campaign.pk}/change/" in response.content.decode()


def test_a_past_event_cannot_be_announced(client):
    from datetime import timedelta

    from django.utils import timezone

    from newsletter.models import Campaign

    start = timezone.now() - timedelta(days=3)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=1))
    client.force_login(make_user("Editors"))
    client.post(
        "/admin/events/event/", {"action": "invite_subscribers", "_selected_action": [event.pk]}
    )
    assert not Campaign.objects.exists()
