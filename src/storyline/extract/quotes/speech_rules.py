"""Data tables of the speech-event checks (``speech_events.py``).

When does a cue with a source and a content report no statement of that
source? Written from general knowledge of English reporting syntax and of
attribution guidelines (PARC / PolNeAR: an attribution is a content the text
holds a source responsible for; unsourced "is seen as", intentions and
refusals to speak are not), not from any one article. ``speech_events.py``
reads only these tables.
"""

from __future__ import annotations

#: Verbs whose agentless passive or participle states an opinion or report
#: with no one holding it ("X is widely seen as ...", "a move seen as ...",
#: "Y is expected to ...", "Z is said to ...", "being accused of ..."): the
#: grammatical subject is what the opinion is about, never its source.
#: With a "by" agent ("is seen by analysts as") the agent is the source and
#: the attribution stands.
PASSIVE_OPINION_VERBS = frozenset(
    {
        "see",
        "view",
        "regard",
        "consider",
        "deem",
        "perceive",
        "expect",
        "anticipate",
        "predict",
        "project",
        "forecast",
        "know",
        "believe",
        "think",
        "understand",
        "assume",
        "presume",
        "suppose",
        "suspect",
        "fear",
        "estimate",
        "rumor",
        "rumour",
        "say",
        "report",
        "allege",
        "claim",
        "accuse",
        "describe",
        "call",
        "name",
        "dub",
        "label",
        "tell",
        "hold",
        "feel",
    }
)

#: Dependency labels that make a verb passive (spaCy English): a passive
#: auxiliary or a passive subject below it.
PASSIVE_CHILD_DEPS = frozenset({"auxpass", "nsubjpass", "csubjpass"})

#: A past participle attached to a noun or clause ("a move widely seen as
#: ...", "a militia called the X") is passive too.
PARTICIPLE_DEPS = frozenset({"acl", "amod", "advcl", "relcl"})

#: Verbs of wanting, intending and trying: with an infinitive of their own
#: ("hopes to resolve", "is looking to reset", "plans to announce", "wants
#: its government to act") they state an aim, not words the subject said.
#: "hopes that ..." with a clause of its own is left alone.
INTENT_VERBS = frozenset(
    {
        "want",
        "wish",
        "hope",
        "intend",
        "plan",
        "aim",
        "seek",
        "look",
        "try",
        "attempt",
        "strive",
        "prepare",
        "long",
        "yearn",
        "need",
        "desire",
        "like",
        "love",
        "prefer",
        "plot",
        "scramble",
        "rush",
        "vow",
    }
)

#: Verbs of wanting: with any complement ("wants the trade abolished",
#: "prefers dog meat", "would like to see") they state a wish, not words.
DESIRE_VERBS = frozenset(
    {"want", "wish", "prefer", "like", "love", "need", "desire", "long", "yearn", "crave"}
)

#: "vow to ..." is a promise made in words: a speech act although its
#: complement is an infinitive. Kept out of the intent check.
INTENT_SPEECH_ACTS = frozenset({"vow"})

#: Heads above a cue verb that make its speech event not (yet) happen:
#: intent ("wants to say", "plans to announce"), schedule or expectation
#: ("is expected to tell", "is set to announce", "is due to unveil"),
#: refusal or failure ("refused to say", "declined to comment", "failed to
#: mention"). The content is what the source did *not* (yet) say.
UNREALISED_HEADS = INTENT_VERBS - INTENT_SPEECH_ACTS | {
    "expect",
    "set",
    "due",
    "schedule",
    "going",
    "refuse",
    "decline",
    "fail",
    "neglect",
    "hesitate",
    "decide",
    "threaten",
    "promise",
}

#: Refusal verbs: as the cue itself ("declined to participate", "refused
#: to attend", "the number declined to ...") they report no content at all.
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "neglect", "hesitate"})

#: Negation words that deny a cue's speech event ("did not say", "never
#: confirmed", "doesn't support").
NEGATIONS = frozenset({"not", "n't", "never", "no", "nt"})

#: Verbs that keep their content under negation ("neg-raising": "I don't
#: think it will work" states the belief that it will not): a negated cue of
#: these is still an attribution.
NEG_RAISING_VERBS = frozenset(
    {
        "think",
        "believe",
        "expect",
        "suppose",
        "imagine",
        "anticipate",
        "feel",
        "reckon",
        "seem",
        "appear",
        "figure",
        "guess",
        "see",
    }
)

