from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import navigation_topics
from stateup import fragments


def site(request):
    """What every page's header and footer need: the site's name and its topics."""
    return {
        "site_name": "StateUp",
        "site_url": settings.STATEUP_SITE_URL,
        # Lazy: only worked out when a page shows it, then kept for the content version.
        "nav_topics": SimpleLazyObject(
            lambda: fragments.remember(request, ("nav-topics",), navigation_topics)
        ),
    }
