import os
from contextlib import suppress

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stateup.settings")

application = get_wsgi_application()


def _warm() -> None:
    """
    Do once, before gunicorn forks its workers (`preload_app`), what each worker would
    otherwise do on its first requests: load WeasyPrint (the brief page asks whether a
    PDF can be made: about a second), compile the site's templates, and load each
    language's catalogue and URL patterns (a tenth of a second each). A worker started
    again after `max_requests` then serves its first brief in tens of milliseconds.
    """
    from django.conf import settings
    from django.template import TemplateDoesNotExist, engines
    from django.urls import resolve, reverse
    from django.utils import translation

    from articles import pdf

    if settings.DEBUG:  # the development server reloads on every change: nothing to keep
        return
    pdf.unavailable_reason()
    engine = engines["django"]
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(directory.rglob("*.html")):
            name = path.relative_to(directory).as_posix()
            if not name.startswith("admin/"):
                # (one that extends a template an app provides is compiled on first use)
                with suppress(TemplateDoesNotExist):
                    engine.get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolve(reverse("briefs:list"))


_warm()
