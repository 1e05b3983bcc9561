"""The extractor contract: registration, order, versions, and a new extractor end to end.

The throwaway "widgets" extractor below is what adding an extractor takes
(see docs/architecture.md, "Adding an extractor"): a record type registered
with ``@output_record``, a function registered with its declaration, and its
schema fragment. Nothing else in the pipeline, the analysis, the dossier
builder, the schema or the renderers is told about it, yet it runs, is
stored, lands in dossier.json and is validated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from jsonschema import ValidationError

from storyline.extract.registry import ExtractorSpec, Registry, default_registry
from storyline.fuse import fuse
from storyline.model import (
    DocumentAnalysis,
    Mention,
    ParsedDocument,
    RawDocument,
    Record,
    output_record,
)
from storyline.pipeline import Pipeline, pipeline_version
from storyline.report import build_dossier, render_html, render_markdown, validate_dossier
from storyline.report.schema import load_schema
from storyline.settings import Settings

TEXT = (
    "Mayor Ilse Varga of Orsk said on Sunday that the levee held.\n"
    "Officials in Kessel disagreed with Varga."
)


@output_record("widgets")
@dataclass
class Widget(Record):
    """A throwaway record: a name mentioned twice, and how many mentions precede it."""

    start: int
    end: int
    text: str
    before: int


WIDGET_SCHEMA = {
    "$ref": "#/$defs/range",
    "required": ["doc", "start", "end", "text", "before"],
    "properties": {"before": {"type": "integer", "minimum": 0}},
}


def extract_widgets(parsed: ParsedDocument) -> list[Widget]:
    """Reads another extractor's output (``needs=("mentions",)``), not the parse."""
    mentions: list[Mention] = parsed.results["mentions"]
    last_words = [m.text.split()[-1] for m in mentions]
    return [
        Widget(m.start, m.end, m.text, before=i)
        for i, m in enumerate(mentions)
        if last_words.count(last_words[i]) > 1
    ]


def _with_widgets() -> Registry:
    reg = default_registry().copy()
    reg.extractor(
        "widgets",
        version="1",
        output="widgets",
        needs=("mentions",),
        section="widgets",
        schema=WIDGET_SCHEMA,
    )(extract_widgets)
    return reg


def _raw(text: str = TEXT) -> RawDocument:
    return RawDocument.create("w.txt", text, text.encode(), "txt")


def test_the_existing_extractors_are_registered_with_their_outputs():
    """These at least (a new extractor adds to them without touching this test)."""
    reg = default_registry()
    outputs = {s.name: s.output for s in reg}
    assert (
        outputs.items()
        >= {
            "mentions": "mentions",
            "quotes": "quotes",
            "roles": "roles",
            "machine_translated": "integrity.machine_translated",
            "original_outlet": "integrity.original_outlet",
            "timexes": "timexes",
        }.items()
    )
    sections = {s.name: s.section for s in reg.sections()}
    assert sections.items() >= {"quotes": "quotes", "timexes": "timexes"}.items()
    assert "mentions" not in sections and "roles" not in sections


def test_a_new_extractor_runs_is_stored_and_lands_in_the_dossier():
    reg = _with_widgets()
    (a,) = Pipeline(Settings(), registry=reg).analyze_many([_raw()])
    widgets = a.outputs["widgets"]
    assert [w.text for w in widgets] == ["Mayor Ilse Varga", "Varga"]
    assert all(a.text[w.start : w.end] == w.text for w in widgets)
    assert a.widgets == widgets  # record lists read as attributes too

    # The analysis round-trips through JSON (as the workspace stores it).
    again = DocumentAnalysis.from_dict(a.to_dict())
    assert again.outputs["widgets"] == widgets
    assert again.to_dict() == a.to_dict()

    dossier = build_dossier([a], fuse([a]), registry=reg)
    assert [w["text"] for w in dossier["widgets"]] == ["Mayor Ilse Varga", "Varga"]
    assert {w["doc"] for w in dossier["widgets"]} == {a.doc_id}
    assert dossier["stats"]["widgets"] == 2
    validate_dossier(dossier, registry=reg)
    assert "widgets" in load_schema(reg)["required"]
    assert "widgets" not in load_schema()["properties"]

    # The renderers show it in a generic section until someone writes a view.
    md = render_markdown(dossier)
    assert "## Widgets" in md
    widgets_md = md.split("## Widgets", 1)[1]
    # A record's text that is exactly its source text is not shown twice.
    assert "| Document | Text | before |" in widgets_md
    assert "| “Mayor Ilse Varga” | 0 |" in widgets_md
    html = render_html(dossier)
    assert 'href="#section-widgets"' in html
    section = html.split('id="section-widgets"', 1)[1].split("</section>", 1)[0]
    assert "Mayor Ilse Varga" in section and '<td data-label="before">2</td>' in section


