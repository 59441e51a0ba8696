from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Campaign, Subscriber
from tests.factories import make_article, make_category, make_subscriber, make_user

pytestmark = pytest.mark.django_db


def confirmed(**overrides):
    return make_subscriber(status=Subscriber.Status.CONFIRMED, **overrides)


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("Editors"))
    return client


def announce(client, article):
    return client.post(reverse("admin:articles_article_announce", args=[article.pk]), follow=True)


def test_send_this_brief_goes_to_updates_readers_of_its_topic(editor_client):
    energy, water = make_category(), make_category()
    article = make_article(
        category=energy, status="published", published_at=timezone.now() - timedelta(hours=1)
    )
    wants = confirmed(interests=["updates"])
    wants.topics.set([energy])
    other_topic = confirmed(interests=["updates"])
    other_topic.topics.set([water])
    confirmed(interests=["events"])
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Send this brief to subscribers" in page.content.decode()
    response = announce(editor_client, article)
    assert response.status_code == 200
    assert [message.to for message in mail.outbox] == [[wants.email]]
    assert mail.outbox[0].subject == article.title
    assert article.get_absolute_url() in mail.outbox[0].body
    # Twice is refused, and sends nothing more.
    response = announce(editor_client, article)
    assert "already been sent" in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_scheduled_brief_is_sent_when_it_goes_live(editor_client, time_machine):
    confirmed(interests=["updates"])
    live_at = timezone.now() + timedelta(days=1)
    article = make_article(status="published", published_at=live_at)
    announce(editor_client, article)
    campaign = Campaign.objects.get(article=article)
    assert campaign.status == Campaign.Status.SCHEDULED
    assert campaign.scheduled_at == live_at
    assert mail.outbox == []
    time_machine.move_to(live_at + timedelta(minutes=1))
    assert tasks.start_scheduled_campaign.call(campaign.pk) is True
    assert len(mail.outbox) == 1


def test_a_draft_brief_cannot_be_sent(editor_client):
    confirmed(interests=["updates"])
    article = make_article(status="draft")
    response = announce(editor_client, article)
    assert "Only a published or scheduled brief" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_writer_cannot_send_a_brief(client):
    client.force_login(make_user("Writers"))
    article = make_article(status="published", published_at=timezone.now())
    response = client.post(reverse("admin:articles_article_announce", args=[article.pk]))
    assert response.status_code == 403
    assert not Campaign.objects.exists()


def test_the_digest_is_drafted_from_briefs_since_the_last_one_and_never_sent(editor_client):
    confirmed(interests=["newsletter"])
    first = make_article(status="published", published_at=timezone.now() - timedelta(days=3))
    call_command("draftdigest")
    digest = Campaign.objects.get(kind=Campaign.Kind.DIGEST)
    assert digest.status == Campaign.Status.DRAFT
    assert first.title in digest.body
    assert mail.outbox == []
    second = make_article(status="published", published_at=timezone.now())
    response = editor_client.post(reverse("admin:newsletter_campaign_draft_digest"), follow=True)
    assert response.status_code == 200
    newest = Campaign.objects.filter(kind=Campaign.Kind.DIGEST).order_by("-pk").first()
    assert second.title in newest.body
    assert first.title not in newest.body
    assert mail.outbox == []
    response = editor_client.post(reverse("admin:newsletter_campaign_draft_digest"), follow=True)
    assert "No brief was published since the last digest." in response.content.decode()


def test_a_spanish_brief_is_announced_to_spanish_readers_and_digested_in_spanish():
    from newsletter.drafting import draft_digests

    brief = make_article(language="es", title="Un informe en español")
    make_article(title="An English brief")
    digests = {campaign.languages[0]: campaign for campaign in draft_digests()}
    assert "Un informe en español" in digests["es"].body
    assert "An English brief" not in digests["es"].body
    assert "Un informe en español" not in digests["en"].body
    assert f"/es/articles/{brief.slug}/" in digests["es"].body
