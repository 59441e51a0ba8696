"""{% hole "name" %}: a per-request value on a page that may be cached (pagecache/holes.py)."""

from django import template

from pagecache import holes

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name: str) -> str:
    return holes.placeholder(name, context.get("request"))
