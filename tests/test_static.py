"""The files the site serves are whole: no half-merged lines, balanced stylesheets."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("<<<<<<< ", "=======\n", ">>>>>>> ")


def tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "*.py", "*.html", "*.css", "*.js", "*.txt", "*.md", "*.toml"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return [ROOT / name for name in names if (ROOT / name).is_file()]


def test_no_file_holds_a_merge_conflict_marker():
    files = tracked_text_files()
    if not files:
        pytest.skip("not a git checkout")
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            assert not line.startswith(MARKERS), f"{path.relative_to(ROOT)}: {line!r}"


@pytest.mark.parametrize("stylesheet", sorted((ROOT / "static").rglob("*.css")), ids=str)
def test_stylesheets_have_balanced_braces_and_no_stray_lines(stylesheet):
    text = stylesheet.read_text(encoding="utf-8")
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{stylesheet.name}:{number} closes a block that was never opened"
    assert depth == 0, f"{stylesheet.name} leaves {depth} block(s) open"
