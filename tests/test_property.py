"""Property test: no input crashes a run, every input is accounted for.

Random bytes, random JSON shapes (nested, wrong types for ``text``/``title``/
``id``) and random Unicode (lone surrogates, bidi controls, NUL, ESC,
combining marks, long lines) are written to a folder beside one good file and
run through ``api.analyze``. Whatever they hold: it never raises, the good
file is analysed, each hostile record is a document or one ``ReadError``
(never both, never neither), and the dossier validates.

The spaCy model is loaded once per process (``load_nlp`` is cached), so each
example costs one small analysis; the number of examples is bounded so the
test runs in well under a minute.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from storyline import api  # noqa: E402
from storyline.report.schema import validate_dossier  # noqa: E402
from storyline.settings import Settings  # noqa: E402

GOOD = "Dam holds at Orsk\n\nMayor Ilse Varga said the dam held on Friday.\n"
FIELDS = ["text", "title", "id", "url", "outlet", "published", "dct", "file", "path"]
SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".html", ".xml", ".rss"]
HOSTILE_CHARS = [
    "\x00", "\x1b", "\x1b]0;x\x07", "\x07", "\r", "\n", "\t", "\x85", "\x9b",
    "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200f", "\u061c",
    "\u0301", "\u0308", "\u20dd", "\ufeff", "\u2028", "\ufffd", "\U0001f600",
    "said", " ", ".", '"', "“", "”", "Varga", "[/x]", "[bold]", "_",
]  # fmt: skip

# Lone surrogates: in JSON they are escapes ("\udc00") that decode to
# characters UTF-8 cannot store; in a file, bytes that are not UTF-8.
SURROGATES = st.sampled_from(["\udc00", "\ud800", "\udfff"])

unicode_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_CHARS), SURROGATES, st.text(max_size=8)), max_size=40
).map("".join)
long_line = st.tuples(st.sampled_from(HOSTILE_CHARS), st.integers(2_000, 20_000)).map(
    lambda t: ("word " + t[0]) * (t[1] // 6)
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    unicode_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=5)), inner, max_size=5),
    ),
    max_leaves=12,
)
records = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)


def _json_file(shape: Any, jsonl: bool) -> tuple[str, bytes]:
    if jsonl:
        items = shape if isinstance(shape, list) else [shape]
        body = "\n".join(json.dumps(x) for x in items)
        return ".jsonl", body.encode()
    return ".json", json.dumps(shape).encode()


json_files = st.tuples(
    st.one_of(records, st.lists(records, max_size=4), json_values), st.booleans()
).map(lambda t: _json_file(*t))
byte_files = st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=3_000))
# In a file a lone surrogate is bytes that are not UTF-8 (the decoder's case).
text_with_surrogates = st.lists(st.one_of(unicode_text, SURROGATES), max_size=6).map("".join)
text_files = st.tuples(
    st.sampled_from([".txt", ".md", ".html"]), st.one_of(text_with_surrogates, long_line)
).map(lambda t: (t[0], t[1].encode("utf-8", "surrogatepass")))

PROPERTY = settings(
    deadline=None,
    # STORYLINE_PROPERTY_EXAMPLES=500 for a longer hunt; 25 keeps CI under a minute.
    max_examples=int(os.environ.get("STORYLINE_PROPERTY_EXAMPLES", "25")),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run_one(suffix: str, data: bytes) -> None:
    """Analyse a folder of ``good.txt`` and one hostile file; check the property."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        (root / "good.txt").write_text(GOOD, encoding="utf-8")
        hostile = root / f"hostile{suffix}"
        hostile.write_bytes(data)
        result = api.analyze([str(root)], Path(tmp) / "out", Settings(workspace=Path(tmp) / "w.db"))
        validate_dossier(result.dossier)
        docs = [d["source"] for d in result.dossier["documents"]]
        errors = [e.source for e in result.ingest.errors]
        assert str(root / "good.txt") in docs, (docs, errors)

        def mine(source: str) -> bool:
            return source == str(hostile) or source.startswith(f"{hostile}#")

        seen_docs = [s for s in docs if mine(s)]
        seen_errors = [s for s in errors if mine(s)]
        assert seen_docs or seen_errors or data.strip() == GOOD.encode().strip(), (docs, errors)
        assert not set(seen_docs) & set(seen_errors)
        assert len(seen_errors) == len(set(seen_errors)), seen_errors
        if suffix in (".txt", ".md"):
            assert len(seen_docs) + len(seen_errors) <= 1, (docs, errors)


@PROPERTY
@given(byte_files)
def test_random_bytes(case: tuple[str, bytes]) -> None:
    run_one(*case)


@PROPERTY
@given(json_files)
def test_random_json_shapes(case: tuple[str, bytes]) -> None:
    run_one(*case)


@PROPERTY
@given(text_files)
def test_random_unicode_text(case: tuple[str, bytes]) -> None:
    run_one(*case)


@pytest.mark.parametrize(
    "suffix, data",
    [
        pytest.param(
            ".json",
            json.dumps({"text": "Mayor Ilse Varga said \udc00 the dam held."}).encode(),
            id="lone-surrogate-in-text",
        ),
        pytest.param(
            ".json",
            json.dumps({"text": "The dam held.", "title": "\ud800"}).encode(),
            id="lone-surrogate-in-title",
        ),
        pytest.param(
            ".json",
            ('{"file": "good.txt", "x": ' + "[" * 5000 + "]" * 5000 + "}").encode(),
            id="deep-json-with-file-key",
        ),
        pytest.param(".json", ("[" * 100_000 + "]" * 100_000).encode(), id="deep-json"),
    ],
)
def test_inputs_that_crashed_runs_before(suffix: str, data: bytes) -> None:
    run_one(suffix, data)
