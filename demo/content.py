"""
The demo site's content, read from data files by `manage.py loaddemo`:

    demo/data/topics.toml        the topics
    demo/data/authors.toml       the authors
    demo/data/experts.toml       the StateUp staff in the experts directory
    demo/data/series.toml        the series briefs are published in
    demo/data/events.toml        the programme of events, at times relative to the load
    demo/data/briefs/<slug>.html one file per brief: its metadata as TOML between `+++`
                                 lines, then its body as HTML
    demo/data/translations/<slug>.html
                                 translations of demo briefs, in the same form; `of` is
                                 the original's slug, and an `outdated` one was made before
                                 the original's last revision, which added the text
                                 between its two markers (the admin flags it "original
                                 updated since")

Written for StateUp's demo: the people are fictional; the institutions and pages in
"Further reading" are real public sources.
"""

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CREDIT = "Illustration by StateUp Studio"
LICENCE = "CC BY 4.0"
MEDIA_EMAIL = "press@stateup.org"
FRONT_MATTER = "+++\n"


def read_brief(path: Path, *, translation: bool = False) -> dict:
    """A brief's file as loaddemo reads it: its metadata, with the HTML after it as `body`."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith(FRONT_MATTER) or text.count(FRONT_MATTER) < 2:
        raise ValueError(f"{path.name}: a brief file starts with TOML between '+++' lines")
    _, front, body = text.split(FRONT_MATTER, 2)
    brief = tomllib.loads(front)
    if not translation:
        brief.setdefault("links", [])
        brief.setdefault("related", [])
    brief["body"] = body
    if brief.get("slug") != path.stem:
        raise ValueError(f"{path.name}: its slug must be its file name")
    return brief


def _table(name: str) -> list[dict]:
    return tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))[name]


TOPICS = _table("topics")
AUTHORS = _table("authors")
EXPERTS = _table("experts")
SERIES = _table("series")
EVENTS = _table("events")
# Topic names and descriptions in Spanish and Portuguese (Brazil), by topic slug.
TOPIC_TRANSLATIONS = {
    topic["slug"]: {key: value for key, value in topic.items() if key.endswith(("_es", "_pt"))}
    for topic in TOPICS
}
TRANSLATIONS = [
    read_brief(path, translation=True) for path in sorted((DATA / "translations").glob("*.html"))
]
# Newest first, as they were written.
BRIEFS = sorted(
    (read_brief(path) for path in (DATA / "briefs").glob("*.html")),
    key=lambda brief: (brief["days_ago"], brief["slug"]),
)
