"""How the accurate profile's attribution tagger and the rules combine: data.

Chosen on the held-out tenth of PolNeAR train (documents whose index in
``train.jsonl`` % 10 == 9, never trained on by the tagger), never on dev, by
``tools/train/attribution_combine.py``; the figures are in docs/accuracy.md
("Attribution: the accurate profile").
"""

from __future__ import annotations

#: What a tagged attribution (the tagger's cue with its source and content)
#: does to the rule attribution whose content it overlaps:
#: "source_cue" -- its source and cue replace the rule's (the rule's content
#: stays); "all" -- its content too; "none" -- the rule attribution stays as
#: it is.
REPLACE = "source_cue"
#: Whether tagged attributions that overlap no rule attribution are added.
ADD_UNMATCHED = True
#: Whether rule attributions that no tagged attribution overlaps are kept.
KEEP_UNMATCHED_RULES = True
#: A tagged and a rule attribution are "the same" when their contents share
#: at least this share of the shorter content's characters, or their cues
#: overlap.
SAME_CONTENT = 0.5
#: A tagged attribution is added only when its mean tag probability (cue
#: and content words) reaches this.
MIN_ADD_SCORE = 0.0

#: The ``origin`` of an attribution the tagger added (no rule found it).
TAGGER_ORIGIN = "tagger"
#: Logistic calibration of an added (tagger-only) attribution's confidence:
#: weights over ``bias``, ``z`` (logit of the tag probability / 4) and the
#: speaker facts of ``confidence.features``; fitted on the held-out tenth.
#: Empty: the tagger's mean probability is shown as it is.
ADDED_WEIGHTS: dict[str, float] = {}
