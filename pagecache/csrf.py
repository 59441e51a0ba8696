"""
The CSRF token hole: what `django.middleware.csrf.get_token` returns, made faster.

Every cached page a reader gets needs a token of its own (and, for a first visit, a
new secret for the cookie). Django draws each of their 32 characters with a separate
`secrets.choice`, one system call each: for a cache hit that is most of its cost. This
draws the same characters from one `secrets.token_bytes` call, without bias (bytes past
the largest multiple of 62 are dropped), and masks the secret exactly as Django does,
so CsrfViewMiddleware sets the cookie and checks the token as usual (a test unmasks it
with Django's own code).
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_CHARS = CSRF_ALLOWED_CHARS
_RADIX = len(_CHARS)
_LIMIT = 256 - 256 % _RADIX  # bytes at or above this would favour the first characters


_INDEX = {char: index for index, char in enumerate(_CHARS)}


def _random_indices(length: int) -> list[int]:
    """`length` positions in CSRF_ALLOWED_CHARS, each uniformly random."""
    found: list[int] = []
    while len(found) < length:
        found += [byte % _RADIX for byte in secrets.token_bytes(length + 8) if byte < _LIMIT]
    return found[:length]


def random_string(length: int = CSRF_SECRET_LENGTH) -> str:
    """`length` characters of CSRF_ALLOWED_CHARS, each uniformly random."""
    return "".join([_CHARS[index] for index in _random_indices(length)])


def mask(secret: str) -> str:
    """A token for `secret`: a random mask, then the secret shifted by it (Django's scheme)."""
    pad = _random_indices(len(secret))
    cipher = [
        _CHARS[(_INDEX[char] + shift) % _RADIX] for char, shift in zip(secret, pad, strict=True)
    ]
    return "".join([_CHARS[index] for index in pad] + cipher)


def get_token(request) -> str:
    """The CSRF token for this request's forms; the cookie is (re)sent as get_token does."""
    meta = request.META
    secret = meta.get("CSRF_COOKIE")
    if secret is None:
        secret = random_string()
        meta["CSRF_COOKIE"] = secret
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return mask(secret)
