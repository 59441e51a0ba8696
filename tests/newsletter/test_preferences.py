import pytest
from django.core import mail
from django.urls import reverse

from newsletter import sending
from newsletter.models import Subscriber
from tests.factories import make_campaign, make_category, make_subscriber

pytestmark = pytest.mark.django_db


def url(subscriber):
    return reverse("newsletter:preferences", args=[subscriber.make_preferences_token()])


def test_the_preferences_page_changes_interests_topics_and_language(client):
    energy, water = make_category(name="Energy"), make_category(name="Water")
    reader = make_subscriber(status="confirmed", interests=["newsletter"])
    page = client.get(url(reader))
    assert page.status_code == 200
    assert "Energy" in page.content.decode()
    response = client.post(
        url(reader), {"interests": ["updates"], "topics": [water.pk], "language": "es"}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.interests == ["updates"]
    assert reader.language == "es"
    assert list(reader.topics.all()) == [water]
    # The next campaign respects it: an energy campaign no longer reaches them.
    make_subscriber(status="confirmed")  # someone else, so the campaign has an audience
    campaign = make_campaign()
    campaign.topics.set([energy])
    sending.start(campaign)
    assert reader.email not in [message.to[0] for message in mail.outbox]


def test_leaving_from_the_preferences_page(client):
    reader = make_subscriber(status="confirmed")
    client.post(url(reader), {"leave": "1"})
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.parametrize(
    "data",
    [
        {"interests": ["spam"], "language": "en"},
        {"topics": ["999999"], "language": "en"},
        {"language": "xx"},
        {"topics": ["abc"], "language": "en"},
    ],
)
def test_bad_choices_are_400_and_change_nothing(client, data):
    reader = make_subscriber(status="confirmed", interests=["newsletter"])
    response = client.post(url(reader), data)
    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.interests == ["newsletter"]
    assert reader.language == "en"


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "eyJzIjoxfQ:bad:sig"])
def test_unknown_links_answer_a_friendly_page(client, token):
    response = client.get(reverse("newsletter:preferences", args=[token]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_an_unsubscribe_token_is_not_a_preferences_token(client):
    reader = make_subscriber(status="confirmed")
    token = reader.make_unsubscribe_token()
    assert client.get(reverse("newsletter:preferences", args=[token])).status_code == 400


def test_an_expired_link_is_410(client, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now())
    reader = make_subscriber(status="confirmed")
    token = reader.make_preferences_token()
    time_machine.shift(3 * 365 * 86400)
    response = client.get(reverse("newsletter:preferences", args=[token]))
    assert response.status_code == 410
    assert "too old" in response.content.decode()


def test_the_preferences_page_has_a_fixed_query_budget(client, django_assert_max_num_queries):
    for n in range(30):
        make_category(name=f"Topic {n}")
    reader = make_subscriber(status="confirmed")
    reader.topics.set(reader.topics.model.objects.all()[:5])
    link = url(reader)
    client.get(link)  # warm the navigation cache
    with django_assert_max_num_queries(6):
        assert client.get(link).status_code == 200
