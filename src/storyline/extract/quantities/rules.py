"""Tables for the quantities extractor: number words, vague amounts, qualifiers, units.

Written from general knowledge of English number expressions and of ACLED's
coding convention for vague fatality figures (ACLED Codebook: "dozens" is
coded 12, "hundreds" 100: the smallest amount the word allows). Only
UPPER_CASE tables and their row types live here; ``find.py`` applies them.
"""

from __future__ import annotations

from typing import NamedTuple

#: Cardinal number words -> value (units and tens; "twenty-five" is two tokens).
SMALL_NUMBERS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Multiplying number words ("three hundred", "2.5 million", "a dozen").
SCALES: dict[str, float] = {
    "hundred": 100, "thousand": 1_000, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12, "bn": 1e9, "mn": 1e6, "mln": 1e6,
}  # fmt: skip

#: Fraction words: "half a million", "two-thirds", "a quarter".
FRACTIONS: dict[str, float] = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3,
    "quarter": 0.25, "quarters": 0.25, "fifth": 0.2, "fifths": 0.2,
}  # fmt: skip


class Vague(NamedTuple):
    """A plural amount word and the value a convention codes it as."""

    value: float
    rule: str


#: Plural amount words. ACLED codes dozens = 12 and hundreds = 100; the
#: others follow the same rule (the smallest amount the word allows).
VAGUE_WORDS: dict[str, Vague] = {
    "dozens": Vague(12, "ACLED: dozens = 12"),
    "hundreds": Vague(100, "ACLED: hundreds = 100"),
    "thousands": Vague(1_000, "ACLED convention: thousands = 1,000"),
    "millions": Vague(1e6, "ACLED convention: millions = 1,000,000"),
    "billions": Vague(1e9, "ACLED convention: billions = 1,000,000,000"),
    "tens": Vague(10, "ACLED convention: tens of X = 10 X"),
    "scores": Vague(20, "convention: scores = 20 (a score is twenty)"),
}

#: "several hundred", "a few thousand": a vague multiplier before a scale word.
VAGUE_MULTIPLIERS: dict[tuple[str, ...], Vague] = {
    ("several",): Vague(3, "convention: several = 3"),
    ("a", "few"): Vague(3, "convention: a few = 3"),
    ("few",): Vague(3, "convention: a few = 3"),
    ("many",): Vague(3, "convention: many = 3"),
}


class Qualifier(NamedTuple):
    """A qualifier phrase: its normalised form and which bound the number is."""

    norm: str
    bound: str  # "low" (value is a lower bound) | "high" | "approx" | "range"


#: Phrases before a number, by lower-cased token tuple (longest match wins).
QUALIFIERS_BEFORE: dict[tuple[str, ...], Qualifier] = {
    ("at", "least"): Qualifier("at least", "low"),
    ("no", "fewer", "than"): Qualifier("at least", "low"),
    ("no", "less", "than"): Qualifier("at least", "low"),
    ("a", "minimum", "of"): Qualifier("at least", "low"),
    ("more", "than"): Qualifier("more than", "low"),
    ("over",): Qualifier("more than", "low"),
    ("above",): Qualifier("more than", "low"),
    ("just", "over"): Qualifier("more than", "low"),
    ("well", "over"): Qualifier("more than", "low"),
    ("in", "excess", "of"): Qualifier("more than", "low"),
    ("upwards", "of"): Qualifier("upwards of", "low"),
    ("upward", "of"): Qualifier("upwards of", "low"),
    ("up", "to"): Qualifier("up to", "high"),
    ("as", "many", "as"): Qualifier("up to", "high"),
    ("as", "much", "as"): Qualifier("up to", "high"),
    ("a", "maximum", "of"): Qualifier("up to", "high"),
    ("at", "most"): Qualifier("at most", "high"),
    ("no", "more", "than"): Qualifier("at most", "high"),
    ("fewer", "than"): Qualifier("less than", "high"),
    ("less", "than"): Qualifier("less than", "high"),
    ("under",): Qualifier("less than", "high"),
    ("below",): Qualifier("less than", "high"),
    ("just", "under"): Qualifier("less than", "high"),
    ("nearly",): Qualifier("nearly", "high"),
    ("almost",): Qualifier("nearly", "high"),
    ("close", "to"): Qualifier("nearly", "high"),
    ("about",): Qualifier("about", "approx"),
    ("around",): Qualifier("about", "approx"),
    ("roughly",): Qualifier("about", "approx"),
    ("approximately",): Qualifier("about", "approx"),
    ("approx.",): Qualifier("about", "approx"),
    ("some",): Qualifier("about", "approx"),
    ("an", "estimated"): Qualifier("about", "approx"),
    ("estimated",): Qualifier("about", "approx"),
    ("between",): Qualifier("between", "range"),
    ("from",): Qualifier("between", "range"),
}
QUALIFIER_MAX_TOKENS = max(len(k) for k in QUALIFIERS_BEFORE)

