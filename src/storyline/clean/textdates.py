"""Publication date from weaker evidence in the text, below datelines and metadata.

Used only when the document has neither a dateline (:mod:`storyline.clean.dates`)
nor a date from its container. Each kind of evidence is a row of
:data:`TEXT_DATE_RULES`, tried in order; the first row that finds a date gives
the document's ``published`` evidence, always ``inferred=True``, with the
characters it was read from and a per-row ``confidence``.

``relation`` says what the found date tells about publication:

``on``           the page says it was published then ("Published 3 March 2022 | ...");
``at or before`` a revision date ("Updated 11:24 AM ET, Fri March 11, 2022");
``at or after``  a date the article already knows: an embedded post it quotes,
                 or an event it refers to as past. Of several, the latest counts.

The confidences are documented constants, one per row, ordered by how directly
the evidence speaks of publication. They are **not calibrated** probabilities.

The last row ("past-date") is deliberately conservative. It takes only a full
date written with a month name (day, month and year: "March 15, 2022",
"15 March 2022"; numeric dates such as 3/4/2022 are ambiguous and skipped) in
an article line that is not boilerplate, and only when its sentence

* has a past-tense cue (:data:`PAST_CUES`, or a lower-case word in "-ed" that
  is not in :data:`NOT_PAST_ED`), and
* has no cue of a future, planned or possible event (:data:`FUTURE_CUES`), and
* has no clock time ("At 4:28 pm on 26 Jun 2009, X wrote": the time stamp of a
  reader's comment, an embedded post or a print-edition note, which may be
  later than the article), and
* the date is not introduced by a deadline word (:data:`DEADLINE_WORDS`:
  "by", "until", "before", ...).

The latest such date is a lower bound of the publication date: the text speaks
of that day as past. It is dropped when an article line names a later year
("in 2011" beside "the September 11, 2001 attacks"): an old date that is the
only full one says little about when the article was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storyline.clean.rules import MONTH_PATTERN, WEEKDAY_PATTERN, ZONE_PATTERN
from storyline.model import Evidence, Span

_MONTH = MONTH_PATTERN
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: A full date with a month name, either order ("March 15, 2022", "15 March 2022");
#: a space before the comma is allowed (tokenised text: "Mar 2 , 2009").
FULL_DATE = (
    rf"(?<![\w/-])(?:{_MONTH}\s+{_DAY}\s*,?\s+\d{{4}}|{_DAY}\s+{_MONTH}\s*,?\s+\d{{4}})(?![\w/-])"
)
_ISO_DATE = r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?"
_ZONE = ZONE_PATTERN
_WEEKDAY = WEEKDAY_PATTERN
#: Where a label may stand in a line: its start, or after a separator ("By X | Updated ...").
_LABEL_START = r"(?:^|[|•·—–]\s*|\s-\s+)"
#: Between a label and its date: "on", ":", and optionally a time and zone first.
_LABEL_GAP = rf"(?:\s+(?:on|at))?\s*:?\s*(?:{_TIME}\s*{_ZONE}?\s*,?\s*)?{_WEEKDAY}?"


@dataclass(frozen=True)
class TextDateRule:
    name: str  # the Evidence.method
    pattern: str  # searched in one line; group "date" is the date
    relation: str  # "on", "at or before", "at or after"
    confidence: float  # documented constant, not calibrated
    pick: str = "first"  # "first" match in text order, or the "latest" date
    max_words: int | None = None  # the line has at most this many words
    past_only: bool = False  # the date's sentence must speak of it as past
    flags: int = re.I
    note: str = ""


TEXT_DATE_RULES: tuple[TextDateRule, ...] = (
    TextDateRule(
        "published-line",
        _LABEL_START
        + r"(?:first\s+)?(?:published|posted)"
        + _LABEL_GAP
        + rf"(?P<date>{FULL_DATE}|{_ISO_DATE})",
        relation="on",
        confidence=0.7,
        max_words=25,
        note="a short line with a 'Published'/'Posted' label and more than the date: "
        "'By Jane Roe | Published 3 March 2022, 14:00 GMT'",
    ),
    TextDateRule(
        "updated-line",
        _LABEL_START
        + r"(?:last\s+)?(?:updated|modified)"
        + _LABEL_GAP
        + rf"(?P<date>{FULL_DATE}|{_ISO_DATE})",
        relation="at or before",
        confidence=0.5,
        max_words=25,
        note="a short line with an 'Updated' label: 'Updated 11:24 AM EST, Fri March 11, 2022'",
    ),
    TextDateRule(
        "embedded-post",
        rf"^[—–-]+\s*.{{1,80}}\(@\w{{1,30}}\)\s+(?P<date>{FULL_DATE})\s*$",
        relation="at or after",
        confidence=0.5,
        pick="latest",
        note="the date line of an embedded tweet: '— Name (@handle) March 19, 2022'",
    ),
    TextDateRule(
        "embedded-post-shared",
        rf"^a (?:post|video|photo|reel) shared by .{{1,80}}\(@[\w.]{{1,30}}\)\s+on\s+"
        rf"(?P<date>{FULL_DATE})",
        relation="at or after",
        confidence=0.5,
        pick="latest",
        note="an embedded Instagram post: 'A post shared by Name (@handle) on Mar 19, 2022 at ...'",
    ),
    TextDateRule(
        "past-date",
        rf"(?P<date>{FULL_DATE})",
        relation="at or after",
        confidence=0.3,
        pick="latest",
        past_only=True,
        flags=0,  # month names capitalised: "may 3 2022" is not a date
        note="the latest full date an article sentence speaks of as past",
    ),
)

#: Irregular past-tense forms (and "ago") that make a sentence speak of the past.
PAST_CUES: tuple[str, ...] = (
    "was", "were", "had", "did", "said", "told", "began", "took", "came", "went", "made",
    "gave", "saw", "met", "left", "held", "fell", "rose", "won", "lost", "sent", "struck",
    "wrote", "spoke", "ran", "became", "brought", "built", "caught", "chose", "drove",
    "fled", "flew", "fought", "found", "got", "grew", "kept", "knew", "led", "paid", "sold",
    "shot", "stood", "sought", "swore", "taught", "thought", "threw", "ago", "broke", "spent",
)  # fmt: skip

#: Words in "-ed" that are not past-tense verbs, or that speak of a planned event.
NOT_PAST_ED: tuple[str, ...] = (
    "need", "speed", "indeed", "seed", "feed", "breed", "bleed", "proceed", "succeed",
    "exceed", "hundred", "red", "bed", "shed", "wed", "sacred", "naked", "wicked",
    "based", "expected", "scheduled", "planned", "slated", "proposed", "intended",
    "anticipated", "projected", "predicted", "forecasted", "supposed", "embed",
)  # fmt: skip

#: Cues of a future, planned, conditional or possible event: such a sentence is skipped.
FUTURE_CUES: tuple[str, ...] = (
    "will", "would", "shall", "may", "might", "could", "can", "should", "must", "won't",
    "'ll", "’ll", "expected", "expects", "scheduled", "planned", "plans", "plan", "slated",
    "due", "upcoming", "next", "set to", "going to", "aims", "intends", "deadline",
    "proposed", "forecast", "predicted", "if", "unless", "starting", "effective",
)  # fmt: skip

#: Words that make the date a deadline or the end of a range, not a day that happened.
DEADLINE_WORDS: tuple[str, ...] = (
    "by", "until", "till", "before", "through", "to", "ahead of", "no later than",
    "on or before", "expires", "expiring",
)  # fmt: skip


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PAST_RX = re.compile(
    rf"\b(?:{_words(PAST_CUES)})\b|\b(?!(?:{_words(NOT_PAST_ED)})\b)[a-z]{{2,}}ed\b"
)
_FUTURE_RX = re.compile(rf"(?<![\w’'])(?:{_words(FUTURE_CUES)})(?![\w’'])", re.I)
_DEADLINE_RX = re.compile(rf"\b(?:{_words(DEADLINE_WORDS)})\s*,?\s*(?:the\s+)?{_WEEKDAY}?$", re.I)
#: A clock time: a sentence with one is a page element's time stamp (a reader's
#: comment, an embedded post, a print-edition note), not an article sentence.
_CLOCK_RX = re.compile(
    rf"\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}[.:]\d{{2}}\s*(?:[ap]\.?\s?m\b|{_ZONE}\b)", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]*[A-Z0-9])")
_COMPILED: dict[str, re.Pattern[str]] = {}


def _regex(rule: TextDateRule) -> re.Pattern[str]:
    if rule.name not in _COMPILED:
        _COMPILED[rule.name] = re.compile(rule.pattern, rule.flags)
    return _COMPILED[rule.name]


def parse_full_date(text: str) -> str | None:
    """ISO date (YYYY-MM-DD) of a full written date ("Mar. 2 , 2009", "15th March 2022")."""
    t = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    t = re.sub(r"[.,]", " ", t)
    t = re.sub(r"\bSept\b", "Sep", t, flags=re.I)
    t = re.sub(r"\s+", " ", t).strip()
    for fmt in ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(t, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def speaks_of_past(sentence: str, date_start: int) -> bool:
    """Does ``sentence`` speak of the date starting at ``date_start`` as past?"""
    if _FUTURE_RX.search(sentence) or _CLOCK_RX.search(sentence):
        return False
    if _DEADLINE_RX.search(sentence[:date_start]):
        return False
    return _PAST_RX.search(sentence) is not None


def _lines(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, line) of every non-empty line of ``text`` not covered by ``skip``."""
    out, pos = [], 0
    for chunk in text.split("\n"):
        start, end = pos, pos + len(chunk)
        pos = end + 1
        if chunk.strip() and not any(s <= start and end <= e for s, e in _trimmed(skip, text)):
            out.append((start, chunk))
    return out


