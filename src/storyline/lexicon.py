"""Shared word lists: titles, honorifics and role nouns, one definition each.

Several stages ask "is this word a title?" with different needs: the NER
corrections (a title before a name means a person), the role extractor
(the head noun of a role), the quote extractor (a title before a name makes a
speaker "title+name"), and entity fusion (titles stripped from a person's
name before names are compared). Each builds its own set from the base sets
here, so a word is spelled, grouped and documented once; where a use leaves
out or adds a word, the reason sits beside that use.

Words are lower case and written without a final dot; ``written_forms`` adds
the dotted spelling of abbreviations for uses that compare tokens ("Mr."
is one spaCy token). Data only: no code here applies the lists.
"""

from __future__ import annotations

from collections.abc import Iterable

# ------------------------------------------------------------- honorifics

#: Abbreviated honorifics before a personal name ("Mr", "Dr.", "Prof").
HONORIFIC_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof"})

#: Honorifics written in full ("Sir Keir Starmer", "Lady Ashton").
HONORIFICS = frozenset({"miss", "sir", "dame", "lord", "lady"})

#: Royal and papal titles ("King Charles", "Pope Francis").
ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess", "pope"})

#: Religious honorifics ("Father Ioann", "Rev. Smith", "Sheikh Tamim").
RELIGIOUS_TITLES = frozenset({"father", "rev", "reverend", "sheikh", "ayatollah"})

#: Judicial titles ("Judge Smith", "Justice Kennedy").
JUDICIAL_TITLES = frozenset({"judge", "justice"})

# --------------------------------------------------------- government

#: Holders of an office, named by it before or after their name.
OFFICE_TITLES = frozenset(
    {
        "president",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "senator",
        "governor",
        "mayor",
        "ambassador",
        "envoy",
        "dictator",
        "leader",
    }
)

#: Spokespeople, in every gendered and neutral form.
SPOKESPERSON_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})

#: Other government roles: deputies, officials, chairs of bodies.
GOVERNMENT_ROLES = frozenset(
    {"deputy", "official", "diplomat", "lawmaker", "head", "chairman", "chairwoman", "chair"}
)

#: Abbreviations of elected offices ("Sen.", "Rep.", "Gov.").
OFFICE_ABBREVIATIONS = frozenset({"sen", "rep", "gov"})

#: Words inside multi-word government titles ("Vice President", "Prime
#: Minister", "Defence Minister"): titles only as part of such a title.
TITLE_QUALIFIERS = frozenset(
    {"vice", "prime", "defence", "defense", "foreign", "interior", "finance"}
)

# ------------------------------------------------------------ military

#: Military ranks written in full.
MILITARY_RANKS = frozenset(
    {"general", "colonel", "major", "captain", "lieutenant", "sergeant", "admiral", "marshal"}
)

#: Abbreviated military ranks ("Gen.", "Lt.", "Col").
RANK_ABBREVIATIONS = frozenset({"gen", "col", "lt", "capt", "sgt", "maj", "adm"})

#: Military and security roles that are not ranks.
MILITARY_ROLES = frozenset({"commander", "chief", "officer"})

# ----------------------------------------------- organisations, experts, press

#: Roles in an organisation ("founder of the BY_help aid fund").
ORGANISATION_ROLES = frozenset(
    {"founder", "director", "ceo", "coordinator", "representative", "member", "activist"}
)

#: The two spellings of "adviser".
ADVISER_TITLES = frozenset({"adviser", "advisor"})

#: Experts quoted for their knowledge ("Kyiv-based analyst ...").
EXPERT_ROLES = ADVISER_TITLES | {
    "analyst",
    "expert",
    "researcher",
    "professor",
    "economist",
    "scientist",
    "fellow",
}

#: The press as a role ("journalist Hanna Liubakova").
PRESS_ROLES = frozenset({"journalist", "correspondent", "editor"})

#: Sports roles before a player's name ("striker Haaland").
SPORTS_ROLES = frozenset({"coach", "striker", "midfielder", "defender", "goalkeeper"})


# ------------------------------------------------------------- calendar

#: English month names as printed (capitalised), January first: a month's
#: number is its index + 1. Tuples, not sets: their order is their meaning.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: English weekday names as printed, Monday first (ISO 8601 order).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def dotted(words: Iterable[str]) -> frozenset[str]:
    """The abbreviations as written with a final dot ("gen" -> "gen.")."""
    return frozenset(w + "." for w in words)


def written_forms(words: Iterable[str]) -> frozenset[str]:
    """Abbreviations with and without the final dot ("mr", "mr.")."""
    words = frozenset(words)
    return words | dotted(words)
