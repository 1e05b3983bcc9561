"""Validate a dossier against ``storyline/1``.

Two layers: the JSON Schema shipped next to this module (shape and types,
usable by outside tools), then checks JSON Schema cannot express (offsets lie
inside their document's text, mention text equals the text at its offsets,
ids are unique, entity mentions point at known documents, integrity
evidence and shared passages lie inside the right document's text, lineages
name known documents, quotes and every part of them lie inside their
document's text, quote groups name known quotes, entity roles lie inside
their document with ``text`` equal to the span, entity ``quotes`` and
``documents`` name known quotes and documents). Both raise
``jsonschema.ValidationError`` whose message names the path of the bad field.
"""

from __future__ import annotations

import copy
import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from storyline.extract.registry import ExtractorSpec, Registry, default_registry
from storyline.report.schema_claims import claim_problems
from storyline.report.schema_conflicts import conflict_problems
from storyline.report.schema_refs import compile_ready, compile_yes_no
from storyline.report.schema_stories import developing_problems, story_problems

SCHEMA_FILE = "storyline-1.schema.json"
_MAX_MESSAGE = 240


@cache
def base_schema() -> dict[str, Any]:
    """The core of ``storyline/1`` shipped in this package, without extractor sections."""
    text = resources.files("storyline.report").joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


def fragment(spec: ExtractorSpec) -> dict[str, Any] | None:
    """The JSON Schema of one item of an extractor's section (None: any object)."""
    if spec.schema is None or isinstance(spec.schema, dict):
        return copy.deepcopy(spec.schema)
    folder = Path(sys.modules[spec.module].__file__ or ".").parent
    return json.loads((folder / spec.schema).read_text("utf-8"))


def _fragments_key(registry: Registry) -> str:
    return json.dumps([(s.section, s.module, s.schema) for s in registry.sections()])


def load_schema(registry: Registry | None = None) -> dict[str, Any]:
    """The ``storyline/1`` JSON Schema (draft 2020-12) as a dict.

    The core file plus, for every registered extractor with a ``section``, a
    required top-level array whose items follow its fragment; a fragment's
    own ``$defs`` join the core's (a name defined twice is a bug: ValueError).
    """
    return copy.deepcopy(_composed(_fragments_key(registry or default_registry()), registry))


@cache
def _composed(key: str, registry: Registry | None) -> dict[str, Any]:
    schema = copy.deepcopy(base_schema())
    for spec in (registry or default_registry()).sections():
        item = fragment(spec) or {"type": "object"}
        for name, definition in item.pop("$defs", {}).items():
            if name in schema["$defs"]:
                raise ValueError(f"extractor {spec.name!r}: $defs/{name} is already defined")
            schema["$defs"][name] = definition
        schema["properties"][spec.section] = {"type": "array", "items": item}
        if spec.section not in schema["required"]:
            schema["required"].append(spec.section)
    return schema


@cache
def _validator(key: str, registry: Registry | None) -> Draft202012Validator:
    schema = _composed(key, registry)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _compiled(key: str, registry: Registry | None) -> Callable[[Any], Any]:
    return compile_yes_no(compile_ready(_composed(key, registry)))


def schema_holds(dossier: dict[str, Any], registry: Registry | None = None) -> bool:
    """True when ``dossier`` has the shape of ``storyline/1``, by the compiled validator.

    ``fastjsonschema`` turns the schema into Python code once per process:
    ~20x faster than ``jsonschema`` on a dossier (0.45 s instead of 10 s for
    300 documents), where the interpreted check was a quarter of a large
    run, done twice. It stops at the first problem, so when it says no,
    ``jsonschema`` lists every problem with its path (the slow path runs only
    on a broken dossier, and decides: it is the reference).
    """
    key = _fragments_key(registry or default_registry())
    try:
        _compiled(key, None if registry is None else registry)(dossier)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def format_path(path: Iterable[Any]) -> str:
    """``['documents', 0, 'spans', 1, 'start']`` -> ``documents[0].spans[1].start``."""
    out = "dossier"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _shorten(message: str) -> str:
    if len(message) <= _MAX_MESSAGE:
        return message
    return message[: _MAX_MESSAGE - 1] + "…"


