"""Post-NER corrections: swappable steps over the spaCy ``Doc``'s entities.

The small spaCy model gets war news wrong in ways a few document-level rules
can fix: a besieged city tagged ORG nine times, a village tagged ORG, an
exiled adviser's name tagged ORG, a battalion tagged WORK_OF_ART. Each step is
a function ``step(doc, ents) -> ents`` over a list of spaCy ``Span`` s (the
``Doc`` itself is never modified, so later extractors see the parse as it
was); ``correct_entities`` runs the steps named in ``DEFAULT_STEPS`` in order.
A step only looks at this one document: per-document analysis stays pure.

In the pipeline the steps belong to the spaCy component
``storyline_ner_corrections`` (``storyline.nlp``), and extractors read its
result through ``storyline.nlp.corrected_entities``; ``doc.ents`` stays the
model's own, as other extractors expect.

Steps (in order):

``trim``
    An entity never crosses a line break; leading "the"/auxiliaries and
    trailing possessives, punctuation and scores ("Kent 108-3") are cut.
``fragments``, ``institutions``, ``outlets``, ``place_lists``
    Entity noise (``storyline.nlp.ner_noise``): possessive and function-word
    fragments cut, "Center for ..." names joined, "told <outlet> <country>"
    split, places listed beside places tagged as places.
``particles``, ``shapes``, ``headlines``
    Entity shapes (``storyline.nlp.ner_shapes``): "von der" names joined,
    repeated names split, possessive tails of a person's name cut, region
    and feature names, common words opening a sentence dropped, title-case
    headline words kept only as far as the body confirms them.
``heads``, ``brands``, ``senses``, ``words``
    Name kinds (``storyline.nlp.ner_names``): facility and organisation names
    by their last word, one-word companies, events and products by their
    context, and one sense per document for a name a mention shows a place;
    one-word names by their spelling and other uses (``storyline.nlp.ner_words``:
    acronyms, brand capitals, lower-case twins, conjuncts).
``lowercase``
    A name with no capital letter ("america", "us" in a spun text) is dropped,
    and so is a lone sentence-initial adverb tagged as a name ("Moreover").
``units``
    Military units are ORG: "Kastus Klinovsky Regiment", "Azov Battalion",
    "the Belarusian Volunteer Battalion named after Kastus Kalinovsky".
``places``
    A known place (GeoNames gazetteer, ``ner_places``) tagged ORG or PERSON
    becomes GPE (LOC for a continent) unless the context says otherwise
    (a score after it: a sports team; a title before it: a person); a
    nationality word tagged GPE becomes NORP; "Belarus Anatoly Lappo" is
    split into the place and the person; a place in a dateline is tagged.
``consistency``
    Within the document, a PERSON's surname is PERSON everywhere (also
    against a score after it, "Smets 290" below "Joel Smets"; not for a
    two-word "person" that the name's other mentions outvote); the
    majority label of a name wins over its minority labels unless a context
    cue backs the minority; untagged repeats of a tagged name are tagged.
``known_names``, ``short_forms``, ``fixtures``, ``acronyms``
    Documents as context (``storyline.nlp.ner_context``): a part of a name
    the document tags in full becomes the full name, a company's name
    without its legal form is the company, the sides of "v" in a list of
    fixtures take their clear majority label, an acronym defined in
    brackets after an organisation is that organisation.

The word lists and patterns the steps look for are data, in
``storyline.nlp.ner_rules``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from spacy.attrs import IS_SPACE, LOWER
from spacy.tokens import Doc, Span

from storyline.nlp import doc_text, string_ids
from storyline.nlp.ner_context import acronyms, fixtures, known_names, short_forms
from storyline.nlp.ner_cues import (
    appositive_cue,
    name_like,
    next_token,
    org_cue,
    person_cue,
    place_cue,
)
from storyline.nlp.ner_kinds import contexts, kinds, openers
from storyline.nlp.ner_names import brands, heads, senses
from storyline.nlp.ner_noise import fragments, institutions, outlets, place_lists
from storyline.nlp.ner_places import Place, is_demonym, lookup_place
from storyline.nlp.ner_rules import (
    ALL_NAME_LABELS,
    LEADING_DROP,
    NAME_LABELS,
    SAY,
    SCORE,
    SCORE_TRIM_LABELS,
    SENTENCE_ADVERB_POS,
    SPORTS_WORDS,
    TITLES,
    UNIT_WORDS,
)
from storyline.nlp.ner_shapes import headlines, particles, shapes
from storyline.nlp.ner_words import words

Step = Callable[[Doc, list[Span]], list[Span]]
_UNIT_IDS = string_ids(UNIT_WORDS)


# ----------------------------------------------------------------- helpers


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    if end <= start:
        return None
    return Span(doc, start, end, label=label)


def _place_label(place: Place) -> str:
    return "LOC" if place.kind == "continent" else "GPE"


def _resolve(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping: earlier, then longer spans win."""
    out: list[Span] = []
    taken: set[int] = set()
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        idx = set(range(s.start, s.end))
        if idx & taken:
            continue
        taken |= idx
        out.append(s)
    return out


