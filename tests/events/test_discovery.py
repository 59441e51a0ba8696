import json
import re

import feedparser
import pytest

from events.models import Event
from tests.factories import make_author, make_event

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


@pytest.mark.parametrize(
    ("overrides", "mode", "status", "location_types"),
    [
        ({}, "OfflineEventAttendanceMode", "EventScheduled", ["Place"]),
        (
            {"format": Event.Format.ONLINE, "online_url": "https://meet.example.org/x"},
            "OnlineEventAttendanceMode",
            "EventScheduled",
            ["VirtualLocation"],
        ),
        (
            {"format": Event.Format.HYBRID, "online_url": "https://meet.example.org/x"},
            "MixedEventAttendanceMode",
            "EventScheduled",
            ["Place", "VirtualLocation"],
        ),
        (
            {"status": Event.Status.CANCELLED},
            "OfflineEventAttendanceMode",
            "EventCancelled",
            ["Place"],
        ),
        ({"is_postponed": True}, "OfflineEventAttendanceMode", "EventPostponed", ["Place"]),
    ],
)
def test_json_ld_describes_the_event(client, overrides, mode, status, location_types):
    speaker = make_author(name="Ana Lima")
    event = make_event(speakers=[speaker], **overrides)
    data = json_ld(client.get(event.get_absolute_url()).content.decode())
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    assert data["eventStatus"] == f"https://schema.org/{status}"
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert [location["@type"] for location in locations] == location_types
    assert data["organizer"]["@type"] == "Organization"
    assert data["performer"][0]["name"] == "Ana Lima"
    assert data["startDate"].startswith(
        event.starts_at.astimezone(event.zone).strftime("%Y-%m-%dT%H:%M")
    )


def test_open_graph_tags(client):
    event = make_event(title="Launch of the brief")
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Launch of the brief">' in html


def test_feed_lists_public_events_and_says_when_cancelled(client):
    upcoming = make_event(title="Upcoming one")
    cancelled = make_event(title="Called off", status=Event.Status.CANCELLED)
    draft = make_event(title="Not yet", status=Event.Status.DRAFT)
    feed = feedparser.parse(client.get("/events/feed/").content)
    titles = [entry.title for entry in feed.entries]
    assert upcoming.title in titles
    assert f"Cancelled: {cancelled.title}" in titles
    assert draft.title not in titles


def test_sitemap_lists_public_events_and_the_event_lists(client):
    public = make_event()
    draft = make_event(status=Event.Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml
    assert "/events/past/" in xml


@pytest.mark.parametrize("events", [1, 10])
def test_the_sitemap_and_feed_cost_the_same_with_more_events(
    client, django_assert_max_num_queries, events
):
    for _ in range(events):
        make_event(topic=None)
    with django_assert_max_num_queries(8):
        client.get("/sitemap.xml")
    with django_assert_max_num_queries(2):
        client.get("/events/feed/")
