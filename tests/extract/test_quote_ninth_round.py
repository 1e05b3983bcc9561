"""Ninth round of issue 14 item 2: the speaker of an infinitive cue on a
passive verb. Small invented texts; none is taken from an article."""

from __future__ import annotations

from tests.extract.conftest import run_quotes

from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S


def _source_of(nlp, text: str, cue: str) -> str | None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == cue)
    src = S.source_token(tok)
    if src is None:
        return None
    i, j = S.np_range(src)
    return doc[i:j].text


def test_the_passive_subject_speaks_for_an_infinitive_cue(nlp):
    # "X is expected to say": the passive subject of "expected" says it.
    assert _source_of(nlp, "The governor is expected to say that the budget will pass.", "say") == (
        "The governor"
    )
    assert _source_of(nlp, "The minister was asked to explain why the port closed.", "explain") == (
        "The minister"
    )


def test_an_active_governing_verb_keeps_its_object_or_subject(nlp):
    # Unchanged: the object of an active verb ("urged X to say") and the
    # subject of a verb without one ("wants to say").
    assert _source_of(nlp, "The party urged the governor to deny the report.", "deny") == (
        "the governor"
    )
    assert _source_of(nlp, "The governor wants to deny that the budget failed.", "deny") == (
        "The governor"
    )


def test_the_rule_is_a_table(nlp):
    assert "nsubjpass" in R.PASSIVE_CONTROL_DEPS


def test_a_scheduled_speech_has_its_speaker(nlp):
    text = (
        "The senator is scheduled to announce that the army base will stay open. "
        "Workers at the base welcomed the news."
    )
    quotes = [q for q in run_quotes(nlp, text) if "army base" in q.text]
    assert quotes, [(q.text, q.cue) for q in run_quotes(nlp, text)]
    assert [(q.speaker or {}).get("text") for q in quotes] == ["The senator"], [
        (q.text, q.speaker) for q in quotes
    ]


def test_the_source_cue_objective_keeps_a_content_floor():
    from tools.train.train_quote_filter import _source_cue

    def result(content: float, source: float, cue: float) -> dict:
        return {
            "content_overlap": {"f1": content},
            "source_overlap": {"f1": source},
            "cue_overlap": {"f1": cue},
        }

    high, _ = _source_cue(result(0.80, 0.76, 0.74), floor=0.79)
    assert abs(high - 0.75) < 1e-9
    # More source and cue, but content below the floor: never chosen.
    low, _ = _source_cue(result(0.78, 0.80, 0.80), floor=0.79)
    assert low < high