# ------------------------------------------------------------------- steps


def trim(doc: Doc, ents: list[Span]) -> list[Span]:
    out = []
    for ent in ents:
        start, end = ent.start, ent.end
        # never across a line break or a run of blanks (masked boilerplate)
        for i in range(start, end):
            if doc[i].is_space:
                end = i
                break
        while start < end and doc[start].is_space:
            start += 1
        if ent.label_ in ALL_NAME_LABELS:
            while end - start > 1 and doc[start].lower_ in LEADING_DROP:
                start += 1
            if end - start > 1 and _sentence_adverb(doc[start]):
                start += 1  # "Sometimes Kaabu's story": the sentence's adverb, not the name's
            if (
                ent.label_ == "PERSON"
                and end - start > 2
                and doc[start].is_title
                and doc[start].lower_ in TITLES
            ):
                start += 1  # "Mayor Jose Luis Sastre": the title is no part of the name
            while end - start > 1 and (
                doc[end - 1].lower_ in {"'s", "\u2019s", "'", "\u2019"}
                or (doc[end - 1].is_punct and doc[end - 1].text not in {".", ")"})
                or (ent.label_ in SCORE_TRIM_LABELS and SCORE.match(doc[end - 1].text))
            ):
                end -= 1
        span = _span(doc, start, end, ent.label_)
        if span is not None:
            out.append(span)
    return out


def _opens_sentence(tok) -> bool:
    """The first word of its sentence (opening quotes and brackets aside)."""
    i = tok.i
    while i > tok.sent.start and (tok.doc[i - 1].is_punct or tok.doc[i - 1].is_space):
        i -= 1
    return i == tok.sent.start


def _sentence_adverb(tok) -> bool:
    """A capitalised adverb or conjunction opening its sentence ("Sometimes",
    "Often", "Meanwhile"): the model at times takes it into the name after it."""
    return tok.is_title and tok.pos_ in SENTENCE_ADVERB_POS and _opens_sentence(tok)


def lowercase(doc: Doc, ents: list[Span]) -> list[Span]:
    """Drop names with no capital letter and a lone sentence-initial adverb or
    conjunction ("Moreover", "Understandably") tagged as a name."""
    return [
        e
        for e in ents
        if e.label_ not in ALL_NAME_LABELS
        or (
            any(c.isupper() for c in e.text)
            and not (
                len(e) == 1
                and e[0].pos_ in SENTENCE_ADVERB_POS
                and e[0].is_title
                and _opens_sentence(e[0])
            )
        )
    ]


def _unit_left(doc: Doc, i: int) -> int:
    """Extend a unit name leftwards over capitalised words and ordinals ("93rd")."""
    start = i
    while start > 0:
        tok = doc[start - 1]
        if tok.is_space or not (tok.is_title or tok.is_upper or tok.like_num) or tok.is_punct:
            break
        if tok.lower_ in {"the", "a"} or tok.is_sent_start and tok.lower_ in LEADING_DROP:
            break
        start -= 1
    return start


