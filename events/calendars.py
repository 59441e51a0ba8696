"""
Events as iCalendar (RFC 5545), for "Add to calendar", calendar subscriptions and
the file attached to a confirmation email.

Times are written in the event's own time zone (`TZID`), with that zone's
VTIMEZONE definition in the file, so calendars show the right hour on both sides
of a daylight-saving change.
The UID never changes for an event; SEQUENCE is the event's `sequence`, raised
on every change of time, place or status. The online link is never written here:
a file on a public address could be passed around (registrants get the link by email).
"""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from articles.sanitize import plain_text

PRODID = "-//StateUp//Events//EN"


def _calendar(name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def uid(event) -> str:
    host = settings.STATEUP_SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{event.uid}@{host or 'stateup'}"


def location(event) -> str:
    parts = [event.venue, " ".join(event.venue_address.split())] if event.is_in_person else []
    return ", ".join(part for part in parts if part)


def calendar_event(event, *, base_url: str) -> CalendarEvent:
    entry = CalendarEvent()
    url = base_url + event.get_absolute_url()
    entry.add("uid", uid(event))
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(event.zone))
    entry.add("dtend", event.ends_at.astimezone(event.zone))
    entry.add("last-modified", event.updated_at.astimezone(UTC))
    entry.add("summary", event.title)
    description = plain_text(event.summary)
    entry.add("description", f"{description}\n\n{url}".strip())
    entry.add("url", url)
    place = location(event)
    if place:
        entry.add("location", place)
    if event.is_cancelled:
        entry.add("status", "CANCELLED")
    elif event.is_postponed:
        entry.add("status", "TENTATIVE")
    else:
        entry.add("status", "CONFIRMED")
    entry.add("transp", "OPAQUE")
    return entry


def event_ics(event, *, base_url: str, method: str = "PUBLISH") -> bytes:
    calendar = _calendar()
    calendar.add("method", method)
    calendar.add("x-wr-timezone", event.time_zone)
    calendar.add_component(calendar_event(event, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def events_ics(events, *, base_url: str, name: str) -> bytes:
    calendar = _calendar(name)
    calendar.add("method", "PUBLISH")
    for event in events:
        calendar.add_component(calendar_event(event, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
