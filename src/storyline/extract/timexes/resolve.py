"""TIMEX3 values of matched expressions, against the document date.

A resolver takes the match's named groups, the anchor date (or None) and the
tense of the governing verb ("past" | "future" | None) and returns the value.
One that needs the anchor raises ``NeedsAnchor`` when there is none: the
expression is kept, unresolved, with value None. A value that makes no sense
(month 13) raises ``ValueError`` and the match is dropped. A context
resolver (``CONTEXT_RESOLVERS``) also gets the ``Focus``: the periods the
text named before the expression (TimeML's temporal focus).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.extract.timexes import rules as R

Groups = dict[str, str | None]


class NeedsAnchor(Exception):
    """The expression is relative and the document has no date."""


@dataclass
class Focus:
    """The last year, month, day and quarter the text named, so far: the
    period under discussion that "the quarter" or "a year earlier" refers to."""

    year: str | None = None
    month: str | None = None
    day: str | None = None
    quarter: str | None = None

    def update(self, value: str | None) -> None:
        if not value or not value[:4].isdigit():
            return
        if QUARTER_VALUE.fullmatch(value):
            self.year, self.quarter = value[:4], value
        elif DAY_VALUE.fullmatch(value[:10]):
            self.year, self.month, self.day = value[:4], value[:7], value[:10]
        elif MONTH_VALUE.fullmatch(value):
            self.year, self.month = value[:4], value
        elif len(value) == 4:
            self.year = value


QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
MONTH_VALUE = re.compile(r"\d{4}-\d\d")


def need(anchor: dt.date | None) -> dt.date:
    if anchor is None:
        raise NeedsAnchor
    return anchor


def low(groups: Groups, name: str) -> str | None:
    v = groups.get(name)
    return " ".join(v.lower().split()) if v else None


def full_year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n < 50 else 1900 + n
    return n


def ymd(y: int, m: int, d: int | None = None) -> str:
    if d is None:
        dt.date(y, m, 1)
        return f"{y:04d}-{m:02d}"
    return dt.date(y, m, d).isoformat()


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter(y: int, q: int) -> str:
    return f"{y:04d}-Q{q}"


def add_months(d: dt.date, n: int) -> tuple[int, int]:
    m = d.year * 12 + d.month - 1 + n
    return m // 12, m % 12 + 1


def direction(groups: Groups, tense: str | None) -> int:
    """-1 (before the anchor), 0 or +1 from a relative word, else from the tense."""
    rel = low(groups, "rel")
    if rel in R.RELATIVE:
        return R.RELATIVE[rel]
    return 1 if tense == "future" else -1


# ---------------------------------------------------------------- resolvers


def numeric(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    y, a, b = full_year(g["year"] or ""), int(g["mm"] or 0), int(g["dd"] or 0)
    if a > 12 >= b:  # 19/3/2022: day first
        a, b = b, a
    return ymd(y, a, b)


def calendar(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    month = R.MONTHS[low(g, "month")] if g.get("month") else None
    day = int(g["day"]) if g.get("day") else None
    if g.get("year"):
        y = int(g["year"] or 0)
        return str(y) if month is None else ymd(y, month, day)
    a = need(anchor)
    assert month is not None
    if g.get("yrel"):  # "June last year"
        return ymd(a.year + R.RELATIVE[low(g, "yrel") or "this"], month, day)
    rel = low(g, "rel")
    y = a.year
    if rel in R.RELATIVE and R.RELATIVE[rel] != 0:
        step = R.RELATIVE[rel]
        if step < 0 and month >= a.month:
            y -= 1
        elif step > 0 and month <= a.month:
            y += 1
    elif day is not None or rel is None:
        # An unqualified date is the occurrence in the tense's direction
        # ("was signed on March 28" written in March 2022: not after the
        # anchor); with no tense, the occurrence nearest the anchor.
        here = (month, day or 1)
        now = (a.month, a.day if day is not None else 1)
        if tense == "past" and here > now:
            # ... unless it is a day just ahead ("the offer was extended to
            # Nov. 16"): a deadline, not the same day a year back.
            ahead = day is not None and (dt.date(y, month, day) - a).days <= R.DEADLINE_DAYS
            y -= 0 if ahead else 1
        elif tense == "future" and here < now:
            y += 1
        elif tense is None:
            y = likely_year(a, month, day)
    return ymd(y, month, day)


def likely_year(a: dt.date, month: int, day: int | None) -> int:
    """The year of a date without one and without a tense: news report the
    past far more than the future, so the next occurrence only if it is
    near (``R.NEAR_FUTURE_DAYS``), else the last one."""
    d = dt.date(a.year, month, 1) + dt.timedelta(days=(day or 15) - 1)
    if d > a:
        return a.year if (d - a).days <= R.NEAR_FUTURE_DAYS else a.year - 1
    ahead = dt.date(a.year + 1, month, 1) + dt.timedelta(days=(day or 15) - 1)
    return a.year + 1 if (ahead - a).days <= R.NEAR_FUTURE_DAYS else a.year


def spoken_year(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    """ "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    if g.get("ycent"):
        y = R.YEAR_CENTURIES[low(g, "ycent") or ""] * 100 + R.YEAR_TENS[low(g, "ytens") or ""]
        y += R.YEAR_ONES.get(low(g, "yones") or "", 0)
        return str(y)
    k = low(g, "yk") or ""
    return str(2000 + R.YEAR_ONES.get(k, R.YEAR_TENS.get(k, 0)))


