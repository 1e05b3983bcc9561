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
likely enough to be right.

Without its weights file (or with ``set_model(None)``) every proposal is
kept, which is the rules-only behaviour.
"""

from __future__ import annotations

import bisect
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from storyline.extract.quotes import cue_tables as L
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import speaker_rules as SR
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

MODEL_PATH = Path(__file__).with_name("filter.npz")

#: Proposals of these kinds are never dropped (nor their speakers): a
#: quotation with its cue verb next to it ("direct"; 3,818 of 3,849 right
#: on PolNeAR train) is what users check first, and transcript lines, "— Name"
#: credits, "Name: ..." headlines and "X added:" blocks are explicit
#: attributions too rare in training for the filter to judge.
PROTECTED_ORIGINS = frozenset({"transcript", "credit", "headline", "block", "direct", "poll"})

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
        meta = {k: v for k, v in part.items() if not isinstance(v, np.ndarray) and k not in skip}
        out[prefix + "meta"] = np.array(json.dumps(meta, sort_keys=True))
        out[prefix + "vocab"] = np.array(part["vocab"])
        for k, v in part.items():
            if isinstance(v, np.ndarray):
                out[prefix + k] = np.asarray(v, dtype=np.float32)

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


# ----------------------------------------------------------------- features

DENSE_SLOTS = ("cue", "root", "source")


def _lemma_pos(tok: Any) -> tuple[str, str]:
    pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
    return tok.lemma_.lower(), pos


def _content_root(doc: Any, frags: list[tuple[int, int]]) -> Any:
    span = doc.char_span(frags[0][0], frags[-1][1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _bin(n: float, edges: tuple[float, ...]) -> str:
    for k, e in enumerate(edges):
        if n <= e:
            return str(k)
    return str(len(edges))


def _cue_part(ctx: QuoteContext, cue: Any) -> dict[str, float]:
    """The features of a cue token alone, once per token (a token's frames
    are several candidates)."""
    memo = ctx.memo.setdefault("filter.cue", {})
    hit = memo.get(cue.i)
    if hit is not None:
        return hit
    lemma, pos = _lemma_pos(cue)
    f = {
        "CL=" + lemma + "/" + pos: 1.0,
        "CP=" + pos: 1.0,
        "CT=" + cue.tag_: 1.0,
        "CD=" + cue.dep_: 1.0,
        "CH=" + cue.head.lemma_.lower(): 1.0,
    }
    if lemma in R.SPEECH_VERBS:
        f["speech_verb"] = 1.0
    if lemma in R.COGNITION_VERBS:
        f["cognition_verb"] = 1.0
    lex = L.cue_lexicon().get((lemma, pos))
    if lex:
        f["lex_p"] = lex["p"]
        f["lex_pc"] = lex["p_clause"]
        f["lex_n"] = math.log1p(lex["n"]) / 8.0
    else:
        f["nolex"] = 1.0
    if any(c.dep_ == "neg" for c in cue.children):
        f["neg"] = 1.0
    if ctx.in_quote(cue.idx):
        f["cue_in_quote"] = 1.0
    memo[cue.i] = f
    return f


def features(ctx: QuoteContext, a: Attribution) -> tuple[dict[str, float], np.ndarray]:
    """Sparse features and the dense context vector of one proposal ``a``
    of the document ``ctx``."""
    doc = ctx.doc
    text = ctx.text
    width = doc.tensor.shape[1] if doc.tensor is not None and doc.tensor.size else 0
    dense = np.zeros(width * len(DENSE_SLOTS), dtype=np.float32)
    f: dict[str, float] = {"bias": 1.0}
    origin = a.origin or "other"
    f["O=" + origin] = 1.0
    f["K=" + a.kind] = 1.0
    f["O/K=" + origin + "/" + a.kind] = 1.0
    f["conf"] = float(a.confidence)
    f["conf/O=" + origin] = float(a.confidence)
    if a.inherit:
        f["inherit"] = 1.0

    def put(slot: int, tok: Any) -> None:
        if width and tok is not None and tok.i < doc.tensor.shape[0]:
            dense[slot * width : (slot + 1) * width] = doc.tensor[tok.i]

    cue = a.cue
    if cue is None:
        f["cue=none"] = 1.0
    elif isinstance(cue, tuple):
        f["cue=" + str(cue[2])] = 1.0
    else:
        f.update(_cue_part(ctx, cue))
        f["CD/O=" + cue.dep_ + "/" + origin] = 1.0
        put(0, cue)
    frags = a.frags or [(a.start, a.end)]
    root = _content_root(doc, frags)
    if root is not None:
        f["RT=" + root.tag_] = 1.0
        f["RD=" + root.dep_] = 1.0
        if cue is not None and not isinstance(cue, tuple):
            f["RD/CP=" + root.dep_ + "/" + _lemma_pos(cue)[1]] = 1.0
        put(1, root)
    n_words = sum(len(text[s:e].split()) for s, e in frags)
    f["len=" + _bin(n_words, (1, 2, 3, 5, 8, 13, 21, 34))] = 1.0
    f["len/O=" + _bin(n_words, (2, 5, 13)) + "/" + origin] = 1.0
    if len(frags) > 1:
        f["fragments"] = 1.0
    first = text[frags[0][0] : frags[0][0] + 8].lower()
    for mark in ("that ", "to ", "whether ", "if ", "how ", "why ", "what "):
        if first.startswith(mark):
            f["starts=" + mark.strip()] = 1.0
    starts = ctx.quoted_starts
    for s, e in frags:
        k = bisect.bisect_left(starts, s)
        if k < len(starts) and starts[k] < e:
            f["has_quote"] = 1.0
            break
    if cue is not None and not isinstance(cue, tuple) and frags[0][0] < cue.idx:
        f["content_before_cue"] = 1.0
    if a.frame:
        fr = (
            a.frame
            if not a.frame.startswith("prep:") or a.frame[5:] in R.CANDIDATE_PREPS
            else "prep:other"
        )
        f["F=" + fr] = 1.0
        f["F/O=" + fr + "/" + origin] = 1.0
        if cue is not None and not isinstance(cue, tuple):
            lemma, pos = _lemma_pos(cue)
            f["F/CP=" + fr + "/" + pos] = 1.0
            f["F/CL=" + fr + "/" + lemma] = 1.0
            known = L.cue_frames().get((lemma, pos), {}).get(a.frame)
            if known:
                f["frame_p"] = known[0]
                f["frame_n"] = math.log1p(known[1]) / 6.0
            else:
                f["frame_unknown"] = 1.0
    para = ctx.para_of(a.start)
    f["para=" + _bin(para, (0, 1, 2, 4))] = 1.0
    if "\n" in text[a.start : a.end]:
        f["multi_para"] = 1.0
    if a.source is None:
        f["src=none"] = 1.0
        f["src=none/O=" + origin] = 1.0
    else:
        i, j = a.source
        head = doc[i:j].root
        st = _source_kind(head)
        f["S=" + st] = 1.0
        f["S/O=" + st + "/" + origin] = 1.0
        f["SD=" + head.dep_] = 1.0
        f["slen=" + _bin(j - i, (1, 2, 4, 8))] = 1.0
        if head.lower_ in ("that", "which", "who", "whom"):
            f["src_relative"] = 1.0
        put(2, head)
    return f, dense


_SOURCE_KEYS = ("S=", "S/O=", "SD=", "slen=", "src_relative", "O=", "K=", "CL=", "CP=", "CD=", "F=")


def source_features(
    ctx: QuoteContext, a: Attribution, z: float, base: tuple[dict[str, float], np.ndarray]
) -> tuple[dict[str, float], np.ndarray]:
    """Features of "the source found for proposal ``a`` is its real source":
    how it hangs off the cue, what it is, and how sure the filter is of the
    attribution itself (its logit ``z``). ``base`` is ``features(ctx, a)``."""
    sp, dense = base
    f: dict[str, float] = {"bias": 1.0, "z": max(-8.0, min(8.0, z)) / 4.0}
    f["zbin=" + _bin(z, (-1.0, 0.0, 1.0, 2.0, 3.0))] = 1.0
    for k, v in sp.items():
        if k.startswith(_SOURCE_KEYS):
            f[k] = v
    doc = ctx.doc
    i, j = a.source
    head = doc[i:j].root
    cue = a.cue if hasattr(a.cue, "i") else None
    if cue is not None:
        f["side=" + ("before" if head.i < cue.i else "after")] = 1.0
        f["dist=" + _bin(abs(head.i - cue.i), (1, 2, 4, 8, 16))] = 1.0
        f["path=" + _path(cue, head)] = 1.0
        f["path/CP=" + _path(cue, head) + "/" + _lemma_pos(cue)[1]] = 1.0
        if head.sent.start != cue.sent.start:
            f["other_sentence"] = 1.0
    f["SE=" + (head.ent_type_ or "none")] = 1.0
    f["SPOS=" + head.pos_] = 1.0
    if ctx.in_quote(head.idx):
        f["src_in_quote"] = 1.0
    if any(doc[k].ent_type_ == "PERSON" for k in range(i, j)):
        f["src_has_person"] = 1.0
    return f, dense


def _path(cue: Any, tok: Any, limit: int = 4) -> str:
    """Dependency path from the cue to ``tok``: "nsubj", "^xcomp/nsubj", ..."""
    up = 0
    anc = cue
    chain = {cue.i: 0}
    while anc.head.i != anc.i and up < limit:
        anc = anc.head
        up += 1
        chain[anc.i] = up
    steps = []
    t = tok
    while t.i not in chain and t.head.i != t.i and len(steps) < limit:
        steps.append(t.dep_)
        t = t.head
    if t.i not in chain:
        return "far"
    return "^" * chain[t.i] + "/".join(reversed(steps))


def _source_kind(tok: Any) -> str:
    low = tok.lower_
    if low in SR.PRONOUNS_PERSON or low == "i":
        return "pron_person"
    if low in SR.PRONOUNS_GROUP or low in SR.PRONOUNS_SELF:
        return "pron_group"
    if tok.ent_type_ in SR.PERSON_LABELS:
        return "person"
    if tok.ent_type_ in SR.GROUP_LABELS:
        return "group"
    lemma = tok.lemma_.lower()
    if lemma in SR.PERSON_DESCRIPTION_HEADS or lemma in SR.TITLE_WORDS:
        return "desc_person"
    if lemma in SR.ORG_HEADS or lemma in SR.COLLECTIVE_HEADS or lemma in SR.ANONYMOUS_HEADS:
        return "desc_group"
    if tok.pos_ == "PROPN":
        return "propn"
    return tok.pos_.lower()


# ------------------------------------------------------------------ scoring


def scores(m: dict[str, Any], rows: list[tuple[dict[str, float], np.ndarray]]) -> list[float]:
    """Logits of "this proposal is a right attribution", one per (sparse, dense)
    row: a linear model, ``w`` over the vocabulary then the dense slots."""
    if not rows:
        return []
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


def select(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """The proposals the filter accepts (all rule proposals without weights).

    Rule proposals are kept when their score reaches ``threshold``; cue-frame
    candidates (origin "frame") when theirs reaches ``frame_threshold`` and
    they clash with nothing accepted so far (best first): a cue token is one
    attribution's, contents do not overlap, no cue inside another's content.
    A kept proposal's confidence becomes the filter's probability.
    """
    m = model()
    if m is None or not atts:
        return [a for a in atts if a.origin != "frame"]
    base = [features(ctx, a) for a in atts]
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
