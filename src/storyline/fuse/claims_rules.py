"""Rule tables for claims (``storyline.fuse.claims``): data only.

Written from general knowledge of English news wording, never from one
article; to change behaviour, edit a row here.
"""

from __future__ import annotations

import re

#: British and American spellings of words in titles, folded to one so that
#: "Deputy Defence Minister" and "deputy defense minister" are one role.
SPELLING: dict[str, str] = {
    "defence": "defense",
    "organisation": "organization",
    "programme": "program",
    "labour": "labor",
    "centre": "center",
    "counsellor": "counselor",
    "councillor": "councilor",
    "honour": "honor",
    "favour": "favor",
    "authorisation": "authorization",
}

#: Words that open a title but say nothing of the office ("the", "a", "its").
TITLE_STOP = frozenset({"the", "a", "an", "its", "his", "her", "their", "then", "current"})

#: Between an actor description and a name, only these characters make the
#: name an appositive of it ("the deputy minister, Viktor Gulevich, resigned").
APPOSITIVE_GAP = re.compile(r"\s*,\s*|\s+")
#: How far after an actor span an appositive name may start (characters).
APPOSITIVE_MAX = 3

#: Extraction confidence of a role statement: the roles extractor's patterns
#: (title before the name, appositive) are precise but give no score of their
#: own. A documented constant, not calibrated.
CONF_ROLE = 0.7
#: Extraction confidence of a "left office" statement read from a cue word
#: near the person's name (the status reading of the disagreements step).
CONF_STATUS = 0.6
#: The predicate a "left office" statement shares with a RETREAT event whose
#: trigger is "resign" (or a synonym), so the two readings meet in one claim.
LEFT_OFFICE_PREDICATE = "RETREAT:resign"
#: Words that turn a "left office" sentence into a denial of it (the claim,
#: negated) rather than a rumour or a question (no statement at all).
DENIAL = re.compile(
    r"(not|never|deny|denies|denied|denying|untru\w*|false|fake|baseless|nonsense"
    r"|no truth)\b|n't\b",
    re.IGNORECASE,
)

#: Below this a claim is shown as low confidence (as the other sections do).
LOW_CONFIDENCE = 0.5

#: A figure's measure (a cue word in its sentence, read by the disagreements
#: step) names a claim's predicate only when the figure counts people or troops
#: (these nouns, or a capitalised demonym such as "Belarusians"): the cue
#: table is about people ("evacuated", "killed", "fighting").
MEASURED_THINGS = frozenset({"people", "troop", "soldier", "serviceman", "servicemen"})

#: A plain count below this is a word, not a claim ("one user said").
MIN_COUNT = 2

#: Modalities from weakest to strongest commitment (a claim shows the strongest
#: of its affirming statements).
MODALITY_RANK = {"hedged": 1, "predicted": 2, "asserted": 3}

#: How a modality reads before the predicate in a claim's words.
MODALITY_WORDS = {"hedged": "may have / may", "predicted": "will / expected to"}

#: Sources in words: a journalist reads "two independent sources", not "2".
NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)
