"""The PDF edition: what it contains, how it is made, kept, served and replaced."""

import io
import logging
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from articles import pdf
from articles.editorial import workflow
from articles.models import Article, PdfEdition
from tests.factories import image_upload, make_article, make_author, make_category, make_series

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "test-artifacts" / "pdf"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not pdf.is_available(), reason=pdf.unavailable_reason() or "-"),
]

BODY = """
<p>Two regions with deep ties signed up to an ambitious idea.</p>
<h2>Three gaps to close</h2>
<p>Projects are identified bilaterally, country by country.</p>
<blockquote><p>The idea is right. The delivery is not yet there.</p></blockquote>
<h3>A scoreboard</h3>
<p>Citizens should be able to see what the alliance has achieved.</p>
"""


def make_brief(**overrides) -> Article:
    fields = {
        "title": "An EU–Latin America digital alliance that delivers",
        "slug": "eu-lac-alliance",
        "summary": "The alliance has the right ingredients; it needs a pipeline.",
        "body": BODY,
        "series": make_series(name="Policy Brief", slug="policy-brief"),
        "category": make_category(name="Digital", slug="digital"),
        "hero_image": image_upload(),
        "hero_alt": "Green nodes joined by lines.",
        "hero_credit": "Illustration by StateUp Studio",
        "hero_licence": "CC BY 4.0",
        "authors": [
            make_author(name="Ana Lima", role="Senior Fellow"),
            make_author(name="Rafael Souza", role="Visiting Fellow", affiliation="CEPD"),
        ],
        "tags": ["EU–LAC", "Connectivity"],
        "links": [
            {
                "title": "Global Gateway",
                "url": "https://example.org/global-gateway",
                "source": "EC",
            },
        ],
    }
    fields.update(overrides)
    return make_article(**fields)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def link_targets(reader: PdfReader) -> list[str]:
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                targets.append(str(annotation["/A"].get("/URI", "")))
    return targets


def test_the_pdf_has_cover_body_links_citation_and_metadata(settings):
    settings.STATEUP_SITE_URL = "https://stateup.example"
    article = make_brief()
    data, pages = pdf.render(pdf._fresh(article.pk))
    reader = PdfReader(io.BytesIO(data))
    text = text_of(reader)

    assert pages == len(reader.pages) > 1
    assert "An EU–Latin America digital alliance that delivers" in text
    assert f"Policy Brief 1/{article.series_year}" in text
    for name in ("Ana Lima", "Senior Fellow", "Rafael Souza", "CEPD"):
        assert name in text
    assert "Illustration by StateUp Studio" in text
    assert "Three gaps to close" in text
    assert "The delivery is not yet there." in text
    assert "How to cite this brief" in text
    assert "CC BY 4.0" in text
    # Page numbers and the running title on the pages after the cover.
    assert f"2 / {pages}" in reader.pages[1].extract_text()
    assert "digital alliance that delivers" in reader.pages[1].extract_text()

    links = link_targets(reader)
    assert "https://example.org/global-gateway" in links
    assert "https://stateup.example/articles/eu-lac-alliance/" in links
    assert "https://creativecommons.org/licenses/by/4.0/" in links

    meta = reader.metadata
    assert meta.title == article.title
    assert "Ana Lima" in meta.author
    assert "Rafael Souza" in meta.author
    assert meta.subject == article.summary
    assert "Connectivity" in meta["/Keywords"]
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert "/StructTreeRoot" in catalog  # tagged PDF


def test_the_fonts_are_embedded():
    data, _pages = pdf.render(pdf._fresh(make_brief(hero_image=None).pk))
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts
    assert all(fonts.values()), fonts


