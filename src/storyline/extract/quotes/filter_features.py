"""The features the attribution filter (``filter.py``) judges a proposal by.

Why apart: the filter's model code (load, score, decide) and what it looks at
change for different reasons; the training script reads both.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from storyline.extract.quotes import cue_tables as L
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import speaker_rules as SR
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

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


def _per_cue(
    ctx: QuoteContext, name: str, cue: Any, build: Callable[[QuoteContext, Any], dict[str, float]]
) -> dict[str, float]:
    """``build(ctx, cue)`` once per cue token and memo ``name``: a token's
    frames are several proposals, and its own features are the same for all."""
    memo = ctx.memo.setdefault(name, {})
    hit = memo.get(cue.i)
    if hit is None:
        hit = memo[cue.i] = build(ctx, cue)
    return hit


def _cue_part(ctx: QuoteContext, cue: Any) -> dict[str, float]:
    """The features of a cue token alone."""
    return _per_cue(ctx, "filter.cue", cue, _cue_part_of)


def _cue_part_of(ctx: QuoteContext, cue: Any) -> dict[str, float]:
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
    return f


def features(
    ctx: QuoteContext, a: Attribution, extra: bool = False
) -> tuple[dict[str, float], np.ndarray]:
    """Sparse features and the dense context vector of one proposal ``a``
    of the document ``ctx`` (``extra``: the frame features of ``frame_part``
    too, for the boosted trees)."""
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
    if extra:
        f.update(frame_part(ctx, a, cue if hasattr(cue, "i") else None, root))
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


#: Modal auxiliaries by what they do to a statement ("would say" is no report).
MODALS = {
    "will": "future",
    "wo": "future",
    "'ll": "future",
    "would": "cond",
    "'d": "cond",
    "could": "cond",
    "can": "able",
    "ca": "able",
    "may": "maybe",
    "might": "maybe",
    "should": "ought",
    "must": "ought",
}


def frame_part(ctx: QuoteContext, a: Attribution, cue: Any, root: Any) -> dict[str, float]:
    """How the cue is used (tense, modality, voice, infinitive), where it sits
    in its sentence and how far the content is, whether the content is a
    clause with its own subject: what tells "X said the plan fails" from "X
    has a plan" beyond the lemma; numbers the trees can split."""
    f: dict[str, float] = {}
    if cue is not None:
        f.update(_cue_use(ctx, cue))
        if root is not None:
            d = root.i - cue.i
            f["root_dist"] = max(-40, min(40, d)) / 10.0
            f["root_is_cue_child"] = 1.0 if root.head.i == cue.i else 0.0
    if root is not None:
        f["RP=" + root.pos_] = 1.0
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children):
            f["content_subject"] = 1.0
        if root.ent_type_:
            f["RE=" + root.ent_type_] = 1.0
    f["content_chars"] = math.log1p(a.end - a.start) / 6.0
    return f


def _cue_use(ctx: QuoteContext, cue: Any) -> dict[str, float]:
    """The cue token's part of ``frame_part``."""
    return _per_cue(ctx, "filter.cue_use", cue, _cue_use_of)


def _cue_use_of(ctx: QuoteContext, cue: Any) -> dict[str, float]:
    f: dict[str, float] = {}
    f["tense=" + ("/".join(cue.morph.get("Tense")) or "none")] = 1.0
    f["vform=" + ("/".join(cue.morph.get("VerbForm")) or "none")] = 1.0
    for c in cue.children:
        if c.dep_ == "aux" and c.lower_ in MODALS:
            f["modal=" + MODALS[c.lower_]] = 1.0
        elif c.dep_ == "aux" and c.lower_ == "to":
            f["to_inf"] = 1.0
        elif c.dep_ in ("auxpass", "nsubjpass"):
            f["passive"] = 1.0
    sent = cue.sent
    f["sent_pos"] = (cue.i - sent.start) / max(1, len(sent))
    f["sent_len"] = math.log1p(len(sent)) / 4.0
    f["sent_first"] = 1.0 if sent.start == 0 else 0.0
    return f


#: Rows of ``add_shared``'s pair matrices at a time (bounds memory on long documents).
SHARED_BLOCK = 512


def add_shared(atts: list[Attribution], rows: list[tuple[dict[str, float], np.ndarray]]) -> None:
    """What each proposal shares with the others of its document, added to its
    sparse features: how many other proposals have its cue token, overlap its
    content, hold its cue in their content or have their cue in its content
    (a second frame of one verb, a nested report). Counts capped at 8."""
    n = len(atts)
    if n == 0:
        return
    start = np.array([a.start for a in atts])
    end = np.array([a.end for a in atts])
    cue_i = np.array([a.cue.i if hasattr(a.cue, "i") else -1 - k for k, a in enumerate(atts)])
    cue_at = np.array([a.cue.idx if hasattr(a.cue, "idx") else -1 for a in atts])
    has_cue = cue_at >= 0
    for b in range(0, n, SHARED_BLOCK):
        r = np.arange(b, min(n, b + SHARED_BLOCK))
        rc = r[:, None]
        not_self = rc != np.arange(n)[None, :]
        same = (cue_i[rc] == cue_i[None, :]).sum(1) - 1
        over = ((start[None, :] < end[rc]) & (start[rc] < end[None, :])).sum(1) - 1
        holds = (start[None, :] <= cue_at[rc]) & (cue_at[rc] < end[None, :]) & not_self
        inner = has_cue[None, :] & (start[rc] <= cue_at[None, :]) & (cue_at[None, :] < end[rc])
        inner &= not_self
        n_holds = holds.sum(1)
        n_inner = inner.sum(1)
        for j, k in enumerate(r):
            sp = rows[k][0]
            sp["same_cue"] = float(min(int(same[j]), 8))
            sp["overlaps"] = float(min(int(over[j]), 8))
            if has_cue[k]:
                sp["cue_in_other"] = float(min(int(n_holds[j]), 8))
            sp["cue_inside"] = float(min(int(n_inner[j]), 8))
