"""The accurate profile's attribution filter: the default filter's features
plus the fine-tuned attribution tagger's token roles (and, in older models,
frozen MiniLM context from ``storyline.nlp.mini_context``).

Why: what held recall was deciding that a word is a cue at all, and the
profile already runs a fine-tuned judge of that, the attribution tagger
(``nlp.attribution_model``). So the shipped model reads how the tagger sees
each token: its probabilities of cue, source and content, trained on
*out-of-fold* values (five taggers, each blind to the fifth of train it
tags) so the filter does not learn to trust probabilities the tagger had
memorised. Session 14's models instead read the base MiniLM-L6 encoder's
vectors of the cue, the content's head, the source's head and the means over
the content and source spans (each cut to ``k`` dimensions by a PCA fitted
on PolNeAR train tokens) and a token tagger of their own over them; with the
tagger's roles those slots added nothing, so the shipped model has none
(``mini_k`` 0) and never runs that encoder. Weights: ``filter_accurate.npz``,
made by ``tools/train/train_quote_filter.py --tagger-roles`` (``make
accurate-filter``) from train only (same cross-fitted protocol as the default
filter). Under the default profile none of this runs. Without torch, the
base package (for a model with slots) or the tagger's weights the default
filter is used (warned once).
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.extract.quotes import filter as F
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("filter_accurate.npz")
#: What the MiniLM slots hold, in order (each ``k`` wide after the PCA).
MINI_SLOTS = ("cue", "root", "source", "content_mean", "source_mean")
#: Where the document's MiniLM vectors are cached (cleared by ``storyline.nlp.release``).
USER_DATA_KEY = "storyline.mini_vectors"
#: The token tagger's classes: a token's role in a PolNeAR attribution.
TAG_CLASSES = ("O", "cue", "source", "content")
#: Where a document's token-role probabilities are cached (training puts the
#: out-of-fold ones there).
TAGS_KEY = "storyline.mini_tags"
#: What the token tagger adds per proposal: P(cue) of the cue token, P(source)
#: mean over the source and at its head, P(content) mean over the content and
#: at its root, the highest P(cue) inside the content (a nested report).
TAG_FEATURES = ("cue_p", "source_p", "source_head_p", "content_p", "root_p", "inner_cue_max")
_WARNED: list[bool] = []


def _tokens(ctx: QuoteContext, a: Attribution) -> tuple[int | None, Any, Any]:
    """The cue's token index (None for a cue that is no token), the content's
    token span (None when empty) and the source's span (None)."""
    doc = ctx.doc
    cue = a.cue.i if a.cue is not None and hasattr(a.cue, "i") else None
    frags = a.frags or [(a.start, a.end)]
    span = doc.char_span(frags[0][0], frags[-1][1], alignment_mode="expand")
    content = span if span is not None and len(span) else None
    source = doc[a.source[0] : a.source[1]] if a.source is not None else None
    return cue, content, source


def mini_raw(ctx: QuoteContext, a: Attribution, vecs: np.ndarray) -> np.ndarray:
    """The MiniLM slots of proposal ``a``, unprojected: (len(MINI_SLOTS), width);
    a slot with no token (a rule cue without a token, no source) is zeros."""
    out = np.zeros((len(MINI_SLOTS), vecs.shape[1]), np.float32)
    cue, content, source = _tokens(ctx, a)
    if cue is not None:
        out[0] = vecs[cue]
    if content is not None:
        out[1] = vecs[content.root.i]
        out[3] = vecs[content.start : content.end].mean(0)
    if source is not None:
        out[2] = vecs[source.root.i]
        out[4] = vecs[source.start : source.end].mean(0)
    return out


#: ``mini_tag_source`` of a model whose role probabilities come from the
#: fine-tuned attribution tagger (``nlp.attribution_model``) rather than a
#: tagger over the frozen vectors stored in the model.
FINE_TUNED = "attribution_tagger"


def has_tagger(m: dict[str, Any]) -> bool:
    """Whether the model has token-role features (then its ``TAG_FEATURES``
    follow the projected slots): a linear or network tagger of its own, or
    the fine-tuned attribution tagger's probabilities."""
    return "mini_tag_w" in m or "mini_tag_mlp_w1" in m or fine_tuned(m)


def fine_tuned(m: dict[str, Any]) -> bool:
    """Whether the model reads the fine-tuned attribution tagger's role
    probabilities (trained on their out-of-fold values: cross-fitted taggers)."""
    return m.get("mini_tag_source") == FINE_TUNED


def with_neighbours(vecs: np.ndarray) -> np.ndarray:
    """Each token's vector, then its left and right neighbour's (zeros at the
    edges): the input of the network token tagger."""
    edge = np.zeros((1, vecs.shape[1]), vecs.dtype)
    return np.hstack([vecs, np.vstack([edge, vecs[:-1]]), np.vstack([vecs[1:], edge])])


