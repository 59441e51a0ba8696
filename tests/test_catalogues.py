"""
The Spanish and Portuguese catalogues: complete, checked by msgfmt, and in step with
the code. A string marked in a template or in Python but missing from a catalogue (or
left untranslated or fuzzy there) fails here: run `make messages` and translate it.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from articles.models import Article
from events.models import Event, Registration
from newsletter.models import Campaign, Delivery

BASE = Path(settings.BASE_DIR)
LANGUAGES = ["es", "pt"]
# The same folders as MESSAGES_IGNORE in the Makefile.
IGNORED = [
    ".venv",
    "audit",
    "bench",
    "tests",
    "demo",
    "node_modules",
    "staticfiles",
    "media",
    "var",
    "htmlcov",
]

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext is not installed (apt-get install gettext)"
)


def catalogue(language: str) -> Path:
    return BASE / "locale" / language / "LC_MESSAGES" / "django.po"


@needs_gettext
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_finds_no_error_untranslated_or_fuzzy_entry(language):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue(language))],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


@needs_gettext
def test_every_marked_string_is_in_both_catalogues(tmp_path, settings, monkeypatch):
    """makemessages on a copy of the code, then msgcmp: every msgid must be translated."""
    source = tmp_path / "source"
    # A copy, so that makemessages cannot touch the real catalogues.
    shutil.copytree(
        BASE, source, ignore=shutil.ignore_patterns(*IGNORED, "locale", ".git", "*.pyc", "*.mo")
    )
    (source / "locale").mkdir()
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command(
        "makemessages", locale=["es"], ignore_patterns=IGNORED, verbosity=0, no_obsolete=True
    )
    fresh = source / "locale" / "es" / "LC_MESSAGES" / "django.po"
    assert fresh.exists()
    for language in LANGUAGES:
        result = subprocess.run(
            ["msgcmp", str(catalogue(language)), str(fresh)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (
            f"locale/{language} lacks strings marked in the code (run `make messages` and "
            f"translate them):\n{result.stderr}"
        )


def entries(path: Path) -> list[dict]:
    """The catalogue's entries as {keyword: text}, continuation lines joined."""
    found, entry, keyword = [], {}, None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if entry:
                found.append(entry)
            entry, keyword = {}, None
        elif line.startswith('"') and keyword:
            entry[keyword] += line[1:-1]
        elif not line.startswith("#"):
            keyword, _space, text = line.partition(" ")
            entry[keyword] = text[1:-1]
    return [entry for entry in found if entry.get("msgid")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    """Every %(name)s of a msgid is in each of its translations, and nothing else."""
    placeholders = re.compile(r"%\(\w+\)[sd]")
    found = entries(catalogue(language))
    assert len(found) > 500
    for entry in found:
        expected = set(placeholders.findall(entry["msgid"] + entry.get("msgid_plural", "")))
        for keyword, text in entry.items():
            if keyword.startswith("msgstr"):
                # A singular may leave out the count ("Un informe…"), never add one.
                assert set(placeholders.findall(text)) <= expected, (entry["msgid"], text)
                if keyword in {"msgstr", "msgstr[1]"}:
                    assert set(placeholders.findall(text)) == expected, (entry["msgid"], text)


@pytest.mark.parametrize(
    ("language", "label", "expected"),
    [
        ("es", lambda: Campaign.Status.SENT.label, "Enviada"),
        ("es", lambda: Campaign.Status.SCHEDULED.label, "Programada"),
        ("es", lambda: Registration.Status.CANCELLED.label, "Cancelada"),
        ("es", lambda: Registration.Status.CONFIRMED.label, "Confirmada"),
        ("es", lambda: Event.Status.CANCELLED.label, "Cancelado"),
        ("es", lambda: Article.Status.PUBLISHED.label, "Publicado"),
        ("pt", lambda: Event.Status.PUBLISHED.label, "Publicado"),
        ("pt", lambda: Article.Status.PUBLISHED.label, "Publicada"),
        ("pt", lambda: Delivery.Status.SENT.label, "Enviado"),
        ("pt", lambda: Campaign.Status.SENT.label, "Enviada"),
        ("pt", lambda: Registration.Status.CANCELLED.label, "Cancelada"),
    ],
)
def test_a_status_agrees_in_gender_with_what_it_describes(language, label, expected):
    # A campaign (campaña, campanha) and a registration (inscripción, inscrição)
    # are feminine, an event and a delivery masculine, a brief masculine in
    # Spanish (informe) and feminine in Portuguese (nota): one English word,
    # several translations, told apart by context.
    with translation.override(language):
        assert str(label()) == expected
