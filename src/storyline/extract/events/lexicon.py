"""Data tables of the event extractor: trigger words to PLOVER types.

Written from the PLOVER manual's category definitions and the CAMEO verb
dictionary's sense of each category (CAMEO -> PLOVER mapping of the
PLOVER repository), not from any evaluation sentence. Where the current
mapping (2021) and the PLOVER manual of the gold standard's era (0.6b2,
2016) disagree, the manual's category text is followed, as it is the
annotation guideline of the coded examples: destruction of property is
COERCE ("repression ... of their rights or properties"), resignations are
RETREAT, easing curfews and restrictions and declaring (not implementing) a
ceasefire are CONCEDE, pardons and expressions of regret are CONCEDE (an
apology stays SUPPORT, as CAMEO 055 maps), and "all cooperative actions
reported in future tense" are AGREE. Rows are:

* ``VERBS``: a verb lemma -> (type, mode); its strength is ``STRONG`` unless
  the lemma is in ``WEAK`` (a word with common non-event senses);
* ``PHRASES``: (verb lemma, word) -> (type, mode) where the word is a
  particle, preposition or the head lemma of the object ("open fire",
  "impose sanction", "step down", "call for"): they win over the verb row;
* ``NOUNS``: event nouns, used as the object of a light verb ("launch an
  attack", "hold talks") and as nominal triggers ("the attack on ...");
* ``CONTROLLERS``: verbs whose infinitive complement they swallow into one
  event ("agreed to cooperate", "urged Y to stop", "refused to allow").

The code that applies them is ``extract.py`` / ``syntax.py``.
"""

from __future__ import annotations

from typing import NamedTuple

#: The 16 current PLOVER event types.
TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: Types whose stated intent PLOVER codes as AGREE (cooperative) or THREATEN.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})


class Sense(NamedTuple):
    """What a trigger means: PLOVER type and mode (None when not specific)."""

    type: str
    mode: str | None = None


def _words(text: str) -> list[str]:
    """A word list written as one string."""
    return text.split()


def _rows(spec: dict[str, str]) -> dict[str, Sense]:
    """``{"TYPE[:mode]": "lemma lemma ..."}`` -> ``{lemma: Sense}``."""
    out: dict[str, Sense] = {}
    for key, words in spec.items():
        typ, _, mode = key.partition(":")
        for w in words.split():
            out[w.replace("_", " ")] = Sense(typ, mode or None)
    return out


#: Verb lemmas (as en_core_web_sm lemmatises them).
VERBS: dict[str, Sense] = _rows(
    {
        "AGREE": "agree pledge promise vow swear offer consent undertake volunteer commit propose",
        "CONSULT": "meet negotiate discuss consult confer talk",
        "CONSULT:visit": "visit",
        "CONSULT:phone": "telephone phone",
        "CONSULT:host": "host",
        "CONSULT:mediate": "mediate",
        "SUPPORT": "support defend praise endorse back welcome commend applaud congratulate "
        "hail thank recognize recognise forgive sign apologize apologise",
        "COOPERATE": "cooperate collaborate coordinate extradite partner",
        "AID": "aid assist help donate supply fund finance rescue shelter evacuate provide "
        "contribute",
        "RETREAT": "retreat surrender disarm demobilize withdraw resign abdicate",
        "RETREAT:release": "release free",
        "RETREAT:ease": "lift ease",
        "CONCEDE": "concede yield relent accede capitulate compromise allow permit pardon regret",
        "REQUEST": "demand urge ask request appeal plead petition seek implore press pressure",
        "ACCUSE:disapprove": "accuse blame criticize criticise condemn denounce deplore "
        "decry slam censure rebuke reprimand lambaste lambast allege sue convict",
        "ACCUSE:investigate": "investigate probe",
        "REJECT": "deny reject refuse decline veto rebuff spurn oppose dismiss defy snub",
        "THREATEN": "threaten warn menace",
        "PROTEST:demo": "protest demonstrate rally march picket",
        "PROTEST:riot": "riot",
        "PROTEST:boycott": "boycott",
        "REJECT:veto": "block",
        "SANCTION": "sanction sever suspend downgrade embargo",
        "SANCTION:expel": "recall",
        "MOBILIZE:troops": "mobilize mobilise deploy mass amass station reinforce muster conscript",
        "COERCE:arrest": "arrest detain jail imprison indict sentence charge",
        "COERCE:seize": "seize confiscate occupy",
        "COERCE:deport": "deport expel",
        "COERCE:ban": "ban outlaw censor",
        "COERCE": "blockade besiege raid disperse",
        "COERCE:destroy": "destroy burn torch demolish raze bulldoze",
        "ASSAULT": "attack assault invade storm ambush clash fight battle hit pound capture target",
        "ASSAULT:heavy-weapons": "shell bombard",
        "ASSAULT:aerial": "bomb",
        "ASSAULT:firearms": "shoot",
        "ASSAULT:targeted": "kill murder assassinate execute behead massacre",
        "ASSAULT:beat": "beat stab wound injure abuse",
        "ASSAULT:torture": "torture",
        "ASSAULT:sexual": "rape",
        "ASSAULT:abduct": "abduct kidnap hijack",
        "ASSAULT:explosives": "detonate",
    }
)

