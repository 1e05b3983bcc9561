"""Who a speaker mention is: its kind and, for pronouns and descriptions, its antecedent.

A speaker mention is classified (name, title+name, organisation, pronoun,
description, anonymous, collective) and resolved over a small subject chain
in text order ("he" -> the latest person, "the 67-year-old" -> the latest
person, "the center" -> the organisation named before). Unknown stays
unknown: nothing is guessed past ``speaker_rules.ANTECEDENT_PARAGRAPHS``.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from storyline.extract.quotes import speaker_rules as SR
from storyline.model import ParsedDocument
from storyline.nlp import ent_type

if TYPE_CHECKING:
    from storyline.extract.quotes.context import QuoteContext


class Ents:
    """The parse's entities with start/end indexes for range queries.

    ``Doc.ents`` rebuilds every span on each access; asked once per speaker,
    it made long documents quadratic. Built once per Doc and kept in
    ``doc.user_data``.
    """

    KEY = "storyline.quotes.ents"

    def __init__(self, doc: Any) -> None:
        self.ents = tuple(doc.ents)
        self.starts = [e.start for e in self.ents]
        self.ends = [e.end for e in self.ents]

    @classmethod
    def of(cls, doc: Any) -> Ents:
        cached = doc.user_data.get(cls.KEY)
        if cached is None or cached[0] != len(doc):
            cached = (len(doc), cls(doc))
            doc.user_data[cls.KEY] = cached
        return cached[1]

    def within(self, i: int, j: int) -> list[Any]:
        """Entities lying inside tokens [i, j)."""
        out = []
        for k in range(bisect.bisect_left(self.starts, i), len(self.ents)):
            if self.starts[k] >= j:
                break
            if self.ends[k] <= j:
                out.append(self.ents[k])
        return out

    def ending_by(self, i: int) -> tuple[Any, ...]:
        """Entities that end at or before token i, in text order."""
        return self.ents[: bisect.bisect_right(self.ends, i)]

    def starting_before(self, i: int) -> tuple[Any, ...]:
        return self.ents[: bisect.bisect_left(self.starts, i)]

    def at(self, i: int) -> Any | None:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.ents[k] if k >= 0 and self.ends[k] > i else None


def classify(doc: Any, i: int, j: int) -> tuple[str, Any]:
    """Speaker kind of the noun phrase doc[i:j] and its head token."""
    span = doc[i:j]
    head = span.root
    low = head.lower_
    if head.pos_ == "PRON":
        return "pronoun", head
    if head.pos_ == "NOUN" and any(t.lower_ in SR.DISTINCT_WORDS for t in span if t.i < head.i):
        return "anonymous", head  # "another user": not the user said before
    words = [t for t in span if not t.is_punct and t.dep_ != "det"]
    if words and all(t.lower_ in SR.TITLE_WORDS for t in words):
        return "description", head  # a bare title: "Mayor", "the President"
    person = [e for e in Ents.of(doc).within(i, j) if e.label_ in SR.PERSON_LABELS]
    if person:
        ent = next((e for e in person if e.start <= head.i < e.end), person[0])
        if ent.end == j and not (ent.start <= head.i < ent.end):
            return "title+name", head  # "the chief of staff Viktor Gulevich"
        if not (ent.start <= head.i < ent.end) and head.pos_ == "PROPN":
            person = []
        elif ent.start <= head.i < ent.end:
            rest = [
                t
                for t in span
                if not (ent.start <= t.i < ent.end)
                and not t.is_punct
                and t.dep_ not in ("det", "case")
            ]
            # NER may include the title in the name ("Mayor Tilda Rusk")
            titled = any(t.lower_ in SR.TITLE_WORDS for t in span if t.i < head.i)
            return ("title+name" if rest or titled else "name"), head
        else:
            root = doc[ent.start : ent.end].root
            if root.dep_ == "appos" and root.head.i == head.i:
                return "title+name", head  # "One evacuee, Marta Sollen, 71"
            return "description", head
    if head.pos_ == "PROPN" or (head.is_title and head.i > i):
        before = [t for t in span if t.i < head.i and t.pos_ in ("NOUN", "ADJ", "PROPN")]
        if any(t.lower_ in SR.TITLE_WORDS for t in before):
            return "title+name", head  # "One Reddit user Aspos", "analyst Romanenko"
        if earlier_person(doc, head):
            return ("title+name" if before else "name"), head
        appos_person = any(
            c.dep_ == "appos"
            and (c.lemma_.lower() in SR.PERSON_DESCRIPTION_HEADS or c.lower_ in SR.TITLE_WORDS)
            for c in head.children
        )
        if head.ent_type_ in SR.GROUP_LABELS and not appos_person:
            return "organisation", head
        before = [t for t in span if t.i < head.i and t.pos_ in ("NOUN", "ADJ", "PROPN")]
        return ("title+name" if before else "name"), head
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "quantmod")}
    acronym = head.is_upper and len(head.text) > 1  # "The BLA" tagged as a common noun
    if head.ent_type_ in SR.GROUP_LABELS and (head.pos_ != "NOUN" or acronym):
        return "organisation", head
    if dets & SR.INDEFINITE_DETS:
        return "anonymous", head
    lemma = head.lemma_.lower()
    if low in SR.ORG_HEADS or lemma in SR.ORG_HEADS:
        return "organisation", head
    if head.tag_ in ("NNS", "NNPS") or low in SR.COLLECTIVE_HEADS:
        if low in SR.ANONYMOUS_HEADS and "the" not in dets:
            return "anonymous", head
        return "collective", head
    return "description", head


class Resolver:
    """A small subject chain: who is being talked about, in text order."""

    def __init__(self, ctx: QuoteContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        # (char position, paragraph, kind, resolved person/org mention (i, j) or None, head lemma)
        self.entries: list[tuple[int, int, str, tuple[int, int] | None, str]] = []

    def add(self, i: int, j: int, kind: str, resolved: tuple[int, int] | None, head: Any) -> None:
        tok = self.doc[i]
        self.entries.append(
            (tok.idx, self.ctx.para_of(tok.idx), kind, resolved, head.lemma_.lower())
        )

    def latest(
        self, before: int, kinds: set[str], para: int, skip: frozenset[str] = frozenset()
    ) -> tuple[int, int] | None:
        """The nearest earlier mention of one of ``kinds`` whose entity type
        is not in ``skip``, within ``SR.ANTECEDENT_PARAGRAPHS``."""
        for pos, p, kind, resolved, _ in reversed(self.entries):
            if pos >= before:
                continue
            if para - p > SR.ANTECEDENT_PARAGRAPHS:
                return None
            if kind in kinds and resolved is not None:
                if skip and self.doc[resolved[1] - 1].ent_type_ in skip:
                    continue
                return resolved
        return None

    def latest_it(self, before: int, para: int) -> tuple[int, int] | None:
        """The antecedent of "it": the nearest earlier organisation named in
        the singular. A plural ("Legal experts") is never "it", and a thing
        that is the subject in between ("The constitution defines ...; it
        limits ...") stops the search: "it" is then left unresolved rather
        than given to an organisation further back."""
        for pos, p, kind, resolved, _ in reversed(self.entries):
            if pos >= before or kind == "person" or resolved is None:
                continue
            if para - p > SR.ANTECEDENT_PARAGRAPHS:
                return None
            if self.doc[resolved[0] : resolved[1]].root.tag_ in SR.PLURAL_TAGS:
                continue
            return resolved if kind == "group" else None
        return None

    def by_head(self, before: int, lemma: str, para: int) -> tuple[int, int] | None:
        for pos, p, _kind, resolved, head in reversed(self.entries):
            if pos >= before:
                continue
            if para - p > SR.ANTECEDENT_PARAGRAPHS:
                return None
            if head == lemma and resolved is not None:
                return resolved
        return None

    def resolve(self, i: int, j: int, kind: str, head: Any) -> tuple[int, int] | None:
        """Antecedent token range for a pronoun / description / bare name."""
        pos = self.doc[i].idx
        para = self.ctx.para_of(pos)
        low = head.lower_
        if kind == "pronoun":
            if low in SR.PRONOUNS_PERSON:
                return self.latest(pos, {"person"}, para)
            if low in SR.PRONOUNS_THING:
                return self.latest_it(pos, para)
            if low in ("they", "them"):
                return self.latest(pos, {"group"}, para)
            return None
        if kind == "description":
            hit = self.by_head(pos, head.lemma_.lower(), para)
            if hit is not None and hit != (i, j):
                return hit
            words = [t for t in self.doc[i:j] if not t.is_punct]
            aged = is_aged(self.doc, i, j)
            if aged or (head.lemma_.lower() in SR.PERSON_DESCRIPTION_HEADS and len(words) <= 3):
                return self.latest(pos, {"person"}, para)
            return None
        definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if kind == "organisation" and head.pos_ == "NOUN" and definite:
            low_head = head.lemma_.lower()
            # "the Pakistan military", "the Thai government": the phrase names
            # its referent; it refers back only to an organisation that
            # carries those words, else it stands for itself.
            own = [
                t.lower_ for t in self.doc[i : head.i] if t.pos_ in SR.OWN_NAME_POS and t.is_title
            ]
            for ent in reversed(Ents.of(self.doc).ending_by(i)):
                words = ent.text.lower()
                if ent.label_ == "ORG" and low_head in words and all(w in words for w in own):
                    return ent.start, ent.end
            if own:
                return None
            # "the separatist group" is no country said before it.
            skip = SR.STATE_LABELS if low_head in SR.NON_STATE_HEADS else frozenset()
            return self.latest(pos, {"group"}, para, skip)
        if kind in ("name", "title+name"):
            # A surname alone resolves to the full name said earlier ("expert Romanenko").
            last = head.text
            for ent in Ents.of(self.doc).ending_by(i):
                same = ent.label_ in SR.PERSON_LABELS and ent[-1].text == last and len(ent) > 1
                if same and (j - i == 1 or kind == "title+name"):
                    return ent.start, ent.end
            return None
        return None


def plural_name(doc: Any, i: int, j: int, head: Any) -> bool:
    """A name phrase that stands for several people ("the Kennedys", "three
    members of the Senate — A, B and C"), for "they". The tagger also calls
    a surname ending in -s plural ("Jusnes said"): a head inside a person's
    name, with no coordination in the phrase, is one person, for "he"."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    ent = Ents.of(doc).at(head.i)
    if ent is None or ent.label_ not in SR.PERSON_LABELS:
        return True
    return any(t.dep_ == "conj" for t in doc[i:j])


def is_aged(doc: Any, i: int, j: int) -> bool:
    """ "the 67-year-old": a description by age."""
    return "year-old" in doc[i:j].text.lower().replace(" ", "")


def earlier_person(doc: Any, head: Any) -> bool:
    """A surname that an earlier PERSON mention ends with ("Viačorka"); never a
    word the corrected entities make a place (a town the model tagged PERSON
    once and GPE elsewhere became a person when it was the subject of "is
    located", and a later "he wrote" resolved to it)."""
    if ent_type(head) in SR.PLACE_LABELS:
        return False
    for ent in Ents.of(doc).starting_before(head.i):
        if ent.label_ in SR.PERSON_LABELS and ent[-1].text == head.text:
            return True
    return False


def name_core(doc: Any, i: int, j: int, head: Any) -> tuple[int, int]:
    ent = Ents.of(doc).at(head.i)
    if ent is not None and ent.label_ in SR.PERSON_LABELS:
        return ent.start, ent.end
    ents = [e for e in Ents.of(doc).within(i, j) if e.label_ in SR.PERSON_LABELS]
    if ents:
        return ents[-1].start, ents[-1].end
    k = head.i
    while k - 1 >= i and doc[k - 1].pos_ == "PROPN" and doc[k - 1].lower_ not in SR.TITLE_WORDS:
        k -= 1
    return k, head.i + 1


def orig_span(parsed: ParsedDocument, s: int, e: int) -> dict[str, Any]:
    s, e = parsed.original_span(s, e)
    return {"text": parsed.text[s:e], "start": s, "end": e}


def forward_title(doc: Any, head: Any, after: int) -> tuple[int, int] | None:
    """The first person named with this title after character ``after`` (the
    headline's end), within ``HEADLINE_TITLE_TOKENS`` tokens: "Mayor" ->
    "Ilse Vantoren" in "Mayor Ilse Vantoren". None when the title word is not
    a title or no such name follows."""
    title = head.lower_
    if title not in SR.TITLE_WORDS:
        return None
    for ent in Ents.of(doc).ents:
        if ent.label_ not in SR.PERSON_LABELS or doc[ent.start].idx < after:
            continue
        if ent.start - head.i > SR.HEADLINE_TITLE_TOKENS:
            return None
        words = [t.lower_ for t in doc[max(ent.start - 2, 0) : ent.end]]
        if title in words:
            k = ent.start
            while k < ent.end and doc[k].lower_ in SR.TITLE_WORDS:
                k += 1  # NER may take the title in: "Mayor Ilse Vantoren"
            if k < ent.end:
                return k, ent.end
    return None


def speaker_record(
    parsed: ParsedDocument, doc: Any, i: int, j: int, kind: str, resolved: tuple[int, int] | None
) -> dict[str, Any]:
    s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    out = orig_span(parsed, s, e)
    out["kind"] = kind
    antecedent = None
    if resolved is not None and resolved != (i, j):
        a, b = resolved
        antecedent = orig_span(parsed, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
    out["antecedent"] = antecedent
    out["entity"] = None
    return out