def units(doc: Doc, ents: list[Span]) -> list[Span]:
    found: list[Span] = []
    for i in _with_lower(doc, _UNIT_IDS):
        tok = doc[i]
        if tok.lower_ not in UNIT_WORDS:
            continue
        start = _unit_left(doc, tok.i)
        if start == tok.i:
            continue  # "a battalion", "Belarusian battalion" is no name
        capital_unit = tok.is_title or tok.is_upper
        if not capital_unit and (
            doc[start].pos_ != "PROPN"
            or any(e.label_ in {"NORP", "GPE"} and e.start < tok.i and start < e.end for e in ents)
        ):
            # "Belarusian battalion", "Ukrainian brigade": a description, not a name;
            # "Azov battalion" is a name.
            continue
        end = tok.i + 1
        namesake: Span | None = None
        # "... Battalion named after Kastus Kalinovsky": the unit and its namesake
        # are two entities (fusion links them); "Regiment of Lancers" is one name.
        if capital_unit:
            j = end
            if j + 1 < len(doc) and doc[j].lower_ == "named" and doc[j + 1].lower_ == "after":
                k = j + 2
                while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and not doc[k].is_space:
                    k += 1
                if k > j + 2:
                    namesake = Span(doc, j + 2, k, label="PERSON")
            elif j < len(doc) and doc[j].lower_ == "of":
                k = j + 1
                while k < len(doc) and doc[k].is_title and not doc[k].is_space:
                    k += 1
                if k > j + 1:
                    end = k
        if all(doc[k].is_upper for k in range(start, end) if doc[k].is_alpha):
            continue  # an all-caps headline or table ("CENTRAL DIVISION")
        found.append(Span(doc, start, end, label="ORG"))
        if namesake is not None:
            found.append(namesake)
    if not found:
        return ents
    keep = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    return _resolve(doc, found + keep)


def sports_results(doc: Doc) -> bool:
    """A results page or table: several match scores ("2-1", "108-3") or rows
    of numbers. There a city name is a team (ORG), as CoNLL-2003 tags it."""
    # Plain string work on the text: iterating spaCy tokens costs more here.
    text = doc_text(doc)  # built from the tokens on every access: take it once
    words = [w.strip(".,;:()[]\"'") for w in text.split()]
    scores = sum(1 for w in words if "-" in w and SCORE.match(w))
    if scores >= 4:
        return True
    if len({w.lower() for w in words} & SPORTS_WORDS) >= 3:
        return True
    rows = 0
    for line in text.split("\n"):
        words = line.split()
        if len(words) >= 3 and sum(w.replace(".", "").isdigit() for w in words) >= 2:
            rows += 1
    return rows >= 5


def places(doc: Doc, ents: list[Span]) -> list[Span]:
    sports = sports_results(doc)
    person_words = {
        t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_alpha
    }
    out: list[Span] = []
    for ent in ents:
        label = ent.label_
        if label in {"GPE", "ORG", "PERSON"} and len(ent) == 1 and is_demonym(ent.text):
            out.append(Span(doc, ent.start, ent.end, label="NORP"))
            continue
        if label == "PERSON" and len(ent) >= 3:
            # "Belarus Anatoly Lappo", "American Dennis Mitchell"
            first = ent[0]
            head = lookup_place(first.text)
            if head is not None and head.kind == "country":
                out.append(Span(doc, ent.start, ent.start + 1, label="GPE"))
                out.append(Span(doc, ent.start + 1, ent.end, label="PERSON"))
                continue
            if is_demonym(first.text):
                out.append(Span(doc, ent.start, ent.start + 1, label="NORP"))
                out.append(Span(doc, ent.start + 1, ent.end, label="PERSON"))
                continue
        if label in {"ORG", "PERSON"}:
            place = lookup_place(ent.text)
            if sports and label == "ORG" and not place_cue(doc, ent):
                place = None  # a team named after its city
            if place is not None and _is_place_here(doc, ent, place, person_words):
                out.append(Span(doc, ent.start, ent.end, label=_place_label(place)))
                continue
        out.append(ent)
    return _resolve(doc, out + _dateline_places(doc, out))


def _is_place_here(doc: Doc, ent: Span, place: Place, person_words: set[str]) -> bool:
    cue = place_cue(doc, ent)
    if ent.label_ == "ORG":
        if org_cue(doc, ent):
            return False
        return place.major or cue
    # PERSON: many surnames are also towns, so a city needs a cue or to be large
    if person_cue(doc, ent) or ent.text in person_words:
        return False
    if place.kind != "city":
        return True
    return cue or (place.population >= 500_000 and len(ent) == 1)


