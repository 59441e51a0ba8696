from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine

from events.models import Event
from events.times import event_times
from tests.factories import make_event

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def parse(response) -> icalendar.Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_round_trips_start_end_zone_status_and_uid(client):
    start = datetime(2027, 5, 12, 15, 0, tzinfo=SAO_PAULO)
    event = make_event(
        starts_at=start, ends_at=start + timedelta(minutes=90), time_zone="America/Sao_Paulo"
    )
    calendar = parse(client.get(f"/events/{event.slug}/event.ics"))
    (entry,) = calendar.events
    assert entry.start == start
    assert entry.start.tzinfo.key == "America/Sao_Paulo"
    assert entry.end == start + timedelta(minutes=90)
    assert str(entry["status"]) == "CONFIRMED"
    assert str(entry["uid"]) == f"{event.uid}@127.0.0.1"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Sao_Paulo"]


def test_uid_is_stable_and_sequence_rises_on_changes_that_matter(client):
    event = make_event()
    first = parse(client.get(f"/events/{event.slug}/event.ics")).events[0]
    event.summary = "A better summary"
    event.save()
    unchanged = parse(client.get(f"/events/{event.slug}/event.ics")).events[0]
    assert unchanged["uid"] == first["uid"]
    assert unchanged["sequence"] == first["sequence"]
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event.save()
    moved = parse(client.get(f"/events/{event.slug}/event.ics")).events[0]
    assert moved["uid"] == first["uid"]
    assert moved["sequence"] == first["sequence"] + 1
    event.status = Event.Status.CANCELLED
    event.save()
    cancelled = parse(client.get(f"/events/{event.slug}/event.ics")).events[0]
    assert str(cancelled["status"]) == "CANCELLED"
    assert cancelled["sequence"] == first["sequence"] + 2


def test_calendar_lists_upcoming_public_events_only(client):
    upcoming = make_event()
    cancelled = make_event(status=Event.Status.CANCELLED)
    draft = make_event(status=Event.Status.DRAFT)
    start = datetime(2020, 1, 1, 10, tzinfo=BRUSSELS)
    old = make_event(starts_at=start, ends_at=start + timedelta(hours=1))
    calendar = parse(client.get("/events/calendar.ics"))
    summaries = {str(entry["summary"]) for entry in calendar.events}
    assert summaries == {upcoming.title, cancelled.title}
    assert draft.title not in summaries
    assert old.title not in summaries


def test_times_across_the_brussels_spring_change():
    """29 March 2026: Brussels moves to CEST in the night; São Paulo stays on BRT."""
    before = make_event(
        starts_at=datetime(2026, 3, 28, 15, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 3, 28, 16, 30, tzinfo=BRUSSELS),
    )
    after = make_event(
        starts_at=datetime(2026, 3, 29, 15, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 3, 29, 16, 30, tzinfo=BRUSSELS),
    )
    assert event_times(before)["line"] == "15:00–16:30 CET · 11:00–12:30 BRT"
    assert event_times(after)["line"] == "15:00–16:30 CEST · 10:00–11:30 BRT"


def test_times_across_a_sao_paulo_daylight_saving_change():
    """São Paulo's last summer time began on 4 November 2018 (00:00 became 01:00)."""
    before = make_event(
        time_zone="America/Sao_Paulo",
        starts_at=datetime(2018, 11, 3, 11, 0, tzinfo=SAO_PAULO),
        ends_at=datetime(2018, 11, 3, 12, 30, tzinfo=SAO_PAULO),
    )
    after = make_event(
        time_zone="America/Sao_Paulo",
        starts_at=datetime(2018, 11, 5, 11, 0, tzinfo=SAO_PAULO),
        ends_at=datetime(2018, 11, 5, 12, 30, tzinfo=SAO_PAULO),
    )
    assert event_times(before)["line"] == "11:00–12:30 BRT · 15:00–16:30 CET"
    assert event_times(after)["line"] == "11:00–12:30 BRST · 14:00–15:30 CET"


def test_an_event_spanning_the_change_night_keeps_its_real_length_in_the_ics(client):
    start = datetime(2026, 10, 25, 1, 30, tzinfo=BRUSSELS)  # before clocks go back at 03:00 CEST
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=3))
    entry = parse(client.get(f"/events/{event.slug}/event.ics")).events[0]
    assert entry.end - entry.start == timedelta(hours=3)
    assert entry.start.utcoffset() == timedelta(hours=2)
    assert entry.end.utcoffset() == timedelta(hours=1)


def test_the_page_shows_the_time_in_the_events_zone_whatever_the_site_zone(client, settings):
    settings.TIME_ZONE = "UTC"
    start = datetime(2027, 6, 1, 15, 0, tzinfo=BRUSSELS)
    event = make_event(starts_at=start, ends_at=start + timedelta(minutes=90))
    with time_machine.travel(datetime(2027, 5, 1, tzinfo=BRUSSELS)):
        html = client.get(event.get_absolute_url()).content.decode()
    assert "15:00–16:30 CEST" in html
    assert "10:00–11:30 BRT" in html


def test_a_postponed_event_is_tentative_in_calendars(client):
    event = make_event(is_postponed=True)
    entry = parse(client.get(f"/events/{event.slug}/event.ics")).events[0]
    assert str(entry["status"]) == "TENTATIVE"
