"""
{% keep_per_version "name" arg … %}…{% endkeep_per_version %}: the enclosed markup,
rendered once per content version (pagecache/fragments.py) for these arguments, the
page's origin and language. Only for markup made from published content alone: never
around anything personal (a message, staff links). Holes ({% hole %}, such as a
form's CSRF token) may be inside: they stay holes, filled for each reader.

{% keep_per_page "name" %}…{% endkeep_per_page %}: the same, for markup that depends
on the page's address too (a header's current link, a form's way back), on the pages
the page cache serves (`cache_views()`); on any other page it is rendered each time,
so a search's or an error's address never fills the store.
"""

from django import template

from pagecache import fragments
from pagecache.middleware import cacheable_views

register = template.Library()


class KeepPerVersionNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        key = fragments.page_fragment_key(request, *(part.resolve(context) for part in self.parts))
        return fragments.remember_markup(request, key, lambda: self.nodelist.render(context))


class KeepPerPageNode(KeepPerVersionNode):
    def render(self, context):
        request = context.get("request")
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in cacheable_views():
            return self.nodelist.render(context)
        name = self.parts[0].resolve(context)
        key = fragments.page_fragment_key(request, name, request.get_full_path())
        return fragments.remember_markup(request, key, lambda: self.nodelist.render(context))


def _parse(parser, token, end: str, node_class):
    bits = token.split_contents()
    if len(bits) < 2 or (node_class is KeepPerPageNode and len(bits) != 2):
        expected = "a name" if node_class is KeepPerPageNode else "a name, then any arguments"
        raise template.TemplateSyntaxError(f"{bits[0]} needs {expected}.")
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return node_class(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


@register.tag
def keep_per_version(parser, token):
    return _parse(parser, token, "endkeep_per_version", KeepPerVersionNode)


@register.tag
def keep_per_page(parser, token):
    return _parse(parser, token, "endkeep_per_page", KeepPerPageNode)