#: Lemmas with frequent senses that are no political event ("hit a record",
#: "back the car", "charge a fee", "press reporters", "sign up"): lower strength.
WEAK = frozenset(
    _words(
        "offer propose commit talk sign back welcome recognize recognise thank help "
        "supply fund free ease lift withdraw press seek ask appeal charge sentence "
        "station mass hit pound target fight battle capture destroy burn march rally "
        "dismiss oppose host release storm suspend recall raid meet defend abuse evacuate "
        "block provide contribute allow permit regret"
    )
)

#: (verb lemma, particle / preposition / object head lemma) -> sense. The
#: second word is looked up among the verb's prt, prep and dobj children.
PHRASES: dict[tuple[str, str], Sense] = {
    ("open", "fire"): Sense("ASSAULT", "firearms"),
    ("fire", "on"): Sense("ASSAULT", "firearms"),
    ("fire", "at"): Sense("ASSAULT", "firearms"),
    ("fire", "missile"): Sense("ASSAULT", "heavy-weapons"),
    ("fire", "rocket"): Sense("ASSAULT", "heavy-weapons"),
    ("shoot", "down"): Sense("ASSAULT", "aerial"),
    ("blow", "up"): Sense("ASSAULT", "explosives"),
    ("set", "fire"): Sense("COERCE", "destroy"),
    ("draw", "war"): Sense("ASSAULT"),
    ("enter", "war"): Sense("ASSAULT"),
    ("join", "war"): Sense("ASSAULT"),
    ("go", "war"): Sense("ASSAULT"),
    ("impose", "sanction"): Sense("SANCTION"),
    ("impose", "embargo"): Sense("SANCTION"),
    ("impose", "curfew"): Sense("COERCE", "curfew"),
    ("impose", "law"): Sense("COERCE", "martial-law"),
    ("impose", "restriction"): Sense("COERCE", "restrict"),
    ("impose", "ban"): Sense("COERCE", "ban"),
    ("impose", "blockade"): Sense("COERCE", "restrict"),
    ("declare", "emergency"): Sense("COERCE", "martial-law"),
    ("declare", "law"): Sense("COERCE", "martial-law"),
    ("declare", "state"): Sense("COERCE", "martial-law"),
    ("impose", "state"): Sense("COERCE", "martial-law"),
    ("use", "shield"): Sense("ASSAULT", "abduct"),
    ("hold", "shield"): Sense("ASSAULT", "abduct"),
    ("lodge", "protest"): Sense("ACCUSE", "disapprove"),
    ("lodge", "complaint"): Sense("ACCUSE", "disapprove"),
    ("file", "complaint"): Sense("ACCUSE", "disapprove"),
    ("file", "lawsuit"): Sense("ACCUSE", "disapprove"),
    **{
        (verb, obj): Sense("CONCEDE")
        for verb in _words("cancel lift ease relax end revoke rescind")
        for obj in _words("restriction measure curfew ban law state censorship")
    },
    ("grant", "amnesty"): Sense("CONCEDE"),
    ("grant", "pardon"): Sense("CONCEDE"),
    ("declare", "amnesty"): Sense("CONCEDE"),
    ("express", "regret"): Sense("CONCEDE"),
    ("meet", "demand"): Sense("CONCEDE"),
    ("share", "expertise"): Sense("COOPERATE"),
    ("share", "technology"): Sense("COOPERATE"),
    ("establish", "tie"): Sense("SUPPORT"),
    ("establish", "relation"): Sense("SUPPORT"),
    ("restore", "tie"): Sense("SUPPORT"),
    ("restore", "relation"): Sense("SUPPORT"),
    ("remain", "alert"): Sense("MOBILIZE", "troops"),
    ("place", "alert"): Sense("MOBILIZE", "troops"),
    ("ship", "out"): Sense("RETREAT", "withdraw"),
    ("force", "out"): Sense("SANCTION", "expel"),
    ("pay", "compensation"): Sense("RETREAT", "return"),
    ("declare", "war"): Sense("THREATEN", "violence"),
    ("declare", "ceasefire"): Sense("CONCEDE"),
    ("declare", "truce"): Sense("CONCEDE"),
    ("announce", "ceasefire"): Sense("CONCEDE"),
    ("lift", "sanction"): Sense("RETREAT", "ease"),
    ("lift", "embargo"): Sense("RETREAT", "ease"),
    ("lift", "blockade"): Sense("RETREAT", "ease"),
    ("withdraw", "ambassador"): Sense("SANCTION", "expel"),
    ("withdraw", "support"): Sense("SANCTION", "discontinue"),
    ("withdraw", "aid"): Sense("SANCTION", "discontinue"),
    ("withdraw", "from"): Sense("RETREAT", "withdraw"),
    ("pull", "out"): Sense("RETREAT", "withdraw"),
    ("pull", "back"): Sense("RETREAT", "withdraw"),
    ("back", "down"): Sense("CONCEDE"),
    ("step", "down"): Sense("RETREAT"),
    ("give", "in"): Sense("CONCEDE"),
    ("hand", "over"): Sense("RETREAT", "return"),
    ("cut", "tie"): Sense("SANCTION", "withdraw"),
    ("cut", "relation"): Sense("SANCTION", "withdraw"),
    ("cut", "aid"): Sense("SANCTION", "discontinue"),
    ("cut", "off"): Sense("SANCTION", "discontinue"),
    ("break", "tie"): Sense("SANCTION", "withdraw"),
    ("break", "relation"): Sense("SANCTION", "withdraw"),
    ("break", "off"): Sense("SANCTION", "withdraw"),
    ("freeze", "asset"): Sense("SANCTION"),
    ("freeze", "aid"): Sense("SANCTION", "discontinue"),
    ("halt", "aid"): Sense("SANCTION", "discontinue"),
    ("halt", "talk"): Sense("SANCTION", "withdraw"),
    ("suspend", "talk"): Sense("SANCTION", "withdraw"),
    ("walk", "out"): Sense("PROTEST"),
    **{
        (verb, obj): Sense("COERCE", "restrict")
        for verb in _words("prevent prohibit forbid suppress")
        for obj in _words("demonstration protest rally march strike gathering meeting")
    },
    ("expel", "diplomat"): Sense("SANCTION", "expel"),
    ("expel", "ambassador"): Sense("SANCTION", "expel"),
    ("expel", "inspector"): Sense("SANCTION", "expel"),
    ("send", "troop"): Sense("MOBILIZE", "troops"),
    ("send", "force"): Sense("MOBILIZE", "troops"),
    ("send", "soldier"): Sense("MOBILIZE", "troops"),
    ("send", "aid"): Sense("AID"),
    ("send", "weapon"): Sense("AID", "military"),
    ("send", "peacekeeper"): Sense("AID", "peacekeeping"),
    ("send", "envoy"): Sense("CONSULT"),
    ("send", "delegation"): Sense("CONSULT"),
    ("dispatch", "troop"): Sense("MOBILIZE", "troops"),
    ("move", "troop"): Sense("MOBILIZE", "troops"),
    ("build", "up"): Sense("MOBILIZE", "troops"),
    ("call", "up"): Sense("MOBILIZE", "troops"),
    ("put", "alert"): Sense("MOBILIZE", "troops"),
    ("provide", "aid"): Sense("AID"),
    ("provide", "assistance"): Sense("AID"),
    ("provide", "weapon"): Sense("AID", "military"),
    ("give", "aid"): Sense("AID"),
    ("deliver", "aid"): Sense("AID", "humanitarian"),
    ("grant", "asylum"): Sense("AID", "asylum"),
    ("grant", "aid"): Sense("AID"),
    ("open", "border"): Sense("AID"),
    ("share", "intelligence"): Sense("COOPERATE", "intelligence"),
    ("share", "information"): Sense("COOPERATE", "intelligence"),
    ("call", "for"): Sense("REQUEST"),
    ("call", "on"): Sense("REQUEST"),
    ("call", "upon"): Sense("REQUEST"),
    ("push", "for"): Sense("REQUEST"),
    ("press", "for"): Sense("REQUEST"),
    ("turn", "down"): Sense("REJECT"),
    ("speak", "with"): Sense("CONSULT"),
    ("speak", "to"): Sense("CONSULT"),
    ("crack", "down"): Sense("COERCE"),
    ("take", "control"): Sense("COERCE", "seize"),
    ("take", "hostage"): Sense("ASSAULT", "abduct"),
    ("go", "strike"): Sense("PROTEST", "strike"),
    ("protest", "to"): Sense("ACCUSE", "disapprove"),
    ("side", "with"): Sense("SUPPORT"),
    ("stand", "by"): Sense("SUPPORT"),
    ("sign", "agreement"): Sense("SUPPORT"),
    ("sign", "deal"): Sense("SUPPORT"),
    ("sign", "treaty"): Sense("SUPPORT"),
    ("accept", "demand"): Sense("CONCEDE"),
    ("accept", "proposal"): Sense("AGREE"),
    ("accept", "plan"): Sense("AGREE"),
    ("accept", "offer"): Sense("AGREE"),
    ("reach", "agreement"): Sense("AGREE"),
    ("reach", "deal"): Sense("AGREE"),
}

