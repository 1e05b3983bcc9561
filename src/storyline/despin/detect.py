"""Machine-"spun" text: words a spinner swapped, with their likely originals.

Article spinners copy an article and swap words for WordNet-style synonyms:
function words become homonyms ("astatine" for *at*, "helium" for *he*,
"successful" for *in*, "connected" for *on*, "whitethorn" for *may*),
content words become odd synonyms ("penetration" for *invasion*) and phrase
spinners rewrite phrases ("legal guidelines" for *laws*, "final week" for
*last week*). They spin inside quotation marks too.

``detect_spun`` finds them with three kinds of evidence:

1. a substitution table (``spin_table.tsv``, loaded by
   :mod:`storyline.despin.rules`) whose rows are trusted only where their
   *slot* test (:mod:`storyline.despin.slots`) holds: the syntax around the
   word must want the original ("successful" directly before a determiner or
   a name, "helium" as the subject of a verb, "volition" between a subject
   and a verb);
2. language evidence for swaps no table lists: a word rare in general
   English (wordfreq Zipf) that sits where a function word belongs (a noun or
   adjective between a noun and a determiner or name);
3. spinner-independent lexical evidence (:mod:`storyline.despin.lexical`):
   glued words, digits spelled inside numbers, a WordNet noun compound with
   one word swapped for a rarer synonym.

Weak synonym evidence is reweighed by consistency (a spinner swaps a word
everywhere, so the plain word is then absent from the document). Evidence
per 100 words decides the document (threshold chosen by leave-one-site-out
cross-validation, ``tools/evaluate/spun_docs.py``); one odd word in a clean
article never flags it. Spans are returned only for flagged
documents (a clean document gets none, whatever its odd words).

Cost on clean documents: one pass over the tokens with dictionary look-ups,
spaCy attributes and cached wordfreq look-ups.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.despin.context import SlotContext, zipf
from storyline.despin.lexical import lexical_evidence
from storyline.despin.rules import DET_LIKE_TAGS, SpinRow, load_table, parse_table
from storyline.despin.slots import phrase_strength, slot_strength
from storyline.model import ParsedDocument, Span
from storyline.nlp import doc_text

METHOD = "spin-table+slot-syntax+wordfreq+lexical(wordnet,bigrams)/v2"

# Document decision. A document is flagged when its evidence (summed span
# confidence) per 100 words reaches FLAG_MIN_RATE, with at least
# FLAG_MIN_ITEMS distinct spun forms and FLAG_MIN_EVIDENCE in all (one odd
# word, however often repeated, never flags a document). FLAG_MIN_RATE is the
# threshold chosen by leave-one-site-out cross-validation on the real
# spun-news folders (tools/evaluate/spun_docs.py, docs/accuracy.md); the two
# floors are fixed a priori, not fitted.
FLAG_MIN_RATE = 0.28
FLAG_MIN_EVIDENCE = 0.8
FLAG_MIN_ITEMS = 2
STRONG = 0.8
MIN_SPAN_CONF = 0.3
# Weak synonym evidence, reweighed by whether the plain word occurs elsewhere.
CONSISTENT_GAIN = 1.6
INCONSISTENT_FACTOR = 0.5
ENGLISH = (None, "en")  # language values the lexical evidence applies to (None: unknown)
REWEIGHED = ("table-", "compound-synonym-swap")  # rules whose evidence is a one-word swap


@dataclass
class SpunResult:
    """Spun spans (empty for a clean document) and the document's spin summary."""

    spans: list[Span] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Candidate:
    start: int
    end: int
    original: str | None
    confidence: float
    rule: str
    evidence: str
    sent: int


def _case_ok(tok: Any, ctx: SlotContext, i: int, row: SpinRow | None = None) -> bool:
    """Table words are matched in lower case, or title case at a sentence start."""
    text = tok.text
    if text.islower() or (row is not None and row.slot == "title"):
        return True
    return text[:1].isupper() and text[1:].islower() and ctx.sent_start(i)


