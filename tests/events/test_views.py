from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Event
from tests.factories import make_article, make_author, make_event, make_registration

pytestmark = pytest.mark.django_db

NOT_PUBLIC = {"status": Event.Status.DRAFT}


def past(**overrides):
    start = timezone.now() - timedelta(days=3)
    return make_event(**{"starts_at": start, "ends_at": start + timedelta(hours=2), **overrides})


def test_upcoming_list_is_soonest_first_and_leaves_out_past_and_drafts(client):
    later = make_event(
        starts_at=timezone.now() + timedelta(days=20),
        ends_at=timezone.now() + timedelta(days=20, hours=1),
    )
    sooner = make_event(
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=1),
    )
    draft = make_event(**NOT_PUBLIC)
    old = past()
    html = client.get("/events/").content.decode()
    assert html.index(sooner.title) < html.index(later.title)
    assert draft.title not in html
    assert old.title not in html


def test_past_list_is_newest_first_paginated_and_a_bad_page_is_404(client):
    older = past(
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=1),
    )
    newer = past()
    html = client.get("/events/past/").content.decode()
    assert html.index(newer.title) < html.index(older.title)
    for bad in ["0", "2", "x", "-1", "99999999", "１"]:
        assert client.get("/events/past/", {"page": bad}).status_code == 404


def test_draft_event_is_404_everywhere(client):
    event = make_event(**NOT_PUBLIC)
    for path in [
        f"/events/{event.slug}/",
        f"/events/{event.slug}/event.ics",
        f"/events/{event.slug}/register/",
    ]:
        assert client.get(path).status_code == 404
    for path in [
        "/events/",
        "/events/past/",
        "/events/calendar.ics",
        "/events/feed/",
        "/sitemap.xml",
        "/",
    ]:
        assert event.title not in client.get(path).content.decode(), path
        assert event.slug not in client.get(path).content.decode(), path


def test_event_page_shows_both_time_zones_speakers_moderator_and_related_briefs(client):
    speaker = make_author(name="Ana Lima")
    moderator = make_author(name="Jan Peeters")
    brief = make_article(title="Digital alliance brief")
    draft_brief = make_article(title="Secret draft brief", status="draft", published_at=None)
    event = make_event(speakers=[speaker], related=[brief, draft_brief], moderator=moderator)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Ana Lima" in html
    assert "Jan Peeters" in html
    assert "Digital alliance brief" in html
    assert "Secret draft brief" not in html
    assert "15:00–16:30 CET" in html or "15:00–16:30 CEST" in html
    assert "BRT" in html
    assert "application/ld+json" in html


def test_cancelled_event_says_so_and_takes_no_registration(client):
    event = make_event(status=Event.Status.CANCELLED)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "This event is cancelled." in html
    assert 'id="register-form"' not in html
    response = client.post(
        f"/events/{event.slug}/register/",
        {"email": "a@example.org", "name": "A", "consent": "on"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 409
    assert not event.registrations.exists()


def test_past_event_says_past_and_shows_the_recording(client):
    event = past(
        recording_url="https://video.example.org/recording",
        slides_url="https://example.org/slides.pdf",
        recap="<p>What was said.</p>",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Past event" in html
    assert "https://video.example.org/recording" in html
    assert "What was said." in html
    assert 'id="register-form"' not in html


def test_recording_is_not_shown_before_the_event(client):
    event = make_event(recording_url="https://video.example.org/recording")
    assert "video.example.org" not in client.get(event.get_absolute_url()).content.decode()


def test_author_page_links_their_events(client):
    speaker = make_author()
    make_article(authors=[speaker])
    event = make_event(speakers=[speaker])
    draft = make_event(speakers=[speaker], **NOT_PUBLIC)
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert event.get_absolute_url() in html
    assert draft.get_absolute_url() not in html


def test_home_page_shows_the_next_event(client):
    make_article()
    later = make_event(
        starts_at=timezone.now() + timedelta(days=20),
        ends_at=timezone.now() + timedelta(days=20, hours=1),
    )
    sooner = make_event(
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=1),
    )
    html = client.get("/").content.decode()
    assert sooner.title in html
    assert later.title not in html


def test_staff_preview_shows_a_draft_to_staff_only(staff_client):
    event = make_event(**NOT_PUBLIC)
    assert Client().get(f"/events/preview/{event.pk}/").status_code == 302
    response = staff_client.get(f"/events/preview/{event.pk}/")
    assert response.status_code == 200
    assert event.title in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm the process's caches (content version, sessions)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_event_pages_cost_the_same_whatever_the_number_of_speakers_registrations_or_events(
    client, settings
):
    """Four queries for the list, the past list and an event page, with 1 event or 8."""
    settings.STATEUP_PAGE_CACHE = False  # what making the page costs, not serving it

    def build(speakers: int, events: int) -> Event:
        built = []
        for _ in range(events):
            event = make_event(
                speakers=[make_author() for _ in range(speakers)],
                capacity=50,
                related=[make_article()],
            )
            for _ in range(speakers):
                make_registration(event)
            built.append(event)
        start = timezone.now() - timedelta(days=5)
        for _ in range(events):
            make_event(
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                speakers=[make_author() for _ in range(speakers)],
            )
        return built[0]

    small = build(speakers=0, events=1)
    counts_small = [
        _queries(client, path) for path in ("/events/", "/events/past/", small.get_absolute_url())
    ]
    Event.objects.all().delete()
    large = build(speakers=6, events=8)
    counts_large = [
        _queries(client, path) for path in ("/events/", "/events/past/", large.get_absolute_url())
    ]
    assert counts_small == counts_large
    assert max(counts_large) <= 4


def test_event_pages_are_cached_like_other_public_pages(client):
    event = make_event()
    for path in ("/events/", "/events/past/", event.get_absolute_url()):
        assert client.get(path)["X-Page-Cache"] == "miss"
        assert client.get(path)["X-Page-Cache"] == "hit"


def test_a_full_event_shows_full_at_once(client):
    event = make_event(capacity=1)
    assert "1 seat left." in client.get(event.get_absolute_url()).content.decode()
    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "hit"
    make_registration(event)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "The event is full" in html
    assert "Full: waiting list" in client.get("/events/").content.decode()


def test_external_registration_links_out(client):
    event = make_event(
        registration=Event.RegistrationMode.EXTERNAL,
        registration_url="https://tickets.example.org/e/1",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "https://tickets.example.org/e/1" in html
    assert 'id="register-form"' not in html
