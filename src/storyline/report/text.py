"""Plain-text helpers both renderings share, so Markdown and HTML say the same thing.

Nothing here escapes: Markdown escapes with ``markdown.md_escape`` and HTML
with markupsafe (autoescaped templates), each at the point of output.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

MAX_QUOTE_CHARS = 300  # longer statements are cut (at a word boundary) with "…"
EXCERPT_CHARS = 160  # quotes in an entity profile, generic-section text

_MARKS = ' \t\r\n"\u201c\u201d\u201e\u00ab\u00bb'

# Counted parts of the counts line after documents, entities and mentions:
# (stats key, singular, plural); shown only when not zero.
COUNTED_SECTIONS = (
    ("quotes", "quote", "quotes"),
    ("events", "event", "events"),
    ("claims", "claim", "claims"),
    ("conflicts", "conflict", "conflicts"),
    ("forecasts", "forecast", "forecasts"),
    ("stories", "story", "stories"),
)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``3 entities`` (with ``words`` given);
    thousands grouped (``12,400 mentions``) so a large corpus's counts read at a glance."""
    shown = f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else str(n)
    return f"{shown} {word if n == 1 else (words or word + 's')}"


def counts_line(stats: Mapping[str, int]) -> str:
    """The one-line summary under the title: documents, entities, mentions, … errors."""
    parts = [
        plural(stats.get("documents", 0), "document"),
        plural(stats.get("entities", 0), "entity", "entities"),
        plural(stats.get("mentions", 0), "mention"),
    ]
    for key, word, words in COUNTED_SECTIONS:
        if stats.get(key):
            parts.append(plural(stats[key], word, words))
    parts.append(plural(stats.get("errors", 0), "error"))
    return " · ".join(parts)


def published_text(doc: Mapping[str, Any]) -> str:
    """The publication date as shown everywhere a reader sees it: ``3 Jun 2024``,
    or ``3 Jun 2024 (inferred)`` (``short_date``; never the raw ISO timestamp)."""
    value = doc.get("published")
    if not value:
        return ""
    day = short_date(value)
    return f"{day} (inferred)" if published_inferred(doc) else day


def published_inferred(doc: Mapping[str, Any]) -> bool:
    """Whether the publication date was inferred from the text below the title."""
    ev = (doc.get("metadata") or {}).get("published") or {}
    return bool(ev.get("inferred"))


def role_date(role: Mapping[str, Any]) -> str:
    """A role entry's date as a reader should take it: "on or after 19 Mar 2022"
    when the document's date only bounds the truth, "undated" when there is none."""
    date = short_date(str(role.get("date") or "")[:10])
    if not date:
        return "undated"
    bound = role.get("date_bound")
    return f"{bound} {date}" if bound else date


def unquoted(text: Any) -> str:
    """The text without the quotation marks (and spaces) around it, for display."""
    return str(text or "").strip(_MARKS)


def enclosed_unquoted(text: Any) -> str:
    """The text without its quotation marks only when it both opens and closes
    with one (``“We are realists,”``), so a quote that merely ends on a quoted
    phrase (``about the "Ukrainian danger"``) keeps its marks balanced."""
    s = str(text or "").strip()
    if s[:1] in _MARKS and s[-1:] in _MARKS:
        return unquoted(s)
    return s


def truncate(text: Any, limit: int = MAX_QUOTE_CHARS) -> str:
    """Whitespace collapsed; cut at a word boundary with "…" past ``limit`` characters."""
    s = " ".join(str(text or "").split())
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "…"


