"""Which outlet an article (or its reporting) originally comes from.

``infer_original_outlet(parsed)`` reads in-text evidence
(:mod:`.outlet_evidence`, cues as data in :mod:`.outlet_rules`), each piece
with a role:

- **origin**: republication notices ("This article originally appeared on
  X", "Republished with permission from X", "via X" lines), wire credits and
  datelines ("KYIV (Reuters) -"), "Source: X" lines, a page title ending with
  another outlet's name. Always counts.
- **citation**: "X reported", "according to X". Counts for the whole article
  only in its lead (the first ``LEAD_SENTENCES`` body sentences) or in a
  re-post; later it credits one sub-fact and is only recorded.
- **channel**: "told X", "in an interview with X". Where a quote was given,
  not where the article comes from: counts only in a re-post (a text re-posted
  from X keeps X's "told X").
- **repost**: a marker naming no outlet ("Source: Read Full Article").

A document is a *re-post* when it carries a re-post marker or an origin cue
naming another outlet, or when it is flagged machine-spun or
machine-translated (both are re-workings of someone else's article). In a
machine-translated text, a name that is the literal English rendering of a
known non-English outlet ("Israel Today" for Israel Hayom) is that outlet.

The document's own outlet (its masthead, its "outlet" field or the domain of
its URL, resolved with the shared outlet table ``storyline/outlets.tsv``:
voanews.com is Voice of America) is never an *outside* origin: evidence
naming it gives ``same_as_document_outlet: true``.

Scoring over the counted evidence: each match adds its pattern's weight,
times a position factor; ``confidence`` grows with the top candidate's total
and with its share of all counted evidence. ``name`` is None (confidence 0)
when evidence exists but names no origin (only interview channels, later
citations or a nameless re-post marker). ``None`` means no evidence at all.
"""

from __future__ import annotations

import math
from typing import Any

from storyline.extract.integrity.outlet_evidence import (
    byline_credits,
    compiled,
    hidden_notices,
    looks_like_outlet,
    normalise_name,
    pattern_matches,
    source_lines,
    title_suffix,
)
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument
from storyline.nlp import doc_text
from storyline.outlets import canonical_outlet, outlet_of_domain, same_outlet, translated_outlet

__all__ = ["compiled", "infer_original_outlet", "looks_like_outlet", "normalise_name"]

#: Body sentences that make the lead: a citation there speaks for the story.
LEAD_SENTENCES = 3
#: Origin credits at least this heavy (republication notices, datelines, "Source:" lines,
#: title suffixes; not a bare "(Reuters)" in a sentence) make the text a re-post.
REPOST_CREDIT = 1.5
#: A body sentence has at least this many words (headlines and datelines have fewer
#: or no final punctuation).
LEAD_MIN_WORDS = 8


