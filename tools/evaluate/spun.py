"""Spun-text ("tortured phrase") detection on ``eval/spun/items.jsonl``.

Two measures, both from the detector in ``storyline.despin``:

(a) phrase classification (label 1 = tortured phrase, 0 = the established
    term): P/R/F1 of a small logistic model over language evidence on the
    phrase alone (``phrase_evidence``: spin-table hits, wordfreq rarity) plus a
    word-substitution lexicon *learned from training items*;
(b) document scanning: each tortured phrase is put into a neutral invented
    sentence, the sentence is parsed and run through ``detect_spun`` with the
    learned lexicon; recall = phrase covered by a spun span, mapped = the
    repaired phrase equals the expected term. The same is done with the
    established terms to give a false-positive rate.

Honesty: the lexicon and the model weights are learned, so every figure is
cross-validated: items are split into K folds by their normalised expected
(original) term, and each fold is scored by a model learned on the other
folds only. Within training, word counts for an item leave out its own
expected-term group, so the weights are fitted on features like those seen
at test time. ``learn`` is the reproducible way to build a lexicon from any
items file; nothing learned is shipped with the detector. A table-only
baseline (no learning) is reported too.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from storyline.despin import phrase_evidence, zipf

K_FOLDS = 5
_TOK = re.compile(r"[a-z0-9]+")
CARRIER = "In the new report, the {} was examined closely by the team."


def norm(text: str) -> str:
    """Expected-term normalisation: lower case, notes in brackets and '(?)' dropped."""
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return " ".join(_TOK.findall(text))


def words(text: str) -> list[str]:
    return _TOK.findall(text.lower())


def fold_of(expected: str, k: int = K_FOLDS) -> int:
    return int(hashlib.sha256(("fold:" + norm(expected)).encode()).hexdigest()[:8], 16) % k


def load_items(folder: Path) -> list[dict[str, Any]]:
    path = folder / "items.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# ------------------------------------------------------------------ learning


@dataclass
class Counts:
    pos: Counter[str] = field(default_factory=Counter)  # words in tortured phrases
    neg: Counter[str] = field(default_factory=Counter)  # words in established terms
    subs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (spun, original) words
    bigrams: Counter[tuple[str, str, int]] = field(default_factory=Counter)  # (w1, w2, label)
    grams: Counter[tuple[str, int]] = field(default_factory=Counter)  # (char n-gram, label)
    totals: tuple[int, int] | None = None

    def total(self) -> tuple[int, int]:
        if self.totals is None:
            self.totals = (sum(self.pos.values()) + 1, sum(self.neg.values()) + 1)
        return self.totals

    def add(self, other: Counts, sign: int = 1) -> None:
        pairs = (
            (self.pos, other.pos),
            (self.neg, other.neg),
            (self.subs, other.subs),
            (self.bigrams, other.bigrams),
            (self.grams, other.grams),
        )
        for mine, theirs in pairs:
            for key, n in theirs.items():
                mine[key] += sign * n
        self.totals = None


def char_grams(word: str) -> list[str]:
    w = f"<{word}>"
    return [w[i : i + n] for n in (3, 4) for i in range(len(w) - n + 1)]


def item_counts(item: dict[str, Any]) -> Counts:
    c = Counts()
    ws = words(item["text"])
    c.bigrams.update((a, b, item["label"]) for a, b in zip(ws, ws[1:], strict=False))
    c.grams.update((g, item["label"]) for w in ws for g in char_grams(w))
    if item["label"] == 1:
        c.pos.update(ws)
        exp = words(norm(item["expected"]))
        if len(exp) == len(ws):  # aligned word for word: learn the swaps
            c.subs.update((w, e) for w, e in zip(ws, exp, strict=True) if w != e)
    else:
        c.neg.update(ws)
    return c


def _conf(n: int, neg: int) -> float:
    return (n + 0.5) / (n + neg + 1.5)


def lexicon_from(counts: Counts, only: Iterable[str] | None = None) -> dict[str, tuple[str, float]]:
    """Word substitutions (spun -> (original, confidence)) from aligned training items.

    A word is kept when it was seen swapped in a tortured phrase and is rarer in
    established terms than in tortured ones (confidence >= 0.5).
    """
    keep = set(only) if only is not None else None
    best: dict[str, tuple[str, int]] = {}
    for (w, e), n in counts.subs.items():
        if n <= 0 or (keep is not None and w not in keep):
            continue
        if w not in best or n > best[w][1]:
            best[w] = (e, n)
    out: dict[str, tuple[str, float]] = {}
    for w, (e, n) in best.items():
        conf = _conf(n, counts.neg.get(w, 0))
        if conf >= 0.5 and len(w) > 2:
            out[w] = (e, round(conf, 3))
    return out


def features(text: str, counts: Counts, lexicon: dict[str, tuple[str, float]]) -> list[float]:
    ws = words(text) or [""]
    n_pos, n_neg = counts.total()
    los = []
    unseen = 0
    for w in ws:
        p, q = counts.pos.get(w, 0), counts.neg.get(w, 0)
        if p + q == 0:
            unseen += 1
        los.append(math.log((p + 0.5) / n_pos) - math.log((q + 0.5) / n_neg))
    ev = phrase_evidence(text, lexicon)
    zs = [zipf(w) for w in ws]
    lex = sum(1 for w in ws if w in lexicon) / len(ws)
    lex_max = max((lexicon[w][1] for w in ws if w in lexicon), default=0.0)
    in_neg = sum(1 for w in ws if counts.neg.get(w, 0) > 0) / len(ws)
    bi = [
        math.log(
            (counts.bigrams.get((a, b, 1), 0) + 0.2) / (counts.bigrams.get((a, b, 0), 0) + 0.2)
        )
        for a, b in zip(ws, ws[1:], strict=False)
    ] or [0.0]
    word_gram = []
    for w in ws:
        gs = char_grams(w) or [""]
        word_gram.append(
            sum(
                math.log((counts.grams.get((g, 1), 0) + 0.5) / (counts.grams.get((g, 0), 0) + 0.5))
                for g in gs
            )
            / len(gs)
        )
    return [
        1.0,
        max(los),
        sum(los) / len(los),
        min(los),
        unseen / len(ws),
        min(zs) / 8,
        sum(zs) / len(zs) / 8,
        ev["score"],
        lex,
        lex_max,
        in_neg,
        max(bi) / 4,
        min(bi) / 4,
        min(len(ws), 8) / 8,
        max(word_gram) / 4,
        sum(word_gram) / len(word_gram) / 4,
    ]


@dataclass
class PhraseModel:
    counts: Counts
    lexicon: dict[str, tuple[str, float]]
    weights: np.ndarray
    threshold: float = 0.5

    def score(self, text: str) -> float:
        x = np.array(features(text, self.counts, self.lexicon))
        return float(1 / (1 + np.exp(-x @ self.weights)))


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1 / (1 + np.exp(-(x @ w)))
        eps = 1e-9
        val = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * w[1:] @ w[1:]
        grad = x.T @ (p - y) / len(y)
        grad[1:] += 2 * l2 * w[1:]
        return float(val), grad

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


class _BigramsMinus(dict):
    """total - group bigram counts, looked up lazily."""

    def __init__(self, total: Counter, group: Counter) -> None:
        super().__init__()
        self.t, self.g = total, group

    def get(self, key: Any, default: int = 0) -> int:
        return self.t.get(key, 0) - self.g.get(key, 0)


class _HeldOut(Counts):
    """Counts of all training items minus one expected-term group, without copying."""

    def __init__(self, total: Counts, group: Counts, ws: Iterable[str]) -> None:
        super().__init__()
        ws = set(ws)
        self.pos = Counter({w: total.pos[w] - group.pos[w] for w in ws})
        self.neg = Counter({w: total.neg[w] - group.neg[w] for w in ws})
        tp, tn = total.total()
        gp, gn = group.total()
        self.totals = (tp - gp + 1, tn - gn + 1)
        self.bigrams = _BigramsMinus(total.bigrams, group.bigrams)
        self.grams = _BigramsMinus(total.grams, group.grams)
        self.subs = Counter(
            {k: n - group.subs.get(k, 0) for k, n in total.subs.items() if k[0] in ws}
        )


def learn(items: Sequence[dict[str, Any]]) -> PhraseModel:
    """Learn counts, lexicon and weights from items (deterministic)."""
    per_group: dict[str, Counts] = {}
    total = Counts()
    for it in items:
        c = item_counts(it)
        per_group.setdefault(norm(it["expected"]), Counts()).add(c)
        total.add(c)
    rows, ys = [], []
    for it in items:  # features as at test time: the item's own group left out
        ws = words(it["text"])
        held = _HeldOut(total, per_group[norm(it["expected"])], ws)
        rows.append(features(it["text"], held, lexicon_from(held, ws)))
        ys.append(it["label"])
    x, y = np.array(rows), np.array(ys, dtype=float)
    weights = _fit(x, y)
    # decision threshold: best F1 on the (group-held-out) training scores
    p = 1 / (1 + np.exp(-(x @ weights)))
    best = max(
        (prf(zip(y.astype(int), (p >= t).astype(int), strict=True))["f1"], t)
        for t in np.arange(0.2, 0.81, 0.05)
    )
    return PhraseModel(
        counts=total, lexicon=lexicon_from(total), weights=weights, threshold=best[1]
    )


# ----------------------------------------------------------------- scoring


def prf(pairs: Iterable[tuple[int, int]]) -> dict[str, float]:
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": tp + fn}


def scan(
    phrases: Sequence[str], lexicon: dict[str, tuple[str, float]], nlp: Any
) -> list[tuple[bool, str]]:
    """Embed each phrase in a neutral sentence, run ``detect_spun``: (flagged, repaired)."""
    from storyline.despin import detect_spun, repaired_view
    from storyline.model import Metadata, ParsedDocument, RawDocument

    texts = [CARRIER.format(p) for p in phrases]
    out: list[tuple[bool, str]] = []
    for phrase, text, doc in zip(phrases, texts, nlp.pipe(texts, batch_size=256), strict=True):
        raw = RawDocument.create("item", text, text.encode(), "txt")
        parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=doc)
        res = detect_spun(parsed, lexicon=lexicon, spans_when_clean=True)
        start = text.index(phrase)
        end = start + len(phrase)
        inside = [s for s in res.spans if s.start < end and start < s.end]
        fixed, _ = repaired_view(text[start:end], [_shift(s, start) for s in inside])
        out.append((bool(inside), fixed))
    return out


def _shift(span: Any, by: int) -> Any:
    from storyline.model import Span

    return Span(span.start - by, span.end - by, span.kind, span.rule, dict(span.attrs))


def run(
    folder: Path, k: int = K_FOLDS, threshold: float | None = None, scan_docs: bool = True
) -> dict:
    """Cross-validated phrase P/R/F1 and document-scanner recall on a gold folder."""
    items = load_items(folder)
    folds = [fold_of(it["expected"], k) for it in items]
    pairs_cv: list[tuple[int, int]] = []
    pairs_base: list[tuple[int, int]] = []
    scan_hits = scan_mapped = scan_pos = scan_fp = scan_neg = 0
    nlp = None
    if scan_docs:
        from storyline.nlp import load_nlp
        from storyline.settings import Settings

        nlp = load_nlp(Settings().model)
    for f in range(k):
        train = [it for it, g in zip(items, folds, strict=True) if g != f]
        test = [it for it, g in zip(items, folds, strict=True) if g == f]
        model = learn(train)
        for it in test:
            cut = model.threshold if threshold is None else threshold
            pairs_cv.append((it["label"], int(model.score(it["text"]) >= cut)))
            pairs_base.append((it["label"], int(phrase_evidence(it["text"])["score"] >= 0.5)))
        if nlp is not None:
            pos = [it for it in test if it["label"] == 1]
            neg = [it for it in test if it["label"] == 0]
            for it, (hit, fixed) in zip(
                pos, scan([i["text"] for i in pos], model.lexicon, nlp), strict=True
            ):
                scan_pos += 1
                scan_hits += hit
                scan_mapped += hit and norm(fixed) == norm(it["expected"])
            for _it, (hit, _) in zip(
                neg, scan([i["text"] for i in neg], model.lexicon, nlp), strict=True
            ):
                scan_neg += 1
                scan_fp += hit
    result: dict[str, Any] = {
        "task": "spun",
        "items": len(items),
        "phrase_cv": {**prf(pairs_cv), "folds": k, "split": "grouped by normalised expected term"},
        "phrase_table_only": prf(pairs_base),
    }
    if nlp is not None:
        result["document_scan_cv"] = {
            "recall": round(scan_hits / max(scan_pos, 1), 4),
            "mapped_to_expected": round(scan_mapped / max(scan_pos, 1), 4),
            "false_positive_rate": round(scan_fp / max(scan_neg, 1), 4),
            "positives": scan_pos,
            "negatives": scan_neg,
            "carrier": CARRIER,
        }
    return result
