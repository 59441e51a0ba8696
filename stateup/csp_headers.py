"""
django-csp's middleware, with the settings' policy built once per process.

Nearly every response uses the policy from settings unchanged (no nonce, no per-view
decorator), and django-csp builds that same header string again for each of them,
which costs as much as the rest of a cached page. Those responses get the string
built once; anything else (a nonce, a decorator, an excluded path, the debug pages) is
left to django-csp as it is.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)
_built: dict[str, str] = {}


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _built.clear()


def _policies() -> dict[str, str]:
    if not _built:
        _built[HEADER] = build_policy()
        _built[HEADER_REPORT_ONLY] = build_policy(report_only=True)
    return _built


def _uses_settings_alone(request, response) -> bool:
    if getattr(request, "_csp_nonce", None) is not None:
        return False
    if any(getattr(response, name, None) is not None for name in _OVERRIDES):
        return False
    if settings.DEBUG and response.status_code in {404, 500}:
        return False
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        if (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES"):
            return False
    return True


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(self, request, response):
        if not _uses_settings_alone(request, response):
            return super().process_response(request, response)
        for header, policy in _policies().items():
            if policy and header not in response:
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
