"""Entity-kind steps of the post-NER corrections: names whose kind general
knowledge or the words right around them settle, where the small model's
guess is a coin toss on real news.

Steps ``step(doc, ents) -> ents`` like those of
``storyline.nlp.ner_corrections`` (which registers all but ``compounds``: CoNLL
tags "Boston-based" MISC, so the mention extractor applies that one); their
word lists are data in ``storyline.nlp.ner_rules``.

``compounds``
    "New York-based", "Iran-backed": a hyphenated adjective is no name; the
    part before the hyphen is one when the model called the whole a PERSON or
    ORG ("Hamas-led" -> "Hamas", same label) or it is a known place (GPE/LOC).
``kinds``
    A known news outlet is an ORG whatever the model said ("Financial Times"
    as EVENT), and two outlets joined by "and" are two; an acronym of a common
    noun ("AI", "GDP") is no name; a holiday is a date ("Christmas" as GPE);
    a "nationality" with a
    digit is a model code, PRODUCT ("S-400"); an ethnic or religious
    group from ``GROUP_NAMES`` is NORP ("Uyghurs", "Druze"), and so is each
    member of a list of them ("Druze, Ismaili"); a group name followed by a
    place is the group and the place ("Uyghurs Thailand").
``contexts``
    A PERSON the words around show to be something else: a group or movement
    before "conflict", "factions", "militants" ("the Boko Haram conflict"); a
    company after a company noun ("Spanish utility Endesa", "tech giant
    Baidu") or before "chief", "shares" ("Baidu chief Robin Li"); an
    organisation after a role held at one ("director for Birdlife Spain"); a
    product as the object of "launch"/"unveil" ("has launched Ernie Bot").
    Each relabels every mention of that name in the document. A GPE that the
    gazetteer does not know, after a company noun ("energy giant Iberdrola"),
    is an ORG at every mention the model typed GPE.
``openers``
    A one-word name that opens its sentence, is never capitalised elsewhere in
    the document, is read by the parser as a common noun and is a common
    WordNet noun ("Wreckage", "Deaths", "Review") is no name.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from storyline.nlp.ner_places import lookup_place
from storyline.nlp.ner_rules import (
    ALL_NAME_LABELS,
    COMMON_ACRONYMS,
    COMPANY_NEXT,
    COMPANY_NOUNS,
    COMPOUND_SUFFIXES,
    GROUP_HEAD_NOUNS,
    GROUP_NAMES,
    HOLIDAY_PLACE_ENDS,
    HOLIDAYS,
    LAUNCH_VERBS,
    OPENER_NOUN_ZIPF,
    ORG_LIST_HEADS,
    ORG_ROLE_NOUNS_AT,
    ORG_ROLE_NOUNS_FOR,
    SAY,
)
from storyline.outlets import name_key, outlets

HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
LIST_JOINERS = frozenset({",", "and", "&", "or"})
#: Words that open an enumeration after its head noun ("groups, including",
#: "companies such as", "platforms like"), and how far a list is followed.
LIST_CUES = frozenset({"including", "like", "includes", "include"})
LIST_WINDOW = 12


def _place_label(text: str) -> str | None:
    place = lookup_place(text)
    if place is None:
        return None
    return "LOC" if place.kind == "continent" else "GPE"


# -------------------------------------------------------------- compounds


def compounds(doc: Doc, ents: list[Span]) -> list[Span]:
    """Cut "-based", "-backed", ... off a name; keep the rest only when it is a
    place or the model called the whole a person or an organisation."""
    out = []
    for ent in ents:
        if (
            ent.label_ not in ALL_NAME_LABELS
            or len(ent) < 3
            or ent[-1].lower_ not in COMPOUND_SUFFIXES
            or ent[-2].text not in HYPHENS
        ):
            out.append(ent)
            continue
        head = doc[ent.start : ent.end - 2]
        if ent.label_ in {"PERSON", "ORG"}:
            label: str | None = ent.label_  # "Hamas-led": the model saw an actor
        else:
            label = _place_label(head.text)
        if label is not None and any(c.isupper() for c in head.text):
            out.append(Span(doc, head.start, head.end, label=label))
    return out


# ------------------------------------------------------------------ kinds


@lru_cache(maxsize=1)
def _outlets() -> frozenset[str]:
    """Known outlet names and aliases, case-folded (the shared outlet table)."""
    names = {name_key(o.name) for o in outlets()}
    names |= {name_key(a) for o in outlets() for a in o.aliases}
    # two words at least: a one-word outlet is a common word or place too
    # ("The Hill", "The Hindu", "The Atlantic", "Nikkei")
    return frozenset(n for n in names if " " in n)


def _outlet(text: str) -> bool:
    return name_key(text) in _outlets()


def _group(words: Span) -> bool:
    """One group word, not the first word of a longer name or title after it
    ("Maronite Patriarch Sfeir")."""
    if len(words) != 1 or words[0].lower_ not in GROUP_NAMES:
        return False
    doc = words.doc
    return words.end >= len(doc) or not doc[words.end].is_title


def _pieces(doc: Doc, ent: Span) -> list[Span]:
    """The names of a list inside one entity ("Druze, Ismaili"), joiners left out."""
    pieces, start = [], ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].lower_ in LIST_JOINERS:
            if i > start:
                pieces.append(doc[start:i])
            start = i + 1
    return pieces


def kinds(doc: Doc, ents: list[Span]) -> list[Span]:
    """Known outlets are ORG, known ethnic and religious groups NORP."""
    out: list[Span] = []
    for ent in ents:
        if ent.label_ not in ALL_NAME_LABELS:
            out.append(ent)
            continue
        if ent.text.isupper() and ent.text.casefold() in COMMON_ACRONYMS:
            continue  # "AI", "GDP": a common noun in capitals
        if ent[0].lower_ in HOLIDAYS and not (
            len(ent) > 1 and (_place_label(ent.text) or ent[-1].lower_ in HOLIDAY_PLACE_ENDS)
        ):
            out.append(Span(doc, ent.start, ent.end, label="DATE"))  # "Christmas" as GPE
            continue
        pieces = _pieces(doc, ent)
        if len(pieces) > 1 and all(_outlet(p.text) for p in pieces):
            out += [Span(doc, p.start, p.end, label="ORG") for p in pieces]
        elif len(pieces) > 1 and all(_group(p) for p in pieces):
            out += [Span(doc, p.start, p.end, label="NORP") for p in pieces]
        elif ent.label_ != "ORG" and _outlet(ent.text):
            out.append(Span(doc, ent.start, ent.end, label="ORG"))
        elif ent.label_ == "NORP" and any(c.isdigit() for c in ent.text):
            # No nationality or group has a digit: a model code ("S-400s").
            out.append(Span(doc, ent.start, ent.end, label="PRODUCT"))
        elif _group(ent):
            out.append(ent if ent.label_ == "NORP" else Span(doc, ent.start, ent.end, label="NORP"))
        elif len(ent) >= 2 and ent[0].lower_ in GROUP_NAMES and _place_label(ent[1:].text):
            out.append(Span(doc, ent.start, ent.start + 1, label="NORP"))
            out.append(Span(doc, ent.start + 1, ent.end, label=_place_label(ent[1:].text)))
        else:
            out.append(ent)
    return out


# --------------------------------------------------------------- contexts


def _word_before(doc: Doc, i: int) -> str:
    return doc[i - 1].lower_ if i > 0 else ""


def _context_label(doc: Doc, ent: Span) -> str | None:
    """ORG when the words around a PERSON show a group, company or organisation."""
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in GROUP_HEAD_NOUNS and nxt.pos_ == "NOUN":
        return _place_label(ent.text) or "ORG"  # "the Boko Haram conflict", "Gaza fighters"
    if nxt is not None and nxt.lower_ in COMPANY_NEXT and nxt.pos_ in {"NOUN", "PROPN"}:
        after = doc[nxt.i + 1].lower_ if nxt.i + 1 < len(doc) else ""
        if after != "of":  # "Trump chief of staff": a person's aide
            return "ORG"
    if _word_before(doc, ent.start) in COMPANY_NOUNS:
        return "ORG"  # "Spanish utility Endesa"
    root = ent.root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in LAUNCH_VERBS:
        return "PRODUCT"  # "the firm has launched Quibly Chat": people are not launched
    prep = _word_before(doc, ent.start)
    role = _word_before(doc, ent.start - 1)
    if (prep == "at" and role in ORG_ROLE_NOUNS_AT) or (
        prep == "for" and role in ORG_ROLE_NOUNS_FOR
    ):
        return "ORG"  # "network director for Birdlife Spain"
    return None


def _listed_label(doc: Doc, ent: Span) -> str | None:
    """ORG for a name in an enumeration of organisations (Hearst patterns):
    "armed groups, including Boko Haram and ...", "platforms such as X",
    "X, Y and other companies"."""
    i, steps = ent.start - 1, 0
    while i >= 0 and steps < LIST_WINDOW:  # back over the list to its cue
        tok = doc[i]
        if tok.lower_ in LIST_CUES or (tok.lower_ == "as" and _word_before(doc, i) == "such"):
            k = i - (2 if tok.lower_ == "as" else 1)
            while k >= 0 and doc[k].text == ",":
                k -= 1
            if k >= 0 and doc[k].lower_ in ORG_LIST_HEADS:
                return "ORG"
            break
        if not (tok.text in LIST_JOINERS or tok.lower_ in LIST_JOINERS or tok.is_title):
            break
        i, steps = i - 1, steps + 1
    i, steps = ent.end, 0
    while i < len(doc) and steps < LIST_WINDOW:  # on to "and other companies"
        tok = doc[i]
        if tok.lower_ in {"other", "many", "several"} and i > ent.end:
            k = i + 1
            if k < len(doc) and doc[k].pos_ == "ADJ":
                k += 1  # "and other internet platforms": an adjective or noun modifier
            if k + 1 < len(doc) and doc[k].pos_ == "NOUN" and doc[k + 1].lower_ in ORG_LIST_HEADS:
                k += 1
            if k < len(doc) and doc[k].lower_ in ORG_LIST_HEADS:
                return "ORG"
            break
        if not (tok.lower_ in LIST_JOINERS or tok.is_title or tok.text in {"'s", "’s"}):
            break
        i, steps = i + 1, steps + 1
    return None


def contexts(doc: Doc, ents: list[Span]) -> list[Span]:
    """Relabel every mention of a PERSON name the context shows to be an ORG,
    unless some mention is a person's by a verb of saying right after it."""
    found: dict[str, str] = {}
    said: set[str] = set()
    people = {e.text.casefold() for e in ents if e.label_ == "PERSON"}
    firms = {
        e.text.casefold()
        for e in ents
        if e.label_ == "GPE"
        and _word_before(doc, e.start) in COMPANY_NOUNS
        and _place_label(e.text) is None
    }  # "energy giant Iberdrola": no place the gazetteer knows
    for ent in ents:
        key = ent.text.casefold()
        if ent.label_ not in {"PERSON", "ORG"} or key not in people:
            continue  # an ORG mention's context counts for the same name tagged PERSON
        if ent.end < len(doc) and doc[ent.end].lower_ in SAY:
            said.add(key)
        label = _context_label(doc, ent) or _listed_label(doc, ent)
        if label is not None:
            found[key] = label
    if not found and not firms:
        return ents
    out = []
    for ent in ents:
        label = found.get(ent.text.casefold()) if ent.label_ == "PERSON" else None
        if ent.label_ == "GPE" and ent.text.casefold() in firms:
            label = "ORG"
        if label is not None and ent.text.casefold() not in said:
            ent = Span(doc, ent.start, ent.end, label=label)
        out.append(ent)
    return out


