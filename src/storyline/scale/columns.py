"""The flat Parquet tables of a Spark run, as data: one row per record.

Each table is read from one record list of the analysis (``outputs[name]``)
and has the columns every table shares (``doc_id``, ``n`` the record's place
in its list, ``start``, ``end``, ``text``: offsets into the document text,
``text == documents.text[start:end]``), then the main fields of its kind
listed here, then ``record``: the whole record as JSON, so nothing is lost
by flattening. A column's path is a key, or ``key.sub`` for a field of a
nested part (``speaker.text``). Types are Spark SQL's simple types.

To add a table, add a row; to add a column, add it to its table's tuple.
"""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    """One flat column: its name, where it is in the record, its Spark type."""

    name: str
    path: str
    type: str  # "string" | "long" | "double" | "boolean" | "binary" | "array<string>"


def _c(name: str, path: str | None = None, type: str = "string") -> Column:
    return Column(name, path or name, type)


#: Columns every record table starts with (``n`` is added by the writer).
OFFSET_COLUMNS: tuple[Column, ...] = (
    _c("start", type="long"),
    _c("end", type="long"),
    _c("text"),
)

#: table name -> (analysis output list, its main columns)
TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "entities_mentions": (
        "mentions",
        (_c("label"), _c("sentence", type="long"), _c("component", "source")),
    ),
    "quotes": (
        "quotes",
        (
            _c("quote_id", "id"),
            _c("kind"),
            _c("confidence", type="double"),
            _c("speaker_text", "speaker.text"),
            _c("speaker_start", "speaker.start", "long"),
            _c("speaker_end", "speaker.end", "long"),
            _c("speaker_kind", "speaker.kind"),
            _c("cue_text", "cue.text"),
            _c("cue_lemma", "cue.lemma"),
            _c("channel_text", "channel.text"),
            _c("when_text", "when.text"),
        ),
    ),
    "events": (
        "events",
        (
            _c("event_id", "id"),
            _c("type"),
            _c("mode"),
            _c("modality"),
            _c("confidence", type="double"),
            _c("trigger_text", "trigger.text"),
            _c("trigger_lemma", "trigger.lemma"),
            _c("place_text", "place.text"),
            _c("time_text", "time.text"),
            _c("time_value", "time.value"),
        ),
    ),
    "quantities": (
        "quantities",
        (
            _c("value", type="double"),
            _c("low", type="double"),
            _c("high", type="double"),
            _c("qualifier"),
            _c("unit"),
            _c("kind"),
            _c("vague", type="boolean"),
            _c("confidence", type="double"),
            _c("counts_text", "counts.text"),
        ),
    ),
    "timexes": (
        "timexes",
        (_c("type"), _c("value"), _c("anchor"), _c("resolved", type="boolean")),
    ),
    "places": (
        "places",
        (
            _c("label"),
            _c("name"),
            _c("geonameid", type="long"),
            _c("feature"),
            _c("country"),
            _c("lat", type="double"),
            _c("lon", type="double"),
            _c("role"),
            _c("confidence", type="double"),
        ),
    ),
    "roles": (
        "roles",
        (
            _c("person_text", "person.text"),
            _c("person_start", "person.start", "long"),
            _c("person_end", "person.end", "long"),
            _c("title_text", "title.text"),
            _c("org_text", "org.text"),
        ),
    ),
    "nominals": (
        "nominals",
        (
            _c("antecedent_text", "antecedent.text"),
            _c("basis"),
            _c("confidence", type="double"),
        ),
    ),
}

#: Where a record without top-level offsets (a role) takes its span from.
SPAN_OF: dict[str, str] = {"roles": "title"}

#: Columns of ``documents`` (one row per analysed document).
DOCUMENT_COLUMNS: tuple[Column, ...] = (
    _c("doc_id"),
    _c("source"),
    _c("format"),
    _c("external_id"),
    _c("url"),
    _c("title"),
    _c("outlet"),
    _c("published"),
    _c("language"),
    _c("dct"),
    _c("spun_score", type="double"),
    _c("text"),
    _c("raw", type="binary"),
)

#: Columns of ``spans`` (boilerplate, spun words, titles, datelines ...).
SPAN_COLUMNS: tuple[Column, ...] = (
    _c("doc_id"),
    _c("start", type="long"),
    _c("end", type="long"),
    _c("kind"),
    _c("rule"),
    _c("text"),
)

#: Columns of ``analyses`` (the whole analysis as the workspace stores it).
ANALYSIS_COLUMNS: tuple[Column, ...] = (
    _c("doc_id"),
    _c("source"),
    _c("pipeline_version"),
    _c("analysis"),
)

#: Columns of ``errors``.
ERROR_COLUMNS: tuple[Column, ...] = (
    _c("source"),
    _c("doc_id"),
    _c("stage"),  # read | analyse | extract
    _c("reason"),
)

#: Columns of ``entities`` (one row per blocking key).
ENTITY_COLUMNS: tuple[Column, ...] = (
    _c("key_id"),
    _c("type_group"),  # PERSON | ORG | PLACE | NORP | EVENT | THING
    _c("key"),  # the normalised name mentions are blocked under
    _c("name"),  # the most frequent spelling
    _c("label"),  # the most frequent OntoNotes label
    _c("mentions", type="long"),
    _c("documents", type="long"),
    _c("spellings", type="array<string>"),
)

#: One document's spellings of one entity key (``scale.entities.doc_spellings``).
SPELLING_COLUMNS: tuple[Column, ...] = (
    _c("type_group"),
    _c("key"),
    _c("spelling"),
    _c("label"),
    _c("n", type="long"),
)

#: Columns of ``lineages`` (one row per member of a copy lineage).
LINEAGE_COLUMNS: tuple[Column, ...] = (
    _c("lineage_id"),
    _c("doc_id"),
    _c("position", type="long"),
    _c("is_original", type="boolean"),
)

#: Columns of ``copies`` (one row per copy link).
LINK_COLUMNS: tuple[Column, ...] = (
    _c("lineage_id"),
    _c("copy"),
    _c("original"),
    _c("kind"),
    _c("similarity", type="double"),
    _c("reason"),
    _c("passages"),
)

#: What a read hands the analysis: a document's fields, or an unreadable input's
#: ``source`` and ``reason`` (then ``doc_id`` may be null).
INPUT_COLUMNS: tuple[Column, ...] = (
    _c("doc_id"),
    _c("source"),
    _c("format"),
    _c("text"),
    _c("raw", type="binary"),
    _c("title"),
    _c("url"),
    _c("outlet"),
    _c("published"),
    _c("dct"),
    _c("language"),
    _c("external_id"),
    _c("reason"),
)
