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
from newsletter.forms import ContactForm, SignupForm
from newsletter.models import CONSENT_TEXT, CONSENT_VERSION, ExpiredToken, InvalidToken, Subscriber
from publicforms import ratelimits, submission
from publicforms.forms import safe_local_path

SIGNUP_SENT = _("Thank you! Check your inbox to confirm your subscription.")
CONTACT_SENT = _("Thank you! Your message has been sent; we will reply by email.")

SIGNUP_KEPT = "newsletter:signup-input"
CONTACT_KEPT = "newsletter:contact-input"


@require_http_methods(["GET", "HEAD", "POST"])
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
    subscriber.send_pending_email(request=request)


@require_http_methods(["GET", "HEAD", "POST"])
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
    message.send_notification(request=request)


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
                subscriber.send_pending_email(request=request)
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
        subscriber.unsubscribe()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(
                gettext("You have been unsubscribed."), content_type="text/plain; charset=utf-8"
            )
        messages.success(request, _("You have been unsubscribed. We will not email you again."))
        return redirect(request.path)
    return render(request, "newsletter/subscriber_unsubscribe.html", {"subscriber": subscriber})


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
