"""Slot tests: where the syntax around a table word wants the word it replaced.

A row of the spin table (:mod:`storyline.despin.rules`) names a *slot*; the
row is trusted only where that slot's test holds ("helium" as the subject of a
verb, "successful" directly before a noun phrase). ``SLOT_TESTS`` (single
words) and ``PHRASE_SLOT_TESTS`` (phrases) map each slot name to its test, so
each test reads on its own and ``SLOTS`` (the names a table row may use) is
simply their keys.

A word test reads a ``Site`` (:mod:`storyline.despin.context`: the word and
the neighbour facts most tests need, computed once) and returns a
``Verdict``: strength 0..1, the chosen original, and the evidence in words. A
phrase test returns the strength only.
"""

from __future__ import annotations

from collections.abc import Callable

from storyline.despin.context import (
    Site,
    SlotContext,
    Verdict,
    nominal_before,
    np_start,
    verbish,
)
from storyline.despin.rules import (
    BE_FORMS,
    HAVE_FORMS,
    MODALS,
    SPEECH,
    TIME_UNITS,
    TIME_WORDS,
    SpinRow,
)

# ------------------------------------------------------- single-word slots


def _any(s: Site) -> Verdict:
    return 1.0, s.orig, "word almost never used in news in this sense"


def _syn(s: Site) -> Verdict:
    return 1.0, s.orig, "spinner synonym"


def _prep(s: Site) -> Verdict:
    """A preposition's place: before a noun phrase or a date word."""
    ctx, i, t, orig = s.ctx, s.i, s.t, s.orig
    prev_low, next_low, prev_tag, next_tag = s.prev_low, s.next_low, s.prev_tag, s.next_tag
    if s.after_det:
        return s.no()
    strong_np = np_start(ctx, s.j, s.words)
    modified = (prev_low in BE_FORMS or prev_tag in {"RB", "RBS", "RBR"}) and not s.prev_spun
    if next_low in TIME_WORDS:
        return 1.0, orig, f"{t.text!r} before a date word, where a preposition belongs"
    if (
        strong_np
        and not (modified and next_tag in {"NNP", "NNPS"})
        and (not modified or next_tag in {"DT", "PRP$", "CD"} or s.next_spun)
    ):
        return (
            1.0,
            orig,
            f"{t.text!r} directly before a noun phrase, where a preposition belongs",
        )
    if modified and not s.prev_spun:
        return s.no()
    prev_pos = ctx.pos(i - 1)
    if next_tag in {"JJ", "JJS", "NN", "NNS"} and prev_pos in {"NOUN", "VERB", "PROPN"}:
        return 0.6, orig, f"{t.text!r} between {ctx.get(i - 1).text!r} and a noun phrase"
    if next_tag in {"IN", "VBG"} and prev_pos in {"NOUN", "PROPN"} and next_low != "of":
        return 0.5, orig, f"{t.text!r} after a noun, where a preposition or particle belongs"
    if next_tag in {"JJ", "JJS", "NN", "NNS"} and ctx.get(i - 1) is not None:
        if ctx.get(i - 1).is_punct or s.prev_spun:
            return 0.5, orig, f"{t.text!r} at a preposition's place"
        if prev_pos == "CCONJ":
            return 0.4, orig, f"{t.text!r} after a conjunction, where a preposition belongs"
    return s.no()


def _prep_after_noun(s: Site) -> Verdict:
    """A preposition's place, trusted only right after a noun."""
    if s.ctx.pos(s.i - 1) not in {"NOUN", "PROPN"}:
        return s.no()
    return _prep(s)


def _subj(s: Site) -> Verdict:
    """A pronoun's place: the subject of a verb, or right after a speech verb."""
    if s.after_det or s.next_low in {"-", "–"}:
        return s.no()
    if verbish(s.ctx, s.i + 1, s.words) or s.next_low in SPEECH:
        return 1.0, s.orig, f"{s.t.text!r} as the subject of a verb"
    if s.prev_low in SPEECH:
        return 1.0, s.orig, f"{s.t.text!r} after a speech verb"
    return s.no()


