import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_loaddemo_adds_a_realistic_programme_once(client):
    call_command("loaddemo", verbosity=0)
    public = Event.objects.public()
    now = timezone.now()
    assert public.filter(starts_at__gt=now, status="published").count() >= 3
    past = public.filter(ends_at__lt=now).exclude(recording_url="")
    assert past.exists(), "a past event with a recording"
    assert public.filter(status="cancelled").exists()
    assert public.filter(format="online").exists()
    assert public.filter(format="hybrid").exists()
    nearly_full = [
        event
        for event in public.filter(capacity__isnull=False, starts_at__gt=now)
        if event.capacity - event.registrations.filter(status="confirmed").count() == 1
    ]
    assert nearly_full, "one event with a single seat left"
    assert all(event.speakers.exists() for event in public)
    counts = (Event.objects.count(), Registration.objects.count())
    call_command("loaddemo", verbosity=0)
    assert (Event.objects.count(), Registration.objects.count()) == counts
    for event in public:
        assert client.get(event.get_absolute_url()).status_code == 200
    assert "Next event" in client.get("/").content.decode()
