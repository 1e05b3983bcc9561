"""Title head nouns for ``storyline.extract.roles``: one row per head word.

A role is found only around a word of this table ("Deputy Defence
*Minister* Viktor Gulevich", "Alexei Leonchik, *founder* of ..."). Each row
is ``head -> kind``; the kind is informative only (the dossier keeps the
title as written). Hyphenated titles are looked up by their last part
("lieutenant-general" -> "general"), so one row covers them. Words are
matched in lower case against the token and its lemma; plurals are not
titles of one person and are not listed.
"""

from __future__ import annotations

TITLE_HEADS: dict[str, str] = {
    # government and state
    "minister": "government",
    "president": "government",
    "premier": "government",
    "chancellor": "government",
    "secretary": "government",
    "governor": "government",
    "mayor": "government",
    "ambassador": "government",
    "envoy": "government",
    "diplomat": "government",
    "official": "government",
    "spokesperson": "government",
    "spokesman": "government",
    "spokeswoman": "government",
    "lawmaker": "government",
    "senator": "government",
    "deputy": "government",
    "dictator": "government",
    "leader": "government",
    "head": "government",
    "chairman": "government",
    "chairwoman": "government",
    "chair": "government",
    # military and security
    "general": "military",
    "commander": "military",
    "chief": "military",
    "colonel": "military",
    "admiral": "military",
    "officer": "military",
    "marshal": "military",
    # organisations
    "founder": "organisation",
    "director": "organisation",
    "ceo": "organisation",
    "coordinator": "organisation",
    "representative": "organisation",
    "member": "organisation",
    "activist": "organisation",
    # experts and press
    "analyst": "expert",
    "expert": "expert",
    "adviser": "expert",
    "advisor": "expert",
    "researcher": "expert",
    "professor": "expert",
    "economist": "expert",
    "scientist": "expert",
    "fellow": "expert",
    "journalist": "press",
    "correspondent": "press",
    "editor": "press",
}

#: Prepositions that attach an organisation (or a person served) to a title.
ORG_PREPOSITIONS = frozenset({"of", "to", "at", "for", "with"})


def title_kind(word: str) -> str | None:
    """The kind of a title head word, or None when it is not one."""
    w = word.lower().replace("\u2011", "-")
    return TITLE_HEADS.get(w) or TITLE_HEADS.get(w.rsplit("-", 1)[-1])