#: Phrases after a number ("500 or more").
QUALIFIERS_AFTER: dict[tuple[str, ...], Qualifier] = {
    ("or", "more"): Qualifier("at least", "low"),
    ("and", "more"): Qualifier("at least", "low"),
    ("or", "so"): Qualifier("about", "approx"),
    ("plus",): Qualifier("at least", "low"),
}

#: Words joining the two ends of a range ("10 to 15", "10-15", "between 10 and 15").
RANGE_JOINERS = frozenset({"to", "-", "\u2013", "\u2014", "and", "or"})


class Unit(NamedTuple):
    """A unit word: its normalised name and the kind of quantity it makes."""

    name: str
    kind: str  # "percent" | "measure" | "money"


#: Unit words after the number, by lower-cased token tuple.
UNITS_AFTER: dict[tuple[str, ...], Unit] = {
    ("percent",): Unit("percent", "percent"),
    ("per", "cent"): Unit("percent", "percent"),
    ("%",): Unit("percent", "percent"),
    ("pct",): Unit("percent", "percent"),
    ("percentage", "points"): Unit("percentage points", "measure"),
    ("km",): Unit("km", "measure"), ("kilometres",): Unit("km", "measure"),
    ("kilometers",): Unit("km", "measure"), ("kilometre",): Unit("km", "measure"),
    ("kilometer",): Unit("km", "measure"),
    ("square", "kilometres"): Unit("km2", "measure"),
    ("square", "kilometers"): Unit("km2", "measure"), ("sq", "km"): Unit("km2", "measure"),
    ("km2",): Unit("km2", "measure"),
    ("miles",): Unit("mi", "measure"), ("mile",): Unit("mi", "measure"),
    ("square", "miles"): Unit("mi2", "measure"),
    ("metres",): Unit("m", "measure"), ("meters",): Unit("m", "measure"),
    ("metre",): Unit("m", "measure"), ("meter",): Unit("m", "measure"),
    ("cm",): Unit("cm", "measure"), ("mm",): Unit("mm", "measure"),
    ("millimetres",): Unit("mm", "measure"), ("millimeters",): Unit("mm", "measure"),
    ("inches",): Unit("in", "measure"), ("inch",): Unit("in", "measure"),
    ("centimetres",): Unit("cm", "measure"), ("centimeters",): Unit("cm", "measure"),
    ("feet",): Unit("ft", "measure"), ("foot",): Unit("ft", "measure"),
    ("kg",): Unit("kg", "measure"), ("kilograms",): Unit("kg", "measure"),
    ("kilos",): Unit("kg", "measure"), ("grams",): Unit("g", "measure"),
    ("g",): Unit("g", "measure"), ("mg",): Unit("mg", "measure"),
    ("tonnes",): Unit("t", "measure"), ("tons",): Unit("t", "measure"),
    ("tonne",): Unit("t", "measure"), ("ton",): Unit("t", "measure"),
    ("pounds",): Unit("lb", "measure"), ("lb",): Unit("lb", "measure"),
    ("litres",): Unit("l", "measure"), ("liters",): Unit("l", "measure"),
    ("gallons",): Unit("gal", "measure"), ("barrels",): Unit("barrels", "measure"),
    ("cubic", "metres"): Unit("m3", "measure"), ("cubic", "meters"): Unit("m3", "measure"),
    ("hectares",): Unit("ha", "measure"), ("acres",): Unit("acres", "measure"),
    ("degrees",): Unit("degrees", "measure"), ("°c",): Unit("degC", "measure"),
    ("mph",): Unit("mph", "measure"), ("km/h",): Unit("km/h", "measure"),
    ("kph",): Unit("km/h", "measure"), ("knots",): Unit("knots", "measure"),
    ("mw",): Unit("MW", "measure"), ("gw",): Unit("GW", "measure"),
    ("megawatts",): Unit("MW", "measure"), ("kwh",): Unit("kWh", "measure"),
    ("times",): Unit("times", "measure"),
    ("dollars",): Unit("USD", "money"), ("euros",): Unit("EUR", "money"),
    ("pounds", "sterling"): Unit("GBP", "money"), ("rubles",): Unit("RUB", "money"),
    ("roubles",): Unit("RUB", "money"), ("hryvnias",): Unit("UAH", "money"),
    ("hryvnia",): Unit("UAH", "money"), ("yuan",): Unit("CNY", "money"),
    ("yen",): Unit("JPY", "money"), ("rupees",): Unit("INR", "money"),
    ("usd",): Unit("USD", "money"), ("eur",): Unit("EUR", "money"),
}  # fmt: skip
UNIT_MAX_TOKENS = max(len(k) for k in UNITS_AFTER)

#: Currency signs and codes before the number ("$2.5 million", "US$ 40").
CURRENCY_BEFORE: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "₽": "RUB", "rub": "RUB", "₴": "UAH", "c$": "CAD",
    "a$": "AUD",
}  # fmt: skip

