"""The per-document function is pure: same result in-process and in a pool."""

from storyline.extract.registry import ExtractorSpec
from storyline.model import RawDocument
from storyline.pipeline import Pipeline, analyze_parallel, chunk_size
from storyline.settings import Settings
from storyline.store.packed import pack_for_store
from storyline.store.rows import unpack_analysis

TEXTS = [
    "Levee holds in Orsk\n\nThe mayor of Orsk, Ilse Varga, said on Sunday the levee held.\n"
    "JUST IN: Ten things to know about floods\nRiver officials in Kessel disagreed.",
    "Skip to main content\n\nPort of Dalmar reopens\n\nTomas Brenner, the port chief, "
    "told the Meridian Courier that ships would sail by Friday.",
    "A third report from Vesk about the Dalmar port and Ilse Varga.",
]


def _raws(n: int = 3) -> list[RawDocument]:
    return [RawDocument.create(f"t{i}.txt", t, t.encode(), "txt") for i, t in enumerate(TEXTS[:n])]


def test_offsets_point_into_the_unchanged_text():
    for a in Pipeline(Settings()).analyze_many(_raws()):
        for m in a.mentions:
            assert a.text[m.start : m.end] == m.text
        for s in a.sentences:
            assert a.text[s.start : s.end].strip() == a.text[s.start : s.end]


def test_boilerplate_is_excluded_from_analysis():
    (a,) = Pipeline(Settings()).analyze_many(_raws(1))
    bp = [s for s in a.spans if s.kind == "boilerplate"]
    assert bp, "the JUST IN line should be marked"
    for m in a.mentions:
        assert not any(s.start <= m.start < s.end for s in bp)
    for sent in a.sentences:
        assert not any(s.start <= sent.start < s.end for s in bp)


def test_process_pool_gives_the_same_analyses_as_in_process():
    raws = _raws() * 2
    settings = Settings(batch_size=2, processes=2)
    pooled = [a.to_dict() for a in analyze_parallel(raws, settings)]
    local = [a.to_dict() for a in Pipeline(settings).analyze_many(raws)]
    assert len(pooled) == len(raws)
    assert pooled == local


def test_pool_packs_in_the_worker_what_one_process_packs_itself():
    # Default batch size: the documents are split so both workers get tasks.
    raws = _raws() * 2
    pooled = list(analyze_parallel(raws, Settings(processes=2), finish=pack_for_store))
    local = list(analyze_parallel(raws, Settings(processes=1), finish=pack_for_store))
    assert [p.doc_id for p in pooled] == [r.id for r in raws]
    assert [unpack_analysis(p.data).to_dict() for p in pooled] == [
        unpack_analysis(p.data).to_dict() for p in local
    ]
    assert [(p.label, p.repaired, p.errors) for p in pooled] == [
        (p.label, p.repaired, p.errors) for p in local
    ]


def test_chunks_give_every_worker_several_tasks_and_never_exceed_the_batch():
    assert chunk_size(42, 2, 32) == 6  # not 32 + 10: one worker idle most of the run
    assert chunk_size(1000, 2, 32) == 32
    assert chunk_size(3, 2, 32) == 1
    assert chunk_size(0, 2, 32) == 1


def test_a_failing_extractor_is_recorded_not_fatal():
    def broken(parsed):
        raise ValueError("boom")

    pipe = Pipeline(Settings())
    pipe.registry = pipe.registry.copy()
    pipe.registry.add(ExtractorSpec("broken", broken, version="1", output="integrity.broken"))
    (a,) = pipe.analyze_many(_raws(1))
    assert any("broken: ValueError: boom" in e for e in a.errors)
    assert "broken" not in a.integrity
    assert a.mentions  # the other extractors still ran


def test_a_failing_clean_step_is_recorded_and_the_document_still_analysed(monkeypatch):
    import storyline.pipeline as pipeline_mod

    def broken(raw, settings):
        raise RuntimeError("rule table bug")

    monkeypatch.setattr(pipeline_mod.clean_stage, "clean", broken)
    (a,) = Pipeline(Settings()).analyze_many(_raws(1))
    assert a.errors[0] == "clean: RuntimeError: rule table bug"
    assert a.mentions  # parsing and extraction went on


def test_each_doc_is_released_once_its_analysis_is_made(monkeypatch):
    """The caches extractors keep on a Doc (Spans, so reference cycles) are
    dropped before the analysis is handed on: the Doc is freed at once."""
    import storyline.nlp as nlp_stage
    import storyline.pipeline as pipeline_module

    parsed = []
    real_parse = nlp_stage.parse

    def parse(*args, **kwargs):
        for doc in real_parse(*args, **kwargs):
            parsed.append(doc)
            yield doc

    monkeypatch.setattr(pipeline_module.nlp_stage, "parse", parse)
    for a in Pipeline(Settings()).analyze_many(_raws()):
        assert a.mentions  # the extractors did run (and cached on the Doc)
        assert parsed and parsed[-1].user_data == {}
    assert len(parsed) == 3
