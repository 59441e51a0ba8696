from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles import views as articles_views
from articles.sitemaps import sitemaps
from events.sitemaps import EventPageSitemap, EventSitemap
from newsletter import views as newsletter_views
from stateup import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**sitemaps, "events": EventSitemap, "event-pages": EventPageSitemap}},
        name="sitemap",
    ),
]
# Every page readers and staff see, in English at / and under /es/ and /pt/.
urlpatterns += i18n_patterns(
    path("", articles_views.home, name="home"),
    path("", include("articles.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("experts/", include("experts.urls")),
    path("events/", include("events.urls")),
    path("contact/", newsletter_views.contact, name="contact"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.STATEUP_SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^{}(?P<name>.+)$".format(settings.MEDIA_URL.lstrip("/")),
            views.media,
            name="media",
        ),
    ]

if settings.STATEUP_BENCHMARK:
    urlpatterns += [path("bench/ceiling", views.bench_ceiling, name="bench_ceiling")]

handler400 = "stateup.views.bad_request"
handler404 = "stateup.views.page_not_found"
handler500 = "stateup.views.server_error"
