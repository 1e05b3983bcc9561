"""Entity-shape steps of the post-NER corrections: headlines, name particles,
repeated names, possessives inside a person's name, region and feature names,
common words opening a sentence.

Steps ``step(doc, ents) -> ents`` like those of
``storyline.nlp.ner_corrections`` (which registers them); their word lists
are data in ``storyline.nlp.ner_rules``.

``headlines``
    In a title-case line ("Iran Launches New Rocket") capitals are no
    evidence of a name: an entity there is kept only when the body of the
    document names it too, or when its first words are a known place or
    such a body name (the rest is cut); otherwise it is dropped.
``particles``
    "Ursula von der Leyen" is one PERSON, however the model cut it.
``shapes``
    "David Gee David Gee" is two mentions; "Erdogan Ankara" is a person and a
    place when the document names each alone; a person's name ends before a
    possessive ("Al-Sharaa’s HTS" -> "Al-Sharaa"); "Central Java Province" is
    GPE and "Caspian Sea" LOC whatever the model said; a two-word PERSON that
    is a large city ("Banja Luka") is GPE; a lone sentence-opening word that
    the parser reads as an ordinary word and that is a common English word
    (wordfreq) is dropped ("Amid", "Escaped").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from storyline.nlp import doc_text
from storyline.nlp.ner_places import is_demonym, lookup_place
from storyline.nlp.ner_rules import (
    ALL_NAME_LABELS,
    COMMON_WORD_POS,
    COMMON_WORD_ZIPF,
    FEATURE_SUFFIXES,
    HEADLINE_CAPITAL_SHARE,
    HEADLINE_MIN_WORDS,
    HEADLINE_SMALL_WORDS,
    NAME_PARTICLES,
    POSSESSIVE_TOKENS,
    REGION_SUFFIXES,
    TITLES,
)

#: Parts of speech of an ordinary word, and how many capitalised ordinary
#: words make a title-case line a headline.
HEADLINE_ORDINARY_POS = frozenset({"VERB", "AUX", "SCONJ", "PRON", "NOUN", "ADJ", "ADV"})
#: Capitalised inside a line, one of these alone marks a headline: names
#: hold no verbs, subordinating conjunctions or pronouns ("Faces", "If", "Its").
HEADLINE_STRONG_POS = frozenset({"VERB", "AUX", "SCONJ", "PRON"})
HEADLINE_ORDINARY = 2
HEADLINE_MAX_WORDS = 20

#: Smallest city a person's last word may be split off as ("Erdogan Ankara").
MIN_FAMOUS_CITY = 1_000_000

#: Smallest city a two-word PERSON is taken for (GeoNames "major" place).
MIN_CITY = 100_000


# --------------------------------------------------------------- headlines


def headline_lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character ranges of the headline lines of the Doc: title
    case (most content words capitalised, no final full stop) *and* a
    capitalised verb, conjunction or pronoun inside the line ("Faces",
    "If") or at least
    ``HEADLINE_ORDINARY`` capitalised words the parser reads as ordinary
    words ("Halt", "Likely"). A list of names or a results table is title
    case too, but its capitals are names (and it has numbers, brackets or
    semicolons)."""
    text = doc_text(doc)
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        words = [w.strip("'\"‘’“”:,;()") for w in line.split()]
        words = [w for w in words if w and w[0].isalpha()]
        content = [w for w in words if w.lower() not in HEADLINE_SMALL_WORDS]
        if len(words) < HEADLINE_MIN_WORDS or not content or line.rstrip().endswith("."):
            continue
        if len(words) > HEADLINE_MAX_WORDS or any(c.isdigit() or c in ";(" for c in line):
            continue  # a results line or a list of players, not a headline
        capital = [w for w in content if w[0].isupper()]
        if len(capital) / len(content) < HEADLINE_CAPITAL_SHARE:
            continue
        if sum(w.isupper() for w in capital) * 2 >= len(capital):
            continue  # all caps or acronyms: a table, a rating line
        if any(w.lower() in {"v", "vs", "vs."} for w in line.split()):
            continue  # fixtures: "Reading v Stoke"
        span = doc.char_span(start, start + len(line), alignment_mode="contract")
        if span is None:
            continue
        ordinary = [
            t.pos_
            for t in span[1:]
            if t.is_title
            and t.pos_ in HEADLINE_ORDINARY_POS
            and t.lower_ not in HEADLINE_SMALL_WORDS
        ]
        if len(ordinary) >= HEADLINE_ORDINARY or HEADLINE_STRONG_POS & set(ordinary):
            out.append((start, start + len(line)))
    return out


def headlines(doc: Doc, ents: list[Span]) -> list[Span]:
    """Keep a headline entity only as far as the body confirms it."""
    lines = headline_lines(doc)
    if not lines:
        return ents

    def in_headline(e: Span) -> bool:
        return any(s <= e.start_char and e.end_char <= t for s, t in lines)

    body = {e.text.casefold(): e.label_ for e in ents if not in_headline(e)}
    out = []
    for ent in ents:
        if ent.label_ not in ALL_NAME_LABELS or not in_headline(ent):
            out.append(ent)
            continue
        for end in range(ent.end, ent.start, -1):
            piece = doc[ent.start : end]
            key = piece.text.casefold()
            if key in body:
                out.append(Span(doc, ent.start, end, label=body[key]))
                break
            if is_demonym(piece.text):
                out.append(Span(doc, ent.start, end, label="NORP"))
                break
            place = lookup_place(piece.text)
            if place is not None and place.major:
                label = "LOC" if place.kind == "continent" else "GPE"
                out.append(Span(doc, ent.start, end, label=label))
                break
    return out