def validation_error(path: Iterable[Any], message: str, count: int = 1) -> ValidationError:
    """The one error a broken dossier raises: it names the first bad field and the count."""
    path = list(path)
    text = f"{format_path(path)}: {_shorten(message)}"
    if count > 1:
        text += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    return ValidationError(f"invalid storyline/1 dossier: {text}", path=deque(path))


def _range_problems(item: Any, path: list[Any], length: int) -> Iterator[tuple[list, str]]:
    if not isinstance(item, dict):
        return
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    if start > end:
        yield path, f"start {start} is after end {end}"
    elif end > length:
        yield path, f"end {end} is past the end of the document text (length {length})"


def _text_problems(item: Any, path: list[Any], text: str) -> Iterator[tuple[list, str]]:
    """Range problems, then (if in range) a ``text`` key that differs from the text."""
    problems = list(_range_problems(item, path, len(text)))
    yield from problems
    if problems or not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and text[start:end] != item["text"]:
        yield (
            path + ["text"],
            f"{item['text']!r} differs from the text at its offsets {text[start:end]!r}",
        )


def _passage_problems(
    passage: Any, path: list[Any], copy: tuple[str, str], original: tuple[str, str]
) -> Iterator[tuple[list, str]]:
    """``a_*`` offsets must lie in the copy's text, ``b_*`` in the original's."""
    if not isinstance(passage, dict):
        return
    for side, (doc_id, text), role in (("a", copy, "copy"), ("b", original, "original")):
        start, end = passage.get(f"{side}_start"), passage.get(f"{side}_end")
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        if start > end:
            yield path, f"{side}_start {start} is after {side}_end {end}"
        elif end > len(text):
            yield (
                path,
                f"{side}_end {end} is past the end of the {role} {doc_id!r}'s text "
                f"(length {len(text)})",
            )


def _integrity_problems(
    doc: dict[str, Any], i: int, texts: dict[str, str], lineage_of: dict[str, str] | None
) -> Iterator[tuple[list, str]]:
    integ = doc.get("integrity")
    if not isinstance(integ, dict):
        return
    base: list[Any] = ["documents", i, "integrity"]
    text = doc["text"]
    for key, field in (
        ("spun", "sentences"),
        ("machine_translated", "evidence"),
        ("original_outlet", "evidence"),
    ):
        finding = integ.get(key)
        if not isinstance(finding, dict):
            continue
        for j, item in enumerate(finding.get(field) or []):
            yield from _text_problems(item, base + [key, field, j], text)
    copy_of = integ.get("copy_of")
    if isinstance(copy_of, dict) and isinstance(copy_of.get("doc"), str):
        original = copy_of["doc"]
        if original not in texts:
            yield base + ["copy_of", "doc"], f"unknown document id {original!r}"
        elif original == doc["id"]:
            yield base + ["copy_of", "doc"], "a document cannot be a copy of itself"
        else:
            for j, p in enumerate(copy_of.get("passages") or []):
                yield from _passage_problems(
                    p,
                    base + ["copy_of", "passages", j],
                    (doc["id"], text),
                    (original, texts[original]),
                )
    for j, other in enumerate(integ.get("copies") or []):
        if isinstance(other, str) and other not in texts:
            yield base + ["copies", j], f"unknown document id {other!r}"
    lineage = integ.get("lineage")
    in_lineages = lineage_of is not None and lineage_of.get(doc["id"]) == lineage
    if isinstance(lineage, str) and lineage_of is not None and not in_lineages:
        yield (
            base + ["lineage"],
            f"document is not a member of lineage {lineage!r} in dossier.lineages",
        )


