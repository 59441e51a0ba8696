"""
The editorial workflow: a brief's states, who may move it between them, and the
checks a brief must pass before it is published or scheduled.

    draft ──submit──▶ review ──publish / schedule──▶ published ──archive──▶ archived
      ▲                 │                              │  (a future publish time
      └─request changes─┘◀──────────unpublish──────────┘   means scheduled)

Every path that changes a brief's state (the change form's status field, the
list's actions, the transition buttons, the model's verb methods) goes through
`check()` here, so a refusal reads the same and nothing changes wherever it
came from.
"""

from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.sanitize import plain_text

Status = Article.Status

EDITORS_GROUP = "Editors"
WRITERS_GROUP = "Writers"
ADMINISTRATORS_GROUP = "Administrators"

PUBLISH_PERMISSION = "articles.publish_article"
REVIEW_PERMISSION = "articles.review_article"
CHANGE_PERMISSION = "articles.change_article"

# The standfirst must fit under a title and in a card; the field itself takes
# longer drafts, publishing does not.
SUMMARY_MAX_FOR_PUBLISHING = 300


class Transition(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    PUBLISH = "publish", _("Publish now")
    SCHEDULE = "schedule", _("Schedule")
    UNPUBLISH = "unpublish", _("Unpublish")
    ARCHIVE = "archive", _("Archive")


TARGET = {
    Transition.SUBMIT: Status.REVIEW,
    Transition.REQUEST_CHANGES: Status.DRAFT,
    Transition.PUBLISH: Status.PUBLISHED,
    Transition.SCHEDULE: Status.PUBLISHED,
    Transition.UNPUBLISH: Status.DRAFT,
    Transition.ARCHIVE: Status.ARCHIVED,
}

PERMISSION = {
    Transition.SUBMIT: CHANGE_PERMISSION,
    Transition.REQUEST_CHANGES: REVIEW_PERMISSION,
    Transition.PUBLISH: PUBLISH_PERMISSION,
    Transition.SCHEDULE: PUBLISH_PERMISSION,
    Transition.UNPUBLISH: PUBLISH_PERMISSION,
    Transition.ARCHIVE: PUBLISH_PERMISSION,
}

NOT_PERMITTED = {
    Transition.SUBMIT: _("You may not submit briefs for review."),
    Transition.REQUEST_CHANGES: _("Only editors can request changes to a brief."),
    Transition.PUBLISH: _("Only editors can publish briefs."),
    Transition.SCHEDULE: _("Only editors can schedule briefs."),
    Transition.UNPUBLISH: _("Only editors can unpublish briefs."),
    Transition.ARCHIVE: _("Only editors can archive briefs."),
}

# What the brief's history says about each transition.
HISTORY_NOTE = {
    Transition.SUBMIT: _("Submitted for review"),
    Transition.REQUEST_CHANGES: _("Changes requested"),
    Transition.PUBLISH: _("Published"),
    Transition.SCHEDULE: _("Scheduled"),
    Transition.UNPUBLISH: _("Unpublished"),
    Transition.ARCHIVE: _("Archived"),
}


class WorkflowError(Exception):
    """A transition that cannot happen; `messages` say why, for the person who asked."""

    status_code = 400

    def __init__(self, messages):
        if not isinstance(messages, list | tuple):
            messages = [messages]
        self.messages = [str(message) for message in messages]
        super().__init__(" ".join(self.messages))


class NotAllowed(WorkflowError):
    """The person lacks the role for this transition."""

    status_code = 403


class NotPossible(WorkflowError):
    """The brief is not in a state (or the input is not right) for this transition."""


class PublishBlocked(WorkflowError):
    """The brief fails the pre-publish checks."""


# --- Who may do what -------------------------------------------------------


def is_editor(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def is_author_of(user, article: Article) -> bool:
    """The writer created the brief, or is in its byline through their author profile."""
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return article.authorships.filter(author__user=user).exists()


def can_edit(user, article: Article) -> bool:
    """
    Editors edit any brief. Writers edit drafts that are theirs (they created
    it, or their author profile is in its byline) or that are marked shared.
    """
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if is_editor(user) or article.pk is None:
        return True
    return article.status == Status.DRAFT and (article.is_shared or is_author_of(user, article))


def refusal(user, article: Article, transition: Transition) -> str | None:
    """Why `user` may not make `transition`, or None when they may."""
    if not user.has_perm(PERMISSION[transition]):
        return str(NOT_PERMITTED[transition])
    if transition == Transition.SUBMIT and not can_edit(user, article):
        return gettext("You can submit only your own drafts and shared drafts.")
    return None


def state_problem(article: Article, transition: Transition, at=None) -> str | None:
    """Why the brief, as it is, cannot make `transition`, or None."""
    status = article.status
    label = Status(status).label if status in Status.values else status
    if transition == Transition.SUBMIT and status != Status.DRAFT:
        return gettext("Only a draft can be submitted for review; this brief is “%(status)s”.") % {
            "status": label
        }
    if transition == Transition.REQUEST_CHANGES and status != Status.REVIEW:
        return gettext("Changes can be requested only for a brief in review.")
    if transition == Transition.PUBLISH:
        if status == Status.ARCHIVED:
            return gettext("An archived brief goes back to draft before it is published again.")
        if article.is_public:
            return gettext("This brief is already published.")
    if transition == Transition.SCHEDULE:
        if status == Status.ARCHIVED:
            return gettext("An archived brief goes back to draft before it is scheduled.")
        if article.is_public:
            return gettext("This brief is live: unpublish it before scheduling it.")
        if at is None:
            return gettext("Choose the date and time to publish the brief.")
        if at <= timezone.now():
            return gettext("Choose a publish time in the future to schedule the brief.")
    if transition == Transition.UNPUBLISH and status not in {Status.PUBLISHED, Status.ARCHIVED}:
        return gettext("Only a published, scheduled or archived brief can be unpublished.")
    if transition == Transition.ARCHIVE and status == Status.ARCHIVED:
        return gettext("This brief is already archived.")
    return None


def available(user, article: Article) -> list[Transition]:
    """The transitions to offer `user` on this brief (scheduling's time is asked for)."""
    offered = []
    for transition in Transition:
        if refusal(user, article, transition):
            continue
        at = timezone.now() + timedelta(days=1) if transition == Transition.SCHEDULE else None
        if state_problem(article, transition, at=at):
            continue
        offered.append(transition)
    return offered


# --- Pre-publish checks ----------------------------------------------------


def field_problems(article: Article) -> list[str]:
    """The checks on the brief's own fields (as typed, before saving)."""
    problems = []
    summary = (article.summary or "").strip()
    if not summary:
        problems.append(gettext("Add a summary: it appears under the title and in every list."))
    elif len(summary) > SUMMARY_MAX_FOR_PUBLISHING:
        problems.append(
            gettext("The summary is %(length)d characters long; shorten it to %(limit)d or fewer.")
            % {"length": len(summary), "limit": SUMMARY_MAX_FOR_PUBLISHING}
        )
    if not plain_text(article.body):
        problems.append(gettext("Write the body of the brief."))
    if article.category_id is None:
        problems.append(gettext("Choose a topic."))
    if article.hero_image:
        if not (article.hero_alt or "").strip():
            problems.append(gettext("Describe the hero image in its alt text."))
        if not (article.hero_credit or "").strip():
            problems.append(gettext("Credit the hero image, e.g. “Photo by Ana Lima on Pexels”."))
    return problems


NO_AUTHOR = _("Add at least one author.")
EMPTY_LINK = _("Give every related link a title and a URL.")


def publish_problems(article: Article) -> list[str]:
    """Every reason the brief, as saved with its authors and links, cannot go out."""
    problems = field_problems(article)
    if article.pk is None or not article.authorships.exists():
        problems.append(str(NO_AUTHOR))
    if article.pk is not None and any(
        not link.title.strip() or not link.url.strip() for link in article.related_links.all()
    ):
        problems.append(str(EMPTY_LINK))
    return problems


# --- Making a transition ---------------------------------------------------


def transition_for_change(article: Article, status: str, published_at) -> Transition | None:
    """
    The transition that a form changing the brief (as saved) to `status` and
    `published_at` amounts to, or None for an edit that changes no state.
    """
    old = article.status if article.pk else Status.DRAFT
    if status == Status.PUBLISHED:
        if old == Status.PUBLISHED and published_at == article.published_at:
            return None
        if published_at is not None and published_at > timezone.now():
            return Transition.SCHEDULE
        if old == Status.PUBLISHED and article.is_public:
            return None  # an editor correcting a live brief's publish time
        return Transition.PUBLISH
    if status == old:
        return None
    if status == Status.REVIEW:
        if old != Status.DRAFT:
            raise NotPossible(gettext("A brief goes into review from draft only."))
        return Transition.SUBMIT
    if status == Status.DRAFT:
        if old == Status.REVIEW:
            raise NotPossible(
                gettext(
                    "Use “Request changes” to send a brief in review back to draft, "
                    "so its writer gets your reason."
                )
            )
        return Transition.UNPUBLISH
    return Transition.ARCHIVE


def check(user, article: Article, transition: Transition, *, at=None, reason: str = "") -> None:
    """Raise a WorkflowError unless `user` (None: the system) may make `transition` now."""
    if user is not None and (why := refusal(user, article, transition)):
        raise NotAllowed(why)
    if why := state_problem(article, transition, at=at):
        raise NotPossible(why)
    if transition == Transition.REQUEST_CHANGES and not reason.strip():
        raise NotPossible(gettext("Say what needs to change: the writer gets your reason."))


def apply(article: Article, transition: Transition, *, by=None, at=None, reason: str = ""):
    """Set the fields `transition` changes (the caller saves)."""
    now = timezone.now()
    article.status = TARGET[transition]
    if transition == Transition.SUBMIT:
        article.submitted_at = now
    elif transition == Transition.REQUEST_CHANGES:
        article.changes_requested_reason = reason.strip()
    elif transition == Transition.PUBLISH:
        if at is not None and at <= now:
            article.published_at = at
        elif article.published_at is None or article.published_at > now:
            article.published_at = now
        article.archived_at = None
    elif transition == Transition.SCHEDULE:
        article.published_at = at
        article.archived_at = None
    elif transition == Transition.UNPUBLISH:
        article.archived_at = None
    elif transition == Transition.ARCHIVE:
        article.archived_at = now
    if transition in {Transition.PUBLISH, Transition.SCHEDULE}:
        article.changes_requested_reason = ""
    note = str(HISTORY_NOTE[transition])
    if transition == Transition.REQUEST_CHANGES:
        note = f"{note}: {reason.strip()}"
    article._change_reason = note[:100]
    if by is not None:
        article.updated_by = by
        article._history_user = by


def announce(article: Article, transition: Transition, *, by=None, reason: str = "") -> None:
    """Hand the emails a transition calls for to the worker, once its transaction has committed."""
    from articles.tasks import send_workflow_email
    from background.enqueue import enqueue_on_commit

    by_id = by.pk if by is not None else None
    if transition == Transition.SUBMIT:
        enqueue_on_commit(send_workflow_email, "submitted_for_review", article.pk, by_id)
    elif transition == Transition.REQUEST_CHANGES:
        enqueue_on_commit(send_workflow_email, "changes_requested", article.pk, by_id, reason)


def perform(article: Article, transition: Transition, *, by=None, at=None, reason: str = ""):
    """
    Check and make `transition` on `article`, with the row locked so two people
    acting at once cannot both succeed on the same state.
    """
    transition = Transition(transition)
    with transaction.atomic():
        if article.pk is not None:
            current = (
                Article.objects.select_for_update()
                .filter(pk=article.pk)
                .values("status", "published_at", "version")
                .first()
            )
            if current is not None:
                article.status = current["status"]
                article.published_at = current["published_at"]
                article.version = current["version"]
        check(by, article, transition, at=at, reason=reason)
        publishing = transition in {Transition.PUBLISH, Transition.SCHEDULE}
        if publishing and (problems := publish_problems(article)):
            raise PublishBlocked(problems)
        apply(article, transition, by=by, at=at, reason=reason)
        article.save()
        announce(article, transition, by=by, reason=reason)


# --- The transitions by name ---


def publish(article: Article, at=None, *, by=None) -> None:
    """Publish now, or schedule for `at`; an earlier first publish time is kept."""
    if at is not None and at > timezone.now():
        perform(article, Transition.SCHEDULE, by=by, at=at)
    else:
        perform(article, Transition.PUBLISH, by=by, at=at)


def submit(article: Article, *, by=None) -> None:
    """Send the draft to the editors for review."""
    perform(article, Transition.SUBMIT, by=by)


def request_changes(article: Article, *, by=None, reason: str) -> None:
    """Send the brief back to its writers as a draft, with the editor's reason."""
    perform(article, Transition.REQUEST_CHANGES, by=by, reason=reason)


def unpublish(article: Article, *, by=None) -> None:
    """Take the brief (live, scheduled or archived) back to draft."""
    perform(article, Transition.UNPUBLISH, by=by)


def archive(article: Article, *, by=None) -> None:
    perform(article, Transition.ARCHIVE, by=by)
