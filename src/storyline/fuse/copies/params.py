"""Tuning constants of copy detection, in one place (data, not code paths).

Every stage (preparation, blocking, verification) reads its thresholds from
here, so tuning recall against speed means editing this table only.
"""

from __future__ import annotations

K = 5  # words per shingle
SAMPLE_MOD = 4  # keep shingles whose hash is 0 mod this (content-defined sampling)
SMALL_DOC_SHINGLES = 40  # documents with fewer shingles index all of them
BUCKET_CAP = 20  # above this, a fingerprint bucket pairs members with its first reps only
BUCKET_REPS = 4
MAX_CANDIDATES = 25  # per document, by shared-fingerprint count
MIN_TOKENS = 12  # shorter documents (after boilerplate) are never linked
MIN_SHARED_FP = 2  # containment blocking: at least this many shared fingerprints ...
MIN_SHARED_FRAC = 0.2  # ... and this fraction of the smaller document's fingerprints
MINHASH_PERM = 64
MINHASH_THRESHOLD = 0.5
# verification (exact shingles)
LINK_COVERAGE = 0.5  # a link needs this much of one document covered by the other
MIN_SHARED_SHINGLES = 20  # ... and at least this many shared shingles (or the whole of a small doc)
FULL_COVERAGE = 0.8  # "covered": excerpt / extended / near-duplicate boundaries
# fuzzy (spun / translated) verification
SKEL_MIN_SHARED = 3
SKEL_CAP = 10  # skeleton buckets (names recur across a story) are capped harder
SKEL_MIN_FRAC = 0.3
SENT_SIM = 0.5  # word-level Indel similarity for two sentences to align
FUZZY_COVERAGE = 0.6  # share of the copy's words in aligned sentences
FUZZY_MIN_SENTENCES = 3
FUZZY_MAX_SENTENCES = 400  # per document, bounds the sentence matrix
