"""Name-kind steps of the post-NER corrections: facilities, companies, events
and places that the small model types PERSON, fixed from the name's own last
word, the words around its mentions and one sense per document.

Steps ``step(doc, ents) -> ents`` like those of
``storyline.nlp.ner_corrections``, which registers them; their word lists are
data in ``storyline.nlp.ner_rules``. Each step leaves a name alone when the
document shows it to be a person's: a title before a mention, a verb of saying
right after one, or the name as a word of a longer PERSON name.

``heads``
    A name of two words or more ending in a facility noun ("Three Gorges
    Dam", "Heathrow Airport") is FAC, one ending in an organisation noun
    ("Red Crescent Society") is ORG, whatever person, place or event label
    the model gave it.
``brands``
    A one-word PERSON that the document shows to be something else: a
    company by "shares of X", "X's revenue", an appositive company noun
    ("X, a Spanish utility") or an ORG reading of another mention; an event
    by its ending ("Brexit"); a product, event or place by the noun it
    modifies ("Patriot missiles", "Brexit negotiations", "Kakuma camps").
``senses``
    One sense per document for places: a name that one mention shows to be
    a place ("the town of Keldara", "the towns of A and B", "Keldara, her
    hometown") is a place at every mention the model typed PERSON, ORG or
    NORP, unless another mention is a person's or a team's by its cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.nlp.ner_places import is_demonym, lookup_place
from storyline.nlp.ner_rules import (
    CAMP_KINDS,
    CAMP_NOUNS,
    COMPANY_BEFORE_OF,
    COMPANY_NOUNS,
    COMPANY_POSSESSED,
    EVENT_ENDINGS,
    FACILITY_HEADS,
    FACILITY_HEADS_AFTER_NOUN,
    FACILITY_MODIFIERS,
    MODIFIED_NOUN_KINDS,
    ORG_HEADS,
    PLACE_APPOSITIVES,
    PLACE_NOUNS,
    PLACE_NOUNS_PLURAL,
    SAY,
    SCORE,
    TITLES,
)

#: Labels a facility or organisation name may have been given by mistake.
#: ORG is left out for facilities: "Heathrow Airport said" is the operator.
WRONG_FOR_FAC = frozenset({"PERSON", "GPE", "EVENT", "WORK_OF_ART", "NORP", "PRODUCT"})
WRONG_FOR_ORG = frozenset({"PERSON"})  # a place ("West Bank", "Soviet Union") keeps its label
#: Labels of a one-word name that ``brands`` relabels (NORP only when the word
#: is no demonym: "Shares of Alibaba" read as a nationality).
RELABEL_BRAND = frozenset({"PERSON", "NORP"})
#: Labels an event blend ("Brexit") is taken from: the model reads it as a
#: person, a country or a group by turns.
EVENT_WORD_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG", "LOC"})
#: Pronouns standing for a noun said just before ("another [company]"), and
#: how many tokens back that noun is looked for.
ELIDED_HEADS = frozenset({"another", "one"})
ELIDED_WINDOW = 8
ELIDED_PUNCT = frozenset({",", "\u2014", "\u2013", "-", ":"})
POSSESSIVE = frozenset({"'s", "\u2019s"})
#: Labels a place name may wrongly carry where another mention shows the place.
#: ORG is left out: a town's football club is named after it ("Taibe will play").
WRONG_FOR_PLACE = frozenset({"PERSON"})


def _key(span: Span) -> str:
    return span.text.casefold()


def _prev(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 and not doc[i - 1].is_space else None


def _next(doc: Doc, i: int) -> Token | None:
    return doc[i] if i < len(doc) and not doc[i].is_space else None


def _people(ents: list[Span]) -> set[str]:
    """Case-folded words of the document's PERSON names of two words or more."""
    return {
        t.text.casefold()
        for e in ents
        if e.label_ == "PERSON" and len(e) > 1
        for t in e
        if t.is_alpha
    }


def person_cued(doc: Doc, ent: Span) -> bool:
    """A title before the mention, or the mention the subject of a verb of
    saying right after it ("Smith said"; not "officials in Keldara said")."""
    nxt = _next(doc, ent.end)
    if _title_cued(doc, ent):
        return True
    return nxt is not None and nxt.lower_ in SAY and ent.root.dep_ in ("nsubj", "nsubjpass")