def test_rendering_fetches_only_the_sites_own_files_and_logs_the_rest(caplog, settings):
    settings.STATEUP_SITE_URL = "http://127.0.0.1:8000"
    article = make_brief()
    # Written behind the sanitiser's back (an import, raw SQL): rendering must hold anyway.
    Article.objects.filter(pk=article.pk).update(
        body='<p>Before.</p><img src="http://169.254.169.254/latest/meta-data/" alt="a">'
        '<img src="file:///etc/passwd" alt="b">'
        '<img src="http://127.0.0.1:8000/static/../../../../etc/passwd" alt="c">'
        '<img src="/media/%2e%2e/%2e%2e/etc/passwd" alt="d">'
        '<img src="https://images.example.com/pixel.png" alt="e"><p>After.</p>'
    )
    with caplog.at_level(logging.WARNING, logger="stateup.pdf"):
        data, _pages = pdf.render(pdf._fresh(article.pk))
    refused = [r.getMessage() for r in caplog.records if r.name == "stateup.pdf"]
    assert "PDF rendering refused to fetch http://169.254.169.254/latest/meta-data/" in refused
    assert "PDF rendering refused to fetch file:///etc/passwd" in refused
    assert (
        "PDF rendering refused to fetch http://127.0.0.1:8000/static/../../../../etc/passwd"
        in refused
    )
    assert (
        "PDF rendering refused to fetch http://127.0.0.1:8000/media/%2e%2e/%2e%2e/etc/passwd"
        in refused
    )
    assert "PDF rendering refused to fetch https://images.example.com/pixel.png" in refused
    text = text_of(PdfReader(io.BytesIO(data)))
    assert "Before." in text
    assert "After." in text
    assert "root:" not in text
    # The only raster image in it is the site's own hero rendition.
    reader = PdfReader(io.BytesIO(data))
    images = {image.data for page in reader.pages for image in page.images}
    assert len(images) == 1


def test_the_fetcher_serves_static_and_media_files_through_django(settings):
    settings.STATEUP_SITE_URL = "https://stateup.example"
    article = make_brief()
    fetcher = pdf._fetcher_class()()
    css = fetcher.fetch("https://stateup.example/static/css/pdf.css")
    assert b"@page" in css.read()
    assert css.content_type == "text/css"
    hero = article.hero_renditions["sources"][0]["jpeg"]
    image = fetcher.fetch(f"https://stateup.example/media/{hero}")
    assert image.read(3) == b"\xff\xd8\xff"
    for refused in (
        "https://other.example/static/css/pdf.css",
        "http://stateup.example/static/css/pdf.css",
        "https://stateup.example/static/missing.css",
        "https://stateup.example/elsewhere/pdf.css",
        "data:text/plain,hello",
    ):
        with pytest.raises(ValueError, match="only the site's own"):
            fetcher.fetch(refused)


