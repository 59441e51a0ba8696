"""
StateUp CMS settings, read from environment variables.

Every variable is listed, with its default, in the README's configuration table.
DJANGO_DEBUG=1 selects development; anything else is production, where a missing
secret is an error rather than a silently generated value.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.str("DJANGO_DEBUG", default="") == "1"

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required in production (DJANGO_DEBUG is not 1). "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "development-only-key-never-used-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is required in production: a comma-separated list of the "
        "host names the site answers to, e.g. stateup.org,www.stateup.org"
    )
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "taggit",
    # Editorial workflow: rich-text editor, version history, login throttling.
    "django_prose_editor",
    "simple_history",
    "axes",
    "pagecache",
    "publicforms",
    "articles",
    "newsletter",
    "experts",
    "events",
    # The Redis queue's worker command (rqworker) and its DEP 14 backend.
    "django_rq",
    "django_tasks_rq",
    # Email providers (ESPs) and their signed delivery webhooks.
    "anymail",
]
# Demo content and the data behind `make bench`: development tooling, not the product.
STATEUP_DEMO = env.bool("STATEUP_DEMO", default=DEBUG)
if STATEUP_DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language comes from the URL's prefix alone (English unprefixed): it is
    # active before the page cache computes its key, so cached pages never cross languages.
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Bodies that are not what they declare get a clear 4xx before any view or the
    # CSRF check reads them (publicforms/middleware.py).
    "publicforms.middleware.RequestBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, building the settings' policy once (stateup/csp_headers.py).
    "stateup.csp_headers.CSPMiddleware",
    # Serves anonymous readers' cached pages before URL resolution and the view, after
    # the middleware above, which finish cached and fresh pages alike (pagecache/).
    "pagecache.middleware.PageCacheMiddleware",
    # Editorial workflow: who made each saved version; login throttling (last, as axes asks).
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stateup.urls"
WSGI_APPLICATION = "stateup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "stateup.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite by default, configured to behave under a real web server
# (WAL so readers never block the writer, IMMEDIATE transactions and a busy
# timeout so concurrent writes wait their turn instead of failing).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
# Connections are kept between requests: opening one costs more than most pages'
# queries (a PostgreSQL login; on SQLite, the file and three PRAGMAs: about 2 ms).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (and rate limits): Redis when REDIS_URL is set, else this process's memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its client (stateup/redis_cache.py).
            "BACKEND": "stateup.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("DJANGO_CACHE_PREFIX", default="stateup"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "stateup",
        }
    }

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 12)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/Brussels")
USE_I18N = True
USE_TZ = True

# Static files: self-hosted, served by WhiteNoise with hashed, compressed names.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The one-server set-up serves uploads itself (through the storage API); a
# deployment with object storage or a CDN in front turns this off.
STATEUP_SERVE_MEDIA = env.bool("STATEUP_SERVE_MEDIA", default=True)

FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Email: console by default; EMAIL_URL (smtp://user:password@host:587) for a
# real server; DJANGO_EMAIL_BACKEND overrides the backend class.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    _email = env.email_url("EMAIL_URL")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        # Django's, recording campaign deliveries at the right moment (newsletter/smtp.py).
        EMAIL_BACKEND = "newsletter.smtp.EmailBackend"
    EMAIL_HOST = _email.get("EMAIL_HOST", "")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default=EMAIL_BACKEND)
EMAIL_FILE_PATH = env.str("DJANGO_EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="StateUp <hello@stateup.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STATEUP_STAFF_EMAIL = env.str("STATEUP_STAFF_EMAIL", default="team@stateup.org")

# Background tasks (Django's tasks API, DEP 14, through the django-tasks backport).
TASKS = {
    "default": {
        "BACKEND": env.str("STATEUP_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# The licence briefs are published under: on the page, in the PDF and its metadata.
STATEUP_LICENCE_NAME = env.str("STATEUP_LICENCE_NAME", default="CC BY 4.0")
STATEUP_LICENCE_URL = env.str(
    "STATEUP_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
# With STATEUP_TASKS_BACKEND=django_tasks_rq.RQBackend tasks go to RQ on Redis
# (REDIS_URL, or STATEUP_TASKS_REDIS_URL to keep the queue apart from the cache);
# run `manage.py rqworker` instead of `manage.py db_worker` (README, "Background work").
RQ_QUEUES = {
    "default": {
        "URL": env.str("STATEUP_TASKS_REDIS_URL", default=REDIS_URL or "redis://127.0.0.1:6379/0"),
        "DEFAULT_TIMEOUT": 3600,
    }
}
# How often an RQ worker (background/rq_worker.py) asks for a free scheduler lock.
STATEUP_RQ_MAINTENANCE_SECONDS = env.int("STATEUP_RQ_MAINTENANCE_SECONDS", default=60)

# Delivery webhooks (anymail): the shared secret the provider's webhook sends as
# HTTP basic auth ("user:password"), plus any ESP-specific signing key below.
ANYMAIL = {
    key: value
    for key, value in {
        "WEBHOOK_SECRET": env.str("STATEUP_WEBHOOK_SECRET", default=""),
        "MAILGUN_WEBHOOK_SIGNING_KEY": env.str("MAILGUN_WEBHOOK_SIGNING_KEY", default=""),
        "POSTMARK_WEBHOOK_SECRET": env.str("POSTMARK_WEBHOOK_SECRET", default=""),
    }.items()
    if value
}
# Campaigns go out in batches of this many messages, one task each: small enough
# that a lost worker costs little, large enough to reuse one SMTP connection.
STATEUP_CAMPAIGN_BATCH_SIZE = env.int("STATEUP_CAMPAIGN_BATCH_SIZE", default=500)
# A batch whose worker has not reported for this many seconds is taken over.
STATEUP_CAMPAIGN_LEASE_SECONDS = env.float("STATEUP_CAMPAIGN_LEASE_SECONDS", default=60)

STATEUP_RATE_LIMITS = env.str("STATEUP_RATE_LIMITS", default="1") != "0"

# Whole-page cache for anonymous readers (see pagecache/).
STATEUP_PAGE_CACHE = env.bool("STATEUP_PAGE_CACHE", default=True)
# Each process's memory for cached pages; the least recently served go first.
STATEUP_PAGE_CACHE_MEMORY_MB = env.int("STATEUP_PAGE_CACHE_MEMORY_MB", default=32)
# How often each process reads the content version from the database (pagecache/version.py):
# a change made anywhere shows on every process within this time.
STATEUP_CONTENT_POLL_SECONDS = env.float("STATEUP_CONTENT_POLL_SECONDS", default=0.5)
# The release this code is, part of the content version: a deploy retires old pages.
# Empty: a digest of the code and templates, computed when the process starts.
STATEUP_RELEASE = env.str("STATEUP_RELEASE", default="")
# Adds the no-database "ceiling" view that `make bench` compares every page with.
STATEUP_BENCHMARK = env.bool("STATEUP_BENCHMARK", default=False)

# Newsletter and contact forms. A form sent back sooner than this many seconds
# after it was shown looks automated (it gets the normal answer; nothing is kept).
STATEUP_FORM_MIN_SECONDS = env.float("STATEUP_FORM_MIN_SECONDS", default=3.0)

# The public address of the site, for links in emails and feeds when there is
# no request to build them from (management commands, retries).
STATEUP_SITE_URL = env.str(
    "STATEUP_SITE_URL",
    default="http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}",
).rstrip("/")

FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)

# Content-Security-Policy: everything from our own origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE only appears in the header on pages that use one (the admin's
        # rich-text editor: its import map and its style marker); every other
        # page gets 'self' alone.
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Editorial workflow (admin): login throttling, staff sessions, previews.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username out from one address after repeated failures; the database
# handler keeps the counts shared by every app server.
AXES_ENABLED = env.bool("STATEUP_LOGIN_THROTTLE", default=True)
AXES_FAILURE_LIMIT = env.int("STATEUP_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("STATEUP_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# How many proxies that append to X-Forwarded-For stand in front of the app
# (see publicforms/clients.py); 0 means clients connect directly.
STATEUP_PROXY_COUNT = env.int("STATEUP_PROXY_COUNT", default=0 if DEBUG else 1)
AXES_CLIENT_IP_CALLABLE = "publicforms.clients.client_ip"
# Only staff log in: their sessions end with the browser (and after SESSION_COOKIE_AGE).
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

STATEUP_PREVIEW_LINK_DAYS = env.int("STATEUP_PREVIEW_LINK_DAYS", default=7)
