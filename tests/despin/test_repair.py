from storyline.despin.repair import repaired_view
from storyline.model import Span


def _spun(text: str, word: str, original: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), "spun", attrs={"original": original})


def test_repairs_apply_and_offsets_map_back():
    text = "The guard threw coins astatine Sokol, helium said."
    spans = [_spun(text, "astatine", "at"), _spun(text, "helium", "he")]
    repaired, omap = repaired_view(text, spans)
    assert repaired == "The guard threw coins at Sokol, he said."
    assert len(omap) == len(repaired) + 1
    i = repaired.index("Sokol")
    assert text[omap[i] : omap[i + len("Sokol")]] == "Sokol"
    j = repaired.index("at ")
    assert text[omap[j] : omap[j + 2]] == "astatine"
    assert omap[-1] == len(text)


def test_no_repairs_is_identity():
    text = "Nothing spun here."
    repaired, omap = repaired_view(text, [Span(0, 7, "spun")])  # no "original": not a repair
    assert repaired == text and omap == list(range(len(text) + 1))


def test_longer_replacement_maps_inside_the_span():
    text = "a nary b"
    repaired, omap = repaired_view(text, [_spun(text, "nary", "no one")])
    assert repaired == "a no one b"
    k = repaired.index("b")
    assert text[omap[k]] == "b"
    assert all(2 <= omap[x] < 6 for x in range(2, 8))
