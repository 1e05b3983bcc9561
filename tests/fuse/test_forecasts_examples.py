"""The forecast ledger on the fictional sample corpus: every planted forecast found with its status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.api import analyze

ROOT = Path(__file__).resolve().parents[2]
STATUS = {"refuted": {"not by its deadline", "contradicted"}, "confirmed": {"came true"}, "unresolved": {"open"}}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("fc")
    analyze([str(ROOT / "examples" / "corpus")], out=out, workspace=out / "ws.sqlite")
    return json.loads((out / "dossier.json").read_text())


def test_every_planted_forecast_found_with_its_status(dossier: dict) -> None:
    gold = json.loads((ROOT / "examples" / "gold.json").read_text())["forecasts"]
    srcs = {d["id"]: d["source"].split("/")[-1] for d in dossier["documents"]}
    for g in gold:
        found = [
            f for f in dossier["forecasts"]
            for s in [f["statement"], *f["copies"]]
            if srcs[s["doc"]] == g["file"] and s["text"] in g["text_snippet"] + " " or g["text_snippet"] in s["text"] and srcs[s["doc"]] == g["file"]
        ]
        assert found, g["text_snippet"]
        assert found[0]["status"] in STATUS[g["outcome"]], (g["text_snippet"], found[0]["status"])
