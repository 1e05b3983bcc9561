"""A forecast clause without its reporting frame: "told <outlet>" before it and
", he added" after it name the source and channel, not what is forecast
(``fuse.forecasts.frame_trimmed``; texts invented here)."""

from __future__ import annotations

from types import SimpleNamespace

from storyline.fuse.forecasts import clause_bounds, frame_trimmed
from storyline.model import Mention


def _analysis(text: str, names: list[tuple[str, str]]) -> SimpleNamespace:
    mentions = []
    for name, label in names:
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name, label))
    return SimpleNamespace(text=text, mentions=mentions)


def _clause(a: SimpleNamespace, cue: str) -> str:
    at = a.text.index(cue)
    lo, hi = frame_trimmed(a.text, *clause_bounds(a.text, at), at, a.mentions)
    return a.text[lo:hi]


def test_an_outlet_after_told_is_the_channel_not_the_forecast():
    a = _analysis(
        "Pera Lind, a former army chief, told Harbour Radio Ruritania may join the war soon.",
        [("Pera Lind", "PERSON"), ("Harbour Radio", "ORG"), ("Ruritania", "GPE")],
    )
    assert _clause(a, "may") == "Ruritania may join the war soon"


def test_an_audience_noun_and_that_are_the_frame_too():
    a = _analysis("The mayor, Ilko Maran, told reporters that the bridge could close.", [])
    assert _clause(a, "could") == "the bridge could close"


def test_a_reporting_tail_is_cut_and_an_unframed_clause_kept_whole():
    a = _analysis("Osterlich may close the northern pass, he added.", [])
    assert _clause(a, "may") == "Osterlich may close the northern pass"
    a = _analysis("Officials told the truth: the dam may fail by Friday.", [])
    assert _clause(a, "may") == "the dam may fail by Friday"
    a = _analysis("Maran, a farmer, told a story about how the dam may fail.", [])
    assert _clause(a, "may") == "told a story about how the dam may fail"  # no audience