# --------------------------------------------------------------- particles


def particles(doc: Doc, ents: list[Span]) -> list[Span]:
    """Join "Ursula" + "von der" + "Leyen" into one PERSON."""
    found: list[Span] = []
    for ent in ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"} or not ent[-1].is_title:
            continue
        k = ent.end
        while k < len(doc) and doc[k].text in NAME_PARTICLES:
            k += 1
        if k == ent.end or k >= len(doc) or not doc[k].is_title or not doc[k].is_alpha:
            continue
        end = k + 1
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        person = ent.label_ == "PERSON" or any(
            e.label_ == "PERSON" and e.start < end and ent.end < e.end for e in ents
        )
        prev = doc[ent.start - 1] if ent.start else None
        if person or (prev is not None and prev.lower_ in TITLES):
            found.append(Span(doc, ent.start, end, label="PERSON"))
    if not found:
        return ents
    keep = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    return sorted(found + keep, key=lambda s: s.start)


# ------------------------------------------------------------------ shapes


def _opens_sentence(doc: Doc, i: int) -> bool:
    """The first word of a sentence, after any quotes or brackets: the parser
    may run a sentence on after a closing quote ('state." Amid the ...')."""
    if doc[i].is_sent_start:
        return True
    k = i
    while k > 0 and (doc[k - 1].is_punct or doc[k - 1].is_space):
        if doc[k - 1].text in {".", "!", "?"} or "\n" in doc[k - 1].text:
            return True
        k -= 1
    return k == 0


def _names_next(doc: Doc, i: int) -> bool:
    """What follows reads as a name's: an appositive comma ("Said, a U.S.
    citizen") or a table's numbers ("Start 20 3 3")."""
    return i < len(doc) and (doc[i].text == "," or doc[i].like_num)


def _reshape(doc: Doc, ent: Span) -> list[Span]:
    """The entity as one or more spans of the right shape (empty: drop it)."""
    n = len(ent)
    words = [t.text for t in ent]
    if n >= 4 and n % 2 == 0 and words[: n // 2] == words[n // 2 :]:
        # a full name written twice; one word twice is a name ("Walla Walla")
        half = ent.start + n // 2
        return [Span(doc, ent.start, half, ent.label_), Span(doc, half, ent.end, ent.label_)]
    if ent.label_ == "PERSON":
        cut = next((t.i for t in ent[1:] if t.lower_ in POSSESSIVE_TOKENS), None)
        if cut is not None:
            return [Span(doc, ent.start, cut, "PERSON")]
    last = ent[-1].lower_
    if n >= 2 and ent[-1].is_title and ent.label_ not in {"GPE", "LOC", "FAC", "ORG"}:
        # ORG left alone: a team or a council is named after its county ("Ross County")
        if last in REGION_SUFFIXES:
            return [Span(doc, ent.start, ent.end, "GPE")]
        if last in FEATURE_SUFFIXES:
            return [Span(doc, ent.start, ent.end, "LOC")]
    if ent.label_ == "PERSON" and n == 2:
        place = lookup_place(ent.text)
        if place is not None and (place.kind != "city" or place.population >= MIN_CITY):
            return [Span(doc, ent.start, ent.end, "GPE")]
    if (
        n == 1
        and ent[0].is_title
        and ent[0].pos_ in COMMON_WORD_POS
        and _opens_sentence(doc, ent.start)
        and not _names_next(doc, ent.end)
        and zipf_frequency(ent[0].lower_, "en") >= COMMON_WORD_ZIPF
        and lookup_place(ent.text) is None
        and not is_demonym(ent.text)
    ):
        return []
    return [ent]


def shapes(doc: Doc, ents: list[Span]) -> list[Span]:
    places = {e.text.casefold() for e in ents if e.label_ in {"GPE", "LOC"}}
    # names the document gives alone (the model may call a surname ORG)
    people = {e.text.casefold() for e in ents if e.label_ in {"PERSON", "ORG", "NORP"}}
    out: list[Span] = []
    for ent in ents:
        if ent.label_ not in ALL_NAME_LABELS:
            out.append(ent)
            continue
        split = _person_then_place(doc, ent, people, places)
        out.extend(split if split else _reshape(doc, ent))
    return out


def _person_then_place(
    doc: Doc, ent: Span, people: set[str], places: set[str]
) -> list[Span] | None:
    """ "Erdogan Ankara" (a run-on heading): a PERSON whose last word is a
    place the document tags as such elsewhere, and whose other words the
    document names alone (as a person, or as an ORG the model mistook), is
    the person and the place. "Jack London" stays whole: no "Jack" alone."""
    if ent.label_ != "PERSON" or len(ent) < 2 or ent.text.isupper():
        return None
    head, last = doc[ent.start : ent.end - 1], ent[-1]
    place = lookup_place(last.text)
    if place is None or (place.kind == "city" and place.population < MIN_FAMOUS_CITY):
        return None  # a surname that is also a town ("Duran")
    if last.text.casefold() not in places or head.text.casefold() not in people:
        return None
    if head[-1].lower_ in POSSESSIVE_TOKENS:
        return None
    return [
        Span(doc, ent.start, ent.end - 1, "PERSON"),
        Span(doc, ent.end - 1, ent.end, "GPE"),
    ]
