"""Data tables of the quote / attribution extractor (``extract/quotes/``).

Everything language-specific the extractor needs lives here so it can be
reviewed and extended without touching the logic: quotation marks, cue verbs
and nouns, thresholds over the learned tables, channel patterns, credit and
headline lines, and what the learned filter is offered. Speaker words are in
``speaker_rules.py``; the learned tables (``cue_lexicon.tsv``,
``cue_frames.tsv``, from PolNeAR train by ``tools/train/learn_cue_lexicon.py``)
are read by ``cue_tables.py``.
"""

from __future__ import annotations

# ------------------------------------------------------------------ marks

#: Opening and closing double quotation marks; ``"`` is decided by context.
OPEN_DOUBLE = frozenset("\u201c\u201e\u00ab")  # “ „ «
CLOSE_DOUBLE = frozenset("\u201d\u00bb")  # ” »
AMBIGUOUS_DOUBLE = frozenset('"\u201f')
OPEN_SINGLE = frozenset("\u2018")  # ‘
CLOSE_SINGLE = frozenset("\u2019")  # ’ (also the apostrophe: decided by context)
AMBIGUOUS_SINGLE = frozenset("'")

#: A quoted segment of at most this many words is a scare quote unless a cue
#: attributes it ("de-blockade", 'children').
SCARE_QUOTE_MAX_WORDS = 3

#: Double quotation marks as tokens (a speaker is never looked for across one).
QUOTE_CHARS = frozenset(OPEN_DOUBLE | CLOSE_DOUBLE | AMBIGUOUS_DOUBLE | {"``", "''"})

#: Entity types that are never a speaker beside a cue ("said Monday").
NOT_SPEAKER_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
)

# ------------------------------------------------------------------- cues

#: Verbs of saying that introduce a direct quote or reported speech whatever
#: the learned lexicon says (news wording the PolNeAR train set may lack).
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "claim",
        "insist",
        "warn",
        "state",
        "admit",
        "announce",
        "write",
        "tweet",
        "post",
        "note",
        "explain",
        "argue",
        "report",
        "confirm",
        "deny",
        "declare",
        "stress",
        "emphasise",
        "emphasize",
        "assert",
        "allege",
        "suggest",
        "ask",
        "reply",
        "respond",
        "answer",
        "shout",
        "chant",
        "sum",
        "continue",
        "conclude",
        "acknowledge",
        "predict",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "urge",
        "reveal",
        "recall",
        "remark",
        "observe",
        "comment",
        "complain",
        "blast",
        "accuse",
        "mention",
        "indicate",
        "caution",
        "concede",
        "maintain",
        "contend",
        "testify",
        "agree",
        "disclose",
        "boast",
        "joke",
        "quip",
        "scream",
        "yell",
        "cry",
        "whisper",
        "exclaim",
        "proclaim",
        "recount",
        "describe",
        "counter",
        "retort",
        "lament",
        "estimate",
        "point",
        "repeat",
        "reiterate",
        "underline",
        "highlight",
        "inform",
        "assure",
        "stress",
        "signal",
        "charge",
        "demand",
    ]
)

#: Verbs of belief, intention and evidence that PolNeAR annotates as
#: attributions when they govern a clause ("wants to", "believes that").
COGNITION_VERBS = frozenset(
    [
        "believe",
        "think",
        "want",
        "plan",
        "hope",
        "fear",
        "expect",
        "show",
        "find",
        "learn",
        "know",
        "feel",
        "doubt",
        "suspect",
        "worry",
        "intend",
        "reckon",
        "assume",
        "consider",
    ]
)

#: Learned-lexicon thresholds: a verb governing a clause is a cue when
#: P(cue | lemma, clause) reaches ``CLAUSE_P``; a verb next to a direct quote
#: is its cue when P(cue | lemma) reaches ``QUOTE_P``.
CLAUSE_P = 0.30
QUOTE_P = 0.15
#: A verb whose object is the content ("cited problems", "called for repeal")
#: needs P(cue | lemma) of at least ``OBJECT_P``.
OBJECT_P = 0.35
#: Any verb with P(cue | lemma, clause) this high may take an ``xcomp`` as content.
XCOMP_P = 0.6
#: Prepositions that take such an object right after the verb.
OBJECT_PREPS = frozenset({"for", "to", "on", "about", "of"})
#: An object that names the person addressed ("asked Trump about ...",
#: "blasted the FBI for ...", "reminded viewers of ...") is no content: the
#: topic phrase after it is, or an "if" / "whether" clause ("asked the
#: voters if they would come"). Addressees are names, organisations and
#: groups (entity labels) or personal pronouns in the object case.
ADDRESSEE_ENTS = frozenset({"PERSON", "ORG", "NORP"})
ADDRESSEE_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you"})
TOPIC_PREPS = frozenset({"about", "for", "of", "on", "over"})
TOPIC_CLAUSE_DEPS = frozenset({"advcl", "ccomp"})
TOPIC_MARKS = frozenset({"if", "whether"})
#: Hand-listed cues must also have at least this clause probability when the
#: lexicon knows the lemma well (avoids "show" in "the video shows that ...").
MIN_LEXICON_N = 8

