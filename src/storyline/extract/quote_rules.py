"""Data tables for the quote / attribution extractor (``extract/quotes.py``).

Everything language-specific the extractor needs lives here so it can be
reviewed and extended without touching the logic: cue verbs and nouns, the
"according to" frame, channel patterns, speaker description heads and
pronoun rules.  ``cue_lexicon.tsv`` (learned from PolNeAR train by
``scripts/learn_cue_lexicon.py``) adds a probability per lemma.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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

#: Dependencies through which any cue borrows its head's subject.
SOURCE_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
#: A cue of the learned frame table without a subject borrows the subject of the verb it hangs off
#: ("X unleashed tweets criticizing Y", "X started by emphasizing Y", and
#: through an adjective's copula "Many residents are afraid that ..."),
#: climbing at most ``SOURCE_CLIMB`` links of these dependencies.
SOURCE_CLIMB_DEPS = frozenset(
    {"conj", "advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "dobj", "acomp"}
)
SOURCE_CLIMB = 4
#: A headline speaker named by title only ("Mayor vows ...") is the first
#: person with that title within this many tokens below it.
HEADLINE_TITLE_TOKENS = 400
#: "If X, she warned, Y": the part before a parenthetical cue is content too.
FRONTED_CONTENT = True
#: An infinitive cue under a verb with an object takes the object as its
#: source ("urged NATO to order"), not the verb's subject.
OBJECT_CONTROL = True

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

# ---------------------------------------------------------------- speakers

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_GROUP = frozenset({"they", "them", "it", "we"})
PRONOUNS_SELF = frozenset({"i", "we", "you"})

#: Titles and role words that may precede a name ("analyst Romanenko").
TITLE_WORDS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sir",
        "gen",
        "gen.",
        "col",
        "col.",
        "lt",
        "sgt",
        "rep",
        "rep.",
        "sen",
        "sen.",
        "gov",
        "gov.",
        "president",
        "minister",
        "chief",
        "head",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "analyst",
        "expert",
        "researcher",
        "adviser",
        "advisor",
        "secretary",
        "general",
        "lieutenant-general",
        "commander",
        "mayor",
        "governor",
        "senator",
        "leader",
        "ambassador",
        "deputy",
        "director",
        "chairman",
        "chairwoman",
        "professor",
        "officer",
        "official",
        "activist",
        "founder",
        "user",
        "blogger",
        "journalist",
    ]
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
    ]
)

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

#: Paragraphs a pronoun or description may look back over for its antecedent.
ANTECEDENT_PARAGRAPHS = 4

# ------------------------------------------------------------- learned lexicon

LEXICON_PATH = Path(__file__).with_name("cue_lexicon.tsv")


Lexicon = dict[tuple[str, str], dict[str, float]]
Frames = dict[tuple[str, str], dict[str, tuple[float, int]]]

#: Tables set by ``use_tables`` (training: the tables learned without the
#: held-out fold), else the shipped files.
_TABLES: list[tuple[Lexicon, Frames]] = []


def use_tables(lexicon: Lexicon | None, frames: Frames | None = None) -> None:
    """Use these learned tables instead of the shipped ones (None: shipped)."""
    _TABLES.clear()
    if lexicon is not None:
        _TABLES.append((lexicon, frames or {}))


def cue_lexicon() -> Lexicon:
    """(lemma, pos) -> {"p", "p_clause", "n", "n_clause"}: the learned cue lexicon."""
    return _TABLES[-1][0] if _TABLES else _shipped_lexicon()


def cue_frames() -> Frames:
    """(lemma, pos) -> {frame: (p, n_hit)}: the learned cue frames."""
    return _TABLES[-1][1] if _TABLES else _shipped_frames()


@lru_cache(maxsize=1)
def _shipped_lexicon() -> Lexicon:
    """The table of ``cue_lexicon.tsv``."""
    out: Lexicon = {}
    if not LEXICON_PATH.exists():
        return out
    lines = LEXICON_PATH.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) < 8:
            continue
        lemma, pos, _n_cue, n, p, _n_cue_clause, n_clause, p_clause = parts[:8]
        out[(lemma, pos)] = {
            "p": float(p),
            "n": float(n),
            "p_clause": float(p_clause),
            "n_clause": float(n_clause),
        }
    return out


# ------------------------------------------------------------ learned frames

FRAMES_PATH = Path(__file__).with_name("cue_frames.tsv")
#: A (lemma, pos, frame) proposes an attribution when P(cue with that frame
#: as content) reaches ``FRAME_P`` over at least ``FRAME_MIN_HIT`` train hits.
FRAME_P = 0.3
FRAME_MIN_HIT = 2
#: "described X as Y": a ``dobj`` frame takes in a following ``as`` / ``of``.
FRAME_AS = True
#: End reported clauses before a trailing ", which ..." relative clause.
CUT_RELATIVE = True
#: Verbs that only name something as a participle ("a group called X").
NAMING_VERBS = frozenset({"call", "name", "dub", "title", "nickname"})
#: Cue spans take in the verb's auxiliaries / negation / particle.
CUE_AUX = True
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
#: ... and the preposition right before its content ("called for", "is supported by").
CUE_PREP = True


@lru_cache(maxsize=1)
def _shipped_frames() -> Frames:
    """The table of ``cue_frames.tsv``."""
    out: Frames = {}
    if not FRAMES_PATH.exists():
        return out
    for line in FRAMES_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 6:
            continue
        lemma, pos, frame, n_hit, _n, p = parts[:6]
        out.setdefault((lemma, pos), {})[frame] = (float(p), int(n_hit))
    return out


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
    }
)
HEADLINE_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "at", "to", "de", "van", "von"}
)
HEADLINE_LABEL_STARTS = frozenset({"the", "a", "an"})
#: A credit line after a quote: "“...” ― Name" (dashes accepted).
CREDIT_DASHES = "\u2015\u2014\u2013"
CREDIT_MAX_WORDS = 6
#: A transcript line: "WALLACE: ..." (speaker label in capitals, at most this many words).
TRANSCRIPT_MAX_WORDS = 3


# ------------------------------------------------- learned filter candidates

#: Frames a cue-frame candidate may take as content (plus every ``prep:*``),
#: for the learned filter (``quote_filter.py``) to accept or reject.
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
