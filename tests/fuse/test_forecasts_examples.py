"""Forecast ledger on the sample corpus: every planted forecast found with its status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATUS = {
    "refuted": {"not by its deadline", "contradicted"},
    "confirmed": {"came true"},
    "unresolved": {"open"},
}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("fc")
    env = dict(os.environ, STORYLINE_WORKSPACE=str(out / "ws.sqlite"))
    cmd = [sys.executable, "-m", "storyline", "analyze", str(ROOT / "examples" / "corpus")]
    subprocess.run([*cmd, "--out", str(out)], check=True, env=env, capture_output=True)
    return json.loads((out / "dossier.json").read_text())


def test_every_planted_forecast_found_with_its_status(dossier: dict) -> None:
    gold = json.loads((ROOT / "examples" / "gold.json").read_text())["forecasts"]
    srcs = {d["id"]: d["source"].split("/")[-1] for d in dossier["documents"]}
    for g in gold:
        found = [
            f
            for f in dossier["forecasts"]
            for s in [f["statement"], *f["copies"]]
            if srcs[s["doc"]] == g["file"] and g["text_snippet"][:30] in s["text"]
        ]
        assert found, g["text_snippet"]
        assert found[0]["status"] in STATUS[g["outcome"]], (g["text_snippet"], found[0]["status"])


def test_a_later_sentence_bears_on_a_forecast_only_when_it_is_about_it() -> None:
    from types import SimpleNamespace

    from storyline.fuse.forecasts_status import relation, stem

    def stems(*words: str) -> frozenset[str]:
        return frozenset(stem(w) for w in words)

    clause = SimpleNamespace(
        doc="a", text="The levee could fail by Friday.", subject=sorted(stems("levee")),
        words=stems("levee", "fail", "friday"), deadline="2025-04-04", inferred=False,
        lineage="a",
    )  # fmt: skip
    assert relation(clause, "The levee held through the night.", None, "fail") == "refutes"
    assert relation(clause, "The weather was mild in the capital.", None, "fail") is None
    # Negated, but sharing only the subject: not about the forecast.
    assert relation(clause, "Nobody has inspected the levee since May.", None, "fail") is None
