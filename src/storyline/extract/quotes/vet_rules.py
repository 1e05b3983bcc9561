"""Data tables of the attribution vetting step (``vetting.py``).

What is not speech and who cannot be a speaker, written from general
knowledge of English news prose and of attribution guidelines (PARC /
PolNeAR: a source is the entity the cue's syntax gives), not from any one
article. ``vetting.py`` reads only these tables.
"""

from __future__ import annotations

#: Entity labels of a phrase that counts, measures or dates something: never
#: a speaker ("only 13 percent of voters", "two-thirds", "Monday").
NUMBER_LABELS = frozenset({"PERCENT", "CARDINAL", "QUANTITY", "MONEY", "DATE", "TIME", "ORDINAL"})

#: Head nouns of a proportion of a group ("the majority of whom", "a share of
#: voters"): the proportion is no speaker of its own.
PROPORTION_HEADS = frozenset(
    {
        "percent",
        "%",
        "per",
        "majority",
        "minority",
        "half",
        "third",
        "quarter",
        "share",
        "proportion",
        "fraction",
        "number",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
    }
)

#: Heads that name one member of a group ("one of the advisers", "one of
#: two witnesses"): with an "of" phrase a person, not a number phrase.
MEMBER_HEADS = frozenset({"one"})
MEMBER_PREPS = frozenset({"of"})

#: Entity labels of places: a place speaks only by metonymy for its
#: government ("Washington said", "Minsk denied"), so only with a verb of
#: saying or thinking as cue; with any other cue it is narration about the
#: place ("Minsk has not thrown its weight behind ...").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Conjunctions that coordinate two speakers into one subject ("A and B
#: said"): the record names them jointly (speaker kind ``coordination``),
#: never silently as one person.
COORDINATORS = frozenset({"and", "&", "as well as", "along with"})

#: Speaker kind given to coordinated subjects.
COORDINATION_KIND = "coordination"

#: Nouns that name an audience or an outlet after "told" ("told reporters",
#: "told lawmakers"): a channel. Anything else as object of "tell" is the
#: message ("told the truth", "told a story"), not a channel.
AUDIENCE_NOUNS = frozenset(
    {
        "reporter",
        "journalist",
        "correspondent",
        "media",
        "press",
        "newspaper",
        "paper",
        "magazine",
        "broadcaster",
        "station",
        "channel",
        "network",
        "agency",
        "outlet",
        "website",
        "audience",
        "crowd",
        "supporter",
        "follower",
        "viewer",
        "listener",
        "reader",
        "lawmaker",
        "legislator",
        "senator",
        "member",
        "delegate",
        "committee",
        "court",
        "jury",
        "judge",
        "panel",
        "council",
        "parliament",
        "congress",
        "assembly",
        "meeting",
        "conference",
        "gathering",
        "rally",
        "official",
        "leader",
        "minister",
        "diplomat",
        "investigator",
        "police",
        "officer",
        "staff",
        "employee",
        "worker",
        "student",
        "voter",
        "resident",
        "citizen",
        "people",
        "nation",
        "public",
        "brass",
        "commander",
        "troop",
        "soldier",
        "colleague",
        "counterpart",
        "interviewer",
        "host",
        "radio",
        "television",
        "tv",
    }
)
#: Pronoun audiences ("told us", "told him").
AUDIENCE_PRONOUNS = frozenset({"me", "us", "him", "her", "them", "you"})
#: Entity labels of a named audience ("told Al Jazeera", "told Smith").
AUDIENCE_LABELS = frozenset({"PERSON", "ORG", "NORP"})

#: Punctuation allowed between a dropped channel and the content it led.
CHANNEL_TRIM = " ,:;\u2013\u2014-"

#: Heads of documents and findings that may stand as a source on their own
#: ("Reports say", "Studies show", "Polls suggest"). A bare plural common
#: noun that is neither this nor a person / group word is a thing, no
#: speaker, unless the cue is a verb of saying ("Explanations were circulating").
DOCUMENT_HEADS = frozenset(
    {
        "report",
        "study",
        "survey",
        "poll",
        "data",
        "figure",
        "statistic",
        "document",
        "record",
        "analysis",
        "research",
        "finding",
        "estimate",
        "memo",
        "letter",
        "statement",
        "filing",
        "source",
        "account",
        "rumor",
        "rumour",
        "leak",
        "note",
        "message",
        "email",
        "post",
        "tweet",
        "image",
        "photo",
        "video",
        "footage",
        "recording",
        "transcript",
        "minute",
        "test",
        "result",
        "model",
        "projection",
        "forecast",
    }
)

#: Verbs of speech acts beyond plain saying (``rules.SPEECH_VERBS``) and
#: thinking (``rules.COGNITION_VERBS``): what someone does *with words*
#: ("criticized the plan", "praised the deal", "cited a report"). A cue that
#: is neither these nor a verb the learned lexicon often finds governing a
#: reported clause is an action ("signed the bill", "ordered the invasion",
#: "submitted documentation"): kept for the record, marked
#: ``cue.reporting = false`` and left out of "Who said what" by default.
SPEECH_ACT_VERBS = frozenset(
    {
        "criticize",
        "criticise",
        "attack",
        "defend",
        "express",
        "talk",
        "speak",
        "reject",
        "condemn",
        "blame",
        "rail",
        "denounce",
        "dismiss",
        "praise",
        "mock",
        "question",
        "label",
        "liken",
        "compare",
        "cite",
        "refer",
        "reference",
        "poke",
        "bristle",
        "slam",
        "hail",
        "welcome",
        "applaud",
        "decry",
        "lambaste",
        "lambast",
        "ridicule",
        "thank",
        "apologize",
        "apologise",
        "call",
        "characterize",
        "characterise",
        "brand",
        "challenge",
        "dispute",
        "rebut",
        "refute",
        "contradict",
        "object",
        "protest",
        "discuss",
        "debate",
        "touch",
        "detail",
        "outline",
        "acknowledge",
        "disagree",
        "agree",
        "propose",
        "recommend",
        "request",
        "appeal",
        "plead",
        "beg",
        "instruct",
        "tell",
        "advise",
        "invite",
        "encourage",
        "implore",
        "forecast",
        "guess",
        "speculate",
        "wonder",
        "doubt",
    }
)
