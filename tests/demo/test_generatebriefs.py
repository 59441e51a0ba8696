"""The benchmarks' data generator: varied briefs, indexed for search, never over real data."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.search.query import parse_query
from articles.search.results import matching, planned_for_search
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_makes_varied_briefs_in_every_state_and_indexes_them():
    out = io.StringIO()
    call_command("generatebriefs", count=80, stdout=out)
    briefs = Article.objects.all()
    assert briefs.count() == 80
    assert 60 <= Article.objects.published().count() < 80
    assert {"published", "draft"} <= set(briefs.values_list("status", flat=True))
    assert all(article.authorships.exists() for article in briefs)
    assert all(2 <= article.tags.count() <= 5 for article in briefs)
    with planned_for_search():
        assert matching(Article.objects.published(), parse_query("policy")).exists()
    assert "Created 80 briefs." in out.getvalue()


def test_it_refuses_a_database_that_already_has_briefs():
    make_article()
    with pytest.raises(CommandError, match="--yes"):
        call_command("generatebriefs", count=5, stdout=io.StringIO())
    call_command("generatebriefs", count=5, yes=True, stdout=io.StringIO())
    assert Article.objects.count() == 6


def test_a_nonsense_count_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generatebriefs", count=0)
