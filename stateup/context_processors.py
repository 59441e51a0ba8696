from django.conf import settings


def site(request):
    """What every page's header and footer need: the site's name and address."""
    return {"site_name": "StateUp", "site_url": settings.STATEUP_SITE_URL}
