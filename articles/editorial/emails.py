"""
The editorial workflow's emails, one function per kind of message, each with a
plain-text and an HTML body (templates/articles/email/). Each takes plain
arguments, so the worker runs them (articles/tasks.py).
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, override

from articles.models import Article

logger = logging.getLogger(__name__)


def _display_name(user) -> str:
    if user is None:
        return gettext("Someone")
    return user.get_full_name() or user.get_username()


def _links(article: Article) -> dict:
    site = settings.STATEUP_SITE_URL
    # The preview in the brief's own language, as its readers will see it.
    with override(article.language):
        preview_path = reverse("briefs:preview", args=[article.pk])
    return {
        "change_url": site + reverse("admin:articles_article_change", args=[article.pk]),
        "preview_url": site + preview_path,
    }


def _send(*, subject: str, template: str, context: dict, recipients: list[str]) -> int | None:
    """Send one email; the number sent, or None when the mail server refused it."""
    if not recipients:
        return 0
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"articles/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(
        render_to_string(f"articles/email/{template}.html", context), "text/html"
    )
    try:
        return message.send()
    except (smtplib.SMTPException, OSError):
        # The transition is saved either way; the failure is logged for the team.
        logger.exception(
            "Could not send the %s email for brief %s", template, context["article"].pk
        )
        return None


def editor_addresses() -> list[str]:
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(groups__name="Editors", is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def writer_addresses(article: Article, *, exclude=None) -> list[str]:
    """The brief's creator and the staff accounts of its authors."""
    User = get_user_model()
    users = User.objects.filter(is_active=True).exclude(email="")
    users = users.filter(pk=article.created_by_id) | users.filter(
        author_profile__authorships__article=article
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return sorted(set(users.values_list("email", flat=True)))


def send_submitted_for_review(article: Article, *, submitted_by=None) -> int | None:
    """Tell the editors a brief is waiting for them."""
    context = {"article": article, "who": _display_name(submitted_by), **_links(article)}
    return _send(
        subject=gettext("Ready for review: %(title)s") % {"title": article.title},
        template="submitted_for_review",
        context=context,
        recipients=editor_addresses(),
    )


def send_changes_requested(article: Article, *, requested_by=None, reason: str) -> int | None:
    """Give the writers the editor's reason for sending their brief back."""
    context = {
        "article": article,
        "who": _display_name(requested_by),
        "reason": reason,
        **_links(article),
    }
    return _send(
        subject=gettext("Changes requested: %(title)s") % {"title": article.title},
        template="changes_requested",
        context=context,
        recipients=writer_addresses(article, exclude=requested_by),
    )
