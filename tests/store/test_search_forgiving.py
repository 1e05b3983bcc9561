"""Search forgives ordinary queries: possessives, hyphens, numbers and phrases
are text; FTS5 syntax only when asked for, with a hint (never SQLite's words)
when it is wrong; a spun document's repaired reading is searchable, also in a
workspace made before it was indexed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.model import DocumentAnalysis, Evidence, Metadata, RawDocument, Span
from storyline.store import SearchError, Workspace
from storyline.store.migrate import split_sql
from storyline.store.migrations import MIGRATIONS
from storyline.store.rows import DOCUMENT_INSERT, document_row, pack_analysis
from storyline.store.search import operators_in, plain_match

TEXTS = {
    "own.txt": "Mayor Varga's plan was approved on Monday.",
    "bare.txt": "Varga spoke to reporters at the port.",
    "hyphen.txt": "Officials vowed to de-blockade the port of Dalmar.",
    "apart.txt": "De facto, the blockade of Orsk ended.",
    "number.txt": "About 20,000 people left the valley.",
    "phrase.txt": "The dam held overnight, said the engineers.",
    "reversed.txt": "Engineers held that the dam would not break.",
    "near.txt": "A battalion near Orsk dug in as the levee held.",
    "far.txt": "The battalion rested. " + "Words fill the day. " * 30 + "Orsk was quiet.",
}


def _raw(name: str, text: str) -> RawDocument:
    return RawDocument.create(name, text, text.encode(), "txt")


def _files(ws: Workspace, hits: list[dict]) -> set[str]:
    return {h["file"] for h in hits}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    with Workspace(tmp_path / "ws.db") as w:
        for name, text in TEXTS.items():
            w.add_document(_raw(name, text))
        yield w


def test_a_possessive_finds_the_name_with_and_without_it(ws: Workspace) -> None:
    for query in ("Varga's", "Varga\u2019s"):
        assert _files(ws, ws.search(query)) == {"own.txt", "bare.txt"}


def test_a_hyphenated_word_is_a_phrase_not_a_column(ws: Workspace) -> None:
    assert _files(ws, ws.search("de-blockade")) == {"hyphen.txt"}


def test_a_number_with_a_comma_is_text(ws: Workspace) -> None:
    hits = ws.search("20,000")
    assert _files(ws, hits) == {"number.txt"}
    (start, end), *_ = hits[0]["highlights"]
    assert hits[0]["snippet"][start:end] == "20,000"


def test_a_quoted_phrase_keeps_its_order(ws: Workspace) -> None:
    assert _files(ws, ws.search('"dam held"')) == {"phrase.txt"}
    assert _files(ws, ws.search("dam held")) == {"phrase.txt", "reversed.txt"}


def test_plain_words_are_all_required_and_operators_are_words(ws: Workspace) -> None:
    # In a plain query NEAR is the word "near": only the document holding it.
    assert _files(ws, ws.search("battalion NEAR Orsk")) == {"near.txt"}
    assert operators_in("battalion NEAR Orsk OR levee") == ["NEAR", "OR"]
    assert operators_in("Near the port, or not") == []


def test_advanced_near_and_or_pass_through(ws: Workspace) -> None:
    assert _files(ws, ws.search("NEAR(battalion Orsk, 5)", advanced=True)) == {"near.txt"}
    assert _files(ws, ws.search("fts: NEAR(battalion Orsk, 5)")) == {"near.txt"}
    assert _files(ws, ws.search("fts:battalion AND Orsk")) == {"near.txt", "far.txt"}
    assert _files(ws, ws.search("fts:Varga OR Dalmar")) == {"own.txt", "bare.txt", "hyphen.txt"}
    assert _files(ws, ws.search("fts:battalion NOT levee")) == {"far.txt"}


def test_a_plain_prefix_is_kept(ws: Workspace) -> None:
    assert _files(ws, ws.search("engin*")) == {"phrase.txt", "reversed.txt"}


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("fts:de-blockade", 'put the word in double quotes ("de-blockade")'),
        ('fts:"unterminated', "double quote is not closed"),
        ("fts:NEAR(battalion Orsk", "brackets do not pair up"),
        ("fts:Varga's", "quote words with punctuation"),
        ("fts:AND", "quote words with punctuation"),
    ],
)
def test_bad_advanced_syntax_is_one_line_with_a_hint(ws: Workspace, query: str, hint: str) -> None:
    with pytest.raises(SearchError) as info:
        ws.search(query)
    message = str(info.value)
    assert hint in message and "\n" not in message
    assert "fts5" not in message and "no such column" not in message
    assert "syntax error" not in message


@pytest.mark.parametrize("query", ["- & !", '""', "*"])
def test_a_query_without_words_is_refused(ws: Workspace, query: str) -> None:
    with pytest.raises(SearchError, match="give at least one word"):
        ws.search(query)


def test_the_plain_expression_quotes_every_token() -> None:
    assert plain_match('Varga\'s de-blockade 20,000 "dam held" evac*') == (
        '"Varga" "de-blockade" "20,000" "dam held" "evac"*'
    )
    assert plain_match('say "unclosed phrase') == '"say" "unclosed phrase"'


# ------------------------------------------------------------ repaired text

SPUN = "The mayor said the dike stood firm during the deluge."


def _spun_analysis(raw: RawDocument) -> DocumentAnalysis:
    """An analysis as despin leaves a flagged document: spun words with originals."""
    spans = [
        Span(19, 23, "spun", "test", {"original": "levee"}),
        Span(46, 52, "spun", "test", {"original": "flood"}),
    ]
    assert raw.text[19:23] == "dike" and raw.text[46:52] == "deluge"
    return DocumentAnalysis(
        raw.id,
        "1",
        raw.text,
        raw.source,
        "txt",
        Metadata(title=Evidence("Dike holds", "first-line")),
        spans=spans,
        integrity={"spun": {"flagged": True}},
    )


def test_the_repaired_reading_is_searchable(tmp_path: Path) -> None:
    raw = _raw("spun.txt", SPUN)
    with Workspace(tmp_path / "w.db") as ws:
        ws.add_document(raw)
        assert ws.search("levee flood", limit=5) == []
        ws.put_analyses([_spun_analysis(raw)])
        (hit,) = ws.search("levee flood")
        assert hit["matched"] == "repaired" and hit["title"] == "Dike holds"
        assert "levee" in hit["snippet"]
        (hit,) = ws.search("dike")  # the original wording is found as before
        assert hit["matched"] == "text"
        assert ws.get_document(raw.id).text == SPUN  # the stored text is never changed


def test_an_unflagged_document_gets_no_repaired_reading(tmp_path: Path) -> None:
    raw = _raw("spun.txt", SPUN)
    analysis = _spun_analysis(raw)
    analysis.integrity = {"spun": {"flagged": False}}
    with Workspace(tmp_path / "w.db") as ws:
        ws.add_document(raw)
        ws.put_analyses([analysis])
        assert ws.search("levee") == []


def _old_workspace(path: Path, raw: RawDocument, analysis: DocumentAnalysis) -> None:
    """A workspace as schema 1 made it: documents, an analysis, a 3-column-less index."""
    con = sqlite3.connect(path, isolation_level=None)
    for statement in split_sql(MIGRATIONS[0]):
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute(DOCUMENT_INSERT, document_row(raw, "2024-01-01T00:00:00+00:00"))
    con.execute("INSERT INTO document_sources VALUES (?, ?, ?)", (raw.id, raw.source, "2024-01-01"))
    con.execute(
        "INSERT INTO analyses VALUES (?, ?, ?, ?)",
        (raw.id, "1", pack_analysis(analysis), "2024-01-01"),
    )
    con.close()


def test_an_old_workspace_is_migrated_without_losing_data(tmp_path: Path) -> None:
    raw = _raw("spun.txt", SPUN)
    path = tmp_path / "old.db"
    _old_workspace(path, raw, _spun_analysis(raw))
    with Workspace(path) as ws:
        assert ws.schema_version == len(MIGRATIONS)
        assert ws.get_document(raw.id).raw == SPUN.encode()
        assert ws.sources(raw.id) == ["spun.txt"]
        assert [a.doc_id for a in ws.analyses()] == [raw.id]
        assert ws.search("dike")[0]["matched"] == "text"  # the old index was rebuilt
        (hit,) = ws.search("levee")  # and the stored analysis filled the new column
        assert hit["matched"] == "repaired" and hit["title"] == "Dike holds"


def test_an_unreadable_old_analysis_costs_only_its_own_columns(tmp_path: Path) -> None:
    raw = _raw("spun.txt", SPUN)
    path = tmp_path / "old.db"
    _old_workspace(path, raw, _spun_analysis(raw))
    con = sqlite3.connect(path)
    con.execute("UPDATE analyses SET data = ?", (b"not zlib",))
    con.commit()
    con.close()
    with Workspace(path) as ws:
        assert ws.schema_version == len(MIGRATIONS)
        assert len(ws.search("dike")) == 1 and ws.search("levee", limit=1) == []


def test_every_migration_splits_into_whole_statements() -> None:
    for script in MIGRATIONS:
        statements = split_sql(script)
        assert all(sqlite3.complete_statement(s) for s in statements)
    triggers = [s for s in split_sql(MIGRATIONS[1]) if s.lstrip().startswith("CREATE TRIGGER")]
    assert len(triggers) == 3 and all(t.rstrip().endswith("END;") for t in triggers)
