from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import navigation_topics


def site(request):
    """What every page's header and footer need: the site's name and its topics."""
    return {
        "site_name": "StateUp",
        "site_url": settings.STATEUP_SITE_URL,
        # Lazy: only evaluated (from the cache, else one query) when a page shows it.
        "nav_topics": SimpleLazyObject(navigation_topics),
    }