# ---------------------------------------------------------------- openers


def opens_sentence(doc: Doc, i: int) -> bool:
    """The first word of its sentence, quotes and brackets before it aside."""
    k = i
    while k > 0 and (doc[k - 1].is_punct or doc[k - 1].is_space):
        if doc[k - 1].text in {".", "!", "?"} or "\n" in doc[k - 1].text:
            return True
        k -= 1
    return k == 0 or doc[k].is_sent_start


@lru_cache(maxsize=1)
def _wordnet_nouns() -> frozenset[str]:
    """Single-word WordNet nouns (the index the despin stage reads)."""
    from storyline.despin.lexical import compounds as wordnet

    comp = wordnet()
    return frozenset(comp.senses) if comp is not None else frozenset()


def openers(doc: Doc, ents: list[Span]) -> list[Span]:
    """Drop a lone sentence-opening common noun read as a name ("Wreckage")."""
    lone = [
        e
        for e in ents
        if e.label_ in ALL_NAME_LABELS
        and len(e) == 1
        and e[0].pos_ in {"NOUN", "PROPN"}
        and e[0].is_title
        and opens_sentence(doc, e.start)
    ]
    if not lone:
        return ents
    inside = {t.lower_ for t in doc if t.is_title and not opens_sentence(doc, t.i)}
    nouns = _wordnet_nouns()
    drop = set()
    for e in lone:
        word, lemma = e[0].lower_, e[0].lemma_.lower()
        if word in inside or not (lemma in nouns or word in nouns):
            continue  # capitalised mid-sentence too, or no common noun: a name
        if zipf_frequency(word, "en") < OPENER_NOUN_ZIPF:
            continue
        nxt = doc[e.end] if e.end < len(doc) else None
        if nxt is None or not (nxt.text == "&" or (nxt.is_lower and nxt.is_alpha)):
            continue  # "Essex 194-0", "Morocco 's", "Interior Minister": a name's company
        if nxt.lower_ in SAY or nxt.pos_ in {"VERB", "AUX"}:
            continue  # "Trump has ordered", "Smith said": a name as the subject
        if lookup_place(e.text) is not None or word in GROUP_NAMES:
            continue  # "Germany and Poland agreed", "Catholics around the world"
        prev = doc[e.start - 1] if e.start > 0 else None
        if prev is not None and prev.text == "The":
            continue  # "The\nOval": a name cut by a line break
        drop.add(e.start)
    return [e for e in ents if e.start not in drop or len(e) != 1]