def _as(s: Site) -> Verdict:
    """The place of 'as': after 'such', before a noun phrase or a clause."""
    ctx, i, t, orig, next_tag = s.ctx, s.i, s.t, s.orig, s.next_tag
    if s.prev_low in {"such", "specified", "well", "soon"}:
        return 1.0, orig, f"{t.text!r} after {s.prev_low!r}, where 'as' belongs"
    if s.after_det or next_tag in {"NN", "NNS"} and not s.next_spun:
        return s.no()
    if np_start(ctx, s.j, s.words):
        return 1.0, orig, f"{t.text!r} where a conjunction or preposition belongs"
    if (
        next_tag in {"NNS", "NN"}
        and ctx.tag(s.j + 1) in {"VBP", "VBD", "VBZ", "MD"}
        and ctx.pos(i - 1) in {"NOUN", "PROPN", "VERB"}
    ):
        return 0.8, orig, f"{t.text!r} before a clause, where 'as' belongs"
    if next_tag in {"JJ", "RB", "VBN", "VBG", "IN"}:
        return 0.7, orig, f"{t.text!r} where 'as' belongs"
    return s.no()


def _be(s: Site) -> Verdict:
    """The place of 'be': after a modal or 'to'."""
    if s.prev_low in MODALS or s.prev_low in {"to", "not", "volition", "whitethorn", "tin"}:
        return 1.0, s.orig, f"{s.t.text!r} after a modal verb"
    return s.no()


def _modal(s: Site) -> Verdict:
    """A modal's place: between a subject and a verb."""
    ctx, i, t, orig, words = s.ctx, s.i, s.t, s.orig, s.words
    prev_low, next_low = s.prev_low, s.next_low
    if s.after_det or s.prev_tag in {"IN", "NN"} and prev_low in {"of", "own"}:
        return s.no()
    subject = nominal_before(ctx, i) or prev_low in {"n't", ",", "]", ")"} or s.prev_spun
    if subject and (verbish(ctx, i + 1, words) or s.next_spun or next_low in {"not", "n't", "be"}):
        return 1.0, orig, f"{t.text!r} between a subject and a verb, where a modal belongs"
    nxt = ctx.get(i + 1)
    if (
        subject
        and not s.after_det
        and nxt is not None
        and nxt.tag_ in {"NN", "VBP", "VB"}
        and nxt.lower_ == nxt.lemma_.lower()
        and (
            ctx.pos(i + 2) in {"ADV", "ADP", "DET", "CCONJ", "PUNCT", "PRON", "PART", ""}
            or ctx.low(i + 2) in words
        )
    ):
        return 0.8, orig, f"{t.text!r} between a subject and a bare verb"
    if s.rare and subject and not s.after_det:
        return 0.8, orig, f"rare {t.text!r} right after a subject, where a modal belongs"
    return s.no()


def _do(s: Site) -> Verdict:
    """The place of the verb 'do': after 'to', a negation or a pronoun, before its object."""
    ctx, i = s.ctx, s.i
    if s.prev_low in {"to", "n't", "not", "i", "we", "you", "they", "did"} and (
        ctx.get(i + 1) is None
        or np_start(ctx, i + 1, s.words)
        or s.next_low in {"with", "so", "that", "it", "this", "more", "anything", "nothing"}
        or ctx.get(i + 1).is_punct
    ):
        return 1.0, s.orig, f"{s.t.text!r} where the verb 'do' belongs"
    return s.no()


