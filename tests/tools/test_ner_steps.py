"""The NER scorer reports the stock model and the score after each correction step."""

from __future__ import annotations

import json
from pathlib import Path

from tools.evaluate.ner import run


def test_run_scores_every_step(tmp_path: Path):
    text = "Shelling hit Mariupol again .\nResidents of Mariupol fled to Zaporizhzhia ."
    ents = []
    for name in ("Mariupol", "Mariupol", "Zaporizhzhia"):
        start = text.index(name, ents[-1]["end"] if ents else 0)
        ents.append({"start": start, "end": start + len(name), "label": "LOC", "text": name})
    item = {"id": "t-0", "text": text, "entities": ents}
    (tmp_path / "dev.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = run(tmp_path)
    assert result["documents"] == 1
    assert list(result["by_step"]) == ["model", *result["steps"]]
    assert result["f1"] == result["by_step"][result["steps"][-1]]["f1"]
    assert result["by_step"]["consistency"]["f1"] >= result["by_step"]["model"]["f1"]
