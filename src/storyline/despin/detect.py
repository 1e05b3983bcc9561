"""Machine-"spun" text: words a spinner swapped, with their likely originals.

Article spinners copy an article and swap words for WordNet-style synonyms:
function words become homonyms ("astatine" for *at*, "helium" for *he*,
"successful" for *in*, "connected" for *on*, "whitethorn" for *may*),
content words become odd synonyms ("penetration" for *invasion*) and phrase
spinners rewrite phrases ("legal guidelines" for *laws*, "final week" for
*last week*). They spin inside quotation marks too.

``detect_spun`` finds them with two kinds of evidence:

1. a substitution table (``spin_table.tsv``, data) whose rows are trusted only
   where their *slot* test holds: the syntax around the word must want the
   original ("successful" directly before a determiner or a name, "helium"
   as the subject of a verb, "volition" between a subject and a verb);
2. language evidence for swaps no table lists: a word rare in general
   English (wordfreq Zipf) that sits where a function word belongs (a noun or
   adjective between a noun and a determiner or name).

Per-sentence evidence is aggregated into a document score; one odd word in a
clean article does not flag it. Spans are returned only for flagged
documents (a clean document gets none, whatever its odd words).

Cost on clean documents: one pass over the tokens with dictionary look-ups,
spaCy attributes and cached wordfreq look-ups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from storyline.extract.spin_tables import SpinRow, load_table, parse_table
from storyline.model import ParsedDocument, Span

METHOD = "spin-table+slot-syntax+wordfreq/v1"

# Document decision (calibrated on invented sentences and the team's corpora).
FLAG_MIN_EVIDENCE = 3.0  # summed span confidence
FLAG_MIN_RATE = 1.2  # summed confidence per 100 words
FLAG_MIN_STRONG = 2  # spans with confidence >= STRONG
STRONG = 0.8
MIN_SPAN_CONF = 0.3

NP_START_TAGS = frozenset({"DT", "PDT", "PRP$", "PRP", "NNP", "NNPS", "CD", "WP", "WDT", "$"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
DET_LIKE_TAGS = frozenset({"DT", "PRP$", "POS", "JJ", "JJR", "JJS", "CD", "PDT"})
VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "MD"})
TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
        "tomorrow",
        "yesterday",
    ]
)
TIME_UNITS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "12",
    ]
)
MODALS = frozenset(
    [
        "to",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "not",
        "n't",
        "never",
        "also",
        "whitethorn",
        "volition",
        "tin",
    ]
)
SPEECH = frozenset(
    [
        "said",
        "says",
        "say",
        "added",
        "told",
        "asked",
        "wrote",
        "stated",
        "noted",
        "warned",
        "insisted",
    ]
)
BE_FORMS = frozenset(["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"])
#: Context tests a table row may name (see ``_slot`` and ``_phrase_slot``).
SLOTS = frozenset(
    [
        "any",
        "syn",
        "prep",
        "prep-after-noun",
        "subj",
        "as",
        "be",
        "modal",
        "do",
        "have",
        "adv",
        "erstwhile",
        "astir",
        "done",
        "however",
        "like",
        "such",
        "nodet",
        "premod",
        "more",
        "before",
        "lower",
        "lower-obj",
        "noun",
        "verb-after-aux",
        "premod-or-after-det",
        "said",
        "title",
        "capital",
        "before-phrase",
        "ago",
        "sent-initial",
    ]
)
OPENERS = frozenset({"[", "(", "“", '"', "‘"})
HAVE_FORMS = frozenset(["have", "has", "had", "having", "'ve", "'d"])


@dataclass
class SpunResult:
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


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in general English (wordfreq), cached."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# ----------------------------------------------------------------- context


class _Ctx:
    """Neighbour access over the non-space tokens of one document."""

    def __init__(self, toks: list[Any]) -> None:
        self.toks = toks

    def get(self, i: int) -> Any | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def right(self, i: int) -> int:
        """Index of the first token at or after i that is not an opening bracket or quote."""
        while 0 <= i < len(self.toks) and self.toks[i].text in OPENERS:
            i += 1
        return i

    def low(self, i: int) -> str:
        t = self.get(i)
        return t.lower_ if t is not None else ""

    def tag(self, i: int) -> str:
        t = self.get(i)
        return t.tag_ if t is not None else ""

    def pos(self, i: int) -> str:
        t = self.get(i)
        return t.pos_ if t is not None else ""

    def sent_start(self, i: int) -> bool:
        t = self.get(i)
        if t is None:
            return True
        if t.is_sent_start:
            return True
        p = self.get(i - 1)
        return p is None or p.text in {"“", '"', "‘", "(", "—", "–", ":"}


def _np_start(ctx: _Ctx, i: int, words: dict[str, SpinRow]) -> bool:
    """Does token i begin a noun phrase (determiner, pronoun, name, number, date word)?"""
    t = ctx.get(i)
    if t is None:
        return False
    if t.lower_ in {"to", "with", "by", "from", "which", "who", "than"}:
        return False
    if t.lower_ == "that" and t.tag_ != "DT":
        return False
    if t.tag_ in NP_START_TAGS or t.lower_ in TIME_WORDS or t.text.startswith("#"):
        return True
    if t.text[:1].isupper() and t.is_alpha and not ctx.sent_start(i):
        return True
    row = words.get(t.lower_)
    if row is None:
        return False
    # a spun word that stands for a noun phrase start, or a spun content word
    return row.cls == "synonym" or (
        row.slot in {"subj", "lower-obj", "any", "premod"} and row.prior >= 0.85
    )


def _verbish(ctx: _Ctx, i: int, words: dict[str, SpinRow]) -> bool:
    t = ctx.get(i)
    if t is None:
        return False
    if t.tag_ in VERB_TAGS or t.tag_ in {"RB", "RBR"}:
        return True
    row = words.get(t.lower_)
    # a spun verb or adverb after a spun modal ("volition instrumentality")
    return row is not None and row.slot in {
        "verb-after-aux",
        "be",
        "any",
        "adv",
        "nodet",
        "do",
        "modal",
        "have",
    }


def _nominal_before(ctx: _Ctx, i: int) -> bool:
    p = ctx.get(i - 1)
    if p is None:
        return False
    return p.pos_ in NOMINAL_POS or p.lower_ in {"that", "who", "which", "they", "we"}


def _slot(row: SpinRow, ctx: _Ctx, i: int, words: dict[str, SpinRow]) -> tuple[float, str, str]:
    """(strength 0..1, chosen original, evidence) of a table row at token i."""
    slot = row.slot
    t = ctx.get(i)
    j = ctx.right(i + 1)  # the next word, past an opening bracket or quote
    prev_tag, next_tag = ctx.tag(i - 1), ctx.tag(j)
    prev_low, next_low = ctx.low(i - 1), ctx.low(j)
    orig = row.originals[0]
    prev_spun = prev_low in words
    # A word rare in general English is no adjective's head noun: only a real
    # determiner before it speaks against the swap.
    rare = zipf(t.lower_) < 3.0
    det_tags = {"DT", "PRP$", "POS"} if rare else DET_LIKE_TAGS - {"CD"}
    after_det = prev_tag in det_tags and not prev_spun
    next_spun = next_low in words
    if slot == "any":
        return 1.0, orig, "word almost never used in news in this sense"
    if slot == "syn":
        return 1.0, orig, "spinner synonym"
    if slot in {"prep", "prep-after-noun"}:
        if after_det:
            return 0.0, orig, ""
        if slot == "prep-after-noun" and ctx.pos(i - 1) not in {"NOUN", "PROPN"}:
            return 0.0, orig, ""
        strong_np = _np_start(ctx, j, words)
        modified = (prev_low in BE_FORMS or prev_tag in {"RB", "RBS", "RBR"}) and not prev_spun
        if next_low in TIME_WORDS:
            return 1.0, orig, f"{t.text!r} before a date word, where a preposition belongs"
        if (
            strong_np
            and not (modified and next_tag in {"NNP", "NNPS"})
            and (not modified or next_tag in {"DT", "PRP$", "CD"} or next_spun)
        ):
            return (
                1.0,
                orig,
                f"{t.text!r} directly before a noun phrase, where a preposition belongs",
            )
        if modified and not prev_spun:
            return 0.0, orig, ""
        prev_pos = ctx.pos(i - 1)
        if next_tag in {"JJ", "JJS", "NN", "NNS"} and prev_pos in {"NOUN", "VERB", "PROPN"}:
            return 0.6, orig, f"{t.text!r} between {ctx.get(i - 1).text!r} and a noun phrase"
        if next_tag in {"IN", "VBG"} and prev_pos in {"NOUN", "PROPN"} and next_low != "of":
            return 0.5, orig, f"{t.text!r} after a noun, where a preposition or particle belongs"
        if next_tag in {"JJ", "JJS", "NN", "NNS"} and ctx.get(i - 1) is not None:
            if ctx.get(i - 1).is_punct or prev_spun:
                return 0.5, orig, f"{t.text!r} at a preposition's place"
            if prev_pos == "CCONJ":
                return 0.4, orig, f"{t.text!r} after a conjunction, where a preposition belongs"
        return 0.0, orig, ""
    if slot == "subj":
        if after_det or next_low in {"-", "–"}:
            return 0.0, orig, ""
        if _verbish(ctx, i + 1, words) or next_low in SPEECH:
            return 1.0, orig, f"{t.text!r} as the subject of a verb"
        if prev_low in SPEECH:
            return 1.0, orig, f"{t.text!r} after a speech verb"
        return 0.0, orig, ""
    if slot == "as":
        if prev_low in {"such", "specified", "well", "soon"}:
            return 1.0, orig, f"{t.text!r} after {prev_low!r}, where 'as' belongs"
        if after_det or next_tag in {"NN", "NNS"} and not next_spun:
            return 0.0, orig, ""
        if _np_start(ctx, j, words):
            return 1.0, orig, f"{t.text!r} where a conjunction or preposition belongs"
        if (
            next_tag in {"NNS", "NN"}
            and ctx.tag(j + 1) in {"VBP", "VBD", "VBZ", "MD"}
            and ctx.pos(i - 1) in {"NOUN", "PROPN", "VERB"}
        ):
            return 0.8, orig, f"{t.text!r} before a clause, where 'as' belongs"
        if next_tag in {"JJ", "RB", "VBN", "VBG", "IN"}:
            return 0.7, orig, f"{t.text!r} where 'as' belongs"
        return 0.0, orig, ""
    if slot == "be":
        if prev_low in MODALS or prev_low in {"to", "not", "volition", "whitethorn", "tin"}:
            return 1.0, orig, f"{t.text!r} after a modal verb"
        return 0.0, orig, ""
    if slot == "modal":
        if after_det or prev_tag in {"IN", "NN"} and prev_low in {"of", "own"}:
            return 0.0, orig, ""
        subject = _nominal_before(ctx, i) or prev_low in {"n't", ",", "]", ")"} or prev_spun
        if subject and (
            _verbish(ctx, i + 1, words) or next_spun or next_low in {"not", "n't", "be"}
        ):
            return 1.0, orig, f"{t.text!r} between a subject and a verb, where a modal belongs"
        nxt = ctx.get(i + 1)
        if (
            subject
            and not after_det
            and nxt is not None
            and nxt.tag_ in {"NN", "VBP", "VB"}
            and nxt.lower_ == nxt.lemma_.lower()
            and (
                ctx.pos(i + 2) in {"ADV", "ADP", "DET", "CCONJ", "PUNCT", "PRON", "PART", ""}
                or ctx.low(i + 2) in words
            )
        ):
            return 0.8, orig, f"{t.text!r} between a subject and a bare verb"
        if rare and subject and not after_det:
            return 0.8, orig, f"rare {t.text!r} right after a subject, where a modal belongs"
        return 0.0, orig, ""
    if slot == "do":
        if prev_low in {"to", "n't", "not", "i", "we", "you", "they", "did"} and (
            ctx.get(i + 1) is None
            or _np_start(ctx, i + 1, words)
            or next_low in {"with", "so", "that", "it", "this", "more", "anything", "nothing"}
            or ctx.get(i + 1).is_punct
        ):
            return 1.0, orig, f"{t.text!r} where the verb 'do' belongs"
        return 0.0, orig, ""
    if slot == "have":
        if after_det or prev_tag in {"IN", "CD"} or prev_low in {"per", "every", "each", "one"}:
            return 0.0, orig, ""
        if next_low == "been" or (prev_low in {",", "]", ")"} and next_tag == "VBN"):
            return 1.0, orig, f"{t.text!r} before a participle, where 'have' belongs"
        if _nominal_before(ctx, i) and (
            next_tag in {"VBN", "RB", "DT", "VBD"} or next_low in words or next_low == "been"
        ):
            return 1.0, orig, f"{t.text!r} between a subject and a participle, where 'have' belongs"
        return 0.0, orig, ""
    if slot == "adv":
        if next_spun and not after_det:
            return 1.0, orig, f"{t.text!r} before another swapped word, where an adverb belongs"
        if prev_low in BE_FORMS and next_low in {"far", "much", "many", "that", "long"}:
            return 1.0, orig, f"{t.text!r} before {next_low!r}, where an adverb belongs"
        if after_det or ctx.pos(i + 1) in {"NOUN", "PROPN"} or prev_low in BE_FORMS:
            return 0.0, orig, ""
        if next_tag in {"RB", "IN", "JJ", ","} or next_low in words or ctx.sent_start(i):
            return 1.0, orig, f"{t.text!r} where an adverb belongs"
        return 0.5, orig, f"{t.text!r} where an adverb belongs"
    if slot == "erstwhile":
        nxt_row = words.get(next_low)
        nxt_content = nxt_row is None or nxt_row.cls != "homonym-function-word"
        if ctx.pos(i + 1) in {"NOUN", "ADJ", "PROPN"} and nxt_content and not ctx.sent_start(i + 1):
            if ctx.tag(i + 1) == "NNP" and ctx.tag(i + 2).startswith("VB"):
                return 1.0, "once", "'erstwhile' before a clause: 'once'"
            return 1.0, "former", "'erstwhile' before a noun: 'former'"
        return 1.0, "once", "'erstwhile' as an adverb: 'once'"
    if slot == "astir":
        if prev_tag == "DT" or next_low == "of":
            return 1.0, "most", "'astir' after a determiner: 'most'"
        return 1.0, "about", "'astir' where 'about' belongs"
    if slot == "done":
        if prev_low in BE_FORMS or prev_low in HAVE_FORMS or prev_low in {"get", "got", "well"}:
            return 0.0, orig, ""
        if _np_start(ctx, i + 1, words) and ctx.pos(i - 1) in {"NOUN", "PROPN", "VERB", "AUX"}:
            return 1.0, orig, "'done' with no auxiliary, before a noun phrase: 'through'"
        return 0.0, orig, ""
    if slot == "however":
        nxt = ctx.get(j)
        if nxt is None or nxt.text in {",", ".", ";", ":", "?", "!"}:
            return 0.0, orig, ""
        if ctx.pos(i - 1) in {"ADP", "VERB"} and prev_low not in BE_FORMS:
            return 1.0, "how", "'however' after a verb or preposition: 'how'"
        if (
            (ctx.sent_start(i) or prev_low == ",")
            and nxt.tag_ in {"PRP", "DT", "NNP", "VBG"}
            and nxt.lower_ not in {"much", "many", "long", "far", "small", "large"}
        ):
            return 0.7, "but", "'however' joining clauses with no comma: 'but'"
        return 0.0, orig, ""
    if slot == "like":
        nxt_row = words.get(next_low)
        if nxt_row is not None and nxt_row.cls == "homonym-function-word":
            return 0.8, orig, "'similar' before a swapped function word: 'like'"
        if after_det:
            return 0.0, orig, ""
        if next_low not in {"to", "in", "and", "or"} and next_tag in {"DT", "PRP", "PRP$", "NNP"}:
            return 1.0, orig, "'similar' before a noun phrase: 'like'"
        return 0.0, orig, ""
    if slot == "such":
        if next_low in {"arsenic", "as"}:
            return 1.0, orig, "'specified as' for 'such as'"
        return 0.0, orig, ""
    if slot == "nodet":
        if after_det:
            return 0.0, orig, ""
        if ctx.pos(i + 1) in {"VERB", "ADP", "DET", "AUX"} or next_low in words:
            return 1.0, orig, f"{t.text!r} with no determiner, before a verb or preposition"
        return 0.4, orig, f"{t.text!r} with no determiner"
    if slot == "premod":
        if after_det or ctx.pos(i + 1) not in {"NOUN", "ADJ"}:
            return 0.0, orig, ""
        return 1.0, orig, f"{t.text!r} as a bare pre-modifier"
    if slot == "more":
        if next_low == "than":
            return 1.0, orig, "'much than' for 'more than'"
        if next_tag == "JJ" and prev_low not in {"very", "so", "too", "how", "as", "not", "that"}:
            return 1.0, orig, "'much' before a plain adjective: 'more'"
        return 0.0, orig, ""
    if slot == "before":
        if (
            prev_low in TIME_UNITS
            and _np_start(ctx, i + 1, words)
            and next_low not in {"this", "that", "these", "today", "on", "in"}
        ):
            return 1.0, orig, "'earlier' before a clause: 'before'"
        return 0.0, orig, ""
    if slot in {"lower", "lower-obj"}:
        if t.text != t.text.lower():
            return 0.0, orig, ""
        return 1.0, orig, f"state or country name in lower case: {t.text!r}"
    if slot == "noun":
        if next_low in {"at", "in", "of"} or t.tag_.startswith("VB"):
            return 0.0, orig, ""
        if t.pos_ == "NOUN" or _verbish(ctx, i + 1, words):
            return 0.8, orig, f"{t.text!r} used as a noun"
        return 0.0, orig, ""
    if slot == "verb-after-aux":
        if prev_low in MODALS:
            return 1.0, orig, f"{t.text!r} where a verb belongs, after {ctx.get(i - 1).text!r}"
        return 0.0, orig, ""
    if slot == "premod-or-after-det":
        if ctx.pos(i + 1) == "NOUN" or (after_det and ctx.pos(i + 1) in {"ADP", "PUNCT"}):
            return 1.0, orig, f"{t.text!r} where a noun belongs"
        return 0.0, orig, ""
    if slot == "title":
        if t.text[:1].isupper() and next_tag == "NNP":
            return 1.0, orig, f"{t.text!r} as a title before a name"
        return 0.0, orig, ""
    if slot == "said":
        if ctx.pos(i - 1) in {"PRON", "PROPN"} and (
            ctx.get(i + 1) is None or ctx.get(i + 1).is_punct or next_low == "that"
        ):
            return 1.0, orig, f"{t.text!r} as a speech verb"
        return 0.0, orig, ""
    return 0.0, orig, ""


def _phrase_slot(row: SpinRow, ctx: _Ctx, i: int, n: int, words: dict[str, SpinRow]) -> float:
    slot = row.slot
    if slot in {"any", "syn"}:
        return 1.0
    if slot == "capital":
        return 1.0 if all(ctx.get(i + k).text[:1].isupper() for k in range(n)) else 0.0
    if slot == "before-phrase":
        # "Hours earlier than the mayor spoke": a time span, then a clause or noun phrase
        nxt = ctx.get(i + n)
        if nxt is None or nxt.tag_ in {"JJ", "VBN", "RB", "JJR"} or nxt.lower_ in {"ever", "usual"}:
            return 0.0
        if ctx.low(i - 1) in TIME_UNITS or ctx.sent_start(i):
            return 1.0
        return 0.0
    if slot == "ago":
        return 1.0 if ctx.low(i - 1) in TIME_UNITS else 0.0
    if slot == "sent-initial":
        return 1.0 if ctx.sent_start(i) else 0.0
    return 0.0


def _case_ok(tok: Any, ctx: _Ctx, i: int, row: SpinRow | None = None) -> bool:
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
    ctx = _Ctx(toks)
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
            strength = _phrase_slot(row, ctx, i, n, words)
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
            strength, original, why = _slot(row, ctx, i, words)
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
    return out, n_words, sents


def _generic(tok: Any, ctx: _Ctx, i: int, words: dict[str, SpinRow]) -> tuple[float, str] | None:
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
    cands = [c for c in cands if c.confidence >= MIN_SPAN_CONF]
    evidence = sum(c.confidence for c in cands)
    rate = 100.0 * evidence / max(n_words, 1)
    n_strong = sum(1 for c in cands if c.confidence >= STRONG)
    # Score: saturating in both the amount and the density of evidence.
    score = (1 - math.exp(-evidence / FLAG_MIN_EVIDENCE)) * (1 - math.exp(-rate / FLAG_MIN_RATE))
    flagged = (
        evidence >= FLAG_MIN_EVIDENCE and rate >= FLAG_MIN_RATE and n_strong >= FLAG_MIN_STRONG
    )
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
