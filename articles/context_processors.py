from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from articles.models import Category, current_language
from pagecache import fragments


def navigation_topics() -> list[dict]:
    """The topics in the site header (kept per content version by the context processor)."""
    return [
        {"name": topic.local_name, "url": reverse("briefs:topic", kwargs={"slug": topic.slug})}
        for topic in Category.objects.in_order().only("name", "name_es", "name_pt", "slug")
    ]


def navigation(request):
    """The topics in every page's header, worked out only when a page shows them."""
    return {
        "nav_topics": SimpleLazyObject(
            lambda: fragments.remember(
                request, ("nav-topics", current_language()), navigation_topics
            )
        ),
    }