def _dedupe(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One piece of evidence per place: the heaviest of overlapping matches wins."""
    out: list[dict[str, Any]] = []
    for ev in sorted(found, key=lambda e: (-e["weight"], e["start"])):
        if any(ev["start"] < o["end"] and o["start"] < ev["end"] for o in out):
            continue
        out.append(ev)
    return sorted(out, key=lambda e: e["start"])


def _merge_names(evidence: list[dict[str, Any]]) -> None:
    """'Radio Free Europe' and 'Radio Free Europe/Radio Liberty' are one outlet: a name that
    starts another, longer one takes the shorter (more often written) form."""
    names = {e["name"] for e in evidence if e["name"]}
    for ev in evidence:
        for other in names:
            if ev["name"] and other != ev["name"] and ev["name"].startswith(other + " "):
                ev["name"] = other


def own_outlet(parsed: ParsedDocument) -> str | None:
    """The document's own outlet: the table's name for its stated outlet or URL domain."""
    meta = parsed.metadata.outlet if parsed.metadata else None
    stated = meta.value if meta and meta.value else None
    for value in (stated, parsed.raw.url):
        if value:
            known = canonical_outlet(value) or outlet_of_domain(value)
            if known:
                return known
    return normalise_name(stated) if stated else None


def _flagged(parsed: ParsedDocument, name: str) -> bool:
    found = parsed.results.get(name)
    return bool(isinstance(found, dict) and found.get("flagged"))


def _repost_reasons(parsed: ParsedDocument, evidence: list[dict[str, Any]], own: str | None):
    """Why the text is taken as a re-post of another outlet's article (empty: it is not)."""
    reasons = []
    if any(e["role"] == "repost" for e in evidence):
        reasons.append("re-post marker")
    if any(
        e["role"] == "origin" and e["weight"] >= REPOST_CREDIT and not same_outlet(e["name"], own)
        for e in evidence
    ):
        reasons.append("credits another outlet as its origin")
    if parsed.offset_map is not None or any(s.kind == "spun" for s in parsed.spans):
        reasons.append("machine-spun")
    if _flagged(parsed, "machine_translated"):
        reasons.append("machine-translated")
    return reasons


def _lead_end(parsed: ParsedDocument) -> int:
    """Original offset where the lead (the first body sentences) ends."""
    seen = 0
    end = len(parsed.text)
    for sent in parsed.doc.sents:
        words = sum(1 for t in sent if t.is_alpha)
        last = sent.text.rstrip()[-1:] if sent.text.strip() else ""
        if words < LEAD_MIN_WORDS or last not in ".!?\"”’'":
            continue
        seen += 1
        if seen == LEAD_SENTENCES:
            end = parsed.original_span(sent.start_char, sent.end_char)[1]
            break
    return end


def _gather(parsed: ParsedDocument, translated: bool) -> list[dict[str, Any]]:
    found = pattern_matches(parsed, doc_text(parsed.doc))
    for ev in found:  # offsets of the parse -> offsets of the original text
        ev["start"], ev["end"] = parsed.original_span(ev["start"], ev["end"])
    found.extend(hidden_notices(parsed))  # already original offsets
    found.extend(source_lines(parsed))
    found.extend(byline_credits(parsed))
    found.extend(title_suffix(parsed, translated))
    evidence = _dedupe(found)
    _merge_names(evidence)
    if translated:  # "Israel Today" in a machine translation is Israel Hayom
        for ev in evidence:
            original = translated_outlet(ev["name"]) if ev["name"] else None
            if original:
                ev["translated_name"], ev["name"] = ev["name"], original
    return evidence


def _counts(ev: dict[str, Any], lead_end: int, repost: bool) -> bool:
    """Does this evidence name the article's origin (see the module doc)?"""
    if not ev["name"]:
        return False
    if ev["role"] == "origin":
        return True
    if ev["role"] == "citation":
        return repost or ev["start"] < lead_end
    return ev["role"] == "channel" and repost


def _scored(counted: list[dict[str, Any]], length: int) -> tuple[list[dict[str, Any]], float]:
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for ev in counted:
        # attribution in the lead speaks for the story; later ones often for a sub-fact
        position = 1.0 + 0.5 * (1.0 - ev["start"] / length)
        scores[ev["name"]] = scores.get(ev["name"], 0.0) + ev["weight"] * position
        counts[ev["name"]] = counts.get(ev["name"], 0) + 1
        first.setdefault(ev["name"], ev["start"])
    ranked = sorted(scores, key=lambda n: (-scores[n], first[n]))
    top = ranked[0]
    strength = 1.0 - math.exp(-scores[top] / 1.5)
    share = scores[top] / sum(scores.values())
    candidates = [{"name": n, "score": round(scores[n], 2), "count": counts[n]} for n in ranked]
    return candidates, round(strength * (0.4 + 0.6 * share), 2)


def _evidence_record(parsed: ParsedDocument, ev: dict[str, Any]) -> dict[str, Any]:
    rec = {
        "start": ev["start"], "end": ev["end"], "text": parsed.text[ev["start"] : ev["end"]],
        "pattern": ev["pattern"], "name": ev["name"], "role": ev["role"],
        "counted": ev["counted"],
    }  # fmt: skip
    if "translated_name" in ev:
        rec["translated_name"] = ev["translated_name"]
    return rec


@extractor(
    "original_outlet",
    version="2",
    output="integrity.original_outlet",
    needs=("machine_translated",),
)
def infer_original_outlet(parsed: ParsedDocument) -> dict[str, Any] | None:
    """The outlet the article's reporting originally comes from, with evidence, or None."""
    evidence = _gather(parsed, _flagged(parsed, "machine_translated"))
    if not evidence:
        return None
    own = own_outlet(parsed)
    reasons = _repost_reasons(parsed, evidence, own)
    lead_end = _lead_end(parsed)
    for ev in evidence:
        ev["counted"] = _counts(ev, lead_end, bool(reasons))
    counted = [e for e in evidence if e["counted"]]
    channels = sorted({e["name"] for e in evidence if e["role"] == "channel" and e["name"]})
    result: dict[str, Any] = {
        "name": None,
        "confidence": 0.0,
        "evidence": [_evidence_record(parsed, e) for e in evidence],
        "candidates": [],
        "repost": bool(reasons),
        "repost_reasons": reasons,
        "channels": channels,
        "document_outlet": own,
        "same_as_document_outlet": False,
    }
    if not counted:
        result["note"] = "no evidence names an origin (interview channels and later citations)"
        return result
    result["candidates"], result["confidence"] = _scored(counted, max(len(parsed.text), 1))
    result["name"] = result["candidates"][0]["name"]
    if same_outlet(result["name"], own):
        result["same_as_document_outlet"] = True
        result["note"] = "same as the document's outlet: the document is the original reporting"
    return result