#: (verb lemma, word) pairs that are no event at all ("met with
#: criticism", "released a report", "hit a record"): the verb is dropped.
NOT_EVENTS = frozenset(
    {
        *(
            ("meet", w)
            for w in _words(
                "opposition criticism resistance skepticism target goal need requirement "
                "standard limit deadline expectation criterion demand_for"
            )
        ),
        *(
            ("release", w)
            for w in _words(
                "report statement video data figure index album study survey result "
                "film footage document list book"
            )
        ),
        *(("hit", w) for w in _words("record high low mark")),
        *(("target", w) for w in _words("audience market consumer")),
        # "the dam gave way (in the night)": a structure collapsing, no concession
        ("give", "way"),
    }
)
#: Blocking a way is an obstruction protest; blocking anything else, a veto.
OBSTRUCT = {
    ("block", w): Sense("PROTEST", "obstruct")
    for w in _words("road highway street bridge entrance traffic railway port border access")
}

#: Event nouns: objects of light verbs and nominal triggers.
NOUNS: dict[str, Sense] = _rows(
    {
        "ASSAULT": "attack assault invasion offensive bombardment clash fighting massacre "
        "ambush war",
        "ASSAULT:aerial": "airstrike air_strike bombing",
        "ASSAULT:heavy-weapons": "shelling",
        "ASSAULT:targeted": "assassination killing execution",
        "ASSAULT:explosives": "bomb explosion",
        "ASSAULT:abduct": "kidnapping abduction",
        "PROTEST:demo": "protest demonstration rally march",
        "PROTEST:strike": "strike walkout",
        "PROTEST:boycott": "boycott",
        "REJECT:veto": "block",
        "PROTEST:riot": "riot",
        "CONSULT": "talk negotiation meeting summit visit consultation",
        "CONSULT:mediate": "mediation",
        "SANCTION": "sanction embargo",
        "COERCE:arrest": "arrest crackdown",
        "COERCE:restrict": "blockade siege curfew",
        "CONCEDE": "amnesty pardon concession",
        "AID": "aid assistance",
        "RETREAT:ceasefire": "ceasefire truce",
        "RETREAT:withdraw": "withdrawal pullout",
        "MOBILIZE:troops": "mobilization mobilisation deployment buildup exercise drill",
        "THREATEN": "threat ultimatum",
        "ACCUSE:disapprove": "accusation criticism condemnation",
        "ACCUSE:investigate": "investigation probe inquiry hearing",
        "AGREE": "agreement deal accord pledge",
        "REQUEST": "demand appeal request",
    }
)

