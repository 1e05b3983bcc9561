"""Data tables for :mod:`storyline.extract.integrity.translation`.

``PHRASE_CUES``: calques, mistranslated idioms and word-order habits of
machine translation, as generic regular expressions. Every row carries an
invented example that must match and (where useful) an invented near-miss
that must not; ``tests/extract/integrity/test_translation.py`` checks every row.

``GAZETTEER``: well-known names with their accepted English spellings. A
capitalised word or phrase that is a near miss of one of them (one or two
letters off, same first letter) but none of the accepted forms is evidence of
a garbled transliteration ("Leviv" for Lviv).

``OLD_SPELLINGS``: older transliterations that current English news has
replaced; using both forms in one text ("Kiev" and "Kyiv") is weak evidence.

``SPINNER_WORDS``: the homonym swaps of article spinners ("astatine" for
*at*). They are evidence of spinning, never of translation: the translation
detector ignores them, and any evidence inside a "spun" span.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    name: str
    kind: str  # "calque", "idiom", "word-order", "preposition", "determiner", "outlet-name"
    regex: str  # matched case-sensitively unless ``ignore_case``
    weight: float
    note: str
    example: str  # invented; must match
    counter: str = ""  # invented; must not match
    ignore_case: bool = False


_WAR_VERBS_OK = (
    "waged|wages|waging|launched|launches|declared|declares|started|starts|began|begins|"
    "unleashed|unleashes|fought|fights|is|was|has|had|will|would|could|might|may|"
    "provoked|triggered|sparked|ended|lost|won|escalated|continues|continued|brought|"
    "opened|began|made|did|does|says|said|claims|claimed|calls|called"
)

PHRASE_CUES: tuple[Cue, ...] = (
    Cue(
        "war-odd-verb",
        "calque",
        r"\bwar (?:that|which) (?:[A-Z]\w+|the \w+) (?!(?:" + _WAR_VERBS_OK + r")\b)"
        r"[a-z]+ed (?:from|on|against|to) [A-Z]\w+",
        0.6,
        "a war is waged, launched or declared; another verb before 'from/on' is a calque",
        "It is a trap in the war that Velmark prohibited from Ostria.",
        "It is a trap in the war that Velmark launched on Ostria.",
    ),
    Cue(
        "in-favor-of-odd-verb",
        "idiom",
        r"\b(?:routed|harnessed|recruited|mobili[sz]ed|enlisted|channell?ed|directed|"
        r"steered|geared|dedicated|turned|routed) in favou?r of\b",
        0.6,
        "'harnessed/routed in favour of' (Hebrew and Russian 'for the benefit of')",
        "No area where the network has not been harnessed in favor of the refugees.",
        "The court ruled in favor of the refugees.",
    ),
    Cue(
        "limited-to-nil",
        "idiom",
        r"\b(?:limited|reduced|restricted|confined) to (?:nil|zero|nothing)\b",
        0.5,
        "'is limited to nil' for 'next to nothing'",
        "Their ability to object is limited to nil.",
        "Their ability to object is limited to a few cases.",
    ),
    Cue(
        "sister-nation",
        "calque",
        r"\bthe (?:sister|brotherly|fraternal|brother) (?:nation|people|country|republic)\b",
        0.4,
        "'the sister/brotherly nation' (Russian 'bratsky narod', Hebrew 'ha-am ha-ach')",
        "Most of them oppose the invasion against the sister nation.",
        "Most of them support the nation's sisters.",
    ),
    Cue(
        "around-the-hour",
        "idiom",
        r"\baround the hour\b|\bday and night long\b",
        0.5,
        "'around the hour' for 'around the clock'",
        "The pumps worked around the hour to clear the streets.",
        "The pumps worked around the clock to clear the streets.",
    ),
    Cue(
        "elder-rank",
        "calque",
        r"\b[Ee]lder (?:[a-z]+ologist|[a-z]+ist|officer|official|researcher|analyst|engineer|"
        r"editor|correspondent|lieutenant|sergeant|adviser|advisor|inspector|lecturer)\b",
        0.5,
        "'elder hydrologist' for 'senior hydrologist' (Slavic 'starshy')",
        "The elder geologist of the service gave the warning.",
        "The senior geologist of the service gave the warning.",
    ),
    Cue(
        "feminine-title",
        "calque",
        r"\b(?:[Tt]he )?(?:mayoress|ministress|directress|presidentess)\b",
        0.4,
        "feminine office titles copied from the source language ('mayoress')",
        "The mayoress said that residents should stay away.",
        "The mayor said that residents should stay away.",
    ),
    Cue(
        "inverted-informs",
        "word-order",
        r",\s+(?:informs|informed|communicates|communicated|transmits|transmitted|notifies|"
        r"notified) (?:the [a-z]+ |the )?[A-Za-z]\w+",
        0.6,
        "', informs the Institute': a reporting verb after the clause and without an object",
        "The river fell overnight, informs the Weather Office of Ostria.",
        "The river fell overnight, the Weather Office informed residents.",
    ),
    Cue(
        "wait-for-expect",
        "calque",
        r"\b(?:than|as) (?:the |what )?[a-z]+ (?:had )?waited\b|\bwait (?:much |far )?"
        r"(?:smaller|larger|bigger|more|less|fewer|higher|lower)\b",
        0.5,
        "'wait' for 'expect' (Slavic 'ozhidat', Romance 'esperar')",
        "The rain stopped earlier than the models waited.",
        "The rain stopped earlier than the models predicted.",
    ),
    Cue(
        "in-weekday",
        "preposition",
        r"(?<![-\w])in (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!['’])",
        0.5,
        "'in Friday' for 'on Friday'",
        "The river crested at 21:40 in Friday.",
        "Those involved in Tuesday's attack held a sit-in Monday.",
    ),
    Cue(
        "said-to-press",
        "calque",
        r"\bsaid to (?:the )?(?:journalists|reporters|correspondents|the press)\b",
        0.3,
        "'said to journalists' for 'told journalists'",
        "The director said to journalists that the dam was safe.",
        "The director told journalists that the dam was safe.",
    ),
    Cue(
        "give-to-np-np",
        "word-order",
        r"\b(?:gave|give|gives|giving) to (?:the |our |all )?[a-z]+ (?:the|a|an) [a-z]+",
        0.5,
        "indirect object before the direct one: 'gave to the people the worst case'",
        "We gave to the people the worst case.",
        "We gave the people the worst case.",
    ),
    Cue(
        "emphatic-did",
        "word-order",
        r"\b[Nn]o [a-z]+ (?:did|does) [a-z]+\b",
        0.4,
        "'No crack did grow': do-support where English needs none",
        "No crack did grow since Tuesday.",
        "No crack grew since Tuesday.",
    ),
    Cue(
        "the-writings",
        "calque",
        r"\bthe (?:writings|publications) (?:that|about|of) [A-Z]\w+ (?:stepped|resigned|"
        r"was|had|has|left|quit)\b",
        0.4,
        "'the writings that X stepped down' for 'reports that X resigned'",
        "The spokesman called the writings that Halden stepped down untrue.",
        "The spokesman called the reports that Halden stepped down untrue.",
    ),
    Cue(
        "much-under",
        "calque",
        r"\bmuch (?:under|above|over) the (?:numbers|figures|level|forecast)\b",
        0.4,
        "'much under the numbers' for 'well below the figures'",
        "The count is much under the numbers on social networks.",
        "The count is well below the numbers on social networks.",
    ),
    Cue(
        "republic-without-of",
        "calque",
        r"\b[Rr]epublic (?!(?:of|Day|Party|Square|Bank|Airways|Act|Constitution|Army|Guard|"
        r"Council|Assembly|Government|President|Court|Services?|Palace|Stadium)\b)[A-Z][a-z]+"
        r"(?! (?:Republic|Day|Party|Square))\b",
        0.3,
        "'the Republic Ostria' for 'the Republic of Ostria'",
        "The institute of the Republic Ostria measured the crest.",
        "The institute of the Republic of Ostria measured the crest.",
    ),
    Cue(
        "embassy-to-city",
        "preposition",
        r"\bdeparture of (?:the )?(?:[A-Z]\w+ )?embassy to [A-Z]\w+",
        0.4,
        "'departure of the embassy to Kyiv' (from/in Kyiv)",
        "The risk grew with the departure of the Ostrian embassy to Velgrad.",
        "The risk grew with the departure of the Ostrian embassy from Velgrad.",
    ),
    Cue(
        "outlet-today-lowercase",
        "outlet-name",
        r"\b(?:Israel|Russia|Ukraine|Belarus|Poland|Turkey|Iran) today\b(?=\s*$)",
        0.4,
        "an outlet name translated word for word and lower-cased at a line end "
        "('Israel today' for Israel Hayom)",
        "Ostria and Velmark meet at the border, Israel today",
        "Israel today announced new talks with Ostria.",
    ),
    Cue(
        "imperative-collaborate",
        "calque",
        r"(?:^|[.!?]\s+)(?:Collaborate|Cooperate|Share) and (?:call|report|contact|inform) "
        r"(?:the )?(?:police|authorities)\b",
        0.5,
        "a stray imperative from a translated share widget or appeal",
        "The regiment has been formed. Collaborate and call the police.",
        "Witnesses should call the police.",
    ),
)

#: name -> (type, accepted English spellings). Matching is case-insensitive and
#: ignores a trailing possessive. Names of at least four letters only.
GAZETTEER: dict[str, tuple[str, tuple[str, ...]]] = {
    "Kyiv": ("GPE", ("Kiev", "Kyyiv")),
    "Lviv": ("GPE", ("Lvov", "Lwow", "Lwów", "Lemberg", "Lvivs")),
    "Kharkiv": ("GPE", ("Kharkov",)),
    "Odesa": ("GPE", ("Odessa",)),
    "Mykolaiv": ("GPE", ("Nikolaev", "Nikolayev", "Mykolayiv")),
    "Zaporizhzhia": ("GPE", ("Zaporizhzhya", "Zaporozhye", "Zaporizhia", "Zaporizhia")),
    "Mariupol": ("GPE", ()),
    "Chernihiv": ("GPE", ("Chernigov",)),
    "Zhytomyr": ("GPE", ("Zhitomir",)),
    "Donetsk": ("GPE", ()),
    "Luhansk": ("GPE", ("Lugansk",)),
    "Kherson": ("GPE", ()),
    "Dnipro": ("GPE", ("Dnepr", "Dnieper")),
    "Vinnytsia": ("GPE", ("Vinnitsa",)),
    "Lutsk": ("GPE", ()),
    "Kovel": ("GPE", ()),
    "Minsk": ("GPE", ()),
    "Pinsk": ("GPE", ()),
    "Brest": ("GPE", ()),
    "Gomel": ("GPE", ("Homel",)),
    "Grodno": ("GPE", ("Hrodna",)),
    "Vitebsk": ("GPE", ("Viciebsk",)),
    "Moscow": ("GPE", ()),
    "Warsaw": ("GPE", ()),
    "Vilnius": ("GPE", ()),
    "Belarus": ("GPE", ("Belarusian", "Belarusians")),
    "Lukashenko": ("PERSON", ("Lukashenka",)),
    "Zelensky": ("PERSON", ("Zelenskyy", "Zelenskiy", "Zelenskii", "Zelenskyi")),
    "Tsikhanouskaya": ("PERSON", ("Tikhanovskaya", "Tsikhanovskaya")),
    "Navalny": ("PERSON", ("Navalnyy",)),
    "Putin": ("PERSON", ()),
    "Peskov": ("PERSON", ()),
    "Lavrov": ("PERSON", ()),
    "Shoigu": ("PERSON", ()),
    "Kalinouski": ("PERSON", ("Kalinovsky", "Kalinowski", "Kalinouskі", "Kalinoŭski")),
    "Chatham House": ("ORG", ()),
    "Kremlin": ("ORG", ()),
    "Pentagon": ("ORG", ()),
    "Knesset": ("ORG", ()),
    "Bundestag": ("ORG", ()),
    "Netanyahu": ("PERSON", ()),
}

#: Older spellings that current English news has replaced: canonical -> old forms.
OLD_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Kyiv": ("Kiev",),
    "Kharkiv": ("Kharkov",),
    "Lviv": ("Lvov",),
    "Odesa": ("Odessa",),
    "Mykolaiv": ("Nikolaev", "Nikolayev"),
    "Chernihiv": ("Chernigov",),
    "Zhytomyr": ("Zhitomir",),
    "Luhansk": ("Lugansk",),
    "Belarus": ("Byelorussia", "Belorussia"),
}

#: Article-spinner homonym swaps: evidence of spinning, never of translation.
SPINNER_WORDS: frozenset[str] = frozenset(
    {
        "astatine", "helium", "whitethorn", "arsenic", "beryllium", "americium", "successful",
        "connected", "nary", "oregon", "tin", "volition", "erstwhile", "implicit", "conscionable",
        "betwixt", "nonstop", "articulation", "lone", "determination", "person", "chopped",
        "dissect", "instrumentality", "indium", "thallium", "iodine", "bash", "ore",
    }
)  # fmt: skip
