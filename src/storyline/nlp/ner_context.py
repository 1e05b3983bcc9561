"""Document-context steps of the post-NER corrections: what the rest of the
document says about a name's words, its short form and the slot it fills.

Steps ``step(doc, ents) -> ents`` like those of
``storyline.nlp.ner_corrections``, which registers them after
``consistency``; their word lists and thresholds are data in
``storyline.nlp.ner_rules``. Each looks only at this one document.

``known_names``
    A mention that is part of a longer name the document tags elsewhere, in
    the same words and the same casing at this place, becomes that longer
    name: "Vitesse Arnhem" tagged once in a results line, then only
    "Vitesse" of "Vitesse Arnhem" in a standings row. Only when the mention
    already has the longer name's label, the longer name ends in a
    capitalised word ("EU farm ministers" is no name) and every entity the
    longer name would cover lies inside it.
``short_forms``
    A company named once with its legal form ("Cofinec S.A.", "Brush Wellman
    Inc") is the same company without it: the bare name tagged PERSON, a
    place or a product elsewhere in the document becomes ORG (not when the
    bare name is a known place or a nationality word).
``fixtures``
    Names on either side of "v" in a list of fixtures ("Hull v Barnet, Stoke
    v Reading") are of one kind: where at least ``FIXTURE_MIN`` such names
    have one label by a share of ``FIXTURE_SHARE``, the few others take it
    (teams by their town's name tagged as places; players in a tennis draw
    alike).
``acronyms``
    An acronym defined in brackets right after an organisation's name whose
    initials it fits ("Reserve Bank of Australia (RBA)", "... Agency [IAEA]")
    is that
    organisation at every use in the document, tagged or not. Only for ORG:
    the long form's other labels are too often wrong to spread.

Measured on CoNLL-2003 train folds (models that never saw them) before being
kept, thresholds tuned there: docs/accuracy.md, "NER: documents as context".
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from storyline.nlp.ner_places import is_demonym, lookup_place
from storyline.nlp.ner_rules import (
    ACRONYM_BRACKETS,
    ACRONYM_LETTERS,
    ACRONYM_SKIP,
    FIXTURE_LABELS,
    FIXTURE_MIN,
    FIXTURE_SHARE,
    FIXTURE_WORDS,
    LEGAL_FORMS,
    LEGAL_PREFIXES,
    NAME_LABELS,
)

Word = tuple[str, bool]  # a token's lower-case form and whether it is all lower case


def _on_one_line(doc: Doc, start: int, end: int) -> bool:
    return not any(doc[k].is_space for k in range(start, end))


def _words(doc: Doc, start: int, end: int) -> tuple[Word, ...]:
    return tuple((doc[k].lower_, doc[k].is_lower) for k in range(start, end))


def _longer_names(ents: list[Span]) -> dict[str, list[tuple[tuple[Word, ...], int, str]]]:
    """Multi-word names of the document with one clear label, indexed by each of
    their words: word -> (the name's words, the word's position, label)."""
    labels: dict[tuple[Word, ...], Counter[str]] = defaultdict(Counter)
    for e in ents:
        if (
            e.label_ in NAME_LABELS
            and len(e) >= 2
            and not e[-1].is_lower
            and _on_one_line(e.doc, e.start, e.end)
        ):
            labels[_words(e.doc, e.start, e.end)][e.label_] += 1
    index: dict[str, list[tuple[tuple[Word, ...], int, str]]] = defaultdict(list)
    for words, counts in labels.items():
        (label, n), *rest = counts.most_common()
        if rest and rest[0][1] == n:
            continue  # no clear label: leave its parts alone
        for j, (word, _) in enumerate(words):
            index[word].append((words, j, label))
    return index


def known_names(doc: Doc, ents: list[Span]) -> list[Span]:
    index = _longer_names(ents)
    if not index:
        return ents
    owner = {k: i for i, e in enumerate(ents) for k in range(e.start, e.end)}
    grown: list[Span] = []
    covered: set[int] = set()
    taken: set[int] = set()  # tokens of the grown names
    for i, e in enumerate(ents):
        if i in covered or e.label_ not in NAME_LABELS:
            continue
        best: tuple[int, int, str, set[int]] | None = None
        for words, j, label in index.get(e[0].lower_, ()):
            start = e.start - j
            end = start + len(words)
            if (
                len(words) <= len(e)
                or label != e.label_
                or start < 0
                or end > len(doc)
                or (best is not None and end - start <= best[1] - best[0])
                or _words(doc, start, end) != words
                or not _on_one_line(doc, start, end)
                or not taken.isdisjoint(range(start, end))
            ):
                continue
            inside = {owner[k] for k in range(start, end) if k in owner}
            if all(start <= ents[m].start and ents[m].end <= end for m in inside):
                best = (start, end, label, inside)
        if best is not None:
            start, end, label, inside = best
            grown.append(Span(doc, start, end, label=label))
            covered |= inside
            taken.update(range(start, end))
    if not grown:
        return ents
    return sorted(
        grown + [e for i, e in enumerate(ents) if i not in covered], key=lambda s: s.start
    )


SHORT_FORM_FROM = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def _core(name: Span) -> Span | None:
    """The company name without its legal form ("Costain Group" of "Costain
    Group Plc", "Gazprom" of "RAO Gazprom"), or None when it has none."""
    start, end = name.start, name.end
    if name[-1].lower_ in LEGAL_FORMS:
        end -= 1
        while end > start and name.doc[end - 1].lower_ in {"&", "and", ","}:
            end -= 1
    elif name[0].lower_ in LEGAL_PREFIXES:
        start += 1
    else:
        return None
    core = name.doc[start:end]
    if not len(core) or not all(t.is_alpha or t.text in {"&", "-"} for t in core):
        return None
    return core


def _short_names(ents: list[Span]) -> set[str]:
    """The document's bare company names: each leading part of a legal-form
    name's core that ends in a capitalised word ("Costain", "Costain Group")."""
    parts: set[str] = set()
    for e in ents:
        if e.label_ != "ORG" or len(e) < 2:
            continue
        core = _core(e)
        if core is None:
            continue
        # "RAO Gazprom": the core is the bare name; "Costain Group Plc": any
        # leading part of the core may stand for the company
        ends = [len(core)] if core.start > e.start else range(1, len(core) + 1)
        for k in ends:
            part = core[:k]
            if part[-1].is_alpha and not part[-1].is_lower:
                parts.add(part.text.casefold())
    if not parts:
        return parts
    # words of the document's people ("Gerald Ford"), but not of a company's
    # bare name the model took for a person ("Costain Group" tagged PERSON)
    person_words = {
        t.lower_
        for e in ents
        if e.label_ == "PERSON" and len(e) > 1 and e.text.casefold() not in parts
        for t in e
        if t.is_alpha
    }
    out: set[str] = set()
    for text in parts:
        place = lookup_place(text)
        if (place is not None and place.major) or is_demonym(text):
            continue  # "Ukraine" of "Ukraine International Airlines Ltd"
        if " " not in text and text in person_words:
            continue  # "Ford" of "Ford Motor Co" beside "Gerald Ford"
        out.add(text)
    return out


def short_forms(doc: Doc, ents: list[Span]) -> list[Span]:
    bare = _short_names(ents)
    if not bare:
        return ents
    return [
        Span(doc, e.start, e.end, label="ORG")
        if e.label_ in SHORT_FORM_FROM and e.text.casefold() in bare
        else e
        for e in ents
    ]


def _beside(doc: Doc, i: int, step: int) -> Token | None:
    """The token next to ``i`` in direction ``step`` on the same line, or None."""
    k = i + step
    if 0 <= k < len(doc) and not doc[k].is_space:
        return doc[k]
    return None


def _kind(label: str) -> str:
    return "GPE" if label == "LOC" else label


def fixtures(doc: Doc, ents: list[Span]) -> list[Span]:
    slot: list[int] = []
    for i, e in enumerate(ents):
        if e.label_ not in FIXTURE_LABELS:
            continue
        before, after = _beside(doc, e.start, -1), _beside(doc, e.end - 1, 1)
        if any(t is not None and t.lower_ in FIXTURE_WORDS for t in (before, after)):
            slot.append(i)
    if len(slot) < FIXTURE_MIN:
        return ents
    counts = Counter(_kind(ents[i].label_) for i in slot)
    label, n = counts.most_common(1)[0]
    if n == len(slot) or n / len(slot) < FIXTURE_SHARE:
        return ents
    out = list(ents)
    for i in slot:
        if _kind(ents[i].label_) != label:
            out[i] = Span(doc, ents[i].start, ents[i].end, label=label)
    return out


def _initials_fit(acronym: str, name: Span) -> bool:
    """ "RBA" fits "Reserve Bank of Australia", "NATO" fits "North Atlantic
    Treaty Organization": the acronym's first letter opens the name and its
    letters are, in order, initials of the name's words (or letters of them)."""
    letters = acronym.lower()
    words = [t.text.lower() for t in name if t.is_alpha]
    if not words or words[0][0] != letters[0]:
        return False
    text = " ".join(words)
    at = 0
    for ch in letters:
        at = text.find(ch, at)
        if at < 0:
            return False
        at += 1
    return sum(w[0] in letters for w in words if w not in ACRONYM_SKIP) >= min(2, len(words))


def acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    defined: dict[str, str] = {}
    for e in ents:
        if e.label_ != "ORG" or len(e) < 2:
            continue
        k = e.end
        if k + 2 < len(doc) and (doc[k].text, doc[k + 2].text) in ACRONYM_BRACKETS:
            acr = doc[k + 1]
            if (
                acr.is_alpha
                and acr.is_upper
                and ACRONYM_LETTERS[0] <= len(acr) <= ACRONYM_LETTERS[1]
                and _initials_fit(acr.text, e)
            ):
                defined.setdefault(acr.text, e.label_)
    if not defined:
        return ents
    out = [
        Span(doc, e.start, e.end, label=defined[e.text])
        if e.text in defined and e.label_ != defined[e.text]
        else e
        for e in ents
    ]
    taken = {k for e in out for k in range(e.start, e.end)}
    added = [
        Span(doc, t.i, t.i + 1, label=defined[t.text])
        for t in doc
        if t.text in defined and t.i not in taken
    ]
    return sorted(out + added, key=lambda s: s.start) if added else out
