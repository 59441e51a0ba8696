from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from newsletter.forms import SignupForm
from pagecache import holes
from publicforms.forms import safe_local_path

register = template.Library()

# Rendering a form with crispy-forms costs several milliseconds, and the signup block
# is on every page. Its markup only differs by language, block and the page to return
# to, so it is rendered once per process with the page's holes (pagecache/holes.py)
# for the CSRF token and the time the form was shown, and the return path filled in.
NEXT_SLOT = "__signup_next__"
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
            initial={"next": NEXT_SLOT, "started": holes.placeholder("form_started")},
        )
        markup = render_crispy_form(form, context={"csrf_token": holes.placeholder("csrf_token")})
        _rendered[key] = markup
    return markup


@register.simple_tag(takes_context=True)
def signup_block_form(context, block_id: str) -> str:
    """The signup block's form, as `{% crispy %}` renders it, with its holes for this request."""
    request = context.get("request")
    markup = _markup(block_id).replace(NEXT_SLOT, escape(signup_next_path(request)))
    if request is None:  # nothing will fill the holes on the way out: fill them now
        markup = holes.fill(markup.encode(), None).decode()
    else:
        holes.placeholder("csrf_token", request)  # marks the response as having holes
    return mark_safe(markup)  # noqa: S308 (the markup is ours; what is filled in is escaped)
