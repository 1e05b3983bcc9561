from storyline.model import RawDocument
from storyline.pipeline import Pipeline
from storyline.settings import Settings


def test_a_mention_never_runs_into_masked_boilerplate():
    text = (
        "The Harbour Gazette\n\nFloods close the Kessel Gorge Dam\n\n4/2/2025, 8:15:03 AM\n\n"
        "Engineers from the Tavren Hydro Authority inspected the Kessel Gorge Dam on Monday."
    )
    raw = RawDocument.create("a.txt", text, text.encode(), "txt")
    a = Pipeline(Settings()).analyze(raw)
    boiler = [s for s in a.spans if s.kind == "boilerplate"]
    assert boiler, "masthead and dateline lines should be boilerplate"
    for m in a.mentions:
        assert "\n" not in m.text and m.text == m.text.strip()
        assert text[m.start : m.end] == m.text
        assert not any(s.start < m.end and m.start < s.end for s in boiler)
