"""
Campaigns written from briefs: "send this brief to subscribers" from a brief's
workflow panel, and the digest ("the newsletter") drafted from the briefs
published since the last one. A digest is only ever a draft: an editor reads,
edits and sends it.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.models import Article
from newsletter import sending
from newsletter.models import Campaign, Subscriber

BRIEF_INTEREST = Subscriber.Interest.UPDATES
DIGEST_INTEREST = Subscriber.Interest.NEWSLETTER


def _language(article) -> str:
    return article.language or settings.LANGUAGE_CODE


def announce_brief(article: Article, *, by=None) -> Campaign:
    """
    Email a published or scheduled brief to the subscribers interested in updates
    and its topic, in its language: now if it is live, else when it goes live.
    Raises CampaignRefused if it cannot (not published, already announced, nobody).
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if not (article.is_public or article.is_scheduled):
            raise sending.CampaignRefused(
                _("Only a published or scheduled brief can be sent to subscribers.")
            )
        if (
            Campaign.objects.filter(article=article, kind=Campaign.Kind.BRIEF)
            .exclude(status__in=[Campaign.Status.DRAFT, Campaign.Status.FAILED])
            .exists()
        ):
            raise sending.CampaignRefused(
                _("This brief has already been sent or scheduled to subscribers.")
            )
        with override(_language(article)):
            body = render_to_string(
                "newsletter/email/brief_body.html",
                {"article": article, "site_url": settings.STATEUP_SITE_URL},
            )
        campaign = Campaign.objects.create(
            kind=Campaign.Kind.BRIEF,
            article=article,
            subject=article.title[:150],
            preheader=" ".join(article.summary.split())[:200],
            body=body,
            interests=[BRIEF_INTEREST],
            languages=[_language(article)],
            created_by=by,
        )
        if article.category_id:
            campaign.topics.set([article.category_id])
        sending.check_sendable(campaign)
        if article.is_scheduled:
            campaign.schedule(article.published_at)
        else:
            sending.start(campaign)
    return campaign


def draft_digests(*, by=None, languages=None) -> list[Campaign]:
    """Draft one digest per language with briefs published since that language's last digest."""
    drafts = []
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        last = (
            Campaign.objects.filter(kind=Campaign.Kind.DIGEST, languages=[language])
            .order_by("-created_at")
            .first()
        )
        briefs = (
            Article.objects.published()
            .filter(language=language)
            .select_related("category")
            .newest_first()
        )
        if last is not None:
            briefs = briefs.filter(published_at__gt=last.created_at)
        briefs = list(briefs[:20])
        if not briefs:
            continue
        with override(language):
            subject = _("The StateUp newsletter, %(date)s") % {
                "date": date_format(timezone.localdate(), "F Y")
            }
            body = render_to_string(
                "newsletter/email/digest_body.html",
                {"briefs": briefs, "site_url": settings.STATEUP_SITE_URL},
            )
        drafts.append(
            Campaign.objects.create(
                kind=Campaign.Kind.DIGEST,
                subject=subject[:150],
                preheader=" · ".join(brief.title for brief in briefs)[:200],
                body=body,
                interests=[DIGEST_INTEREST],
                languages=[language],
                created_by=by,
            )
        )
    return drafts


EVENT_INTEREST = Subscriber.Interest.EVENTS


def draft_invitation(event, *, by=None) -> Campaign:
    """
    A draft inviting the subscribers interested in events (and the event's topic) who
    read its language: an editor reads, edits and sends it. Only for a public event
    still to come.
    """
    from events.times import event_times

    if event.status != event.Status.PUBLISHED or event.is_past:
        raise sending.CampaignRefused(_("Only a published event still to come can be announced."))
    with override(event.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "newsletter/email/event_body.html",
            {"event": event, "times": event_times(event), "site_url": settings.STATEUP_SITE_URL},
        )
    campaign = Campaign.objects.create(
        kind=Campaign.Kind.EVENT,
        subject=event.title[:150],
        preheader=" ".join(event.summary.split())[:200],
        body=body,
        interests=[EVENT_INTEREST],
        languages=[event.language or settings.LANGUAGE_CODE],
        created_by=by,
    )
    if event.topic_id:
        campaign.topics.set([event.topic_id])
    return campaign
