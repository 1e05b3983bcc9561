"""Rule tables for disagreements between sources (``storyline.fuse.conflicts``).

Data only: word lists, measure cues, qualifier readings and the documented
confidence constants. Written from general knowledge of English news wording,
never from one article; to change behaviour, edit a row here.
"""

from __future__ import annotations

import re

#: Counted nouns that all count people: figures about them may be compared.
PEOPLE_NOUNS = frozenset(
    [
        "people",
        "persons",
        "person",
        "residents",
        "resident",
        "inhabitants",
        "inhabitant",
        "evacuees",
        "evacuee",
        "civilians",
        "civilian",
        "citizens",
        "villagers",
        "locals",
        "individuals",
        "families",
        "households",
        "refugees",
        "migrants",
    ]
)

#: What a figure measures, read from cue words in its sentence (nearest cue
#: wins; a cue matches at the start of a word). ``cumulative`` measures only
#: grow over a story (a later, larger count is an update); the others are
#: snapshots (a count on another day is a new reading, not a contradiction).
#: Each row: (label, cumulative, word stems).
MEASURES: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    ("evacuated or displaced", True, ("evacuat", "fled", "flee", "displac", "left their home")),
    ("in shelters", False, ("shelter", "reception centre", "reception center")),
    ("killed", True, ("killed", "dead ", "died", "death toll", "deaths", "fatalit")),
    ("injured", True, ("injur", "wounded", "hurt")),
    ("rescued or freed", True, ("rescu", "freed", "released")),
    ("missing", False, ("missing", "unaccounted")),
    ("arrested or detained", True, ("arrest", "detain", "detention")),
    ("protesting", False, ("protest", "demonstrat", "rally", "rallies", "marched")),
    ("fighting", False, ("fighting", "fight ", "volunteer", "enlisted", "joined the")),
    ("deployed", False, ("deploy", "stationed", "amass", "massed", "troops")),
)

#: A figure read just after these words is a capacity or a possibility, not a
#: count of what happened ("the camp can hold 550 people"): never compared.
NOT_A_COUNT = re.compile(
    r"\b(?:can|could|would|will|may|might|able to) (?:\w+ ){0,2}?"
    r"(?:hold|house|take|accommodate|seat|fit)\b|\bcapacity\b|\bhold,? at most\b",
    re.IGNORECASE,
)
NOT_A_COUNT_BEFORE = 60

#: Qualifiers (as the quantities extractor normalises them) by what they say
#: about the true figure: "lower" = figure is a lower bound, "upper" = an
#: upper bound, "approx" = near the figure either side.
QUALIFIER_SIDE: dict[str, str] = {
    "at least": "lower",
    "more than": "lower",
    "over": "lower",
    "upwards of": "lower",
    "above": "lower",
    "up to": "upper",
    "less than": "upper",
    "fewer than": "upper",
    "under": "upper",
    "at most": "upper",
    "no more than": "upper",
    "nearly": "upper_near",
    "almost": "upper_near",
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
}

#: "about 2,400" is read as within this share of 2,400 either side; an exact
#: figure as within EXACT_MARGIN (rounding); "nearly 3,000" as at most 3,000
#: and at least 3,000 * (1 - APPROX_MARGIN).
APPROX_MARGIN = 0.10
EXACT_MARGIN = 0.02
#: Newsroom reading of an open bound: "more than 2,100" is said of a figure
#: just above 2,100 (a writer with 2,900 would say "nearly 3,000"). Used only
#: for low-confidence disagreements, never to call a high-confidence one.
OPEN_BOUND_MARGIN = 0.10
#: A vague amount ("several hundred", value 300 by ACLED) is read as from
#: VAGUE_LOW_SHARE of its value to just below ten times its order of magnitude.
VAGUE_LOW_SHARE = 2 / 3

#: Snapshot measures reported this many days apart are readings of a changing
#: figure, not a disagreement.
SNAPSHOT_DAYS = 1

#: Documented confidence constants (not calibrated): figures that cannot both
#: be true on any reading; figures incompatible only on the newsroom reading.
CONF_NUMBERS_STRICT = 0.75
CONF_NUMBERS_READING = 0.4
#: A figure with no document date on one side: the disagreement may be an update.
CONF_UNDATED_FACTOR = 0.7
#: Reported resigned, then quoted / titled in office by a later, other source.
CONF_STATUS_QUOTED = 0.8
CONF_STATUS_TITLED = 0.6
CONF_STATUS_UNDATED = 0.45
#: One source reports an event, another denies it (same type, actor, trigger).
CONF_EVENT_DENIED = 0.45
#: Headline vs its own body: stance() must say "disagree" with at least this.
HEADLINE_MIN_DISAGREE = 0.75
#: The stance model's "disagree" is weak (F1 0.25 on FNC-1, docs/accuracy.md):
#: a headline conflict never claims more than this.
CONF_HEADLINE_CAP = 0.45
#: Below this a conflict is shown as low confidence.
LOW_CONFIDENCE = 0.5

#: A sentence that says a person left office (resigned, was dismissed, ...).
LEFT_OFFICE = re.compile(
    r"\b(resign(?:ed|s|ing)?|has quit|had quit|quit (?:his|her|their) (?:post|job|role)"
    r"|stepp?(?:ed|s)? down|(?:was|were|been|has been|had been) "
    r"(?:dismissed|sacked|fired|ousted|removed from (?:his|her) post)"
    r"|handed in (?:his|her) (?:resignation|notice)|tendered (?:his|her) resignation"
    r"|relieved of (?:his|her) (?:duties|post|command))\b",
    re.IGNORECASE,
)
#: Words that make such a sentence a denial, question or rumour, not a report.
NOT_A_REPORT = re.compile(
    r"\b(not|never|deny|denies|denied|denying|untrue|false|rumou?rs?|asked about"
    r"|reports? (?:\w+ ){0,3}that|whether|if he|if she|would|will|could|might|refused to)\b"
    r"|n't\b",
    re.IGNORECASE,
)
#: Words after the cue, in its sentence, that deny the report ("... resigned
#: is simply untrue").
DENIED_AFTER = re.compile(
    r"\b(untru\w*|false|fake|baseless|nonsense|denied|deny|denies|not true|no truth)\b",
    re.IGNORECASE,
)
#: How much text before a left-office cue is read for NOT_A_REPORT (its clause).
NOT_A_REPORT_BEFORE = 60
#: How far (characters) a left-office cue may sit from the person's mention.
LEFT_OFFICE_WINDOW = 200
#: A role title that itself says the person has left ("former", "ex-").
FORMER_TITLE = re.compile(r"\b(former|ex-|outgoing|ousted|sacked|late)\b", re.IGNORECASE)
