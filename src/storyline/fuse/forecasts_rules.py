"""Tables of the forecast ledger (``storyline.fuse.forecasts``): data only.

Cue words come from general knowledge of English modality and of how news
reports state predictions and their outcomes; none is taken from one
article. The confidences are hand-set priors (no gold set to calibrate
them on yet), kept here so they can be tuned in one place.
"""

from __future__ import annotations

import re

#: A modal or future cue that opens a forecast clause, and the modality it gives.
FORECAST_CUES: dict[str, str] = {
    "will": "predicted", "'ll": "predicted", "shall": "predicted", "would": "predicted",
    "expected to": "predicted", "due to": "predicted", "set to": "predicted",
    "going to": "predicted", "about to": "predicted", "plans to": "predicted",
    "plan to": "predicted", "intends to": "predicted", "promised to": "predicted",
    "pledged to": "predicted", "vowed to": "predicted", "scheduled to": "predicted",
    "may": "hedged", "might": "hedged", "could": "hedged", "likely to": "hedged",
    "possibly": "hedged", "threatens to": "hedged",
}  # fmt: skip
CUE_PATTERN = re.compile(
    r"(?<![\w'])("
    + "|".join(sorted(map(re.escape, FORECAST_CUES), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
#: Where a forecast clause starts: after the last of these before its cue.
CLAUSE_OPENERS = re.compile(
    r"(?:\b(?:said|says|warned|warns|added|hoped|hopes|believes|thinks|expects|predicted)\s+|"
    r",\s+|;\s+|:\s+|\bthat\s+|[\"\u201c\u201d\u2018]\s*)"
)
#: Where it ends: the first of these after its cue (or the sentence end).
CLAUSE_CLOSERS = re.compile(
    r"(?<=[^\s\"\u201c])[\"\u201d]|;|\.\s|,\s+(?:after|as|but|while|when|according)\b"
)
#: A sentence that recounts a forecast as past ("confounding warnings that it
#: could fail") states no forecast of its own.
RETROSPECTIVE = re.compile(
    r"(?<!\w)(?:confounding|contrary to|defying|despite (?:the )?warnings?|"
    r"ahead of (?:the |its )?"
    r"(?:schedule|target|deadline)|as (?:predicted|forecast|promised)|"
    r"had (?:warned|predicted|promised))(?!\w)",
    re.IGNORECASE,
)
#: Words before a time expression that make it a deadline ("by Friday").
DEADLINE_PREPS = ("by", "before", "until", "till", "on", "at", "in", "within", "as early as")
#: A duration after one of these is a horizon from the day the forecast was made.
HORIZON_PREPS = ("within", "in", "over the next", "in the next")
#: Weekday names: a weekday in a forecast clause is the coming one.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Words that say a later statement denies or negates what it matches.
NEGATION = re.compile(
    r"(?<!\w)(?:not|n't|never|no longer|yet to|failed to|did not|has not|have not|"
    r"had not|without|no sign|averted|contrary to|confounding|defying|defied|"
    r"ruled out|called off|postponed|delayed)(?!\w)",
    re.IGNORECASE,
)
#: Outcome verbs that refute a forecast verb: the forecast's first content word
#: after its cue (lower case) -> words that state the opposite happened.
OPPOSITES: dict[str, frozenset[str]] = {
    "fail": frozenset({"held", "holds", "hold", "holding", "survived", "withstood"}),
    "collapse": frozenset({"held", "holds", "hold", "survived", "withstood", "stood"}),
    "give": frozenset({"held", "holds", "hold", "survived", "withstood"}),  # "give way"
    "burst": frozenset({"held", "holds", "hold"}),
    "breach": frozenset({"held", "holds", "hold"}),
    "rise": frozenset({"fell", "fall", "falls", "dropped", "eased"}),
    "fall": frozenset({"rose", "rise", "rises", "climbed"}),
    "join": frozenset({"stayed", "stays", "refrained", "declined"}),
    "attack": frozenset({"refrained"}),
    "invade": frozenset({"refrained"}),
    "resign": frozenset({"remains", "stayed"}),
}
#: Words between a cue and its verb ("could be drawn", "will not have").
AUXILIARIES = frozenset(
    {"be", "been", "have", "has", "had", "not", "to", "also", "still", "soon", "then"}
)
#: Words of no weight when matching a forecast to a later statement.
FILLER = frozenset(
    {"said", "says", "say", "told", "according", "warned", "warn", "officials", "been", "being",
     "could", "would", "might", "may", "will", "also", "still", "even", "just", "yet"}
)  # fmt: skip
#: A later sentence must share this share of the forecast's content words ...
MIN_OVERLAP = 0.34
#: ... and at least this many of them, one of them from the subject.
MIN_SHARED = 2
#: Later sentences read per subject stem of a forecast, the earliest published
#: first (``forecasts_status.SentenceIndex``): bounds the status step on a huge
#: corpus where a subject word ("officials", "government") is everywhere.
EVIDENCE_PER_STEM = 2000
#: Stem length for matching words across wordings ("Belarusian" ~ "Belarus").
STEM = 5
#: Copies of one forecast: content-word Jaccard at or above this in one lineage ...
SAME_LINEAGE_JACCARD = 0.3
#: ... or across lineages with the same deadline.
SAME_FORECAST_JACCARD = 0.5
#: A short sentence right after a restated forecast that denies it ("It did not.").
SHORT_FOLLOWUP_WORDS = 6
MIN_WORDS = 5
#: Status confidences (hand-set priors; shown as uncertain below 0.5).
CONFIDENCE = {
    "came true dated": 0.75,
    "came true undated": 0.55,
    "not by its deadline": 0.7,
    "not by its deadline (no report)": 0.3,
    "contradicted": 0.6,
    "open": 0.6,
    "unknown": 0.3,
}
#: Silence is evidence only when the corpus runs at least this many days past
#: the deadline: a report of what happened on the day usually comes within a
#: week, so a corpus that ends a day after it cannot say "not by its deadline".
SILENCE_GRACE_DAYS = 7
#: Factor for a deadline that had to be inferred (a weekday moved forward, a bound date).
INFERRED_DEADLINE = 0.8
#: Factor for a forecast with no deadline at all.
NO_DEADLINE = 0.7
#: Event modalities that make a clause without a deadline a forecast (the
#: events extractor's reading of its trigger: "Belarus may join the fray").
OPEN_MODALITIES = frozenset({"predicted", "hedged"})
#: A negation that denies a forecast outright, not only "so far": a negated
#: future, a refusal, a plan ruled out ("will not join", "has no plans to",
#: "ruled out"). Without a deadline, any other negation ("has yet to join",
#: "does not take part") says only that it has not happened yet.
DENIES_FUTURE = re.compile(
    r"(?<!\w)(?:will not|won't|wo n't|would not|would never|will never|shall not|"
    r"(?:has|have|had) no (?:plans?|intention)|not (?:going|planning|intending) to|"
    r"no intention|refused to|refuses to|ruled out|rules out|rejected|denied|denies|"
    r"called off)(?!\w)",
    re.IGNORECASE,
)
#: A conditional sentence ("If they are right, there would be ...") states what
#: would follow from a premise: without a deadline it is no forecast of its own.
CONDITIONAL = re.compile(r"(?<!\w)(?:if|unless|otherwise|were it not)(?!\w)", re.IGNORECASE)
#: Inflection endings stripped before a word is cut to its stem, so that short
#: verbs match their inflected forms ("join" ~ "joined" ~ "joins" ~ "joining"):
#: (ending, replacement, shortest remainder). The first that fits applies; a
#: final "e" and a doubled final consonant are dropped afterwards
#: ("invade" ~ "invaded", "plan" ~ "planned").
SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("ies", "y", 3), ("ied", "y", 3), ("ing", "", 3), ("ed", "", 3), ("es", "", 3),
    ("s", "", 3),
)  # fmt: skip
#: A final "s" after these is no plural ending ("Belarus", "crisis", "press").
KEEP_S = ("ss", "us", "is")
#: Irregular simple past tenses of verbs news reports use for outcomes: a
#: later sentence with one of these asserts something happened. Participles
#: ("drawn", "taken") count only after an auxiliary ("were drawn"): alone they
#: are often adjectives ("fear of being drawn in").
IRREGULAR_PAST = frozenset(
    {"fell", "rose", "held", "went", "came", "began", "broke", "fought", "took", "gave",
     "drew", "sent", "struck", "hit", "made", "won", "lost", "left", "led", "ran", "shot",
     "sank", "stood", "swept", "froze", "burst", "quit", "met", "built", "shut", "spread",
     "sold", "bought", "brought", "caught", "flew", "fled", "withdrew", "overran",
     "undertook", "became", "did", "seized", "kept", "wore", "beat", "tore", "blew"}
)  # fmt: skip
#: Words before a verb that make it a perfect or passive past ("has joined",
#: "were drawn").
PAST_AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "having"})
#: How many words before an outcome verb its actor (the forecast's subject) may stand.
ACTOR_WINDOW = 6
#: A likelihood judgement: a hedged prediction stated as the odds of an act
#: ("the possibility is high", "there is a strong likelihood that ...", "chances
#: are that ..."). The act is its complement ("that X joins") or, when the
#: complement names none, the forecast of the sentence before it.
LIKELIHOOD = re.compile(
    r"(?<!\w)(?:(?:the|a|an)\s+(?:high|strong|real|good|great|significant|serious|"
    r"growing|increasing|distinct)\s+(?:likelihood|possibility|probability|chance|risk|"
    r"prospect)|(?:the\s+)?(?:likelihood|possibility|probability|chances?|risk|odds|"
    r"prospects?)(?:\s+(?:that|of)\s[^.;]{0,160}?)?\s+(?:is|are|remains?|seems?)\s+"
    r"(?:very\s+|quite\s+|extremely\s+)?(?:high|strong|real|great|significant|"
    r"considerable|growing|increasing|good)|chances\s+are(?:\s+that)?)(?!\w)",
    re.IGNORECASE,
)
#: Where a likelihood judgement's complement starts ("... that Belarus joins").
COMPLEMENT = re.compile(r"(?<!\w)(?:that|of|for)\s+", re.IGNORECASE)
#: A verb of telling that opens a clause ("..., told Al Jazeera Belarus may
#: join"): the clause starts after its audience, a named outlet or person (a
#: mention of the document) or an audience noun ("told reporters").
TELL_LEAD = re.compile(r"(?:told|tells|telling|informed|assured)\s+", re.IGNORECASE)
#: Audience nouns after "told" ("told reporters", "told state media"), with up
#: to one modifier before them.
TELL_AUDIENCE = re.compile(
    r"(?:(?:the|a|an|state|local|foreign|western|visiting)\s+)?"
    r"(?:reporters|journalists|correspondents|media|press|lawmakers|parliament|"
    r"legislators|senators|students|supporters|viewers|listeners|readers|an?\s+"
    r"(?:interview|briefing|news\s+conference))\s+",
    re.IGNORECASE,
)
#: "that" after the audience ("told reporters that ...").
THAT_LEAD = re.compile(r"that\s+", re.IGNORECASE)
#: A reporting tail after the clause (", he added", ", Smith said"): the
#: speaker is the forecast's source, not part of what is forecast.
REPORT_TAIL = re.compile(
    r",\s+(?:he|she|they|we|it|[A-Z][\w\u2019'-]*(?:\s+[A-Z][\w\u2019'-]*){0,3})\s+"
    r"(?:said|says|added|adds|warned|warns|noted|notes|stated|wrote|told\s+\S+)\s*$"
)