def _lineage_problems(lineages: list[Any], texts: dict[str, str]) -> Iterator[tuple[list, str]]:
    ids: set[str] = set()
    member_of: dict[str, str] = {}
    for i, lin in enumerate(lineages):
        if not isinstance(lin, dict):
            continue
        path: list[Any] = ["lineages", i]
        if lin["id"] in ids:
            yield path + ["id"], f"duplicate lineage id {lin['id']!r}"
        ids.add(lin["id"])
        members = lin.get("documents") or []
        for j, doc_id in enumerate(members):
            if doc_id not in texts:
                yield path + ["documents", j], f"unknown document id {doc_id!r}"
            elif doc_id in member_of:
                yield (
                    path + ["documents", j],
                    f"document {doc_id!r} is already in lineage {member_of[doc_id]!r}",
                )
            else:
                member_of[doc_id] = lin["id"]
        if lin.get("original") not in members:
            yield (
                path + ["original"],
                f"{lin.get('original')!r} is not one of the lineage's documents",
            )
        for j, link in enumerate(lin.get("links") or []):
            lpath = path + ["links", j]
            ok = True
            for key in ("copy", "original"):
                if link[key] not in members:
                    yield lpath + [key], f"{link[key]!r} is not a document of this lineage"
                    ok = False
            if not ok or link["copy"] not in texts or link["original"] not in texts:
                continue
            if link["copy"] == link["original"]:
                yield lpath, "a document cannot be a copy of itself"
                continue
            for k, p in enumerate(link.get("passages") or []):
                yield from _passage_problems(
                    p,
                    lpath + ["passages", k],
                    (link["copy"], texts[link["copy"]]),
                    (link["original"], texts[link["original"]]),
                )