def _have(s: Site) -> Verdict:
    """The place of 'have': before a participle, after a subject."""
    t, orig, next_low, next_tag = s.t, s.orig, s.next_low, s.next_tag
    if s.after_det or s.prev_tag in {"IN", "CD"} or s.prev_low in {"per", "every", "each", "one"}:
        return s.no()
    if next_low == "been" or (s.prev_low in {",", "]", ")"} and next_tag == "VBN"):
        return 1.0, orig, f"{t.text!r} before a participle, where 'have' belongs"
    if nominal_before(s.ctx, s.i) and (
        next_tag in {"VBN", "RB", "DT", "VBD"} or next_low in s.words or next_low == "been"
    ):
        return 1.0, orig, f"{t.text!r} between a subject and a participle, where 'have' belongs"
    return s.no()


def _adv(s: Site) -> Verdict:
    """An adverb's place: before another swapped word, an adjective or a preposition."""
    ctx, i, t, orig, prev_low, next_low = s.ctx, s.i, s.t, s.orig, s.prev_low, s.next_low
    if s.next_spun and not s.after_det:
        return 1.0, orig, f"{t.text!r} before another swapped word, where an adverb belongs"
    if prev_low in BE_FORMS and next_low in {"far", "much", "many", "that", "long"}:
        return 1.0, orig, f"{t.text!r} before {next_low!r}, where an adverb belongs"
    if s.after_det or ctx.pos(i + 1) in {"NOUN", "PROPN"} or prev_low in BE_FORMS:
        return s.no()
    if s.next_tag in {"RB", "IN", "JJ", ","} or next_low in s.words or ctx.sent_start(i):
        return 1.0, orig, f"{t.text!r} where an adverb belongs"
    return 0.5, orig, f"{t.text!r} where an adverb belongs"


def _erstwhile(s: Site) -> Verdict:
    """'erstwhile': 'former' before a noun, 'once' before a clause or as an adverb."""
    ctx, i = s.ctx, s.i
    nxt_row = s.words.get(s.next_low)
    nxt_content = nxt_row is None or nxt_row.cls != "homonym-function-word"
    if ctx.pos(i + 1) in {"NOUN", "ADJ", "PROPN"} and nxt_content and not ctx.sent_start(i + 1):
        if ctx.tag(i + 1) == "NNP" and ctx.tag(i + 2).startswith("VB"):
            return 1.0, "once", "'erstwhile' before a clause: 'once'"
        return 1.0, "former", "'erstwhile' before a noun: 'former'"
    return 1.0, "once", "'erstwhile' as an adverb: 'once'"


def _astir(s: Site) -> Verdict:
    """'astir': 'most' after a determiner, else 'about'."""
    if s.prev_tag == "DT" or s.next_low == "of":
        return 1.0, "most", "'astir' after a determiner: 'most'"
    return 1.0, "about", "'astir' where 'about' belongs"


def _done(s: Site) -> Verdict:
    """'done' for 'through': no auxiliary before it, a noun phrase after it."""
    prev_low = s.prev_low
    if prev_low in BE_FORMS or prev_low in HAVE_FORMS or prev_low in {"get", "got", "well"}:
        return s.no()
    if np_start(s.ctx, s.i + 1, s.words) and s.ctx.pos(s.i - 1) in {
        "NOUN",
        "PROPN",
        "VERB",
        "AUX",
    }:
        return 1.0, s.orig, "'done' with no auxiliary, before a noun phrase: 'through'"
    return s.no()


def _however(s: Site) -> Verdict:
    """'however': 'how' after a verb or preposition, 'but' joining clauses."""
    ctx, i = s.ctx, s.i
    nxt = ctx.get(s.j)
    if nxt is None or nxt.text in {",", ".", ";", ":", "?", "!"}:
        return s.no()
    if ctx.pos(i - 1) in {"ADP", "VERB"} and s.prev_low not in BE_FORMS:
        return 1.0, "how", "'however' after a verb or preposition: 'how'"
    if (
        (ctx.sent_start(i) or s.prev_low == ",")
        and nxt.tag_ in {"PRP", "DT", "NNP", "VBG"}
        and nxt.lower_ not in {"much", "many", "long", "far", "small", "large"}
    ):
        return 0.7, "but", "'however' joining clauses with no comma: 'but'"
    return s.no()


