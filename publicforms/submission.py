"""
How a reader's form submission is answered, the same for every public form: valid
input is rate limited, screened for bots and accepted; a normal POST gets a redirect
with a message (Post/Redirect/Get), errors kept in the session and shown beside the
fields; a POST with `Accept: application/json` gets JSON (400 with the errors, 429
when rate limited).
"""

import json

from django import forms
from django.contrib import messages
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from publicforms import ratelimits
from publicforms.forms import make_started_stamp

FORM_INVALID = _("Please correct the highlighted fields and try again.")
TOO_MANY = _("Too many attempts; try again in a minute.")
KEPT_VALUE_MAX = 5000


def submit(
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
    # `accept` may return the message to give instead of `sent_message` (an event's
    # registration says whether the person has a seat or a place on the waiting list).
    if not form.looks_automated():
        sent_message = accept(request, form) or sent_message
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
        if isinstance(field, forms.MultipleChoiceField):
            kept[name] = values[: len(field.choices) + 1]
        else:
            # Two values at most: enough to show "Please enter a single value" again.
            kept[name] = values[-1] if flat else values[-2:]
    return kept


def _keep_input(request, key: str, form) -> None:
    request.session[key] = _kept_values(form)


def restore_input(request, key: str, form_class):
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