#: Verbs that carry no event of their own but take the type of their event
#: noun object ("launch an attack", "stage a protest", "hold talks").
LIGHT_VERBS = frozenset(
    _words(
        "launch stage hold conduct carry mount make begin start continue resume organize "
        "organise lead join announce impose issue deliver go wage step tighten intensify escalate "
        "undertake open grant declare"
    )
)

#: Nominal triggers need a role-bearing child to stand alone ("the attack on
#: X", "talks with Y", "protests in Z"): prepositions that give one.
NOUN_TARGET_PREPS = frozenset({"on", "against", "with", "to", "at", "between"})
NOUN_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "across", "around"})

#: Controllers that swallow an infinitive complement into one event of
#: their own type; an intent verb's type follows the complement's nature.
CONTROLLERS = frozenset(
    {
        "agree",
        "refuse",
        "decline",
        "reject",
        "threaten",
        "urge",
        "ask",
        "demand",
        "request",
        "call",
        "appeal",
        "press",
        "pressure",
        "plead",
        "seek",
        "accuse",
        "blame",
        "warn",
        "consent",
        "offer",
        "pledge",
        "promise",
        "vow",
        "help",
    }
)
#: Intent verbs: AGREE when what is promised is cooperative, THREATEN when hostile.
INTENT_VERBS = frozenset({"pledge", "promise", "vow", "swear", "offer", "commit", "undertake"})
#: Adjectival predicates of intent ("is ready to send", "willing to talk").
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "determined", "eager"})