def excerpt(text: Any, limit: int = EXCERPT_CHARS) -> str:
    """Whitespace collapsed; cut before the last word past ``limit`` characters, with "…".

    Shorter and blunter than ``truncate``: for one-line previews in lists.
    """
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def in_text(start: Any, end: Any, n: int) -> bool:
    """A non-empty range inside a text of length ``n`` (so an anchor on it exists)."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


#: Repair indexes of recently seen ``spans`` lists, keyed by ``id``; each entry
#: keeps its list alive, so an id cannot be reused while it is cached.
_REPAIR_CACHE: dict[int, tuple[Any, tuple[list[int], list[tuple[int, int, str]]]]] = {}
_REPAIR_CACHE_SIZE = 256


def repair_index(spans: Any) -> tuple[list[int], list[tuple[int, int, str]]]:
    """A document's spun repairs sorted by start, with their starts apart for
    ``bisect``: built once per ``spans`` list, so showing every quote, claim
    and event of a long spun document costs a lookup each, not a scan of
    every span."""
    key = id(spans)
    hit = _REPAIR_CACHE.get(key)
    if hit is not None and hit[0] is spans:
        return hit[1]
    repairs = sorted(
        (s["start"], s["end"], s["original"])
        for s in spans or []
        if isinstance(s, Mapping)
        and s.get("kind") == "spun"
        and isinstance(s.get("original"), str)
        and isinstance(s.get("start"), int)
        and isinstance(s.get("end"), int)
        and s["start"] < s["end"]
    )
    index = ([r[0] for r in repairs], repairs)
    if len(_REPAIR_CACHE) >= _REPAIR_CACHE_SIZE:
        _REPAIR_CACHE.pop(next(iter(_REPAIR_CACHE)))
    _REPAIR_CACHE[key] = (spans, index)
    return index


def repaired_reading(text: str, spans: Any, start: int, end: int) -> str | None:
    """``text[start:end]`` with each machine-spun word inside it replaced by
    its suggested original (a document's ``spans`` of kind ``spun`` carrying
    ``original``); None when nothing inside is repaired. The input text is
    never changed: this is a reading shown beside it. The dossier-dict twin of
    ``storyline.despin.repair.repaired_slice``: the shared views read only the
    storyline/1 dict, never model types (tests/report/test_report_layout.py)."""
    starts, repairs = repair_index(spans)
    lo = bisect_left(starts, start)
    hi = bisect_left(starts, end, lo)
    parts, pos = [], start
    for s0, s1, original in repairs[lo:hi]:
        if s0 < pos or s1 > end:
            continue  # overlapping suggestions: the first wins; a word cut by the end stays
        parts += [text[pos:s0], original]
        pos = s1
    if not parts:
        return None
    parts.append(text[pos:end])
    out = "".join(parts)
    return out if out != text[start:end] else None


def with_repaired(
    item: dict[str, Any], docs: Mapping[Any, Mapping[str, Any]], limit: int = 0
) -> None:
    """Show a passage record (``doc``, ``start``, ``end``, ``text``) of a spun
    document in its repaired reading: ``text`` becomes the repaired wording
    (cut to ``limit`` characters when given) and ``printed`` keeps the words
    as printed, one click away in both renderings. Unchanged otherwise."""
    doc = docs.get(item.get("doc"))
    start, end = item.get("start"), item.get("end")
    if not doc or not isinstance(start, int) or not isinstance(end, int):
        return
    text = str(doc.get("text") or "")
    if not in_text(start, end, len(text)) or not doc.get("spans"):
        return
    fixed = repaired_reading(text, doc.get("spans"), start, end)
    if fixed is not None:
        item["printed"] = item.get("text")
        item["text"] = truncate(fixed, limit) if limit else fixed


def printed_names(entity: Mapping[str, Any]) -> list[str]:
    """An entity's names as printed in a machine-spun text where it is shown by
    its repaired reading: mention texts that are none of its names ("Wall
    Avenue" for the entity "Wall Street")."""
    names = {a.get("text") for a in entity.get("aliases") or [] if isinstance(a, Mapping)}
    names.add(entity.get("name"))
    seen = dict.fromkeys(
        m.get("text")
        for m in entity.get("mentions") or []
        if isinstance(m, Mapping) and isinstance(m.get("text"), str)
    )
    return [t for t in seen if t not in names]


def flag_notes(entity: Mapping[str, Any]) -> list[str]:
    """Doubts about an entity's name in words ("possibly a mistranslation of …")."""
    out = []
    for f in entity.get("flags") or []:
        if isinstance(f, Mapping) and f.get("kind") == "possible_mistranslation":
            out.append(f"possibly a mistranslation of “{f.get('of')}”: {f.get('note', '')}")
    return out


def name_doubts(entities: Any) -> dict[Any, list[tuple[int, int, str]]]:
    """Document id -> (start, end, words) of each name in doubt there ("“Carmelite”
    is possibly a mistranslation of “Kremlin”"), from the entities' flags, so a
    passage quoted with that name carries the doubt too."""
    out: dict[Any, list[tuple[int, int, str]]] = {}
    for e in entities or []:
        for f in (e.get("flags") or []) if isinstance(e, Mapping) else []:
            if not isinstance(f, Mapping) or f.get("kind") != "possible_mistranslation":
                continue
            start, end = f.get("start"), f.get("end")
            if isinstance(start, int) and isinstance(end, int):
                words = f"“{f.get('text')}” is possibly a mistranslation of “{f.get('of')}”"
                out.setdefault(f.get("doc"), []).append((start, end, words))
    return out


def doubts_within(
    doubts: Mapping[Any, list[tuple[int, int, str]]], doc: Any, start: Any, end: Any
) -> list[str]:
    """The name doubts (``name_doubts``) inside ``doc[start:end]``, once each."""
    if not isinstance(start, int) or not isinstance(end, int):
        return []
    found = (w for s, e, w in doubts.get(doc, ()) if start <= s and e <= end)
    return list(dict.fromkeys(found))


def score_text(value: Any) -> str:
    """A score for display: ``0.93``, ``0.8``, ``1.0``; empty if not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    text = f"{round(float(value), 2):g}"
    return text if "." in text or "e" in text or "n" in text else text + ".0"


def value_text(value: Any) -> str:
    """A record field for display: strings as they are, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def doc_extras(doc: Mapping[str, Any] | None) -> list[str]:
    """What a document label adds after its id: its outlet and publication date, if known."""
    if not doc:
        return []
    return [str(x) for x in (doc.get("outlet"), published_text(doc)) if x]


def source_parts(doc: Mapping[str, Any] | None) -> list[str]:
    """A source as named in "Who said what": its title and outlet, those known."""
    doc = doc or {}
    return [str(x) for x in (doc.get("title"), doc.get("outlet")) if x]


SHORT_TITLE_CHARS = 60  # a document label's title part
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value: Any) -> str:
    """``2022-03-19T21:44:29`` as ``19 Mar 2022`` (unambiguous in every locale);
    a value that is not an ISO date as it is, "" for none."""
    s = str(value or "")
    if len(s) >= 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit():
        try:
            year, month, day = int(s[:4]), int(s[5:7]), int(s[8:10])
        except ValueError:
            return s
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{day} {_MONTHS[month - 1]} {year}"
    return s


