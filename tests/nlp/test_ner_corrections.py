"""Post-NER corrections: gazetteer, military units, document-level consistency.

The synthetic sentences are the team's own; the real-corpus checks name only
entities and line numbers (no article text is copied here).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import shared_path

from storyline.extract.mentions import extract_mentions
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.nlp.ner_corrections import DEFAULT_STEPS, STEPS, correct_entities, sports_results
from storyline.nlp.ner_places import lookup_place, norp_country
from storyline.pipeline import Pipeline
from storyline.settings import Settings

MODEL = Settings().model


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(MODEL)


def labels(nlp, text: str, steps=None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in correct_entities(nlp(text), steps):
        out.setdefault(e.text, set()).add(e.label_)
    return out


# ------------------------------------------------------------------ tables


def test_gazetteer_has_small_places_and_alternate_names():
    assert lookup_place("Kopani").population >= 1000  # a village of about 1,100
    assert lookup_place("Mariupol").country == "UA"
    assert lookup_place("Kiev").name in {"Kiev", "Kyiv"}  # alternate name of a large city
    assert lookup_place("MARIUPOL") is not None  # case-insensitive (headlines)
    assert lookup_place("the Netherlands").kind == "country"
    assert lookup_place("Europe").kind == "continent"
    assert lookup_place("Lukashenko") is None


def test_norp_country():
    assert norp_country("Belarusian") == "Belarus"
    assert norp_country("Belarusians") == "Belarus"
    assert norp_country("Ukrainian") == "Ukraine"
    assert norp_country("Poles") == "Poland"
    assert norp_country("British") == "United Kingdom"
    assert norp_country("Soviet") is None
    assert norp_country("Muslims") is None


def test_steps_are_registered_and_swappable(nlp):
    assert {"trim", "lowercase", "units", "places", "consistency"} <= set(DEFAULT_STEPS)
    doc = nlp("Talks in Vienna ended on Monday.")
    assert correct_entities(doc, []) == list(doc.ents)
    assert [e.text for e in correct_entities(doc, [STEPS["trim"]])] == [
        e.text for e in correct_entities(doc, ["trim"])
    ]


# ------------------------------------------------------------------- steps


def test_military_units_are_org(nlp):
    got = labels(nlp, "Volunteers of the Dravin Rifle Regiment crossed the river at dawn.")
    assert "ORG" in got.get("Dravin Rifle Regiment", set())
    got = labels(
        nlp, "The Northern Volunteer Battalion named after Osip Marchenko joined the defence."
    )
    # the unit and its namesake are two entities (fusion links them by "named after")
    assert got.get("Northern Volunteer Battalion") == {"ORG"}
    assert got.get("Osip Marchenko") == {"PERSON"}


def test_a_lowercase_unit_after_a_nationality_is_no_name(nlp):
    got = labels(nlp, "A Belarusian battalion crossed the river.")
    assert not any("battalion" in k for k in got)


def test_known_city_tagged_org_becomes_gpe(nlp):
    text = (
        "Shelling continued near Kharkiv on Tuesday. Kharkiv is the second city of the "
        "country, and residents of Kharkiv hid in the metro."
    )
    got = labels(nlp, text)
    assert got.get("Kharkiv") == {"GPE"}


def test_score_after_a_city_keeps_a_team(nlp):
    doc = nlp("SOCCER - RESULTS\nLeeds 2 Chelsea 1\nArsenal 3 Everton 0\nFulham 1 Wigan 1\n")
    ents = correct_entities(doc)
    assert not any(e.text == "Leeds" and e.label_ == "GPE" for e in ents)
    assert sports_results(doc) or all(e.label_ != "GPE" for e in ents)


def test_surname_follows_the_full_name(nlp):
    text = (
        "Maryna Doroshenka, an adviser to the opposition, spoke on Monday. "
        "According to Doroshenka, morale is low. Doroshenka added that officers had resigned."
    )
    got = labels(nlp, text)
    assert got.get("Doroshenka") == {"PERSON"}


def test_lowercase_names_are_dropped(nlp):
    got = labels(nlp, "He said america would respond.")
    assert "america" not in got


def test_mentions_carry_rule_source(nlp):
    text = "Residents of Mariupol fled. Mariupol was shelled again, and Mariupol burned."
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))
    mentions = [m for m in extract_mentions(parsed) if m.text == "Mariupol"]
    assert mentions and all(m.label == "GPE" for m in mentions)
    assert all(m.source in {"ner", "ner_rules"} for m in mentions)


# ------------------------------------------------------------- real corpus


def _mentions(path: Path):
    text = path.read_text(encoding="utf-8")
    raw = RawDocument.create(path.name, text, text.encode(), "txt")
    analysis = Pipeline(Settings()).analyze(raw)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= offset) + 1

    return [(m.text, m.label, line_of(m.start)) for m in analysis.mentions]


def _doc(folder: Path, prefix: str) -> Path:
    return next(folder.glob(f"{prefix}_*.txt"))


def test_corpus_mariupol_is_gpe_everywhere():
    folder = shared_path("corpus", "belarus-2022")
    got = [
        (label, line) for text, label, line in _mentions(_doc(folder, "000")) if text == "Mariupol"
    ]
    assert len(got) >= 9
    assert {label for label, _ in got} == {"GPE"}


def test_corpus_kopani_viacorka_and_battalions():
    folder = shared_path("corpus", "belarus-2022")
    m003 = _mentions(_doc(folder, "003"))
    assert ("Kopani", "GPE", 21) in m003
    assert ("Franak Viačorka", "PERSON", 27) in m003
    assert {label for text, label, _ in m003 if text == "Viačorka"} == {"PERSON"}
    m000 = _mentions(_doc(folder, "000"))
    battalion = [(t, lab) for t, lab, line in m000 if line == 10 and "Battalion" in t]
    assert battalion and battalion[0][1] == "ORG" and battalion[0][0].endswith("Battalion")
    m001 = _mentions(_doc(folder, "001"))
    assert ("Kastus Klinovsky Regiment", "ORG", 55) in m001
