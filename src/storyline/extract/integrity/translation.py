"""Evidence that a document is a machine translation into English.

``detect_machine_translation(parsed)`` collects evidence spans of several
kinds and turns them into a calibrated score:

- ``name-variant``: a name one or two letters off a well-known English
  spelling ("Leviv" for Lviv, "Chattem House"), from the ``GAZETTEER`` table
  with rapidfuzz edit distance;
- ``mixed-spelling``: an old and a current transliteration in one text
  ("Kiev" next to "Kyiv");
- ``calque`` / ``idiom`` / ``word-order`` / ``preposition`` /
  ``outlet-name``: the ``PHRASE_CUES`` table (calques, mistranslated idioms,
  source-language word order);
- ``determiner``: a singular count noun with a nationality adjective and no
  article ("While Belarusian dictatorship gives ...");
- ``punctuation``: a spaced hyphen " - " used as a clause separator, a habit
  of Hebrew and Russian typing (counted only when repeated);
- ``unknown-word``: lower-case words English does not know (wordfreq zipf 0),
  i.e. untranslated or garbled words.

Spinner homonyms ("astatine" for *at*) are evidence of spinning, not of
translation: words in ``SPINNER_WORDS`` and anything inside a ``spun`` span are
ignored, so a spun copy is not flagged as translated.

Score: ``1 - exp(-total / 1.5)`` over the evidence weights (each kind capped,
so one habit repeated cannot flag a text alone). ``flagged`` needs a score of
at least ``FLAG_SCORE`` *and* at least ``FLAG_KINDS`` different kinds of
evidence: a single odd phrase is what any writer may produce.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein
from wordfreq import zipf_frequency

from storyline import textscan
from storyline.extract.integrity.translation_rules import (
    GAZETTEER,
    OLD_SPELLINGS,
    PHRASE_CUES,
    SPINNER_WORDS,
    Cue,
)
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument
from storyline.nlp import doc_text

METHOD = "rules: name gazetteer + edit distance, calque/idiom cues, punctuation habits, wordfreq"
FLAG_SCORE = 0.6
FLAG_KINDS = 2
#: Per-kind caps on the summed weights.
KIND_CAP = {
    "name-variant": 1.5, "mixed-spelling": 0.35, "calque": 1.5, "idiom": 1.0,
    "word-order": 1.0, "preposition": 0.8, "outlet-name": 0.4, "determiner": 0.5,
    "punctuation": 0.45, "unknown-word": 0.3,
}  # fmt: skip
WEIGHT = {
    "name-variant": 0.5, "mixed-spelling": 0.35, "determiner": 0.3, "punctuation": 0.12,
    "unknown-word": 0.1,
}  # fmt: skip
#: Singular count nouns that need an article in running English text.
COUNT_NOUNS = frozenset(
    {"dictatorship", "regime", "government", "army", "president", "ministry", "embassy",
     "ambassador", "parliament", "leader", "minister", "court", "opposition", "administration",
     "delegation", "spokesman", "spokeswoman", "republic", "state", "authority"}
)  # fmt: skip
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish|i|an)$")
_DASH = re.compile(r"(?<=[\w\"”’)]) - (?=[\w\"“‘(])")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """English word frequency (cached: both extractors run on every document)."""
    return zipf_frequency(word, "en")


@cache
def compiled(cue: Cue) -> re.Pattern[str]:
    """The cue's regex, compiled once (the textscan test checks every cue with it)."""
    return re.compile(cue.regex, re.MULTILINE | (re.IGNORECASE if cue.ignore_case else 0))


def _accepted() -> tuple[dict[str, str], dict[int, list[tuple[str, str]]]]:
    """Every accepted spelling (lower-cased) -> canonical; canonical forms by word count."""
    accepted: dict[str, str] = {}
    by_words: dict[int, list[tuple[str, str]]] = {}
    for canonical, (_, variants) in GAZETTEER.items():
        for form in (canonical, *variants):
            accepted[form.lower()] = canonical
            by_words.setdefault(len(form.split()), []).append((form.lower(), canonical))
    return accepted, by_words


