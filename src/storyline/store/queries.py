"""Reading the stored dossier (``store/dossier.py``): pages of items, single
items and the slice of the dossier one story or document needs.

What the web app and its API call; every query is served by an index of the
``dossier_*`` tables, so a page costs the same on 100 documents as on 10,000.
Filters narrow items by the documents they name (``doc``, ``story``,
``developing`` story, ``outlet``, date range, integrity ``flag``) and by an
entity they name.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, fields
from typing import Any

from storyline.store.dossier import COUNTS_KEY, DOSSIER_KEY

#: One record by id. Without statistics SQLite prefers scanning the section in
#: the primary key (it holds the data) to the id index: 30 ms for one of 4,000
#: entities at 10,000 documents, 0.1 ms with the index named.
BY_ID = (
    "SELECT data FROM dossier_items INDEXED BY dossier_items_id"
    " WHERE section = ? AND id = ? ORDER BY seq LIMIT 1"
)
#: Most records one page of a listing holds.
MAX_PAGE = 500
#: Integrity flag kinds a document can be filtered by (``report/render/integrity.flag_items``).
FLAG_KINDS = ("spun", "mt", "copy", "copied", "outlet")


@dataclass(frozen=True)
class Filters:
    """What a listing is narrowed to; ``None`` means no filter."""

    doc: str | None = None
    entity: str | None = None
    story: str | None = None
    developing: str | None = None  # a developing story's id (its documents)
    outlet: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    flag: str | None = None  # one of FLAG_KINDS

    def active(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}


def _docs_where(f: Filters) -> tuple[list[str], list[Any]]:
    """Conditions on ``dossier_documents`` (alias ``d``) for the document filters."""
    where: list[str] = []
    args: list[Any] = []
    if f.doc is not None:
        where.append("d.doc_id = ?")
        args.append(f.doc)
    if f.outlet is not None:
        where.append("d.outlet = ?")
        args.append(f.outlet)
    if f.date_from is not None:
        where.append("d.published >= ?")
        args.append(f.date_from)
    if f.date_to is not None:
        where.append("d.published < ?")
        args.append(f.date_to + "~")  # '~' sorts after any time of that day
    if f.flag is not None:
        where.append("d.flags LIKE ?")
        args.append(f"% {f.flag} %")
    for section, story_id in (("stories", f.story), ("developing_stories", f.developing)):
        if story_id is not None:
            where.append(
                "d.doc_id IN (SELECT l.doc_id FROM dossier_items i CROSS JOIN dossier_item_docs l"
                " ON l.section = i.section AND l.seq = i.seq"
                " WHERE i.section = ? AND i.id = ?)"
            )
            args += [section, story_id]
    return where, args


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be from 1 to {MAX_PAGE}, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, not {offset}")


def _page(total: int, limit: int, offset: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def dossier_info(db: sqlite3.Connection) -> dict[str, Any] | None:
    """The stored dossier's top-level keys that are not record lists, or None if none is stored."""
    row = db.execute("SELECT value FROM dossier_meta WHERE key = ?", (DOSSIER_KEY,)).fetchone()
    return None if row is None else json.loads(row[0])


def section_counts(db: sqlite3.Connection) -> dict[str, int]:
    """How many records each stored section holds (documents included), as counted
    when the dossier was stored (empty when none is)."""
    row = db.execute("SELECT value FROM dossier_meta WHERE key = ?", (COUNTS_KEY,)).fetchone()
    return {} if row is None else json.loads(row[0])


