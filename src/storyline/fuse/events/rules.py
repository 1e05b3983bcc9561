"""Tables for cross-document event merging (data only; applied in ``core``).

``TRIGGER_GROUPS``: trigger lemmas that can name the same kind of happening,
one row per group, written from general knowledge of English news wording
(verb, its nominalisation and near-synonyms reporters swap for variety). A
lemma in no row is compatible only with itself. Rows are deliberately
narrow: "attack" and "kill" stay apart (one attack, many deaths) so that a
shared row never merges two different steps of one story.
"""

from __future__ import annotations

TRIGGER_GROUPS: tuple[tuple[str, ...], ...] = (
    ("attack", "strike", "shell", "shelling", "bomb", "bombing", "bombard", "bombardment", "raid"),
    ("airstrike", "air strike", "missile strike", "strike"),
    ("evacuate", "evacuation", "withdraw", "withdrawal", "pull out"),
    ("sabotage", "saboteur", "derail", "derailment"),
    ("intercept", "interception", "shoot down"),
    ("invade", "invasion", "incursion"),
    ("kill", "killing", "slay", "slaying", "murder", "death", "die"),
    ("shoot", "shooting", "shot", "gunfire", "fire"),
    ("explode", "explosion", "blast", "detonate", "detonation", "blow"),
    ("arrest", "detain", "detention", "apprehend", "capture", "custody"),
    ("charge", "indict", "indictment", "accuse", "accusation"),
    ("convict", "conviction", "sentence", "jail", "imprison"),
    ("injure", "injury", "wound", "hurt"),
    ("earthquake", "quake", "tremor", "temblor"),
    ("flood", "flooding", "inundate"),
    ("fire", "blaze", "wildfire", "burn"),
    ("crash", "collide", "collision", "wreck"),
    ("resign", "resignation", "step down", "quit"),
    ("appoint", "appointment", "nominate", "nomination", "hire"),
    ("fire", "dismiss", "dismissal", "sack", "oust", "ouster"),
    ("elect", "election"),
    ("meet", "meeting", "talk", "talks", "summit"),
    ("sign", "signing", "agreement", "deal", "treaty"),
    ("sanction", "embargo", "ban"),
    ("mobilize", "mobilise", "mobilization", "mobilisation", "deploy", "deployment"),
    ("protest", "demonstrate", "demonstration", "rally", "march"),
    ("threaten", "threat", "warn", "warning"),
    ("deny", "denial", "reject", "rejection"),
    ("announce", "announcement", "unveil", "launch", "release", "introduce"),
    ("acquire", "acquisition", "buy", "purchase", "takeover", "take over"),
    ("leave", "depart", "departure", "exit"),
    ("enter", "entry", "check in", "admit", "admission"),
    ("rescue", "recover", "recovery"),
    ("die", "death", "pass away", "dead"),
)

#: A blocking key shared by more mentions than this + 1 (after the split by
#: story) compares each mention only with this many neighbours in (date,
#: document) order: a cap on the pairs of one huge block, far above the blocks
#: of a story of a few dozen reports, so small corpora compare every pair.
BLOCK_WINDOW = 150

#: Timex value precision that counts as "the same day" (YYYY-MM-DD).
DAY_PRECISION = 10

#: Modalities from weakest to strongest commitment (an EventGroup takes the strongest).
MODALITY_RANK = {"negated": 0, "hedged": 1, "predicted": 2, "asserted": 3}
