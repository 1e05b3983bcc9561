"""Word tables of claim-relation (stance) detection, kept as data.

Written from general knowledge of English news language (how reports deny,
confirm or merely relay a claim), not from any evaluation text. Forms are
lower case; multi-word cues are matched on the lower-cased, space-joined token
stream. Editing a table changes behaviour only after re-training
(``python -m tools.train.stance``), because the model weights depend on them.
"""

from __future__ import annotations


def _table(text: str) -> frozenset[str]:
    """A word table written as whitespace-separated words."""
    return frozenset(text.split())


# The body says the claim is false: denial, debunking, fabrication vocabulary.
REFUTE = _table(
    """
    fake fakes faked false falsely hoax hoaxes fraud fraudulent debunk debunked debunks
    debunking deny denies denied denying denial denials refute refutes refuted refuting
    untrue fabricated fabrication fabricate bogus baseless myth myths doubt doubts doubted
    dismiss dismissed dismisses prank pranks prankster pranksters satire satirical parody
    misleading mislead incorrect inaccurate wrong rumour rumours rumor rumors lie lies lied
    photoshopped doctored retract retracted retraction nonsense spoof scam contrary
    unfounded unsubstantiated disputed dispute disputes erroneous erroneously
    """
)
REFUTE_PHRASES = (
    "not true",
    "no evidence",
    "no truth",
    "is not real",
    "was not real",
    "never happened",
    "did not happen",
    "didn't happen",
    "no such",
    "not the case",
    "turned out to be",
    "made up",
    "not real",
    "no proof",
    "has been debunked",
)

# The body relays the claim without vouching for it: hedges and attribution.
HEDGE = _table(
    """
    reportedly allegedly alleged alleges claim claims claimed claiming purportedly purported
    apparently supposedly rumoured rumored unconfirmed unverified may might could possibly
    perhaps appears appeared seems seemed suggest suggests suggested speculation speculate
    speculated believed thought report reports reported according unclear unknown if whether
    said says told
    """
)
HEDGE_PHRASES = (
    "according to",
    "it is not clear",
    "not yet confirmed",
    "could not be verified",
    "could not independently",
    "has not been confirmed",
    "have not been confirmed",
    "if true",
    "is said to",
    "are said to",
    "it is claimed",
)

# The body vouches for the claim: confirmation vocabulary.
CONFIRM = _table(
    """
    confirmed confirms confirm confirming verified proved proven proof officially announced
    admitted admits revealed reveals indeed true real genuine authentic acknowledged
    acknowledges evidence footage shows showed
    """
)

# Plain negation, counted for polarity and near claim words.
NEGATION = _table(
    """
    not no never nor none nobody nothing neither without n't isn't wasn't aren't weren't
    doesn't didn't don't hasn't haven't hadn't won't wouldn't can't cannot couldn't
    """
)

# Function words left out of overlap measures.
STOPWORDS = _table(
    """
    a an the and or but if of to in on at by for with from as into onto about over after
    before than then so that this these those it its it's is are was were be been being has
    have had do does did will would shall should can could may might must he she they we you
    i his her their our your my him them us me who whom whose which what when where why how
    all any some such more most other own same very just also only up out off there here s t
    says said say new one two after while via
    """
)

# Sentences of the body compared with the claim in detail (the most similar ones).
TOP_SENTENCES = 3
# Words within this many tokens of a claim word count as "near" it.
NEAR_WINDOW = 5
# Characters of word prefix used as a cheap stem (denied ~ deny, bodies ~ body).
STEM_LEN = 6

# Finer cue groups (each counted separately, so the model can weigh, say,
# "hoax" apart from "denied"). Written from general knowledge of how news
# copy debunks, denies, doubts, relays or confirms a claim; not from eval text.
# name -> (single words, multi-word phrases).
CUE_GROUPS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "fabricated": (
        _table(
            """
            fake fakes faked hoax hoaxes hoaxer prank pranks prankster pranksters satire
            satirical parody spoof photoshopped photoshop doctored fabricated fabrication
            fabricate bogus scam fraud fraudulent staged forged forgery manipulated imposter
            impostor
            """
        ),
        ("made up", "not real", "april fool", "a joke", "publicity stunt"),
    ),
    "denied": (
        _table("deny denies denied denying denial denials rejected rejects reject rebuffed"),
        ("no plans", "has no intention", "categorically", "strongly denied"),
    ),
    "false": (
        _table(
            """
            false falsely untrue incorrect inaccurate wrong erroneous erroneously misleading
            mislead misinformation lie lies lied myth myths nonsense ridiculous absurd
            """
        ),
        (
            "not true",
            "no truth",
            "not the case",
            "never happened",
            "did not happen",
            "didn't happen",
            "isn't true",
            "wasn't true",
            "no such",
            "is not real",
            "was not real",
        ),
    ),
    "debunked": (
        _table(
            """
            debunk debunked debunks debunking refute refutes refuted refuting dispute disputed
            disputes dismiss dismissed dismisses retract retracted retraction correction
            contrary contradicts contradicted contradict clarified clarify
            """
        ),
        ("turned out", "fact check", "set the record straight", "in fact", "actually"),
    ),
    "doubt": (
        _table(
            """
            doubt doubts doubted doubtful skeptical sceptical skeptics sceptics baseless
            unfounded unsubstantiated unproven rumour rumours rumor rumors questionable
            dubious suspicious suspect
            """
        ),
        ("no evidence", "no proof", "little evidence", "no sign", "no indication"),
    ),
    "attributed": (
        _table(
            """
            reportedly allegedly alleged purportedly purported supposedly apparently rumoured
            rumored unconfirmed unverified claims claimed claiming according
            """
        ),
        (
            "could not be verified",
            "could not independently",
            "not yet confirmed",
            "has not been confirmed",
            "have not been confirmed",
            "if true",
            "is said to",
            "are said to",
        ),
    ),
    "modal": (
        _table("may might could possibly perhaps appears seems suggest suggests likely unlikely"),
        (),
    ),
    "error": (
        _table(
            """
            mistake mistaken mistakenly misidentified misreported misinterpreted misquoted
            error errors confused confusion misunderstanding mix-up erroneously
            """
        ),
        ("mix up", "taken out of context", "out of context"),
    ),
    "contrast": (
        _table("however but although though despite instead rather yet nevertheless"),
        ("in reality", "the truth", "in truth", "contrary to"),
    ),
    "official": (
        _table(
            """
            spokesman spokeswoman spokesperson representative statement publicist
            officials official rep
            """
        ),
        ("told reporters", "said in a statement"),
    ),
    "confirmed": (
        _table(
            """
            confirmed confirms confirm confirming verified proved proven officially announced
            admitted admits acknowledged acknowledges revealed indeed genuine authentic
            """
        ),
        ("it is true", "is real", "was real", "is authentic", "turned out to be true"),
    ),
}
# Tokens before a claim word that count as negating it in the same clause.
NEG_BEFORE_WINDOW = 3
# Quotation marks: a claim-like sentence in quotes is often the claim being relayed.
QUOTE_MARKS = ('"', "“", "”", "‘")
