from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.editorial import workflow
from articles.models import Article, RelatedLink
from tests.factories import image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def test_published_means_published_status_and_a_past_publish_time():
    public = make_article()
    make_article(status=Article.Status.DRAFT, published_at=None)
    make_article(status=Article.Status.REVIEW, published_at=None)
    make_article(status=Article.Status.ARCHIVED)
    make_article(published_at=timezone.now() + timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_body_is_sanitised_on_save_whatever_saved_it():
    article = make_article(body='<p onclick="steal()">Hi<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


def test_external_links_in_the_body_get_rel_noopener_and_internal_ones_do_not():
    article = make_article(
        body='<p><a href="https://europa.eu/">EU</a> and <a href="/articles/x/">ours</a></p>'
    )
    assert '<a rel="noopener noreferrer" href="https://europa.eu/">' in article.body
    assert '<a href="/articles/x/">' in article.body


def test_javascript_links_lose_their_href():
    article = make_article(body='<a href="javascript:alert(1)">x</a>')
    assert "javascript" not in article.body


def test_reading_time_is_derived_from_the_body():
    article = make_article(body="<p>" + "word " * 1000 + "</p>")
    assert article.reading_time == 5


def test_publishing_sets_published_at_once():
    article = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        category=make_category(),
        authors=[make_author()],
    )
    workflow.publish(article)
    first = article.published_at
    assert first is not None
    article.status = Article.Status.DRAFT
    article.save()
    workflow.publish(article)
    assert article.published_at == first


def test_a_javascript_related_link_is_refused_on_save():
    article = make_article()
    with pytest.raises(ValidationError):
        RelatedLink.objects.create(article=article, title="x", url="javascript:alert(1)")
    assert not RelatedLink.objects.exists()


def test_hero_image_gets_webp_and_jpeg_renditions_at_several_widths():
    article = make_article(hero_image=image_upload(size=(1700, 900)), hero_alt="A wind farm")
    widths = [source["width"] for source in article.hero_renditions["sources"]]
    assert widths == [480, 800, 1200, 1600]
    assert article.hero["webp_srcset"].count(".webp") == 4
    assert article.hero_renditions["social"]["width"] == 1200


def test_a_file_that_is_not_an_image_is_refused_before_storage(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        make_article(hero_image=fake)
    assert not Article.objects.exists()


# Related briefs: hand-picked first, then shared tags, then same topic, then newest.


def _related(article, **kwargs):
    article = Article.objects.prefetch_related("tags").get(pk=article.pk)
    return [a.title for a in Article.objects.published().related_to(article, **kwargs)]


def _hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_related_briefs_put_hand_picked_ones_first_in_the_order_picked():
    second = make_article(title="Picked second", published_at=_hours_ago(50))
    first = make_article(title="Picked first", published_at=_hours_ago(40))
    make_article(title="Shares tags", tags=["ai", "eu"])
    article = make_article(tags=["ai", "eu"], related=[first, second])
    assert _related(article) == ["Picked first", "Picked second", "Shares tags"]


def test_related_briefs_skip_unpublished_hand_picked_ones():
    draft = make_article(title="Draft", status=Article.Status.DRAFT, published_at=None)
    archived = make_article(title="Archived", status=Article.Status.ARCHIVED)
    scheduled = make_article(title="Scheduled", published_at=timezone.now() + timedelta(days=1))
    picked = make_article(title="Picked")
    make_article(title="Newest other", published_at=_hours_ago(0.5))
    article = make_article(
        title="This brief", related=[draft, archived, scheduled, picked], published_at=_hours_ago(9)
    )
    assert _related(article) == ["Picked", "Newest other"]


def test_related_briefs_never_include_the_brief_itself():
    article = make_article(title="This brief", tags=["ai"])
    article.related_articles.add(article)
    make_article(title="Other", tags=["ai"])
    assert _related(article) == ["Other"]


def test_related_briefs_never_include_unpublished_ones_however_related():
    topic = make_category()
    for status, when in [
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, None),
        (Article.Status.ARCHIVED, _hours_ago(1)),
        (Article.Status.PUBLISHED, timezone.now() + timedelta(hours=1)),
    ]:
        make_article(title=f"Hidden {status}", status=status, published_at=when, tags=["ai"])
    make_article(title="Public", category=topic, published_at=_hours_ago(100))
    article = make_article(category=topic, tags=["ai"])
    assert _related(article) == ["Public"]


def test_related_briefs_rank_more_shared_tags_above_fewer_even_if_older():
    make_article(title="One tag, newest", tags=["ai"], published_at=_hours_ago(2))
    make_article(title="Three tags, oldest", tags=["ai", "eu", "data"], published_at=_hours_ago(90))
    make_article(title="Two tags", tags=["ai", "eu", "trade"], published_at=_hours_ago(30))
    article = make_article(tags=["ai", "eu", "data"])
    assert _related(article) == ["Three tags, oldest", "Two tags", "One tag, newest"]


def test_related_briefs_prefer_the_same_topic_when_shared_tags_are_equal():
    topic, other_topic = make_category(), make_category()
    make_article(title="Other topic, newer", tags=["ai"], category=other_topic)
    make_article(
        title="Same topic, older", tags=["ai"], category=topic, published_at=_hours_ago(80)
    )
    article = make_article(tags=["ai"], category=topic, published_at=_hours_ago(100))
    assert _related(article, limit=2) == ["Same topic, older", "Other topic, newer"]


def test_related_briefs_fill_up_with_the_topic_and_then_the_newest():
    topic = make_category()
    make_article(title="Newest, other topic", published_at=_hours_ago(1))
    make_article(title="Older, other topic", published_at=_hours_ago(5))
    make_article(title="Same topic, oldest", category=topic, published_at=_hours_ago(200))
    make_article(title="Shares a tag", tags=["ai"], published_at=_hours_ago(300))
    article = make_article(tags=["ai"], category=topic, published_at=_hours_ago(3))
    assert _related(article, limit=4) == [
        "Shares a tag",
        "Same topic, oldest",
        "Newest, other topic",
        "Older, other topic",
    ]


def test_related_briefs_stop_at_the_limit_even_with_more_hand_picked():
    picked = [make_article(title=f"Picked {n}") for n in range(5)]
    article = make_article(related=picked)
    assert _related(article, limit=3) == ["Picked 0", "Picked 1", "Picked 2"]


def test_a_brief_with_no_tags_or_topic_gets_the_newest_briefs():
    make_article(title="Old", published_at=_hours_ago(50))
    make_article(title="New", published_at=_hours_ago(2))
    article = make_article(published_at=_hours_ago(10))
    assert _related(article) == ["New", "Old"]


def test_related_briefs_take_one_query_whatever_their_number(django_assert_num_queries):
    topic = make_category()
    tags = [f"tag-{n}" for n in range(20)]
    picked = [make_article(tags=tags, category=topic) for _ in range(10)]
    for _ in range(10):
        make_article(tags=tags, category=topic)
    article = Article.objects.prefetch_related("tags").get(
        pk=make_article(tags=tags, category=topic, related=picked).pk
    )
    with django_assert_num_queries(1):
        related = list(Article.objects.published().related_to(article, limit=20))
    assert len(related) == 20


# Hero image rules, links and names.


def test_an_image_without_alt_text_does_not_validate():
    article = make_article(hero_image=image_upload(), hero_alt="Wind farm")
    article.hero_alt = "   "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_alt" in error.value.message_dict


def test_a_brief_without_an_image_needs_no_alt_text():
    make_article(hero_alt="").full_clean()


def test_a_javascript_photo_credit_link_is_refused_on_save():
    with pytest.raises(ValidationError) as error:
        make_article(hero_credit_url="javascript:alert(1)")
    assert "hero_credit_url" in error.value.message_dict
    assert not Article.objects.exists()


def test_links_stored_behind_the_models_back_are_only_used_if_they_are_web_addresses():
    article = make_article(links=[{"title": "EU", "url": "https://europa.eu/"}])
    link = article.related_links.get()
    assert link.href == "https://europa.eu/"
    RelatedLink.objects.filter(pk=link.pk).update(url="javascript:alert(1)")
    link.refresh_from_db()
    assert link.href == ""


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Ana Lima", "AL"),
        ("Pieter van Dijk", "PD"),
        ("Sofía Méndez", "SM"),
        ("Plato", "P"),
        ("", "?"),
    ],
)
def test_author_initials_stand_in_for_a_photo(name, initials):
    assert make_author(name=name).initials == initials


