"""Drop the invalid items of a dossier and keep the rest.

A defect in one extracted item (a quote whose speaker starts after it ends, a
span past the end of its text) is a bug upstream, but it must cost that item,
never the user's run: a 3,000-article run once wrote only
``dossier.invalid.json`` because of one quote. ``prune_invalid_items`` asks
``schema.dossier_problems`` for every problem, maps each to the smallest
*item* holding it (``item_of``: a record of any top-level section, a span,
sentence or mention of a document, an entity or one of its mentions and
roles, a lineage, link or passage, one integrity finding), drops that item
with one line in ``dossier["errors"]`` naming the document, the item and the
reason, removes the references other records had to it (quote ids in quote
groups and entity profiles, a quote's group, a speaker's entity), and asks
again. A problem no item holds (a missing top-level key, a bad document id or
text) means the dossier itself is broken: that still raises, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.extract.registry import Registry
from storyline.report.schema import dossier_problems, format_path, validation_error

#: Rounds of "check, drop" before giving up (dropping an item can orphan a
#: reference, which the next round sees; more than a few rounds is a bug).
MAX_ROUNDS = 8

Problem = tuple[list[Any], str]
#: An item as (path, what to do): "drop" it from its list, "null" it, "pop" its key.
Item = tuple[tuple[Any, ...], str]

_DOC_LISTS = ("spans", "sentences", "mentions", "warnings")
_FINDINGS = ("spun", "machine_translated", "original_outlet")
_ENTITY_LISTS = ("mentions", "roles", "quotes", "aliases")
_NOT_ITEMS = ("schema", "generated_by", "documents", "errors", "stats")


def _index(path: Sequence[Any], i: int) -> bool:
    return len(path) > i and isinstance(path[i], int) and not isinstance(path[i], bool)


def _document_item(path: Sequence[Any]) -> Item | None:
    n = len(path)
    if not _index(path, 1) or n < 4:
        return None  # the document itself (id, text, a required key): not an item
    sub, key = path[2], path[3]
    if sub in _DOC_LISTS and _index(path, 3):
        return tuple(path[:4]), "drop"
    if sub == "metadata":
        return tuple(path[:4]), "null"
    if sub != "integrity":
        return None
    if key in _FINDINGS:
        return (tuple(path[:6]), "drop") if _index(path, 5) else (tuple(path[:4]), "pop")
    if key == "copy_of":
        if n > 5 and path[4] == "passages" and _index(path, 5):
            return tuple(path[:6]), "drop"
        return tuple(path[:4]), "null"
    if key == "copies" and _index(path, 4):
        return tuple(path[:5]), "drop"
    if key == "lineage":
        return tuple(path[:4]), "null"
    return None


def item_of(path: Sequence[Any]) -> Item | None:
    """The smallest item holding the problem at ``path``, or None: the dossier is broken."""
    if len(path) < 2 or not isinstance(path[0], str):
        return None
    top, n = path[0], len(path)
    if top == "documents":
        return _document_item(path)
    if top in _NOT_ITEMS or not _index(path, 1):
        return None
    if top == "entities" and n > 3:
        if path[2] in _ENTITY_LISTS and _index(path, 3):
            return tuple(path[:4]), "drop"
        if path[2] == "documents":
            return tuple(path[:4]), "pop"
    if top == "lineages" and n > 3 and path[2] == "links" and _index(path, 3):
        if n > 5 and path[4] == "passages" and _index(path, 5):
            return tuple(path[:6]), "drop"
        return tuple(path[:4]), "drop"
    if top == "quote_groups" and n > 3 and path[2] in ("quotes", "docs") and _index(path, 3):
        return tuple(path[:4]), "drop"
    if top == "event_groups" and n > 3 and path[2] in ("events", "docs") and _index(path, 3):
        return tuple(path[:4]), "drop"
    return tuple(path[:2]), "drop"


def _resolve(dossier: dict[str, Any], path: Sequence[Any]) -> Any:
    node: Any = dossier
    for part in path:
        node = node[part]
    return node


def _where(dossier: dict[str, Any], path: Sequence[Any]) -> str:
    """``SOURCE (document ID)`` of the item at ``path``, or ``dossier`` when it has none."""
    docs = [d for d in dossier.get("documents") or [] if isinstance(d, dict)]
    doc_id: Any = None
    if path[0] == "documents":
        doc_id = docs[path[1]].get("id") if path[1] < len(docs) else None
    else:
        for depth in range(len(path), 0, -1):
            node = _resolve(dossier, path[:depth])
            if isinstance(node, dict) and isinstance(node.get("doc"), str):
                doc_id = node["doc"]
                break
    doc = next((d for d in docs if d.get("id") == doc_id), None)
    if doc is None:
        return f"document {doc_id}" if doc_id else "dossier"
    return f"{doc.get('source') or '-'} (document {doc_id})"


def _line(dossier: dict[str, Any], item: Item, problems: list[Problem]) -> dict[str, str]:
    path, action = item
    node = _resolve(dossier, path)
    label = format_path(path)
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        label += f" (id {node['id']})"
    first_path, message = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    verb = "dropped" if action == "drop" else "removed"
    return {
        "source": _where(dossier, path),
        "reason": f"{verb} {label}: {format_path(first_path)}: {message}{more} "
        "(a defect upstream, please report it; the rest of the dossier is kept)",
    }


def _apply(dossier: dict[str, Any], items: dict[Item, list[Problem]]) -> dict[str, set[str]]:
    """Drop, null or pop every item (resolved first, so no deletion shifts another);
    return the ids dropped from ``quotes``, ``quote_groups`` and ``entities``."""
    targets = [(_resolve(dossier, path[:-1]), path[-1], action, path) for path, action in items]
    dropped: dict[str, set[str]] = {"quotes": set(), "quote_groups": set(), "entities": set()}
    by_list: dict[int, tuple[list[Any], set[int]]] = {}
    for parent, key, action, path in targets:
        node = parent[key]
        is_record = len(path) == 2 and path[0] in dropped and isinstance(node, dict)
        if is_record and isinstance(node.get("id"), str):
            dropped[path[0]].add(node["id"])
        if action == "drop":
            by_list.setdefault(id(parent), (parent, set()))[1].add(key)
        elif action == "null":
            parent[key] = None
        else:
            parent.pop(key, None)
    for parent, indices in by_list.values():
        for i in sorted(indices, reverse=True):
            del parent[i]
    return dropped


def _records(dossier: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = dossier.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _unlink(dossier: dict[str, Any], dropped: dict[str, set[str]]) -> None:
    """No dangling ids: dropped quotes leave their groups and entity profiles (a group
    left without quotes goes too), dropped groups and entities leave their quotes."""
    quotes, groups, entities = dropped["quotes"], dropped["quote_groups"], dropped["entities"]
    if quotes:
        for g in _records(dossier, "quote_groups"):
            if isinstance(g.get("quotes"), list):
                g["quotes"] = [q for q in g["quotes"] if q not in quotes]
                if not g["quotes"] and isinstance(g.get("id"), str):
                    groups.add(g["id"])
        if isinstance(dossier.get("quote_groups"), list):
            dossier["quote_groups"][:] = [
                g
                for g in dossier["quote_groups"]
                if not (isinstance(g, dict) and g.get("id") in groups)
            ]
        for e in _records(dossier, "entities"):
            if isinstance(e.get("quotes"), list):
                e["quotes"] = [q for q in e["quotes"] if q not in quotes]
    for q in _records(dossier, "quotes"):
        if groups and q.get("group") in groups:
            q["group"] = None
        speaker = q.get("speaker")
        if entities and isinstance(speaker, dict) and speaker.get("entity") in entities:
            speaker["entity"] = None


def prune_invalid_items(
    dossier: dict[str, Any], registry: Registry | None = None
) -> list[dict[str, str]]:
    """Drop every invalid item of ``dossier`` in place; return the error lines added.

    Each dropped item adds one ``{"source", "reason"}`` line to
    ``dossier["errors"]``. Raises ``jsonschema.ValidationError`` (as
    ``validate_dossier`` does) when a problem lies outside any item.
    """
    added: list[dict[str, str]] = []
    for _ in range(MAX_ROUNDS):
        problems = dossier_problems(dossier, registry)
        if not problems:
            return added
        items: dict[Item, list[Problem]] = {}
        for path, message in problems:
            item = item_of(path)
            if item is None:
                raise validation_error(path, message, len(problems))
            items.setdefault(item, []).append((path, message))
        drops = {path for path, action in items if action == "drop"}
        items = {  # an item inside one that goes anyway needs no line of its own
            item: found
            for item, found in items.items()
            if not any(item[0][:k] in drops for k in range(1, len(item[0])))
        }
        lines = [_line(dossier, item, found) for item, found in items.items()]
        _unlink(dossier, _apply(dossier, items))
        dossier["errors"].extend(lines)
        added += lines
    path, message = dossier_problems(dossier, registry)[0]
    raise validation_error(path, f"{message} (still invalid after {MAX_ROUNDS} rounds of pruning)")
