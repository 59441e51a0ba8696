import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

# Uploaded files never change under the same name (renditions and uploads get
# unique names), so browsers may keep them for a long time.
MEDIA_MAX_AGE = 60 * 60 * 24 * 30


@require_safe
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /newsletter/confirm/",
        "Disallow: /newsletter/unsubscribe/",
        "Disallow: /search/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def media(request, name: str):
    """Serve an upload through the storage API, so any storage backend works."""
    try:
        if not default_storage.exists(name):
            raise Http404
        handle = default_storage.open(name, "rb")
    except (SuspiciousFileOperation, ValueError, OSError) as error:
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(name)
    # Only images are ever uploaded; anything else is offered as a download,
    # never rendered by the browser on our origin.
    is_image = bool(content_type) and content_type.startswith("image/")
    response = FileResponse(
        handle,
        content_type=content_type if is_image else "application/octet-stream",
        as_attachment=not is_image,
    )
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response


def bad_request(request, exception):
    return render(request, "400.html", {"status": 400}, status=400)


def page_not_found(request, exception):
    return render(request, "404.html", {"request_path": request.path}, status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without context processors: the database may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"home_url": reverse("home")}), status=500)


CEILING_BODY = b"<!doctype html><title>ceiling</title>" + b"x" * 20_000


def bench_ceiling(request):
    """What Django serves with no database and no template: the benchmark's yardstick."""
    return HttpResponse(CEILING_BODY)
