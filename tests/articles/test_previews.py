from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from articles.editorial.previews import create_preview_link
from articles.models import Article
from tests.factories import make_article, make_author, make_category, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def main_of(html: str) -> str:
    """The page's <main>, with the signup form's per-request values blanked out."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    for name in ("csrfmiddlewaretoken", "started", "next"):
        for field in main.find_all("input", attrs={"name": name}):
            field["value"] = ""
    return str(main)


def test_staff_preview_renders_the_public_page_exactly_with_a_banner(client):
    article = make_article(
        title="An EU–Latin America digital alliance",
        category=make_category(),
        authors=[make_author(name="Ana Lima")],
        tags=["Digital alliance"],
        links=[{"title": "Global Gateway", "url": "https://europa.eu/gg"}],
    )
    public = client.get(article.get_absolute_url())
    client.force_login(make_user("Writers"))
    preview = client.get(reverse("briefs:preview", args=[article.pk]))
    assert preview.status_code == 200
    assert main_of(preview.content.decode()) == main_of(public.content.decode())
    banner = BeautifulSoup(preview.content, "html.parser").find(class_="preview-banner")
    assert "Preview" in banner.get_text()
    assert "preview-banner" not in public.content.decode()


@pytest.mark.parametrize("status", ["draft", "review", "archived"])
def test_staff_preview_shows_any_state_never_cached_and_not_indexed(client, status):
    article = make_ready_article(status=status, title="Hidden draft")
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(make_user("Writers"))
    response = client.get(reverse("briefs:preview", args=[article.pk]))
    assert response.status_code == 200
    assert "Hidden draft" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


def test_staff_preview_needs_a_staff_login(client, django_user_model):
    article = make_ready_article()
    url = reverse("briefs:preview", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    client.force_login(django_user_model.objects.create_user("reader", password="x-long-password"))
    assert client.get(url).status_code == 302
    client.force_login(make_user(None))  # staff without any role
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("pk", [999, 99999999999999999999999])
def test_staff_preview_of_a_missing_brief_is_404(client, pk):
    client.force_login(make_user("Editors"))
    assert client.get(f"/preview/briefs/{pk}/").status_code == 404


def test_a_share_link_shows_that_briefs_current_draft_read_only(client):
    writer = make_user("Writers")
    article = make_ready_article(title="Draft for funders", created_by=writer)
    other = make_ready_article(title="Another draft")
    link = create_preview_link(article, by=writer, note="Funder")
    article.title = "Draft for funders, revised"
    article.save()
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft for funders, revised" in html
    assert other.title not in html
    forms = BeautifulSoup(main_of(html), "html.parser").find_all("form")
    # Read-only: the only form is the newsletter signup every page carries.
    assert {form["action"] for form in forms} <= {reverse("newsletter:signup")}
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert "This link stops working on" in html


def test_a_share_link_expires_after_the_configured_days(client, settings):
    settings.STATEUP_PREVIEW_LINK_DAYS = 3
    article = make_ready_article()
    link = create_preview_link(article, by=make_user("Writers"))
    url = link.get_absolute_url()
    with time_machine.travel(timezone.now() + timedelta(days=3) - timedelta(minutes=1)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client.get(url)
    assert response.status_code == 410
    assert "It expired on" in response.content.decode()
    assert article.title not in response.content.decode()


def test_a_revoked_share_link_is_gone(client):
    article = make_ready_article()
    link = create_preview_link(article, by=make_user("Writers"))
    link.revoke()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert article.title not in response.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "abc:def", "x" * 300, "%00", "..%2F..%2Fadmin"])
def test_a_forged_or_broken_share_token_is_404(client, token):
    make_ready_article()
    response = client.get(f"/preview/shared/{token}/")
    assert response.status_code == 404


def test_a_share_link_for_a_deleted_brief_is_404(client):
    article = make_ready_article()
    link = create_preview_link(article, by=make_user("Writers"))
    url = link.get_absolute_url()
    Article.objects.filter(pk=article.pk).delete()
    assert client.get(url).status_code == 404


def test_a_drafts_preview_offers_no_share_links_to_an_address_that_is_404(client):
    article = make_ready_article(status=Article.Status.DRAFT, published_at=None)
    client.force_login(make_user("Writers"))
    soup = BeautifulSoup(
        client.get(reverse("briefs:preview", args=[article.pk])).content, "html.parser"
    )
    share = soup.select_one("section.share")
    assert share.select("a, button") == []
    assert "Sharing opens when the brief is published" in share.get_text()


def test_a_published_briefs_preview_keeps_its_share_links(client):
    article = make_article()
    client.force_login(make_user("Writers"))
    soup = BeautifulSoup(
        client.get(reverse("briefs:preview", args=[article.pk])).content, "html.parser"
    )
    assert soup.select_one("section.share a[href^='mailto:']")


def test_view_on_site_is_offered_only_for_a_public_brief(client):
    client.force_login(make_user("Editors"))
    draft = make_ready_article(status=Article.Status.DRAFT, published_at=None)
    public = make_article()
    draft_page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    public_page = client.get(f"/admin/articles/article/{public.pk}/change/").content.decode()
    assert "View on site" not in draft_page
    assert "View on site" in public_page
