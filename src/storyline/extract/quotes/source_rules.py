"""Tables of ``sources.py``: where the annotation guideline puts the source of
a cue that is no finite verb with a subject of its own.

PolNeAR (like PARC) marks as source the entity the cue's own syntax makes
the holder of the attributed content, not the subject of the clause the cue
sits in: "a group [backing X]" (the group backs X), "[his] criticism of Y",
"Asked [by Stephanopoulos] ...", "was first reported [by MSNBC]".
"""

from __future__ import annotations

#: A participle or infinitive that modifies a noun ("a group backing X", "an
#: ad saying ...", "a hearing to determine ...") takes that noun as source;
#: so does an adjective after the noun it modifies ("X, eager to jab ...",
#: "the only Democrat interested in ...": the noun holds the attitude).
MODIFIER_DEPS = frozenset({"acl", "amod"})
#: Tags of such modifiers: present participles and adjectives. Past participles ("a bill
#: passed by the House", "a program called X") are passive: their source is
#: the "by" agent, if any. An infinitive's understood subject is the clause's
#: ("has a chance to show", "took pains to say"), or the possessor of the
#: noun it completes ("Trump's failure to denounce": ``INFINITIVE_TAGS``).
MODIFIER_TAGS = frozenset({"VBG", "JJ"})
INFINITIVE_TAGS = frozenset({"VB"})
#: The object of a verb with a subject of its own is that subject's
#: instrument, not the holder: "X issued a statement saying ...", "X ran
#: ads praising ...", "X launched petitions calling on ..." (the subject).
INSTRUMENT_DEPS = frozenset({"dobj"})
SUBJECT_DEPS = frozenset({"nsubj"})
#: Parts of speech of the modified noun.
MODIFIED_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: Dependency of a passive cue's agent phrase ("by X") and of its object.
AGENT_DEP = "agent"
AGENT_OBJECT_DEPS = frozenset({"pobj"})
#: A noun cue's possessor holds the content ("his criticism of", "Trump's pledge to").
POSSESSOR_DEP = "poss"
NOUN_CUE_POS = frozenset({"NOUN"})
#: A noun cue's "from" phrase names the holder ("criticism from rivals").
HOLDER_PREPS = frozenset({"from"})

#: A poll share's statement made "in a poll" is the poll's: PolNeAR marks
#: "In [a CNN/ORC poll released Monday], 31% of Republicans said ..." with
#: the preposition as cue, the poll as source and the whole clause, share
#: included, as content. The preposition (on the cue verb, or inside the
#: share's own noun phrase: "20 percent of people in a recent poll said")
#: and the nouns that name a poll or survey (general English, not a corpus list).
POLL_PREPS = frozenset({"in"})
POLL_NOUNS = frozenset(
    {"poll", "survey", "study", "census", "questionnaire", "referendum", "canvass", "tracker"}
)

#: A source found inside a dateline ("WASHINGTON (AP) — X said") is cut to
#: the words after the dash, when at most this many and none of these parts
#: of speech (then they are a bare subject noun phrase, not a clause).
DATELINE_SUBJECT_MAX = 12
#: A dateline: at most this many tokens of these parts of speech before a
#: dash set off by spaces ("WASHINGTON (AP) —", "Dec 29 (Reuters) -").
DATELINE_MAX = 12
DATELINE_POS = frozenset({"PROPN", "NUM", "PUNCT"})
DATELINE_DASHES = frozenset({"\u2013", "\u2014", "-", "--"})
NOT_IN_SUBJECT = frozenset({"VERB", "AUX", "SCONJ"})
#: When the words between the dash and the cue hold a clause, the noun
#: phrase before its first verb is the subject, if it ends in a noun (or a
#: bracketed party label: "Sen. Jane Doe (R-Tex.)").
SUBJECT_END_POS = frozenset({"PROPN", "NOUN", "PRON", "PUNCT"})
