"""Who said what: direct quotes and reported speech, with speaker, cue, channel and time.

One public function, ``extract_quotes(parsed) -> list[Quote]``. It works over
the existing parse (no re-parsing, no extra model), in three steps over one
``QuoteContext`` (``context.py``) per document:

1. *proposals* (``proposals.candidates``): quotation marks (``marks``) with
   the cue verb next to each quote (``proposals/direct.py``); cue verbs and
   nouns that govern a clause ("X said (that) ...", "according to X, ...",
   ``proposals/reported.py``), learned cue frames (``proposals/framed.py``)
   and credit / transcript / headline lines (``proposals/credits.py``), over
   the parse helpers of ``syntax`` and the tables of ``rules``,
   ``speaker_rules`` and ``lexicon``; and every other cue frame as a
   candidate. Each is an ``Attribution``;
2. *selection* (``filter``): a model trained on PolNeAR train keeps the
   proposals likely to be attributions, best first, without overlaps
   (under ``--profile accurate``: ``filter_accurate``, the same model
   with frozen MiniLM context as features too);
3. *vetting* (``vetting``): narration is not speech, and a speaker is someone
   the cue's syntax names (no number phrases — a poll share is kept as the
   record's annotation-style ``source`` only —, places doing things,
   fragments; coordinated subjects marked); frames that state no words of
   their source ("hopes to", "is seen as", "did not say", a headline with
   no named speaker; ``speech_events``) are kept but marked not reporting;
   Under ``--profile accurate`` the attributions of a fine-tuned tagger
   are combined with the filter's selection first (``tagged``);
4. *records* (``records``): one token, one attribution; each source
   classified (name, title+name, organisation, pronoun, description,
   anonymous, collective) and pronouns and descriptions resolved over a small
   subject chain (``speakers``); cue extent, channel and time.

Every offset is reported in the original text through
``parsed.original_span`` (spun documents are parsed in a repaired view).
"""

from __future__ import annotations

import logging
from typing import Any

from storyline.extract.quotes import filter as F
from storyline.extract.quotes import filter_accurate as FA
from storyline.extract.quotes.proposals import candidates
from storyline.extract.quotes.records import build_records
from storyline.extract.quotes.tagged import with_tagger
from storyline.extract.quotes.vetting import vet
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument, Quote

__all__ = ["extract_quotes"]

log = logging.getLogger(__name__)
_WARNED: list[bool] = []


@extractor("quotes", version="10", output="quotes", section="quotes", schema="quotes.schema.json")
def extract_quotes(parsed: ParsedDocument) -> list[Quote]:
    """Direct quotes and reported speech in one parsed document, in text order."""
    if parsed.doc is None or not parsed.text:
        return []
    ctx, atts = candidates(parsed)
    accurate = parsed.options.get("profile") == "accurate"
    if accurate:
        tagger = accurate_tagger()
        atts = FA.select(ctx, atts, tagger)
        if tagger is not None:
            atts = with_tagger(ctx, atts, tagger.tag)
    else:
        atts = F.select(ctx, atts)
    atts = vet(ctx, atts)
    return build_records(parsed, ctx, atts)


def accurate_tagger() -> Any:
    """The accurate profile's attribution tagger (an ``AttributionTagger``:
    ``.tag`` for the combination, ``.distributions`` for the filter), or None
    (warned once per process) when its weights are not built: the rules'
    attributions then stand alone."""
    from storyline.nlp.attribution_model import (
        AttributionWeightsMissing,
        attribution_folder,
        load_attribution_tagger,
    )

    try:
        return load_attribution_tagger(str(attribution_folder()))
    except AttributionWeightsMissing as exc:
        if not _WARNED:
            log.warning("%s; quotes use the rules only", exc)
            _WARNED.append(True)
        return None
