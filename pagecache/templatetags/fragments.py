"""
{% keep_per_version "name" arg … %}…{% endkeep_per_version %}: the enclosed markup,
rendered once per content version (pagecache/fragments.py) for these arguments, the
page's origin and language. Only for markup made from published content alone: never
around anything personal (a CSRF token, a message, staff links).
"""

from django import template

from pagecache import fragments

register = template.Library()


class KeepPerVersionNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        key = fragments.page_fragment_key(request, *(part.resolve(context) for part in self.parts))
        return fragments.remember(request, key, lambda: self.nodelist.render(context))


@register.tag
def keep_per_version(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name, then any arguments.")
    nodelist = parser.parse(("endkeep_per_version",))
    parser.delete_first_token()
    return KeepPerVersionNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
