"""Word lists and patterns of the post-NER corrections (``storyline.nlp.ner_corrections``).

Data only: the steps that apply these tables live in ``ner_corrections``.
Words are matched in lower case against single spaCy tokens, so an
abbreviation is listed as the tokenizer writes it ("gen.", "col.").
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The set of the blank-separated words of ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
ALL_NAME_LABELS = NAME_LABELS | {"PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
SCORE_TRIM_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
SCORE = re.compile(r"^\d+(?:[-:/.]\d+)*$")
SPORTS_NEXT = frozenset({"beat", "beats", "drew", "draw", "v", "vs", "vs.", "defeated", "lost"})
SPORTS_WORDS = _words(
    "innings wicket wickets inning innings homer homers touchdown touchdowns goalkeeper "
    "halftime half-time striker midfielder batsman bowler playoff playoffs quarterfinal "
    "semifinal semifinals quarter-final semi-final seeded unseeded rbi pitcher champions "
    "league soccer cricket tennis baseball basketball rugby hockey golf cycling"
)
TITLES = _words(
    "mr mr. mrs mrs. ms ms. dr dr. sir lady lord president minister premier chancellor "
    "general gen. gen colonel col. captain capt. lieutenant lt. sergeant sgt. ambassador "
    "secretary senator sen. governor gov. mayor king queen prince princess pope judge "
    "coach striker midfielder defender goalkeeper spokesman spokeswoman adviser advisor "
    "envoy commander chief leader dictator counterpart"
)
APPOSITIVE = TITLES | _words(
    "founder head director researcher expert analyst official aide deputy member "
    "activist journalist spokesperson lawyer professor chairman"
)
ORG_WORDS = _words(
    "council ministry service force forces army agency university institute center centre "
    "committee party bank company group news post times union office court fund "
    "organization organisation association board department command hospital police "
    "services daily clinic club"
)
SAY = frozenset({"said", "says", "told", "added", "stated", "claimed", "insisted", "warned"})
PLACE_PREV = _words(
    "in near outside from into towards toward across around via besieged inside through nearby"
)
PLACE_NOUNS = _words("village town city region province district oblast capital port suburb")
UNIT_WORDS = _words(
    "battalion battalions regiment regiments brigade brigades legion squadron corps "
    "detachment platoon division"
)
LEADING_DROP = frozenset({"the", "a", "an", "will", "would", "did", "does", "do", "is", "was"})
