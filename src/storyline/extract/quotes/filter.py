"""A learned filter over the attributions the quote rules propose.

The proposal steps of ``extract/quotes/proposals/`` (quote marks, clause
cues, learned cue frames, credits) each decide alone, so their
mistakes add up: about one proposal in six on PolNeAR dev is not an
attribution at all ("released a plan", "made a decision"). This filter looks
at each proposal as a whole — which step proposed it, its cue, its source,
its content, where it sits — plus the parser's own context vectors
(``doc.tensor``, already computed, so it costs no extra model) of the cue,
the content's head and the source, and keeps it when a logistic regression
trained on PolNeAR *train* (``tools/train/train_quote_filter.py``) says it is
likely enough to be right. The model is either that logistic regression
(weights ``w``) or gradient-boosted trees (``trees``: fitted with LightGBM at
training time, walked with numpy by ``storyline.trees`` here), which can see
that a light verb is an attribution in one frame and an action in another.

Without its weights file (or with ``set_model(None)``) every proposal is
kept, which is the rules-only behaviour.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.filter_features import (
    DENSE_SLOTS,
    add_shared,
    features,
    source_features,
)
from storyline.trees import TreeEnsemble

MODEL_PATH = Path(__file__).with_name("filter.npz")

#: Proposals of these kinds are never dropped (nor their speakers): a
#: quotation with its cue verb next to it ("direct"; 3,818 of 3,849 right
#: on PolNeAR train) is what users check first, and transcript lines, "— Name"
#: credits, "Name: ..." headlines and "X added:" blocks are explicit
#: attributions too rare in training for the filter to judge.
PROTECTED_ORIGINS = frozenset({"transcript", "credit", "headline", "block", "direct", "poll"})

__all__ = ["DENSE_SLOTS", "add_shared", "features", "source_features", "select", "decide", "scores"]

_OVERRIDE: list[dict[str, Any] | None] = []

#: Models stored beside the filter: "source" decides whether the speaker
#: found for a kept proposal is trusted.
SUBMODELS = ("source",)


def load(path: Path) -> dict[str, Any]:
    """A filter model from its ``.npz``: arrays, a vocabulary and a JSON "meta"
    string per model; the source model's keys carry a ``source/`` prefix."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}

    def part(prefix: str) -> dict[str, Any]:
        own = {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}
        own = {k: v for k, v in own.items() if "/" not in k}
        meta = json.loads(str(own.pop("meta")))
        vocab = [str(v) for v in own.pop("vocab")]
        if f"{prefix}trees/shape" in arrays:
            own["trees"] = TreeEnsemble.from_arrays(arrays, f"{prefix}trees/")
            own["dense_cols"] = own["dense_cols"].astype(np.intp)
        return prepare({**meta, "vocab": vocab, **own})

    m = part("")
    for sub in SUBMODELS:
        if f"{sub}/meta" in arrays:
            m[sub] = part(f"{sub}/")
    return m


def save(m: dict[str, Any], path: Path) -> None:
    """Write a model (and its source model) as ``load`` reads it."""
    out: dict[str, Any] = {}

    def put(prefix: str, part: dict[str, Any]) -> None:
        skip = ("vocab", "index", *SUBMODELS)
        meta = {
            k: v
            for k, v in part.items()
            if not isinstance(v, np.ndarray | TreeEnsemble) and k not in skip + ("trees",)
        }
        out[prefix + "meta"] = np.array(json.dumps(meta, sort_keys=True))
        out[prefix + "vocab"] = np.array(part["vocab"])
        for k, v in part.items():
            if k == "dense_cols":
                out[prefix + k] = np.asarray(v, dtype=np.int16)
            elif isinstance(v, np.ndarray):
                out[prefix + k] = np.asarray(v, dtype=np.float32)
        if isinstance(part.get("trees"), TreeEnsemble):
            out.update(part["trees"].to_arrays(prefix + "trees/"))

    put("", m)
    for sub in SUBMODELS:
        if m.get(sub) is not None:
            put(f"{sub}/", m[sub])
    np.savez_compressed(path, **out)


