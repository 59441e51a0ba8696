"""Series numbers: given on first publication, per series and year, never changed or reused."""

import json
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, connections

from articles.citations import citation_for
from articles.editorial import workflow
from articles.models import Article
from tests.factories import make_article, make_author, make_ready_article, make_series

ROOT = Path(__file__).resolve().parents[2]
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.django_db
def test_first_publication_gives_the_next_number_of_the_series_for_the_year():
    series = make_series(name="Policy Brief", slug="policy-brief")
    with time_machine.travel(datetime(2026, 3, 1, 10, tzinfo=BRUSSELS)):
        first = make_ready_article(series=series)
        second = make_ready_article(series=series)
        workflow.publish(second)
        workflow.publish(first)
    assert (second.series_number, second.series_year) == (1, 2026)
    assert (first.series_number, first.series_year) == (2, 2026)
    assert first.series_label == "Policy Brief 2/2026"


@pytest.mark.django_db
def test_numbers_start_again_each_year_and_each_series():
    briefs, papers = make_series(), make_series()
    with time_machine.travel(datetime(2026, 12, 31, 12, tzinfo=BRUSSELS)):
        make_article(series=briefs)
        make_article(series=papers)
    with time_machine.travel(datetime(2027, 1, 1, 12, tzinfo=BRUSSELS)):
        new_year = make_article(series=briefs)
        second_paper = make_article(series=papers, published_at=None)
    assert (new_year.series_number, new_year.series_year) == (1, 2027)
    assert (second_paper.series_number, second_paper.series_year) == (1, 2027)


@pytest.mark.django_db
def test_drafts_and_briefs_without_a_series_have_no_number():
    draft = make_article(series=make_series(), status=Article.Status.DRAFT, published_at=None)
    loose = make_article()
    assert draft.series_number is None
    assert draft.series_label == ""
    assert loose.series_number is None
    assert loose.series_label == ""


@pytest.mark.django_db
def test_republishing_and_editing_keep_the_number():
    series = make_series()
    article = make_ready_article(series=series)
    workflow.publish(article)
    number = article.series_number
    workflow.unpublish(article)
    article.refresh_from_db()
    assert article.series_number == number
    article.title = "A new title"
    article.save()
    workflow.publish(article)
    article.refresh_from_db()
    assert article.series_number == number
    assert make_article(series=series).series_number == number + 1


@pytest.mark.django_db
def test_a_stale_copy_saved_as_published_does_not_take_a_second_number():
    series = make_series()
    article = make_ready_article(series=series)
    stale = Article.objects.get(pk=article.pk)
    workflow.publish(article)
    stale.status = Article.Status.PUBLISHED
    stale.save()
    assert stale.series_number == article.series_number == 1
    assert make_article(series=series).series_number == 2


@pytest.mark.django_db
def test_a_deleted_briefs_number_is_never_given_again():
    series = make_series()
    gone = make_article(series=series)
    gone.delete()
    assert make_article(series=series).series_number == 2


@pytest.mark.django_db
def test_a_numbered_brief_cannot_move_to_another_series():
    article = make_article(series=make_series())
    article.series = make_series()
    with pytest.raises(ValidationError):
        article.save()


@pytest.mark.django_db
def test_the_number_and_doi_are_on_the_page_in_the_meta_tags_and_json_ld(client):
    series = make_series(name="Policy Brief", slug="policy-brief")
    article = make_article(series=series, authors=[make_author()], doi="10.5281/zenodo.42")
    label = f"Policy Brief 1/{article.series_year}"
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<span class="brief-header__kind">{label}</span>' in html
    assert f'<meta name="citation_technical_report_number" content="{label}">' in html
    assert '<meta name="citation_doi" content="10.5281/zenodo.42">' in html
    assert '<a href="https://doi.org/10.5281/zenodo.42">' in html
    assert f'"reportNumber":"1/{article.series_year}"' in html
    assert '"propertyID":"DOI","value":"10.5281/zenodo.42"' in html


@pytest.mark.django_db
def test_citations_carry_the_series_number_and_doi():
    series = make_series(name="Policy Brief", slug="policy-brief")
    author = make_author(name="Ana Lima")
    article = make_article(series=series, doi="10.5281/zenodo.42", title="Cables")
    year = article.series_year
    citation = citation_for(article, [author], "https://stateup.org/articles/x/")
    assert f"(Policy Brief No. 1/{year})" in citation.apa
    assert '<a href="https://doi.org/10.5281/zenodo.42">' in citation.apa
    assert f"Policy Brief 1/{year}. StateUp" in citation.chicago
    assert f"  number      = {{1/{year}}}," in citation.bibtex
    assert "  doi         = {10.5281/zenodo.42}," in citation.bibtex
    assert f"SN  - 1/{year}\r\n" in citation.ris
    assert "T2  - Policy Brief\r\n" in citation.ris
    assert "DO  - 10.5281/zenodo.42\r\n" in citation.ris


@pytest.mark.django_db
def test_a_malformed_doi_is_refused():
    article = make_article(doi="not a doi")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "doi" in error.value.message_dict


def publish_at_once(ids: list[int]) -> list:
    """Publish each brief from its own thread, all released together."""
    barrier = threading.Barrier(len(ids))
    results: list = [None] * len(ids)

    def worker(index: int, pk: int) -> None:
        try:
            article = Article.objects.get(pk=pk)
            barrier.wait(timeout=60)
            workflow.publish(article)
            results[index] = article.series_number
        except Exception as error:  # reported by the assertion below
            results[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, pk)) for i, pk in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_thirty_briefs_published_at_once_get_thirty_consecutive_numbers():
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database takes no concurrent writers: see below")
    series = make_series()
    ids = [make_ready_article(series=series).pk for _ in range(30)]
    results = publish_at_once(ids)
    assert sorted(results) == list(range(1, 31)), results
    stored = Article.objects.filter(series=series).values_list("series_number", flat=True)
    assert sorted(stored) == list(range(1, 31))


SQLITE_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import make_ready_article, make_series
from tests.articles.test_series import publish_at_once
series = make_series()
ids = [make_ready_article(series=series).pk for _ in range(30)]
print(json.dumps(publish_at_once(ids)))
"""


@pytest.mark.slow
def test_thirty_briefs_published_at_once_on_a_sqlite_file_get_thirty_consecutive_numbers(
    tmp_path,
):
    """SQLite as configured for production (WAL, IMMEDIATE transactions, busy timeout)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "stateup.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "STATEUP_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(numbers) == list(range(1, 31)), numbers


@pytest.mark.django_db
def test_the_admin_shows_the_number_and_locks_the_series_once_numbered(staff_client):
    series = make_series(name="Working Paper")
    draft = make_article(series=series, status=Article.Status.DRAFT, published_at=None)
    page = staff_client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert 'name="series"' in page  # still free to choose
    numbered = make_article(series=series)
    page = staff_client.get(f"/admin/articles/article/{numbered.pk}/change/").content.decode()
    assert 'name="series"' not in page
    assert f"Working Paper 1/{numbered.series_year}" in page