def _by_start(
    by_words: dict[int, list[tuple[str, str]]],
) -> dict[tuple[int, str], list[tuple[str, str]]]:
    """``by_words`` split by first letter too, each list in its order: ``near_miss``
    only compares forms that start with the candidate's letter."""
    out: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for n, forms in by_words.items():
        for form, canonical in forms:
            out.setdefault((n, form[0]), []).append((form, canonical))
    return out


ACCEPTED, FORMS_BY_WORDS = _accepted()
FORMS_BY_START = _by_start(FORMS_BY_WORDS)


@lru_cache(maxsize=65536)
def near_miss(candidate: str) -> str | None:
    """The gazetteer name ``candidate`` is a garbled spelling of, or None.

    A near miss: same first letter, one edit off (two for names of nine letters
    or more), not an accepted spelling, not the name plus a suffix ("Putins"),
    and not a common English word. Cached: a document's capitalised words
    repeat, and every one is compared with the whole gazetteer.
    """
    low = re.sub(r"['’]s$", "", candidate).lower()
    if len(low) < 4 or low in ACCEPTED:
        return None
    words = low.split()
    for form, canonical in FORMS_BY_START.get((len(words), low[0]), []):
        if form[0] != low[0] or low.startswith(form) or form.startswith(low):
            continue
        changed = [w for w, f in zip(words, form.split(), strict=True) if w != f]
        if any(zipf(w) >= 3.0 for w in changed):  # a common word, not a garbled name
            continue
        limit = 2 if len(form) >= 9 else 1
        if Levenshtein.distance(low, form, score_cutoff=limit) <= limit:
            return canonical
    return None


def _cap_words(doc: Any) -> list[tuple[int, int, str]]:
    """Runs of capitalised alphabetic tokens as (start, end, text) n-grams of 1-2 words."""
    out: list[tuple[int, int, str]] = []
    toks = [t for t in doc if not t.is_space]
    for i, tok in enumerate(toks):
        if not (tok.is_alpha and tok.text[:1].isupper()):
            continue
        out.append((tok.idx, tok.idx + len(tok.text), tok.text))
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            nxt is not None
            and nxt.is_alpha
            and nxt.text[:1].isupper()
            and nxt.idx == tok.idx + len(tok.text) + 1
        ):
            out.append((tok.idx, nxt.idx + len(nxt.text), f"{tok.text} {nxt.text}"))
    return out


