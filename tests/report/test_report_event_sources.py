"""Who reported an event or made a forecast, as the views name them (invented texts).

A pronoun source shows the entity a shown quotation resolved it to, never
"according to he"; a source in a machine-spun document shows its repaired
reading; an unresolved pronoun says so.
"""

from __future__ import annotations

from storyline.report.render.forecasts import mention_names, who_words

TEXT = "Mayor Ilse Varga spoke in Orsk. Later helium said the dam would hold."


def _at(part: str, text: str = TEXT) -> dict:
    start = text.index(part)
    return {"doc": "d1", "start": start, "end": start + len(part), "text": part}


def _dossier(confidence: float = 0.9, shown: float = 0.75) -> dict:
    he = _at("helium")
    doc = {
        "id": "d1",
        "text": TEXT,
        "spans": [{"kind": "spun", **he, "original": "he"}],
    }
    varga = {
        "id": "p1",
        "name": "Ilse Varga",
        "type": "PERSON",
        "mentions": [_at("Ilse Varga")],
    }
    quote = {
        "id": "d1:q1",
        "doc": "d1",
        **{k: v for k, v in _at("the dam would hold").items() if k != "doc"},
        "speaker": {**{k: v for k, v in he.items() if k != "doc"}, "entity": "p1"},
        "confidence": confidence,
    }
    return {
        "documents": [doc],
        "entities": [varga],
        "quotes": [quote],
        "display": {"quote_min_confidence": shown},
    }


def test_a_pronoun_source_shows_the_entity_a_shown_quotation_resolved_it_to():
    dossier = _dossier()
    names = mention_names(dossier)
    docs = {"d1": dossier["documents"][0]}
    assert who_words(_at("helium"), None, names, docs) == "Ilse Varga"


def test_a_hidden_quotation_resolves_no_source_and_the_pronoun_is_marked():
    dossier = _dossier(confidence=0.5)  # below the display threshold
    names = mention_names(dossier)
    docs = {"d1": dossier["documents"][0]}
    assert who_words(_at("helium"), None, names, docs) == "“he” (unresolved)"


def test_a_spun_source_shows_its_repaired_reading_without_docs_the_words_as_printed():
    assert who_words(_at("helium"), None, {}, {"d1": _dossier()["documents"][0]}) == (
        "“he” (unresolved)"
    )
    assert who_words(_at("helium"), None, {}) == "helium"


def test_a_surname_shows_the_full_name_and_other_words_stay_as_written():
    names = mention_names(_dossier())
    assert who_words(_at("Varga"), None, names) == "Varga"  # not a mention span
    assert who_words(_at("Ilse Varga"), None, names) == "Ilse Varga"
    assert who_words(None, "Daily Orsk", names) == "Daily Orsk"
    assert who_words({"text": ""}, None, names) == "the outlet"
