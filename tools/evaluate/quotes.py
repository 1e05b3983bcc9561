"""Attribution extraction scored on PolNeAR (``eval/quotes/dev.jsonl``, or
``train.jsonl`` with ``--split train``).

Per attribution, gold and predicted attributions of one article are matched
one-to-one (greedily, best content overlap first). Content match levels:

- ``exact``: the content spans cover the same characters once whitespace,
  quotation marks and edge punctuation (``,.;:``) are trimmed from both ends;
- ``overlap`` (the headline "lenient" figure): word-token overlap of at least
  50 % of the *shorter* of the two contents (Dice-like, so a much longer or
  shorter span still needs to share half of the smaller one);
- ``any``: at least one shared word token (Citron's "overlap" convention).

Source and cue are scored on content-matched pairs (at the ``overlap``
level): a pair scores a source (cue) hit when the spans match exactly
(trimmed) or, for the ``overlap`` figure, share at least one
non-whitespace *character*. Characters, not word tokens, so punctuation
cues (``:``, ``―``) can match at all; the former word-token figures are
still reported as ``source_overlap_tokens`` / ``cue_overlap_tokens`` so the
two conventions can be compared side by side (both are computed the same way
for every system). Precision divides by predictions that have a source
(cue), recall by gold attributions that have one.
``direct.speaker_accuracy`` is the share of matched gold attributions with
``quote_type == "direct"`` (and a gold source) whose predicted speaker
overlaps the gold source (characters; ``speaker_accuracy_tokens``: tokens).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")
_EDGE = " \t\r\n\u00a0\"'\u201c\u201d\u2018\u2019,.;:"

Spans = list[tuple[int, int]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


def _tokens(text: str, spans: Spans) -> set[int]:
    """Start offsets of word tokens inside the spans."""
    out: set[int] = set()
    for s, e in spans:
        for m in _WORD.finditer(text, s, e):
            out.add(m.start())
    return out


def _exact(text: str, a: Spans, b: Spans) -> bool:
    if not a or not b:
        return False
    ta = _trim(text, min(s for s, _ in a), max(e for _, e in a))
    tb = _trim(text, min(s for s, _ in b), max(e for _, e in b))
    return ta == tb


def overlap(text: str, a: Spans, b: Spans) -> float:
    """Shared word tokens over the smaller span's tokens (0..1): the content
    match of the scorer, and of the filter's training labels."""
    ta, tb = _tokens(text, a), _tokens(text, b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _chars(text: str, spans: Spans) -> set[int]:
    """Offsets of the non-whitespace characters inside the spans."""
    return {k for s, e in spans for k in range(s, e) if not text[k].isspace()}


def char_overlap(text: str, a: Spans, b: Spans) -> bool:
    """True when the spans share a non-whitespace character (source and cue
    matches; also the filter's training labels)."""
    return bool(_chars(text, a) & _chars(text, b))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _spans(items: Iterable[dict[str, Any]] | None) -> Spans:
    return [(int(x["start"]), int(x["end"])) for x in (items or [])]


def match(
    text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, pred index, overlap) pairs with any shared token."""
    cands = []
    for i, g in enumerate(gold):
        gs = _tokens(text, g["content"])
        for j, p in enumerate(pred):
            ps = _tokens(text, p["content"])
            if gs & ps:
                cands.append((overlap(text, g["content"], p["content"]), len(gs & ps), i, j))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for ov, _n, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, ov))
    return out


def score(
    items: Iterable[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]],
) -> dict[str, Any]:
    """Score (text, gold attributions, predicted attributions) triples.

    Gold and predicted attributions share one shape: ``content``, ``source``
    and ``cue`` are lists of ``{"start","end"}`` fragments (``source`` may be
    empty); gold items may carry ``quote_type``.
    """
    n_gold = n_pred = 0
    n_gold_src = n_pred_src = n_gold_cue = n_pred_cue = 0
    c = {"exact": 0, "overlap": 0, "any": 0}
    src = {"exact": 0, "overlap": 0, "tokens": 0}
    cue = {"exact": 0, "overlap": 0, "tokens": 0}
    direct = {"gold": 0, "found": 0, "speaker_ok": 0, "speaker_tok": 0, "exact_content": 0}
    for text, gold, pred in items:
        gold = [
            {
                **g,
                "content": _spans(g["content"]),
                "source": _spans(g.get("source")),
                "cue": _spans(g.get("cue")),
            }
            for g in gold
        ]
        pred = [
            {
                **p,
                "content": _spans(p["content"]),
                "source": _spans(p.get("source")),
                "cue": _spans(p.get("cue")),
            }
            for p in pred
        ]
        n_gold += len(gold)
        n_pred += len(pred)
        n_gold_src += sum(1 for g in gold if g["source"])
        n_pred_src += sum(1 for p in pred if p["source"])
        n_gold_cue += sum(1 for g in gold if g["cue"])
        n_pred_cue += sum(1 for p in pred if p["cue"])
        direct["gold"] += sum(1 for g in gold if g.get("quote_type") == "direct")
        for i, j, ov in match(text, gold, pred):
            g, p = gold[i], pred[j]
            c["any"] += 1
            if ov >= 0.5:
                c["overlap"] += 1
            exact = _exact(text, g["content"], p["content"])
            if exact:
                c["exact"] += 1
            if g.get("quote_type") == "direct":
                direct["found"] += 1
                direct["exact_content"] += int(exact)
                if g["source"] and p["source"]:
                    direct["speaker_ok"] += char_overlap(text, g["source"], p["source"])
                    direct["speaker_tok"] += overlap(text, g["source"], p["source"]) > 0
            if ov < 0.5:
                continue
            if g["source"] and p["source"]:
                if _exact(text, g["source"], p["source"]):
                    src["exact"] += 1
                src["overlap"] += char_overlap(text, g["source"], p["source"])
                src["tokens"] += overlap(text, g["source"], p["source"]) > 0
            if g["cue"] and p["cue"]:
                if _exact(text, g["cue"], p["cue"]):
                    cue["exact"] += 1
                cue["overlap"] += char_overlap(text, g["cue"], p["cue"])
                cue["tokens"] += overlap(text, g["cue"], p["cue"]) > 0
    direct_with_source = direct["gold"]
    return {
        "n_gold": n_gold,
        "n_pred": n_pred,
        "content_exact": _prf(c["exact"], n_pred, n_gold),
        "content_overlap": _prf(c["overlap"], n_pred, n_gold),
        "content_any": _prf(c["any"], n_pred, n_gold),
        "source_exact": _prf(src["exact"], n_pred_src, n_gold_src),
        "source_overlap": _prf(src["overlap"], n_pred_src, n_gold_src),
        "source_overlap_tokens": _prf(src["tokens"], n_pred_src, n_gold_src),
        "cue_exact": _prf(cue["exact"], n_pred_cue, n_gold_cue),
        "cue_overlap": _prf(cue["overlap"], n_pred_cue, n_gold_cue),
        "cue_overlap_tokens": _prf(cue["tokens"], n_pred_cue, n_gold_cue),
        "direct": {
            "n_gold": direct_with_source,
            "recall_any_overlap": round(direct["found"] / direct["gold"], 4)
            if direct["gold"]
            else 0.0,
            "content_exact_recall": round(direct["exact_content"] / direct["gold"], 4)
            if direct["gold"]
            else 0.0,
            "speaker_accuracy": round(direct["speaker_ok"] / direct["found"], 4)
            if direct["found"]
            else 0.0,
            "speaker_accuracy_tokens": round(direct["speaker_tok"] / direct["found"], 4)
            if direct["found"]
            else 0.0,
        },
    }


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tok_set(text: str, spans: Spans) -> set[int]:
    """Start offsets of word and punctuation tokens inside the spans."""
    return {m.start() for s, e in spans for m in _TOKEN.finditer(text, s, e)}


def _same(text: str, a: Spans, b: Spans) -> bool:
    """Every fragment the same once trimmed (Citron's exact span-list match)."""
    return (
        bool(a)
        and len(a) == len(b)
        and all(
            _trim(text, *x) == _trim(text, *y) for x, y in zip(sorted(a), sorted(b), strict=True)
        )
    )


def citron_score(
    items: Iterable[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]],
) -> dict[str, Any]:
    """The figures as BBC Citron's evaluation counts them, for comparison with
    its published PARC3 scores (``citron/metrics.py``, re-implemented):

    - cue exact: a predicted cue equal to some gold cue (and vice versa for recall);
    - source / content exact: a prediction whose cue overlaps a gold cue and
      whose source (content) fragments equal that gold attribution's;
    - overlap: shared tokens summed over all (prediction, gold) pairs, over
      the predicted (precision) and gold (recall) token counts.

    Not one-to-one: one prediction can match several gold attributions.
    """
    keys = ("cue", "source", "content")
    exact = {k: [0, 0, 0] for k in keys}  # tp, fp, fn
    over = {k: [0, 0, 0] for k in keys}  # overlap, predicted, gold
    for text, gold, pred in items:
        G = [{k: _spans(g.get(k)) for k in keys} for g in gold]
        P = [{k: _spans(p.get(k)) for k in keys} for p in pred]
        tok = {id(x): {k: _tok_set(text, x[k]) for k in keys} for x in G + P}
        for k in keys:
            for p in P:
                hit = any(_citron_match(k, text, tok, p, g) for g in G)
                exact[k][0 if hit else 1] += 1
            exact[k][2] += sum(
                1 for g in G if not any(_citron_match(k, text, tok, p, g) for p in P)
            )
        for k in keys:
            for p in P:
                over[k][1] += len(tok[id(p)][k])
                over[k][0] += sum(len(tok[id(p)][k] & tok[id(g)][k]) for g in G)
            over[k][2] += sum(len(tok[id(g)][k]) for g in G)
    out: dict[str, Any] = {}
    for k in keys:
        tp, fp, fn = exact[k]
        out[f"{k}_exact"] = _prf(tp, tp + fp, tp + fn)
        ov, n_pred, n_gold = over[k]
        out[f"{k}_overlap"] = _prf(ov, n_pred, n_gold)
    return out


def _citron_match(
    kind: str,
    text: str,
    tok: dict[int, dict[str, set[int]]],
    p: dict[str, Spans],
    g: dict[str, Spans],
) -> bool:
    if kind == "cue":
        return _same(text, p["cue"], g["cue"])
    if not tok[id(p)]["cue"] & tok[id(g)]["cue"]:
        return False
    if kind == "source" and not (p["source"] or g["source"]):
        return True
    return _same(text, p[kind], g[kind])


def quote_to_pred(q: Any) -> dict[str, Any]:
    """A ``Quote`` as an attribution: content fragments, source span, cue span.
    The source is the record's annotation-style ``source`` when it has one
    (a poll share not shown as speaker), else its speaker."""
    frags = q.fragments or [{"start": q.start, "end": q.end}]
    src = getattr(q, "source", None) or q.speaker
    return {
        "content": [{"start": f["start"], "end": f["end"]} for f in frags],
        "source": [{"start": src["start"], "end": src["end"]}] if src else [],
        "cue": [{"start": q.cue["start"], "end": q.cue["end"]}] if q.cue else [],
        "kind": q.kind,
    }


def predict(
    items: list[dict[str, Any]], model: str | None = None, profile: str = "default"
) -> list[list[dict[str, Any]]]:
    """Run ``extract_quotes`` over gold articles (one parse each, batched),
    with the pipeline ``profile`` (accurate: its NER and attribution tagger)."""
    from storyline.extract.quotes import extract_quotes
    from storyline.model import Metadata, ParsedDocument, RawDocument
    from storyline.nlp import load_nlp, parse
    from storyline.settings import Settings

    nlp = load_nlp(model or Settings().model, profile=parse_profile(profile))
    options = Settings(profile=profile).extractor_options()
    out = []
    texts = [it["text"] for it in items]
    for it, doc in zip(items, parse(nlp, texts), strict=True):
        raw = RawDocument.create(
            it["id"],
            it["text"],
            it["text"].encode(),
            "json",
            external_id=it["id"],
            dct=it.get("dct"),
        )
        parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=doc, options=options)
        out.append([quote_to_pred(q) for q in extract_quotes(parsed)])
    return out


