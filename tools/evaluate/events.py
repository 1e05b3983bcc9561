"""Political events (PLOVER) on the PLOVER gold standard records (``eval/events/dev.jsonl``).

Each gold document is one sentence (``dct`` null) run through Storyline's
whole per-document pipeline; its ``events`` are compared with the gold events.
The gold codes one event per sentence (rarely two) and is not exhaustive, so
extra predicted events are not counted as errors, except where a measure
says so. Matching rules:

- **type accuracy (trigger-anchored)**: a gold event is found when a
  predicted event has its type and a trigger that overlaps one of the gold
  event's trigger spans (the GSR splits triggers: "agreed" + "cooperate");
- **type recall (sentence)**: a predicted event of its type exists anywhere
  in the sentence;
- **document type accuracy**: the predicted event of highest confidence
  (ties: the earlier) has one of the sentence's gold types; a sentence with
  no prediction counts as wrong;
- **type macro-F1**: single-label per sentence over the 16 types: predicted
  label = that top type (or none), gold label = the top type when it is
  among the gold types, else the first gold type;
- **role spans** (actor, recipient, location): each gold event is paired
  with one predicted event of its type (trigger-overlapping first, else the
  first of that type in the sentence). On pairs, a predicted span counts
  for precision when it matches some gold span of the role, a gold span
  counts for recall when some predicted span matches it. **exact**: same
  start and end; **lenient**: the spans overlap (at least one character;
  for a one-word gold actor this is head-token match). ``matched`` scores
  only the pairs (as the gold README advises: role spans of type-matched
  events); ``overall`` also counts the gold spans of unpaired gold events as
  missed. A gold ``SRC/TAR`` (reciprocal) event lists the same spans as
  actor and recipient; predictions are scored as given;
- **location spans** follow the GSR's markup convention, which marks the
  locative phrase with its preposition ("in Basra", "near the town of
  Samarra") while Storyline's ``place`` is the place phrase itself (what a
  reader or a geocoder needs). A predicted place therefore matches a gold
  location **exactly** when the spans are equal or when the gold span is a
  locative preposition (``LOCATIVE_PREPS``) plus a space followed by exactly
  the predicted span; lenient matching is overlap as for the other roles;
- **modes**: of paired events whose gold mode is set, how many predicted the
  same mode (the gold keeps some PLOVER 0.5 modes).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storyline.extract.events.lexicon import PLACE_PREPS

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
ROLES = (("actor", "actors"), ("recipient", "targets"), ("location", "place"))

Span = dict[str, Any]


def overlaps(a: Span, b: Span) -> bool:
    return min(a["end"], b["end"]) - max(a["start"], b["start"]) > 0


#: Prepositions the GSR includes at the start of a location span.
LOCATIVE_PREPS = PLACE_PREPS | frozenset({"to", "from", "on", "along", "off"})


def exact(a: Span, b: Span) -> bool:
    return (a["start"], a["end"]) == (b["start"], b["end"])


def place_exact(pred: Span, gold: Span) -> bool:
    """Exact location match: equal spans, or the gold span is a locative
    preposition, a space and then exactly the predicted span."""
    if exact(pred, gold):
        return True
    word, _, rest = gold["text"].partition(" ")
    return (
        word.lower() in LOCATIVE_PREPS
        and gold["end"] == pred["end"]
        and gold["start"] + len(word) + 1 == pred["start"]
        and rest == pred["text"]
    )


def prf(hit_p: int, n_p: int, hit_r: int, n_g: int) -> dict[str, float]:
    p = hit_p / n_p if n_p else 0.0
    r = hit_r / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pred_spans(event: dict[str, Any], key: str) -> list[Span]:
    value = event.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def pair(gold: dict[str, Any], preds: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The predicted event scored against ``gold`` (see the module doc)."""
    same = [p for p in preds if p["type"] == gold["type"]]
    for p in same:
        if any(overlaps(p["trigger"], g) for g in gold["trigger"]):
            return p
    return same[0] if same else None