def token_probs(m: dict[str, Any], vecs: np.ndarray) -> np.ndarray:
    """(tokens, len(TAG_CLASSES)) role probabilities of the model's token
    tagger: a softmax over the MiniLM vectors, or, when the model has one,
    a network with one hidden ReLU layer over each token and its neighbours
    (which tells a cue from the same word as a noun better)."""
    if "mini_tag_mlp_w1" in m:
        h = np.maximum(with_neighbours(vecs) @ m["mini_tag_mlp_w1"] + m["mini_tag_mlp_b1"], 0.0)
        z = h @ m["mini_tag_mlp_w2"] + m["mini_tag_mlp_b2"]
    else:
        z = vecs @ m["mini_tag_w"].T + m["mini_tag_b"]
    z -= z.max(1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(1, keepdims=True)).astype(np.float32)


#: Optional token-role features (``--tagger-extra``): where the tagger puts
#: the edges. P(content) of the word just before and just after the content
#: (high: the proposal cuts a content the tagger reads as longer), the share
#: of content tokens the tagger calls O, the highest P(cue) within three
#: tokens of the cue (a cue phrase whose main word is another token), and
#: P(source) just outside the source.
TAG_EXTRA = (
    "content_left_p",
    "content_right_p",
    "content_o_share",
    "near_cue_max",
    "source_left_p",
    "source_right_p",
)


def tag_features(m: dict[str, Any]) -> tuple[str, ...]:
    """The token-role features a model was trained with, in order."""
    return tuple(m.get("mini_tag_features") or TAG_FEATURES)


def _outside(doc: Any, i: int, step: int) -> int | None:
    """The nearest token from ``i`` in direction ``step`` that is not white
    space, or None at the edge of the document."""
    while 0 <= i < len(doc):
        if not doc[i].is_space:
            return i
        i += step
    return None


def tag_part(
    ctx: QuoteContext, a: Attribution, probs: np.ndarray, names: tuple[str, ...] = TAG_FEATURES
) -> np.ndarray:
    """The token-role features ``names`` of proposal ``a`` (zeros where a
    part is missing)."""
    f: dict[str, float] = {}
    cue, content, source = _tokens(ctx, a)
    doc = ctx.doc
    if cue is not None:
        f["cue_p"] = probs[cue, 1]
        lo, hi = max(0, cue - 3), min(len(doc), cue + 4)
        f["near_cue_max"] = float(np.delete(probs[lo:hi, 1], cue - lo).max(initial=0.0))
    if source is not None:
        f["source_p"] = probs[source.start : source.end, 2].mean()
        f["source_head_p"] = probs[source.root.i, 2]
        left, right = _outside(doc, source.start - 1, -1), _outside(doc, source.end, 1)
        f["source_left_p"] = probs[left, 2] if left is not None else 0.0
        f["source_right_p"] = probs[right, 2] if right is not None else 0.0
    if content is not None:
        f["content_p"] = probs[content.start : content.end, 3].mean()
        f["root_p"] = probs[content.root.i, 3]
        inner = probs[content.start : content.end, 1]
        if cue is not None and content.start <= cue < content.end:
            inner = np.delete(inner, cue - content.start)
        f["inner_cue_max"] = inner.max() if len(inner) else 0.0
        left, right = _outside(doc, content.start - 1, -1), _outside(doc, content.end, 1)
        f["content_left_p"] = probs[left, 3] if left is not None else 0.0
        f["content_right_p"] = probs[right, 3] if right is not None else 0.0
        words = [t.i for t in content if not t.is_space]
        f["content_o_share"] = float((probs[words, 0] > 0.5).mean()) if words else 0.0
    return np.array([f.get(n, 0.0) for n in names], np.float32)


def slot_logit(m: dict[str, Any], raw: np.ndarray) -> float:
    """The slot network's logit that proposal ``a`` is right, from its raw
    MiniLM slots (``mini_raw``): one hidden ReLU layer over all five slots
    at full width, so it can weigh the cue against the content, which the
    trees over PCA-cut slots see only one dimension at a time."""
    x = (raw.ravel() - m["mini_mlp_mean"]) / m["mini_mlp_scale"]
    h = np.maximum(x @ m["mini_mlp_w1"] + m["mini_mlp_b1"], 0.0)
    return float(h @ m["mini_mlp_w2"] + m["mini_mlp_b2"][0])


def project(m: dict[str, Any], raw: np.ndarray) -> np.ndarray:
    """Raw slots -> the model's flat dense extension: each slot centred,
    projected on the PCA components and scaled (zeros stay zeros, so an
    absent slot adds nothing)."""
    comps, mean, scale = m["mini_components"], m["mini_mean"], float(m["mini_scale"][0])
    if not len(comps):
        return np.zeros(0, np.float32)
    present = np.abs(raw).sum(1, keepdims=True) > 0
    z = ((raw - mean) @ comps.T) / scale
    return (z * present).astype(np.float32).ravel()


