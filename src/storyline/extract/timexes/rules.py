"""Rule tables of the temporal-expression extractor (data only).

Written from general English usage and the TimeML TIMEX3 guidelines (value
formats: ``2022-03-11``, ``2022-W10``, ``2022-W10-WE``, ``2022-Q1``,
``2022-03-11T21:00``, ``P3Y``, ``PT24H``, ``PRESENT_REF``, ``XXXX-WXX-5``).
``find.py`` scans the text with ``RULES``; ``resolve.py`` turns a match into
a value with the resolver its row names. To change behaviour, add or edit a
row here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def alt(words) -> str:
    """A regex alternation of ``words``, longest first (so "sept" beats "sep")."""
    return "|".join(
        sorted((w.replace(".", r"\.").replace(" ", r"\s+") for w in words), key=len, reverse=True)
    )


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
#: Month names that may stand alone ("in March"); a lone one must be
#: capitalised and not a modal ("may") or verb ("march") in the parse.
FULL_MONTHS = tuple(m for m in MONTHS if len(m) > 3 or m == "may")
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: Parts of the day as TIMEX3 time values.
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
#: Day words -> offset in days from the document date (and a part of the day).
DAY_WORDS = {
    "today": (0, None), "yesterday": (-1, None), "tomorrow": (1, None),
    "tonight": (0, "NI"), "overnight": (0, "NI"),
}  # fmt: skip
#: Number words of durations and offsets; "X" is TIMEX3's unspecified number.
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a dozen": 12,
    "several": "X", "a few": "X", "few": "X", "many": "X", "some": "X",
}  # fmt: skip
#: Unit word -> (ISO-8601 designator, multiplier, whether it is a time unit).
#: A quarter is no ISO-8601 duration designator: as a duration it is 3 months
#: ("the next three quarters" -> P9M); as a date shift resolve.py uses quarters.
UNITS = {
    "year": ("Y", 1, False), "month": ("M", 1, False), "week": ("W", 1, False),
    "day": ("D", 1, False), "fortnight": ("W", 2, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "quarter": ("M", 3, False),
    "hour": ("H", 1, True), "minute": ("M", 1, True), "second": ("S", 1, True),
}  # fmt: skip
UNIT_FORMS = tuple(UNITS) + tuple(u + "s" for u in UNITS) + ("centuries",)
#: Relative words before a unit, weekday or month -> direction.
RELATIVE = {
    "last": -1, "past": -1, "previous": -1, "latest": -1,
    "next": 1, "coming": 1, "following": 1, "this": 0, "current": 0,
    "most recent": -1, "preceding": -1,
}  # fmt: skip
#: Words after "N units" -> direction of the shift from the document date.
#: "later" and "before" are TimeML signals, not part of the expression: "three
#: days later" is the duration "three days" (its day is the narrative's, not
#: the document date's).
SHIFTS = {"ago": -1, "earlier": -1, "from now": 1, "hence": 1}
#: Ordinal quarters.
QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
#: Qualifiers kept in the span (TIMEX3 ``mod``); the value is the qualified one's.
QUALIFIERS = (
    "early", "late", "mid", "earlier", "later", "the end of", "the beginning of",
    "the start of", "the middle of", "the first half of", "the second half of",
)  # fmt: skip
#: Approximators and bounds kept in a duration's span (TIMEX3 ``mod`` APPROX,
#: LESS_THAN, MORE_THAN, EQUAL_OR_LESS ...): "nearly two years", "at least 30 days".
APPROX = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "more than",
    "less than", "fewer than", "at least", "at most", "no more than", "no less than",
    "up to", "just over", "just under", "well over",
)  # fmt: skip
#: Vague plural units after these words are general references ("recent years",
#: "these days", "coming months"): TIMEX3 PAST_REF / PRESENT_REF / FUTURE_REF.
VAGUE_UNITS = {
    "recent": "PAST_REF", "past few": "PAST_REF", "last few": "PAST_REF",
    "past several": "PAST_REF", "last several": "PAST_REF",
    "these": "PRESENT_REF", "coming": "FUTURE_REF", "next few": "FUTURE_REF",
    "future": "FUTURE_REF",
}  # fmt: skip
#: Ordinal centuries ("the 20th century" -> "19", TIMEX3's two-digit century).
CENTURIES = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
#: Spoken years ("nineteen ninety-six", "two thousand and two").
YEAR_TENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
YEAR_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
YEAR_CENTURIES = {"nineteen": 19, "eighteen": 18, "twenty": 20}
#: Adjectives the parse may tag DATE that are no TIMEX3 on their own
#: ("a quarterly dividend", "annual sales").
NOT_TIMEX_ENTITIES = frozenset(
    {"quarterly", "annual", "daily", "weekly", "monthly", "yearly", "hourly", "nightly",
     "seasonally", "biweekly", "biannual", "semiannual"}
)  # fmt: skip
#: Words before "a year" that make it a rate ("twice a year"), besides numbers.
RATE_CUES = frozenset({"once", "twice", "thrice", "times", "million", "billion", "dollars"})
#: An age ("52 years old", "a 136-year-old bank") is no temporal expression.
AGE = re.compile(r"[\s-]old$", re.I)
#: Named-entity types of the parse whose words are a name, not a time ("USA
#: Today", the TV show "This Week", "Orion 1980").
NAME_TYPES = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "PERSON", "EVENT", "LAW"})
#: Checks whose refusal also vetoes the parse's DATE entity on the same words.
REFUSING_CHECKS = frozenset({"day_word"})
#: A parse DATE/TIME entity no rule covers is kept only with one of these
#: words (or a year or date-shaped number): "up to 15 million guilders" is none.
TEMPORAL_WORDS = frozenset(
    set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(DAY_PARTS) | set(DAY_WORDS)
    | set(UNIT_FORMS) | {"ago", "weekend", "weekends", "decades", "era", "time", "times",
    "period", "periods", "term", "nights", "eve", "christmas", "easter", "ramadan",
    "thanksgiving", "passover", "hanukkah", "midnight", "noon", "dawn", "dusk",
    "daybreak", "sunset", "sunrise", "mid-afternoon", "yesteryear"}
)  # fmt: skip
#: Words whose following full stop is part of the expression ("Sept.", "p.m.").
DOTTED_ABBREVIATIONS = frozenset(
    {m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july")} | {"m"}
)
#: Rules of a dated day that a weekday before them joins ("Friday, Oct. 13").
DATED_DAY_RULES = frozenset({"month-day", "month-day-year", "day-month", "day-month-year"})
#: A bare plural unit the parse tagged as a date ("for years") is a vague
#: duration (TIMEX3 "PXY"): unit word -> designator.
VAGUE_DURATIONS = {
    "years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "DE",
    "centuries": "CE", "hours": "TH", "minutes": "TM",
}  # fmt: skip
#: Hedges before a bare plural unit, kept in the span ("just hours").
VAGUE_HEDGES = ("just ", "only ", "mere ")
#: General references (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF).
REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the longer term": "FUTURE_REF",
    "a later date": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    # TIDES/TimeML temporal adjectives: "current prices", "recent sales"
    # ("future" alone is left out: mostly "future earnings", no time meant).
    "current": "PRESENT_REF", "recent": "PAST_REF",
}  # fmt: skip
#: Decades in words ("the nineties" -> "199").
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
#: Frequency adverbs (SET) -> value; only as adverbs ("paid quarterly"), not
#: adjectives ("a quarterly dividend" is no TIMEX3).
FREQUENCIES = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip
#: Time zones -> ISO-8601 offset appended to the time value.
ZONES = {
    "GMT": "Z", "UTC": "Z", "Z": "Z", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00", "EST": "-05:00", "EDT": "-04:00",
    "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00",
}  # fmt: skip
#: Clock words -> (hour, minute).
CLOCK_WORDS = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}

# Tense of the verb governing an expression (``resolve.tense``).
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "\u2019ll"})
#: A modal with a bare verb looks ahead ("could fail by Friday", "may close
#: Monday"); with "have" it looks back ("could have failed Friday").
FUTURE_MODALS = frozenset({"could", "may", "might", "should", "must", "can", "would"})
PAST_TAGS = frozenset({"VBD"})
PERFECT_AUX = frozenset({"have", "has", "had"})
#: Parts of speech between an expression and the verb whose tense it takes
#: (a preposition, the expression's own number, name or article).
TENSE_PATH_POS = frozenset({"ADP", "NUM", "PROPN", "DET", "PART"})
#: A date without year or tense is the next occurrence only this near
#: (days after the document date), else the last one (``resolve.likely_year``).
NEAR_FUTURE_DAYS = 120
#: A day at most this far after the document date is taken as ahead even in a
#: past-tense clause (deadlines: "the offer was extended to Nov. 16").
DEADLINE_DAYS = 31
#: A lone year ("1998") counts only in a DATE entity or after one of these.
YEAR_CUES = frozenset(
    {
        "in", "since", "of", "by", "until", "till", "from", "before", "after", "during",
        "through", "to", "and", "or", "fiscal", "year", "early", "late", "mid", "end",
        "start", "spring", "summer", "autumn", "fall", "winter",
    }
)  # fmt: skip
#: Words trimmed from the left of a spaCy entity (TIMEX3 spans leave out the
#: preposition: "on Friday" -> "Friday", "since Feb 24" -> "Feb 24").
LEADING_SIGNALS = frozenset(
    {
        "on", "in", "at", "since", "by", "until", "till", "from", "for", "during",
        "before", "after", "about", "around", "of", "over", "through", "within",
    }
)  # fmt: skip

# ----------------------------------------------------------------- patterns

MONTH = rf"(?P<month>{alt(MONTHS)})\.?"
LONE_MONTH = rf"(?P<month>{alt(FULL_MONTHS)})"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
WEEKDAY = rf"(?P<weekday>{alt(WEEKDAYS)})"
REL = rf"(?P<rel>{alt(RELATIVE)})"
QUAL = rf"(?:(?P<qual>{alt(QUALIFIERS)})(?:\s+|-))?"
APPROXG = rf"(?:(?P<approx>{alt(APPROX)})\s+)?"
#: Number words: "twenty-four", "twenty four" (tens and ones), or a table word.
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUM = rf"(?P<num>\d{{1,3}}(?:\.\d+)?|{TENS}[\s-]{ONES}|{alt(NUMBERS)})"
UNIT = rf"(?P<unit>{alt(UNIT_FORMS)})"
PART = rf"(?P<part>{alt(DAY_PARTS)})"
AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
SPAN = r"(?:the\s+(?P<span>past|last|next|first|coming|previous|following)"
SPAN += r"|past|next|coming|previous|following)"
SEASON = rf"(?:the\s+)?{QUAL}(?:{REL}\s+)?(?P<season>{alt(SEASONS)})(?:\s+(?:of\s+)?{YEAR})?"
#: "the third quarter", "the fiscal first quarter", "this year's third quarter",
#: "the 1988 second quarter"; a hyphened modifier ("third-quarter profit")
#: leaves the article to its noun phrase.
QYEAR = rf"(?:{YEAR}|(?P<qrel>this|last|next)\s+year's|(?P<qago>year-ago|year-earlier))\s+"
QUARTER = rf"(?:(?:the|this)\s+)?(?:fiscal[\s-]+)?(?:{QYEAR})?(?:fiscal[\s-]+)?"
QUARTER += rf"(?P<ord>{alt(QUARTERS)})\s+(?:fiscal\s+)?quarter"
QUARTER += r"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>1[6-9]\d\d|20\d\d))?"
QUARTER_MOD = rf"(?:fiscal[\s-]+)?(?:{QYEAR})?(?:fiscal[\s-]+)?(?P<ord>{alt(QUARTERS)})-quarter"
EVERY = rf"(?:every|each)\s+(?:(?P<num>other|\d+|{alt(NUMBERS)})\s+)?"
EVERY += rf"(?:{UNIT}|{WEEKDAY}|{LONE_MONTH})"
ZONE = rf"(?:\s*(?P<zone>{alt(ZONES)})\b|\s+(?P<local>local time))?"
#: "$2 million a year", "twice a week": a rate is a SET (``find.check`` "rate").
RATE = r"(?:a|an|per)\s+(?P<unit>year|month|week|day|hour|quarter)"
VAGUE = rf"(?P<vague>{alt(VAGUE_UNITS)})\s+(?P<unit>years|months|weeks|days|decades|quarters)"
CENTURY = rf"(?:the\s+)?{QUAL}(?:(?P<cent>\d{{1,2}})(?:st|nd|rd|th)|(?P<centword>{alt(CENTURIES)}))"
CENTURY += r"[\s-]+century"
SPOKEN_YEAR = rf"(?:the\s+year\s+)?(?:(?P<ycent>{alt(YEAR_CENTURIES)})\s+(?:hundred\s+(?:and\s+)?)?"
SPOKEN_YEAR += rf"(?P<ytens>{alt(YEAR_TENS)})(?:[\s-](?P<yones>{alt(YEAR_ONES)}))?"
SPOKEN_YEAR += rf"|two\s+thousand(?:\s+and)?(?:\s+(?P<yk>{alt(YEAR_ONES)}|{alt(YEAR_TENS)}))?)"
SPOKEN_YEAR += rf"(?![\s-]+(?:{alt(UNIT_FORMS)}|thousand|hundred|million)\b)"
#: Periods compared with the one under discussion ("a year earlier", "the
#: year-ago quarter"): TimeBank gives them the granularity of that period.
YEAR_AGO = r"(?:the\s+)?(?:(?:comparable|corresponding|same|prior)\s+)?"
YEAR_AGO += r"(?:year-ago|year-earlier|year\s+ago|year\s+earlier)\s+(?:quarter|period)"
YEAR_AGO += r"|year-ago|year-earlier"  # a modifier leaves the article to its noun
#: "the end of the year", "year-end": the period itself (TIMEX3 mod END is
#: not produced); "the end of the month" -> the document's month.
PERIOD_EDGE = r"(?:the\s+)?(?:end|close|start|beginning|middle)\s+of\s+(?:the|this)\s+"
PERIOD_EDGE += r"(?P<unit>year|month|quarter|week)|(?P<yearend>year[-\s]end|year's\s+end)"
#: "the 1988 quarter": the quarter under discussion, in that year.
YEAR_PERIOD = rf"the\s+{YEAR}\s+(?P<period>quarter|period)"
SAME_PERIOD = r"(?:the\s+)?(?:same|corresponding|comparable)\s+(?:quarter|period)\s+"
SAME_PERIOD += r"(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)|last\s+year's\s+quarter"
THE_QUARTER = r"(?:the|that|the\s+same)\s+(?:fiscal\s+)?quarter(?!-)"
THE_QUARTER += r"|the\s+(?:latest|most\s+recent)\s+(?:fiscal\s+)?period"
FOLLOWING = r"the\s+(?P<rel>following|previous|preceding)\s+(?P<unit>day|month|year)"
FOLLOWING += r"|(?P<that>that|the\s+same)\s+(?P<unit2>day|month|year)"


@dataclass(frozen=True)
class TimexRule:
    """One row: a pattern, the TIMEX3 type it gives and the resolver of its value."""

    name: str  # reported as the record's ``method``
    type: str  # DATE | TIME | DURATION | SET
    pattern: str  # case-insensitive regex with the named groups its resolver reads
    resolver: str  # a function name in ``resolve.RESOLVERS``
    check: str | None = None  # an extra test in ``find.CHECKS`` ("lone_month", "lone_year")


RULES: tuple[TimexRule, ...] = (
    TimexRule("iso-date", "DATE", r"(?P<year>\d{4})-(?P<mm>\d\d)-(?P<dd>\d\d)", "numeric"),
    TimexRule(
        "numeric-date", "DATE", r"(?P<mm>\d{1,2})/(?P<dd>\d{1,2})/(?P<year>\d{4}|\d\d)", "numeric"
    ),
    TimexRule("month-day-year", "DATE", rf"{QUAL}{MONTH}\s+{DAY},?\s+{YEAR}", "calendar"),
    TimexRule("day-month-year", "DATE", rf"{QUAL}{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}", "calendar"),
    TimexRule("month-day", "DATE", rf"{QUAL}{MONTH}\s+{DAY}(?!\d|:\d)", "calendar"),
    TimexRule("day-month", "DATE", rf"{DAY}\s+(?:of\s+)?{MONTH}", "calendar"),
    TimexRule("month-year", "DATE", rf"{QUAL}{MONTH},?\s+(?:of\s+)?{YEAR}", "calendar"),
    TimexRule(
        "month-rel-year",
        "DATE",
        rf"{LONE_MONTH}\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year",
        "calendar",
    ),
    TimexRule("relative-month", "DATE", rf"{QUAL}{REL}\s+{LONE_MONTH}", "calendar"),
    TimexRule("month", "DATE", rf"{QUAL}{LONE_MONTH}", "calendar", check="lone_month"),
    TimexRule(
        "year", "DATE", rf"{QUAL}(?:fiscal\s+)?{YEAR}(?!\s*%)", "calendar", check="lone_year"
    ),
    TimexRule("spoken-year", "DATE", SPOKEN_YEAR, "spoken_year", check="spoken_year"),
    TimexRule("decade", "DATE", rf"(?:the\s+)?{QUAL}(?P<decade>1[6-9]\d|20\d)0'?s", "decade"),
    TimexRule(
        "decade-word",
        "DATE",
        rf"the\s+{QUAL}(?:(?P<dcent>nineteen|eighteen)[\s-]+)?(?P<dword>{alt(DECADE_WORDS)})",
        "decade",
    ),
    TimexRule("century", "DATE", CENTURY, "century"),
    TimexRule("season", "DATE", SEASON, "season", check="season"),
    TimexRule(
        "day-word", "DATE", rf"{QUAL}(?P<dayword>{alt(DAY_WORDS)})", "day_word", check="day_word"
    ),
    TimexRule(
        "day-word-part", "TIME", rf"(?P<dayword>yesterday|tomorrow|today)\s+{PART}", "day_word"
    ),
    TimexRule("this-part", "TIME", rf"(?:{QUAL}(?P<this>this|last)\s+){PART}", "day_part"),
    # "by mid-afternoon", "early morning": a part of the document's day.
    TimexRule("qualified-part", "TIME", rf"(?P<qual>early|late|mid)[\s-]+{PART}", "day_part"),
    TimexRule("weekday", "DATE", rf"{QUAL}(?:{REL}\s+)?{WEEKDAY}", "weekday"),
    TimexRule("weekday-part", "TIME", rf"(?:{REL}\s+)?{WEEKDAY}\s+{PART}", "weekday"),
    TimexRule("weekend", "DATE", rf"(?:{REL}|the)\s+(?P<weekend>weekend)", "weekend"),
    TimexRule(
        "relative-unit",
        "DATE",
        rf"{QUAL}{REL}\s+(?:fiscal\s+)?(?P<unit>week|month|year|quarter)",
        "relative_unit",
    ),
    TimexRule(
        "the-current-unit",
        "DATE",
        rf"the\s+{QUAL}(?P<rel>latest|current|most\s+recent)\s+(?:fiscal\s+)?"
        r"(?P<unit>week|month|year|quarter)",
        "relative_unit",
    ),
    TimexRule("quarter", "DATE", QUARTER, "quarter"),
    TimexRule("quarter-modifier", "DATE", QUARTER_MOD, "quarter"),
    TimexRule("the-quarter", "DATE", THE_QUARTER, "the_quarter"),
    TimexRule("year-ago", "DATE", YEAR_AGO, "year_ago"),
    TimexRule("same-period", "DATE", SAME_PERIOD, "year_ago"),
    TimexRule("year-period", "DATE", YEAR_PERIOD, "year_period"),
    TimexRule("period-edge", "DATE", PERIOD_EDGE, "period_edge"),
    # "the year ended March 31": a fiscal year, a duration (TimeBank usage).
    TimexRule(
        "fiscal-year-ended",
        "DURATION",
        r"the\s+(?:fiscal\s+)?(?P<unit>year)(?=\s+(?:ended|ending)\b)",
        "duration",
    ),
    TimexRule("full-year", "DATE", r"the\s+full(?:\s+fiscal)?\s+(?P<unit>year)", "period_edge"),
    TimexRule("following", "DATE", FOLLOWING, "following"),
    TimexRule("per-unit", "SET", RATE, "set", check="rate"),  # before "a year" durations
    TimexRule("shifted", "DATE", rf"{APPROXG}{NUM}\s+{UNIT}\s+(?P<shift>{alt(SHIFTS)})", "shifted"),
    TimexRule(
        "duration",
        "DURATION",
        rf"{APPROXG}(?:{SPAN}\s+|the\s+)?{NUM}(?:\s+more)?\s+{UNIT}(?!\s+old\b)",
        "duration",
    ),
    TimexRule(
        "duration-the",
        "DURATION",
        rf"the\s+(?P<span>past|last|next|coming)\s+{UNIT}",
        "duration",
        check="singular_unit",
    ),
    TimexRule(
        "duration-adjective",
        "DURATION",
        rf"{NUM}-{UNIT}(?!-old)",
        "duration",
        check="singular_unit",
    ),
    TimexRule("vague", "DATE", VAGUE, "vague"),
    # "as soon as" and "soon after" are conjunctions and signals; "the future
    # of X" is a noun of prospects, not a time.
    TimexRule(
        "reference",
        "DATE",
        rf"(?<!\bas\s)(?P<ref>{alt(REFS)})(?!\s+(?:after|afterwards|as|of)\b)",
        "reference",
    ),
    TimexRule(
        "clock", "TIME", rf"(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*{AMPM})?{ZONE}", "clock"
    ),
    TimexRule("clock-ampm", "TIME", rf"(?P<hh>1[0-2]|0?[1-9])\s*{AMPM}{ZONE}", "clock"),
    TimexRule(
        "clock-military",
        "TIME",
        rf"(?P<hh>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<zone>{alt(ZONES)})\b",
        "clock",
    ),
    TimexRule("clock-word", "TIME", rf"(?P<clockword>{alt(CLOCK_WORDS)}){ZONE}", "clock"),
    TimexRule("every", "SET", EVERY, "set"),
    TimexRule("frequency", "SET", rf"(?P<freq>{alt(FREQUENCIES)})", "set", check="adverb"),
)
