"""Which outlet an article (or its reporting) originally comes from.

``infer_original_outlet(parsed)`` reads in-text attribution: quotes given to an
outlet ("told Al Jazeera"), reports credited to one ("the New York Post
reported", "according to Reuters"), wire credits and datelines ("KYIV
(Reuters) -", "— AP"), "Source: <Outlet>" lines and republication notices
("This article originally appeared on ..."). The cues are data
(:mod:`storyline.extract.integrity.outlet_rules`).

Scoring: each match adds its pattern's weight, times a position factor
(attribution in the lead speaks for the whole story; one later in the text
often credits a single sub-fact). ``confidence`` grows with the top
candidate's total and with its share of all evidence, so three "told Al
Jazeera" give a high confidence and one "X reported" next to another
outlet's "reported" a moderate one.

What does not count: where *material* came from ("Nexta tweeted the video"),
names that are people, places, nationalities or institutions ("told
Ukrainian media", "according to the Interior Ministry").

When the top candidate is the document's own outlet (``metadata.outlet``),
the result is still returned, with ``same_as_document_outlet: true`` and a
note: the document is then the original reporting, not a copy. ``None``
means no in-text evidence at all.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from storyline import textscan
from storyline.clean.metadata import NOT_OUTLETS
from storyline.clean.rules import OUTLET_LEAD_WORDS, OUTLET_NOUNS
from storyline.extract.integrity.outlet_rules import (
    INSTITUTION_WORDS,
    KNOWN_OUTLETS,
    KNOWN_WIRES,
    NAME,
    PATTERNS,
    OutletPattern,
)
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument
from storyline.nlp import doc_text

#: Labels that say a name is not an outlet (a person told, a country reported).
NON_OUTLET_LABELS = frozenset({"PERSON", "GPE", "NORP", "LOC", "DATE", "TIME", "CARDINAL"})
#: Lead words that only count together with a following capitalised word.
_WEAK_LEADS = frozenset({"Le", "La", "Les", "El", "Il", "Die", "Der", "Het", "De", "Sunday"})
_OUTLET_NOUNS = frozenset(OUTLET_NOUNS)
_OUTLET_LEADS = frozenset(OUTLET_LEAD_WORDS) - _WEAK_LEADS


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, aliases in KNOWN_OUTLETS.items():
        for alias in (canonical, *aliases):
            index[alias.lower()] = canonical
            index["the " + alias.lower()] = canonical
    return index


ALIASES = _alias_index()


@cache
def compiled(pattern: OutletPattern) -> re.Pattern[str]:
    wires = "|".join(re.escape(w) for w in sorted(KNOWN_WIRES, key=len, reverse=True))
    body = pattern.regex.replace("{NAME}", NAME).replace("{KNOWN_WIRES}", wires)
    flags = re.MULTILINE if "m" in pattern.flags else 0
    return re.compile(body, flags)


def normalise_name(name: str) -> str:
    """'the New York Post' -> 'New York Post'; aliases ('AP') -> canonical names."""
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"(?:['’]s|[.,;:’'\"”])+$", "", name).strip()
    name = re.sub(r"^[Tt]he ", "", name)
    return ALIASES.get(name.lower(), name)


def _trim_to_outlet(name: str) -> str:
    """Cut words after a known outlet or an outlet noun: 'Al Jazeera Belarus' -> 'Al Jazeera'."""
    words = name.split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        if head.lower() in ALIASES or (
            n > 1 and words[n - 1].strip(".,") in _OUTLET_NOUNS and n < len(words)
        ):
            return head
    return name


def looks_like_outlet(name: str, label: str | None = None) -> bool:
    """Is this name a news outlet? Known table, outlet noun/lead word, or an ORG that is no
    institution. ``label`` is the spaCy entity label over the name, if any."""
    norm = normalise_name(name)
    if not norm or norm.lower() in NOT_OUTLETS:
        return False
    if norm.lower() in ALIASES or norm in KNOWN_OUTLETS:
        return True
    words = norm.split()
    lowered = {w.lower().strip(".,") for w in words}
    if lowered & INSTITUTION_WORDS:
        return False
    if words[-1] in _OUTLET_NOUNS or (words[0] in _OUTLET_LEADS and len(words) > 1):
        return True
    # a bare name: only a spaCy ORG (not a person, place or nationality) counts
    return label == "ORG" and len(norm) > 2 and label not in NON_OUTLET_LABELS


def _entity_label(parsed: ParsedDocument, start: int, end: int) -> str | None:
    """The label of a spaCy entity starting at the name (None when there is none)."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for ent in span.ents:
        if ent.start_char <= start + 1:
            return ent.label_
    for tok in span:
        if tok.ent_type_:
            return tok.ent_type_
    return None