#: Nouns that head an attribution ("his claim that ...", "the statement said").
CUE_NOUNS = frozenset(
    [
        "claim",
        "statement",
        "warning",
        "assertion",
        "allegation",
        "belief",
        "view",
        "argument",
        "suggestion",
        "announcement",
        "promise",
        "pledge",
        "threat",
        "insistence",
        "remark",
        "comment",
        "admission",
        "denial",
        "report",
        "alert",
        "prediction",
        "estimate",
        "accusation",
        "charge",
    ]
)

#: Clausal dependents that carry the content of a verb cue.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})

#: Subject dependents (the source of a verb cue).
SUBJECT_DEPS = frozenset({"nsubj"})
#: Subjects a reported clause may have; one with none after the cue's own
#: object had its subject taken for that object ("said [life] would be").
CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})

#: Tags of a participle cue ("..., adding, “...”", "“...,” referencing X"):
#: its own clause has no subject, so its speaker is the subject of the clause
#: before its quotation, never the noun phrase after it (that is its object).
PARTICIPLE_CUE_TAGS = frozenset({"VBG"})
#: The subjects that name a participle cue's speaker ("a reporter can be heard asking").
PARTICIPLE_SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass"})
#: The subject of a passive verb that an infinitive cue hangs on ("X is
#: expected to say", "X was asked to comment"): the one who speaks.
PASSIVE_CONTROL_DEPS = frozenset({"nsubjpass"})

#: Asides cut off the end of a reported content (``tails``): a relative
#: clause or an apposition on its last noun, after a comma or dash.
TAIL_DEPS = frozenset({"relcl", "appos"})
TAIL_LEADS = frozenset({",", "\u2014", "\u2013", "--"})

#: How many paragraphs on a cue-less quotation paragraph may be from the
#: attributed quotation it continues (the next one only).
CONTINUATION_PARAGRAPHS = frozenset({1})

#: Objects that make a verb in the sentence after a quotation the cue of its
#: own statement, not of the quotation ("“...” She noted a planned rally").
OWN_OBJECT_DEPS = frozenset({"dobj"})
#: ... except verbs whose object is the person addressed ("Obama asked
#: Republican politicians.", "he told reporters"): still the quotation's cue.
ADDRESSED_OBJECT_VERBS = frozenset(
    {"ask", "tell", "inform", "assure", "brief", "urge", "warn", "remind"}
)