def _name_evidence(doc: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    seen_forms: dict[str, tuple[int, int, str]] = {}
    garbled: set[str] = set()
    for start, end, text in _cap_words(doc):
        seen_forms.setdefault(text.lower(), (start, end, text))
        canonical = near_miss(text)
        if canonical:
            # a garbled form counts once; its repetitions are reported, barely weighed
            weight = 0.05 if text in garbled else WEIGHT["name-variant"]
            garbled.add(text)
            found.append(
                {"start": start, "end": end, "kind": "name-variant",
                 "note": f"unusual spelling of {canonical}", "weight": weight}
            )  # fmt: skip
    for canonical, olds in OLD_SPELLINGS.items():
        if canonical.lower() not in seen_forms:
            continue
        for old in olds:
            if old.lower() in seen_forms:
                start, end, _ = seen_forms[old.lower()]
                found.append(
                    {"start": start, "end": end, "kind": "mixed-spelling",
                     "note": f"old spelling {old!r} next to {canonical!r} in the same text",
                     "weight": WEIGHT["mixed-spelling"]}
                )  # fmt: skip
    return found


def _cue_evidence(text: str) -> list[dict[str, Any]]:
    found = []
    for cue in PHRASE_CUES:
        for m in textscan.finditer(compiled(cue), text):
            start = m.start() + (len(m.group()) - len(m.group().lstrip(".!? \n")))
            found.append(
                {"start": start, "end": m.end(), "kind": cue.kind,
                 "note": f"{cue.name}: {cue.note}", "weight": cue.weight}
            )  # fmt: skip
    return found


def _determiner_evidence(doc: Any) -> list[dict[str, Any]]:
    """'While Belarusian dictatorship gives ...': a nationality + count noun, no article."""
    found = []
    for tok in doc:
        if tok.tag_ != "NN" or tok.lower_ not in COUNT_NOUNS or tok.dep_ not in ("nsubj", "dobj"):
            continue
        kids = list(tok.children)
        if any(k.dep_ in ("det", "poss", "nummod", "compound") for k in kids):
            continue
        adj = [k for k in kids if k.dep_ == "amod" and k.i == tok.i - 1]
        if not adj or not _NATIONALITY.match(adj[0].text):
            continue
        sent = tok.sent
        if not sent.text.rstrip().endswith((".", "?", "!")):  # headlines drop articles
            continue
        found.append(
            {"start": adj[0].idx, "end": tok.idx + len(tok.text), "kind": "determiner",
             "note": "singular count noun without an article", "weight": WEIGHT["determiner"]}
        )  # fmt: skip
    return found


def _punctuation_evidence(text: str, skip: list[tuple[int, int]]) -> list[dict[str, Any]]:
    hits = [m for m in _DASH.finditer(text) if not any(a <= m.start() < b for a, b in skip)]
    if len(hits) < 2:  # one spaced hyphen is a typo; a habit repeats
        return []
    return [
        {"start": m.start(), "end": m.end(), "kind": "punctuation",
         "note": "spaced hyphen as a clause separator (English uses a dash or comma)",
         "weight": WEIGHT["punctuation"]}
        for m in hits
    ]  # fmt: skip


def _unknown_words(doc: Any) -> list[dict[str, Any]]:
    found = []
    for tok in doc:
        low = tok.text
        if len(low) < 5 or not tok.is_alpha or not low.islower() or low in SPINNER_WORDS:
            continue
        if zipf(low) > 0.0:
            continue
        found.append(
            {"start": tok.idx, "end": tok.idx + len(tok.text), "kind": "unknown-word",
             "note": "a word English does not know (untranslated or garbled)",
             "weight": WEIGHT["unknown-word"]}
        )  # fmt: skip
    return found


def _score(evidence: list[dict[str, Any]]) -> tuple[float, int]:
    per_kind: dict[str, float] = {}
    for ev in evidence:
        per_kind[ev["kind"]] = per_kind.get(ev["kind"], 0.0) + ev["weight"]
    total = sum(min(w, KIND_CAP.get(k, 1.0)) for k, w in per_kind.items())
    return round(1.0 - math.exp(-total / 1.5), 2), len(per_kind)


@extractor("machine_translated", version="1", output="integrity.machine_translated")
def detect_machine_translation(parsed: ParsedDocument) -> dict[str, Any]:
    """Score 0..1, flag, and evidence spans (original offsets) of machine translation."""
    doc = parsed.doc
    text = doc_text(doc)
    titles = [(s.start, s.end) for s in parsed.spans if s.kind == "title"]
    found = [
        *_name_evidence(doc),
        *_cue_evidence(text),
        *_determiner_evidence(doc),
        *_punctuation_evidence(text, titles if parsed.offset_map is None else []),
        *_unknown_words(doc),
    ]
    spun = [(s.start, s.end) for s in parsed.spans if s.kind == "spun"]
    evidence: list[dict[str, Any]] = []
    reach = -1  # the furthest end of the evidence kept: below it nothing overlaps
    for ev in sorted(found, key=lambda e: e["start"]):
        start, end = parsed.original_span(ev["start"], ev["end"])
        if any(a < end and start < b for a, b in spun):
            continue  # spinner swaps are not translation evidence
        if reach > start and any(o["start"] < end and start < o["end"] for o in evidence):
            continue
        ev.update(start=start, end=end, text=parsed.text[start:end])
        evidence.append(ev)
        reach = max(reach, end)
    score, kinds = _score(evidence)
    flagged = score >= FLAG_SCORE and kinds >= FLAG_KINDS
    out = [
        {"start": e["start"], "end": e["end"], "text": e["text"], "kind": e["kind"],
         "note": e["note"]}
        for e in evidence
    ]  # fmt: skip
    return {"score": score, "flagged": flagged, "evidence": out, "method": METHOD}
