"""A brief page, with everything it loads from our origin except images, stays light."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.factories import make_article, make_author, make_category

# What the page costs a reader on a slow connection: HTML, CSS and JavaScript,
# gzip-compressed as the site's proxy sends them (images are loaded lazily).
BUDGET = 60 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"]+)"')
PARAGRAPH = (
    "<p>Grid interconnection between the European Union and Latin America would let "
    "both regions trade clean power, share standards and finance projects that neither "
    "could carry alone; the evidence from pilots in Chile and Portugal is encouraging.</p>"
)


def compressed_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


@pytest.mark.django_db
def test_a_rich_brief_page_weighs_less_than_60_kb_compressed():
    topic = make_category()
    related = [make_article(category=topic, tags=["grid"]) for _ in range(3)]
    brief = make_article(
        category=topic,
        title="A digital alliance for the EU and Latin America",
        body="<h2>Why it matters</h2>" + PARAGRAPH * 60,  # about 2,500 words
        authors=[make_author() for _ in range(3)],
        tags=["grid", "hydrogen", "data", "cables", "finance", "standards"],
        links=[{"title": f"Source {n}", "url": f"https://example.org/{n}"} for n in range(6)],
        related=related,
    )
    response = Client().get(brief.get_absolute_url())
    assert response.status_code == 200
    sizes = {"HTML": compressed_size(response.content)}
    assets = ASSET.findall(response.content.decode())
    assert any(path.endswith(".css") for path in assets)
    assert any(path.endswith(".js") for path in assets)
    for path in assets:
        found = finders.find(path.removeprefix("/static/"))
        assert found, path
        with open(found, "rb") as handle:
            sizes[path] = compressed_size(handle.read())
    total = sum(sizes.values())
    assert total < BUDGET, sizes
