"""Word lists and patterns of the post-NER corrections (``storyline.nlp.ner_corrections``).

Data only: the steps that apply these tables live in ``ner_corrections``.
Words are matched in lower case against single spaCy tokens, so an
abbreviation is listed as the tokenizer writes it ("gen.", "col.").
"""

from __future__ import annotations

import re

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
    ROYAL_TITLES,
    SPOKESPERSON_TITLES,
    SPORTS_ROLES,
    dotted,
    written_forms,
)


def _words(text: str) -> frozenset[str]:
    """The set of the blank-separated words of ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
ALL_NAME_LABELS = NAME_LABELS | {"PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
SCORE_TRIM_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
SCORE = re.compile(r"^\d+(?:[-:/.]\d+)*$")
SPORTS_NEXT = frozenset({"beat", "beats", "drew", "draw", "v", "vs", "vs.", "defeated", "lost"})
SPORTS_WORDS = _words(
    "innings wicket wickets inning innings homer homers touchdown touchdowns goalkeeper "
    "halftime half-time striker midfielder batsman bowler playoff playoffs quarterfinal "
    "semifinal semifinals quarter-final semi-final seeded unseeded rbi pitcher champions "
    "league soccer cricket tennis baseball basketball rugby hockey golf cycling"
)
#: Titles before a name: the word before a name tagged as a place makes it a
#: person ("President Zelensky", "Col. Ivanov"). spaCy keeps the dot on a rank
#: or office abbreviation ("Col."), so those are listed dotted (and "gen" bare
#: too). Left out on purpose: "major" ("major Russian cities"), "miss" (a verb),
#: "officer", "justice" ("Justice Ministry"): each precedes other names too
#: often. The other gaps against the lexicon ("prof", "dame", "spokesperson",
#: "admiral", "marshal", "rep.") are the table as tuned on the NER evaluation;
#: adding a word changes its figures, so they stay out until re-tuned. Sports
#: roles count here: on a results page "striker Haaland" is a person.
TITLES = (
    written_forms(HONORIFIC_ABBREVIATIONS - {"prof"})
    | (HONORIFICS - {"miss", "dame"})
    | ROYAL_TITLES
    | (JUDICIAL_TITLES - {"justice"})
    | OFFICE_TITLES
    | (SPOKESPERSON_TITLES - {"spokesperson"})
    | ADVISER_TITLES
    | (MILITARY_RANKS - {"major", "admiral", "marshal"})
    | (MILITARY_ROLES - {"officer"})
    | dotted((RANK_ABBREVIATIONS | OFFICE_ABBREVIATIONS) - {"maj", "adm", "rep"})
    | {"gen"}
    | SPORTS_ROLES
    | {"counterpart"}  # "his Russian counterpart Lavrov"
)
APPOSITIVE = TITLES | _words(
    "founder head director researcher expert analyst official aide deputy member "
    "activist journalist spokesperson lawyer professor chairman"
)
ORG_WORDS = _words(
    "council ministry service force forces army agency university institute center centre "
    "committee party bank company group news post times union office court fund "
    "organization organisation association board department command hospital police "
    "services daily clinic club"
)
SAY = frozenset({"said", "says", "told", "added", "stated", "claimed", "insisted", "warned"})
PLACE_PREV = _words(
    "in near outside from into towards toward across around via besieged inside through nearby"
)
PLACE_NOUNS = _words("village town city region province district oblast capital port suburb")
UNIT_WORDS = _words(
    "battalion battalions regiment regiments brigade brigades legion squadron corps "
    "detachment platoon division"
)
LEADING_DROP = frozenset({"the", "a", "an", "will", "would", "did", "does", "do", "is", "was"})
#: Parts of speech of a capitalised word opening a sentence that is no part of
#: a name after it ("Sometimes", "Meanwhile", "Yet"), nor a name alone.
SENTENCE_ADVERB_POS = frozenset({"ADV", "SCONJ", "CCONJ", "INTJ"})

# ------------------------------------------------------------ entity noise
# Tables of ``storyline.nlp.ner_noise`` (fragments, time zones, outlets).

#: Possessive and apostrophe tokens: an entity never starts with one ("’s Center").
POSSESSIVE_TOKENS = frozenset({"'s", "\u2019s", "'", "\u2019", "s'", "s\u2019"})
#: Lower-case function words that never end a name: prepositions, articles and
#: determiners, conjunctions, pronouns, auxiliaries ("Baltic Seas of a").
#: A name may contain them ("Bank of England", "Stratford-upon-Avon"), never end on them.
FUNCTION_TAIL = _words(
    "of for in on at to by from with into onto upon over under about against between "
    "through during without within via per than as "
    "a an the this that these those its his her their our my your some any each every no "
    "and or but nor so yet if "
    "who whom whose which what when where while "
    "is are was were be been being has have had do does did will would can could "
    "may might must shall should "
    "it he she they we i you him them us me"
)
#: Time-zone abbreviations (IANA/military usage in news): "(1900 GMT)" names a
#: clock, not an actor. CoNLL-2003 tags GMT as MISC, so the NER steps keep it
#: and the mention extractor leaves these out.
TIME_ZONES = _words(
    "GMT UTC EST EDT CST CDT MST MDT PST PDT AKST AKDT HST CET CEST EET EEST WET BST "
    "MSK JST KST HKT SGT AEST AEDT ACST AWST NZST NZDT PKT WIB ADT"
)
#: Unit symbols that the model now and then tags as a name ("500 MW", "40 km"),
#: matched in lower case. Left out: two-letter zones and units that are also
#: common abbreviations ("ET", "PT", "MT", "IST", "CAT").
UNIT_SYMBOLS = _words(
    "km kms kg kgs mph kph kmh km/h mw gw kw kwh mwh gwh twh bpd mbpd bcm tcf mm cm lbs"
)
#: Verbs whose object is an audience or outlet ("told Al Jazeera"): a place
#: after an outlet's name there starts the reported clause.
TELL_LEMMAS = frozenset({"tell", "inform", "assure", "brief"})
#: Head nouns of institution names that go on with "for"/"of" + capitalised
#: words ("Center for Strategic Studies", "Ministry of Defence").
INSTITUTION_HEADS = _words(
    "center centre institute institution council committee commission ministry department "
    "agency foundation fund office bureau union association federation academy university "
    "college school court board authority service league society chamber bank"
)
#: Lower-case words allowed inside such a name between capitalised words.
INSTITUTION_JOINERS = frozenset({"and", "of", "for", "the", "&"})
#: Lower-case particles inside personal names ("Ursula von der Leyen",
#: "Pieter van den Berg", "Osama bin Laden", "Luiz Inácio Lula da Silva").
NAME_PARTICLES = _words("von van der den de da di del della du le la bin ibn ter ten dos das zu")
#: A lone sentence-opening word tagged as a name is dropped when the parser
#: reads it as an ordinary word (these parts of speech; names are PROPN) and
#: its lower-case form is a common English word (wordfreq Zipf frequency at
#: least ``COMMON_WORD_ZIPF``: "Amid", "Escaped"); rarer words stay
#: ("Softbank", "Stork": companies the parser misread). Nouns and adjectives
#: are left out: the parser calls "Reuters" a plural noun.
COMMON_WORD_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "INTJ", "DET", "PRON", "AUX", "VERB"})
COMMON_WORD_ZIPF = 3.5
#: Last words that make a name a region (GPE) or a natural feature (LOC),
#: as OntoNotes labels them ("Central Java Province", "Caspian Sea").
REGION_SUFFIXES = _words("province region county district oblast prefecture governorate")
FEATURE_SUFFIXES = _words(
    "sea seas ocean river lake mountains mountain gulf bay strait straits peninsula island "
    "islands desert valley"
)
#: Last words that make a holiday-named name a place ("Easter Island").
HOLIDAY_PLACE_ENDS = PLACE_NOUNS | FEATURE_SUFFIXES | REGION_SUFFIXES
#: A line counts as a headline when it has at least this many words and this
#: share of them capitalised (title case): there capitals are no evidence of
#: a name, and the model tags verbs and nouns ("Iran Launches New Rocket").
HEADLINE_MIN_WORDS = 4
HEADLINE_CAPITAL_SHARE = 0.8
#: Small words a title-case headline leaves in lower case.
HEADLINE_SMALL_WORDS = _words(
    "a an the and or but nor of in on at to by for from with as over into vs vs. via per up"
)

# ------------------------------------------------------------ entity kinds
# Tables of ``storyline.nlp.ner_kinds``: names whose kind general knowledge or
# the words around them settle.

#: Second parts of hyphenated adjectives ("New York-based", "Iran-backed",
#: "state-owned"): the compound describes something else and is no name; the
#: part before the hyphen is one (a place, or the ORG/PERSON the model saw).
COMPOUND_SUFFIXES = _words(
    "based backed led owned funded linked allied aligned run controlled held born bred "
    "powered driven fueled "
    "made built registered headquartered listed focused oriented style friendly sponsored "
    "supported brokered bound educated trained"
)
#: Acronyms of common nouns, no names whatever the model says ("AI", "GDP",
#: "CEO"): written in capitals, read as an organisation or a group.
COMMON_ACRONYMS = _words(
    "ai gdp gnp ceo ceos cfo coo cto dna rna gps atm atms sms vpn vpns tv pc pcs lng "
    "ev evs suv suvs iq hr faq"
)
#: Holidays: a name that opens with one is a date (OntoNotes DATE:
#: "Christmas", "Christmas Eve", "Eid al-Fitr"), never a place or a person,
#: unless a longer name is a known place or ends in a place noun ("Easter
#: Island", "Christmas Island"; towns named "Christmas" are left out).
HOLIDAYS = _words(
    "christmas easter ramadan eid thanksgiving hanukkah hanukah diwali passover "
    "nowruz navruz purim ramzan"
)
#: Ethnic, national-minority and religious groups (OntoNotes NORP: "nationalities
#: or religious or political groups"), singular and plural as written in English
#: news. General knowledge; places and demonyms of countries are in the gazetteer.
GROUP_NAMES = _words(
    "uyghur uyghurs uighur uighurs kurd kurds yazidi yazidis yezidi yezidis druze alawite "
    "alawites ismaili ismailis shia shias shiite shiites sunni sunnis sufi sufis salafi "
    "salafis wahhabi wahhabis copt copts maronite maronites assyrian assyrians chaldean "
    "chaldeans armenians pashtun pashtuns tajik tajiks hazara hazaras baloch balochs baluch "
    "uzbek uzbeks turkmen tatar tatars chechen chechens circassian "
    "circassians rohingya rohingyas tamil tamils sinhalese sikh sikhs "
    "hindu hindus muslim muslims christians jew jews catholic catholics "
    "protestant protestants evangelical evangelicals orthodox buddhist buddhists "
    "tibetan tibetans mongol mongols bedouin bedouins berber berbers amazigh tuareg "
    "tuaregs fulani hausa yoruba igbo oromo tigrayan tigrayans somali maasai "
    "zulu xhosa hutu hutus tutsi tutsis sinti inuit maori aborigines "
    "hmong mormon mormons ahmadi ahmadis bahai baha'i rastafarian "
    "europhiles eurosceptics euroskeptics "
    "islam christianity judaism hinduism buddhism sikhism"
)
#: Nouns that, right after a name, show the name is a group or movement, not a
#: person: "the Boko Haram conflict", "two Boko Haram factions".
#: Words that also follow places ("Paris attacks", "its Sahel affiliate") or
#: people ("Trump supporters", "Assad loyalists") are left out.
GROUP_HEAD_NOUNS = _words(
    "conflict insurgency insurgents insurgent militants militant fighters faction factions "
    "rebels rebellion militia militias jihadists extremists"
)
#: Nouns of companies and their kind right before a name ("Spanish utility Endesa",
#: "tech giant Baidu", "video platform Bilibili"): the name is an organisation.
COMPANY_NOUNS = _words(
    "company companies firm firms giant giants utility utilities platform platforms "
    "startup start-up conglomerate retailer carmaker automaker chipmaker manufacturer "
    "lender insurer airline brand subsidiary supplier exporter importer shipper app"
)
#: Verbs whose direct object is a product, never a person ("has launched X";
#: "release" is left out: prisoners are released).
LAUNCH_VERBS = frozenset({"launch", "unveil", "debut", "relaunch"})
#: Head nouns of an enumeration of organisations ("armed groups, including X and
#: Y", "X, Y and other internet platforms"): a name listed there is an ORG.
ORG_LIST_HEADS = _words(
    "groups organizations organisations companies firms platforms militias factions "
    "agencies banks brands networks outlets broadcasters carmakers automakers lenders "
    "insurers airlines parties movements"
)
#: Words right after a name that make it a company's: "Baidu chief Robin Li",
#: "Alibaba shares".
COMPANY_NEXT = _words(
    "chief ceo shares stock stocks subsidiary headquarters inc inc. corp corp. ltd ltd. plc"
)
#: Roles held *at* an organisation: "network director for Birdlife Spain",
#: "economist at Endesa". A name after one of these and "at" (or "for", for the
#: first set) is an organisation or a place, never a person ("lawyer for X",
#: "campaign manager for X" are left out: they act for people).
ORG_ROLE_NOUNS_FOR = _words("director chairman chairwoman chairperson ceo")
ORG_ROLE_NOUNS_AT = ORG_ROLE_NOUNS_FOR | _words(
    "manager coordinator executive researcher economist analyst professor lecturer fellow "
    "engineer scientist"
)
#: A one-word name opening its sentence is no name when every capitalised use of
#: it in the document opens a sentence, the parser reads it as a common noun, and
#: WordNet knows it as a noun at least this common (wordfreq Zipf): "Wreckage",
#: "Deaths", "Review". "Reuters" is no WordNet noun, so it stays.
OPENER_NOUN_ZIPF = 3.0

# ------------------------------------------------------------ name kinds
# Tables of ``storyline.nlp.ner_names``: a name's kind from its last word, from
# the noun it modifies and from company and event cues, by general English.

#: Last words of facility names (OntoNotes FAC: buildings, airports, highways,
#: bridges, ...): "Three Gorges Dam", "Heathrow Airport", "Kursky Station".
#: None of them is a common English surname. Left out: "hall", "wall", "park",
#: "court", "tower", "plant" (surnames: Stuart Hall, Larry Wall, Robert Plant),
#: "hospital", "museum", "embassy" (OntoNotes mostly tags them ORG).
FACILITY_HEADS = _words(
    "airport airports airfield airbase aerodrome dam dams bridge bridges tunnel tunnels "
    "canal pipeline pipelines harbour harbor station stations terminal stadium arena "
    "reactor reactors refinery refineries prison jail penitentiary palace cathedral mosque "
    "synagogue monastery basilica highway motorway expressway freeway railway railroad "
    "boulevard avenue checkpoint barracks shipyard dockyard airstrip lighthouse "
    "observatory cemetery mausoleum memorial monument spaceport"
)
#: Last words of facility names that are also surnames or other things: a name
#: ending in one is a facility only when the word before it is one of
#: ``FACILITY_MODIFIERS`` ("Nuclear Power Plant", "Trade Tower", "Coal Mine"),
#: never a given name ("Robert Plant").
FACILITY_HEADS_AFTER_NOUN = _words("plant plants tower towers square mine mines port gate park")
#: What such a facility is for or where it stands, as English names them.
FACILITY_MODIFIERS = _words(
    "power nuclear atomic coal gas hydroelectric hydro thermal solar wind steel chemical "
    "treatment water sewage desalination cement fertilizer oil gold copper iron diamond "
    "uranium salt lithium trade city central main market town national state olympic memorial "
    "freedom independence victory peace clock television tv radio observation control "
    "north south east west northern southern eastern western"
)
#: Last words of organisation names that the model tags PERSON now and then
#: ("Red Crescent Society", "Wan Guo Jin Liang Company"). Left out: "court"
#: (Margaret Court), "times", "post" (outlets are another table).
ORG_HEADS = _words(
    "company corporation corp corp. inc inc. ltd ltd. plc llc gmbh society association "
    "foundation institute university college council committee commission ministry "
    "agency bank group party union federation confederation alliance coalition front "
    "movement network center centre fund trust league club army forces brigade academy "
    "authority bureau organization organisation nations"
)
#: Nouns that a one-word name modifies, and the kind that makes the name:
#: "Brexit negotiations" (an event), "Patriot missiles" (a product), "the Sahel
#: region" (a place). A person's name rarely modifies these nouns.
MODIFIED_NOUN_KINDS: dict[str, str] = {
    **dict.fromkeys(
        _words("negotiations referendum referendums accords"),
        "EVENT",
    ),
    **dict.fromkeys(
        _words(
            "missile missiles rocket rockets drone drones jet jets warplane warplanes "
            "fighter-jets tank tanks howitzer howitzers vaccine vaccines smartphone "
            "smartphones chatbot chatbots"
        ),
        "PRODUCT",
    ),
    **dict.fromkeys(
        _words(
            "region regions province provinces district districts town towns city cities "
            "village villages county counties oblast prefecture governorate"
        ),
        "GPE",
    ),
}
#: "Camp" makes the name before it a place only with one of these kinds of camp
#: ("the X refugee camp"): "the Trump camp" is a person's supporters.
CAMP_NOUNS = _words("camp camps")
CAMP_KINDS = _words(
    "refugee refugees displacement displaced detention transit internment migrant migrants"
)
#: Portmanteau endings that make a one-word name an event: "Brexit", "Grexit".
EVENT_ENDINGS = ("exit",)
#: Words right before "of"/"in" + a name that make it a company's:
#: "shares of X", "a stake in X".
COMPANY_BEFORE_OF = _words("shares stock stocks stake subsidiary unit")
#: Nouns possessed by a company, never by a person: "X's shares", "X's revenue".
COMPANY_POSSESSED = _words(
    "shares stock stocks shareholders shareholder revenue revenues profit profits "
    "earnings subsidiary subsidiaries ceo ceos headquarters stores factories "
    "chatbot chatbots app apps smartphones chips"
)
#: Plural place nouns before "of" + a list of names ("the towns of X and Y").
PLACE_NOUNS_PLURAL = _words(
    "villages towns cities regions provinces districts suburbs ports capitals"
)
#: Nouns in apposition to a name that make it a place: "Kismayo, her hometown".
PLACE_APPOSITIVES = PLACE_NOUNS | PLACE_NOUNS_PLURAL | _words("hometown birthplace")

# ------------------------------------------------------------ word evidence
# Tables of ``storyline.nlp.ner_words``: what the written shape of a one-word
# name, its lower-case uses and its conjuncts say about its kind.

#: An all-capital one-word name of at least this many letters in running
#: (mixed-case) text is an acronym, never a person's name ("MINUSCA", "OSCE");
#: shorter ones may be initials ("JFK").
ACRONYM_MIN_LETTERS = 4
#: A sentence is a capitals line (a headline, a table, a byline), where capitals
#: are no evidence, when at least this share of its alphabetic words is all capitals.
CAPS_LINE_SHARE = 0.5
#: Name prefixes after which a capital inside one word is part of a person's
#: name ("McCarthy", "MacKenzie", "FitzGerald", "DeSantis", "DiMaggio",
#: "LaGuardia", "VanderBeek", "O'Brien"); any other inner capital after a
#: lower-case letter makes a brand ("DeepSeek", "PayPal", "WindEurope").
CAMEL_NAME_PREFIXES = _words(
    "mc mac fitz de di da du del della la le van vander von ter ten st al el abu ben bin ibn"
)
#: Labels of a conjunct that a one-word PERSON coordinated with it takes
#: ("Kling AI and Minimax", "Airbus and Fokker").
CONJUNCT_KINDS = frozenset({"ORG", "PRODUCT"})
#: Nouns a disease's name modifies ("the X outbreak", "X epidemic"): a disease
#: is no OntoNotes name, so a one-word PERSON before one is dropped.
DISEASE_HEADS = _words("outbreak outbreaks epidemic epidemics pandemic pandemics virus strain")

# ------------------------------------------------------- document context
# Tables of ``storyline.nlp.ner_context``: what the rest of the document says
# about a name (its longer form, its short form, its slot in a list).

#: Last words of a company's full name that give its legal form: "Cofinec S.A."
#: and "Brush Wellman Inc" are the companies "Cofinec" and "Brush Wellman".
#: Matched in lower case against the name's last token.
LEGAL_FORMS = _words(
    "inc inc. incorporated corp corp. corporation co co. ltd ltd. limited plc llc lp "
    "gmbh ag sa s.a. spa s.p.a. nv n.v. bv b.v. ab asa a.s. oy oyj bhd pjsc ojsc jsc kk"
)
#: First words of a company's full name that give its legal form ("RAO Gazprom",
#: "PT Matahari Putra Prima").
LEGAL_PREFIXES = _words("rao oao zao pao pt")
#: An acronym defined in brackets after a name ("Reserve Bank of Australia
#: (RBA)") has this many letters (fewer are initials, more are words).
ACRONYM_LETTERS = (2, 6)
#: The brackets an acronym is defined in, right after the long form.
ACRONYM_BRACKETS = frozenset({("(", ")"), ("[", "]")})
#: Small words of a name that an acronym may leave out ("Bank of Japan": BOJ).
ACRONYM_SKIP = _words("of the and for de du des la le")
#: Words between the two sides of a fixture ("Hull v Barnet").
FIXTURE_WORDS = frozenset({"v", "vs", "vs."})
#: Labels a side of a fixture can take (GPE and LOC count as one, GPE).
FIXTURE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})
#: A document's fixture sides vote when there are at least this many, and the
#: majority label wins when it has at least this share (tuned on CoNLL train
#: folds, never on dev).
FIXTURE_MIN = 4
FIXTURE_SHARE = 0.66