#: Entity labels that name a speaker in a headline: a person or an
#: organisation. A headline "Experts: ...", "Former official says ..." or
#: "Country criticizes ..." names no one, and its body says who spoke.
HEADLINE_SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
#: A place at the head of a headline's source is a country or city acting,
#: not a named speaker ("Country Criticizes ...").
HEADLINE_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})

#: A first line longer than this many words, or one ending in a sentence
#: stop, is body text, not a title.
HEADLINE_MAX_WORDS = 25
HEADLINE_END_STOPS = ".!?\u201d\"'"

#: Second-person subjects of a question ("Do you think ...?", "What did you
#: discuss?"): an interviewer's question asserts nothing of its own.
QUESTION_SUBJECTS = frozenset({"you", "ya", "y'all"})

#: First-person subjects that, in a Q&A transcript run into one paragraph
#: ("Q: ... ? Lind: I think ..."), stand for the label of the answer.
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})

#: Labels of the asking side of an interview ("Q:", "Interviewer:"); an
#: outlet's own name as label ("VOA:", "CNN:") is the asking side too
#: (``outlet_rules.KNOWN_OUTLETS``).
INTERVIEWER_LABELS = frozenset(
    {"q", "question", "interviewer", "host", "moderator", "anchor", "reporter", "presenter"}
)

#: A label whose turns are all questions, at least this many, is the asking
#: side of an interview even when it is no known outlet or interviewer label.
INTERVIEW_MIN_QUESTIONS = 2

#: A transcript label inside running text: one to three capitalised words
#: and a colon, at the paragraph's start or after a sentence stop.
TRANSCRIPT_LABEL = (
    r"(?:^|(?<=[.?!\"\u201d\u2019]\s))((?:[A-Z][\w'\u2019.-]*\s){0,2}[A-Z][\w'\u2019.-]*):\s"
)

#: Cues whose bare noun-phrase content is still a statement or a request
#: (besides the verbs of saying, ``rules.SPEECH_VERBS``): requests and
#: demands ("called for new elections", "urged restraint"),
#: verbs whose object is itself a claim ("confirmed the death", "denied the
#: charges", "announced a ceasefire", "predicted a recession") and
#: characterisations ("described the talks as useful"). Any other cue with
#: only a noun phrase as content names a topic or a target, not a statement
#: ("touched on security", "criticized the plan", "voted for the bill",
#: "highlighted the tension", "knows this well", "is considering sanctions").
PROPOSITION_NP_VERBS = frozenset(
    {
        "call",
        "urge",
        "demand",
        "request",
        "appeal",
        "press",
        "plead",
        "beg",
        "ask",
        "seek",
        "announce",
        "confirm",
        "deny",
        "report",
        "predict",
        "forecast",
        "estimate",
        "promise",
        "pledge",
        "threaten",
        "vow",
        "warn",
        "accuse",
        "charge",
        "allege",
        "admit",
        "acknowledge",
        "concede",
        "reveal",
        "disclose",
        "claim",
        "declare",
        "proclaim",
        "reiterate",
        "repeat",
        "describe",
        "label",
        "brand",
        "characterize",
        "characterise",
    }
)

#: Verbs of saying and thinking: their infinitive content is a reported
#: claim or plan in words ("claimed to be holding 200 hostages", "expects to
#: win"). Any other cue with only a bare infinitive as content reports an
#: act of its subject ("voted to extend his term"). ``rules.SPEECH_VERBS`` and
#: ``rules.COGNITION_VERBS`` are added in ``speech_events``.
SAYING_EXTRA = frozenset({"agree", "offer", "decline", "refuse"})

#: A preposition on the cue that turns a noun-phrase content into a claim
#: about it ("is seen by many as a risk", "cited the tax as a burden").
CHARACTERISING_PREPS = frozenset({"as"})

#: Auxiliaries that mark a base-form verb at a clause's start as a question
#: or a statement rather than an imperative ("Do you think", "Will they say").
#: A sentence-initial base verb with none of them and no subject ("Look what
#: happened: ...") addresses the reader; it reports no one's words.
IMPERATIVE_TAGS = frozenset({"VB"})
