from django import template
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from newsletter.forms import SignupForm
from publicforms.forms import make_started_stamp, safe_local_path

register = template.Library()

# Rendering a form with crispy-forms costs several milliseconds, and the signup block
# is on every page. Its markup only differs by language and block, so it is rendered
# once per process with placeholders, which each request fills in: its CSRF token,
# the page to return to and the time the form was shown (for the minimum fill time).
CSRF_SLOT = "__signup_csrf_token__"
NEXT_SLOT = "__signup_next__"
STARTED_SLOT = "__signup_started__"
_rendered: dict[tuple[str, str], str] = {}


def signup_next_path(request) -> str:
    """Where a page's signup block returns to: that page, never a token link."""
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "newsletter":
        # Never send people back to (or record) a confirm or unsubscribe link.
        return ""
    return safe_local_path(request.get_full_path())


def _markup(block_id: str) -> str:
    from crispy_forms.utils import render_crispy_form

    key = (get_language() or "", block_id)
    markup = _rendered.get(key)
    if markup is None:
        form = SignupForm(
            block_id=block_id,
            compact=True,
            initial={"next": NEXT_SLOT, "started": STARTED_SLOT},
        )
        markup = render_crispy_form(form, context={"csrf_token": CSRF_SLOT})
        _rendered[key] = markup
    return markup


@register.simple_tag(takes_context=True)
def signup_block_form(context, block_id: str) -> str:
    """The signup block's form, as `{% crispy %}` renders it, for this request."""
    request = context.get("request")
    if request is None:
        values = (str(context.get("csrf_token", "")), "", make_started_stamp())
    else:
        # Pages with two signup blocks fill both with the same values.
        values = getattr(request, "_signup_values", None)
        if values is None:
            values = (get_token(request), signup_next_path(request), make_started_stamp())
            request._signup_values = values
    token, next_path, started = (escape(value) for value in values)
    return mark_safe(  # noqa: S308 (the markup is ours; every value filled in is escaped)
        _markup(block_id)
        .replace(CSRF_SLOT, token)
        .replace(NEXT_SLOT, next_path)
        .replace(STARTED_SLOT, started)
    )
