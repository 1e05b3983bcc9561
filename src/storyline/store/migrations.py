"""Workspace schema, as an ordered list of migrations (data, not code paths).

``PRAGMA user_version`` records how many have been applied; opening an older
workspace applies the rest in one transaction each. Never edit a released
migration: append a new one.
"""

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, where they came from, their analyses, full-text search.
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        raw BLOB NOT NULL,              -- zlib-compressed original bytes
        format TEXT NOT NULL,
        title TEXT, url TEXT, outlet TEXT, published TEXT, dct TEXT,
        language TEXT, external_id TEXT,
        added_at TEXT NOT NULL
    );
    CREATE TABLE document_sources (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (doc_id, source)
    );
    CREATE TABLE analyses (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        pipeline_version TEXT NOT NULL,
        data BLOB NOT NULL,             -- zlib-compressed DocumentAnalysis JSON
        analysed_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: the repaired reading of spun documents searchable (a third FTS column),
    # each analysis's title, outlet and date kept beside it for search hits, and
    # a key-value table of facts about the workspace (the pipeline version cache).
    # The FTS index is rebuilt from the documents, so no indexed text is lost;
    # ``store/derived.py`` fills the new columns from the stored analyses.
    """
    ALTER TABLE documents ADD COLUMN repaired TEXT;
    ALTER TABLE analyses ADD COLUMN title TEXT;
    ALTER TABLE analyses ADD COLUMN outlet TEXT;
    ALTER TABLE analyses ADD COLUMN published TEXT;
    DROP TRIGGER documents_ai;
    DROP TRIGGER documents_ad;
    DROP TRIGGER documents_au;
    DROP TABLE documents_fts;
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, repaired, content='documents', content_rowid='rowid'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text, repaired)
        VALUES (new.rowid, new.title, new.text, new.repaired);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text, repaired)
        VALUES ('delete', old.rowid, old.title, old.text, old.repaired);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text, repaired)
        VALUES ('delete', old.rowid, old.title, old.text, old.repaired);
        INSERT INTO documents_fts(rowid, title, text, repaired)
        VALUES (new.rowid, new.title, new.text, new.repaired);
    END;
    INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
    CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)
