"""Data for story grouping (``storyline.fuse.stories``): weights, threshold, labels.

``SETTINGS`` holds the threshold and the text/entity weights chosen by
5-fold cross-validation over ECB+ dev topics (``python -m tools.evaluate
clustering``; figures in docs/architecture.md). ECB+ texts carry no dates,
so the date-gap values are not fitted: they come from how long a news story
usually runs (a follow-up within days is common; weeks apart it is more often
a new event of the same kind).
"""

from __future__ import annotations

from types import MappingProxyType

#: Chosen setting: join a story when the combined similarity >= ``threshold``.
#: ``entity_weight`` is the share of the entity score in the combined score
#: (the rest is TF-IDF cosine of content words).
SETTINGS = MappingProxyType(
    {
        "threshold": 0.25,
        "entity_weight": 0.5,
        # Date gap: no penalty up to ``gap_free_days``; then the similarity is
        # multiplied by a factor that falls linearly to ``gap_floor`` at
        # ``gap_full_days``.
        "gap_free_days": 3.0,
        "gap_full_days": 30.0,
        "gap_floor": 0.5,
        # The document's dates name years and none of them is a year the
        # story's documents name: most likely another event of the same kind.
        "year_conflict": 0.5,
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
