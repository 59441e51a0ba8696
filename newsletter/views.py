"""
The signup, confirmation, unsubscribe and contact pages.

Both forms are answered as every public form is (publicforms/submission.py).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import current_language
from background.enqueue import enqueue_on_commit
from newsletter import tasks
from newsletter.forms import ContactForm, PreferencesForm, SignupForm
from newsletter.models import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    Delivery,
    ExpiredToken,
    InvalidToken,
    Subscriber,
)
from publicforms import ratelimits, submission
from publicforms.forms import safe_local_path
from publicforms.middleware import accepts_json

SIGNUP_SENT = _("Thank you! Check your inbox to confirm your subscription.")
CONTACT_SENT = _("Thank you! Your message has been sent; we will reply by email.")

SIGNUP_KEPT = "newsletter:signup-input"
CONTACT_KEPT = "newsletter:contact-input"


@require_http_methods(["GET", "HEAD", "POST"])
@accepts_json
def signup(request):
    if request.method == "POST":
        return submission.submit(
            request,
            form_class=SignupForm,
            limits=(ratelimits.SIGNUP_PER_CLIENT, ratelimits.SIGNUP_PER_ADDRESS),
            accept=_sign_up,
            success_url=lambda form: form.cleaned_data["next"] or reverse("newsletter:signup"),
            sent_message=SIGNUP_SENT,
            kept_key=SIGNUP_KEPT,
            form_url=reverse("newsletter:signup") + "#signup",
            template="newsletter/subscriber_form.html",
        )
    form = submission.restore_input(request, SIGNUP_KEPT, SignupForm) or SignupForm(
        initial={"next": safe_local_path(request.GET.get("next"))}
    )
    return render(request, "newsletter/subscriber_form.html", {"form": form})


def _sign_up(request, form) -> None:
    data = form.cleaned_data
    subscriber = Subscriber.objects.sign_up(
        email=data["email"],
        name=data["name"],
        interests=data["interests"],
        consent_version=CONSENT_VERSION,
        consent_text=str(CONSENT_TEXT),
        consented_at=timezone.now(),
        signup_page=data["next"] or request.path,
        # The language of the page the form was on (its URL prefix).
        language=current_language(),
    )
    # Stored and committed first: a failing mail server cannot lose the signup.
    _send_in_background(tasks.send_subscriber_email, subscriber.pk, request)


@require_http_methods(["GET", "HEAD", "POST"])
@accepts_json
def contact(request):
    if request.method == "POST":
        return submission.submit(
            request,
            form_class=ContactForm,
            limits=(ratelimits.CONTACT_PER_CLIENT, ratelimits.CONTACT_PER_ADDRESS),
            accept=_send_contact_message,
            success_url=lambda form: reverse("contact"),
            sent_message=CONTACT_SENT,
            kept_key=CONTACT_KEPT,
            form_url=reverse("contact") + "#contact",
            template="newsletter/contactmessage_form.html",
        )
    form = submission.restore_input(request, CONTACT_KEPT, ContactForm) or ContactForm()
    return render(request, "newsletter/contactmessage_form.html", {"form": form})


def _send_contact_message(request, form) -> None:
    message = form.save(language=get_language() or "")
    # Stored first: a failing mail server cannot lose the message.
    _send_in_background(tasks.send_contact_notification, message.pk, request)


def _send_in_background(task, pk: int, request) -> None:
    # The worker has no request: give it this site's address for the links.
    enqueue_on_commit(task, pk, request.build_absolute_uri("/").rstrip("/"))


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def confirm(request, token: str):
    try:
        subscriber = Subscriber.from_confirm_token(token)
    except InvalidToken as error:
        return _bad_link(request, "confirm", expired=isinstance(error, ExpiredToken))
    if request.method == "POST":
        # Only the button's POST confirms: mail scanners follow links with GET.
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            if subscriber.confirm():
                _send_in_background(tasks.send_subscriber_email, subscriber.pk, request)
            messages.success(request, _("Your subscription is confirmed. Welcome to StateUp!"))
        return redirect(request.path)
    return render(
        request,
        "newsletter/subscriber_confirm.html",
        {"subscriber": subscriber, "signup_form": SignupForm(block_id="signup-again")},
    )


# Mail providers POST RFC 8058 one-click unsubscribes without a CSRF token; the
# signed token in the address is what authorises the request here.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def unsubscribe(request, token: str):
    try:
        subscriber = Subscriber.from_unsubscribe_token(token)
    except InvalidToken as error:
        return _bad_link(request, "unsubscribe", expired=isinstance(error, ExpiredToken))
    if request.method == "POST":
        if subscriber.unsubscribe():
            _count_unsubscribe(subscriber, request.GET.get("campaign", ""))
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(
                gettext("You have been unsubscribed."), content_type="text/plain; charset=utf-8"
            )
        messages.success(request, _("You have been unsubscribed. We will not email you again."))
        return redirect(request.path)
    return render(request, "newsletter/subscriber_unsubscribe.html", {"subscriber": subscriber})


def _count_unsubscribe(subscriber, campaign_id: str) -> None:
    """Counted in the campaign's statistics: the link in its email carries its number."""
    if campaign_id.isascii() and campaign_id.isdigit() and len(campaign_id) < 19:
        Delivery.objects.filter(
            campaign_id=int(campaign_id), subscriber=subscriber, unsubscribed_at__isnull=True
        ).update(unsubscribed_at=timezone.now())


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def preferences(request, token: str):
    """The page a subscriber's signed link opens: interests, topics, language, or leave."""
    try:
        subscriber = Subscriber.from_preferences_token(token)
    except InvalidToken as error:
        return _bad_link(request, "preferences", expired=isinstance(error, ExpiredToken))
    if request.method == "POST":
        if "leave" in request.POST:
            subscriber.unsubscribe()
            messages.success(request, _("You have been unsubscribed. We will not email you again."))
            return redirect(request.path)
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            subscriber.interests = data["interests"]
            subscriber.language = data["language"]
            subscriber.save(update_fields=["interests", "language", "updated_at"])
            subscriber.topics.set(data["topics"])
            messages.success(request, _("Your choices are saved."))
            return redirect(request.path)
        status = 400
    else:
        form = PreferencesForm(
            initial={
                "interests": subscriber.interests,
                "topics": list(subscriber.topics.values_list("pk", flat=True)),
                "language": subscriber.language,
            }
        )
        status = 200
    return render(
        request,
        "newsletter/subscriber_preferences.html",
        {"subscriber": subscriber, "form": form},
        status=status,
    )


def _bad_link(request, kind: str, *, expired: bool):
    return render(
        request,
        "newsletter/link_invalid.html",
        {
            "kind": kind,
            "expired": expired,
            "signup_form": SignupForm(block_id="signup-again") if kind == "confirm" else None,
        },
        status=410 if expired else 400,
    )
