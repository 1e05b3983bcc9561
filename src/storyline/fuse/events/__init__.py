"""The same event across documents: merging event mentions into ``EventGroup``s.

``core`` clusters plain feature records (used by the dossier and by the ECB+
scorer alike); ``groups`` builds those records from analyses and turns the
clusters into ``EventGroup`` records; ``rules`` holds the tables.
"""

from __future__ import annotations

from storyline.fuse.events.core import (
    EventMentionFeatures,
    MergeParams,
    PairEvidence,
    candidate_pairs,
    cluster,
    cluster_mentions,
    sentence_keys,
)
from storyline.fuse.events.linkage import average_linkage, document_stories

__all__ = [
    "average_linkage",
    "document_stories",
    "EventMentionFeatures",
    "MergeParams",
    "PairEvidence",
    "candidate_pairs",
    "cluster",
    "cluster_mentions",
    "sentence_keys",
]
