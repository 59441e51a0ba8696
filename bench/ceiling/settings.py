"""
The bare Django ceiling of `make bench`: one 20 KB HttpResponse behind only
SecurityMiddleware, WhiteNoise and CommonMiddleware, no database, no templates. It runs
under the same gunicorn configuration as the site, in the same minute, so the site's
pages are measured against what Django itself costs on this machine.
"""

import os
from pathlib import Path

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.staticfiles"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "bench.ceiling.urls"
WSGI_APPLICATION = "bench.ceiling.wsgi.application"
DATABASES = {}
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "/nonexistent"))
USE_TZ = True