def _members(lineages: list[Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lin in lineages:
        if isinstance(lin, dict):
            for doc_id in lin.get("documents") or []:
                out.setdefault(doc_id, lin["id"])
    return out


def _quote_problems(
    quotes: list[Any], entity_ids: set[str], groups: Any, texts: dict[str, str]
) -> Iterator[tuple[list, str]]:
    """What quotes add to any section's checks: known speaker entity, and quote
    groups that exist, list their quotes and name known documents."""
    group_ids = None
    members: dict[str, set[str]] = {}
    if isinstance(groups, list):
        group_ids = set()
        for g in groups:
            if isinstance(g, dict) and isinstance(g.get("id"), str):
                group_ids.add(g["id"])
                members.setdefault(g["id"], set()).update(
                    q for q in g.get("quotes") or [] if isinstance(q, str)
                )
    seen: set[str] = set()
    for i, q in enumerate(quotes):
        if not isinstance(q, dict):
            continue
        path: list[Any] = ["quotes", i]
        seen.add(q["id"])
        speaker = q.get("speaker")
        if isinstance(speaker, dict):
            entity = speaker.get("entity")
            if isinstance(entity, str) and entity not in entity_ids:
                yield path + ["speaker", "entity"], f"unknown entity id {entity!r}"
        group = q.get("group")
        if isinstance(group, str) and group_ids is not None:
            if group not in group_ids:
                yield path + ["group"], f"unknown quote group {group!r}"
            elif q["id"] not in members[group]:
                yield path + ["group"], f"quote group {group!r} does not list this quote"
    if not isinstance(groups, list):
        return
    group_seen: set[str] = set()
    for i, g in enumerate(groups):
        if not isinstance(g, dict):
            continue
        path = ["quote_groups", i]
        if g["id"] in group_seen:
            yield path + ["id"], f"duplicate quote group id {g['id']!r}"
        group_seen.add(g["id"])
        for j, qid in enumerate(g.get("quotes") or []):
            if qid not in seen:
                yield path + ["quotes", j], f"unknown quote id {qid!r}"
        for j, doc_id in enumerate(g.get("docs") or []):
            if doc_id not in texts:
                yield path + ["docs", j], f"unknown document id {doc_id!r}"


def _entity_profile_problems(
    entities: list[Any], texts: dict[str, str], quote_ids: set[Any]
) -> Iterator[tuple[list, str]]:
    """Roles inside their document (``text`` equal to the span), known quotes and documents."""
    for i, ent in enumerate(entities):
        if not isinstance(ent, dict):
            continue
        for j, r in enumerate(ent.get("roles") or []):
            if not isinstance(r, dict) or not isinstance(r.get("doc"), str):
                continue
            path: list[Any] = ["entities", i, "roles", j]
            text = texts.get(r["doc"])
            if text is None:
                yield path + ["doc"], f"unknown document id {r['doc']!r}"
                continue
            yield from _text_problems(r, path, text)
            for key in ("title", "org"):
                part = {"start": r.get(f"{key}_start"), "end": r.get(f"{key}_end")}
                if isinstance(r.get(key), str):
                    part["text"] = r[key]
                yield from _text_problems(part, path + [f"{key}_start"], text)
        for j, qid in enumerate(ent.get("quotes") or []):
            if qid not in quote_ids:
                yield ["entities", i, "quotes", j], f"unknown quote id {qid!r}"
        for doc_id in ent.get("documents") or {}:
            if doc_id not in texts:
                yield ["entities", i, "documents", doc_id], f"unknown document id {doc_id!r}"


def _span_problems(value: Any, path: list[Any], text: str) -> Iterator[tuple[list, str]]:
    """Every object inside a record that has offsets (cue, speaker, its antecedent,
    fragments…) lies inside the text and its ``text`` is the text at them."""
    if isinstance(value, dict):
        yield from _text_problems(value, path, text)
        for key, inner in value.items():
            if isinstance(inner, dict | list):
                yield from _span_problems(inner, path + [key], text)
    elif isinstance(value, list):
        for j, inner in enumerate(value):
            yield from _span_problems(inner, path + [j], text)


def section_problems(
    items: Any, section: str, texts: dict[str, str]
) -> Iterator[tuple[list[Any], str]]:
    """Any registered section: ids are unique, a record's ``doc`` is a known
    document, and every offset in the record (its own and its parts') lies
    inside that document's text, with any ``text`` equal to the text there."""
    seen: set[Any] = set()
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        path: list[Any] = [section, i]
        if "id" in item:
            if item["id"] in seen:
                yield path + ["id"], f"duplicate id {item['id']!r} in {section}"
            seen.add(item["id"])
        if "doc" not in item:
            continue
        text = texts.get(item["doc"])
        if text is None:
            yield path + ["doc"], f"unknown document id {item['doc']!r}"
            continue
        yield from _span_problems(item, path, text)


def timeline_problems(entries: Any, texts: dict[str, str]) -> Iterator[tuple[list[Any], str]]:
    """Timeline entries: unique ids; every span (sentences, their copies, the
    place) names a known document, lies inside its text and quotes it exactly;
    ``sources`` are known documents."""
    seen: set[Any] = set()
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        path: list[Any] = ["timeline", i]
        if entry.get("id") in seen:
            yield path + ["id"], f"duplicate id {entry.get('id')!r} in timeline"
        seen.add(entry.get("id"))
        spans: list[tuple[list[Any], Any]] = [(path + ["place"], entry.get("place"))]
        for j, s in enumerate(entry.get("sentences") or []):
            spans.append((path + ["sentences", j], s))
            for c, copy_ in enumerate((s or {}).get("copies") or []):
                spans.append((path + ["sentences", j, "copies", c], copy_))
        yield from doc_span_problems(spans, texts)
        for j, doc in enumerate(entry.get("sources") or []):
            if doc not in texts:
                yield path + ["sources", j], f"unknown document id {doc!r}"


def forecast_problems(items: Any, texts: dict[str, str]) -> Iterator[tuple[list[Any], str]]:
    """Forecasts: unique ids; the statement, who, copies and evidence spans name a
    known document, lie inside its text and quote it exactly."""
    seen: set[Any] = set()
    for i, fc in enumerate(items if isinstance(items, list) else []):
        if not isinstance(fc, dict):
            continue
        path: list[Any] = ["forecasts", i]
        if fc.get("id") in seen:
            yield path + ["id"], f"duplicate id {fc.get('id')!r} in forecasts"
        seen.add(fc.get("id"))
        spans = [(path + ["statement"], fc.get("statement")), (path + ["who"], fc.get("who"))]
        for key in ("copies", "evidence"):
            spans += [(path + [key, j], s) for j, s in enumerate(fc.get(key) or [])]
        yield from doc_span_problems(spans, texts)


def doc_span_problems(
    spans: list[tuple[list[Any], Any]], texts: dict[str, str]
) -> Iterator[tuple[list[Any], str]]:
    """Each (path, span) whose span names a document: a known one, quoted exactly."""
    for p, span in spans:
        if isinstance(span, dict):
            text = texts.get(span.get("doc"))
            if text is None:
                yield p + ["doc"], f"unknown document id {span.get('doc')!r}"
            else:
                yield from _text_problems(span, p, text)


def semantic_problems(
    dossier: dict[str, Any], registry: Registry | None = None
) -> Iterator[tuple[list[Any], str]]:
    """Problems JSON Schema cannot see, as ``(path, message)`` pairs."""
    texts: dict[str, str] = {}
    for i, doc in enumerate(dossier.get("documents", [])):
        did, text = doc["id"], doc["text"]
        if did in texts:
            yield ["documents", i, "id"], f"duplicate document id {did!r}"
        texts[did] = text
        n = len(text)
        for key in ("spans", "sentences", "mentions"):
            for j, item in enumerate(doc.get(key, [])):
                yield from _range_problems(item, ["documents", i, key, j], n)
        for j, m in enumerate(doc.get("mentions", [])):
            if m["start"] <= m["end"] <= n and text[m["start"] : m["end"]] != m["text"]:
                yield (
                    ["documents", i, "mentions", j, "text"],
                    f"{m['text']!r} differs from the text at its offsets "
                    f"{text[m['start'] : m['end']]!r}",
                )
        for name, ev in (doc.get("metadata") or {}).items():
            if isinstance(ev, dict) and isinstance(ev.get("start"), int):
                yield from _range_problems(ev, ["documents", i, "metadata", name], n)
    lineages = dossier.get("lineages")
    lineage_of = _members(lineages) if isinstance(lineages, list) else None
    for i, doc in enumerate(dossier.get("documents", [])):
        yield from _integrity_problems(doc, i, texts, lineage_of)
    if isinstance(lineages, list):
        yield from _lineage_problems(lineages, texts)
    seen: set[str] = set()
    for i, ent in enumerate(dossier.get("entities", [])):
        if ent["id"] in seen:
            yield ["entities", i, "id"], f"duplicate entity id {ent['id']!r}"
        seen.add(ent["id"])
        for j, m in enumerate(ent.get("mentions", [])):
            path = ["entities", i, "mentions", j]
            text = texts.get(m["doc"])
            if text is None:
                yield path + ["doc"], f"unknown document id {m['doc']!r}"
                continue
            problems = list(_range_problems(m, path, len(text)))
            yield from problems
            if not problems and text[m["start"] : m["end"]] != m["text"]:
                yield (
                    path + ["text"],
                    f"{m['text']!r} differs from the text at its offsets "
                    f"{text[m['start'] : m['end']]!r}",
                )
    entity_ids = {e["id"] for e in dossier.get("entities", [])}
    quote_ids = {q.get("id") for q in dossier.get("quotes") or [] if isinstance(q, dict)}
    yield from _entity_profile_problems(dossier.get("entities", []), texts, quote_ids)
    for spec in (registry or default_registry()).sections():
        if spec.section:
            yield from section_problems(dossier.get(spec.section), spec.section, texts)
    yield from _quote_problems(
        dossier.get("quotes") or [], entity_ids, dossier.get("quote_groups"), texts
    )
    yield from _event_group_problems(dossier, texts)
    yield from timeline_problems(dossier.get("timeline"), texts)
    yield from forecast_problems(dossier.get("forecasts"), texts)
    for key in ("stories", "developing_stories"):
        yield from story_problems(dossier.get(key), texts, doc_span_problems, key)
    yield from developing_problems(dossier)
    yield from conflict_problems(dossier.get("conflicts"), texts)
    yield from claim_problems(dossier.get("claims"), texts)


def _event_group_problems(dossier: dict[str, Any], texts: dict[str, str]) -> Iterator[tuple]:
    """Event groups name known documents, and known events when the events section is there."""
    events = dossier.get("events")
    known = {e.get("id") for e in events if isinstance(e, dict)} if events else None
    for i, g in enumerate(dossier.get("event_groups") or []):
        if not isinstance(g, dict):
            continue
        for j, doc_id in enumerate(g.get("docs") or []):
            if doc_id not in texts:
                yield ["event_groups", i, "docs", j], f"unknown document id {doc_id!r}"
        for j, eid in enumerate(g.get("events") or []):
            if known is not None and eid not in known:
                yield ["event_groups", i, "events", j], f"unknown event id {eid!r}"


def dossier_problems(
    dossier: dict[str, Any], registry: Registry | None = None
) -> list[tuple[list[Any], str]]:
    """Every problem of ``dossier`` as ``(path, message)`` pairs, or ``[]`` when it is valid.

    Schema problems first; the semantic checks run only on a dossier whose
    shape holds (they index into it), so a caller that repairs the schema
    problems asks again for the rest (``storyline.report.prune`` does).
    """
    found: list[tuple[list[Any], str]] = []
    if not schema_holds(dossier, registry):
        key = _fragments_key(registry or default_registry())
        errors = _validator(key, None if registry is None else registry).iter_errors(dossier)
        found = [(list(err.absolute_path), err.message) for err in errors]
    return found or list(semantic_problems(dossier, registry))


def validate_outline(dossier: dict[str, Any], registry: Registry | None = None) -> None:
    """``validate_dossier`` of everything but the items of the top-level lists.

    For a dossier whose items ``build_dossier`` has already checked one by
    one (``prune_invalid_items``): what was added after (``stats``,
    ``display``, a part's header) is checked without checking every item a
    second time, which cost as much as the first check (about 7 CPU s for
    1,000 articles). The tests keep the whole check on built dossiers.
    """
    outline = {k: ([] if isinstance(v, list) else v) for k, v in dossier.items()}
    validate_dossier(outline, registry)


def validate_dossier(
    dossier: dict[str, Any], registry: Registry | None = None, *, thorough: bool = False
) -> None:
    """Raise ``jsonschema.ValidationError`` if ``dossier`` is not valid ``storyline/1``.

    The message names the offending field, e.g.
    ``invalid storyline/1 dossier: dossier.documents[0].spans[1].start: -1 is
    less than the minimum of 0``. The shape is checked by the compiled
    validator first (``schema_holds``); ``thorough`` always runs ``jsonschema``
    too (the tests do, so the two cannot drift apart unseen).
    """
    key = _fragments_key(registry or default_registry())
    errors = []
    if thorough or not schema_holds(dossier, registry):
        errors = list(_validator(key, None if registry is None else registry).iter_errors(dossier))
    if errors:
        err = best_match(errors)
        raise validation_error(err.absolute_path, err.message, len(errors))
    problems = list(semantic_problems(dossier, registry))
    if problems:
        path, message = problems[0]
        raise validation_error(path, message, len(problems))
