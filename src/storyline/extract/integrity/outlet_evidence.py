"""Evidence of where an article comes from: every outlet cue in one document.

The cues are the rows of :mod:`storyline.extract.integrity.outlet_rules`
(each with its ``role``: origin, citation, channel), plus three that read the
clean stage's spans rather than the running text:

- ``source-line``: a "Source: <Outlet>" line (the clean stage hides it as
  boilerplate; it still names the origin);
- ``repost-marker``: an aggregator line naming no outlet ("Source: Read Full
  Article", "Source News"): hidden from the reading text, kept here as
  lineage evidence that the text is a re-post;
- ``byline-credit``: an outlet line under a byline ("By JANE ROE" / "Associated
  Press"): the author's agency;
- ``title-suffix``: the headline ends with an outlet's name ("... - Harbour
  Gazette", or a known name without separator): a re-posted page keeps the
  original's page title.

Each piece of evidence is a dict ``{name, start, end, pattern, weight, role}``
with offsets into the original text; ``name`` is None for a repost marker.
:mod:`.outlet` decides which of them name the origin.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from storyline import textscan
from storyline.clean.metadata import NOT_OUTLETS, after_byline, is_placeholder_credit
from storyline.clean.rules import OUTLET_LEAD_WORDS, OUTLET_NOUNS
from storyline.extract.integrity.outlet_rules import (
    DOMAIN,
    HIDDEN_NOTICES,
    INSTITUTION_WORDS,
    KIND,
    KNOWN_OUTLETS,
    KNOWN_WIRES,
    NAME,
    PATTERNS,
    PLATFORMS,
    OutletPattern,
)
from storyline.model import ParsedDocument
from storyline.outlets import canonical_outlet, outlet_of_domain, translated_outlet

#: Labels that say a name is not an outlet (a person told, a country reported).
NON_OUTLET_LABELS = frozenset({"PERSON", "GPE", "NORP", "LOC", "DATE", "TIME", "CARDINAL"})
#: Lead words that only count together with a following capitalised word.
_WEAK_LEADS = frozenset({"Le", "La", "Les", "El", "Il", "Die", "Der", "Het", "De", "Sunday"})
_OUTLET_NOUNS = frozenset(OUTLET_NOUNS)
_OUTLET_LEADS = frozenset(OUTLET_LEAD_WORDS) - _WEAK_LEADS
#: Clean-stage rules whose lines say "re-posted" without naming the outlet.
REPOST_RULES = frozenset({"source-read-full"})
#: Separators between a page title and the site name ("Headline - Outlet").
_TITLE_SEP = re.compile(r"\s+[-–—|:]\s+|\s*\|\s*")
_WEIGHT_TITLE = 1.5
_WEIGHT_SOURCE_LINE = 1.5


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
    body = body.replace("{DOMAIN}", DOMAIN).replace("{KIND}", KIND)
    flags = re.MULTILINE if "m" in pattern.flags else 0
    return re.compile(body, flags)


def normalise_name(name: str) -> str:
    """'the New York Post' -> 'New York Post'; aliases ('AP') -> canonical names. Exact
    matches only: an unknown name is kept as written, never snapped to a neighbour."""
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
    if not norm or norm.lower() in NOT_OUTLETS or norm.lower() in PLATFORMS:
        return False
    if is_placeholder_credit(norm):
        return False  # "Staff Reporter": a byline placeholder names no outlet
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


def _accept(parsed: ParsedDocument, pattern: OutletPattern, name: str, label: str | None) -> bool:
    if pattern.known_only and canonical_outlet(name) is None:
        return False
    if pattern.any_name:  # 'twitter.com' is a platform like 'Twitter'
        return not {name.lower(), name.lower().split(".")[0]} & PLATFORMS
    if not looks_like_outlet(name, label):
        return False
    # a bare ORG (no outlet noun, not known) only counts for strong cues
    return not (
        pattern.name == "according-to"
        and name.lower() not in ALIASES
        and name.split()[-1] not in _OUTLET_NOUNS
        and name.split()[0] not in _OUTLET_LEADS
    )


def hidden_notices(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """Republication notices on lines the clean stage hid as boilerplate (not "Source:"
    lines, read by ``source_lines``), with original offsets."""
    found: list[dict[str, Any]] = []
    for span in parsed.spans:
        if span.kind != "boilerplate" or span.attrs.get("category") == "source":
            continue
        line = parsed.text[span.start : span.end]
        if not _NOTICE_WORDS.search(line):
            continue
        for ev in pattern_matches(parsed, line, HIDDEN_PATTERNS):
            ev["start"] += span.start
            ev["end"] += span.start
            found.append(ev)
    return found


HIDDEN_PATTERNS = tuple(p for p in PATTERNS if p.name in HIDDEN_NOTICES)
#: A cheap test before the notice patterns run on a hidden line.
_NOTICE_WORDS = re.compile(r"(?i)originally|first|republish|reprint|reproduc|syndicat|translat")


def pattern_matches(
    parsed: ParsedDocument, text: str, patterns: tuple[OutletPattern, ...] = PATTERNS
) -> list[dict[str, Any]]:
    """Every pattern match on ``text`` (the parsed, masked text), offsets of that text."""
    found: list[dict[str, Any]] = []
    # names the parser calls a person, place or nationality anywhere in the document
    not_outlets = {e.text for e in parsed.doc.ents if e.label_ in NON_OUTLET_LABELS}
    for pattern in patterns:
        for m in textscan.finditer(compiled(pattern), text):
            if pattern.role == "repost":  # a marker naming no outlet
                name, n_end = None, m.end()
            elif pattern.outlet:
                name, n_end = pattern.outlet, m.end()
            elif "{DOMAIN}" in pattern.regex:  # a web address: its outlet, else its host
                host = m.group("name").removeprefix("www.")
                name, n_end = outlet_of_domain(host) or host, m.end("name")
                if not _accept(parsed, pattern, name, None):
                    continue
            else:
                raw = re.split(r"\.\s", m.group("name"))[0]  # never across a sentence end
                trimmed = _trim_to_outlet(normalise_name_keep(raw))
                n_start = m.start("name") + raw.find(trimmed) if trimmed in raw else m.start("name")
                n_end = n_start + len(trimmed)
                name = normalise_name(trimmed)
                if not name or not name[0].isupper() and name not in KNOWN_OUTLETS:
                    continue
                label = None if pattern.any_name else _entity_label(parsed, n_start, n_end)
                if text[n_start:n_end] in not_outlets:
                    label = "GPE"
                if m.groupdict().get("kind") and label is None:  # "X news agency": an outlet
                    label = "ORG"
                if not _accept(parsed, pattern, name, label):
                    continue
            # the cue and the name: "told Al Jazeera" (not the words after the name)
            named = pattern.outlet is None and pattern.role != "repost"
            end = n_end if named and m.end("name") == m.end() else m.end()
            found.append(
                {"name": name, "start": m.start(), "end": end, "pattern": pattern.name,
                 "weight": pattern.weight, "role": pattern.role}
            )  # fmt: skip
    return found


def source_lines(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """'Source: <Outlet>' lines and re-post markers the clean stage hid as boilerplate
    (read in the raw text: hidden from reading, still evidence of lineage)."""
    out = []
    for span in parsed.spans:
        if span.kind != "boilerplate" or span.attrs.get("category") != "source":
            continue
        line = parsed.text[span.start : span.end]
        m = re.match(r"\s*source\s*:?\s*(.*?)\s*$", line, re.I)
        rest = m.group(1).rstrip(".") if m else ""
        if span.rule in REPOST_RULES or not rest or rest.lower() in NOT_OUTLETS:
            out.append(
                {"name": None, "start": span.start, "end": span.end, "pattern": "repost-marker",
                 "weight": 0.0, "role": "repost"}
            )  # fmt: skip
            continue
        name = normalise_name(rest)
        if is_placeholder_credit(name):
            continue  # "Source: Staff Reporter" names no outlet
        if name and name.lower() not in PLATFORMS:
            out.append(
                {"name": name, "start": span.start, "end": span.end, "pattern": "source-line",
                 "weight": _WEIGHT_SOURCE_LINE, "role": "origin"}
            )  # fmt: skip
    return out


def byline_credits(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """An outlet line right under a byline ("By JANE ROE" / "Associated Press"): the
    author's agency, so the article is that agency's copy. The clean stage hides the
    line as a masthead but does not take it as the site's outlet."""
    out = []
    for span in parsed.spans:
        if span.kind != "boilerplate" or span.attrs.get("category") != "masthead":
            continue
        if not after_byline(parsed.text, span.start):
            continue
        line = parsed.text[span.start : span.end].strip()
        if is_placeholder_credit(line):
            continue  # "By Jane Roe" / "Staff Reporter": no agency named
        start = parsed.text.index(line, span.start)
        out.append(
            {"name": normalise_name(line), "start": start, "end": start + len(line),
             "pattern": "byline-credit", "weight": _WEIGHT_SOURCE_LINE, "role": "origin"}
        )  # fmt: skip
    return out


