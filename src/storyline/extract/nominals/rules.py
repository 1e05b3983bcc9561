"""Data of the nominal-coreference extractor (``storyline.extract.nominals``).

Precision first: a description is linked only when a title the document gave
one person matches it, or when exactly one person is named in the few
sentences before it. Nouns that often name someone *else* than the person
just mentioned ("the victim", "the suspect", "the official", "the source")
are left out on purpose.
"""

from __future__ import annotations

import re

from storyline.lexicon import (
    ADVISER_TITLES,
    OFFICE_TITLES,
    PRESS_ROLES,
    ROYAL_TITLES,
    SPOKESPERSON_TITLES,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Offices: "the minister" is linked only to a person the document gave that
#: title ("Foreign Minister X"), never by position alone: a story names
#: several ministers, and "the president" is often one not named.
OFFICE_NOUNS = (
    OFFICE_TITLES
    | ROYAL_TITLES
    | SPOKESPERSON_TITLES
    | ADVISER_TITLES
    | _words("commander general colonel chairman chairwoman lawmaker legislator ceo")
) - {"leader", "secretary", "envoy"}

#: Occupations and other descriptions of one person ("the actress", "the
#: singer"): linked by a matching title, or to the only person named just before.
PERSON_NOUNS = PRESS_ROLES | _words(
    "actor actress singer rapper musician songwriter composer artist painter "
    "writer author novelist poet playwright filmmaker comedian presenter "
    "athlete footballer striker goalkeeper tennis-player boxer cyclist swimmer sprinter "
    "businessman businesswoman billionaire tycoon entrepreneur philanthropist "
    "economist scientist researcher professor academic historian analyst "
    "activist dissident blogger campaigner lawyer "
    "dictator monarch pontiff"
)

#: Words allowed between "the" and the noun ("the former minister", "the
#: veteran actress", "the Belarusian dictator"): adjectives of time and
#: standing; a nationality word is allowed by the pattern itself.
MODIFIERS = _words("former veteran late retired longtime long-time award-winning exiled jailed")

#: "the 67-year-old" (optionally followed by a noun of PERSON_NOUNS).
AGE = re.compile(r"\d{1,3}-year-old")

#: How far back an "only person" antecedent may be: this sentence and the
#: two before it.
WINDOW_SENTENCES = 2

CONFIDENCE = {"role": 0.85, "only_person": 0.7}