#: Dependencies through which any cue borrows its head's subject.
SOURCE_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
#: A verb of saying conjoined (first) to a verb that is the reported clause
#: (second) of another verb of saying is that verb's sibling: "X said [it was
#: too early] but added, '...'", "X said [he welcomed it] and added ..." take
#: X, not the clause's subject (PolNeAR's source for such quotations).
REPORTED_SIBLING = ("conj", frozenset({"ccomp"}))
#: "[clause], NAME, a spokesperson for X, told VOA": the parser hangs the name
#: on the clause's last noun (one of these dependencies) and makes the verb of
#: saying a conjunct (the second) of the clause's verb, without a subject.
#: The name is the speaker and the clause before it the content
#: (``proposals.reported.appositive_speaker``).
INVERTED_APPOS = (frozenset({"appos", "conj"}), "conj")
#: Entity types of a name that can speak in that shape.
APPOS_SPEAKER_ENTS = frozenset({"PERSON"})
#: A cue of the learned frame table without a subject borrows the subject of the verb it hangs off
#: ("X unleashed tweets criticizing Y", "X started by emphasizing Y", and
#: through an adjective's copula "Many residents are afraid that ..."),
#: climbing at most ``SOURCE_CLIMB`` links of these dependencies.
SOURCE_CLIMB_DEPS = frozenset(
    {"conj", "advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "dobj", "acomp"}
)
SOURCE_CLIMB = 4

#: Verbs whose ``xcomp`` is content only for these lemmas (intentions):
#: "Trump wants to build", "she plans to join".
XCOMP_CUES = frozenset(
    [
        "want",
        "plan",
        "hope",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "refuse",
        "decline",
        "intend",
        "expect",
        "seek",
        "urge",
        "ask",
        "call",
    ]
)

# ---------------------------------------------------------------- channels

#: Words naming a medium: "on Telegram", "on Twitter", "on state television".
CHANNEL_MEDIA = frozenset(
    [
        "telegram",
        "twitter",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "vk",
        "vkontakte",
        "weibo",
        "truth",
        "social",
        "media",
        "television",
        "tv",
        "radio",
        "website",
        "blog",
        "podcast",
        "air",
        "x",
    ]
)
#: Nouns naming a form of statement: "in a statement", "in a video".
CHANNEL_FORMS = frozenset(
    [
        "statement",
        "video",
        "interview",
        "post",
        "tweet",
        "message",
        "speech",
        "address",
        "broadcast",
        "op-ed",
        "letter",
        "briefing",
        "conference",
        "release",
        "report",
        "column",
        "essay",
        "memo",
        "email",
        "e-mail",
        "appearance",
        "remarks",
        "comments",
    ]
)
#: Prepositions that attach a channel to a cue.
CHANNEL_PREPS = frozenset({"on", "in", "during", "via", "through"})
#: Verbs whose indirect object names the audience/outlet: "told Al Jazeera".
AUDIENCE_VERBS = frozenset({"tell", "inform", "assure", "brief"})

# ------------------------------------------------------------ learned frames

#: A (lemma, pos, frame) proposes an attribution when P(cue with that frame
#: as content) reaches ``FRAME_P`` over at least ``FRAME_MIN_HIT`` train hits.
FRAME_P = 0.3
FRAME_MIN_HIT = 2
#: Verbs that only name something as a participle ("a group called X").
NAMING_VERBS = frozenset({"call", "name", "dub", "title", "nickname"})
#: Cue spans take in the verb's auxiliaries / negation / particle.
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


# ----------------------------------------------------- punctuation credits

#: Headline attribution "Sanders: Clinton needs to ..." (first line only): the
#: part before the colon is the source when it is this short and not a
#: section label ("The Latest: ...", "Breitbart News Daily: ...").
HEADLINE_SOURCE_MAX_WORDS = 4
HEADLINE_LABEL_WORDS = frozenset(
    {
        "latest",
        "daily",
        "update",
        "live",
        "watch",
        "exclusive",
        "breaking",
        "opinion",
        "video",
        "analysis",
        "editorial",
        "review",
        "circle",
        "fact",
        "check",
        "transcript",
        "timeline",
        "photo",
        "photos",
        "email",
        "note",
        "editor",
        "stat",
        "source",
        "sources",
        "correction",
        "related",
        "read",
        "more",
        "warning",
        "tags",
        "just",
        "in",
        "alert",
        "now",
        "new",
        "here",
        "trending",
        "listen",
        "see",
        "also",
        # more section-label words of news sites ("Eastern Front: ...")
        "front",
        "desk",
        "roundup",
        "explainer",
        "dispatch",
        "diary",
        "digest",
        "spotlight",
        "briefing",
        "recap",
    }
)
HEADLINE_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "at", "to", "de", "van", "von"}
)
HEADLINE_LABEL_STARTS = frozenset({"the", "a", "an"})
#: A credit line after a quote: "“...” ― Name" (dashes accepted).
CREDIT_DASHES = "\u2015\u2014\u2013"
CREDIT_MAX_WORDS = 6
#: A credit on its own line under a quotation paragraph: '"..."' then
#: "- Name." or "―Name, tweeting after ..." (a hyphen counts there, at the
#: start of the line); the name ends at the first of these.
CREDIT_LINE_DASHES = CREDIT_DASHES + "-"
CREDIT_NAME_ENDS = ",;("
#: "... pollster Daron Shaw: “...”": a name right before a colon that opens a
#: quotation is its source, the colon its cue (entity labels of the name).
COLON_NAME_LABELS = frozenset({"PERSON", "ORG"})
#: Links climbed from such a name to find the verb of saying it is the
#: object of ("told [the Post]:", "said of [Mr. Rubio]:"): then no source.
COLON_NAME_CLIMB = 4
#: A transcript line: "WALLACE: ..." (speaker label in capitals, at most this many words).
TRANSCRIPT_MAX_WORDS = 3
#: Heads climbed from the word before a quotation's opening mark to find the
#: object of an "according to" ("According to the Gazette's editors, “...”").
ACCORDING_CLIMB = 4
#: Words that stand for a whole reported clause right after a verb of saying
#: ("said yes", "said so", "said the same", "said otherwise"); "same" only
#: after "the". Followed by "to" or "for" they name what was refused.
ANSWER_WORDS = frozenset({"yes", "no", "so", "same", "otherwise"})
ANSWER_AFTER_THE = frozenset({"same"})
ANSWER_NOT_BEFORE = frozenset({"to", "for"})


# ------------------------------------------------- learned filter candidates

#: Frames a cue-frame candidate may take as content (plus every ``prep:*``),
#: for the learned filter (``filter.py``) to accept or reject.
CANDIDATE_FRAMES = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "pass+xcomp",
        "pass+ccomp",
        "^parataxis",
        "^ccomp",
        "^advcl",
        "acl",
        "advcl",
    }
)
#: Parts of speech whose frames are offered to the learned filter.
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
#: (frame, part of speech) never offered: under 1% of them are attributions in
#: PolNeAR train and the filter accepted none of them on dev ("^ccomp": the
#: cue's head clause; a noun's "in" / "with" phrase).
CANDIDATE_SKIP = frozenset(
    {
        ("^ccomp", "VERB"),
        ("^ccomp", "NOUN"),
        ("^ccomp", "ADJ"),
        ("prep:in", "NOUN"),
        ("prep:with", "NOUN"),
    }
)
#: Prepositions kept apart as frame names in the filter's features; the
#: others are ``prep:other``.
CANDIDATE_PREPS = frozenset(
    {"for", "to", "on", "about", "of", "against", "in", "with", "as", "that"}
)