def _dateline_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "BELGRADE 1996-08-30", "KYIV, Ukraine (Reuters) -": the all-caps first
    words of a line followed by a comma, a date or a parenthesis."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    n = len(doc)
    # Line starts from the token arrays; only blank tokens become Token objects.
    blank = doc.to_array([IS_SPACE]).reshape(-1).nonzero()[0].tolist()
    line_starts = [0] if n else []
    line_starts += [k + 1 for k in blank if k + 1 < n and "\n" in doc[k].text]
    for i in line_starts:
        if i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text):
            j = i
            while j < n and j - i < 4 and doc[j].is_upper and doc[j].is_alpha:
                j += 1
            if j > i and j < n and not (taken & set(range(i, j))):
                nxt = doc[j]
                if nxt.text in {",", "("} or re.match(r"^\d{4}-\d\d-\d\d$", nxt.text):
                    place = lookup_place(doc[i:j].text)
                    if place is not None:
                        out.append(Span(doc, i, j, label=_place_label(place)))
    return out


def _with_lower(doc: Doc, ids: frozenset[int]) -> list[int]:
    """Indices of the tokens whose LOWER is one of ``ids`` (see ``string_ids``)."""
    return [k for k, low in enumerate(doc.to_array([LOWER]).reshape(-1).tolist()) if low in ids]


def _key(span: Span) -> str:
    return span.text.casefold()


def _person_evidence(doc: Doc, ents: list[Span]) -> list[Span]:
    """Relabel as PERSON names that the context shows to be people: a
    non-place "GPE" followed by "said"; a name-like ORG with an appositive
    (", an adviser to") or a verb of saying; a name-like ORG whose last word
    is such a person elsewhere in the document."""
    said: set[str] = set()
    for e in ents:
        if (
            e.label_ in {"GPE", "LOC", "NORP"}
            and len(e) == 1
            and person_cue(doc, e)
            and not place_cue(doc, e)  # "officials in Keldara said": the place
            and lookup_place(e.text) is None
            and not is_demonym(e.text)
        ):
            said.add(e.text.casefold())
    out = []
    for e in ents:
        if e.label_ in {"GPE", "LOC", "NORP"} and e.text.casefold() in said:
            e = Span(doc, e.start, e.end, label="PERSON")
        elif e.label_ in {"ORG", "GPE", "WORK_OF_ART", "PRODUCT"} and name_like(e):
            nxt = next_token(doc, e.end)
            if (
                appositive_cue(doc, e)
                or e[-1].text.casefold() in said
                or (nxt is not None and nxt.lower_ in SAY)
            ):
                e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out


def _surname_over_cue(e: Span, people: set[str]) -> bool:
    """A one-word mention of a person's surname in this document ("Smets 290"
    in a standings table below "Joel Smets") is the person's even when a
    number after it would make it a team's; a known place keeps its cue."""
    return len(e) == 1 and _key(e) in people and lookup_place(e.text) is None


