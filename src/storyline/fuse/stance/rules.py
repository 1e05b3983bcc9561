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
