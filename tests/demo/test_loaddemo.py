import re

import pytest
from django.core.management import call_command
from django.test import TestCase

from articles.models import Article, Author, Authorship, Category, RelatedLink
from articles.sanitize import plain_text, web_url

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _snapshot(settings):
    files = sorted(str(p) for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    rows = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Article, Author, Authorship, Category, RelatedLink)
    }
    changed = sorted(Article.objects.values_list("slug", "updated_at"))
    return files, rows, changed


def test_loaddemo_builds_a_believable_site_and_a_second_run_changes_nothing(settings, client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("loaddemo", verbosity=0)
    public = Article.objects.published()
    assert public.count() >= 16
    assert public.values("category").distinct().count() >= 5
    assert {"Tech Cooperation", "Green Transition", "AI Governance"} <= set(
        Category.objects.values_list("name", flat=True)
    )
    assert public.filter(is_featured=True).count() == 1
    for article in public.prefetch_related("tags", "related_links", "authorships"):
        words = len(re.findall(r"\w+", plain_text(article.body)))
        assert words >= 300, article.slug
        assert article.summary
        assert len(article.hero_renditions["sources"]) >= 3, article.slug
        assert article.hero_alt
        assert article.hero_credit
        assert article.hero_licence
        assert article.tags.count() >= 2
        assert article.authorships.count() >= 1
        assert all(web_url(link.url) for link in article.related_links.all())
    assert RelatedLink.objects.count() >= 30
    assert Author.objects.exclude(affiliation="").exists(), "external co-authors"
    assert all(author.role and author.bio for author in Author.objects.all())
    assert Article.related_articles.through.objects.exists(), "hand-picked related briefs"
    assert Article.objects.exclude(status=Article.Status.PUBLISHED).exists(), "one in review"

    # The pages it fills render.
    featured = public.get(is_featured=True)
    assert client.get("/").status_code == 200
    assert client.get(featured.get_absolute_url()).status_code == 200

    before = _snapshot(settings)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("loaddemo", verbosity=0)
    assert _snapshot(settings) == before


def test_loaddemo_reuses_what_staff_already_made(settings):
    from taggit.models import Tag

    from tests.factories import make_category

    topic = make_category(name="Tech cooperation (edited)", slug="tech-cooperation")
    tag = Tag.objects.create(name="EU-LAC", slug="eu-lac")
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("loaddemo", verbosity=0)
    topic.refresh_from_db()
    assert topic.name == "Tech cooperation (edited)"
    assert Article.objects.filter(category=topic).count() >= 4
    assert Tag.objects.filter(slug="eu-lac").get() == tag
    assert Article.objects.filter(tags=tag).exists()


def test_every_brief_is_one_file_of_metadata_and_html(tmp_path):
    from demo import content

    assert len(content.BRIEFS) == len(list((content.DATA / "briefs").glob("*.html")))
    for brief in content.BRIEFS:
        assert brief["body"].lstrip().startswith("<")
        assert {"slug", "title", "topic", "authors", "summary"} <= set(brief)


def test_a_malformed_brief_file_says_what_is_wrong(tmp_path):
    from demo import content

    path = tmp_path / "no-front-matter.html"
    path.write_text("<p>Just a body.</p>")
    with pytest.raises(ValueError, match="TOML between"):
        content.read_brief(path)
    path = tmp_path / "other-name.html"
    path.write_text('+++\nslug = "a-slug"\n+++\n<p>Body.</p>')
    with pytest.raises(ValueError, match="its file name"):
        content.read_brief(path)


def test_the_demo_content_is_data_files_and_the_package_ships_them():
    import tomllib
    from pathlib import Path

    from demo import content

    demo = Path(content.__file__).parent
    # Content is data; Python modules in the package only read it and draw.
    assert sorted(path.name for path in demo.glob("*.py")) == [
        "__init__.py",
        "apps.py",
        "content.py",
        "illustrations.py",
    ]
    shipped = tomllib.loads((demo.parent / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = shipped["package-data"]["demo"]
    data_files = [path for path in (demo / "data").rglob("*") if path.is_file()]
    assert all(
        any(path.relative_to(demo).match(pattern) for pattern in patterns) for path in data_files
    )
    assert {event["slug"] for event in content.EVENTS} >= {"subsea-cables-briefing"}