#: Words after which a number is an identifier, not an amount ("Article 5").
IDENTIFIER_BEFORE = frozenset(
    [
        "no.",
        "no",
        "nos.",
        "number",
        "#",
        "article",
        "articles",
        "section",
        "chapter",
        "page",
        "pages",
        "paragraph",
        "clause",
        "resolution",
        "flight",
        "route",
        "room",
        "apartment",
        "platform",
        "building",
        "block",
        "unit",
        "gate",
        "highway",
        "road",
        "level",
        "phase",
        "round",
        "stage",
        "game",
        "version",
        "episode",
        "season",
        "grade",
        "class",
        "category",
        "line",
        "lane",
        "hall",
        "district",
        "ward",
        "precinct",
    ]
)

#: Words before a number that make it an age ("aged 67", "age 30").
AGE_BEFORE = frozenset({"aged", "age", "ages"})

#: Tokens after a number that make it a clock time ("5 p.m.", "10 GMT").
TIME_AFTER = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "o'clock", "hrs"})

#: Singular nouns "per" / "a" / "each" may name a rate's base with ("$5 a day").
PER_WORDS = frozenset({"per", "a", "an", "each", "every"})

#: Confidences: a digit figure with a counted noun or unit is the surest;
#: number words and vague amounts less so; a bare number (nothing counted)
#: least. Below LOW_CONFIDENCE the record is marked uncertain in the docs' sense.
CONFIDENCE = {"digits": 0.9, "words": 0.8, "vague": 0.7}
#: A lone "one" with no qualifier or unit is more often a reference ("one user
#: wrote", "at one summit") than a count: below LOW_CONFIDENCE, marked uncertain.
LONE_ONE_CONFIDENCE = 0.45
BARE_PENALTY = 0.3
LOW_CONFIDENCE = 0.5

#: Nouns "a"/"an" may name a rate's base with ("500 people a day", "$5 an hour");
#: after "per", "each" and "every" any noun does.
RATE_BASES = frozenset(
    [
        "day",
        "week",
        "month",
        "year",
        "hour",
        "minute",
        "second",
        "night",
        "person",
        "head",
        "capita",
        "barrel",
        "litre",
        "liter",
        "tonne",
        "ton",
        "kilogram",
        "kilo",
        "household",
        "family",
    ]
)

# --- What a figure belongs to: its actor, place and time (``link.py``) ---

#: Prepositions that put a counted thing or its verb somewhere ("near the
#: border", "in Mariupol", "across the region", "on the frontier").
PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "along", "on", "off",
     "into", "throughout", "within", "towards", "toward"}
)  # fmt: skip
#: Words that make "<word> to X" a locative ("close to the border", "next to the base").
NEAR_WORDS = frozenset({"close", "next", "adjacent", "closer"})
#: Common nouns that name a place when no entity does ("near the border").
PLACE_NOUNS = frozenset(
    {"border", "frontier", "front", "frontline", "city", "town", "village", "region",
     "area", "capital", "country", "territory", "coast", "district", "province", "base",
     "camp", "zone", "checkpoint", "crossing", "port", "airport", "island", "peninsula",
     "state", "county", "oblast", "street", "square", "prison", "hospital", "school",
     "neighbourhood", "neighborhood", "suburb", "countryside", "sea", "river", "line"}
)  # fmt: skip
#: Entity labels of a named place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels of a party that can own or claim a figure ("Russian troops").
OWNER_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
#: Prepositions after the counted noun that name its owner ("troops of Belarus").
OWNER_PREPS = frozenset({"of", "from"})
#: Timex types that say when (a duration or a set says how long / how often).
WHEN_TYPES = frozenset({"DATE", "TIME"})
#: How many heads up the parse the governing verb of a figure is looked for.
MAX_CLIMB = 4

# --- Numbers that are no amounts ---

#: Words after "one" that make it a reference, not a count ("one such
#: battalion", "one more time", "on one hand", "one another").
ONE_NOT_AMOUNT_AFTER = frozenset(
    {"such", "more", "last", "other", "another", "same", "hand", "side", "way", "day",
     "thing", "point", "time", "of"}
)  # fmt: skip
#: Entity labels that make a number part of a name ("Cargo 200", "Apollo 11",
#: "Boeing 737"): the number is inside such an entity together with a word.
NAME_LABELS = frozenset(
    {"EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "ORG", "FAC", "PERSON", "GPE", "LOC", "NORP"}
)
#: Counted nouns (besides the events lexicon's actor nouns) whose national or
#: named modifier is their owner ("Belarusian servicemen", "Russian tanks");
#: for other nouns it only describes them ("three Ukrainian cities").
OWNED_NOUNS = frozenset(
    {"serviceman", "servicemen", "reservist", "conscript", "sailor", "pilot", "marine",
     "paratrooper", "battalion", "brigade", "division", "regiment", "unit", "squad",
     "tank", "weapon", "missile", "rocket", "aircraft", "jet", "plane", "helicopter",
     "drone", "ship", "warship", "vessel", "submarine", "vehicle", "gun", "howitzer",
     "artillery", "warhead", "personnel", "volunteer", "mercenary", "employee", "staff"}
)  # fmt: skip