def _like(s: Site) -> Verdict:
    """'similar' for 'like': before a noun phrase or a swapped function word."""
    nxt_row = s.words.get(s.next_low)
    if nxt_row is not None and nxt_row.cls == "homonym-function-word":
        return 0.8, s.orig, "'similar' before a swapped function word: 'like'"
    if s.after_det:
        return s.no()
    if s.next_low not in {"to", "in", "and", "or"} and s.next_tag in {"DT", "PRP", "PRP$", "NNP"}:
        return 1.0, s.orig, "'similar' before a noun phrase: 'like'"
    return s.no()


def _such(s: Site) -> Verdict:
    """'specified as' for 'such as'."""
    if s.next_low in {"arsenic", "as"}:
        return 1.0, s.orig, "'specified as' for 'such as'"
    return s.no()


def _nodet(s: Site) -> Verdict:
    """A noun with no determiner, where a function word belongs."""
    if s.after_det:
        return s.no()
    if s.ctx.pos(s.i + 1) in {"VERB", "ADP", "DET", "AUX"} or s.next_low in s.words:
        return 1.0, s.orig, f"{s.t.text!r} with no determiner, before a verb or preposition"
    return 0.4, s.orig, f"{s.t.text!r} with no determiner"


def _premod(s: Site) -> Verdict:
    """A bare pre-modifier before a noun or adjective."""
    if s.after_det or s.ctx.pos(s.i + 1) not in {"NOUN", "ADJ"}:
        return s.no()
    return 1.0, s.orig, f"{s.t.text!r} as a bare pre-modifier"


def _more(s: Site) -> Verdict:
    """'much' for 'more': before 'than' or a plain adjective."""
    if s.next_low == "than":
        return 1.0, s.orig, "'much than' for 'more than'"
    if s.next_tag == "JJ" and s.prev_low not in {"very", "so", "too", "how", "as", "not", "that"}:
        return 1.0, s.orig, "'much' before a plain adjective: 'more'"
    return s.no()


def _before(s: Site) -> Verdict:
    """'earlier' for 'before': after a time span, before a clause."""
    if (
        s.prev_low in TIME_UNITS
        and np_start(s.ctx, s.i + 1, s.words)
        and s.next_low not in {"this", "that", "these", "today", "on", "in"}
    ):
        return 1.0, s.orig, "'earlier' before a clause: 'before'"
    return s.no()


def _lower(s: Site) -> Verdict:
    """A state or country name written in lower case."""
    if s.t.text != s.t.text.lower():
        return s.no()
    return 1.0, s.orig, f"state or country name in lower case: {s.t.text!r}"


def _noun(s: Site) -> Verdict:
    """A noun's place (not a verb, not before 'at', 'in', 'of')."""
    t = s.t
    if s.next_low in {"at", "in", "of"} or t.tag_.startswith("VB"):
        return s.no()
    if t.pos_ == "NOUN" or verbish(s.ctx, s.i + 1, s.words):
        return 0.8, s.orig, f"{t.text!r} used as a noun"
    return s.no()


def _verb_after_aux(s: Site) -> Verdict:
    """A verb's place, after a modal."""
    if s.prev_low in MODALS:
        return 1.0, s.orig, f"{s.t.text!r} where a verb belongs, after {s.ctx.get(s.i - 1).text!r}"
    return s.no()


def _premod_or_after_det(s: Site) -> Verdict:
    """A noun's place: before a noun, or after a determiner at a phrase's end."""
    nxt_pos = s.ctx.pos(s.i + 1)
    if nxt_pos == "NOUN" or (s.after_det and nxt_pos in {"ADP", "PUNCT"}):
        return 1.0, s.orig, f"{s.t.text!r} where a noun belongs"
    return s.no()


def _title(s: Site) -> Verdict:
    """A capitalised title before a name."""
    if s.t.text[:1].isupper() and s.next_tag == "NNP":
        return 1.0, s.orig, f"{s.t.text!r} as a title before a name"
    return s.no()