def prepare(m: dict[str, Any]) -> dict[str, Any]:
    """Index the vocabulary once (features are looked up by name)."""
    out = {**m, "index": {k: n for n, k in enumerate(m["vocab"])}}
    for sub in SUBMODELS:
        if isinstance(m.get(sub), dict) and "index" not in m[sub]:
            out[sub] = prepare(m[sub])
    return out


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any] | None:
    return load(MODEL_PATH) if MODEL_PATH.exists() else None


def model() -> dict[str, Any] | None:
    """The filter's weights, or None (keep every rule proposal)."""
    if _OVERRIDE:
        return _OVERRIDE[-1]
    return _shipped()


def set_model(m: dict[str, Any] | None) -> None:
    """Replace the filter's weights (training / cross-validation); None disables it."""
    _OVERRIDE.clear()
    _OVERRIDE.append(prepare(m) if m is not None and "index" not in m else m)


def reset_model() -> None:
    """Back to the shipped weights."""
    _OVERRIDE.clear()


# ------------------------------------------------------------------ scoring


def scores(m: dict[str, Any], rows: list[tuple[dict[str, float], np.ndarray]]) -> list[float]:
    """Logits of "this proposal is a right attribution", one per (sparse, dense)
    row: boosted trees when the model has them, else a linear model, ``w``
    over the vocabulary then the dense slots."""
    if not rows:
        return []
    if m.get("trees") is not None:
        return tree_scores(m, rows)
    index = m["index"]
    w = m["w"]
    n_vocab = len(index)
    dense = np.vstack([dn for _, dn in rows]).astype(np.float32)
    if dense.shape[1] != len(w) - n_vocab:  # a parse without context vectors
        dense = np.zeros((len(rows), len(w) - n_vocab), np.float32)
    z = dense @ w[n_vocab:]
    ri: list[int] = []
    ci: list[int] = []
    vals: list[float] = []
    get = index.get
    for r, (sp, _) in enumerate(rows):
        for k, v in sp.items():
            n = get(k)
            if n is not None:
                ri.append(r)
                ci.append(n)
                vals.append(v)
    if vals:
        onehot = sparse.csr_matrix((vals, (ri, ci)), shape=(len(rows), n_vocab), dtype=np.float32)
        z += onehot @ w[:n_vocab]
    return [float(x) for x in z]


def tree_scores(m: dict[str, Any], rows: list[tuple[dict[str, float], np.ndarray]]) -> list[float]:
    """Summed leaf values of the trees over the features they split on: the
    named sparse features of ``vocab`` then the dense positions ``dense_cols``
    (zeros for a parse without context vectors, as in ``scores``)."""
    index = m["index"]
    cols = m["dense_cols"]
    n_vocab = len(index)
    x = np.zeros((len(rows), n_vocab + len(cols)))
    get = index.get
    for r, (sp, dn) in enumerate(rows):
        for k, v in sp.items():
            n = get(k)
            if n is not None:
                x[r, n] = v
        if len(cols) and dn.shape[0] > int(cols.max()):
            x[r, n_vocab:] = dn[cols]
    return [float(z) for z in m["trees"].raw(x)[:, 0]]


def extended(
    ctx: QuoteContext,
    atts: list[Attribution],
    base: list[tuple[dict[str, float], np.ndarray]],
    extend: Callable[[QuoteContext, Attribution], np.ndarray],
) -> list[tuple[dict[str, float], np.ndarray]]:
    """Each proposal's features with ``extend(ctx, a)`` after its dense part
    (the accurate profile's MiniLM slots), at run time and in training alike."""
    return [
        (sp, np.concatenate([dn, extend(ctx, a)])) for a, (sp, dn) in zip(atts, base, strict=True)
    ]


