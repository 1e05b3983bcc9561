"""Settings of digests and partition planning (``fuse.partition``), as data.

The story-link weights and date gap are the developing-story step's
(``stories_rules.DEVELOPING``: names count twice as much as words, links
weaken from 30 days apart to half at a year), so the planner keeps together
what that step compares in the same terms. ``STORY_LINK`` was set before
anything was measured (two reports sharing about a fifth of their weighted
names and terms) and is not tuned on the evaluation sets; the sweep in
``benchmarks/partition.py`` shows how the kept share moves with it.
"""

from __future__ import annotations

from storyline.fuse.stories_rules import DEVELOPING, DEVELOPING_MAX_POSTING

#: Bump when what a digest holds or how it is made changes: stored digests of
#: another version are remade (``store.digests``).
DIGEST_VERSION = "digest/1"
#: Normalised entity names kept per digest (most mentioned first).
MAX_NAMES = 30
#: Content words kept per digest (heaviest first: count times how rare the
#: word is in general English, wordfreq's Zipf scale).
MAX_TERMS = 40
#: Zipf frequency ceiling: a word's weight is ``ZIPF_CEILING - zipf`` (a word
#: as common as "the", Zipf ~7.7, weighs almost nothing; an unseen one 8).
ZIPF_CEILING = 8.0
#: A title counts as characters up to this many (the first line otherwise).
TITLE_CHARS = 160

#: Weights of the two cosines of a story link, from the developing step.
NAME_WEIGHT = DEVELOPING["names"]
TERM_WEIGHT = DEVELOPING["words"]
#: Date gap: full weight up to ``GAP_FREE_DAYS`` apart, falling linearly to
#: ``GAP_FLOOR`` at ``GAP_FULL_DAYS`` (from the developing step).
GAP_FREE_DAYS = DEVELOPING["gap_free_days"]
GAP_FULL_DAYS = DEVELOPING["gap_full_days"]
GAP_FLOOR = DEVELOPING["gap_floor"]
#: Documents proposed as one story's when their link reaches this.
STORY_LINK = 0.15
#: A name or term held by more documents than this proposes no pairs (it is
#: no one story's own, and pairing it would cost the square of its holders);
#: it still counts in the link score of pairs other keys propose.
MAX_KEY_DOCS = DEVELOPING_MAX_POSTING
#: Each holder of a key is proposed with this many next holders in date order
#: (not all of them): a developing story's reports chain through their
#: neighbours in time, and the proposals stay linear in the postings.
NEIGHBOURS = 8
#: Excerpts and extended copies share less than the copy threshold's Jaccard
#: (an excerpt of 40% of a text: 0.4), so besides the copy blocker's bands
#: the signature is cut into bands of this many rows (32 bands of 2: a pair at
#: Jaccard 0.4 meets in one with probability 0.996); such a candidate counts
#: as a copy when the containment its signatures and sizes estimate reaches
#: the copy detector's ``LINK_COVERAGE``.
CONTAINMENT_ROWS = 2
#: Partition ids: a hash of the sorted document ids, this many bytes (hex).
ID_BYTES = 8
