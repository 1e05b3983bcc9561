"""One token, one attribution: the indexed version keeps exactly what the pairwise rule keeps."""

from __future__ import annotations

import random
from types import SimpleNamespace

from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.records import one_token_one_attribution


def pairwise(atts: list[Attribution]) -> list[Attribution]:
    """The rule as first written: every pair compared (cubic on long documents)."""
    kept: list[Attribution] = []
    for a in atts:
        cpos = a.cue.idx if hasattr(a.cue, "idx") else None
        if cpos is not None and any(
            b is not a and any(fs <= cpos < fe for fs, fe in b.frags) for b in atts
        ):
            continue
        if any(b.start <= a.start and a.end <= b.end for b in kept):
            continue
        kept.append(a)
    return kept


def random_attributions(rng: random.Random, n: int) -> list[Attribution]:
    out = []
    for _ in range(n):
        frags = []
        pos = rng.randrange(0, 300)
        for _ in range(rng.randrange(1, 3)):
            length = rng.randrange(1, 60)
            frags.append((pos, pos + length))
            pos += length + rng.randrange(0, 20)
        cue = SimpleNamespace(idx=rng.randrange(0, 400)) if rng.random() < 0.8 else (0, 1, "x")
        out.append(Attribution(frags[0][0], frags[-1][1], "direct", frags, cue=cue))
    return out


def test_indexed_rule_equals_the_pairwise_rule():
    rng = random.Random(11)
    for _ in range(400):
        atts = random_attributions(rng, rng.randrange(0, 25))
        assert [id(a) for a in one_token_one_attribution(atts)] == [id(a) for a in pairwise(atts)]


def test_a_cue_inside_its_own_quote_does_not_count():
    own = Attribution(10, 50, "direct", [(10, 50)], cue=SimpleNamespace(idx=20))
    other = Attribution(60, 90, "direct", [(60, 90)], cue=SimpleNamespace(idx=30))
    # other's cue (30) lies in own's quote: other goes; own's cue lies only in itself.
    assert one_token_one_attribution([own, other]) == [own]
