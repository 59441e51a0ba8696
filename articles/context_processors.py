from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from articles.models import Category
from pagecache import fragments


def navigation_topics() -> list[dict]:
    """The topics in the site header (kept per content version by the context processor)."""
    return [
        {"name": name, "url": reverse("articles:topic", kwargs={"slug": slug})}
        for name, slug in Category.objects.in_order().values_list("name", "slug")
    ]


def navigation(request):
    """The topics in every page's header, worked out only when a page shows them."""
    return {
        "nav_topics": SimpleLazyObject(
            lambda: fragments.remember(request, ("nav-topics",), navigation_topics)
        ),
    }
