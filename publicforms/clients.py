"""The client's address behind our TLS-terminating proxies."""

from django.conf import settings


def client_ip(request) -> str | None:
    """
    With STATEUP_PROXY_COUNT proxies in front, each appending the address it
    saw to X-Forwarded-For, the client is that many entries from the end:
    anything a client put in the header itself sits further left and is ignored.
    """
    count = settings.STATEUP_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