def _said(s: Site) -> Verdict:
    """A speech verb's place: after a pronoun or name, before punctuation or 'that'."""
    ctx, i = s.ctx, s.i
    if ctx.pos(i - 1) in {"PRON", "PROPN"} and (
        ctx.get(i + 1) is None or ctx.get(i + 1).is_punct or s.next_low == "that"
    ):
        return 1.0, s.orig, f"{s.t.text!r} as a speech verb"
    return s.no()


#: Slot name -> its test for a single table word.
SLOT_TESTS: dict[str, Callable[[Site], Verdict]] = {
    "any": _any,
    "syn": _syn,
    "prep": _prep,
    "prep-after-noun": _prep_after_noun,
    "subj": _subj,
    "as": _as,
    "be": _be,
    "modal": _modal,
    "do": _do,
    "have": _have,
    "adv": _adv,
    "erstwhile": _erstwhile,
    "astir": _astir,
    "done": _done,
    "however": _however,
    "like": _like,
    "such": _such,
    "nodet": _nodet,
    "premod": _premod,
    "more": _more,
    "before": _before,
    "lower": _lower,
    "lower-obj": _lower,
    "noun": _noun,
    "verb-after-aux": _verb_after_aux,
    "premod-or-after-det": _premod_or_after_det,
    "title": _title,
    "said": _said,
}


def slot_strength(row: SpinRow, ctx: SlotContext, i: int, words: dict[str, SpinRow]) -> Verdict:
    """(strength 0..1, chosen original, evidence) of a table row at token i."""
    site = Site.at(row, ctx, i, words)
    test = SLOT_TESTS.get(row.slot)
    return site.no() if test is None else test(site)


# ------------------------------------------------------------ phrase slots


def _phrase_always(ctx: SlotContext, i: int, n: int) -> float:
    return 1.0


def _phrase_capital(ctx: SlotContext, i: int, n: int) -> float:
    """Every word of the phrase capitalised (a spun name or headline phrase)."""
    return 1.0 if all(ctx.get(i + k).text[:1].isupper() for k in range(n)) else 0.0


def _phrase_before(ctx: SlotContext, i: int, n: int) -> float:
    """ "Hours earlier than the mayor spoke": a time span, then a clause or noun phrase."""
    nxt = ctx.get(i + n)
    if nxt is None or nxt.tag_ in {"JJ", "VBN", "RB", "JJR"} or nxt.lower_ in {"ever", "usual"}:
        return 0.0
    if ctx.low(i - 1) in TIME_UNITS or ctx.sent_start(i):
        return 1.0
    return 0.0


def _phrase_ago(ctx: SlotContext, i: int, n: int) -> float:
    """'in the past' for 'ago': right after a time span."""
    return 1.0 if ctx.low(i - 1) in TIME_UNITS else 0.0


def _phrase_sent_initial(ctx: SlotContext, i: int, n: int) -> float:
    """A sentence adverbial ('as an alternative' for 'instead') at a sentence start."""
    return 1.0 if ctx.sent_start(i) else 0.0


#: Slot name -> its test for a phrase row of n words at token i (strength 0..1).
PHRASE_SLOT_TESTS: dict[str, Callable[[SlotContext, int, int], float]] = {
    "any": _phrase_always,
    "syn": _phrase_always,
    "capital": _phrase_capital,
    "before-phrase": _phrase_before,
    "ago": _phrase_ago,
    "sent-initial": _phrase_sent_initial,
}


def phrase_strength(row: SpinRow, ctx: SlotContext, i: int, n: int) -> float:
    """Strength 0..1 of a phrase row of n words at token i."""
    test = PHRASE_SLOT_TESTS.get(row.slot)
    return 0.0 if test is None else test(ctx, i, n)


#: Context tests a table row may name.
SLOTS = frozenset(SLOT_TESTS) | frozenset(PHRASE_SLOT_TESTS)
