"""``event_groups`` in the dossier: filled by fusion, valid ``storyline/1``, bad refs pruned."""

from __future__ import annotations

from storyline.fuse import fuse
from storyline.model import DocumentAnalysis, Event, Metadata
from storyline.report.build.dossier import build_dossier
from storyline.report.schema import dossier_problems, validate_dossier

TEXT = "Saboteurs derailed a freight train near Minsk on Sunday."


def _analysis(doc_id: str, text: str) -> DocumentAnalysis:
    i = text.index("derailed")
    ev = Event(
        id="e1",
        type="SABOTAGE",
        start=0,
        end=len(text),
        text=text,
        trigger={"start": i, "end": i + 8, "text": "derailed", "lemma": "derail"},
        time={"start": 0, "end": 0, "text": "", "value": "2022-03-06"},
    )
    return DocumentAnalysis(doc_id, "t", text, doc_id, "txt", Metadata(), events=[ev])


def test_dossier_carries_valid_event_groups():
    docs = [_analysis("d1", TEXT), _analysis("d2", TEXT + " Rail traffic stopped.")]
    dossier = build_dossier(docs, fuse(docs))
    validate_dossier(dossier)
    groups = dossier["event_groups"]
    assert len(groups) == 1 and groups[0]["events"] == ["d1:e1", "d2:e1"]
    assert groups[0]["date"] == "2022-03-06" and groups[0]["lineages"] >= 1
    assert dossier["stats"]["event_groups"] == 1


def test_an_event_group_naming_an_unknown_document_is_reported():
    docs = [_analysis("d1", TEXT)]
    dossier = build_dossier(docs, fuse(docs))
    dossier["event_groups"][0]["docs"].append("nowhere")
    problems = dossier_problems(dossier)
    assert any(path[:3] == ["event_groups", 0, "docs"] for path, _ in problems)
