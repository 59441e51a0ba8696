"""
The events pages: upcoming, past, one event, its calendar file, the calendar of
every upcoming event, registration and cancellation.

Registration is answered as every public form is (publicforms/submission.py).
Registration counts are read fresh on every request: a full event shows full at once.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from events import calendars, structured_data
from events.forms import RegistrationForm
from events.models import Event, EventSpeaker, Registration, registration_counts
from events.times import event_times
from newsletter.models import CONSENT_TEXT, CONSENT_VERSION, Subscriber
from pagecache.pagination import paginate
from publicforms import ratelimits, submission
from publicforms.middleware import accepts_json

PAST_PAGE_SIZE = 12
CALENDAR_LENGTH = 200

REGISTERED = gettext_lazy(
    "Thank you! You are registered: check your inbox for the confirmation and the calendar file."
)
WAITLISTED = gettext_lazy(
    "Thank you! The event is full, so you are on the waiting list: we will email you if a seat frees up."
)
KEPT = "events:registration-input"


def _speakers() -> Prefetch:
    return Prefetch("speakerships", queryset=EventSpeaker.objects.select_related("author"))


def _cards(events) -> list[dict]:
    """What a list shows of each event, with live registration counts (one query)."""
    events = list(events)
    counts = registration_counts([event.pk for event in events])
    return [
        {
            "event": event,
            "times": event_times(event),
            "speakers": [speakership.author for speakership in event.speakerships.all()],
            "is_full": _is_full(event, counts[event.pk]),
        }
        for event in events
    ]


def _is_full(event, counts) -> bool:
    return event.capacity is not None and counts["confirmed"] >= event.capacity


def listed_events():
    return (
        Event.objects.public().for_lists().select_related("moderator").prefetch_related(_speakers())
    )


@require_safe
def event_list(request):
    upcoming = listed_events().upcoming()
    return render(
        request,
        "events/event_list.html",
        {"cards": _cards(upcoming), "has_past": Event.objects.public().past().exists()},
    )


@require_safe
def event_past(request):
    page = paginate(request, listed_events().past(), PAST_PAGE_SIZE)
    return render(
        request, "events/event_past.html", {"page": page, "cards": _cards(page.object_list)}
    )


def _detail_queryset():
    return Event.objects.select_related("topic", "moderator").prefetch_related(
        _speakers(),
        Prefetch(
            "related_articles",
            queryset=Article.objects.published()
            .select_related("category")
            .defer("body")
            .newest_first(),
            to_attr="public_related",
        ),
    )


def event_context(request, event: Event, form=None) -> dict:
    counts = registration_counts([event.pk])[event.pk]
    speakers = [speakership.author for speakership in event.speakerships.all()]
    absolute = request.build_absolute_uri
    return {
        "event": event,
        "times": event_times(event),
        "speakers": speakers,
        "related": event.public_related,
        "counts": counts,
        "is_full": _is_full(event, counts),
        "seats_left": None
        if event.capacity is None
        else max(0, event.capacity - counts["confirmed"]),
        "form": form
        if form is not None
        else (RegistrationForm() if event.takes_registrations() else None),
        "json_ld": structured_data.event_script(event, speakers, absolute),
    }


@require_safe
def event_detail(request, slug: str):
    event = get_object_or_404(_detail_queryset().public(), slug=slug)
    return render(request, "events/event_detail.html", event_context(request, event))


@never_cache
@require_safe
def staff_preview(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not request.user.has_perm("events.view_event"):
        raise Http404
    event = get_object_or_404(_detail_queryset(), pk=pk)
    context = event_context(request, event)
    context["preview"] = {"article": event, "is_shared": False}
    response = render(request, "events/event_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug: str):
    event = get_object_or_404(Event.objects.public(), slug=slug)
    base = request.build_absolute_uri("/").rstrip("/")
    return _ics_response(calendars.event_ics(event, base_url=base), f"{event.slug}.ics")


@require_safe
def calendar_ics(request):
    events = Event.objects.public().upcoming()[:CALENDAR_LENGTH]
    base = request.build_absolute_uri("/").rstrip("/")
    content = calendars.events_ics(events, base_url=base, name=_("StateUp events"))
    return _ics_response(content, "stateup-events.ics")


@require_http_methods(["GET", "HEAD", "POST"])
@accepts_json
def register(request, slug: str):
    event = get_object_or_404(_detail_queryset().public(), slug=slug)
    if not event.takes_registrations():
        if request.method == "POST":
            if submission.wants_json(request):
                return JsonResponse(
                    {
                        "ok": False,
                        "message": _("Registration for this event is closed."),
                        "errors": {},
                    },
                    status=409,
                )
            messages.error(request, _("Registration for this event is closed."))
        return redirect(event.get_absolute_url())
    url = reverse("events:register", kwargs={"slug": event.slug})
    if request.method == "POST":
        counts = registration_counts([event.pk])[event.pk]

        def accept(request, form):
            return _register(request, event, form)

        return submission.submit(
            request,
            form_class=RegistrationForm,
            limits=(ratelimits.REGISTRATION_PER_CLIENT, ratelimits.REGISTRATION_PER_ADDRESS),
            accept=accept,
            success_url=lambda form: url,
            # What a bot is told: what a person would be told at this moment.
            sent_message=WAITLISTED if _is_full(event, counts) else REGISTERED,
            kept_key=KEPT,
            form_url=url + "#register",
            template="events/registration_form.html",
        )
    form = submission.restore_input(request, KEPT, RegistrationForm) or RegistrationForm()
    context = event_context(request, event, form=form)
    return render(request, "events/registration_form.html", context)


def _register(request, event: Event, form):
    data = form.cleaned_data
    registration = event.register(
        email=data["email"], name=data["name"], language=get_language() or ""
    )
    if data["subscribe"]:
        subscriber = Subscriber.objects.sign_up(
            email=data["email"],
            name=data["name"],
            interests=[Subscriber.Interest.EVENTS.value],
            consent_version=CONSENT_VERSION,
            consent_text=str(CONSENT_TEXT),
            consented_at=timezone.now(),
            signup_page=request.path,
            language=get_language() or "",
        )
        subscriber.send_pending_email(request=request)
    if registration.outcome == Registration.Status.WAITLISTED:
        return WAITLISTED
    return REGISTERED


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token: str):
    registration = Registration.from_cancel_token(token)
    if registration is None:
        return render(request, "events/cancel_invalid.html", status=400)
    if request.method == "POST":
        # Only the button's POST cancels: mail scanners follow links with GET.
        registration.cancel()
        messages.success(
            request, _("Your registration is cancelled. Thank you for letting us know.")
        )
        return redirect(request.path)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event},
    )
