"""
Request rate limits, counted in Django's cache (Redis in production).

Only keyed hashes of client addresses and email addresses reach the cache. A
client is its IP address from REMOTE_ADDR (an IPv6 client is its /64 network);
X-Forwarded-For is read only when `STATEUP_PROXY_COUNT` says how many proxies
of our own put it there. `STATEUP_RATE_LIMITS=0` turns every limit off.
"""

import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from publicforms.clients import client_ip

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int

    def hit(self, identifier: str) -> int | None:
        """Count one attempt; the seconds to wait if this one is over the limit, else None."""
        if not settings.STATEUP_RATE_LIMITS or not identifier:
            return None
        now = time.time()
        window = int(now // self.seconds)
        digest = salted_hmac("newsletter.ratelimit", f"{self.scope}:{identifier}").hexdigest()
        key = f"ratelimit:{self.scope}:{digest[:32]}:{window}"
        try:
            cache.add(key, 0, timeout=self.seconds + 1)
            try:
                attempts = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=self.seconds + 1)
                attempts = 1
        except Exception as error:  # an unreachable cache must not take the forms down
            logger.warning("Rate limit cache unavailable: %s", error)
            return None
        if attempts <= self.count:
            return None
        return max(1, math.ceil((window + 1) * self.seconds - now))


# A repeated signup sends at most one email per resend window, so its limits can
# allow an office behind one address; every contact message emails staff.
SIGNUP_PER_CLIENT = Limit("signup-client", count=20, seconds=60)
SIGNUP_PER_ADDRESS = Limit("signup-address", count=10, seconds=60)
CONTACT_PER_CLIENT = Limit("contact-client", count=5, seconds=60)
CONTACT_PER_ADDRESS = Limit("contact-address", count=3, seconds=60)
# Submissions refused as invalid, on either form.
INVALID_PER_CLIENT = Limit("invalid-client", count=60, seconds=60)


def client_id(request) -> str:
    """The client's address as far as we can trust it, IPv6 reduced to its /64."""
    address = client_ip(request) or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


# Event registrations: each one may email the person, as a signup does.
REGISTRATION_PER_CLIENT = Limit("registration-client", count=20, seconds=60)
REGISTRATION_PER_ADDRESS = Limit("registration-address", count=10, seconds=60)
