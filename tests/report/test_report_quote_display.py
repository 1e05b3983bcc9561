"""The display threshold of "Who said what": low-confidence attributions are
hidden from the readable views by default (still in dossier.json), shown
with ``--all-quotes``; coordinated speakers are named jointly."""

from __future__ import annotations

from storyline.report import render_html, render_markdown
from storyline.report.statements import (
    display_threshold,
    hidden_quotes,
    speaker_label,
    who_said_what,
)

TEXT = (
    "Mayor Ilse Varga said the levee would hold. "
    "The council and the port authority disagreed about the repairs."
)


def _dossier(threshold: float | None) -> dict:
    def quote(qid: str, content: str, speaker: str, conf: float, kind: str = "name") -> dict:
        s = TEXT.index(content)
        p = TEXT.index(speaker)
        return {
            "id": f"d1:{qid}",
            "doc": "d1",
            "start": s,
            "end": s + len(content),
            "text": content,
            "kind": "indirect",
            "speaker": {"text": speaker, "start": p, "end": p + len(speaker), "kind": kind},
            "confidence": conf,
        }

    dossier = {
        "schema": "storyline/1",
        "documents": [{"id": "d1", "text": TEXT, "title": "Levee"}],
        "entities": [],
        "quotes": [
            quote("q1", "the levee would hold", "Mayor Ilse Varga", 0.93),
            quote(
                "q2",
                "the repairs",
                "The council and the port authority",
                0.21,
                kind="coordination",
            ),
        ],
    }
    if threshold is not None:
        dossier["display"] = {"quote_min_confidence": threshold}
    return dossier


def _names(dossier: dict) -> list[str]:
    return [sec.name for sec in who_said_what(dossier)]


def test_quotes_below_the_threshold_are_hidden_and_counted():
    d = _dossier(0.5)
    assert display_threshold(d) == 0.5
    assert _names(d) == ["Mayor Ilse Varga"]
    assert hidden_quotes(d) == 1
    md = render_markdown(d)
    assert "1 attribution hidden: confidence below 0.50" in md
    assert "port authority" not in md.split("## Who said what")[1].split("\n## ")[0]
    assert "1 attribution hidden: confidence below 0.50" in render_html(d)


def test_all_quotes_shows_every_attribution():
    d = _dossier(0.0)
    assert hidden_quotes(d) == 0
    assert "The council and the port authority (jointly)" in _names(d)
    assert "hidden (" not in render_markdown(d)


def test_older_dossiers_without_display_show_everything():
    assert len(_names(_dossier(None))) == 2


def test_coordinated_speakers_are_named_jointly_not_as_one_person():
    sp = {"text": "Anna Berg and Tomas Lind", "kind": "coordination"}
    assert speaker_label(sp) == "Anna Berg and Tomas Lind (jointly)"


def test_an_action_is_hidden_while_a_threshold_is_set():
    d = _dossier(0.5)
    d["quotes"][0]["cue"] = {"text": "said", "lemma": "say", "reporting": True}
    d["quotes"][1]["confidence"] = 0.97
    d["quotes"][1]["cue"] = {"text": "disagreed", "lemma": "sign", "reporting": False}
    assert _names(d) == ["Mayor Ilse Varga"] and hidden_quotes(d) == 1
    d["display"]["quote_min_confidence"] = 0.0
    assert len(_names(d)) == 2 and hidden_quotes(d) == 0


def test_a_coordinated_speaker_linked_to_one_entity_is_not_filed_under_it():
    """The fused speaker of "A and B disagreed" may point at A's entity (the
    mention inside it); the statement is both's, so it is not A's section."""
    d = _dossier(0.0)
    d["entities"] = [{"id": "e1", "name": "Port Authority", "type": "ORG", "mentions": []}]
    d["quotes"][1]["speaker"]["entity"] = "e1"
    d["quotes"][0]["speaker"]["entity"] = "e1"  # a plain speaker still joins its entity
    names = _names(d)
    assert "Port Authority" in names
    assert "The council and the port authority (jointly)" in names
