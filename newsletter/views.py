"""
The signup, confirmation, unsubscribe and contact pages.

Both forms answer a normal POST with a redirect (Post/Redirect/Get) and a message;
a POST with `Accept: application/json` gets JSON instead, for the page's script.
"""

import json

from django.contrib import messages
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletter import ratelimits
from newsletter.forms import ContactForm, SignupForm, make_started_stamp, safe_local_path
from newsletter.models import CONSENT_TEXT, CONSENT_VERSION, ExpiredToken, InvalidToken, Subscriber

SIGNUP_SENT = _("Thank you! Check your inbox to confirm your subscription.")
CONTACT_SENT = _("Thank you! Your message has been sent; we will reply by email.")
FORM_INVALID = _("Please correct the highlighted fields and try again.")
TOO_MANY = _("Too many attempts; try again in a minute.")

SIGNUP_KEPT = "newsletter:signup-input"
CONTACT_KEPT = "newsletter:contact-input"
KEPT_VALUE_MAX = 5000


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.method == "POST":
        return _submit(
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
    form = _restore_input(request, SIGNUP_KEPT, SignupForm) or SignupForm(
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
        language=get_language() or "",
    )
    # Stored and committed first: a failing mail server cannot lose the signup.
    subscriber.send_pending_email(request=request)


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    if request.method == "POST":
        return _submit(
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
    form = _restore_input(request, CONTACT_KEPT, ContactForm) or ContactForm()
    return render(request, "newsletter/contactmessage_form.html", {"form": form})


def _send_contact_message(request, form) -> None:
    message = form.save(language=get_language() or "")
    # Stored first: a failing mail server cannot lose the message.
    message.send_notification(request=request)


def _submit(
    request, *, form_class, limits, accept, success_url, sent_message, kept_key, form_url, template
):
    """Validate, rate limit, screen out bots, then `accept` the form; answer in kind."""
    as_json = wants_json(request)
    per_client, per_address = limits
    data, malformed = submitted_data(request)
    form = form_class(data, malformed=malformed)
    client = ratelimits.client_id(request)
    if form.is_valid():
        retry_after = per_client.hit(client) or per_address.hit(form.cleaned_data["email"].lower())
    else:
        # Refused input costs us nothing but still must not be hammered.
        retry_after = ratelimits.INVALID_PER_CLIENT.hit(client)
    if retry_after is not None:
        return _too_many(request, form, retry_after, as_json=as_json, template=template)
    if not form.is_valid():
        if as_json:
            errors = {
                field: [error["message"] for error in field_errors]
                for field, field_errors in form.errors.get_json_data().items()
            }
            return JsonResponse(
                {"ok": False, "message": form.error_summary(), "errors": errors}, status=400
            )
        _keep_input(request, kept_key, form)
        messages.error(request, FORM_INVALID)
        return redirect(form_url)
    # Bots get exactly the answer people get; nothing is stored or sent for them.
    if not form.looks_automated():
        accept(request, form)
    if as_json:
        return JsonResponse({"ok": True, "message": str(sent_message)})
    messages.success(request, sent_message)
    return redirect(success_url(form))


def _too_many(request, form, retry_after: int, *, as_json: bool, template: str):
    if as_json:
        response = JsonResponse({"ok": False, "message": str(TOO_MANY), "errors": {}}, status=429)
    else:
        messages.error(request, TOO_MANY)
        # The person's input is kept to send again in a minute, without error marks.
        unbound = type(form)(initial=_kept_values(form, flat=True))
        response = render(request, template, {"form": unbound}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def wants_json(request) -> bool:
    """True when the client prefers JSON to HTML (our script sends Accept: application/json)."""
    try:
        preferred = request.get_preferred_type(["text/html", "application/json"])
    except Exception:  # a malformed Accept header means HTML, never an error
        return False
    return preferred == "application/json"


def submitted_data(request) -> tuple[QueryDict, set[str]]:
    """
    The POSTed fields, and the names of fields whose value is not a value at all.
    A JSON object body is read as the same fields: strings as text, true as a
    ticked box, a list as a repeated field; numbers, objects, nulls and nested
    lists mark their field as malformed.
    """
    if request.content_type != "application/json":
        return request.POST, set()
    data, malformed = QueryDict(mutable=True), set()
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeError, RecursionError):
        return data, malformed
    if not isinstance(payload, dict):
        return data, malformed
    for name, value in payload.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bool):
                if item:
                    data.appendlist(name, "on")
            elif isinstance(item, str):
                data.appendlist(name, item)
            else:
                malformed.add(name)
    return data, malformed


def _kept_values(form, *, flat: bool = False) -> dict:
    """The visible fields' submitted values, bounded, to keep in the session and show again."""
    kept = {}
    getlist = getattr(form.data, "getlist", None)
    for name, field in form.fields.items():
        if name in {"website", "started"}:
            continue
        values = getlist(name) if getlist else [form.data.get(name)]
        # One more character than allowed, so a too-long value shows its error again.
        limit = (getattr(field, "max_length", None) or KEPT_VALUE_MAX) + 1
        values = [v.replace("\x00", "\ufffd")[:limit] for v in values if isinstance(v, str)]
        if not values:
            continue
        if name == "interests":
            kept[name] = values[: len(Subscriber.Interest.values) + 1]
        else:
            # Two values at most: enough to show "Please enter a single value" again.
            kept[name] = values[-1] if flat else values[-2:]
    return kept


def _keep_input(request, key: str, form) -> None:
    request.session[key] = _kept_values(form)


def _restore_input(request, key: str, form_class):
    """The form as it was submitted, errors and all, after the redirect; or None."""
    kept = request.session.pop(key, None)
    if not isinstance(kept, dict):
        return None
    data = QueryDict(mutable=True)
    for name, values in kept.items():
        if isinstance(values, list):
            data.setlist(name, [v for v in values if isinstance(v, str)])
    data["started"] = make_started_stamp()
    form = form_class(data)
    form.is_valid()
    return form


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
