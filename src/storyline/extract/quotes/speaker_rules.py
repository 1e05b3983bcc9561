"""Speaker words of the quote extractor (``speakers.py``, the filter's source features).

Pronouns, titles, organisation / collective / anonymous heads and person
descriptions: what kind of speaker a noun phrase is and how far back its
antecedent may be looked for.
"""

from __future__ import annotations

from storyline.lexicon import (
    EXPERT_ROLES,
    GOVERNMENT_ROLES,
    HONORIFIC_ABBREVIATIONS,
    MILITARY_ROLES,
    OFFICE_ABBREVIATIONS,
    OFFICE_TITLES,
    ORGANISATION_ROLES,
    SPOKESPERSON_TITLES,
    written_forms,
)

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
#: Pronouns of one organisation or thing, and the tags of a plural head,
#: which such a pronoun never takes up.
PRONOUNS_THING = frozenset({"it"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
PRONOUNS_GROUP = frozenset({"they", "them", "it", "we"})
PRONOUNS_SELF = frozenset({"i", "we", "you"})
#: Tags of relative pronouns ("who", "which", "that" as a subject): a source
#: of their own clause, never the speaker a later quotation goes on from.
RELATIVE_TAGS = frozenset({"WP", "WDT"})

#: Titles and role words that may precede a name ("analyst Romanenko"): a
#: speaker is "title+name" when one of these comes before the name. Tokens are
#: compared whole, so abbreviations come with and without the dot (but "lt"
#: and "sgt" bare only) and the hyphenated "lieutenant-general" is a word of
#: its own. Quotes also treats "head" and "chief" as titles before a name, and
#: social-media speakers ("Telegram user X", "blogger X") as titled. The gaps
#: against the lexicon ("premier", "envoy", "sir" only of the honorifics...)
#: are as the quote filter was trained: its source features read this set.
TITLE_WORDS = (
    written_forms(HONORIFIC_ABBREVIATIONS)
    | {"sir"}
    | written_forms({"gen", "col"} | OFFICE_ABBREVIATIONS)
    | {"lt", "sgt"}
    | (OFFICE_TITLES - {"premier", "chancellor", "envoy", "dictator"})
    | SPOKESPERSON_TITLES
    | (GOVERNMENT_ROLES - {"diplomat", "lawmaker", "chair"})
    | MILITARY_ROLES
    | {"general", "lieutenant-general"}
    | (EXPERT_ROLES - {"economist", "scientist", "fellow"})
    | (ORGANISATION_ROLES - {"ceo", "coordinator", "representative", "member"})
    | {"journalist", "user", "blogger"}
)

#: Heads of descriptions that denote an organisation ("the center said").
ORG_HEADS = frozenset(
    [
        "center",
        "centre",
        "ministry",
        "agency",
        "committee",
        "government",
        "office",
        "department",
        "service",
        "campaign",
        "company",
        "group",
        "council",
        "authority",
        "authorities",
        "administration",
        "embassy",
        "commission",
        "party",
        "army",
        "military",
        "police",
        "outlet",
        "newspaper",
        "channel",
        "network",
        "institute",
        "institution",
        "university",
        "organisation",
        "organization",
        "foundation",
        "fund",
        "bureau",
        "court",
        "parliament",
        "kremlin",
        "white",
        "house",
        "regime",
        "board",
        "union",
        "alliance",
        "coalition",
        "team",
        "firm",
        "bank",
        "outfit",
        "faction",
        "militia",
    ]
)

#: Heads of organisation descriptions that never stand for a country or a
#: place: "the separatist group" after "Pakistan" is not Pakistan.
NON_STATE_HEADS = frozenset(
    [
        "group",
        "organisation",
        "organization",
        "party",
        "company",
        "firm",
        "campaign",
        "alliance",
        "coalition",
        "team",
        "union",
        "outlet",
        "newspaper",
        "channel",
        "network",
        "institute",
        "university",
        "foundation",
        "fund",
        "bank",
        "movement",
        "outfit",
        "faction",
        "militia",
    ]
)
#: Entity types of countries and places, which those heads skip.
STATE_LABELS = frozenset({"GPE", "LOC"})
#: Parts of speech of the capitalised words that make an organisation
#: description name its own referent ("the Pakistan military").
OWN_NAME_POS = frozenset({"PROPN", "ADJ"})

#: Heads of plural descriptions that denote a collective ("the troops chant").
COLLECTIVE_HEADS = frozenset(
    [
        "troops",
        "soldiers",
        "protesters",
        "protestors",
        "demonstrators",
        "crowd",
        "residents",
        "people",
        "citizens",
        "voters",
        "supporters",
        "fighters",
        "volunteers",
        "villagers",
        "workers",
        "students",
        "officials",
        "leaders",
        "activists",
        "critics",
        "opponents",
        "members",
        "lawmakers",
        "democrats",
        "republicans",
        "belarusians",
        "ukrainians",
        "russians",
        "americans",
        "analysts",
        "experts",
        "observers",
        "authorities",
        "forces",
    ]
)

#: Heads of anonymous speakers ("a source", "sources", "one Reddit user").
ANONYMOUS_HEADS = frozenset(
    [
        "source",
        "sources",
        "insider",
        "insiders",
        "official",
        "person",
        "witness",
        "user",
        "resident",
        "eyewitness",
        "guard",
        "soldier",
        "troop",
        "man",
        "woman",
        "commenter",
        "poster",
        "someone",
        "spokesperson",
    ]
)
#: Determiners that make a description indefinite (anonymous).
INDEFINITE_DETS = frozenset({"a", "an", "one", "another", "some", "several", "two", "three"})

#: Words before a description's head that make it someone *else* ("another
#: user", "a second official", "other residents"): never resolved to an
#: earlier mention with the same head; an unnamed source.
DISTINCT_WORDS = frozenset({"another", "other", "second", "third", "different"})

#: Person descriptions that resolve to the most recent named person
#: ("the 67-year-old", "the dictator", "the president").
PERSON_DESCRIPTION_HEADS = frozenset(
    [
        "president",
        "dictator",
        "leader",
        "minister",
        "official",
        "spokesman",
        "spokeswoman",
        "chief",
        "general",
        "analyst",
        "expert",
        "researcher",
        "adviser",
        "advisor",
        "senator",
        "governor",
        "mayor",
        "candidate",
        "nominee",
        "ambassador",
        "commander",
        "director",
        "chairman",
        "founder",
        "activist",
        "defender",
        "man",
        "woman",
        "businessman",
        "politician",
        "lawmaker",
        "democrat",
        "republican",
        "year-old",
    ]
)

#: Person-ish named-entity labels and organisation-ish ones.
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
#: Labels of places: a word the corrected entities give one of them is never
#: a person's surname, whatever one earlier mention of it was tagged.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Paragraphs a pronoun or description may look back over for its antecedent.
ANTECEDENT_PARAGRAPHS = 4

#: A headline speaker named by title only ("Mayor vows ...") is the first
#: person with that title within this many tokens below it.
HEADLINE_TITLE_TOKENS = 400
