"""Candidate temporal expressions in a parse: the rule table's matches, then
the parse's DATE/TIME entities no rule covers, then clock times joined to an
adjacent day ("10 p.m. Wednesday")."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from storyline.extract.timexes import resolve
from storyline.extract.timexes import rules as R
from storyline.extract.timexes.prefilter import Needs, can_match, needed

ENTITY_TYPES = {"DATE": "DATE", "TIME": "TIME"}
#: Between a clock time and its day ("noon Thursday", "Friday, 21:00").
#: A parse entity is kept only if it has a letter, or a date separator.
NER_SHAPE = re.compile(r"[^\W\d_]|\d[/-]\d")
JOINER = re.compile(r"[ \t]*,?[ \t]*")
WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
YEARISH = re.compile(r"\b(?:1[6-9]|20)\d\d\b|\d[/-]\d|'\d\ds\b")


@dataclass
class Found:
    """One expression in the parsed text (offsets into ``doc.text``)."""

    start: int
    end: int
    type: str
    value: str | None
    method: str
    relative: bool  # its value needs the anchor
    groups: dict[str, str | None] | None = None  # for a context resolver's second pass
    tense: str | None = None


@cache
def compiled() -> tuple[tuple[R.TimexRule, re.Pattern[str]], ...]:
    # Matched case-sensitively on lower-cased text: several times faster than
    # re.I over the same alternations (checks read capitals from the original).
    return tuple(
        (rule, re.compile(rf"(?<![\w-])(?:{lower_pattern(rule.pattern)})(?![\w])"))
        for rule in R.RULES
    )


@cache
def rule_needs() -> tuple[Needs, ...]:
    """Per rule of ``compiled()``, strings one of which each of its matches contains."""
    return tuple(needed(pattern.pattern) for _, pattern in compiled())


def lower_pattern(pattern: str) -> str:
    """``pattern`` for lower-cased text: its literals lower-cased, its syntax kept."""
    if re.search(r"\\[A-Z]", pattern):
        raise ValueError(f"upper-case escape in {pattern!r}")
    return pattern.lower().replace("(?p<", "(?P<")


#: ASCII upper -> lower case: the same length, so offsets hold.
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Tokens:
    """Token lookup by character offset."""

    def __init__(self, doc, text: str) -> None:
        self.doc = doc
        self.text = text  # the original (not lower-cased) text
        self.starts = [t.idx for t in doc]
        #: Spans a rule matched but its check refused ("USA Today"): the
        #: parse's entity there is not taken either.
        self.refused: list[tuple[int, int]] = []

    def at(self, char: int):
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[max(i, 0)] if len(self.doc) else None

    def before(self, char: int):
        i = bisect.bisect_left(self.starts, char) - 1
        return self.doc[i] if i >= 0 else None


def check(name: str | None, m: re.Match[str], tokens: Tokens) -> bool:
    if name is None:
        return True
    g = m.groupdict()
    if name == "lone_month":
        tok = tokens.at(m.start("month"))
        return tokens.text[m.start("month")].isupper() and (tok is not None and tok.tag_ != "MD")
    if name == "lone_year":
        tok, prev = tokens.at(m.start("year")), tokens.before(m.start())
        return (
            bool(g.get("qual"))
            or (tok is not None and tok.ent_type_ == "DATE")
            or (prev is not None and prev.lower_ in R.YEAR_CUES)
        )
    if name == "season":
        prev = tokens.before(m.start())
        tok = tokens.at(m.start("season"))
        return (tok is None or tok.pos_ != "VERB") and bool(
            g.get("rel")
            or g.get("year")
            or g.get("qual")
            or (prev is not None and prev.lower_ in R.YEAR_CUES)
        )
    if name == "adverb":
        tok = tokens.at(m.start())
        return tok is None or tok.pos_ != "ADJ"
    if name == "spoken_year":
        tok, prev = tokens.at(m.start()), tokens.before(m.start())
        return (
            m.group().lower().startswith("the")
            or (tok is not None and tok.ent_type_ == "DATE")
            or (prev is not None and prev.lower_ in R.YEAR_CUES)
        )
    if name == "day_word":
        # A capitalised "Today" right after a name is a title ("USA Today").
        prev = tokens.before(m.start("dayword"))
        capital = tokens.text[m.start("dayword")].isupper()
        return not (capital and prev is not None and prev.pos_ == "PROPN" and not prev.is_sent_end)
    if name == "rate":
        # "$2 million a year", "twice a year", "four flights a week"
        prev = tokens.before(m.start())
        return prev is not None and (
            prev.like_num or prev.lower_ in R.RATE_CUES or prev.tag_ == "NNS"
        )
    if name == "singular_unit":
        return not (g.get("unit") or "").lower().endswith("s")
    raise ValueError(f"unknown check {name!r}")


def end_of(m: re.Match[str]) -> int:
    """The match's end, less a final full stop that ends the sentence rather
    than an abbreviation ("on 17 September." vs "Sept." and "p.m.")."""
    end = m.end()
    if m.group().endswith("."):
        word = re.search(r"(\w+)\.$", m.group())
        if word is None or word.group(1).lower() not in R.DOTTED_ABBREVIATIONS:
            return end - 1
    return end


def in_name(m: re.Match[str], tokens: Tokens) -> bool:
    """Whether the match is part of a name ("USA Today", ABC's "This Week")."""
    first, last = tokens.at(m.start()), tokens.at(max(m.end() - 1, m.start()))
    return any(t is not None and t.ent_type_ in R.NAME_TYPES for t in (first, last))


def anchor_date(*candidates: str | None) -> tuple[dt.date | None, str | None]:
    """The first candidate that is an ISO date (time of day ignored), with its text."""
    for c in candidates:
        if c:
            try:
                return dt.date.fromisoformat(c.strip()[:10]), c.strip()[:10]
            except ValueError:
                continue
    return None, None


def rule_matches(text: str, tokens: Tokens, anchor: dt.date | None) -> list[Found]:
    found: list[tuple[int, int, Found]] = []
    lowered = text.translate(ASCII_LOWER)
    for order, ((rule, pattern), needs) in enumerate(zip(compiled(), rule_needs(), strict=True)):
        if not can_match(needs, lowered):
            continue  # no match possible: the scan would find nothing
        for m in pattern.finditer(lowered):
            if in_name(m, tokens) or not check(rule.check, m, tokens):
                if rule.check in R.REFUSING_CHECKS:
                    tokens.refused.append(m.span())
                continue
            groups = m.groupdict()
            tense = resolve.tense(tokens.at(m.start())) if len(tokens.doc) else None
            if rule.resolver in resolve.CONTEXT_RESOLVERS:
                f = Found(m.start(), m.end(), rule.type, None, rule.name, True, groups, tense)
                f.method = rule.resolver  # resolved in context (``in_context``)
                f.groups = {**groups, "_rule": rule.name}
                found.append((-(m.end() - m.start()), order, f))
                continue
            fn = resolve.RESOLVERS[rule.resolver]
            relative = False
            try:
                value: str | None = fn(groups, anchor, tense)
                if anchor is not None:
                    try:
                        fn(groups, None, tense)
                    except resolve.NeedsAnchor:
                        relative = True
            except resolve.NeedsAnchor:
                value, relative = None, True
            except (ValueError, KeyError):
                continue
            f = Found(m.start(), end_of(m), rule.type, value, rule.name, relative)
            found.append((-(f.end - f.start), order, f))
    taken = select([f for _, _, f in sorted(found, key=lambda x: (x[0], x[1], x[2].start))])
    return in_context(taken, anchor)


def in_context(found: list[Found], anchor: dt.date | None) -> list[Found]:
    """Values of the context resolvers, in text order: each sees the periods
    named before it (``resolve.Focus``)."""
    focus = resolve.Focus()
    for f in found:
        if f.groups is not None:
            groups = dict(f.groups)
            rule = groups.pop("_rule")
            fn = resolve.CONTEXT_RESOLVERS[f.method]
            try:
                f.value = fn(groups, anchor, f.tense, focus)
            except (resolve.NeedsAnchor, ValueError, KeyError):
                f.value = None
            f.method = str(rule)
            continue  # a compared period ("a year earlier") is not the one discussed
        focus.update(f.value if f.type == "DATE" else None)
    return found


def select(ordered: list[Found]) -> list[Found]:
    """Non-overlapping expressions, the first of ``ordered`` winning."""
    taken: list[Found] = []
    for f in ordered:
        if not any(f.start < t.end and t.start < f.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def entity_matches(
    doc, text: str, taken: list[Found], refused: list[tuple[int, int]] = ()
) -> list[Found]:
    """The parse's DATE/TIME entities that no rule match overlaps, without a
    leading preposition: found, typed, unresolved."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        toks = [t for t in ent if not t.is_space]
        while toks and (toks[0].lower_ in R.LEADING_SIGNALS or toks[0].is_punct):
            toks.pop(0)
        while toks and toks[-1].is_punct:
            toks.pop()
        if not toks or any(t.is_space for t in toks):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if not NER_SHAPE.search(text, start, end):
            continue  # a bare number ("58", "80486") the parse took for a date
        words = set(WORD.findall(text[start:end].lower()))
        if not (words & R.TEMPORAL_WORDS or YEARISH.search(text, start, end)):
            continue  # "up to 15 million guilders": no time word
        if any(start < t.end and t.start < end for t in taken):
            continue
        if any(start < b and a < end for a, b in refused):
            continue
        words = text[start:end].lower()
        if words in R.NOT_TIMEX_ENTITIES or R.AGE.search(words):
            continue
        for hedge in R.VAGUE_HEDGES:
            words = words.removeprefix(hedge)
        unit = R.VAGUE_DURATIONS.get(words)
        if unit is not None:  # "for years", "within hours" -> PXY, PTXH
            value = f"PTX{unit[1:]}" if unit.startswith("T") else f"PX{unit}"
            out.append(Found(start, end, "DURATION", value, "ner-vague", False))
            continue
        out.append(Found(start, end, ENTITY_TYPES[ent.label_], None, "ner", True))
    return out


def join_weekday_dates(text: str, found: list[Found]) -> list[Found]:
    """A weekday before its date ("Friday, Oct. 13") is one DATE, the date's value
    (TimeML spans the whole expression)."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.method == "weekday"
            and f.method in R.DATED_DAY_RULES
            and JOINER.fullmatch(text, prev.end, f.start)
        ):
            out[-1] = Found(prev.start, f.end, "DATE", f.value, f"weekday+{f.method}", f.relative)
            continue
        out.append(f)
    return out


def join_clock_times(text: str, found: list[Found]) -> list[Found]:
    """A clock time next to a resolved day becomes one TIME on that day."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and JOINER.fullmatch(text, a.end, b.start):
            clock, day = (a, b) if a.method.startswith("clock") else (b, a)
            if (
                clock.method.startswith("clock")
                and day.type == "DATE"
                and day.value is not None
                and len(day.value) == 10
                and clock.value is not None
            ):
                value = day.value + clock.value[10:]
                out.append(
                    Found(a.start, b.end, "TIME", value, f"{clock.method}+{day.method}", True)
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out