def consistency(doc: Doc, ents: list[Span]) -> list[Span]:
    ents = _person_evidence(doc, ents)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for e in ents:
        if e.label_ in NAME_LABELS:
            votes[_key(e)][e.label_] += 1
    # 1. a PERSON's surname (and full name) is PERSON everywhere in the document,
    # unless the name's other mentions outvote PERSON and no longer PERSON name
    # ends in it ("Brush Wellman" ORG four times, PERSON once: a company;
    # "Dakin-Grimm" after "Linda Dakin-Grimm": a person)
    tails = {e[k:].text.casefold() for e in ents if e.label_ == "PERSON" for k in range(1, len(e))}
    people: set[str] = set()
    for e in ents:
        if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_alpha and e[-1].is_title:
            counts = votes[_key(e)]
            if counts["PERSON"] < max(counts.values()) and _key(e) not in tails:
                continue
            people.add(e[-1].text.casefold())
            people.add(_key(e))
        if e.label_ == "PERSON" and len(e) > 1 and " " in e.text:
            # A last word in several tokens, with a capital ("al-Qarawi")
            last = e.text.split()[-1]
            capital = any(p[:1].isupper() for p in last.split("-"))
            if last != e[-1].text and capital and not is_demonym(last):
                people.add(last.casefold())
    # 2. majority label per name, with the minority kept when a cue backs it
    winner: dict[str, str] = {}
    for key, counts in votes.items():
        if key in people:
            winner[key] = "PERSON"
            continue
        (top, n_top), *rest = counts.most_common()
        if not rest or n_top > rest[0][1]:
            winner[key] = top
        elif (
            counts["PERSON"] == n_top
            and key in tails
            and not is_demonym(key)
            and lookup_place(key) is None
        ):
            winner[key] = "PERSON"  # a tie, and the end of a person's full name: theirs
    out = []
    for e in ents:
        label = winner.get(_key(e))
        if (
            e.label_ in NAME_LABELS
            and label
            and label != e.label_
            and (_surname_over_cue(e, people) or not _backed(doc, e))
        ):
            e = Span(doc, e.start, e.end, label=label)
        out.append(e)
    # 3. untagged repeats of a tagged name (and of a PERSON's surname)
    table: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for key, label in winner.items():
        words = tuple(key.split())
        if words and len(key) >= 3:
            table[words[0]].append((words, label))
    for e in out:
        if e.label_ == "PERSON" and len(e) > 1 and e[-1].text.casefold() in people:
            table[e[-1].text.casefold()].append(((e[-1].text.casefold(),), "PERSON"))
    taken = {i for e in out for i in range(e.start, e.end)}
    added = []
    # only tokens that start a name of the table (no Token object for the rest)
    for i in _with_lower(doc, string_ids(table)) if table else ():
        tok = doc[i]
        if tok.i in taken or not (tok.is_title or tok.is_upper) or not tok.is_alpha:
            continue
        for words, label in table.get(tok.lower_, ()):
            end = tok.i + len(words)
            if end > len(doc) or any(
                doc[k].lower_ != w for k, w in zip(range(tok.i, end), words, strict=True)
            ):
                continue
            if taken & set(range(tok.i, end)):
                continue
            if tok.is_upper and len(tok) > 1 and len("".join(words)) < 4:
                continue  # "US", "IT" in an all-caps line
            if len(words) == 1 and tok.pos_ != "PROPN" and not tok.is_upper:
                continue  # an ordinary word ("May", "Men" in a table header)
            added.append(Span(doc, tok.i, end, label=label))
            taken |= set(range(tok.i, end))
            break
    return _resolve(doc, out + added) if added else out


def _backed(doc: Doc, e: Span) -> bool:
    if e.label_ == "ORG":
        return org_cue(doc, e)
    if e.label_ == "PERSON":
        return person_cue(doc, e)
    if e.label_ in {"GPE", "LOC"}:
        return place_cue(doc, e)
    return False


# ---------------------------------------------------------------- registry

STEPS: dict[str, Step] = {
    "trim": trim,
    "fragments": fragments,
    "lowercase": lowercase,
    "units": units,
    "institutions": institutions,
    "outlets": outlets,
    "particles": particles,
    "shapes": shapes,
    "kinds": kinds,
    "contexts": contexts,
    "openers": openers,
    "heads": heads,
    "brands": brands,
    "places": places,
    "place_lists": place_lists,
    "headlines": headlines,
    "senses": senses,
    "words": words,
    "consistency": consistency,
    "known_names": known_names,
    "short_forms": short_forms,
    "fixtures": fixtures,
    "acronyms": acronyms,
}
DEFAULT_STEPS: tuple[str, ...] = tuple(STEPS)


def correct_entities(doc: Doc, steps: Sequence[str | Step] | None = None) -> list[Span]:
    """The document's entities after the named (or given) correction steps
    (``DEFAULT_STEPS`` when None).

    Computed afresh on every call, so the evaluator can score any choice of
    steps; extractors call ``storyline.nlp.corrected_entities`` instead,
    which runs the default steps once per Doc and keeps the result.
    """
    ents = list(doc.ents)
    for step in DEFAULT_STEPS if steps is None else steps:
        fn = STEPS[step] if isinstance(step, str) else step
        ents = fn(doc, ents)
    return ents
