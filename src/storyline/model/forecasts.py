"""Forecasts: predictions with a deadline or horizon, and what later reports say of them.

A ``Forecast`` is cross-document, like ``EventGroup``: one prediction as its
first source states it (``statement``), the copies that repeat it
(``copies``), and its ``status`` against documents dated after it, each
status with the ``evidence`` spans that set it. ``known_until`` is the latest
publication day the corpus has: past it nothing can be told, so a forecast
whose deadline lies beyond it stays ``open``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import Record

#: What the corpus says of a forecast (``Forecast.status``).
FORECAST_STATUSES = ("open", "came true", "not by its deadline", "contradicted", "unknown")
#: How one piece of later evidence bears on a forecast.
EVIDENCE_RELATIONS = ("confirms", "refutes", "still pending", "not yet")


@dataclass
class Forecast(Record):
    """One prediction and its status.

    Spans are ``{"doc", "start", "end", "text"}`` dicts with offsets into
    that document's text; evidence spans add ``relation`` and ``published``.
    ``who`` is the span of the speaker or reporting source, None when the
    outlet says it in its own voice (``who_name`` then names the outlet).
    ``made`` is the forecast document's publication day, or the bound of a
    document dated only "on or after" a day (``made_bound`` then true; None
    when unknown); ``deadline`` the TIMEX3 value of the time it names
    (None for an open horizon), ``horizon`` the words that name it.
    """

    id: str
    statement: dict[str, Any]
    claim: str  # plain words: "Belarus — ASSAULT — Ukraine", else the clause
    modality: str  # "predicted" | "hedged"
    status: str  # one of FORECAST_STATUSES
    reason: str  # one plain sentence saying why the status
    who: dict[str, Any] | None = None
    who_name: str | None = None
    made: str | None = None
    deadline: str | None = None
    horizon: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    copies: list[dict[str, Any]] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    event_groups: list[str] = field(default_factory=list)
    known_until: str | None = None
    confidence: float = 0.5  # below 0.5 is shown as uncertain
    made_bound: bool = False  # ``made`` is an "on or after" bound, not the day
