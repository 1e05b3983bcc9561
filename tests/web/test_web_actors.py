"""A country and its nationality words are one actor in a story's short list."""

from __future__ import annotations

from storyline.web.actors import one_per_country, spelling_country


def _list(*names: str) -> list[dict]:
    return [{"id": n, "name": n} for n in names]


KNOWN = {
    "Belarusian": {"type": "NORP", "name": "Belarusian", "aliases": ["Belarusian"]},
    "Belarusians": {"type": "NORP", "name": "Belarusians", "aliases": []},
    "Ukraine": {"type": "GPE", "name": "Ukraine", "aliases": []},
    "Belarus": {"type": "GPE", "name": "Belarus", "aliases": []},
    "Russian": {"type": "NORP", "name": "Russian", "aliases": []},
    "Ilse Kovar": {"type": "PERSON", "name": "Ilse Kovar", "aliases": []},
    "U.S.": {"type": "GPE", "name": "U.S.", "aliases": ["U.S.", "United States"]},
    "American": {"type": "NORP", "name": "American", "aliases": []},
    "Americans": {"type": "NORP", "name": "Americans", "aliases": []},
}


def test_the_country_stands_where_its_first_word_stood() -> None:
    entities = _list("Belarusian", "Ukraine", "Belarus", "Ilse Kovar", "Belarusians", "Russian")
    shown = [e["name"] for e in one_per_country(entities, KNOWN, 6)]
    # a nationality word without its country listed stays (Russian)
    assert shown == ["Belarus", "Ukraine", "Ilse Kovar", "Russian"]


def test_nationality_words_alone_keep_the_first() -> None:
    shown = one_per_country(_list("Americans", "Ilse Kovar", "American"), KNOWN, 6)
    assert [e["name"] for e in shown] == ["Americans", "Ilse Kovar"]


def test_a_country_spelled_by_initials_is_the_same_actor() -> None:
    shown = one_per_country(_list("American", "U.S.", "Ilse Kovar"), KNOWN, 6)
    assert [e["name"] for e in shown] == ["U.S.", "Ilse Kovar"]


def test_unknown_entities_are_kept_and_the_list_is_cut() -> None:
    shown = one_per_country(_list("x1", "x2", "x3", "Belarus"), {}, 3)
    assert [e["name"] for e in shown] == ["x1", "x2", "x3"]


def test_country_spellings() -> None:
    assert spelling_country("U.S.") == "US"
    assert spelling_country("USA") == "US"
    assert spelling_country("the United Kingdom") == "GB"
    assert spelling_country("UK") == "GB"  # initials, not an ISO code
    assert spelling_country("Belarus") == "BY"
    assert spelling_country("Minsk") is None
    assert spelling_country("it") is None  # a lower-case word is not a code