def _match_case(original: str, spun: str) -> str:
    return original[:1].upper() + original[1:] if spun[:1].isupper() else original


# ---------------------------------------------------------------- detector


def _with_lexicon(
    lexicon: Mapping[str, tuple[str, float]] | None,
) -> tuple[dict[str, SpinRow], dict[str, list[SpinRow]]]:
    words, phrases = load_table()
    if not lexicon:
        return words, phrases
    cached = _MERGED.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1], cached[2]
    words, phrases = dict(words), {k: list(v) for k, v in phrases.items()}
    lines = [f"{spun}\t{orig}\tsynonym\tsyn\t{conf:.3f}" for spun, (orig, conf) in lexicon.items()]
    for row in parse_table("\n".join(lines)):
        if len(row.spun) == 1:
            words.setdefault(row.spun[0], row)
        else:
            phrases.setdefault(row.spun[0], []).append(row)
            phrases[row.spun[0]].sort(key=lambda r: -len(r.spun))
    _MERGED.clear()  # one lexicon at a time is the use case; keep memory flat
    _MERGED[id(lexicon)] = (lexicon, words, phrases)
    return words, phrases


_MERGED: dict[int, tuple[Any, dict[str, SpinRow], dict[str, list[SpinRow]]]] = {}


def _candidates(
    parsed: ParsedDocument, lexicon: Mapping[str, tuple[str, float]] | None = None
) -> tuple[list[_Candidate], int, list[tuple[int, int]]]:
    words, phrases = _with_lexicon(lexicon)
    doc = parsed.doc
    toks = [t for t in doc if not t.is_space]
    ctx = SlotContext(toks)
    sents: list[tuple[int, int]] = []
    sent_of: dict[int, int] = {}
    for k, sent in enumerate(doc.sents):
        sents.append((sent.start_char, sent.end_char))
        sent_of.update(dict.fromkeys(range(sent.start, sent.end), k))  # no Token per token
    n_words = 0
    out: list[_Candidate] = []
    skip_until = -1
    for i, tok in enumerate(toks):
        if tok.is_alpha:
            n_words += 1
        if i <= skip_until or not tok.is_alpha:
            continue
        low = tok.lower_
        # phrases first (longest match wins)
        for row in phrases.get(low, ()):
            n = len(row.spun)
            if i + n > len(toks) or tuple(ctx.low(i + k) for k in range(n)) != row.spun:
                continue
            if not _case_ok(tok, ctx, i) and row.slot != "capital":
                continue
            strength = phrase_strength(row, ctx, i, n)
            if strength <= 0:
                continue
            end_tok = toks[i + n - 1]
            out.append(
                _Candidate(
                    tok.idx,
                    end_tok.idx + len(end_tok.text),
                    _match_case(row.originals[0], tok.text),
                    row.prior * strength,
                    f"table-{row.cls}",
                    f"spinner phrase {row.text!r} for {row.originals[0]!r}",
                    sent_of.get(tok.i, 0),
                )
            )
            skip_until = i + n - 1
            break
        if i <= skip_until:
            continue
        row = words.get(low)
        if row is not None and _case_ok(tok, ctx, i, row):
            strength, original, why = slot_strength(row, ctx, i, words)
            if strength > 0:
                out.append(
                    _Candidate(
                        tok.idx,
                        tok.idx + len(tok.text),
                        _match_case(original, tok.text),
                        row.prior * strength,
                        f"table-{row.cls}",
                        why,
                        sent_of.get(tok.i, 0),
                    )
                )
            continue
        cand = _generic(tok, ctx, i, words)
        if cand is not None:
            conf, why = cand
            out.append(
                _Candidate(
                    tok.idx,
                    tok.idx + len(tok.text),
                    None,
                    conf,
                    "rare-word-in-function-slot",
                    why,
                    sent_of.get(tok.i, 0),
                )
            )
    if parsed.metadata.value("language") in ENGLISH:  # English-only evidence
        out.extend(_lexical(toks, doc_text(doc), out, sents))
    return out, n_words, sents


