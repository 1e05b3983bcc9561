"""Fixtures of the report tests; the shared builders live in ``report_data``
(a module name of its own: ``conftest`` is one name for every test folder)."""

from __future__ import annotations

import pytest
from report_data import make_analysis_a, make_analysis_b, make_fused
from report_integrity_data import make_lineage, make_mt, make_original, make_spun

from storyline.model import DocumentAnalysis, Fused, ReadError
from storyline.report import build_dossier


@pytest.fixture
def analyses() -> list[DocumentAnalysis]:
    return [make_analysis_a(), make_analysis_b()]


@pytest.fixture
def fused(analyses) -> Fused:
    return make_fused(analyses)


@pytest.fixture
def read_errors() -> list[ReadError]:
    return [ReadError("broken.html", "not valid UTF-8 | and no charset given")]


@pytest.fixture
def integrity_analyses(analyses) -> list[DocumentAnalysis]:
    return [*analyses, make_original(), make_spun(), make_mt()]


@pytest.fixture
def integrity_fused(analyses) -> Fused:
    fused = make_fused(analyses)
    fused.lineages = [make_lineage()]
    return fused


@pytest.fixture
def integrity_dossier(integrity_analyses, integrity_fused):
    return build_dossier(integrity_analyses, integrity_fused, generated_by="storyline test")
