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
   proposals likely to be attributions, best first, without overlaps;
3. *vetting* (``vetting``): narration is not speech, and a speaker is someone
   the cue's syntax names (no number phrases — a poll share is kept as the
   record's annotation-style ``source`` only —, places doing things,
   fragments; coordinated subjects marked); frames that state no words of
   their source ("hopes to", "is seen as", "did not say", a headline with
   no named speaker; ``speech_events``) are kept but marked not reporting;
4. *records* (``records``): one token, one attribution; each source
   classified (name, title+name, organisation, pronoun, description,
   anonymous, collective) and pronouns and descriptions resolved over a small
   subject chain (``speakers``); cue extent, channel and time.

Every offset is reported in the original text through
``parsed.original_span`` (spun documents are parsed in a repaired view).
"""

from __future__ import annotations

from storyline.extract.quotes import filter as F
from storyline.extract.quotes.proposals import candidates
from storyline.extract.quotes.records import build_records
from storyline.extract.quotes.vetting import vet
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument, Quote

__all__ = ["extract_quotes"]


@extractor("quotes", version="4", output="quotes", section="quotes", schema="quotes.schema.json")
def extract_quotes(parsed: ParsedDocument) -> list[Quote]:
    """Direct quotes and reported speech in one parsed document, in text order."""
    if parsed.doc is None or not parsed.text:
        return []
    ctx, atts = candidates(parsed)
    atts = vet(ctx, F.select(ctx, atts))
    return build_records(parsed, ctx, atts)
