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
    # 3: the fused dossier of the last analyze / report / upload, queryable per
    # item (``store/dossier.py`` writes it in one transaction, the web app reads
    # it): one row per document and per item of every top-level list, links from
    # items to the documents and entities they name, and each entity's mentions
    # per document (an entity named in 10,000 documents is never loaded whole).
    """
    CREATE TABLE dossier_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE dossier_documents (
        doc_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        title TEXT, outlet TEXT, published TEXT, source TEXT,
        flags TEXT NOT NULL,            -- ' spun copy ... ' for LIKE filters
        summary TEXT NOT NULL,          -- the record without text, spans, sentences, mentions
        data TEXT NOT NULL              -- the storyline/1 document record (JSON)
    );
    CREATE INDEX dossier_documents_seq ON dossier_documents(seq);
    CREATE INDEX dossier_documents_outlet ON dossier_documents(outlet);
    CREATE INDEX dossier_documents_published ON dossier_documents(published);
    CREATE TABLE dossier_items (
        section TEXT NOT NULL,
        seq INTEGER NOT NULL,
        id TEXT,
        data TEXT NOT NULL,             -- the storyline/1 record (JSON)
        PRIMARY KEY (section, seq)
    ) WITHOUT ROWID;
    CREATE INDEX dossier_items_id ON dossier_items(section, id);
    CREATE TABLE dossier_item_docs (
        section TEXT NOT NULL, seq INTEGER NOT NULL, doc_id TEXT NOT NULL,
        PRIMARY KEY (section, seq, doc_id)
    ) WITHOUT ROWID;
    CREATE INDEX dossier_item_docs_doc ON dossier_item_docs(doc_id, section, seq);
    CREATE TABLE dossier_item_entities (
        section TEXT NOT NULL, seq INTEGER NOT NULL, entity_id TEXT NOT NULL,
        PRIMARY KEY (section, seq, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX dossier_item_entities_entity ON dossier_item_entities(entity_id, section, seq);
    CREATE TABLE dossier_entity_mentions (
        entity_id TEXT NOT NULL, doc_id TEXT NOT NULL,
        data TEXT NOT NULL,             -- JSON list of the entity's mentions in that document
        PRIMARY KEY (entity_id, doc_id)
    ) WITHOUT ROWID;
    CREATE INDEX dossier_entity_mentions_doc ON dossier_entity_mentions(doc_id);
    """,
    # 4: each document's digest (``fuse.partition.digest_of``): what partition
    # planning reads instead of the analysis. Keyed on the digest version and the
    # pipeline version of the analysis it was made from, so a re-analysed
    # document or a new digest version gets a new one (``store/digests.py``).
    """
    CREATE TABLE digests (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        version TEXT NOT NULL,          -- fuse.partition_rules.DIGEST_VERSION
        pipeline_version TEXT NOT NULL, -- of the analysis it was made from
        data TEXT NOT NULL              -- the Digest record (JSON)
    ) WITHOUT ROWID;
    """,
)
