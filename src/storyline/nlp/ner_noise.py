"""Entity-noise steps of the post-NER corrections: fragments, place lists,
outlet + place merges, institution names cut before "for"/"of".

Each is a step ``step(doc, ents) -> ents`` like those of
``storyline.nlp.ner_corrections`` (which registers them); the word lists are
data in ``storyline.nlp.ner_rules``. They fix shapes the small model gets
wrong on real news:

``fragments``
    An entity never starts with a possessive ("’s Center" after
    "government’s") and never ends on a lower-case function word ("Baltic
    Seas of a"): such tokens are cut, and an entity left without a capital
    letter is dropped.
``institutions``
    A capitalised institution head ("Center", "Ministry") followed by
    "for"/"of" and capitalised words is one ORG name ("Center for Strategic
    Communications"); the pieces the model tagged inside it give way.
``outlets``
    "told Al Jazeera Belarus may join": an ORG made of a known outlet (or an
    ORG the document names alone) and a country, after a verb of telling and
    before a verb, is two entities: the outlet and the place.
``place_lists``
    A gazetteer place tagged PERSON in a list with places ("Lviv, Kovel,
    Lutsk") is a place.

``is_clock_or_unit`` says whether a name is a time zone or a unit symbol;
the mention extractor leaves those out (CoNLL-2003 tags "GMT" MISC, so the
NER steps scored on it keep them).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from storyline.nlp.ner_places import lookup_place
from storyline.nlp.ner_rules import (
    ALL_NAME_LABELS,
    FUNCTION_TAIL,
    INSTITUTION_HEADS,
    INSTITUTION_JOINERS,
    POSSESSIVE_TOKENS,
    TELL_LEMMAS,
    TIME_ZONES,
    TITLES,
    UNIT_SYMBOLS,
)

PLACE_LABELS = frozenset({"GPE", "LOC"})
LIST_SEPARATORS = frozenset({",", "and", "or", "&"})
#: Smallest town a listed PERSON may be taken for: GeoNames keeps alternate
#: names from 15,000 inhabitants up; below that, surnames that are also
#: villages abound ("Houghton", "Irwin").
MIN_LIST_TOWN = 15_000


def is_clock_or_unit(text: str) -> bool:
    """A time-zone abbreviation ("GMT", "CET") or a unit symbol ("km", "MW")."""
    word = text.strip()
    return word in TIME_ZONES or word.lower() in UNIT_SYMBOLS


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# --------------------------------------------------------------- fragments


def fragments(doc: Doc, ents: list[Span]) -> list[Span]:
    """Cut leading possessives and trailing lower-case function words."""
    out = []
    for ent in ents:
        if ent.label_ not in ALL_NAME_LABELS:
            out.append(ent)
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in POSSESSIVE_TOKENS:
            start += 1
        while end > start and (
            (doc[end - 1].is_lower and doc[end - 1].lower_ in FUNCTION_TAIL)
            or doc[end - 1].lower_ in POSSESSIVE_TOKENS
        ):
            end -= 1
        if (start, end) == (ent.start, ent.end):
            out.append(ent)
        elif end > start and any(c.isupper() for c in doc[start:end].text):
            out.append(Span(doc, start, end, label=ent.label_))
    return out


# ------------------------------------------------------------ institutions


def _name_run(doc: Doc, i: int) -> int:
    """End of a run of capitalised words from ``i`` ("and"/"of" allowed
    between them); ``i`` itself when ``doc[i]`` is not capitalised."""
    end = i
    k = i
    while k < len(doc):
        tok = doc[k]
        if tok.is_space or tok.is_punct and tok.text != "&":
            break
        if tok.is_title or (tok.is_upper and tok.is_alpha):
            k += 1
            end = k
        elif tok.lower_ in INSTITUTION_JOINERS and k > i:
            k += 1
        else:
            break
    return end


def institutions(doc: Doc, ents: list[Span]) -> list[Span]:
    """A lone institution word tagged as a name ("Center", left of "’s Center")
    followed by "for"/"of" and capitalised words is the start of one ORG name
    ("Center for Strategic Communications"); the model's pieces give way.
    A longer entity is left alone ("Awami League of ..."), and so is a run
    with a title in it ("of Prime Minister X"). A lone institution word
    still tagged PERSON afterwards is dropped."""
    found: list[Span] = []
    for ent in ents:
        if ent.label_ not in ALL_NAME_LABELS or len(ent) != 1:
            continue
        head = doc[ent.end - 1]
        if not head.is_title or head.lower_ not in INSTITUTION_HEADS:
            continue
        if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in {"for", "of"}:
            continue
        end = _name_run(doc, ent.end + 1)
        if end == ent.end + 1:
            continue
        if any(t.lower_ in TITLES for t in doc[ent.end + 1 : end]):
            continue  # "League of Prime Minister X": a person after "of"
        found.append(Span(doc, ent.start, end, label="ORG"))
    # a lone institution word left as a PERSON is no one's name
    ents = [e for e in ents if not (e.label_ == "PERSON" and _lone_head(e))]
    if not found:
        return ents
    keep = [e for e in ents if not any(_overlaps(e, f) for f in found)]
    return sorted(found + keep, key=lambda s: s.start)


def _lone_head(ent: Span) -> bool:
    return len(ent) == 1 and ent[0].lower_ in INSTITUTION_HEADS


# ----------------------------------------------------------------- outlets


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    """Known outlet names and aliases, case-folded (the original-outlet table)."""
    # Imported here: the table lives with the integrity extractor.
    from storyline.extract.integrity.outlet_rules import KNOWN_OUTLETS

    names = {k.casefold() for k in KNOWN_OUTLETS}
    names |= {a.casefold() for aliases in KNOWN_OUTLETS.values() for a in aliases}
    return frozenset(names)


def outlets(doc: Doc, ents: list[Span]) -> list[Span]:
    """Split "told <outlet> <country> <verb>" into the outlet and the place."""
    lone_orgs = {e.text.casefold() for e in ents if e.label_ == "ORG"}
    out: list[Span] = []
    for ent in ents:
        split = _outlet_split(doc, ent, lone_orgs) if ent.label_ == "ORG" else None
        if split is None:
            out.append(ent)
            continue
        out.append(Span(doc, ent.start, split, label="ORG"))
        place = lookup_place(doc[split : ent.end].text)
        label = "LOC" if place is not None and place.kind == "continent" else "GPE"
        out.append(Span(doc, split, ent.end, label=label))
    return out


def _outlet_split(doc: Doc, ent: Span, lone_orgs: set[str]) -> int | None:
    """The token where the place starts, or None when the ORG is one name."""
    if len(ent) < 2 or ent.start == 0 or ent.end >= len(doc):
        return None
    before, after = doc[ent.start - 1], doc[ent.end]
    if before.lemma_.lower() not in TELL_LEMMAS or after.pos_ not in {"AUX", "VERB"}:
        return None
    for split in range(ent.end - 1, max(ent.start, ent.end - 3), -1):
        place = lookup_place(doc[split : ent.end].text)
        if place is None or place.kind not in {"country", "continent", "state"}:
            continue
        head = doc[ent.start : split].text.casefold()
        if head in _outlet_names() or head in lone_orgs:
            return split
    return None


# ------------------------------------------------------------- place lists


def place_lists(doc: Doc, ents: list[Span]) -> list[Span]:
    """A one-word PERSON that the gazetteer knows as a town of some size,
    listed beside known places, is a place ("Lviv, Kovel, Lutsk")."""
    ents = list(ents)
    person_words = {
        t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_alpha
    }
    for members in _lists(doc, ents):
        people = [k for k in members if ents[k].label_ == "PERSON"]
        if not people or not any(_known_place(ents[k]) for k in members if k not in people):
            continue
        if not all(
            len(ents[k]) == 1
            and ents[k][0].lower_ not in person_words
            and _known_place(ents[k])
            and not _inside_longer_name(doc, ents[k])
            for k in people
        ):
            continue  # a list of people ("Irwin, Harte, Houghton"), not of places
        for k in people:
            place = lookup_place(ents[k].text)
            label = "LOC" if place is not None and place.kind == "continent" else "GPE"
            ents[k] = Span(doc, ents[k].start, ents[k].end, label=label)
    return ents


def _known_place(ent: Span) -> bool:
    """A gazetteer place big enough that its name is rarely only a surname."""
    place = lookup_place(ent.text)
    return place is not None and (place.kind != "city" or place.population >= MIN_LIST_TOWN)


def _inside_longer_name(doc: Doc, ent: Span) -> bool:
    """A capitalised word right before or after: "Pedro I", part of a name."""
    for k in (ent.start - 1, ent.end):
        if 0 <= k < len(doc) and doc[k].is_title and not doc[k].is_sent_start:
            return True
    return False


def _lists(doc: Doc, ents: list[Span]) -> list[list[int]]:
    """Runs of name entities (indices into ``ents``) joined by list separators."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, ent in enumerate(ents):
        if ent.label_ not in ALL_NAME_LABELS:
            continue
        if current and _separator(doc[ents[current[-1]].end : ent.start]):
            current.append(k)
            continue
        if len(current) > 1:
            runs.append(current)
        current = [k]
    if len(current) > 1:
        runs.append(current)
    return runs


def _separator(gap: Span) -> bool:
    """One list separator: ",", "and", "or", ", and"."""
    words = [t.lower_ for t in gap if not t.is_space]
    return 1 <= len(words) <= 2 and all(w in LIST_SEPARATORS for w in words)
