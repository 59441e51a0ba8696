"""The brief's workflow panel, its steps, previews to share, the queue and the list's actions."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from articles.admin.forms import ScheduleForm, display_name, local_datetime
from articles.editorial import workflow
from articles.editorial.previews import create_preview_link
from articles.editorial.workflow import Transition
from articles.models import Article, Authorship


def article_reverse(article: Article, name: str, *args) -> str:
    with override(article.language):
        return reverse(name, args=args)


def status_label(article: Article) -> str:
    if article.is_scheduled:
        return gettext("Scheduled")
    return article.get_status_display()


class BriefPagesMixin:
    """What the brief admin's own pages share: finding the brief and refusing."""

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(gettext("No brief with that ID."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _change_url(self, article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk])

    def refused(self, request, reasons, *, article=None, status=403):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Not allowed"),
            "reasons": reasons,
            "article": article,
            "back_url": self._change_url(article)
            if article
            else reverse("admin:articles_article_changelist"),
        }
        return TemplateResponse(
            request, "admin/articles/article/refused.html", context, status=status
        )


class WorkflowPanelMixin(BriefPagesMixin):
    """The workflow panel on the change page and the pages and actions behind it."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_permission(request, article):
            extra_context.update(self._workflow_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article) -> dict:
        user = request.user
        offered = workflow.available(user, article)
        links = list(article.preview_links.select_related("created_by")[:20])
        return {
            "workflow": {
                "article": article,
                "status_label": status_label(article),
                "transitions": [
                    {
                        "name": transition.value,
                        "label": transition.label,
                        "url": reverse(
                            "admin:articles_article_transition", args=[article.pk, transition.value]
                        ),
                    }
                    for transition in offered
                ],
                # In the brief's own language, as its readers will see it.
                "preview_url": article_reverse(article, "briefs:preview", article.pk),
                "can_share": workflow.can_edit(user, article),
                "share_url": reverse("admin:articles_article_share", args=[article.pk]),
                "links": [
                    {
                        "link": link,
                        "url": request.build_absolute_uri(link.get_absolute_url()),
                        "revoke_url": reverse(
                            "admin:articles_article_revoke", args=[article.pk, link.pk]
                        ),
                        "is_active": not link.is_revoked and not link.is_expired,
                    }
                    for link in links
                ],
                "updated_by": display_name(article.updated_by) if article.updated_by_id else "",
                # "Send this brief to subscribers": editors, once it is published or scheduled.
                "can_announce": user.has_perm("newsletter.send_campaign")
                and (article.is_public or article.is_scheduled),
                "announce_url": reverse("admin:articles_article_announce", args=[article.pk]),
            }
        }

    # --- Extra admin pages ---

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(self.queue_view), name="articles_article_queue"),
            path(
                "<path:object_id>/transition/<str:name>/",
                wrap(self.transition_view),
                name="articles_article_transition",
            ),
            path("<path:object_id>/share/", wrap(self.share_view), name="articles_article_share"),
            path(
                "<path:object_id>/announce/",
                wrap(self.announce_view),
                name="articles_article_announce",
            ),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                wrap(self.revoke_view),
                name="articles_article_revoke",
            ),
            *super().get_urls(),
        ]

    def announce_view(self, request, object_id):
        """Send the brief to subscribers (now if live, else when it goes live)."""
        from newsletter import drafting, sending

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not request.user.has_perm("newsletter.send_campaign"):
            return self.refused(
                request, [gettext("Only editors send briefs to subscribers.")], article=article
            )
        try:
            campaign = drafting.announce_brief(article, by=request.user)
        except sending.CampaignRefused as error:
            messages.error(request, gettext("Not sent: %(reason)s") % {"reason": error})
            return HttpResponseRedirect(self._change_url(article))
        if campaign.status == campaign.Status.SCHEDULED:
            text = gettext("The email to subscribers goes out when the brief goes live.")
        else:
            text = gettext("Sending the brief to %(count)d subscribers.") % {
                "count": campaign.deliveries.count()
            }
        messages.success(request, text)
        return HttpResponseRedirect(reverse("admin:newsletter_campaign_change", args=[campaign.pk]))

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if name not in Transition.values:
            raise Http404(gettext("No such step."))
        transition = Transition(name)
        at = None
        if transition == Transition.SCHEDULE:
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return HttpResponseRedirect(self._change_url(article))
            at = form.cleaned_data["publish_at"]
        try:
            workflow.perform(
                article,
                transition,
                by=request.user,
                at=at,
                reason=request.POST.get("reason", ""),
            )
        except workflow.NotAllowed as error:
            return self.refused(request, error.messages, article=article)
        except workflow.WorkflowError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(self._change_url(article))
        self.log_change(request, article, str(workflow.HISTORY_NOTE[transition]))
        messages.success(request, transition_done_message(article, transition))
        return HttpResponseRedirect(self._change_url(article))

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not workflow.can_edit(request.user, article):
            return self.refused(
                request,
                [gettext("You can share previews only of briefs you may edit.")],
                article=article,
            )
        link = create_preview_link(article, by=request.user, note=request.POST.get("note", ""))
        messages.success(
            request,
            gettext("Preview link created; it works until %(when)s: %(url)s")
            % {
                "when": local_datetime(link.expires_at),
                "url": request.build_absolute_uri(link.get_absolute_url()),
            },
        )
        return HttpResponseRedirect(self._change_url(article) + "#preview-links")

    def revoke_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        link = article.preview_links.filter(pk=link_id).first()
        if link is None:
            raise Http404(gettext("No such preview link."))
        if not (workflow.is_editor(request.user) or link.created_by_id == request.user.pk):
            return self.refused(
                request,
                [gettext("Only an editor or the person who shared the link can revoke it.")],
                article=article,
            )
        link.revoke()
        messages.success(request, gettext("The preview link no longer works."))
        return HttpResponseRedirect(self._change_url(article) + "#preview-links")

    # --- History ---

    # --- Scheduled and in review ---

    def queue_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        cards = Article.objects.select_related("category", "updated_by").prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author").order_by("order", "pk"),
            )
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Scheduled and in review"),
            "scheduled": list(cards.scheduled()),
            "in_review": list(cards.in_review()),
        }
        return TemplateResponse(request, "admin/articles/article/queue.html", context)

    # --- Actions ---

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name, transition in ACTION_TRANSITIONS.items():
            if name in actions and not request.user.has_perm(workflow.PERMISSION[transition]):
                del actions[name]
        return actions

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action in ACTION_TRANSITIONS and action not in self.get_actions(request):
            return self.refused(request, [str(workflow.NOT_PERMITTED[ACTION_TRANSITIONS[action]])])
        return super().changelist_view(request, extra_context)

    def _act(self, request, queryset, transition):
        done, refusals = 0, []
        for article in queryset:
            try:
                workflow.perform(article, transition, by=request.user)
            except workflow.WorkflowError as error:
                refusals.append((article, error))
                continue
            self.log_change(request, article, str(workflow.HISTORY_NOTE[transition]))
            done += 1
        if done:
            messages.success(
                request,
                gettext("%(action)s: %(count)d brief(s).")
                % {"action": transition.label, "count": done},
            )
        for article, error in refusals:
            messages.error(
                request,
                format_html("“{}”: {}", article.title, " ".join(error.messages)),
            )
        if (
            refusals
            and not done
            and all(isinstance(error, workflow.NotAllowed) for _article, error in refusals)
        ):
            return self.refused(
                request,
                [f"“{article.title}”: {' '.join(error.messages)}" for article, error in refusals],
            )
        return None

    @admin.action(description=_("Submit the selected drafts for review"))
    def submit_selected(self, request, queryset):
        return self._act(request, queryset, Transition.SUBMIT)

    @admin.action(description=_("Publish the selected briefs now"))
    def publish_selected(self, request, queryset):
        return self._act(request, queryset, Transition.PUBLISH)

    @admin.action(description=_("Unpublish the selected briefs"))
    def unpublish_selected(self, request, queryset):
        return self._act(request, queryset, Transition.UNPUBLISH)

    @admin.action(description=_("Archive the selected briefs"))
    def archive_selected(self, request, queryset):
        return self._act(request, queryset, Transition.ARCHIVE)


ACTION_TRANSITIONS = {
    "submit_selected": Transition.SUBMIT,
    "publish_selected": Transition.PUBLISH,
    "unpublish_selected": Transition.UNPUBLISH,
    "archive_selected": Transition.ARCHIVE,
}


def transition_done_message(article: Article, transition: Transition) -> str:
    if transition == Transition.SCHEDULE:
        return gettext("Scheduled: “%(title)s” goes live at %(when)s.") % {
            "title": article.title,
            "when": local_datetime(article.published_at),
        }
    messages_by_transition = {
        Transition.SUBMIT: gettext("Submitted for review: the editors have been told."),
        Transition.REQUEST_CHANGES: gettext("Sent back to draft; the writers have your reason."),
        Transition.PUBLISH: gettext("Published: the brief is live."),
        Transition.UNPUBLISH: gettext("Unpublished: the brief is a draft again."),
        Transition.ARCHIVE: gettext("Archived."),
    }
    return messages_by_transition[transition]