def test_a_scheduled_brief_becomes_public_when_its_time_comes_without_a_job():
    at = timezone.now() + timedelta(hours=2)
    article = make_article(published_at=at)
    assert article.is_scheduled
    assert not Article.objects.published().exists()
    with time_machine.travel(at):
        assert list(Article.objects.published()) == [article]
        assert article.is_public


def test_renditions_are_made_once_not_on_every_save_or_request(settings, client):
    article = make_article(hero_image=image_upload(size=(1000, 600)), hero_alt="Wind farm")
    files = sorted(settings.MEDIA_ROOT.rglob("*"))
    renditions = article.hero_renditions
    article = Article.objects.get(pk=article.pk)
    article.title = "A new title"
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
    article.refresh_from_db()
    assert article.hero_renditions == renditions
    assert sorted(settings.MEDIA_ROOT.rglob("*")) == files


def test_every_public_filter_and_ordering_has_an_index():
    from taggit.models import TaggedItem

    from articles.models import Authorship

    indexed = {tuple(index.fields) for index in Article._meta.indexes}
    assert ("status", "-published_at") in indexed  # every public list, newest first
    assert ("category", "status", "-published_at") in indexed  # topic pages
    assert ("is_featured", "status", "-published_at") in indexed  # the home page
    assert Article._meta.get_field("slug").unique  # the brief page
    assert Authorship._meta.get_field("author").db_index  # author pages
    assert TaggedItem._meta.get_field("tag").db_index  # tag pages and related briefs


def test_the_header_topics_follow_a_renamed_topic_even_if_read_mid_transaction(
    client, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from articles.context_processors import navigation_topics
    from pagecache import fragments

    topic = make_category(name="Energy")
    stale = navigation_topics()
    assert "Energy" in [t["name"] for t in stale]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        topic.name = "Power"
        topic.save()
        # Another request, which cannot see the uncommitted rename yet, renders a
        # page and keeps the topics it saw.
        fragments.remember(None, ("nav-topics",), lambda: stale)
    header = client.get("/").content.decode().split("</header>")[0]
    assert "Power" in header
    assert "Energy" not in header


def test_hero_renditions_are_made_after_the_brief_is_committed(django_capture_on_commit_callbacks):
    from tests.factories import image_upload

    article = make_article()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.hero_image = image_upload(size=(900, 500))
        article.hero_alt = "A picture"
        article.save()
        stored = Article.objects.get(pk=article.pk).hero_renditions
    assert stored == {}  # nothing slow inside the brief's transaction
    for callback in callbacks:
        callback()
    assert [s["width"] for s in Article.objects.get(pk=article.pk).hero_renditions["sources"]] == [
        480,
        800,
        900,
    ]