def parse_profile(profile: str) -> str:
    """The profile the articles are parsed with: ``profile``, except the
    accurate one without its NER weights, which parses with the default NER
    (the extractor still runs as the accurate profile: the figures are then
    those of the accurate profile's attribution part alone)."""
    if profile != "accurate":
        return profile
    from storyline.nlp.ner_accurate_model import WeightsMissing, check_weights

    try:
        check_weights()
    except WeightsMissing:
        return "default"
    return profile


@contextmanager
def parsed_as(profile: str) -> Iterator[str]:
    """While open, ``storyline.nlp.load_nlp`` parses with
    ``parse_profile(profile)`` (the default NER when the accurate NER weights
    are not built; nothing changes otherwise), so a whole pipeline run (the
    VOA scorer, the speed benchmark) measures the accurate profile's
    attribution part. Yields the profile parsed with."""
    from storyline import nlp

    parsed = parse_profile(profile)
    if parsed == profile:
        yield parsed
        return
    load = nlp.load_nlp

    def load_as(model: str, ner: str = "news", **_: Any) -> Any:
        return load(model, ner, profile=parsed)

    nlp.load_nlp = load_as  # type: ignore[assignment]
    try:
        yield parsed
    finally:
        nlp.load_nlp = load


#: ``--split train-holdout``: the tenth of train the accurate profile's
#: attribution tagger never trains on (document index % 10 == 9).
HOLDOUT_EVERY = 10


