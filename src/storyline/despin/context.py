"""The neighbourhood of a spin-table word, as the slot tests read it.

``SlotContext`` gives bounds-safe access to the tokens around a word; ``Site``
gathers, once per table word, the neighbour facts most slot tests need
(:mod:`storyline.despin.slots`). ``np_start``, ``verbish`` and
``nominal_before`` are the phrase-level questions several slots ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.despin.rules import (
    DET_LIKE_TAGS,
    NOMINAL_POS,
    NP_START_TAGS,
    OPENERS,
    TIME_WORDS,
    VERB_SLOTS,
    VERB_TAGS,
    SpinRow,
)

#: (strength 0..1, chosen original, evidence) of a table row at one word.
Verdict = tuple[float, str, str]


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in general English (wordfreq), cached."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# ----------------------------------------------------------------- context


class SlotContext:
    """Neighbour access over the non-space tokens of one document.

    Out-of-range neighbours read as empty strings, so a test at the edge of a
    document needs no bounds checks.
    """

    def __init__(self, toks: list[Any]) -> None:
        self.toks = toks

    def get(self, i: int) -> Any | None:
        """Token i, or None outside the document."""
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def right(self, i: int) -> int:
        """Index of the first token at or after i that is not an opening bracket or quote."""
        while 0 <= i < len(self.toks) and self.toks[i].text in OPENERS:
            i += 1
        return i

    def low(self, i: int) -> str:
        """Lower-cased text of token i ("" outside the document)."""
        t = self.get(i)
        return t.lower_ if t is not None else ""

    def tag(self, i: int) -> str:
        """Fine-grained tag of token i ("" outside the document)."""
        t = self.get(i)
        return t.tag_ if t is not None else ""

    def pos(self, i: int) -> str:
        """Coarse part of speech of token i ("" outside the document)."""
        t = self.get(i)
        return t.pos_ if t is not None else ""

    def sent_start(self, i: int) -> bool:
        """Does token i start a sentence, or follow an opening quote, bracket, dash or colon?"""
        t = self.get(i)
        if t is None:
            return True
        if t.is_sent_start:
            return True
        p = self.get(i - 1)
        return p is None or p.text in {"“", '"', "‘", "(", "—", "–", ":"}


def np_start(ctx: SlotContext, i: int, words: dict[str, SpinRow]) -> bool:
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


def verbish(ctx: SlotContext, i: int, words: dict[str, SpinRow]) -> bool:
    """Is token i a verb or adverb (or a table word standing for one)?"""
    t = ctx.get(i)
    if t is None:
        return False
    if t.tag_ in VERB_TAGS or t.tag_ in {"RB", "RBR"}:
        return True
    row = words.get(t.lower_)
    # a spun verb or adverb after a spun modal ("volition instrumentality")
    return row is not None and row.slot in VERB_SLOTS


def nominal_before(ctx: SlotContext, i: int) -> bool:
    """Is the token before i a possible subject (noun, pronoun, name, relative word)?"""
    p = ctx.get(i - 1)
    if p is None:
        return False
    return p.pos_ in NOMINAL_POS or p.lower_ in {"that", "who", "which", "they", "we"}


@dataclass(frozen=True)
class Site:
    """A table word at token ``i`` with the neighbour facts most slot tests read."""

    ctx: SlotContext
    i: int
    words: dict[str, SpinRow]
    t: Any  # the token itself
    j: int  # the next word, past an opening bracket or quote
    prev_tag: str
    next_tag: str
    prev_low: str
    next_low: str
    orig: str  # the row's most likely original
    prev_spun: bool
    next_spun: bool
    rare: bool  # rare in general English (wordfreq Zipf < 3)
    after_det: bool  # right after a real (not spun) determiner

    @classmethod
    def at(cls, row: SpinRow, ctx: SlotContext, i: int, words: dict[str, SpinRow]) -> Site:
        """Read the neighbourhood of token i once, for whichever slot test runs."""
        t = ctx.get(i)
        j = ctx.right(i + 1)
        prev_tag, next_tag = ctx.tag(i - 1), ctx.tag(j)
        prev_low, next_low = ctx.low(i - 1), ctx.low(j)
        prev_spun = prev_low in words
        # A word rare in general English is no adjective's head noun: only a real
        # determiner before it speaks against the swap.
        rare = zipf(t.lower_) < 3.0
        det_tags = {"DT", "PRP$", "POS"} if rare else DET_LIKE_TAGS - {"CD"}
        return cls(
            ctx=ctx,
            i=i,
            words=words,
            t=t,
            j=j,
            prev_tag=prev_tag,
            next_tag=next_tag,
            prev_low=prev_low,
            next_low=next_low,
            orig=row.originals[0],
            prev_spun=prev_spun,
            next_spun=next_low in words,
            rare=rare,
            after_det=prev_tag in det_tags and not prev_spun,
        )

    def no(self) -> Verdict:
        """The verdict of a slot that does not hold."""
        return 0.0, self.orig, ""