def test_the_pdf_is_served_with_its_series_file_name(client):
    article = make_brief()
    response = client.get(f"/articles/{article.slug}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    year = article.series_year
    assert response["Content-Disposition"] == (
        f'inline; filename="stateup-policy-brief-1-{year}-eu-lac-alliance.pdf"'
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body)
    edition = PdfEdition.objects.get(article=article)
    assert edition.generated_version == article.version
    assert edition.generated_pages == len(PdfReader(io.BytesIO(body)).pages)


@pytest.mark.parametrize("state", ["draft", "scheduled", "missing"])
def test_a_brief_that_is_not_public_has_no_pdf(client, state):
    from tests.factories import UNPUBLISHED

    if state == "missing":
        assert client.get("/articles/nothing-here/pdf/").status_code == 404
        return
    article = make_article(**UNPUBLISHED[state])
    assert client.get(f"/articles/{article.slug}/pdf/").status_code == 404
    assert not PdfEdition.objects.exists()


def test_a_made_pdf_is_reused_and_a_change_makes_it_again(client, monkeypatch):
    article = make_brief(hero_image=None)
    renders = []
    real = pdf.render
    monkeypatch.setattr(pdf, "render", lambda a: renders.append(a.version) or real(a))
    client.get(f"/articles/{article.slug}/pdf/")
    client.get(f"/articles/{article.slug}/pdf/")
    assert renders == [article.version]
    first = PdfEdition.objects.get().generated.name
    article.title = "A sharper title"
    article.save()
    response = client.get(f"/articles/{article.slug}/pdf/")
    assert renders == [article.version - 1, article.version]
    assert "A sharper title" in text_of(PdfReader(io.BytesIO(b"".join(response.streaming_content))))
    edition = PdfEdition.objects.get()
    assert edition.generated.name != first
    assert not edition.generated.storage.exists(first)  # the old file is gone


@pytest.mark.django_db(transaction=True)
def test_publishing_makes_the_pdf_in_a_background_task(settings):
    settings.TASKS = IMMEDIATE
    from tests.factories import make_ready_article

    article = make_ready_article(series=make_series())
    assert not PdfEdition.objects.exists()
    workflow.publish(article)
    edition = PdfEdition.objects.get(article=article)
    assert edition.generated_version == Article.objects.get(pk=article.pk).version
    assert edition.generated_pages > 1
    # Every later change to the published brief makes it again.
    article.refresh_from_db()
    article.summary = "A new standfirst."
    article.save()
    edition.refresh_from_db()
    assert edition.generated_version == article.version


def test_the_task_is_safe_to_run_twice(monkeypatch):
    from articles.tasks import render_brief_pdf

    article = make_brief(hero_image=None)
    renders = []
    real = pdf.render
    monkeypatch.setattr(pdf, "render", lambda a: renders.append(1) or real(a))
    pages = render_brief_pdf.call(article.pk)
    assert render_brief_pdf.call(article.pk) == pages > 1
    assert renders == [1]


def test_a_failed_render_releases_its_claim_and_a_killed_one_expires(monkeypatch, time_machine):
    article = make_brief(hero_image=None)

    def crash(_article):
        raise RuntimeError("killed")

    monkeypatch.setattr(pdf, "render", crash)
    with pytest.raises(RuntimeError):
        pdf.ensure(article.pk)
    edition = PdfEdition.objects.get()
    assert edition.render_started_at is None
    assert not edition.generated
    monkeypatch.undo()
    # A worker killed outright cannot release its claim: nobody else starts until it expires.
    PdfEdition.objects.update(render_started_at=timezone.now())
    assert not pdf.ensure(article.pk, wait=False).generated
    time_machine.move_to(timezone.now() + pdf.RENDER_STALE_AFTER + timedelta(seconds=1))
    assert pdf.ensure(article.pk, wait=False).generated


def pdf_text(client, article) -> str:
    response = client.get(f"/articles/{article.slug}/pdf/")
    return text_of(PdfReader(io.BytesIO(b"".join(response.streaming_content))))


@pytest.mark.parametrize(
    ("shown", "rename"),
    [
        ("author", lambda brief: brief.authors.get(name="Ana Lima")),
        ("topic", lambda brief: brief.category),
        ("series", lambda brief: brief.series),
        ("tag", lambda brief: brief.tags.get(name="Connectivity")),
    ],
)
def test_renaming_what_a_pdf_prints_makes_it_again_in_the_background(
    shown, rename, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    article = make_brief(hero_image=None)
    before = pdf.ensure(article.pk).generated.name
    renamed = rename(article)
    renamed.name = f"Renamed {shown}"
    with django_capture_on_commit_callbacks(execute=True):
        renamed.save()
    edition = PdfEdition.objects.get()
    assert edition.generated_version == Article.objects.get(pk=article.pk).version
    assert edition.generated.name != before
    assert not edition.generated.storage.exists(before)
    if shown != "tag":  # tags are in the PDF's metadata, not its text
        text = text_of(PdfReader(edition.generated.open("rb")))
        assert f"renamed {shown}" in text.lower()  # the cover sets topic and series in capitals


def test_a_reader_never_gets_a_pdf_with_a_writers_old_name(client):
    article = make_brief(hero_image=None)
    assert "Ana Lima" in pdf_text(client, article)
    author = article.authors.get(name="Ana Lima")
    author.name = "Ana Lima Costa"
    author.save()  # the background render has not run yet: the reader's request makes it
    assert "Ana Lima Costa" in pdf_text(client, article)


def test_editing_a_writer_without_published_briefs_makes_no_pdf(monkeypatch):
    article = make_brief(hero_image=None, status=Article.Status.DRAFT, published_at=None)
    renders = []
    monkeypatch.setattr(pdf, "render", lambda a: renders.append(a) or (b"", 0))
    author = article.authors.first()
    author.name = "Someone else"
    author.save()
    assert renders == []


def test_deleting_a_brief_deletes_its_pdf_files(django_capture_on_commit_callbacks):
    article = make_brief(hero_image=None)
    edition = pdf.ensure(article.pk)
    edition.designed = SimpleUploadedFile("designed.pdf", designed_pdf(), "application/pdf")
    edition.save()
    names = [edition.generated.name, edition.designed.name]
    storage = edition.generated.storage
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert not any(storage.exists(name) for name in names)


def test_the_brief_page_shows_download_pdf_with_pages_and_size(client):
    article = make_brief(hero_image=None)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="/articles/{article.slug}/pdf/"' in html
    assert ">Download PDF</a>" in html  # not made yet: no pages or size to tell
    pdf.ensure(article.pk)
    edition = PdfEdition.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    size = filesizeformat(edition.generated_size)  # "38.6\xa0KB", as readers see it
    assert f"Download PDF ({edition.generated_pages} pages, {size})" in html
    assert f'"contentUrl":"http://testserver/articles/{article.slug}/pdf/"' in html
    assert (
        f'<meta name="citation_pdf_url" content="http://testserver/articles/{article.slug}/pdf/">'
        in html
    )


def test_the_feed_carries_the_pdf_as_an_enclosure(client):
    import feedparser

    article = make_brief(hero_image=None)
    pdf.ensure(article.pk)
    size = PdfEdition.objects.get().generated_size
    feed = feedparser.parse(client.get("/feed/").content)
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href == f"http://testserver/articles/{article.slug}/pdf/"
    assert enclosure.type == "application/pdf"
    assert int(enclosure.length) == size


def designed_pdf(pages: int = 3) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_designed_pdf_replaces_the_generated_one(client, staff_client):
    article = make_brief(hero_image=None)
    pdf.ensure(article.pk)
    edition = PdfEdition.objects.get()
    upload = SimpleUploadedFile("designed.pdf", designed_pdf(3), content_type="application/pdf")
    response = staff_client.post(
        f"/admin/articles/pdfedition/{edition.pk}/change/",
        {"article": article.pk, "designed": upload},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    assert edition.pages == 3
    served = b"".join(client.get(f"/articles/{article.slug}/pdf/").streaming_content)
    assert len(PdfReader(io.BytesIO(served)).pages) == 3
    # A change to the brief does not override the designed edition.
    article.save()
    assert pdf.ensure(article.pk).pages == 3


def test_replacing_or_clearing_a_designed_pdf_deletes_the_old_file(
    staff_client, django_capture_on_commit_callbacks
):
    article = make_brief(hero_image=None)
    edition = PdfEdition.objects.create(
        article=article,
        designed=SimpleUploadedFile("first.pdf", designed_pdf(2), "application/pdf"),
    )
    storage, first = edition.designed.storage, edition.designed.name
    change = f"/admin/articles/pdfedition/{edition.pk}/change/"
    second_upload = SimpleUploadedFile("second.pdf", designed_pdf(4), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change, {"article": article.pk, "designed": second_upload})
    assert response.status_code == 302
    edition.refresh_from_db()
    second = edition.designed.name
    assert (storage.exists(first), storage.exists(second), edition.pages) == (False, True, 4)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change, {"article": article.pk, "designed-clear": "on"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert not edition.designed
    assert not storage.exists(second)


def test_saving_an_edition_without_a_new_upload_keeps_its_designed_file(
    django_capture_on_commit_callbacks,
):
    article = make_brief(hero_image=None)
    edition = PdfEdition.objects.create(
        article=article,
        designed=SimpleUploadedFile("kept.pdf", designed_pdf(), "application/pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        PdfEdition.objects.get().save()
    assert edition.designed.storage.exists(edition.designed.name)


@pytest.mark.parametrize(
    "content", [b"not a pdf at all", b"%PDF-1.7\ngarbage", b"GIF89a" + b"\0" * 40]
)
def test_an_upload_that_is_not_a_pdf_is_refused_with_a_form_error(staff_client, content):
    article = make_brief(hero_image=None)
    upload = SimpleUploadedFile("designed.pdf", content, content_type="application/pdf")
    response = staff_client.post(
        "/admin/articles/pdfedition/add/", {"article": article.pk, "designed": upload}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not PdfEdition.objects.exists()


def test_without_pango_the_site_runs_and_the_admin_says_why(client, staff_client, monkeypatch):
    article = make_brief(hero_image=None)
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: "WeasyPrint cannot load (no Pango)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Download PDF" not in html
    assert client.get(f"/articles/{article.slug}/pdf/").status_code == 404
    admin_page = staff_client.get("/admin/articles/pdfedition/").content.decode()
    assert "PDF editions are off on this server" in admin_page
    assert "no Pango" in admin_page
    change = staff_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "PDF editions are off on this server" in change


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_the_seed_brief_pdf_pages_are_saved_as_png_artifacts(settings):
    """A browser-free look at the result: var/test-artifacts/pdf/eu-lac-page-{1,2}.png."""
    from django.core.management import call_command
    from PIL import Image

    call_command("loaddemo", stdout=io.StringIO())
    article = Article.objects.get(slug="eu-latin-america-digital-alliance")
    data, _pages = pdf.render(pdf._fresh(article.pk))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "eu-lac.pdf").write_bytes(data)
    subprocess.run(
        [
            shutil.which("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            "eu-lac.pdf",
            "eu-lac-page",
        ],
        cwd=ARTIFACTS,
        check=True,
        timeout=60,
    )
    cover = Image.open(ARTIFACTS / "eu-lac-page-1.png").convert("RGB")
    body = Image.open(ARTIFACTS / "eu-lac-page-2.png").convert("RGB")
    # The cover is StateUp green (#0b3d2e) edge to edge; page 2 is mostly white paper.
    assert cover.getpixel((5, 5)) == (11, 61, 46)
    assert body.getpixel((5, 5)) == (255, 255, 255)
    assert cover.size == body.size
    assert cover.size[1] > cover.size[0]


WORKER_SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from articles.editorial import workflow
from tests.factories import make_ready_article, make_series
article = make_ready_article(series=make_series(), slug="queued-brief")
workflow.publish(article)
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.count())
"""

WORKER_CHECK = """
import django
django.setup()
from articles.models import Article, PdfEdition
article = Article.objects.get(slug="queued-brief")
edition = PdfEdition.objects.get(article=article)
print(edition.generated_version == article.version, edition.generated_pages, bool(edition.generated))
"""


@pytest.mark.slow
def test_the_database_worker_makes_the_pdf_of_a_published_brief(tmp_path):
    """The default backend for real: publishing queues the task, `db_worker` makes the PDF."""
    import os
    import sys

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "stateup.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "STATEUP_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }

    def run(*command):
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()

    assert run(sys.executable, "-c", WORKER_SETUP)[-1] == "1"
    run(sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay")
    current, pages, stored = run(sys.executable, "-c", WORKER_CHECK)[-1].split()
    assert current == stored == "True"
    assert int(pages) > 1