def vectors_of(ctx: QuoteContext) -> np.ndarray:
    """The document's MiniLM vectors, computed once and cached on the Doc."""
    from storyline.nlp.mini_context import doc_vectors

    doc = ctx.doc
    vecs = doc.user_data.get(USER_DATA_KEY)
    if vecs is None:
        vecs = doc.user_data[USER_DATA_KEY] = doc_vectors(doc)
    return vecs


def uses_vectors(m: dict[str, Any]) -> bool:
    """Whether the model reads the frozen MiniLM vectors at all: slots
    (``mini_k`` > 0), its own token tagger or the slot network. A model of
    the fine-tuned tagger's roles alone does not, and skips that pass."""
    return (
        int(m.get("mini_k", 0)) > 0
        or "mini_tag_w" in m
        or "mini_tag_mlp_w1" in m
        or ("mini_mlp_w1" in m)
    )


def context_of(ctx: QuoteContext, m: dict[str, Any]) -> np.ndarray:
    """The document's MiniLM vectors when the model reads them, else an
    empty (tokens, 0) array (no encoder pass)."""
    if uses_vectors(m):
        return vectors_of(ctx)
    return np.zeros((len(ctx.doc), 0), np.float32)


def model_path() -> Path:
    """The accurate filter's weights: ``MODEL_PATH`` unless
    ``STORYLINE_ACCURATE_FILTER`` names another file (to measure one)."""
    named = os.environ.get("STORYLINE_ACCURATE_FILTER")
    return Path(named) if named else MODEL_PATH


@lru_cache(maxsize=1)
def shipped() -> dict[str, Any] | None:
    """The accurate filter's weights (``model_path()``), or None when there are none."""
    path = model_path()
    return F.load(path) if path.exists() else None


def available() -> bool:
    """Whether the accurate filter can run: its weights exist and the MiniLM
    encoder loads when the model reads its vectors (warned once when it does not)."""
    m = shipped()
    if m is None:
        return False
    if not uses_vectors(m):
        return True
    from storyline.nlp.mini_context import MiniMissing, encoder

    try:
        encoder()
    except MiniMissing as exc:
        if not _WARNED:
            log.warning("%s; the accurate profile uses the default attribution filter", exc)
            _WARNED.append(True)
        return False
    return True


def extender(m: dict[str, Any], vecs: np.ndarray, probs: np.ndarray | None = None) -> Any:
    """The dense extension ``filter.select`` appends to each proposal's
    features: the projected slots, then the token tagger's ``TAG_FEATURES``
    when the model has a tagger (``probs``: given role probabilities, else
    the tagger's own), then the slot network's logit when it has one."""
    if has_tagger(m) and probs is None:
        if fine_tuned(m):
            raise ValueError("this filter needs the attribution tagger's role probabilities")
        probs = token_probs(m, vecs)
    mlp = "mini_mlp_w1" in m
    names = tag_features(m)

    def extend(ctx: QuoteContext, a: Attribution) -> np.ndarray:
        raw = mini_raw(ctx, a, vecs)
        parts = [project(m, raw)]
        if probs is not None:
            parts.append(tag_part(ctx, a, probs, names))
        if mlp:
            parts.append(np.array([slot_logit(m, raw)], np.float32))
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    return extend


def tagger_roles(ctx: QuoteContext, tagger: Any) -> np.ndarray:
    """(tokens, 4) role probabilities of the document's tokens from the
    fine-tuned attribution tagger (one pass over the text's windows; the
    tagger keeps it for the combination step)."""
    from storyline.extract.quotes.tagging import text_roles, token_roles

    doc = ctx.doc
    return token_roles([t.idx for t in doc], *text_roles(doc.text, tagger))


def select(ctx: QuoteContext, atts: list[Attribution], tagger: Any = None) -> list[Attribution]:
    """``filter.select`` with the accurate weights and MiniLM features, or the
    default filter when they cannot run (or the model needs the attribution
    tagger and ``tagger`` is None: its weights are not built)."""
    if not atts or not available():
        return F.select(ctx, atts)
    m = shipped()
    assert m is not None
    probs = None
    if fine_tuned(m):
        if tagger is None:
            return F.select(ctx, atts)
        try:
            probs = tagger_roles(ctx, tagger)
        except Exception:  # a tagger failure costs this document the accurate filter only
            log.exception("attribution tagger failed on one document; default filter")
            return F.select(ctx, atts)
    return F.select(ctx, atts, m, extender(m, context_of(ctx, m), probs))