def run(folder: Path, split: str = "dev", profile: str = "default") -> dict[str, Any]:
    """Score Storyline's quote extractor on ``folder/<split>.jsonl`` (PolNeAR
    dev by default; ``train`` is where rules are read and designed, dev only
    measures them; ``train-holdout`` is every 10th train document)."""
    holdout = split == "train-holdout"
    path = folder / ("train.jsonl" if holdout else f"{split}.jsonl")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    if holdout:
        lines = lines[HOLDOUT_EVERY - 1 :: HOLDOUT_EVERY]
    items = [json.loads(line) for line in lines]
    preds = predict(items) if profile == "default" else predict(items, profile=profile)
    triples = [(it["text"], it["attributions"], p) for it, p in zip(items, preds, strict=True)]
    result = score(triples)
    result["citron_convention"] = citron_score(triples)
    gold = f"{path.name} (every {HOLDOUT_EVERY}th)" if holdout else path.name
    parsed_with = {"ner_profile": parse_profile(profile)} if profile != "default" else {}
    return {
        "task": "quotes",
        "gold": gold,
        "profile": profile,
        **parsed_with,
        "documents": len(items),
        **result,
    }


def gold_cue_contents(doc: Any, attributions: list[dict[str, Any]]) -> dict[int, list[set[int]]]:
    """Gold cue token (the root of its span) -> the token sets of the contents it
    introduces: what the learning scripts count a cue frame against."""
    cue_of: dict[int, list[set[int]]] = {}
    for att in attributions:
        content: set[int] = set()
        for frag in att["content"]:
            span = doc.char_span(frag["start"], frag["end"], alignment_mode="expand")
            if span is not None:
                content |= {t.i for t in span if not (t.is_punct or t.is_space)}
        for frag in att["cue"]:
            span = doc.char_span(frag["start"], frag["end"], alignment_mode="expand")
            if span is not None and len(span) and content:
                cue_of.setdefault(span.root.i, []).append(content)
    return cue_of
