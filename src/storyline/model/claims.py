"""Claims: one normalised statement — subject, predicate, object or value, time —
as every source that makes it words it.

A ``Claim`` is cross-document, like ``EventGroup``: fusion
(``storyline.fuse.claims``) builds one ``ClaimStatement`` per fact a document
states (an event, a role it gives a person, a number) and groups the
statements that say the same thing in other words. Each statement keeps who
asserts it (the outlet in its own voice, a quoted speaker, or the source the
outlet attributes it to), its modality and its polarity, and the span of
the document that states it, so the reader checks every claim against its
text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import Record

#: Where a claim comes from (``Claim.kind``).
CLAIM_KINDS = ("event", "role", "number")
#: ``affirmed``: the statement says it is so; ``negated``: it says it is not
#: ("did not attack", "former minister" = no longer in that office).
POLARITIES = ("affirmed", "negated")
#: Who asserts a statement (``ClaimStatement.asserter["kind"]``): the outlet in
#: its own voice, a speaker it quotes, or a source it credits ("according to").
ASSERTER_KINDS = ("outlet", "speaker", "source")


@dataclass
class ClaimStatement(Record):
    """One document's statement of a claim.

    ``start``/``end``/``text`` is the clause or phrase that states it (exactly
    the document text there). ``modality`` is one of ``MODALITIES`` except
    ``negated``, which is ``polarity`` here, so that "will not send" is
    ``predicted`` and ``negated``. ``asserter`` is ``{"kind", "name",
    "entity"}`` plus the span (``doc``, ``start``, ``end``, ``text``) of the
    speaker or source when it is not the outlet. ``says`` is the plain-words
    reading of this statement ("resigned", "did not attack Kyiv").
    """

    doc: str
    start: int
    end: int
    text: str
    says: str
    asserter: dict[str, Any]
    modality: str = "asserted"
    polarity: str = "affirmed"
    lineage: str | None = None  # copy lineage id: the independent source it belongs to
    date: str | None = None  # the document's publication day (ISO), None when unknown
    time: str | None = None  # TIMEX3 value of the time the statement names
    confidence: float = 0.5
    ref: str | None = None  # the record it comes from: "<doc>:<event id>", a role or figure


@dataclass
class Claim(Record):
    """A claim and every statement of it, across sources and copies.

    ``subject`` / ``object`` are ``{"name", "entity"}`` (``entity`` the fused
    entity id, None when the words name no known entity). ``predicate`` is
    the normalised predicate: ``"<PLOVER type>:<trigger lemma>"`` for an
    event (synonyms taken together), ``"holds office"`` for a role, the
    measure ("evacuated", "troops") for a number. ``value`` is a number
    claim's ``{"value", "low", "high", "qualifier", "unit", "counts"}``.
    ``sources`` counts independent copy lineages among the affirming
    statements (a reprint is not a second source), ``sources_negating`` those
    among the negating ones. ``confidence`` is the best extraction confidence
    of its statements (how sure we are that a source says it, not whether it
    is true); below 0.5 it is ``low_confidence`` and shown as such.
    """

    id: str
    kind: str  # one of CLAIM_KINDS
    label: str  # plain words: "Viktor Gulevich — resigned"
    subject: dict[str, Any]
    predicate: str
    says: str  # the predicate and object in words: "resigned", "deputy defense minister"
    object: dict[str, Any] | None = None
    value: dict[str, Any] | None = None
    time: str | None = None
    modality: str = "asserted"  # strongest among the affirming statements
    polarity: str = "affirmed"  # "negated" when no statement affirms it
    statements: list[ClaimStatement] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    sources: int = 0
    sources_negating: int = 0
    event_groups: list[str] = field(default_factory=list)
    confidence: float = 0.5
    low_confidence: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["statements"] = [s.to_dict() for s in self.statements]
        return d
