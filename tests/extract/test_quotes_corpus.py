"""Every direct quote of the real Belarus corpus, with the right speaker.

Expectations are (line number, text the speaker mention or its antecedent
contains), determined by reading the articles; no article text is copied
here. 004 is a machine-spun copy: it is run through a repaired view built
from a handful of word swaps (the pipeline's spun repair does this in
production), so "helium said" parses as "he said".
"""

from __future__ import annotations

import re

import pytest

from storyline.despin.repair import repaired_view
from storyline.extract.quotes import extract_quotes
from storyline.model import Metadata, ParsedDocument, RawDocument, Span
from storyline.nlp import load_nlp
from storyline.settings import Settings

# file prefix -> [(line of the quote's first fragment, speaker text or antecedent, kind)]
EXPECTED = {
    "000": [
        (2, "Belarusian troop", "anonymous"),
        (9, "troops", "collective"),
        (10, "Nexta", None),
        (13, "Aspos", None),
    ],
    "001": [
        (11, "Lukashenko", None),
        (45, "Leonchik", None),
        (57, "Basalov", "name"),
    ],
    "002": [
        (11, "Lukashenko", None),
        (15, "Gulevich", None),
        (23, "Gulevich", "pronoun"),
        (31, "Lukashenko", "pronoun"),
        (35, "Lukashenko", "pronoun"),
        (49, "Kazakevich", None),
    ],
    "003": [
        (7, "Center for Strategic Communications", "organisation"),
        # line 17 repeats line 7's statement word for word: listed once per article
        (31, "Viačorka", None),
    ],
    "004": [
        (9, "defender", "description"),
        (21, "Romanenko", "name"),
        (27, "Romanenko", "name"),
        (31, "Romanenko", None),
        (39, "Nikolay Mitrokhin", None),
        (43, "Nikolay Mitrokhin", "pronoun"),
        (49, "Lukashenko", "description"),
        (53, "Lukashenko", "name"),
        (57, "Viktor Gulevich", "title+name"),
        (61, "Oleksiy Danilov", "title+name"),
        (63, "Oleksiy Danilov", "pronoun"),
        (75, "Aleksey Kushch", None),
        (77, "Aleksey Kushch", "pronoun"),
        (81, "Romanenko", None),
    ],
}

# Spun word -> original, for 004 only (test data, not article text).
SWAPS = {
    "helium": "he",
    "astatine": "at",
    "successful": "in",
    "connected": "on",
    "whitethorn": "may",
    "penetration": "invasion",
    "arsenic": "as",
    "erstwhile": "former",
    "volition": "will",
    "beryllium": "be",
    "caput": "chief",
}


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def parsed_for(nlp, path) -> ParsedDocument:
    text = path.read_text(encoding="utf-8")
    raw = RawDocument.create(path.name, text, text.encode(), "txt")
    if not path.name.startswith("004"):
        return ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))
    repairs = [
        Span(m.start(), m.end(), "spun", attrs={"original": SWAPS[m.group(0)]})
        for m in re.finditer(r"\b(" + "|".join(SWAPS) + r")\b", text)
    ]
    repaired, omap = repaired_view(text, repairs)
    return ParsedDocument(
        raw=raw, spans=repairs, metadata=Metadata(), doc=nlp(repaired), offset_map=omap
    )


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_direct_quotes_and_speakers(nlp, belarus, prefix):
    path = next(belarus.glob(f"{prefix}_*.txt"))
    parsed = parsed_for(nlp, path)
    text = parsed.text
    quotes = extract_quotes(parsed)
    direct = {line_of(text, q.start): q for q in quotes if q.kind == "direct"}
    problems = []
    for line, who, kind in EXPECTED[prefix]:
        q = direct.get(line)
        if q is None:
            problems.append(f"line {line}: no direct quote")
            continue
        sp = q.speaker or {}
        names = [sp.get("text", "")] + [(sp.get("antecedent") or {}).get("text", "")]
        if not any(who in n for n in names):
            problems.append(f"line {line}: speaker {names} lacks {who!r}")
        if kind and sp.get("kind") != kind:
            problems.append(f"line {line}: kind {sp.get('kind')} != {kind}")
    extra = sorted(set(direct) - {line for line, _, _ in EXPECTED[prefix]})
    if extra:
        problems.append(f"unexpected direct quotes on lines {extra}")
    for q in quotes:
        assert text[q.start : q.end] == q.text
    assert not problems, problems
