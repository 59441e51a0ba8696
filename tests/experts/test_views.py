"""/experts/: StateUp staff as experts, filterable by topic and language, each with their briefs."""

import pytest
from django.core.exceptions import ValidationError

from experts.models import Expert
from tests.factories import UNPUBLISHED, make_article, make_author, make_category, make_expert

pytestmark = pytest.mark.django_db


def test_the_directory_lists_listed_experts_with_their_expertise(client):
    energy = make_category(name="Energy", slug="energy")
    make_expert(
        author=make_author(name="Ana Lima", slug="ana-lima"),
        topics=[energy],
        keywords="subsea cables, data governance",
        languages=["en", "pt"],
        is_available_for_media=True,
        media_email="press@stateup.org",
    )
    make_expert(author=make_author(name="Hidden Person"), is_listed=False)
    response = client.get("/experts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/experts/ana-lima/"' in html
    assert "subsea cables, data governance" in html
    assert "English, Portuguese" in html
    assert 'href="mailto:press@stateup.org"' in html
    assert "Available for media" in html
    assert "Hidden Person" not in html


def test_the_directory_filters_by_topic_and_language(client):
    energy, trade = make_category(slug="energy"), make_category(slug="trade")
    make_expert(author=make_author(name="Energy Speaker"), topics=[energy], languages=["es"])
    make_expert(author=make_author(name="Trade Speaker"), topics=[trade], languages=["es", "en"])
    html = client.get("/experts/?topic=energy").content.decode()
    assert "Energy Speaker" in html
    assert "Trade Speaker" not in html
    html = client.get("/experts/?language=en").content.decode()
    assert "Trade Speaker" in html
    assert "Energy Speaker" not in html
    html = client.get("/experts/?topic=energy&language=en").content.decode()
    assert "No expert matches these filters." in html
    # Two languages each: listed once, not once per language.
    assert client.get("/experts/?language=es").content.decode().count("Trade Speaker</a>") == 1


@pytest.mark.parametrize(
    "query",
    ["topic=nope", "language=xx", "topic=%00", "language=" + "e" * 5000, "topic[]=x&topic=y"],
)
def test_bad_filters_are_a_400_with_the_reason(client, query):
    make_expert()
    response = client.get(f"/experts/?{query}")
    assert response.status_code == 400
    assert "We could not apply these filters" in response.content.decode()


def test_the_expert_page_lists_their_public_briefs(client):
    author = make_author(name="Ana Lima", slug="ana-lima")
    make_expert(author=author, photo_credit="Photo: StateUp")
    public = make_article(title="A public brief", authors=[author])
    draft = make_article(title="A draft brief", authors=[author], **UNPUBLISHED["draft"])
    response = client.get("/experts/ana-lima/")
    html = response.content.decode()
    assert response.status_code == 200
    assert public.title in html
    assert draft.title not in html
    assert "Briefs by Ana Lima" in html


def test_an_unlisted_or_unknown_expert_is_404(client):
    make_expert(author=make_author(slug="quiet"), is_listed=False)
    assert client.get("/experts/quiet/").status_code == 404
    assert client.get("/experts/nobody/").status_code == 404
    assert client.get("/experts/ana/?page=abc").status_code == 404


def test_outside_authors_cannot_be_experts_and_media_needs_a_contact():
    outside = Expert(author=make_author(affiliation="Another University"))
    with pytest.raises(ValidationError) as error:
        outside.full_clean()
    assert "author" in error.value.message_dict
    silent = Expert(author=make_author(), is_available_for_media=True)
    with pytest.raises(ValidationError) as error:
        silent.full_clean()
    assert "media_email" in error.value.message_dict


def test_the_directory_and_expert_pages_have_fixed_query_budgets(
    client, django_assert_max_num_queries
):
    topic = make_category()
    experts = [
        make_expert(topics=[topic], languages=["en", "es"], keywords="a, b") for _ in range(8)
    ]
    for expert in experts:
        make_article(authors=[expert.author])
    # Including the three a new content version costs (its counter, the next scheduled
    # brief, the next event to start or end).
    with django_assert_max_num_queries(8):
        assert client.get("/experts/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(experts[0].get_absolute_url()).status_code == 200


def test_an_expert_page_lists_the_events_they_speak_at(client):
    from tests.factories import make_event

    expert = make_expert()
    event = make_event(title="Round table on grids", speakers=[expert.author])
    html = client.get(expert.get_absolute_url()).content.decode()
    assert "Round table on grids" in html
    assert event.get_absolute_url() in html
