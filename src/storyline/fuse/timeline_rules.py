"""Tables of the timeline step (``storyline.fuse.timeline``): data only.

Cue words come from general knowledge of English modality (future and
modal auxiliaries, verbs of planning and expectation); the date weights are
the ones chosen by leave-one-topic-out cross-validation over the Timeline17
DEV topics (``tools/evaluate/timeline.py --tune``), never per topic.
"""

from __future__ import annotations

import re

#: Words that make a sentence a forecast or plan ("predicted").
PREDICTED_CUES = frozenset(
    [
        "will",
        "wo",
        "'ll",
        "shall",
        "going",
        "expected",
        "expects",
        "expect",
        "planned",
        "plans",
        "plan",
        "planning",
        "scheduled",
        "set",
        "intends",
        "intend",
        "intended",
        "aims",
        "forecast",
        "forecasts",
        "predicted",
        "predicts",
        "threatens",
        "threatened",
        "threaten",
        "vowed",
        "vows",
        "pledged",
        "promised",
        "promises",
        "would",
    ]
)
#: Words that make a sentence uncertain ("hedged").
HEDGED_CUES = frozenset(
    [
        "may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely",
        "maybe", "possible", "potentially",
    ]
)  # fmt: skip
# "allegedly", "reportedly" are left out: they qualify a claim inside an event
# that did happen ("officials blasted X for allegedly running ...").
#: Two-word cues whose first word alone is too common ("set to", "due to" is not one).
PREDICTED_BIGRAMS = frozenset({("set", "to"), ("going", "to"), ("about", "to")})
#: Words whose presence marks a line as site furniture, not reporting.
FURNITURE_WORDS = frozenset(
    [
        "click",
        "subscribe",
        "newsletter",
        "sign-up",
        "signup",
        "copyright",
        "cookies",
        "cookie",
        "javascript",
        "browser",
        "login",
        "password",
        "unsubscribe",
        "advertisement",
        "advertising",
    ]
)
#: Tokens of a PTB-tokenised text that are punctuation, not words.
PTB_PUNCT = frozenset({"-lrb-", "-rrb-", "-lsb-", "-rsb-", "``", "''", "--"})

WORD = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*|'ll")
DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
#: TIMEX3 values of month and year precision (seasons, weeks, decades are left out).
COARSE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
#: How a line that is a sentence ends (PTB texts close quotes with two apostrophes).
SENTENCE_ENDS = (".", "!", '"', "'", "\u201d", "\u2019", ")")

MIN_WORDS = 6  # shorter lines are headlines, captions and furniture
MAX_WORDS = 70  # longer "sentences" are run-together navigation or lists
MIN_ALPHA = 0.6  # share of tokens that must be words (not numbers, symbols)
LEAD_SENTENCES = 5  # undated sentences of an article's lead dated by its publication
PUB_WEIGHT = 1.0  # weight of a lead sentence dated by publication (an explicit one: 1)
LONG_SENTENCE = 30  # words; a longer sentence's score is scaled by (30 / words) ** LENGTH_PENALTY
LENGTH_PENALTY = 1.0  # summaries favour short, self-contained sentences
#: A sentence from a document flagged as machine-spun or machine-translated
#: counts this much: the same fact in a clean source's wording is shown first
#: (spun wording, "astatine" for "at", is harder to read than a translation).
GARBLED_WEIGHTS = {"spun": 0.3, "machine_translated": 0.7}
SENTENCES_PER_ENTRY = 5  # ranked sentences kept per date (scorers take the first k)
MAX_ENTRIES = 1000  # dates kept in dossier.json (best by score)
#: Kept sentences of one date compared per opening word (``timeline_text.dedupe``).
DEDUPE_SCAN = 300
SAME_WORDING = 0.8  # Jaccard of content words at or above which two sentences are one
REDUNDANT = 0.5  # ... at or above which a lower-ranked sentence of the date adds too little
COARSE_WEIGHT = 0.1  # a month or year entry scores this share of a day entry's formula
LOW_SCORE = 0.3  # an entry below this share of the best score is marked low-confidence

#: Date score = sum of weight * log1p(feature). Features of a date d:
#: ``after``  sentences of articles published after d that name d;
#: ``same``   sentences of articles published on d that name d;
#: ``before`` sentences of articles published before d that name d (forecasts);
#: ``pub``    articles published on d;
#: ``docs``   articles that name d;
#: ``refdays`` later publication days whose articles name d (still talked about);
#: ``lineages`` independent sources (copy lineages) naming d or publishing on it.
#: Chosen by leave-one-topic-out cross-validation on the Timeline17 DEV topics
#: (the same weights won in 2 of 4 folds and on all of DEV); the
#: features at 0 were measured not to help there and are kept for the record.
DATE_WEIGHTS: dict[str, float] = {
    "after": 0.0,
    "same": 0.0,
    "before": 0.0,
    "pub": 1.0,
    "docs": 0.5,
    "refdays": 2.0,
    "lineages": 0.0,
}
#: A date outside the collection's publication period (background history, a
#: far forecast) scores this share: news timelines are about their period.
OUTSIDE_WEIGHT = 0.1