def list_documents(
    db: sqlite3.Connection, f: Filters, limit: int = 50, offset: int = 0, *, full: bool = False
) -> dict[str, Any]:
    """A page of document records in dossier order (without text, spans, sentences and
    mentions unless ``full``: ``store.dossier.LIST_OMITS``)."""
    check_page(limit, offset)
    where, args = _docs_where(f)
    if f.entity is not None:
        where.append("d.doc_id IN (SELECT doc_id FROM dossier_entity_mentions WHERE entity_id = ?)")
        args.append(f.entity)
    cond = " WHERE " + " AND ".join(where) if where else ""
    total = db.execute(f"SELECT COUNT(*) FROM dossier_documents d{cond}", args).fetchone()[0]
    column = "data" if full else "summary"  # summary: the record without LIST_OMITS
    rows = db.execute(
        f"SELECT d.{column} FROM dossier_documents d{cond} ORDER BY d.seq LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return _page(total, limit, offset, [json.loads(r[0]) for r in rows])


def get_document(db: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT data FROM dossier_documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return None if row is None else json.loads(row[0])


def document_labels(db: sqlite3.Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → {id, title, outlet, published, source, flags} for the given documents."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in range(0, len(doc_ids), 500):
        part = doc_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for row in db.execute(
            "SELECT doc_id, title, outlet, published, source, flags FROM dossier_documents"
            f" WHERE doc_id IN ({marks})",
            part,
        ):
            out[row[0]] = {
                "id": row[0],
                "title": row[1],
                "outlet": row[2],
                "published": row[3],
                "source": row[4],
                "flags": row[5].split(),
            }
    untitled = [d for d, label in out.items() if not str(label["title"] or "").strip()]
    for doc_id, opening in openings(db, untitled).items():
        out[doc_id].update(opening)
    return out


#: Characters of an untitled document's text read for its label (its first line).
OPENING_CHARS = 4000


def openings(db: sqlite3.Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → {text: the first ``OPENING_CHARS`` characters, spans: its boilerplate
    spans}: what ``report.text.doc_title`` needs to name an untitled document by
    its first line rather than its file name (only untitled documents pay)."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in range(0, len(doc_ids), 500):
        part = doc_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for doc_id, text, spans in db.execute(
            f"SELECT doc_id, substr(json_extract(data, '$.text'), 1, {OPENING_CHARS}),"
            " json_extract(data, '$.spans') FROM dossier_documents"
            f" WHERE doc_id IN ({marks})",
            part,
        ):
            try:
                found = json.loads(spans) if spans else []
            except ValueError:
                found = []
            kept = [
                s
                for s in (found if isinstance(found, list) else [])
                if isinstance(s, dict) and s.get("kind") == "boilerplate"
            ]
            out[doc_id] = {"text": text or "", "spans": kept}
    return out


def list_items(
    db: sqlite3.Connection, section: str, f: Filters, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """A page of one section's records in dossier order, narrowed by ``f``."""
    check_page(limit, offset)
    where = ["i.section = ?"]
    args: list[Any] = [section]
    doc_where, doc_args = _docs_where(f)
    if doc_where:
        where.append(
            # CROSS JOIN keeps the documents as the outer loop: the filters select
            # few documents, and the (doc_id, section) index finds their records
            "i.seq IN (SELECT l.seq FROM dossier_documents d CROSS JOIN dossier_item_docs l"
            " ON l.doc_id = d.doc_id AND l.section = ? WHERE " + " AND ".join(doc_where) + ")"
        )
        args += [section, *doc_args]
    if f.entity is not None:
        where.append(
            "i.seq IN (SELECT seq FROM dossier_item_entities WHERE section = ? AND entity_id = ?)"
        )
        args += [section, f.entity]
    cond = " WHERE " + " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM dossier_items i{cond}", args).fetchone()[0]
    rows = db.execute(
        f"SELECT i.data FROM dossier_items i{cond} ORDER BY i.seq LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return _page(total, limit, offset, [json.loads(r[0]) for r in rows])


def get_item(db: sqlite3.Connection, section: str, item_id: str) -> dict[str, Any] | None:
    """One record by id; an entity comes with all its mentions."""
    row = db.execute(BY_ID, (section, item_id)).fetchone()
    if row is None:
        return None
    item = json.loads(row[0])
    if section == "entities":
        item = with_mentions(db, item, None)
    return item


def get_items(
    db: sqlite3.Connection, section: str, item_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """id → record for those of ``item_ids`` that ``section`` holds (entities without
    their mentions), one indexed query per 500 ids."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in range(0, len(item_ids), 500):
        part = item_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for rid, data in db.execute(
            "SELECT id, data FROM dossier_items INDEXED BY dossier_items_id"
            f" WHERE section = ? AND id IN ({marks}) ORDER BY seq",
            [section, *part],
        ):
            out.setdefault(rid, json.loads(data))
    return out


def entity_spellings(db: sqlite3.Connection, entity_ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → {type, name, aliases: [spelling, ...]} for the given entities, without
    loading their records whole (a country's record lists thousands of documents)."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in range(0, len(entity_ids), 500):
        part = entity_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for rid, kind, name, aliases in db.execute(
            "SELECT i.id, json_extract(i.data, '$.type'), json_extract(i.data, '$.name'),"
            " (SELECT json_group_array(json_extract(a.value, '$.text'))"
            "  FROM json_each(i.data, '$.aliases') a)"
            " FROM dossier_items i INDEXED BY dossier_items_id"
            f" WHERE i.section = 'entities' AND i.id IN ({marks})",
            part,
        ):
            found = json.loads(aliases) if aliases else []
            out.setdefault(
                rid,
                {"type": kind, "name": name, "aliases": [a for a in found if isinstance(a, str)]},
            )
    return out


def stories_in_developing(
    db: sqlite3.Connection, developing_id: str, limit: int = 50, offset: int = 0
) -> dict[str, Any] | None:
    """A page of a developing story's event-level stories in its order (first day
    first), or None if there is no such developing story."""
    check_page(limit, offset)
    dev = get_item(db, "developing_stories", developing_id)
    if dev is None:
        return None
    ids = [str(s) for s in dev.get("stories") or []]
    part = ids[offset : offset + limit]
    found = get_items(db, "stories", part)
    return _page(len(ids), limit, offset, [found[i] for i in part if i in found])


def with_mentions(
    db: sqlite3.Connection, entity: dict[str, Any], doc_ids: set[str] | None
) -> dict[str, Any]:
    """The entity record with its ``mentions`` back (only those in ``doc_ids`` if given)."""
    mentions: list[Any] = []
    for doc_id, data in db.execute(
        "SELECT doc_id, data FROM dossier_entity_mentions WHERE entity_id = ?",
        (str(entity.get("id")),),
    ):
        if doc_ids is None or doc_id in doc_ids:
            mentions.extend(json.loads(data))
    out = {k: v for k, v in entity.items() if k != "mention_docs"}
    out["mentions"] = mentions
    return out


def story_doc_ids(db: sqlite3.Connection, story_id: str) -> list[str] | None:
    """The documents of a story in dossier order, or None if there is no such story."""
    story = get_item(db, "stories", story_id)
    if story is None:
        return None
    return [str(d) for d in story.get("documents") or []]


def sub_dossier(db: sqlite3.Connection, doc_ids: list[str]) -> dict[str, Any]:
    """The dossier narrowed to ``doc_ids``: those documents, every record that names
    one of them (whole), and entities with only their mentions there.

    What a story or document page renders with the dossier's own views.
    """
    wanted = set(doc_ids)
    out: dict[str, Any] = dict(dossier_info(db) or {})
    docs = [d for d in (get_document(db, i) for i in doc_ids) if d is not None]
    out["documents"] = docs
    seqs: dict[str, set[int]] = {}
    for chunk in range(0, len(doc_ids), 500):
        part = doc_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for section, seq in db.execute(
            f"SELECT section, seq FROM dossier_item_docs WHERE doc_id IN ({marks})", part
        ):
            seqs.setdefault(section, set()).add(seq)
    for section, wanted_seqs in seqs.items():
        ordered = sorted(wanted_seqs)
        records = []
        for chunk in range(0, len(ordered), 500):
            part = ordered[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            records += [
                json.loads(r[0])
                for r in db.execute(
                    f"SELECT data FROM dossier_items WHERE section = ? AND seq IN ({marks})"
                    " ORDER BY seq",
                    [section, *part],
                )
            ]
        if section == "entities":
            records = [with_mentions(db, e, wanted) for e in records]
        out[section] = records
    stats = dict(out.get("stats") or {})
    for key, value in out.items():
        if isinstance(value, list) and key in stats:
            stats[key] = len(value)
    stats.update({k: 0 for k in stats if k.startswith("spans_")})
    out["stats"] = {**stats, **slice_stats(docs, out.get("lineages") or [])}
    return out


def slice_stats(docs: list[dict[str, Any]], lineages: list[Any]) -> dict[str, int]:
    """The document figures of a dossier's ``stats`` counted again over a slice of
    its documents (as ``report/build/dossier.py`` counts them over all), so a page
    of one document does not state the whole dossier's characters, mentions,
    copies or independent sources as its own."""
    totals: Counter[str] = Counter()
    for d in docs:
        totals["characters"] += len(str(d.get("text") or ""))
        for key in ("spans", "sentences", "mentions"):
            totals[key] += len(d.get(key) or [])
        for span in d.get("spans") or []:
            if isinstance(span, dict) and span.get("kind"):
                totals[f"spans_{span['kind']}"] += 1
        integ = d.get("integrity") if isinstance(d.get("integrity"), dict) else {}
        totals["documents_copied"] += 1 if integ.get("copy_of") else 0
        for key in ("spun", "machine_translated"):
            flagged = (integ.get(key) or {}).get("flagged") is True
            totals[f"documents_{key}"] += flagged
    # one source per lineage with a document here, and one per document in none
    ids = {str(d.get("id")) for d in docs}
    in_lineage: set[str] = set()
    sources = 0
    for lin in lineages:
        listed = lin.get("documents") if isinstance(lin, dict) else None
        members = ids & {str(x) for x in listed or []}
        if members:
            sources += 1
            in_lineage |= members
    totals["independent_sources"] = sources + len(ids - in_lineage)
    return {"documents": len(docs), **totals}


def context_labels(db: sqlite3.Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Labels of the documents outside ``doc_ids`` that records naming one of them
    also cite (a timeline entry or disagreement reported by another story's
    article), so a page shows "outlet · date · title" for them, not a hash id.
    Entities and (developing) stories are left out: they reach far beyond the page."""
    outside: set[str] = set()
    wanted = set(doc_ids)
    for chunk in range(0, len(doc_ids), 500):
        part = doc_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for (doc_id,) in db.execute(
            "SELECT DISTINCT o.doc_id FROM dossier_item_docs l CROSS JOIN dossier_item_docs o"
            f" ON o.section = l.section AND o.seq = l.seq WHERE l.doc_id IN ({marks})"
            " AND l.section NOT IN ('entities', 'stories', 'developing_stories')",
            part,
        ):
            if doc_id not in wanted:
                outside.add(doc_id)
    return document_labels(db, sorted(outside))


def outlet_counts(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """(outlet, documents) for every outlet of the stored dossier, most documents first."""
    return db.execute(
        "SELECT outlet, COUNT(*) AS n FROM dossier_documents WHERE outlet IS NOT NULL"
        " GROUP BY outlet ORDER BY n DESC, outlet"
    ).fetchall()


def matching_doc_ids(db: sqlite3.Connection, f: Filters, candidates: list[str]) -> set[str]:
    """Those of ``candidates`` that pass the document and entity filters of ``f``."""
    where, args = _docs_where(f)
    if f.entity is not None:
        where.append("d.doc_id IN (SELECT doc_id FROM dossier_entity_mentions WHERE entity_id = ?)")
        args.append(f.entity)
    found: set[str] = set()
    for chunk in range(0, len(candidates), 500):
        part = candidates[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        cond = " AND ".join([f"d.doc_id IN ({marks})", *where])
        found.update(
            r[0]
            for r in db.execute(
                f"SELECT d.doc_id FROM dossier_documents d WHERE {cond}", [*part, *args]
            )
        )
    return found


def stories_of(db: sqlite3.Connection, doc_ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    """doc id → [(story id, story title)] for the given documents."""
    out: dict[str, list[tuple[str, str]]] = {}
    for chunk in range(0, len(doc_ids), 500):
        part = doc_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        # CROSS JOIN: from the documents' links to their stories, never all stories
        for doc_id, story_id, title in db.execute(
            "SELECT l.doc_id, i.id, json_extract(i.data, '$.title')"
            " FROM dossier_item_docs l CROSS JOIN dossier_items i"
            " ON i.section = l.section AND i.seq = l.seq"
            f" WHERE l.section = 'stories' AND l.doc_id IN ({marks})",
            part,
        ):
            out.setdefault(doc_id, []).append((story_id, str(title or story_id)))
    return out


def top_entities(db: sqlite3.Connection, doc_ids: list[str], n: int = 15) -> list[dict[str, Any]]:
    """The ``n`` entities mentioned in most of ``doc_ids``: {id, name, type, docs}."""
    if not doc_ids:
        return []
    part = doc_ids[:500]
    marks = ",".join("?" * len(part))
    rows = db.execute(
        "SELECT entity_id, COUNT(*) AS n FROM dossier_entity_mentions"
        f" WHERE doc_id IN ({marks}) GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT ?",
        [*part, n],
    ).fetchall()
    out = []
    for entity_id, count in rows:
        row = db.execute(
            "SELECT json_extract(data, '$.name'), json_extract(data, '$.type')"
            " FROM dossier_items INDEXED BY dossier_items_id WHERE section = 'entities' AND id = ?",
            (entity_id,),
        ).fetchone()
        data = {"name": row[0], "type": row[1]} if row else {}
        out.append(
            {"id": entity_id, "name": data.get("name"), "type": data.get("type"), "docs": count}
        )
    return out


def items_of_docs(
    db: sqlite3.Connection, section: str, doc_ids: list[str], limit: int = MAX_PAGE
) -> list[dict[str, Any]]:
    """Up to ``limit`` records of ``section`` naming any of ``doc_ids`` (at most 500 ids)."""
    part = doc_ids[:500]
    if not part:
        return []
    marks = ",".join("?" * len(part))
    rows = db.execute(
        "SELECT i.data FROM dossier_items i WHERE i.section = ? AND i.seq IN"
        f" (SELECT seq FROM dossier_item_docs WHERE doc_id IN ({marks}) AND section = ?)"
        " ORDER BY i.seq LIMIT ?",
        [section, *part, section, limit],
    ).fetchall()
    return [json.loads(r[0]) for r in rows]
