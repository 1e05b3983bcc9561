"""A quote's annotation-style ``source`` (a poll share, "52 percent said") is
valid dossier data but never shown as a speaker (issue 14: number phrases
are no speakers). Texts written for these tests."""

from __future__ import annotations

from report_quotes_data import make_quote_analyses, make_quote_fused

from storyline.report import build_dossier, validate_dossier
from storyline.report.render.markdown import render_markdown
from storyline.report.statements import UNATTRIBUTED, who_said_what

TEXT = "In the survey, 52 percent said the harbour fee was too high."


def _poll_dossier() -> dict:
    s0 = TEXT.index("52 percent")
    c0 = TEXT.index("the harbour")
    cue = TEXT.index("said")
    return {
        "documents": [{"id": "d1", "text": TEXT}],
        "entities": [],
        "quotes": [
            {
                "id": "d1:q1",
                "doc": "d1",
                "start": c0,
                "end": len(TEXT) - 1,
                "text": TEXT[c0:-1],
                "kind": "indirect",
                "confidence": 0.9,
                "speaker": None,
                "source": {"text": "52 percent", "start": s0, "end": s0 + 10},
                "cue": {"text": "said", "start": cue, "end": cue + 4, "lemma": "say"},
            }
        ],
    }


def test_a_poll_share_source_is_listed_unattributed_not_as_a_speaker() -> None:
    (sec,) = who_said_what(_poll_dossier())
    assert sec.name == UNATTRIBUTED and sec.key == ""
    assert all("52 percent" not in st.speaker_name for st in sec.statements)


def test_a_dossier_with_a_quote_source_validates_and_old_ones_still_do() -> None:
    analyses = make_quote_analyses()
    old = build_dossier(analyses, make_quote_fused(analyses))
    validate_dossier(old)  # written without any source: still valid
    analyses = make_quote_analyses()
    q = analyses[0].quotes[0]
    sp = q.speaker
    q.speaker, q.source = None, {"text": sp["text"], "start": sp["start"], "end": sp["end"]}
    dossier = build_dossier(analyses, make_quote_fused(analyses))
    validate_dossier(dossier)
    assert dossier["errors"] == []
    shown = next(x for x in dossier["quotes"] if x["id"].endswith(":q1") and x["source"])
    assert shown["speaker"] is None


def test_a_source_with_bad_offsets_costs_only_that_quote() -> None:
    analyses = make_quote_analyses()
    q = analyses[0].quotes[0]
    q.source = {"text": "nonsense", "start": 3, "end": 2}
    dossier = build_dossier(analyses, make_quote_fused(analyses))
    validate_dossier(dossier)  # the bad item is dropped with an error line, not the run
    assert dossier["stats"]["items_dropped"] == 1


def test_the_markdown_view_names_no_number_phrase_as_speaker() -> None:
    dossier = build_dossier(make_quote_analyses(), make_quote_fused(make_quote_analyses()))
    dossier["documents"].append({"id": "d1", "text": TEXT})
    dossier["quotes"].extend(_poll_dossier()["quotes"])
    md = render_markdown(dossier)
    assert "52 percent" not in "\n".join(line for line in md.splitlines() if line.startswith("#"))
