"""
Request bodies are what they say they are, or the request gets a clear 4xx.

Every POST, PUT, PATCH or DELETE with a body is checked before any view (and before
the CSRF check) reads it: form data (`application/x-www-form-urlencoded`,
`multipart/form-data` with its boundary) in UTF-8, or a JSON object in UTF-8 for the
views that take one (marked with `@accepts_json`). Anything else is refused with 415
(a type the address does not take) or 400 (a body that is not in the declared type
or charset), in JSON for clients that asked for JSON.
"""

import codecs
import json

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
JSON_TYPE = "application/json"
UTF8 = frozenset({"utf-8", "ascii"})
METHODS_WITH_BODIES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def accepts_json(view):
    """The view also takes a JSON object as its body (checked here, read by the view)."""
    view.accepts_json = True
    return view


def checks_own_body(view):
    """The view reads and verifies its body itself, whatever its type (provider webhooks)."""
    view.checks_own_body = True
    return view


class Refusal(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_body(request, *, json_allowed: bool) -> None:
    """Raise Refusal if the request's body is not in the type and charset it declares."""
    header = request.META.get("CONTENT_TYPE", "")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not header.strip() and length in {"0", ""}:
        return  # nothing sent: the view sees an empty form
    content_type = request.content_type
    allowed = FORM_TYPES | ({JSON_TYPE} if json_allowed else set())
    if content_type not in allowed:
        raise Refusal(
            415,
            _("This address takes form data, not “%(type)s”.") % {"type": content_type[:60]}
            if content_type.isprintable() and content_type
            else _("This address takes form data; the request did not say what it sent."),
        )
    if header.lower().count("charset") > 1:
        raise Refusal(400, _("The request declares more than one character set."))
    charset = request.content_params.get("charset")
    if charset is not None:
        try:
            name = codecs.lookup(charset).name
        except (LookupError, ValueError):
            name = None
        if name not in UTF8:
            raise Refusal(400, _("Form data must be sent in UTF-8."))
    if content_type == "multipart/form-data":
        # Parsed as Django parses it, streaming uploads to disk. A body without the
        # declared boundary yields no field at all; an empty form is only the
        # closing delimiter ("--boundary--").
        boundary = request.content_params.get("boundary", "")
        if not boundary:
            raise Refusal(400, _("The form data does not have the boundary its type declares."))
        empty_form = len(boundary) + 64
        if _length(length) > empty_form and not request.POST and not request.FILES:
            raise Refusal(400, _("The form data does not have the boundary its type declares."))
        return
    try:
        text = request.body.decode()
    except UnicodeDecodeError:
        raise Refusal(400, _("Form data must be sent in UTF-8.")) from None
    if content_type == JSON_TYPE:
        try:
            payload = json.loads(text)
        except (ValueError, RecursionError):
            raise Refusal(400, _("The body is not valid JSON.")) from None
        if not isinstance(payload, dict):
            raise Refusal(400, _("The body must be a JSON object of form fields."))


def _length(value: str) -> int:
    try:
        return max(0, int(value))
    except ValueError:
        return 0


def _refused(request, refusal: Refusal):
    accept = request.META.get("HTTP_ACCEPT", "")
    if "json" in accept or request.content_type == JSON_TYPE:
        return JsonResponse(
            {"ok": False, "message": refusal.message, "errors": {}}, status=refusal.status
        )
    context = {"message": refusal.message, "status": refusal.status}
    return render(request, "400.html", context, status=refusal.status)


class RequestBodyMiddleware:
    """Refuses bodies that are not what they declare; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in METHODS_WITH_BODIES or getattr(
            view_func, "checks_own_body", False
        ):
            return None
        try:
            check_body(request, json_allowed=getattr(view_func, "accepts_json", False))
        except Refusal as refusal:
            return _refused(request, refusal)
        return None