def day_range(first: Any, last: Any) -> str:
    """A span of days as the labels write dates: ``19 Mar 2022``, ``25 Nov 2019 –
    2 Apr 2021``, or ``undated``."""
    if not first:
        return "undated"
    if first == last or not last:
        return short_date(first)
    return f"{short_date(first)} – {short_date(last)}"


def _first_line(doc: Mapping[str, Any]) -> str:
    """The first line of the text that is not boilerplate (a title stand-in)."""
    text = str(doc.get("text") or "")
    skipped = [
        (s["start"], s["end"])
        for s in doc.get("spans") or []
        if isinstance(s, Mapping)
        and s.get("kind") == "boilerplate"
        and isinstance(s.get("start"), int)
        and isinstance(s.get("end"), int)
    ]
    pos = 0
    for line in text[:4000].split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line.strip() and not any(a <= start and start + len(line) <= b for a, b in skipped):
            return line.strip()
    return ""


def doc_title(doc: Mapping[str, Any] | None) -> str:
    """What a reader calls a document: its title, else its first line, else its file name."""
    doc = doc or {}
    title = str(doc.get("title") or "").strip() or _first_line(doc)
    if not title:
        source = str(doc.get("source") or "")
        title = source.replace("\\", "/").rsplit("/", 1)[-1] or str(doc.get("id") or "")
    return title


def doc_label(doc: Mapping[str, Any] | None, title_chars: int = SHORT_TITLE_CHARS) -> str:
    """A document as a reader names it: ``outlet · date · short title`` (parts
    that are unknown left out). The hash id is for anchors and tooltips only."""
    doc = doc or {}
    parts = [str(doc.get("outlet") or "").strip(), short_date(doc.get("published"))]
    parts.append(excerpt(doc_title(doc), title_chars))
    return " · ".join(p for p in parts if p) or str(doc.get("id") or "")
