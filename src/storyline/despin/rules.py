"""The spin substitution table (``spin_table.tsv``) as data, loaded once.

Each row says what an article spinner writes (``spun``), what the source most
likely said (``original``, ``|`` between alternatives chosen by context), the
row's class and the context test (``slot``) that must hold before the row is
trusted. The table is a prior, never a verdict: ``spun.py`` accepts a row only
where the syntax around the word agrees.
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
