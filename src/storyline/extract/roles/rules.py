"""Title head nouns for ``storyline.extract.roles``: one row per head word.

A role is found only around a word of this table ("Deputy Defence
*Minister* Viktor Gulevich", "Alexei Leonchik, *founder* of ..."). Each row
is ``head -> kind``; the kind is informative only (the dossier keeps the
title as written). Hyphenated titles are looked up by their last part
("lieutenant-general" -> "general"), so one row covers them. Words are
matched in lower case against the token and its lemma; plurals are not
titles of one person and are not listed. The words are the role nouns of
``storyline.lexicon`` (honorifics are no roles), one kind per group.
"""

from __future__ import annotations

from storyline.lexicon import (
    EXPERT_ROLES,
    GOVERNMENT_ROLES,
    MILITARY_RANKS,
    MILITARY_ROLES,
    OFFICE_TITLES,
    ORGANISATION_ROLES,
    PRESS_ROLES,
    SPOKESPERSON_TITLES,
)

#: Senior ranks only: "major" is mostly an adjective and "captain" often a
#: team's; a "lieutenant-general" is found by its last part.
_MILITARY_HEADS = (MILITARY_RANKS - {"major", "captain", "lieutenant", "sergeant"}) | MILITARY_ROLES

TITLE_HEADS: dict[str, str] = {
    **dict.fromkeys(sorted(OFFICE_TITLES | SPOKESPERSON_TITLES | GOVERNMENT_ROLES), "government"),
    **dict.fromkeys(sorted(_MILITARY_HEADS), "military"),
    **dict.fromkeys(sorted(ORGANISATION_ROLES), "organisation"),
    **dict.fromkeys(sorted(EXPERT_ROLES), "expert"),
    **dict.fromkeys(sorted(PRESS_ROLES), "press"),
}

#: Prepositions that attach an organisation (or a person served) to a title.
ORG_PREPOSITIONS = frozenset({"of", "to", "at", "for", "with"})
