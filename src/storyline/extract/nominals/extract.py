"""Link "the 67-year-old", "the actress", "the minister" to a named person.

A description is "the" + optional modifiers ("former", a nationality) + an
age ("67-year-old") and/or a person noun of ``rules.PERSON_NOUNS`` or
``rules.OFFICE_NOUNS``, not followed by a name ("the minister Sergei X" is
a title, not a reference) nor by "of" ("the president of France" may be
someone else). Its antecedent is, in order of evidence:

1. **role**: the one person the document titled with that noun before
   ("Foreign Minister Anna X" ... "the minister"), from the ``roles``
   extractor; two people with the title give no link;
2. **only_person** (ages and occupations, never offices): the one person
   named in this sentence before the description or in the two sentences
   before it.

Unknown stays unknown: no link is better than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.extract.nominals import rules as R
from storyline.extract.registry import extractor
from storyline.model import Mention, NominalMention, ParsedDocument, Role
from storyline.nlp import string_ids
from storyline.nlp.ner_places import is_demonym

_THE = string_ids(["the"])


def _person_key(text: str) -> str:
    """Surname key of a name: its last word, case-folded, possessive cut."""
    words = text.replace("\u2019", "'").split()
    last = words[-1] if words else ""
    if last.endswith("'s"):
        last = last[:-2]
    return last.strip(".,").casefold()


def _description(doc: Any, i: int) -> tuple[int, str] | None:
    """(end token, noun or "" for an age alone) of a description at ``the`` token ``i``."""
    k = i + 1
    while k < len(doc) and (doc[k].lower_ in R.MODIFIERS or is_demonym(doc[k].text)):
        k += 1
    aged = False
    if k + 5 <= len(doc):
        window = "".join(t.text for t in doc[k : k + 5])
        if R.AGE.fullmatch(window):
            aged = True
            k += 5
    noun = ""
    if k < len(doc) and doc[k].tag_ == "NN":
        low = doc[k].lower_
        if low in R.PERSON_NOUNS or low in R.OFFICE_NOUNS:
            noun = low
            k += 1
    if not aged and not noun:
        return None
    if k < len(doc):
        nxt = doc[k]
        if nxt.lower_ == "of" or (nxt.is_title and nxt.pos_ == "PROPN"):
            return None  # "the president of ...", "the minister Anna X"
        if nxt.ent_type_ == "PERSON" or nxt.tag_ in {"NN", "NNS", "NNP"}:
            return None  # "the 67-year-old man": a noun of its own; "the actress Y"
    return k, noun


def _sentence_of(doc: Any) -> list[int]:
    sent_of = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        sent_of[sent.start : sent.end] = [n] * (sent.end - sent.start)
    return sent_of


def _role_keys(roles: Sequence[Role], noun: str, before: int) -> set[str]:
    """Surname keys of the people titled with ``noun`` before offset ``before``."""
    keys = set()
    for role in roles:
        if role.person["start"] >= before:
            continue
        words = role.title["text"].replace("-", " ").lower().split()
        if noun in words:
            keys.add(_person_key(role.person["text"]))
    return keys


def _antecedent(
    people: list[Mention], start: int, sentence: int, noun: str, roles: Sequence[Role]
) -> tuple[Mention, str] | None:
    before = [m for m in people if m.end <= start]
    if not before:
        return None
    if noun:
        keys = _role_keys(roles, noun, start)
        if len(keys) > 1:
            return None  # two ministers: never guess
        if len(keys) == 1:
            key = next(iter(keys))
            named = [m for m in before if _person_key(m.text) == key]
            return (named[-1], "role") if named else None
        if noun in R.OFFICE_NOUNS and noun not in R.PERSON_NOUNS:
            return None  # an office needs the title as evidence
    near = [
        m
        for m in before
        if m.sentence is not None and sentence - R.WINDOW_SENTENCES <= m.sentence <= sentence
    ]
    if len({_person_key(m.text) for m in near}) != 1:
        return None
    return near[-1], "only_person"


@extractor("nominals", version="1", output="nominals", needs=("mentions", "roles"))
def extract_nominals(parsed: ParsedDocument) -> list[NominalMention]:
    doc = parsed.doc
    mentions: list[Mention] = parsed.results.get("mentions") or []
    people = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)
    if not people:
        return []
    roles: list[Role] = parsed.results.get("roles") or []
    lowers = doc.to_array("LOWER").tolist()
    sent_of: list[int] | None = None
    out: list[NominalMention] = []
    for i, low in enumerate(lowers):
        if low not in _THE:
            continue
        found = _description(doc, i)
        if found is None:
            continue
        end, noun = found
        if any(t.ent_type_ == "PERSON" for t in doc[i:end]):
            continue
        sent_of = sent_of or _sentence_of(doc)
        start, stop = parsed.original_span(doc[i].idx, doc[end - 1].idx + len(doc[end - 1]))
        link = _antecedent(people, start, sent_of[i], noun, roles)
        if link is None:
            continue
        ante, basis = link
        out.append(
            NominalMention(
                start=start,
                end=stop,
                text=parsed.text[start:stop],
                antecedent={"text": ante.text, "start": ante.start, "end": ante.end},
                basis=basis,
                confidence=R.CONFIDENCE[basis],
            )
        )
    return out
