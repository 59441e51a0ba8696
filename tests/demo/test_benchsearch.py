"""The search benchmark: its generated briefs and its measurements (on the test database)."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Authorship
from articles.search.query import parse_query
from articles.search.results import matching, planned_for_search
from demo.management.commands.benchsearch import Command, percentile


def test_percentiles_pick_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 51.0
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0


@pytest.mark.parametrize("options", [{"briefs": 0}, {"runs": 0}])
def test_nonsense_sizes_are_refused(options):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("benchsearch", **options)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_generated_briefs_are_varied_indexed_and_measured():
    out = io.StringIO()
    command = Command(stdout=out)
    command.fill(60, fresh=True)
    assert Article.objects.count() == 60
    assert 40 <= Article.objects.published().count() < 60
    assert Authorship.objects.count() >= 60
    assert len({a.title for a in Article.objects.all()}) == 60
    with planned_for_search():
        assert matching(Article.objects.published(), parse_query("policy")).exists()
    command.measure(runs=1)
    report = out.getvalue()
    assert "Generated and indexed 60 briefs" in report
    assert "search engine  p50" in report
    assert "whole page     p50" in report