def test_a_new_section_is_validated_by_its_fragment_and_its_offsets():
    reg = _with_widgets()
    (a,) = Pipeline(Settings(), registry=reg).analyze_many([_raw()])
    dossier = build_dossier([a], fuse([a]), registry=reg)
    bad = dict(dossier, widgets=[dict(dossier["widgets"][0], before=-1)])
    with pytest.raises(ValidationError, match=r"dossier\.widgets\[0\]\.before"):
        validate_dossier(bad, registry=reg)
    bad = dict(dossier, widgets=[dict(dossier["widgets"][0], text="Mayor Ilse Vargas")])
    with pytest.raises(ValidationError, match=r"dossier\.widgets\[0\]\.text: 'Mayor Ilse Vargas'"):
        validate_dossier(bad, registry=reg)
    bad = dict(dossier, widgets=[dict(dossier["widgets"][0], doc="d-nowhere")])
    with pytest.raises(ValidationError, match=r"widgets\[0\]\.doc: unknown document"):
        validate_dossier(bad, registry=reg)


def test_an_extractor_whose_need_failed_is_skipped_with_a_reason():
    def broken(parsed: ParsedDocument) -> list[Mention]:
        raise RuntimeError("rule bug")

    reg = _with_widgets().replace("mentions", func=broken)
    (a,) = Pipeline(Settings(), registry=reg).analyze_many([_raw()])
    assert "mentions: RuntimeError: rule bug" in a.errors
    assert "widgets: skipped, needs mentions" in a.errors
    assert a.outputs.get("widgets") is None and a.quotes  # the others still ran


def test_run_order_follows_needs_then_names():
    reg = Registry()
    noop = lambda parsed: {}  # noqa: E731
    reg.add(ExtractorSpec("b", noop, version="1", output="integrity.b", needs=("c",)))
    reg.add(ExtractorSpec("a", noop, version="1", output="integrity.a"))
    reg.add(ExtractorSpec("c", noop, version="1", output="integrity.c"))
    assert [s.name for s in reg] == ["a", "c", "b"]
    reg.add(ExtractorSpec("c", noop, version="1", output="integrity.c2", needs=("b",)))
    with pytest.raises(ValueError, match="need each other"):
        reg.ordered()


def test_declarations_that_cannot_work_fail_at_registration():
    noop = lambda parsed: []  # noqa: E731
    reg = Registry()
    with pytest.raises(ValueError, match="no record type"):
        reg.add(ExtractorSpec("x", noop, version="1", output="no_such_records"))
    with pytest.raises(ValueError, match="core field"):
        reg.add(ExtractorSpec("x", noop, version="1", output="spans"))
    with pytest.raises(ValueError, match="view"):
        reg.add(ExtractorSpec("x", noop, version="1", output="integrity.x", view="other"))
    reg.add(ExtractorSpec("x", noop, version="1", output="quotes"))
    with pytest.raises(ValueError, match="already taken"):
        reg.add(ExtractorSpec("y", noop, version="1", output="quotes"))


def test_the_pipeline_version_follows_the_extractors_versions():
    reg = default_registry()
    base = pipeline_version(reg)
    assert pipeline_version(reg) == base
    assert pipeline_version(reg.replace("quotes", version="999")) != base
    assert pipeline_version(reg.without("roles")) != base
    assert pipeline_version(_with_widgets()) != base
    (a,) = Pipeline(Settings(), registry=_with_widgets()).analyze_many([_raw("Short text.")])
    assert a.pipeline_version == pipeline_version(_with_widgets())


def test_the_original_view_is_the_text_as_written():
    seen: dict[str, str] = {}

    def look(view: str):
        def fn(parsed: ParsedDocument) -> dict:
            seen[view] = parsed.doc.text
            return {}

        return fn

    reg = Registry()
    reg.add(
        ExtractorSpec("o", look("original"), version="1", output="integrity.o", view="original")
    )
    reg.add(ExtractorSpec("r", look("repaired"), version="1", output="integrity.r"))
    spun = (
        "The minister said helium would visit the capital astatine noon connected Monday, "
        "and helium said the talks successful the city would go ahead. Helium added that "
        "the penetration had been planned for weeks and whitethorn start soon."
    )
    Pipeline(Settings(), registry=reg).analyze_many([_raw(spun)]).__next__()
    assert "helium" in seen["original"]
    assert seen["repaired"] != seen["original"]