def _matches(parsed: ParsedDocument, text: str) -> list[dict[str, Any]]:
    """Every pattern match on ``text`` (the parsed, masked text) as raw evidence."""
    found: list[dict[str, Any]] = []
    # names the parser calls a person, place or nationality anywhere in the document
    not_outlets = {e.text for e in parsed.doc.ents if e.label_ in NON_OUTLET_LABELS}
    for pattern in PATTERNS:
        for m in textscan.finditer(compiled(pattern), text):
            if pattern.outlet:
                name, n_start, n_end = pattern.outlet, m.start(), m.end()
            else:
                raw = re.split(r"\.\s", m.group("name"))[0]  # never across a sentence end
                trimmed = _trim_to_outlet(normalise_name_keep(raw))
                n_start = m.start("name") + raw.find(trimmed) if trimmed in raw else m.start("name")
                n_end = n_start + len(trimmed)
                name = normalise_name(trimmed)
                if not name or not name[0].isupper() and name not in KNOWN_OUTLETS:
                    continue
                if not pattern.any_name:
                    label = _entity_label(parsed, n_start, n_end)
                    if text[n_start:n_end] in not_outlets:
                        label = "GPE"
                    if not looks_like_outlet(name, label):
                        continue
                    # a bare ORG (no outlet noun, not known) only counts for strong cues
                    if (
                        pattern.name == "according-to"
                        and name.lower() not in ALIASES
                        and name.split()[-1] not in _OUTLET_NOUNS
                        and name.split()[0] not in _OUTLET_LEADS
                    ):
                        continue
            # the cue and the name: "told Al Jazeera" (not the words after the name)
            end = n_end if pattern.outlet is None and m.end("name") == m.end() else m.end()
            found.append(
                {"name": name, "start": m.start(), "end": end, "pattern": pattern.name,
                 "weight": pattern.weight}
            )  # fmt: skip
    return found


#: Sentence openers and modifiers captured before a name ("As VOA reported").
LEADING_NOISE = re.compile(
    r"^(?:(?:As|But|And|When|While|After|Before|Because|Since|Though|Also|Meanwhile|Earlier|"
    r"Later|Now|Then|So|Yet|Still|The|[A-Z][\w-]*-based|[A-Z][\w-]*['’]s)\s+)+"
)


def normalise_name_keep(name: str) -> str:
    """Strip trailing punctuation/possessive, sentence openers ("As"), "the" and a leading
    possessive or "X-based" ("Russia's Channel One"), keeping the words as written."""
    name = re.sub(r"(?:['’]s|[.,;:’'\"”])+$", "", name.strip())
    stripped = LEADING_NOISE.sub("", name)
    return stripped or name


def _source_lines(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """'Source: <Outlet>' lines the clean stage marked as boilerplate (read in the raw text)."""
    out = []
    for span in parsed.spans:
        if span.kind != "boilerplate" or span.attrs.get("category") != "source":
            continue
        line = parsed.text[span.start : span.end]
        m = re.match(r"\s*source\s*:\s*(.+?)\s*$", line, re.I)
        if not m or m.group(1).lower().rstrip(".") in NOT_OUTLETS:
            continue
        name = normalise_name(m.group(1))
        if name:
            out.append(
                {"name": name, "start": span.start, "end": span.end, "pattern": "source-line",
                 "weight": 1.5, "original": True}
            )  # fmt: skip
    return out


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
    names = {e["name"] for e in evidence}
    for ev in evidence:
        for other in names:
            if other != ev["name"] and ev["name"].startswith(other + " "):
                ev["name"] = other


@extractor("original_outlet", version="1", output="integrity.original_outlet")
def infer_original_outlet(parsed: ParsedDocument) -> dict[str, Any] | None:
    """The outlet the article's reporting originally comes from, with evidence, or None."""
    text = doc_text(parsed.doc)
    found = _matches(parsed, text)
    for ev in found:  # offsets of the parse -> offsets of the original text
        ev["start"], ev["end"] = parsed.original_span(ev["start"], ev["end"])
    found.extend(_source_lines(parsed))
    evidence = _dedupe(found)
    if not evidence:
        return None
    _merge_names(evidence)
    length = max(len(parsed.text), 1)
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for ev in evidence:
        # attribution in the lead speaks for the story; later ones often for a sub-fact
        position = 1.0 + 0.5 * (1.0 - ev["start"] / length)
        scores[ev["name"]] = scores.get(ev["name"], 0.0) + ev["weight"] * position
        counts[ev["name"]] = counts.get(ev["name"], 0) + 1
        first.setdefault(ev["name"], ev["start"])
    ranked = sorted(scores, key=lambda n: (-scores[n], first[n]))
    top = ranked[0]
    total = sum(scores.values())
    strength = 1.0 - math.exp(-scores[top] / 1.5)
    share = scores[top] / total
    confidence = round(strength * (0.4 + 0.6 * share), 2)
    result: dict[str, Any] = {
        "name": top,
        "confidence": confidence,
        "evidence": [
            {"start": e["start"], "end": e["end"], "text": parsed.text[e["start"] : e["end"]],
             "pattern": e["pattern"], "name": e["name"]}
            for e in evidence
        ],
        "candidates": [
            {"name": n, "score": round(scores[n], 2), "count": counts[n]} for n in ranked
        ],
    }  # fmt: skip
    own = parsed.metadata.outlet.value if parsed.metadata and parsed.metadata.outlet else None
    if own and normalise_name(own).lower() == top.lower():
        result["same_as_document_outlet"] = True
        result["note"] = "same as the document's outlet: the document is the original reporting"
    else:
        result["same_as_document_outlet"] = False
    return result
