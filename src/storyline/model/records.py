"""Per-document records the nlp stage and the extractors return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import Record, output_record


@dataclass
class Sentence(Record):
    start: int
    end: int


@output_record("mentions")
@dataclass
class Mention(Record):
    """A named-entity mention found in one document."""

    start: int
    end: int
    text: str
    label: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...
    sentence: int | None = None
    source: str = "ner"  # which component found it


@output_record("quotes")
@dataclass
class Quote(Record):
    """One attribution: who said (or thinks) what, with every part as a span.

    ``start``/``end`` cover the whole content; ``fragments`` its pieces when
    the attribution interrupts it ("X," he said. "Y.") or it runs over
    several paragraphs. ``speaker`` is the mention in the text (a name,
    pronoun, description, "a border guard"); ``speaker["antecedent"]`` is the
    mention a pronoun or description resolves to, and ``speaker["entity"]``
    the cross-document entity id once fusion has run. Unknown stays None.
    ``source`` is the annotation-style source where it is no speaker to show.
    """

    id: str
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    fragments: list[dict[str, Any]] = field(default_factory=list)  # [{"start","end"}]
    speaker: dict[str, Any] | None = None  # {"text","start","end","kind","antecedent","entity"}
    cue: dict[str, Any] | None = None  # {"text","start","end","lemma"}
    channel: dict[str, Any] | None = None  # {"text","start","end"} "told Al Jazeera", ...
    when: dict[str, Any] | None = None  # {"text","start","end"} "on March 12"
    confidence: float = 1.0
    # The source as PolNeAR marks it when it is not shown as the speaker (a
    # poll share, "52 percent said"): {"text","start","end"}; None when the
    # speaker is the source or there is none.
    source: dict[str, Any] | None = None


@output_record("roles")
@dataclass
class Role(Record):
    """A title or role a document gives a person: "Deputy Defence Minister
    Viktor Gulevich", "the city's mayor Vadym Boychenko", "founder of the
    BY_help aid fund". Spans are offsets into the document text; the date is
    the document's, for a roles timeline across sources."""

    person: dict[str, Any]  # {"text","start","end"}: the name the role is attached to
    title: dict[str, Any]  # {"text","start","end"}: "Deputy Defence Minister", "mayor"
    org: dict[str, Any] | None = None  # {"text","start","end"}: "the BY_help aid fund"
    pattern: str = ""  # which rule found it


@output_record("timexes")
@dataclass
class Timex(Record):
    """A temporal expression (TimeML TIMEX3) with its value normalised against
    the document date: "Friday" in a past-tense sentence of a document dated
    2022-03-13 is ``2022-03-11``. ``value`` is None when it cannot be resolved
    (a relative expression in a document without a date): never guessed.
    ``anchor`` is the document date a relative value was computed from."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # ISO-8601 / TIMEX3: 2022-03-11, 2022-W10, P3Y, PT24H, PRESENT_REF
    anchor: str | None = None  # the document date used (relative values only)
    method: str = ""  # which rule row found it ("weekday", "clock", "ner", ...)
    resolved: bool = False