def century(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    """The Nth century is TIMEX3 value N-1 ("the 20th century" -> "19")."""
    n = int(g["cent"]) if g.get("cent") else R.CENTURIES[low(g, "centword") or ""]
    if not 1 <= n <= 22:
        raise ValueError(n)
    return f"{n - 1:02d}"


def vague(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    return R.VAGUE_UNITS[low(g, "vague") or ""]


def decade(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    if g.get("dword"):
        century = 18 if low(g, "dcent") == "eighteen" else 19
        return f"{century}{R.DECADE_WORDS[low(g, 'dword') or '']}"
    return g["decade"] or ""


def season(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    code = R.SEASONS[low(g, "season") or ""]
    if g.get("year"):
        return f"{g['year']}-{code}"
    a = need(anchor)
    return f"{a.year + (R.RELATIVE.get(low(g, 'rel') or '', 0)):04d}-{code}"


def day_word(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    offset, part = R.DAY_WORDS[low(g, "dayword") or ""]
    if g.get("part"):
        part = R.DAY_PARTS[low(g, "part") or ""]
    d = need(anchor) + dt.timedelta(days=offset)
    return d.isoformat() + (f"T{part}" if part else "")


def day_part(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    part = R.DAY_PARTS[low(g, "part") or ""]
    d = need(anchor)
    if low(g, "this") == "last":  # "last night": the night before
        d -= dt.timedelta(days=1)
    return f"{d.isoformat()}T{part}"


def weekday(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    wd = R.WEEKDAYS[low(g, "weekday") or ""]
    a = need(anchor)
    step = direction(g, tense)
    if step < 0:
        back = (a.isoweekday() - wd) % 7
        if low(g, "rel") in R.RELATIVE and back == 0:
            back = 7  # "last Friday" said on a Friday
        d = a - dt.timedelta(days=back)
    elif step > 0:
        ahead = (wd - a.isoweekday()) % 7
        if low(g, "rel") in R.RELATIVE and ahead == 0:
            ahead = 7
        d = a + dt.timedelta(days=ahead)
    else:  # "this Friday": in the anchor's week
        d = a + dt.timedelta(days=wd - a.isoweekday())
    part = R.DAY_PARTS.get(low(g, "part") or "")
    return d.isoformat() + (f"T{part}" if part else "")


def weekend(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    a = need(anchor)
    step = direction(g, tense)
    if a.isoweekday() >= 6 and (low(g, "rel") in (None, "this") or step == 0):
        return week(a) + "-WE"
    d = a - dt.timedelta(days=7) if step < 0 else a
    return week(d) + "-WE"


def relative_unit(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    a = need(anchor)
    step = R.RELATIVE[low(g, "rel") or "this"]
    unit = low(g, "unit")
    if unit == "week":
        return week(a + dt.timedelta(days=7 * step))
    if unit == "month":
        return ymd(*add_months(a, step))
    if unit == "quarter":
        y, m = add_months(a, 3 * step)
        return quarter(y, (m - 1) // 3 + 1)
    return str(a.year + step)


def period_edge(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    """ "the end of the year" -> the document's year (its edge is TIMEX3 mod)."""
    a = need(anchor)
    unit = "year" if g.get("yearend") else low(g, "unit")
    if unit == "month":
        return ymd(a.year, a.month)
    if unit == "quarter":
        return quarter(a.year, (a.month - 1) // 3 + 1)
    if unit == "week":
        return week(a)
    return str(a.year)


def quarter_of(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    q = R.QUARTERS[low(g, "ord") or ""]
    year = g.get("year") or g.get("year2")
    if year:
        return quarter(int(year), q)
    a = need(anchor)
    if g.get("qrel"):  # "next year's first quarter"
        return quarter(a.year + R.RELATIVE[low(g, "qrel") or "this"], q)
    # The quarter of the anchor's year, or of the year before if it has not begun.
    y = a.year if (q - 1) * 3 + 1 <= a.month else a.year - 1
    return quarter(y - 1 if g.get("qago") else y, q)


def number(g: Groups) -> float | str:
    num = low(g, "num") or "1"
    if num in R.NUMBERS:
        return R.NUMBERS[num]
    tens, _, ones = num.replace("-", " ").partition(" ")
    if ones:  # "twenty-four"
        return int(R.NUMBERS[tens]) + int(R.NUMBERS[ones])
    return float(num) if "." in num else int(num)


def unit_of(g: Groups) -> tuple[str, int, bool]:
    unit = low(g, "unit") or ""
    unit = "century" if unit == "centuries" else unit.removesuffix("s")
    return R.UNITS[unit]


def shifted(g: Groups, anchor: dt.date | None, tense: str | None, focus: Focus) -> str:
    n = number(g)
    sign = R.SHIFTS[low(g, "shift") or ""]
    if n == "X":
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    a = need(anchor)
    code, mult, is_time = unit_of(g)
    k = int(float(n) * mult) * sign
    if is_time:
        raise NeedsAnchor  # hours from the anchor need its time of day
    if code == "Y":
        if focus.quarter and mult == 1:  # "a year earlier" after "the third quarter"
            return quarter(int(focus.quarter[:4]) + k, int(focus.quarter[-1]))
        return str(a.year + k)
    if code == "M":
        y, m = add_months(a, k)
        return quarter(y, (m - 1) // 3 + 1) if mult == 3 else ymd(y, m)
    days = 7 * k if code == "W" else k
    d = a + dt.timedelta(days=days)
    return week(d) if code == "W" else d.isoformat()


def last_quarter(a: dt.date) -> str:
    """The last quarter completed before ``a`` (the one a report is about)."""
    y, m = add_months(a, -3)
    return quarter(y, (m - 1) // 3 + 1)


def the_quarter(g: Groups, anchor: dt.date | None, tense: str | None, focus: Focus) -> str:
    """ "the quarter": the quarter under discussion, else the last completed one."""
    a = need(anchor)
    return focus.quarter or last_quarter(a)


def year_ago(g: Groups, anchor: dt.date | None, tense: str | None, focus: Focus) -> str:
    """ "the year-ago quarter": the period under discussion, a year back."""
    a = need(anchor)
    if focus.quarter:
        return quarter(int(focus.quarter[:4]) - 1, int(focus.quarter[-1]))
    return str(a.year - 1)


def year_period(g: Groups, anchor: dt.date | None, tense: str | None, focus: Focus) -> str:
    """ "the 1988 quarter": the quarter under discussion, in the year named."""
    y = int(g["year"] or 0)
    if focus.quarter and low(g, "period") == "quarter":
        return quarter(y, int(focus.quarter[-1]))
    return str(y)


def following(g: Groups, anchor: dt.date | None, tense: str | None, focus: Focus) -> str | None:
    """ "the following month", "that year": a step from the last date of that
    granularity in the text; None when the text gave none."""
    need(anchor)
    step = 0 if g.get("that") else R.RELATIVE[low(g, "rel") or ""]
    unit = low(g, "unit") or low(g, "unit2")
    if unit == "year" and focus.year:
        return str(int(focus.year) + step)
    if unit == "month" and focus.month:
        return ymd(*add_months(dt.date.fromisoformat(focus.month + "-01"), step))
    if unit == "day" and focus.day:
        return (dt.date.fromisoformat(focus.day) + dt.timedelta(days=step)).isoformat()
    return None


def duration(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    n = number(g)
    code, mult, is_time = unit_of(g)
    if n != "X":
        n = n * mult
        n = int(n) if float(n).is_integer() else n
    return f"PT{n}{code}" if is_time else f"P{n}{code}"


def reference(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    return R.REFS[low(g, "ref") or ""]


def clock(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    if g.get("clockword"):
        hh, mi = R.CLOCK_WORDS[low(g, "clockword") or ""]
    else:
        hh, mi = int(g["hh"] or 0), int(g.get("mi") or 0)
    ampm = (low(g, "ampm") or "").replace(".", "").replace(" ", "")
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    zone = R.ZONES.get((g.get("zone") or "").upper(), "")
    return f"{need(anchor).isoformat()}T{hh:02d}:{mi:02d}{zone}"


def set_value(g: Groups, anchor: dt.date | None, tense: str | None) -> str:
    if g.get("freq"):
        return R.FREQUENCIES[low(g, "freq") or ""]
    if g.get("weekday"):
        return f"XXXX-WXX-{R.WEEKDAYS[low(g, 'weekday') or '']}"
    if g.get("month"):
        return f"XXXX-{R.MONTHS[low(g, 'month') or '']:02d}"
    n = 2 if low(g, "num") == "other" else number(g)
    if low(g, "unit") in ("quarter", "quarters"):  # "every quarter" as "quarterly"
        return f"P{n}Q"
    code, mult, is_time = unit_of(g)
    n = n * mult if n != "X" else n
    return f"PT{n}{code}" if is_time else f"P{n}{code}"


Resolver = Callable[[Groups, dt.date | None, str | None], str]
ContextResolver = Callable[[Groups, dt.date | None, str | None, Focus], str | None]
RESOLVERS: dict[str, Resolver] = {
    "numeric": numeric,
    "calendar": calendar,
    "decade": decade,
    "spoken_year": spoken_year,
    "century": century,
    "vague": vague,
    "season": season,
    "day_word": day_word,
    "day_part": day_part,
    "weekday": weekday,
    "weekend": weekend,
    "relative_unit": relative_unit,
    "quarter": quarter_of,
    "period_edge": period_edge,
    "duration": duration,
    "reference": reference,
    "clock": clock,
    "set": set_value,
}

CONTEXT_RESOLVERS: dict[str, ContextResolver] = {
    "shifted": shifted,
    "the_quarter": the_quarter,
    "year_ago": year_ago,
    "year_period": year_period,
    "following": following,
}


def tense(token) -> str | None:
    """ "past", "future" or None: the tense of the verb that governs ``token``."""
    # Only a verb the expression hangs on directly (through a preposition or
    # its own words: "signed on March 28") gives its tense; one reached
    # through another noun phrase ("declared a dividend payable Dec. 1") does not.
    t = token
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            break
        if t is not token and t.pos_ not in R.TENSE_PATH_POS:
            return None
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux} | {t.lower_}
    if words & R.FUTURE_AUX:
        return "future"
    if words & R.FUTURE_MODALS and t.tag_ == "VB" and not words & R.PERFECT_AUX:
        return "future"
    if any(c.lower_ == "going" for c in aux):
        return "future"
    if any(c.lower_ == "to" for c in aux):
        # An infinitive looks ahead from its governing verb: "plans to sell
        # Friday" is future, "agreed to sell Friday" may be either.
        head = t.head if t.dep_ in ("xcomp", "ccomp", "advcl") else t
        return None if head is not t and verb_tense(head) == "past" else "future"
    return verb_tense(t)


def verb_tense(t) -> str | None:
    """ "past" for a past or perfect verb, else None."""
    aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if t.tag_ in R.PAST_TAGS or any(c.tag_ in R.PAST_TAGS for c in aux):
        return "past"
    if t.tag_ == "VBN" and ({c.lower_ for c in aux} & R.PERFECT_AUX):
        return "past"
    return None