def select(
    ctx: QuoteContext,
    atts: list[Attribution],
    m: dict[str, Any] | None = None,
    extend: Callable[[QuoteContext, Attribution], np.ndarray] | None = None,
) -> list[Attribution]:
    """The proposals the filter accepts (all rule proposals without weights).

    ``m``: other weights than ``model()``'s (the accurate profile's), whose
    dense features are the default ones followed by ``extend(ctx, a)``.

    Rule proposals are kept when their score reaches ``threshold``; cue-frame
    candidates (origin "frame") when theirs reaches ``frame_threshold`` and
    they clash with nothing accepted so far (best first): a cue token is one
    attribution's, contents do not overlap, no cue inside another's content.
    A kept proposal's confidence becomes the filter's probability.
    """
    m = model() if m is None else m
    if m is None or not atts:
        return [a for a in atts if a.origin != "frame"]
    extra = bool(m.get("extra_features", False))
    base = [features(ctx, a, extra) for a in atts]
    if extend is not None:
        base = extended(ctx, atts, base, extend)
    if extra:
        add_shared(atts, base)
    zs = scores(m, base)
    kept = decide(atts, zs, m["threshold"], m.get("frame_threshold", m["threshold"]))
    src = m.get("source")
    if src is not None:
        z_of = {id(a): (z, b) for a, z, b in zip(atts, zs, base, strict=True)}
        with_source = [
            a for a in kept if a.source is not None and a.origin not in PROTECTED_ORIGINS
        ]
        rows = [source_features(ctx, a, *z_of[id(a)]) for a in with_source]
        for a, zs_ in zip(with_source, scores(src, rows), strict=True):
            if zs_ < src["threshold"]:
                a.source = None  # unsure of the speaker: unknown, not a guess
    return kept


def decide(
    atts: list[Attribution], zs: list[float], thr: float, frame_thr: float
) -> list[Attribution]:
    """``select`` on given scores (training tunes the thresholds with this)."""
    out = []
    frames = []
    for a, z in zip(atts, zs, strict=True):
        if a.origin == "frame":
            if z >= frame_thr:
                frames.append((z, a))
        elif a.origin in PROTECTED_ORIGINS or z >= thr:
            out.append((z, a))
    cues = {a.cue.i for _, a in out if hasattr(a.cue, "i")}
    cover: list[tuple[int, int]] = [f for _, a in out for f in a.frags]
    cue_pos = [a.cue.idx for _, a in out if hasattr(a.cue, "idx")]
    for z, a in sorted(frames, key=lambda x: -x[0]):
        if a.cue.i in cues:
            continue
        inner = nested_inside(a, z, out)
        if inner:
            # The outer attribution, not the one nested in its content
            # (PolNeAR: a token belongs to one attribution, the outer one).
            out = [(zb, b) for zb, b in out if id(b) not in inner]
            cues = {b.cue.i for _, b in out if hasattr(b.cue, "i")}
            cover = [f for _, b in out for f in b.frags]
            cue_pos = [b.cue.idx for _, b in out if hasattr(b.cue, "idx")]
        if any(fs < e and s < fe for fs, fe in cover for s, e in a.frags):
            continue
        if any(fs <= a.cue.idx < fe for fs, fe in cover):
            continue
        if any(a.start <= c < a.end for c in cue_pos):
            continue
        out.append((z, a))
        cues.add(a.cue.i)
        cover.extend(a.frags)
        cue_pos.append(a.cue.idx)
    for z, a in out:
        if a.origin not in PROTECTED_ORIGINS:
            a.confidence = round(1.0 / (1.0 + math.exp(-z)), 3)
    return sorted((a for _, a in out), key=lambda a: (a.start, -a.end))


def nested_inside(outer: Attribution, z: float, out: list[tuple[float, Attribution]]) -> set[int]:
    """Ids of the kept attributions an outer cue frame should replace: each
    that clashes with it is a rule proposal (not protected) scored below it,
    with its cue and content wholly inside the frame's content, and the
    frame's cue outside it ("X made clear [that Y expects ...]"). Empty when
    any clash is of another kind (then the frame goes, as before)."""
    lo, hi = outer.start, outer.end
    found: set[int] = set()
    for zb, b in out:
        clash = any(fs < e and s < fe for fs, fe in b.frags for s, e in outer.frags) or (
            hasattr(b.cue, "idx") and lo <= b.cue.idx < hi
        )
        if not clash:
            continue
        cue = b.cue.idx if hasattr(b.cue, "idx") else None
        if (
            b.origin in PROTECTED_ORIGINS
            or b.origin == "frame"
            or zb >= z
            or cue is None
            or not (lo <= cue < hi and lo <= b.start and b.end <= hi)
            or b.start <= outer.cue.idx < b.end
        ):
            return set()
        found.add(id(b))
    return found