def _trimmed(skip: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    # a span covers a line's visible characters: widen it to the whole line
    out = []
    for s, e in skip:
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        out.append((ls, len(text) if le < 0 else le))
    return out


def _matches(rule: TextDateRule, offset: int, line: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each date the rule finds in one line."""
    if rule.max_words is not None and len(line.split()) > rule.max_words:
        return []
    found = []
    rx = _regex(rule)
    parts = [(0, line)]
    if rule.past_only:
        cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(line)), len(line)]
        parts = [(a, line[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    for base, part in parts:
        for m in rx.finditer(part):
            if rule.past_only and not speaks_of_past(part, m.start("date")):
                continue
            value = parse_full_date(m.group("date"))
            if value is None:
                continue
            if rule.past_only:  # the date itself
                found.append(
                    (offset + base + m.start("date"), offset + base + m.end("date"), value)
                )
            else:  # the whole line that states it
                lead = len(line) - len(line.lstrip())
                found.append((offset + lead, offset + len(line.rstrip()), value))
    return found


_YEAR_RX = re.compile(r"(?<![\w/.-])(?:19|20)\d{2}(?![\w/-])")


def _latest_year(lines: list[tuple[int, str]]) -> int:
    return max((int(m.group()) for _, ln in lines for m in _YEAR_RX.finditer(ln)), default=0)


def find_in_text(
    text: str, spans: list[Span], rules: tuple[TextDateRule, ...] = TEXT_DATE_RULES
) -> Evidence | None:
    """Publication-date evidence from the first rule that finds a date, else None."""
    boilerplate = [(s.start, s.end) for s in spans if s.kind == "boilerplate"]
    all_lines = _lines(text, [])
    article_lines = _lines(text, boilerplate)
    for rule in rules:
        lines = article_lines if rule.past_only else all_lines
        found = [hit for off, ln in lines for hit in _matches(rule, off, ln)]
        if not found:
            continue
        start, end, value = max(found, key=lambda h: h[2]) if rule.pick == "latest" else found[0]
        if rule.past_only and _latest_year(article_lines) > int(value[:4]):
            continue
        method = (
            rule.name if rule.relation == "on" else f"{rule.name} (publication {rule.relation})"
        )
        return Evidence(
            value=value,
            method=method,
            start=start,
            end=end,
            inferred=True,
            confidence=rule.confidence,
        )
    return None