def count_doc(gold_events: list[dict[str, Any]], preds: list[dict[str, Any]]) -> Counter[str]:
    """Counts of one sentence, keyed by measure (and ``TYPE:`` per type)."""
    c: Counter[str] = Counter()
    for g in gold_events:
        t = g["type"]
        c["gold"] += 1
        c[f"{t}:gold"] += 1
        same = [p for p in preds if p["type"] == t]
        if same:
            c["type_sentence"] += 1
        if any(overlaps(p["trigger"], s) for p in same for s in g["trigger"]):
            c["type_trigger"] += 1
            c[f"{t}:found"] += 1
        p = pair(g, preds)
        if p is not None:
            c["paired"] += 1
            if g.get("mode"):
                c["mode_gold"] += 1
                c["mode_hit"] += p.get("mode") == g["mode"]
        for role, key in ROLES:
            gs = g.get(role) or []
            ps = pred_spans(p, key) if p is not None else []
            c[f"{role}:g_all"] += len(gs)
            if p is None:
                continue
            c[f"{role}:g"] += len(gs)
            c[f"{role}:p"] += len(ps)
            strict = place_exact if role == "location" else exact
            for name, match in (("exact", strict), ("lenient", overlaps)):
                c[f"{role}:{name}:hp"] += sum(any(match(x, y) for y in gs) for x in ps)
                c[f"{role}:{name}:hr"] += sum(any(match(x, y) for x in ps) for y in gs)
    return c


def top_type(preds: list[dict[str, Any]]) -> str | None:
    if not preds:
        return None
    return max(enumerate(preds), key=lambda ip: (ip[1].get("confidence", 0), -ip[0]))[1]["type"]


def macro_f1(labels: list[tuple[str, str | None]]) -> dict[str, Any]:
    per: dict[str, dict[str, float]] = {}
    for t in TYPES:
        tp = sum(g == t and p == t for g, p in labels)
        fp = sum(g != t and p == t for g, p in labels)
        fn = sum(g == t and p != t for g, p in labels)
        if tp + fp + fn:
            per[t] = prf(tp, tp + fp, tp, tp + fn)
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"macro_f1": round(macro, 4), "per_type": per}


def score(docs: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> dict[str, Any]:
    """All figures from (gold events, predicted events) per sentence."""
    total: Counter[str] = Counter()
    labels: list[tuple[str, str | None]] = []
    n_docs = top_hits = predicted_docs = 0
    for gold, preds in docs:
        n_docs += 1
        total.update(count_doc(gold, preds))
        gold_types = [g["type"] for g in gold]
        top = top_type(preds)
        predicted_docs += top is not None
        top_hits += top in gold_types
        labels.append((top if top in gold_types else gold_types[0], top))
    n = total["gold"]
    roles = {}
    for role, _ in ROLES:
        entry: dict[str, Any] = {"gold_spans": total[f"{role}:g_all"]}
        for name in ("exact", "lenient"):
            hp, hr = total[f"{role}:{name}:hp"], total[f"{role}:{name}:hr"]
            entry[name] = {
                "matched": prf(hp, total[f"{role}:p"], hr, total[f"{role}:g"]),
                "overall": prf(hp, total[f"{role}:p"], hr, total[f"{role}:g_all"]),
            }
        roles[role] = entry
    per_type = {
        t: {"gold": total[f"{t}:gold"], "found": total[f"{t}:found"]}
        for t in TYPES
        if total[f"{t}:gold"]
    }
    return {
        "documents": n_docs,
        "gold_events": n,
        "type_accuracy_trigger": round(total["type_trigger"] / n, 4) if n else 0.0,
        "type_recall_sentence": round(total["type_sentence"] / n, 4) if n else 0.0,
        "document_type_accuracy": round(top_hits / n_docs, 4) if n_docs else 0.0,
        "documents_with_events": predicted_docs,
        "type": macro_f1(labels),
        "paired_events": total["paired"],
        "roles": roles,
        "mode_accuracy": round(total["mode_hit"] / total["mode_gold"], 4)
        if total["mode_gold"]
        else 0.0,
        "per_type": per_type,
    }


def load_docs(folder: Path, split: str = "dev") -> list[dict[str, Any]]:
    with (folder / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Storyline's per-document pipeline on each gold sentence (as JSONL input)."""
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.settings import Settings

    raws = [
        RawDocument.create(d["id"], d["text"], d["text"].encode(), "jsonl", dct=d.get("dct"))
        for d in docs
    ]
    out = []
    for analysis in Pipeline(Settings()).analyze_many(raws):
        out.append([e.to_dict() for e in analysis.outputs.get("events", [])])
    return out


def run(folder: Path, split: str = "dev") -> dict[str, Any]:
    """Score the ``events`` extractor on a PLOVER GSR split."""
    docs = load_docs(folder, split)
    preds = predict(docs)
    return {
        "task": "events",
        "split": split,
        **score((d["events"], p) for d, p in zip(docs, preds, strict=True)),
    }
