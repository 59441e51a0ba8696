"""A page is kept cut at its holes and filled for each reader in one pass."""

import pytest

from pagecache import holes


@pytest.fixture
def counted_hole(monkeypatch):
    calls = []
    monkeypatch.setitem(holes._fills, "test_stamp", lambda request: calls.append(request) or "<42>")
    monkeypatch.setattr(holes, "_finder", None)  # put back as it was, without test_stamp
    return calls


def test_each_hole_is_filled_escaped_and_asked_for_once_however_often_it_appears(counted_hole):
    marker = holes.placeholder("test_stamp").encode()
    page = marker + b"<p>one</p>" + marker + b"<p>two</p>" + marker
    parts = holes.split(page)
    assert parts == [
        b"",
        "test_stamp",
        b"<p>one</p>",
        "test_stamp",
        b"<p>two</p>",
        "test_stamp",
        b"",
    ]
    filled = holes.fill_parts(parts, "request")
    assert filled == b"&lt;42&gt;<p>one</p>&lt;42&gt;<p>two</p>&lt;42&gt;"
    assert counted_hole == ["request"]


def test_a_page_without_holes_is_one_part_and_never_asks_a_hole(counted_hole):
    parts = holes.split(b"<p>__hole_ but not one</p>")
    assert parts == [b"<p>__hole_ but not one</p>"]
    assert holes.fill_parts(parts, None) == b"<p>__hole_ but not one</p>"
    assert counted_hole == []


def test_a_page_kept_once_is_filled_afresh_for_every_reader(counted_hole):
    parts = holes.split(b"a" + holes.placeholder("test_stamp").encode() + b"b")
    holes.fill_parts(parts, "first reader")
    holes.fill_parts(parts, "second reader")
    assert counted_hole == ["first reader", "second reader"]
    assert parts[1] == "test_stamp", "filling must not change what is kept"
