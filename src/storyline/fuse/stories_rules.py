"""Data for story grouping (``storyline.fuse.stories``): weights, threshold, labels.

``JOIN_WEIGHTS`` / ``JOIN_INTERCEPT`` are a logistic regression over the
features of ``stories_features.join_features``, and ``SETTINGS["threshold"]``
the join probability above which a document joins a story; both are fitted by
``python -m tools.train.stories`` on the ECB+ *train* topics only (the
threshold by 5-fold cross-validation over those topics) and pasted here;
``python -m tools.evaluate clustering`` scores them on the dev topics (figures
in docs/accuracy.md). ECB+ texts carry no dates, so the date-gap values are
not fitted: they come from how long a news story usually runs (a follow-up
within days is common; weeks apart it is more often a new event of the same
kind).
"""

from __future__ import annotations

from types import MappingProxyType

#: Join-score features, in the learner's order (see ``stories_features``).
FEATURES = (
    "words",
    "names",
    "numbers",
    "year_match",
    "year_conflict",
    "log_size",
    "has_names",
    "caps",
    "lead",
    "lead_year_match",
    "lead_year_conflict",
    "count_conflict",
    "count_match",
    "single",
    "words_x_single",
    "names_x_single",
    "numbers_x_single",
)
# BEGIN fitted by tools/train/stories.py
JOIN_INTERCEPT = -4.8591
JOIN_WEIGHTS = MappingProxyType(
    {
        "words": 2.8796,
        "names": 3.0753,
        "numbers": 3.3688,
        "year_match": 0.4462,
        "year_conflict": -1.3067,
        "log_size": -0.6589,
        "has_names": -0.8032,
        "caps": 5.1449,
        "lead": 4.9905,
        "lead_year_match": 1.7284,
        "lead_year_conflict": -0.4216,
        "count_conflict": -1.2092,
        "count_match": 0.6402,
        "single": 0.1444,
        "words_x_single": 0.4844,
        "names_x_single": 0.3890,
        "numbers_x_single": 0.3921,
    }
)
JOIN_THRESHOLD = 0.1
SINGLE_THRESHOLD = 0.7
REPAIR_MARGIN = 0.1
SPLIT_FLOOR = 0.2
# END fitted

#: Chosen setting: join a story when the join probability >= ``threshold``
#: (``single_threshold`` for a story of one document), then the repair step.
SETTINGS = MappingProxyType(
    {
        "threshold": JOIN_THRESHOLD,
        # joining a story of one document asks for at least this (a pair is
        # weaker evidence than a centroid); 0 means the plain threshold
        "single_threshold": SINGLE_THRESHOLD,
        # after the pass a document moves to another story it may join when
        # that scores it this much above its own story without it (absent: no
        # repair; see ``StoryClusterer.repair``)
        **({"repair_margin": REPAIR_MARGIN} if REPAIR_MARGIN is not None else {}),
        # before the repair, a story of SPLIT_MIN..SPLIT_MAX documents splits in
        # two when its two average-link groups score below this across
        # (absent: no split; see ``stories_split``)
        **({"split_floor": SPLIT_FLOOR} if SPLIT_FLOOR is not None else {}),
        # Date gap: no penalty up to ``gap_free_days``; then the similarity is
        # multiplied by a factor that falls linearly to ``gap_floor`` at
        # ``gap_full_days``.
        "gap_free_days": 3.0,
        "gap_full_days": 30.0,
        "gap_floor": 0.5,
    }
)

#: Named-entity labels that name *this* story's actors, places and events,
#: with how much a shared name counts. Nationalities (NORP) and dates are
#: common to many stories and count less.
ENTITY_LABEL_WEIGHTS = MappingProxyType(
    {
        "PERSON": 1.0,
        "ORG": 0.8,
        "GPE": 0.6,
        "LOC": 0.8,
        "FAC": 1.0,
        "EVENT": 1.0,
        "WORK_OF_ART": 0.8,
        "PRODUCT": 0.6,
        "LAW": 0.6,
        "NORP": 0.3,
    }
)

#: Background prior for inverse document frequency: the corpus counts as if
#: ``BACKGROUND_DOCS`` general-English documents of ``BACKGROUND_DOC_WORDS``
#: words each had been seen before it, a word occurring in them as often as
#: its general frequency says (``wordfreq``). Without it the first documents
#: of a corpus would weigh "said" like "escape".
BACKGROUND_DOCS = 40
BACKGROUND_DOC_WORDS = 400
#: Shortest content word kept, and how many documents define a story's title.
MIN_WORD_LEN = 3
#: Stories scored in full per document: the closest by word + name cosine
#: (blocking, so a document costs the same in a corpus of any size).
CANDIDATES = 10
#: A story lists another as ``similar`` when one of its documents scored at
#: least this against the other story but joined a better one or started its
#: own (same kind of story, judged another one). Half the join threshold: a
#: display choice, not fitted (on VOA, unrelated stories meet at 0.05-0.06).
SIMILAR_FLOOR = 0.1
#: Lines of the lead (headline and first sentence line) compared on their own.
LEAD_LINES = 2
#: Characters after which a capitalised word starts a sentence (not a name cue).
SENTENCE_OPENERS = frozenset('.!?"`|:;')
#: Stories checked for a split into two groups (``stories_split``): the check
#: scores every pair of documents, so only stories of this many are checked.
SPLIT_MIN = 4
SPLIT_MAX = 60
#: Developing stories (``stories_developing``): two groups of event-level
#: stories merge while their stories' mean link score -- the weighted mean of
#: word, entity-name and capitalised-word cosines, lowered linearly from 1.0
#: at 30 days apart to 0.5 at a year -- reaches ``level``. Chosen by
#: ``python -m tools.evaluate developing`` (4-fold CV, BCubed F0.5, over
#: folders of Timeline17 topics and ECB+ events); figures in docs/accuracy.md.
DEVELOPING = MappingProxyType(
    {
        "level": 0.1,
        "words": 1.0,
        "names": 2.0,
        "caps": 2.0,
        "gap_free_days": 30.0,
        "gap_full_days": 365.0,
        "gap_floor": 0.5,
    }
)
#: Renderers mark an event-level story whose mean link to the rest of its
#: developing story is below this "loosely linked": twice the merge level, a
#: display choice (a link just over the level is as often a same-region
#: neighbour as part of the story).
LOOSE_LINK = 2 * DEVELOPING["level"]
#: Terms of a story kept per kind when it is compared for a developing story
#: (its heaviest; bounds the cost of a story to this many postings).
DEVELOPING_TERMS = 50
#: A term pairs stories for the developing step only until this many hold it
#: (the first ones keep their pairs): in a corpus of thousands of stories a
#: term that common is no developing story's own, and pairing it would cost the
#: square of its postings. Folders of the calibration never reach it.
DEVELOPING_MAX_POSTING = 200
