from django import template

from newsletter.forms import SignupForm, safe_local_path

register = template.Library()


@register.simple_tag(takes_context=True)
def signup_form(context, block_id: str) -> SignupForm:
    """The compact signup form of a page's signup block, returning to that page."""
    request = context.get("request")
    next_path = safe_local_path(request.get_full_path()) if request is not None else ""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "newsletter":
        # Never send people back to (or record) a confirm or unsubscribe link.
        next_path = ""
    return SignupForm(block_id=block_id, compact=True, initial={"next": next_path})