def _lexical(
    toks: list[Any], text: str, found: list[_Candidate], sents: list[tuple[int, int]]
) -> list[_Candidate]:
    """Spinner-independent evidence (:mod:`.lexical`) not already covered by the table."""
    taken = {(c.start, c.end) for c in found}
    starts = [s for s, _ in sents]
    out = []
    for start, end, original, conf, rule, why in lexical_evidence(toks, text):
        if any(s < end and start < e for s, e in taken):
            continue
        sent = max(bisect.bisect_right(starts, start) - 1, 0)
        out.append(_Candidate(start, end, original, conf, rule, why, sent))
    return out


def _generic(
    tok: Any, ctx: SlotContext, i: int, words: dict[str, SpinRow]
) -> tuple[float, str] | None:
    """A word rare in general English where the syntax wants a function word."""
    if not tok.text.islower() or len(tok.text) < 4 or tok.ent_type_:
        return None
    if tok.pos_ not in {"NOUN", "ADJ"} or tok.tag_.startswith("VB"):
        return None
    z = zipf(tok.lower_)
    if z >= 3.0:
        return None
    prev = ctx.get(i - 1)
    if prev is None or prev.tag_ in DET_LIKE_TAGS or prev.pos_ in {"ADP", "AUX", "PART"}:
        return None
    if prev.pos_ not in {"NOUN", "PROPN", "VERB"}:
        return None
    if ctx.tag(i + 1) not in {"DT", "PRP$", "PDT"}:
        return None
    conf = 0.5 if z < 2.0 else 0.4
    return conf, f"rare word {tok.text!r} (Zipf {z:.1f}) where a preposition belongs"


def _weigh_by_consistency(cands: list[_Candidate], doc: Any) -> None:
    """Reweigh weak synonym evidence by whether the original word occurs elsewhere.

    A spinner swaps a word wherever it occurs, so a spun document lacks the
    plain word ("said", "also", "year") it replaced; a writer who varies
    wording ("courtroom", "additionally") uses the plain word too. A weak
    synonym swap (table row or WordNet compound, confidence < STRONG) whose
    original is absent from the document
    counts CONSISTENT_GAIN times more; one whose original is present counts
    INCONSISTENT_FACTOR as much.
    """
    weak = [c for c in cands if c.original and c.rule != "table-homonym-function-word"]
    weak = [c for c in weak if c.rule.startswith(REWEIGHED) and c.confidence < STRONG]
    if not weak:
        return
    words = {t.lower_ for t in doc if t.is_alpha}
    low = " " + " ".join(t.lower_ for t in doc if not t.is_space) + " "
    for c in weak:
        orig = (c.original or "").lower()
        present = orig in words if " " not in orig else f" {orig} " in low
        if present:
            c.confidence *= INCONSISTENT_FACTOR
        else:
            c.confidence = min(STRONG - 0.05, c.confidence * CONSISTENT_GAIN)


