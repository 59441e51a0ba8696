"""What a process keeps per content version is bounded, however many addresses are read."""

import pytest

from pagecache import fragments

pytestmark = pytest.mark.django_db


def remember_all(keys, value: str) -> list:
    computed = []

    def compute(key):
        computed.append(key)
        return value

    for key in keys:
        fragments.remember(None, key, lambda key=key: compute(key))
    return computed


def kept_keys() -> set:
    return set(fragments._kept[1])


def test_a_store_past_its_size_in_text_starts_again(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_CHARACTERS", 10_000)
    remember_all([("page", n) for n in range(5)], "x" * 3_000)
    # The fourth item took it past 10,000 characters: the fifth started a new store.
    assert kept_keys() == {("page", 4)}
    assert remember_all([("page", 4), ("page", 0)], "x" * 3_000) == [("page", 0)]


def test_a_store_past_its_number_of_items_starts_again(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_ITEMS", 3)
    remember_all([("card", n) for n in range(4)], "<li>card</li>")
    assert kept_keys() == {("card", 3)}


def test_kept_model_instances_count_their_text(monkeypatch):
    class Brief:
        def __init__(self):
            self.pk = 1
            self.body = "b" * 6_000

    monkeypatch.setattr(fragments, "MAX_CHARACTERS", 10_000)
    fragments.remember(None, ("brief", "a"), Brief)
    fragments.remember(None, ("brief", "b"), Brief)
    fragments.remember(None, ("brief", "c"), Brief)
    assert kept_keys() == {("brief", "c")}


def test_values_made_many_at_once_count_too(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_CHARACTERS", 10_000)
    keys = [("card", n) for n in range(4)]
    fragments.remember_many(None, keys, lambda missing: dict.fromkeys(missing, "c" * 3000))
    fragments.remember(None, ("card", "next"), lambda: "")
    assert kept_keys() == {("card", "next")}
