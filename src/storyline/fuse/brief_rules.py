"""Data for the per-story brief (``storyline.fuse.brief``): weights and limits.

``SUMMARY_WEIGHTS`` are the sentence-scoring weights chosen on ROUGE-1 F
over all four Timeline17 DEV topics from a small grid; leave-one-topic-out
cross-validation of the same choice scores no better than the lead-k
baseline (``python -m tools.evaluate brief``, figures in docs/accuracy.md),
so they are a reasonable setting, not a measured gain. The scorer's names
are capitalised words, the pipeline's are fused entities. The other values
come from how a news brief is written (a lead, a handful of sentences, each
saying something new), not from the data.
"""

from __future__ import annotations

from types import MappingProxyType

#: Sentence score = ``central`` * cosine to the story's centroid
#: + ``lead`` / (1 + position among the document's usable sentences)
#: + ``recent`` * how late its document is in the story (0 first .. 1 last)
#: + ``names`` * share of the story's key names it adds that no chosen
#: sentence has yet; the sum is multiplied by the document's quality.
SUMMARY_WEIGHTS = MappingProxyType({"central": 1.0, "lead": 0.6, "recent": 0.0, "names": 0.3})

#: Multipliers of a document's sentences by what integrity says of it: an
#: original reads best; a copy says what its original says (and the
#: original is cited instead); a spun or machine-translated text garbles
#: wording, so its sentences are a last resort.
QUALITY = MappingProxyType({"original": 1.0, "copy": 0.6, "machine_translated": 0.5, "spun": 0.3})

#: Summary length by the number of independent sources of the story:
#: ``(sources at least, sentences)``, first match from the top.
SUMMARY_LENGTH = ((4, 5), (2, 4), (0, 3))

#: A candidate whose content-word cosine with a chosen sentence reaches this
#: says the same thing again (a reprint, a paraphrase of the lead) and is skipped.
REDUNDANT = 0.5

#: At most this many sentences of one document, so a story with several
#: sources is told by several of them.
PER_DOCUMENT = 2

#: Only a document's first usable sentences are candidates: news puts what
#: matters first, and it keeps the work per story linear and small.
CANDIDATES_PER_DOCUMENT = 25

#: Sentences shorter or longer than this (in words) do not make a brief.
MIN_WORDS = 8
MAX_WORDS = 60

#: State of play: how many of each kind.
MAX_ACTORS = 4
MAX_DEVELOPMENTS = 3
MAX_FORECASTS = 3  # open ones first, but one place kept for a settled one

#: Quotes counted for an actor: those the dossier shows by default
#: (``Settings.quote_display_threshold``), so the brief and "Who said what" agree.
QUOTE_MIN_CONFIDENCE = 0.5
MAX_DISAGREEMENTS = 2

#: Entity labels that are actors (people, organisations, countries). NORP
#: ("Belarusian", "Russian") is left out: mostly adjectives, not actors.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})

#: At most this many of the actors are places (countries, cities), so the
#: people and organisations of a story are not crowded out by where it is.
MAX_PLACES = 2

#: A cited sentence quoted inside a state-of-play line is cut at a word
#: boundary after this many characters (the reference keeps the whole span).
QUOTE_CHARS = 180