def detect_spun(
    parsed: ParsedDocument,
    *,
    lexicon: Mapping[str, tuple[str, float]] | None = None,
    spans_when_clean: bool = False,
) -> SpunResult:
    """Find spun words in one document and score how spun the document is.

    ``lexicon`` adds substitutions (spun word or phrase -> (original,
    confidence)) to the shipped table, e.g. a domain list; they are trusted
    like the table's synonym rows. Spans are returned for flagged documents
    only, unless ``spans_when_clean`` (then every candidate is returned, for
    inspection and for phrase-level evaluation).
    """
    cands, n_words, sents = _candidates(parsed, lexicon)
    _weigh_by_consistency(cands, parsed.doc)
    cands = [c for c in cands if c.confidence >= MIN_SPAN_CONF]
    evidence = sum(c.confidence for c in cands)
    rate = 100.0 * evidence / max(n_words, 1)
    text = doc_text(parsed.doc)
    forms = {text[c.start : c.end].lower() for c in cands}  # "courtroom" twice is one form
    enough = evidence >= FLAG_MIN_EVIDENCE and len(forms) >= FLAG_MIN_ITEMS
    # Score: saturating in both the amount and the density of evidence.
    score = (1 - math.exp(-evidence / (2 * FLAG_MIN_EVIDENCE))) * (
        1 - math.exp(-rate / FLAG_MIN_RATE)
    )
    flagged = enough and rate >= FLAG_MIN_RATE
    by_sent: dict[int, list[_Candidate]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    sentences = []
    for k, group in sorted(by_sent.items()):
        s, e = sents[k] if k < len(sents) else (group[0].start, group[-1].end)
        miss = 1.0
        for c in group:
            miss *= 1 - c.confidence
        sentences.append({"start": s, "end": e, "score": round(1 - miss, 3)})
    spans: list[Span] = []
    if flagged or spans_when_clean:
        for c in cands:
            spans.append(
                Span(
                    c.start,
                    c.end,
                    "spun",
                    rule=c.rule,
                    attrs={
                        "original": c.original,
                        "confidence": round(c.confidence, 3),
                        "evidence": c.evidence,
                    },
                )
            )
    summary = {
        "score": round(score, 3),
        "flagged": flagged,
        "n_spun": len(spans),
        "n_candidates": len(cands),
        "n_words": n_words,
        "evidence": round(evidence, 2),
        "rate_per_100_words": round(rate, 2),
        "enough_evidence": enough,
        "sentences": sentences if flagged else [],
        "method": METHOD,
    }
    return SpunResult(spans=spans, summary=summary)


# ------------------------------------------------------------ phrase level

_TOKEN = re.compile(r"\w+|[^\w\s]")


def phrase_evidence(
    text: str, lexicon: Mapping[str, tuple[str, float]] | None = None
) -> dict[str, Any]:
    """Language evidence on a short phrase alone (no sentence context).

    Returns the table or lexicon substitutions found (context-free rows only:
    slots "any" and "syn"), the phrase with them repaired, and the wordfreq
    rarity of its words. Used to score phrase lists such as tortured phrases.
    """
    words, phrases = load_table()
    lex = lexicon or {}
    toks = _TOKEN.findall(text.lower())
    hits: list[tuple[str, str, float]] = []
    repaired: list[str] = []
    i = 0
    while i < len(toks):
        matched = False
        for row in phrases.get(toks[i], ()):
            n = len(row.spun)
            if tuple(toks[i : i + n]) == row.spun and row.slot in {"any", "syn"}:
                hits.append((row.text, row.originals[0], row.prior))
                repaired.append(row.originals[0])
                i += n
                matched = True
                break
        if matched:
            continue
        row = words.get(toks[i])
        if row is not None and row.slot in {"any", "syn"}:
            hits.append((row.text, row.originals[0], row.prior))
            repaired.append(row.originals[0])
        elif toks[i] in lex:
            hits.append((toks[i], lex[toks[i]][0], lex[toks[i]][1]))
            repaired.append(lex[toks[i]][0])
        else:
            repaired.append(toks[i])
        i += 1
    alpha = [t for t in toks if t.isalpha()]
    zipfs = [zipf(t) for t in alpha] or [0.0]
    return {
        "tokens": toks,
        "hits": hits,
        "score": 1 - math.prod(1 - p for _, _, p in hits) if hits else 0.0,
        "repaired": re.sub(r" ?([-/]) ?", r"\1", " ".join(repaired)),
        "min_zipf": min(zipfs),
        "mean_zipf": sum(zipfs) / len(zipfs),
    }
