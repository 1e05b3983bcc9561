"""Within-document nominal coreference: "the 67-year-old", "the actress",
"the minister" linked to the person named before them.

One public function, ``extract_nominals(parsed) -> list[NominalMention]``
(the extractor ``nominals``), in ``extract.py``; the person nouns and window
sizes are data in ``rules.py``. Fusion (``storyline.fuse.entity_nominals``)
attaches each link to the antecedent's cross-document entity.
"""

from __future__ import annotations

from storyline.extract.nominals.extract import extract_nominals

__all__ = ["extract_nominals"]