#: Verbs of saying: no event themselves; an event in their complement is
#: reported by their subject.
REPORTING_VERBS = frozenset(
    _words(
        "say tell report claim state add note confirm announce write explain acknowledge "
        "reveal disclose declare stress argue insist suggest indicate quote tweet post "
        "predict estimate believe think expect reiterate repeat reaffirm"
    )
)
#: Reporting verbs whose complement is a forecast, not a report of fact.
PREDICTING_VERBS = frozenset({"predict", "expect", "forecast", "anticipate"})
#: Reporting verbs whose complement is only believed.
BELIEF_VERBS = frozenset({"believe", "think", "suspect", "fear", "suggest"})

#: Deontic modals: "X said Y must Z" is a REQUEST of X to Y (CAMEO "demand").
DEONTIC = frozenset({"must", "should"})

#: Modality cues. Hedge modals and adverbs; future auxiliaries; verbs whose
#: xcomp is planned, possible or reported ("plans to", "is likely to").
HEDGE_MODALS = frozenset({"may", "might", "could"})
HEDGE_ADVERBS = frozenset(
    _words(
        "possibly perhaps maybe reportedly allegedly apparently probably likely "
        "purportedly supposedly seemingly"
    )
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
PLAN_VERBS = frozenset(
    _words("plan intend aim prepare expect hope want wish seek schedule set go mean decide")
)
HEDGE_CONTROL = frozenset(
    _words("seem appear say report believe think allege rumor rumour likely possible unlikely")
)
#: Nouns whose clause is only feared, rumoured or reported ("fears that
#: Belarus will join the war", "reports that troops crossed").
HEDGE_NOUNS = frozenset(
    _words(
        "fear concern speculation rumor rumour report possibility risk likelihood chance "
        "prospect suspicion claim allegation warning suggestion question doubt"
    )
)
#: Types whose object is what is moved, not a recipient ("amassed troops"),
#: and whose passive subject is the mover ("troops were deployed").
SELF_OBJECT_TYPES = frozenset({"MOBILIZE"})
#: Verbs of saying that are an event of their own only without a reported
#: clause ("warned Minsk" is THREATEN; "warned that Minsk could join" reports).
REPORT_OR_EVENT = frozenset({"warn", "allege", "charge", "deny"})

#: Verbs that deny their complement ("denied sending troops").
DENIAL_VERBS = frozenset({"deny", "dispute"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
#: Verbs that stop their complement from happening ("failed to", "stopped short of").
FAILURE_VERBS = frozenset({"fail", "refrain", "avoid", "stop", "cease"})

#: Entity labels and common nouns that can be an actor or a recipient.
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
ACTOR_NOUNS = frozenset(
    _words(
        "people person man woman child civilian resident citizen villager worker student "
        "farmer refugee migrant protester demonstrator activist opponent opposition "
        "supporter rebel militant insurgent guerrilla fighter gunman soldier troop force "
        "army navy military police policeman officer guard militia government authority "
        "official minister leader president regime state country nation parliament court "
        "ministry administration cabinet party group faction coalition alliance embassy "
        "diplomat envoy delegation team member journalist reporter prisoner hostage "
        "detainee suspect victim community tribe union company firm bank agency council "
        "committee commission organization organisation movement mob crowd"
    )
)
#: Types whose recipient may be any object, not only an actor ("shelled a
#: convoy", "arrested dozens of demonstrators").
ANY_OBJECT_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Types whose coordinated actors act on each other when no recipient is
#: named ("Jordan and Britain agreed", "X and Y met"): compound coding.
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT", "SUPPORT"})
#: Prepositions whose object is the recipient.
TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "upon", "from", "toward", "towards"})
#: Prepositions of place, with a GPE / LOC / FAC object.
PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "over",
        "into",
        "throughout",
        "within",
    }
)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb lemma ("stage" -> "staged",
    "stages", "staging"): found by form when the lemmatizer slips."""
    forms = {lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if (
        len(lemma) > 2
        and lemma[-1] in "bdgmnprt"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
    ):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms - {lemma}


#: Head nouns that only count or group the actor named in their "of"
#: phrase ("leaders of the coalition", "dozens of protesters"): the actor
#: is the "of" object, as event coding marks it.
GROUPING_HEADS = frozenset(
    _words(
        "group leader member part some many most dozen hundred thousand million "
        "number majority unit contingent minority half few several all none bulk rest"
    )
)
#: Grouping heads that only say how many ("the vast majority", "half",
#: "many"): with no "of" phrase naming who, they are no actor at all.
QUANTITY_HEADS = frozenset(
    _words("some many most majority minority half few several all none bulk rest")
)
#: Relative pronouns: "the villagers, the majority of whom oppose ..." names
#: the villagers, the antecedent of the relative clause.
RELATIVE_PRONOUNS = frozenset(_words("whom which whose who that"))
#: Entity labels that are never a participant ("Wednesday", "two").
NOT_PARTICIPANT_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
)
#: Intent recoding (PLOVER codes a stated intent as AGREE / THREATEN, and a
#: stated refusal of a cooperative act as REJECT): the future cues that
#: make a statement an intent, when the actor or the outlet states it.
INTENT_CUES = frozenset({"will", "would", "shall", "'ll", "wo", "plan", "intend", "decide"})

#: Strength of a lexicon row, a prior ranking of rule kinds (a phrase row
#: beats a bare verb); the reported confidence is calibrated in
#: ``confidence.py``, whose features name the rule kinds themselves.
STRONG = 0.85
WEAK_STRENGTH = 0.55
PHRASE_STRENGTH = 0.9
NOUN_STRENGTH = 0.6

#: What a withdrawal moves decides its type: hostile forces pulled back are
#: RETREAT, but withdrawing (or being shipped out as) a guest presence --
#: peacekeepers, observers, inspectors, diplomats, aid agencies -- ends
#: cooperation, SANCTION "expel" (PLOVER manual, SANCTION).
GUEST_PRESENCE = frozenset(
    _words(
        "peacekeeper peacekeeping observer inspector monitor diplomat ambassador envoy "
        "embassy mission staff agency personnel"
    )
)
EXPEL = Sense("SANCTION", "expel")
#: Verbs that withdraw what they move, whatever their own row says
#: ("evacuated its embassy", "recalled its ambassador").
WITHDRAWAL_VERBS = frozenset(_words("withdraw evacuate recall pull ship"))
#: Verbs that are a demonstration when intransitive but a verbal complaint
#: when they take a clause ("a rights group protested that ..."): PLOVER
#: codes written and verbal protests as ACCUSE (disapprove).
VERBAL_WITH_CLAUSE: dict[str, Sense] = {"protest": Sense("ACCUSE", "disapprove")}
#: Preparing an attack is military posturing short of force (MOBILIZE):
#: "prepared to resume shelling".
PREPARE_VERBS = frozenset({"prepare"})
#: Types whose unnamed target is where they happen ("imposed a curfew in
#: Haiti", "demonstrated in Serbia"): CAMEO-style coding puts the place in
#: the target role too when nothing else is there.
TARGET_FROM_PLACE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST", "SANCTION"})
#: Senses whose object is what moves, not a recipient ("withdrew its troops
#: from Lebanon": Lebanon is the recipient).
SELF_OBJECT_MODES = frozenset({("RETREAT", "withdraw")})
#: Prepositions inside a thing-object that name the party it belongs to or
#: is aimed at ("the withdrawal of Serbian forces", "calls by Kofi Annan").
OWNER_PREPS = frozenset({"of", "by", "from"})
#: Aspectual verbs whose gerund or infinitive is the event ("resume
#: shelling", "continue to fight"): a controller's complement looks through them.
ASPECTUAL = frozenset(_words("resume continue begin start keep"))
#: Entity labels of a modifier that names the party a thing belongs to
#: ("a U.S. request", "Iraqi towns", "a Hamas proposal").
OWNER_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