def _title_cued(doc: Doc, ent: Span) -> bool:
    """A title right before the mention ("President Smith"), unless the name
    only modifies the noun after it ("the chief Brexit negotiator")."""
    prev, nxt = _prev(doc, ent.start), _next(doc, ent.end)
    if prev is None or prev.lower_ not in TITLES:
        return False
    return not (nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN")


def _is_person(doc: Doc, ents: list[Span], key: str, people: set[str]) -> bool:
    """Whether the document shows ``key`` to be a person's name anywhere."""
    if key in people:
        return True
    return any(_key(e) == key and person_cued(doc, e) for e in ents)


# ------------------------------------------------------------------ heads


def _head_label(ent: Span) -> str | None:
    """FAC or ORG from the last word of a name of two words or more."""
    if len(ent) < 2 or not ent[-1].is_title:
        return None
    last = ent[-1].lower_
    if last in FACILITY_HEADS:
        return "FAC"
    if last in FACILITY_HEADS_AFTER_NOUN:
        # "Nuclear Power Plant", not "Robert Plant"
        return "FAC" if ent[-2].lower_ in FACILITY_MODIFIERS else None
    if last in ORG_HEADS:
        return "ORG"
    return None


def heads(doc: Doc, ents: list[Span]) -> list[Span]:
    """Relabel names by their facility or organisation head noun."""
    out = []
    people: set[str] | None = None
    for ent in ents:
        label = _head_label(ent) if ent.label_ in WRONG_FOR_FAC else None
        if label == "ORG" and ent.label_ not in WRONG_FOR_ORG:
            label = None
        if label is not None and ent.label_ == "PERSON":
            if people is None:
                people = {_key(e) for e in ents if e.label_ == "PERSON" and _title_cued(doc, e)}
            if _key(ent) in people:
                label = None  # "Mr. Hugo Station": a person after all
        out.append(ent if label is None else Span(doc, ent.start, ent.end, label=label))
    return out


# ----------------------------------------------------------------- brands


def _camp_after(doc: Doc, i: int) -> bool:
    """ "refugee camp", "detention camps" at token ``i``."""
    return i + 1 < len(doc) and doc[i].lower_ in CAMP_KINDS and doc[i + 1].lower_ in CAMP_NOUNS


def _modified_kind(tok: Token) -> str | None:
    """The kind a noun this name modifies gives it ("Patriot missiles")."""
    doc = tok.doc
    if _camp_after(doc, tok.i + 1):
        return "GPE"  # "the X refugee camp"
    if tok.dep_ == "conj" and tok.head.dep_ in ("compound", "nmod"):
        tok = tok.head  # "the Dadaab and Kakuma camps"
    if tok.dep_ in ("compound", "nmod") and tok.head.i > tok.i:
        head = tok.head
        if head.lower_ in CAMP_NOUNS:  # "the X refugee camp", not "the X camp"
            return "GPE" if any(c.lower_ in CAMP_KINDS for c in head.children) else None
        return MODIFIED_NOUN_KINDS.get(head.lower_)
    nxt = _next(tok.doc, tok.i + 1)
    return MODIFIED_NOUN_KINDS.get(nxt.lower_) if nxt is not None else None


def _elided_company(tok: Token) -> bool:
    """ "the Spanish company, along with another, X": X stands beside "another"
    (or "one"), whose elided noun is the last noun before it in the sentence."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text not in ELIDED_PUNCT:
        return False
    head = doc[tok.i - 2]  # surface order: the parse varies with dashes
    if head.lower_ not in ELIDED_HEADS:
        return False
    k = head.i - 1
    while k >= max(tok.sent.start, head.i - ELIDED_WINDOW):
        word = tok.doc[k]
        if word.pos_ == "NOUN":
            return word.lemma_.lower() in COMPANY_NOUNS
        k -= 1
    return False


def _brand_kind(doc: Doc, ent: Span) -> str | None:
    """ORG, EVENT, PRODUCT or GPE when the words around show a non-person."""
    tok = ent[0]
    prev = _prev(doc, ent.start)
    if prev is not None and prev.lower_ in {"of", "in"}:
        before = _prev(doc, prev.i)
        if before is not None and before.lower_ in COMPANY_BEFORE_OF:
            return "ORG"  # "shares of X", "a stake in X"
    nxt = _next(doc, ent.end)
    if nxt is not None and nxt.text in POSSESSIVE:
        owned = _next(doc, nxt.i + 1)
        if owned is not None and owned.lower_ in COMPANY_POSSESSED:
            return "ORG"  # "X's revenue"
    for child in tok.children:
        if child.dep_ == "appos" and child.lemma_.lower() in COMPANY_NOUNS:
            return "ORG"  # "X, a Spanish utility,"
    if _elided_company(tok):
        return "ORG"  # "the utility, along with another, X,"
    kind = _modified_kind(tok)
    if kind == "GPE":
        place = lookup_place(ent.text)
        return "LOC" if place is not None and place.kind == "continent" else "GPE"
    return kind


def _event_word(ent: Span) -> bool:
    """A one-word blend naming a departure ("Brexit", "Grexit"), no known place."""
    word = ent[0].lower_
    return (
        len(ent) == 1
        and len(word) > 5
        and word.endswith(EVENT_ENDINGS)
        and ent[0].is_title
        and lookup_place(ent.text) is None
    )


def brands(doc: Doc, ents: list[Span]) -> list[Span]:
    """Relabel one-word PERSON names the document shows to be no person, and
    event blends ("Brexit") whatever the model called them."""
    ents = [
        Span(doc, e.start, e.end, label="EVENT")
        if e.label_ in EVENT_WORD_LABELS and _event_word(e)
        else e
        for e in ents
    ]
    lone = [e for e in ents if e.label_ == "PERSON" and len(e) == 1 and e[0].is_alpha]
    if not lone:
        return ents
    found: dict[str, str] = {}
    placed = {_key(e) for e in ents if e.label_ in {"GPE", "LOC", "FAC"}}
    for ent in ents:
        if len(ent) != 1:
            continue
        key = _key(ent)
        if ent.label_ == "ORG" and key not in placed and not _team_cued(doc, ent):
            found.setdefault(key, "ORG")  # an ORG reading of the same word
        elif ent.label_ in RELABEL_BRAND and ent[0].is_alpha and not is_demonym(ent.text):
            kind = _brand_kind(doc, ent)
            if kind is not None:
                found[key] = kind
    if not found:
        return ents
    people = _people(ents)
    keys = {k for k in found if any(_key(e) == k for e in lone)}
    keys = {k for k in keys if not _is_person(doc, ents, k, people)}
    if not keys:
        return ents
    return [
        Span(doc, e.start, e.end, label=found[_key(e)])
        if e.label_ in RELABEL_BRAND and not is_demonym(e.text) and len(e) == 1 and _key(e) in keys
        else e
        for e in ents
    ]


# ----------------------------------------------------------------- senses


def _place_of_list(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is in a list after "the towns of": back over
    capitalised words, commas and "and" to "of" and a plural place noun."""
    k, steps = i - 1, 0
    while k > 0 and steps < 8:
        tok = doc[k]
        if tok.lower_ == "of":
            return doc[k - 1].lower_ in PLACE_NOUNS_PLURAL
        if not (tok.text == "," or tok.lower_ in {"and", "or"} or tok.is_title):
            return False
        k, steps = k - 1, steps + 1
    return False


def _strong_place_cue(doc: Doc, ent: Span) -> bool:
    """A place noun names the mention a place: "the town of X", "X, her
    hometown", "the towns of A and X", "X district"."""
    prev = _prev(doc, ent.start)
    if prev is not None:
        if prev.lower_ in PLACE_NOUNS:
            return True
        if prev.lower_ == "of":
            before = _prev(doc, prev.i)
            if before is not None and before.lower_ in PLACE_NOUNS | PLACE_NOUNS_PLURAL:
                return True
    if _place_of_list(doc, ent.start) or _camp_after(doc, ent.end):
        return True  # "the towns of A and X", "the X refugee camp"
    nxt = _next(doc, ent.end)
    if nxt is not None and nxt.lower_ in PLACE_NOUNS and ent.root.pos_ == "PROPN":
        after = _next(doc, nxt.i + 1)
        if after is None or after.lower_ != "of":  # "the Urals city of Perm"
            return ent.root.dep_ in ("compound", "nmod")  # "Keldara district"
    if nxt is None or nxt.text != ",":
        return False  # an appositive place noun follows a comma: "X, her hometown"
    return any(c.dep_ == "appos" and c.lower_ in PLACE_APPOSITIVES for c in ent.root.children)


def _team_cued(doc: Doc, ent: Span) -> bool:
    nxt, prev = _next(doc, ent.end), _prev(doc, ent.start)
    return (nxt is not None and bool(SCORE.match(nxt.text))) or (
        prev is not None and prev.lower_ in {"v", "vs", "vs."}
    )


def senses(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name one mention shows to be a place is a place at its other mentions."""
    cued: dict[str, str] = {}
    for ent in ents:
        if (
            ent.label_ in WRONG_FOR_PLACE | {"GPE", "LOC"}
            and ent[0].is_title
            and not is_demonym(ent.text)
            and _strong_place_cue(doc, ent)
        ):
            cued[_key(ent)] = "LOC" if ent.label_ == "LOC" else "GPE"
    if not cued:
        return ents
    people = _people(ents)
    blocked = {
        _key(e) for e in ents if _key(e) in cued and (person_cued(doc, e) or _team_cued(doc, e))
    }
    keys = {k for k in cued if k not in blocked and k not in people}
    return [
        Span(doc, e.start, e.end, label=cued[_key(e)])
        if e.label_ in WRONG_FOR_PLACE and _key(e) in keys
        else e
        for e in ents
    ]
