"""Forecasts without a deadline: found from a forecast event, kept open by "not yet",
contradicted only by a denial that it will happen (texts invented here)."""

from __future__ import annotations

from types import SimpleNamespace

from storyline.fuse.forecasts import open_ended, repaired
from storyline.fuse.forecasts_status import decide, last_day, relation, stem
from storyline.model import Forecast, Span


def _stems(*words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def _clause(deadline: str | None) -> SimpleNamespace:
    return SimpleNamespace(
        doc="a", text="Ruritania may join the war.", subject=sorted(_stems("ruritania")),
        words=_stems("ruritania", "join", "war"), deadline=deadline, inferred=False, lineage="a",
    )  # fmt: skip


def test_not_yet_is_no_contradiction_without_a_deadline() -> None:
    clause = _clause(None)
    later = "Ruritania has yet to join the war."
    assert relation(clause, later, None, "join") == "not yet"
    assert relation(clause, "Ruritania will not join the war, its king said.", None, "join") == (
        "refutes"
    )
    # with a deadline the same sentence refutes it
    assert relation(_clause("2031-05-02"), later, None, "join") == "refutes"


def test_without_a_deadline_an_outcome_must_state_the_act() -> None:
    clause = SimpleNamespace(
        doc="a", text="Ruritania may invade the northern islands.",
        subject=sorted(_stems("ruritania")),
        words=_stems("ruritania", "invade", "northern", "islands"),
        deadline=None, inferred=False, lineage="a",
    )  # fmt: skip
    said = "Ruritania invaded the islands on Monday."
    assert relation(clause, said, None, "invade") == "confirms"
    # the same words without the predicted act: no outcome
    assert relation(clause, "Ruritania's northern islands held elections.", None, "invade") is None


def _forecast() -> Forecast:
    return Forecast(
        id="fc1", statement={"doc": "a", "start": 0, "end": 5, "text": "x"}, claim="x",
        modality="hedged", status="unknown", reason="", made="2031-05-01", docs=["a"],
    )  # fmt: skip


def _ev(relation: str, day: str) -> dict[str, object]:
    return {"doc": "b", "start": 0, "end": 3, "text": "...", "relation": relation,
            "published": day, "date": None}  # fmt: skip


def test_status_without_a_deadline() -> None:
    fc = _forecast()
    decide(fc, [_ev("not yet", "2031-05-09"), _ev("not yet", "2031-05-20")], "2031-06-01", False)
    assert fc.status == "open" and "as of 20 May 2031" in fc.reason
    fc = _forecast()
    decide(fc, [_ev("refutes", "2031-05-09")], "2031-06-01", False)
    assert fc.status == "contradicted" and "will not happen" in fc.reason
    fc = _forecast()
    decide(fc, [], "2031-06-01", False)
    assert fc.status == "open"


def test_a_clause_without_deadline_needs_a_forecast_event_of_a_named_actor() -> None:
    def event(modality: str, actors: list[dict[str, str]]) -> SimpleNamespace:
        return SimpleNamespace(trigger={"start": 14}, modality=modality, actors=actors)

    named = [{"text": "Ruritania"}]
    a = SimpleNamespace(outputs={"events": [event("hedged", named)]})
    assert open_ended(a, 0, 30, 10)
    assert not open_ended(
        SimpleNamespace(outputs={"events": [event("asserted", named)]}), 0, 30, 10
    )
    assert not open_ended(SimpleNamespace(outputs={"events": [event("hedged", [])]}), 0, 30, 10)
    nobody = SimpleNamespace(outputs={"events": [event("hedged", [{"text": "nobody"}])]})
    assert not open_ended(nobody, 0, 30, 10)
    assert not open_ended(a, 0, 30, 20)  # the event comes before the cue


def test_a_spun_cue_is_read_as_its_repair_without_moving_offsets() -> None:
    text = "Ruritania whitethorn join."
    sp = Span(10, 20, "spun", attrs={"original": "may"})
    out = "".join(repaired(list(text), 0, [sp]))
    assert len(out) == len(text) and out.startswith("Ruritania may ")


def test_a_year_or_month_deadline_runs_to_the_end_of_its_period() -> None:
    assert last_day("2031") == "2031-12-31"
    assert last_day("2032-02") == "2032-02-29"
    assert last_day("2031-Q2") == "2031-06-30"
    assert last_day("2031-05-09T10:00") == "2031-05-09"
    # a report in the deadline's year is not "after the deadline", and the day count works
    fc = _forecast()
    fc.deadline = "2031"
    decide(fc, [_ev("refutes", "2031-07-09")], "2032-03-01", False)
    assert fc.status == "contradicted" and "before the deadline" in fc.reason
    fc = _forecast()
    fc.deadline = "2031-06"
    decide(fc, [_ev("not yet", "2031-07-09")], "2031-08-01", False)
    assert fc.status == "not by its deadline" and "9 days after the deadline" in fc.reason


def test_silence_counts_only_when_the_corpus_runs_a_week_past_the_deadline() -> None:
    fc = _forecast()
    fc.deadline = "2031-05-10"
    decide(fc, [], "2031-05-12", False)
    assert fc.status == "open" and "too soon to tell" in fc.reason
    fc = _forecast()
    fc.deadline = "2031-05-10"
    decide(fc, [], "2031-05-30", False)
    assert fc.status == "not by its deadline" and "20 days after" in fc.reason
