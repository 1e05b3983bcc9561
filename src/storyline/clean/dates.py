"""Publication date from an explicit dateline in the text.

Only a line that *is* a dateline counts: the whole line is a date (optionally
with a weekday and a time-zone abbreviation), or a label such as
"Published:" / "Updated:" followed by a date. A date inside a sentence or an
embedded tweet is not a publication date and is never used here.

The formats are data (:data:`DATE_RULES`): a regex for the date itself and
the ``strptime`` formats that read it after light normalisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storyline.clean.rules import MONTH_PATTERN, WEEKDAY_PATTERN, ZONE_PATTERN
from storyline.clean.textdates import find_in_text
from storyline.model import Evidence, RawDocument, Span


@dataclass(frozen=True)
class DateRule:
    name: str
    pattern: str  # the date (without label / weekday / zone), case-insensitive
    formats: tuple[str, ...]  # strptime formats tried on the normalised match
    has_time: bool
    note: str = ""


_MONTH = MONTH_PATTERN
_TIME12 = r"\d{1,2}(?:[:.]\d{2}){1,2}\s*[ap]\.?\s?m\.?"
_TIME24 = r"\d{1,2}:\d{2}(?::\d{2})?"
_SEP = r"(?:,?\s+(?:at\s+)?|\s*[|•·-]\s*)"  # between the date and its time

DATE_RULES: tuple[DateRule, ...] = (
    DateRule(
        "iso-8601",
        r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
        ("iso",),
        has_time=True,
        note="2022-03-11T14:34:00Z",
    ),
    DateRule(
        "us-numeric-12h",
        r"\d{1,2}/\d{1,2}/\d{4}" + _SEP + _TIME12,
        ("%m/%d/%Y %I:%M:%S%p", "%m/%d/%Y %I:%M%p"),
        has_time=True,
        note="3/19/2022, 9:44:29 PM",
    ),
    DateRule(
        "us-numeric-24h",
        r"\d{1,2}/\d{1,2}/\d{4}" + _SEP + _TIME24,
        ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"),
        has_time=True,
        note="3/19/2022 21:44",
    ),
    DateRule(
        "us-numeric-date",
        r"\d{1,2}/\d{1,2}/\d{4}",
        ("%m/%d/%Y",),
        has_time=False,
        note="3/19/2022 (month first, as US sites print it)",
    ),
    DateRule(
        "month-day-year-12h",
        _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + _SEP + _TIME12,
        ("%B %d %Y %I:%M%p", "%b %d %Y %I:%M%p", "%B %d %Y %I:%M:%S%p", "%b %d %Y %I:%M:%S%p"),
        has_time=True,
        note="March 11, 2022 2:34pm",
    ),
    DateRule(
        "month-day-year-24h",
        _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + _SEP + _TIME24,
        ("%B %d %Y %H:%M", "%b %d %Y %H:%M", "%B %d %Y %H:%M:%S", "%b %d %Y %H:%M:%S"),
        has_time=True,
        note="March 11, 2022 14:34",
    ),
    DateRule(
        "month-day-year",
        _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
        ("%B %d %Y", "%b %d %Y"),
        has_time=False,
        note="Mar. 11, 2022",
    ),
    DateRule(
        "day-month-year-time",
        r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}" + _SEP + _TIME24,
        ("%d %B %Y %H:%M", "%d %b %Y %H:%M", "%d %B %Y %H:%M:%S", "%d %b %Y %H:%M:%S"),
        has_time=True,
        note="11 March 2022 14:34",
    ),
    DateRule(
        "day-month-year",
        r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}",
        ("%d %B %Y", "%d %b %Y"),
        has_time=False,
        note="11 March 2022",
    ),
)

#: Labels that may precede a dateline, and whether they give the publication
#: ("published") or a later revision ("updated").
LABELS: tuple[tuple[str, str], ...] = (
    (r"first published(?: on| at)?", "published"),
    (r"published(?: on| at)?", "published"),
    (r"posted(?: on| at)?", "published"),
    (r"date", "published"),
    (r"last updated(?: on| at)?", "updated"),
    (r"updated(?: on| at)?", "updated"),
    (r"last modified(?: on| at)?", "updated"),
    (r"modified(?: on| at)?", "updated"),
)
_WEEKDAY = WEEKDAY_PATTERN
_ZONE = ZONE_PATTERN


def _line_regex(rule: DateRule) -> re.Pattern[str]:
    labels = "|".join(f"(?:{p})" for p, _ in LABELS)
    return re.compile(
        rf"^\s*(?:(?P<label>{labels})\s*:?\s*)?{_WEEKDAY}?(?P<date>{rule.pattern})(?:\s*\(?(?P<zone>{_ZONE})\)?)?\s*$",
        re.I,
    )


_LINE_REGEXES = tuple((rule, _line_regex(rule)) for rule in DATE_RULES)


@dataclass(frozen=True)
class Dateline:
    value: str  # ISO 8601
    role: str  # "published" or "updated"
    rule: str
    zone: str | None = None  # a printed time-zone abbreviation (not applied to value)


def _normalise(text: str) -> str:
    t = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    t = re.sub(r"\s*[|•·]\s*|\s+-\s+", " ", t)
    t = re.sub(r"\bat\b", " ", t, flags=re.I)
    t = t.replace(",", " ")
    t = re.sub(r"([ap])\.?\s?m\.?$", r"\1m", t, flags=re.I)  # p.m. -> pm
    t = re.sub(r"(\d{1,2})\.(\d{2})(?=\s*[ap]m$)", r"\1:\2", t, flags=re.I)  # 2.34pm
    t = re.sub(r"\s+(?=[ap]m$)", "", t, flags=re.I)
    t = re.sub(r"\b([A-Za-z]{3,9})\.", r"\1", t)  # Mar. -> Mar
    t = re.sub(r"\bSept\b", "Sep", t, flags=re.I)
    return re.sub(r"\s+", " ", t).strip()


def _parse(rule: DateRule, text: str) -> str | None:
    if rule.formats == ("iso",):
        try:
            dt = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            return None
        return dt.isoformat() if "T" in text or " " in text else dt.date().isoformat()
    norm = _normalise(text)
    for fmt in rule.formats:
        try:
            dt = datetime.strptime(norm, fmt)
        except ValueError:
            continue
        return dt.isoformat() if rule.has_time else dt.date().isoformat()
    return None


def parse_dateline(line: str) -> Dateline | None:
    """The date of a line that is entirely a dateline, else None."""
    if len(line) > 80:
        return None
    for rule, rx in _LINE_REGEXES:
        m = rx.match(line)
        if not m:
            continue
        value = _parse(rule, m.group("date"))
        if value is None:
            continue
        role = "published"
        label = (m.group("label") or "").lower()
        for pattern, label_role in LABELS:
            if label and re.fullmatch(pattern, label):
                role = label_role
                break
        zone = m.group("zone")
        return Dateline(value=value, role=role, rule=rule.name, zone=zone.upper() if zone else None)
    return None


def normalise_date(value: str) -> str:
    """Container dates ("2022-03-11T14:34:00Z", "March 11, 2022") as ISO; else unchanged."""
    found = parse_dateline(value.strip())
    return found.value if found else value.strip()


def find_published(text: str, spans: list[Span], raw: RawDocument) -> Evidence | None:
    """Publication date: an explicit dateline, else the container's date, else weaker
    evidence in the text (:mod:`storyline.clean.textdates`), else None."""
    published = updated = None
    for span in spans:
        if span.kind != "boilerplate" or span.attrs.get("category") != "dateline":
            continue
        found = parse_dateline(text[span.start : span.end])
        if found is None:
            continue
        if found.role == "published" and published is None:
            published = (found, span)
        elif found.role == "updated" and updated is None:
            updated = (found, span)
    if published:
        found, span = published
        method = "dateline"
        if found.zone:
            method += f"; zone={found.zone} (not applied)"
        if updated:
            method += f"; updated={updated[0].value}"
        return Evidence(value=found.value, method=method, start=span.start, end=span.end)
    if updated:
        # Only a revision date is printed: publication was at or before it.
        found, span = updated
        return Evidence(
            value=found.value,
            method="dateline-updated (publication at or before)",
            start=span.start,
            end=span.end,
            inferred=True,
        )
    if raw.published:
        return Evidence(value=normalise_date(raw.published), method=container_method(raw))
    # weaker evidence in the text, always below a dateline and the container
    return find_in_text(text, spans)


def container_method(raw: RawDocument) -> str:
    """How a value given by the container was stated."""
    fmt = (raw.format or "").lower()
    if fmt in ("json", "jsonl", "ndjson"):
        return "json"
    if fmt in ("feed", "rss", "atom"):
        return "feed"
    if fmt in ("txt", "md"):
        return "index"  # a text file states nothing itself: an index record beside it did
    return "html-meta"