def _known_suffix(words: list[str], translated: bool) -> int:
    """How many final words of a title form a known outlet name (0: none)."""
    for n in range(min(len(words) - 1, 6), 0, -1):
        tail = " ".join(words[-n:])
        if canonical_outlet(tail) or (translated and translated_outlet(tail)):
            return n
    return 0


def title_suffix(parsed: ParsedDocument, translated: bool) -> list[dict[str, Any]]:
    """The outlet a headline ends with, as a page title carries its site's name: after a
    separator ('Dam holds - Harbour Gazette'), any outlet-like name; without one, only a
    known name of two or more words in a machine-translated text, where the separator is
    often lost ('... Ukraine Israel today')."""
    spans = [s for s in parsed.spans if s.kind == "title"]
    if not spans:
        return []
    start = spans[0].start
    title = parsed.text[start : spans[0].end].rstrip()
    words = title.split()
    n = _known_suffix(words, translated)
    seps = list(_TITLE_SEP.finditer(title))
    if n:
        name_at = title.rindex(" ".join(words[-n:]))
        after_sep = any(m.end() == name_at for m in seps)
        if not after_sep and not (translated and n >= 2):
            return []
    else:
        if not seps:
            return []
        name_at = seps[-1].end()
        if not 1 <= len(title[name_at:].split()) <= 4 or not looks_like_outlet(title[name_at:]):
            return []
    return [
        {"name": normalise_name(title[name_at:]), "start": start + name_at,
         "end": start + len(title), "pattern": "title-suffix", "weight": _WEIGHT_TITLE,
         "role": "origin"}
    ]  # fmt: skip
