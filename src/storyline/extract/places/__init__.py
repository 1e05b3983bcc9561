"""Places: geoparse the parse's GPE/LOC/FAC entities and geocode them with GeoNames.

Each place name becomes a ``Place`` record with its GeoNames record (name,
geonameid, feature, country, coordinates, population) when one fits —
"Kiev" is Kyiv, "Leviv" is Lviv (a typo-tolerant match, low confidence) —
and with ``geonameid`` None when none does (kept, never guessed). Names are
resolved twice: once alone, then with the countries and regions the
document names as context. ``role`` says whether the place is where
something happened in its clause (``role.py``). Nationality words
("Belarusian") are not places.
"""

from __future__ import annotations

from typing import Any

from storyline.extract.places.gazetteer import load_gazetteer
from storyline.extract.places.resolve import Context, Resolution, resolve
from storyline.extract.places.role import place_role
from storyline.extract.places.rules import PLACE_LABELS, REGION_WORDS
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument, Place
from storyline.nlp import corrected_entities
from storyline.nlp import doc_text as doc_text_of
from storyline.nlp.ner_places import is_demonym

__all__ = ["extract_places"]


@extractor("places", version="1", output="places", section="places", schema="places.schema.json")
def extract_places(parsed: ParsedDocument) -> list[Place]:
    doc = parsed.doc
    text = doc_text_of(doc)
    found = [p for ent in corrected_entities(doc) if (p := _candidate(ent, text)) is not None]
    gaz = load_gazetteer(parsed.options.get("geonames"))
    first = [resolve(gaz, name, word, None) for _, _, name, word in found]
    ctx = Context()
    for res in first:
        ctx.note(res)
    place_tokens = {i for ent, _, _, _ in found for i in range(ent.start, ent.end)}
    out: list[Place] = []
    for (ent, (start, end), name, word), res in zip(found, first, strict=True):
        if ctx.countries or ctx.regions:
            res = resolve(gaz, name, word, ctx)
        start, end = parsed.original_span(start, end)
        if end <= start or parsed.text[start:end].isspace():
            continue
        role, pattern = place_role(ent.root, place_tokens)
        out.append(_record(parsed.text, start, end, ent.label_, res, role, pattern))
    return out


def _candidate(ent: Any, text: str) -> tuple[Any, tuple[int, int], str, bool] | None:
    """(entity, span, name to look up, followed by a region word) or None."""
    if ent.label_ not in PLACE_LABELS:
        return None
    tokens = [t for t in ent if not t.is_space]
    if not tokens or any(t.is_space for t in ent[: len(tokens)]):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    for suffix in ("'s", "\u2019s"):  # "Belarus's"
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            end -= len(suffix)
            break
    name = text[start:end]
    if is_demonym(name):
        return None
    doc = ent.doc
    word = ent.end < len(doc) and doc[ent.end].lower_ in REGION_WORDS
    return ent, (start, end), name, word


def _record(
    text: str, start: int, end: int, label: str, res: Resolution, role: str, pattern: str
) -> Place:
    rec = res.record
    return Place(
        start=start,
        end=end,
        text=text[start:end],
        label=label,
        name=rec.name if rec else None,
        geonameid=rec.geonameid if rec else None,
        feature=rec.feature if rec else None,
        country=(rec.country or None) if rec else None,
        lat=rec.lat if rec else None,
        lon=rec.lon if rec else None,
        population=rec.population if rec else None,
        confidence=res.confidence,
        match=res.match,
        candidates=res.candidates,
        role=role,
        pattern=pattern,
    )
