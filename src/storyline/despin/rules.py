"""The spin substitution table (``spin_table.tsv``) as data, loaded once.

Each row says what an article spinner writes (``spun``), what the source most
likely said (``original``, ``|`` between alternatives chosen by context), the
row's class and the context test (``slot``) that must hold before the row is
trusted. The table is a prior, never a verdict: :mod:`storyline.despin.slots`
accepts a row only where the syntax around the word agrees.

The word and tag sets below are what those slot tests look for around a word
(determiner tags, date words, modals, speech verbs...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("spin_table.tsv")
_WORD = re.compile(r"\w+|[^\w\s]")
CLASSES = frozenset({"homonym-function-word", "synonym", "phrase"})


@dataclass(frozen=True)
class SpinRow:
    spun: tuple[str, ...]  # lower-cased words of the spinner's output
    originals: tuple[str, ...]  # candidate source wordings, most likely first
    cls: str
    slot: str
    prior: float

    @property
    def text(self) -> str:
        return " ".join(self.spun)


def parse_table(text: str) -> list[SpinRow]:
    rows: list[SpinRow] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise ValueError(f"spin table line {n}: expected 5 tab-separated fields")
        spun, original, cls, slot, prior = parts
        if cls not in CLASSES:
            raise ValueError(f"spin table line {n}: unknown class {cls!r}")
        rows.append(
            SpinRow(
                spun=tuple(_WORD.findall(spun.lower())),
                originals=tuple(o.strip() for o in original.split("|")),
                cls=cls,
                slot=slot,
                prior=float(prior),
            )
        )
    return rows


@lru_cache(maxsize=1)
def load_table() -> tuple[dict[str, SpinRow], dict[str, list[SpinRow]]]:
    """(single-word rows by word, phrase rows by first word, longest first)."""
    words: dict[str, SpinRow] = {}
    phrases: dict[str, list[SpinRow]] = {}
    for row in parse_table(TABLE_PATH.read_text(encoding="utf-8")):
        if len(row.spun) == 1:
            words[row.spun[0]] = row
        else:
            phrases.setdefault(row.spun[0], []).append(row)
    for rows in phrases.values():
        rows.sort(key=lambda r: -len(r.spun))
    return words, phrases


# ------------------------------------------------ word sets of the slot tests

#: Tags that begin a noun phrase (determiners, pronouns, names, numbers).
NP_START_TAGS = frozenset({"DT", "PDT", "PRP$", "PRP", "NNP", "NNPS", "CD", "WP", "WDT", "$"})
#: Parts of speech that can be the subject before a verb slot.
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: Tags before a noun's place: a table word after one of them is a real noun.
DET_LIKE_TAGS = frozenset({"DT", "PRP$", "POS", "JJ", "JJR", "JJS", "CD", "PDT"})
#: Slots of table words that stand for a verb or adverb ("volition instrumentality").
VERB_SLOTS = frozenset({"verb-after-aux", "be", "any", "adv", "nodet", "do", "modal", "have"})
#: Verb tags (with MD): what a subject or modal slot wants next.
VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "MD"})
#: Day, month and relative-day words: a noun phrase that wants a preposition before it.
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
#: Units of a time span ("two weeks earlier than").
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
#: Words before a bare verb, spun modals included ("volition" for *will*).
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
#: Speech verbs: a pronoun slot before or after one is a subject.
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
#: Forms of *be*.
BE_FORMS = frozenset(["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"])
#: Opening brackets and quotes, skipped when looking at the next word.
OPENERS = frozenset({"[", "(", "“", '"', "‘"})
#: Forms of *have*.
HAVE_FORMS = frozenset(["have", "has", "had", "having", "'ve", "'d"])
