"""The compiled shape check (fastjsonschema) agrees with jsonschema, the reference.

The run validates with the compiled check and asks ``jsonschema`` only when it
says no; these tests keep the two from drifting apart on the dossiers the
report tests build and on typical breakages of them.
"""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator, ValidationError
from report_data import make_analysis_a, make_analysis_b, make_fused
from report_quotes_data import make_quote_analyses, make_quote_fused

from storyline.report import build_dossier, load_schema, validate_dossier
from storyline.report.schema import schema_holds


def _dossier() -> dict:
    analyses = make_quote_analyses() + [make_analysis_a(), make_analysis_b()]
    fused = make_quote_fused(make_quote_analyses())
    fused.entities += make_fused([make_analysis_a(), make_analysis_b()]).entities
    return build_dossier(analyses, fused)


def _set(path, value):
    def breakage(d):
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return breakage


BREAKAGES = [
    ("nothing", lambda d: None),
    ("negative quote start", _set(["quotes", 0, "start"], -1)),
    ("quote start as text", _set(["quotes", 0, "start"], "12")),
    ("confidence above one", _set(["quotes", 0, "confidence"], 1.5)),
    ("boolean as an offset", _set(["documents", 0, "spans", 0, "start"], True)),
    ("missing top-level list", lambda d: d.pop("entities")),
    ("wrong schema name", _set(["schema"], "storyline/0")),
    ("document id not a string", _set(["documents", 0, "id"], 7)),
    ("mention without text", lambda d: d["documents"][0]["mentions"][0].pop("text")),
]


@pytest.mark.parametrize(("name", "breakage"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_compiled_check_agrees_with_jsonschema(name, breakage):
    dossier = _dossier()
    breakage(dossier)
    reference = Draft202012Validator(load_schema())
    assert schema_holds(dossier) == reference.is_valid(dossier), name
    assert schema_holds(dossier) == (name == "nothing")


def test_a_shape_problem_in_one_quote_costs_only_that_quote():
    # A schema problem (not an offset check): the compiled check says no,
    # jsonschema names the path, the quote is dropped, the rest is kept.
    analyses = make_quote_analyses()
    good = build_dossier(make_quote_analyses(), make_quote_fused(make_quote_analyses()))
    analyses[0].quotes[0].confidence = 1.5
    dossier = build_dossier(analyses, make_quote_fused(analyses))
    validate_dossier(dossier, thorough=True)
    [line] = dossier["errors"]
    assert "confidence" in line["reason"] and "dropped dossier.quotes[0]" in line["reason"]
    assert len(dossier["quotes"]) == len(good["quotes"]) - 1
    assert dossier["documents"] == good["documents"]


def test_thorough_validation_still_raises_on_a_broken_dossier():
    dossier = copy.deepcopy(_dossier())
    dossier["documents"][0]["id"] = 7
    with pytest.raises(ValidationError, match="documents"):
        validate_dossier(dossier, thorough=True)
    with pytest.raises(ValidationError, match="documents"):
        validate_dossier(dossier)


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    else:
        yield path, node


def _odd(value):
    """A value of another type or out of range: what a bug upstream would write."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return -1 if value >= 0 else "x"
    if isinstance(value, str):
        return None if value else 3
    return 0


def test_compiled_check_agrees_on_every_field_broken_in_turn():
    reference = Draft202012Validator(load_schema())
    base = _dossier()
    paths = [p for p, _ in _leaves(base)]
    disagreements = []
    for path in paths[::3]:  # every third field: hundreds of cases, seconds
        dossier = copy.deepcopy(base)
        node = dossier
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = _odd(node[path[-1]])
        if schema_holds(dossier) != reference.is_valid(dossier):
            disagreements.append(path)
    assert len(paths) > 300
    assert disagreements == []


def test_outline_check_sees_what_was_added_after_the_items_were_checked() -> None:
    """``validate_outline`` (used for dossiers ``build_dossier`` has pruned)
    checks the top-level fields but not the items again: a broken stats field
    fails it, a broken item only fails the whole check."""
    from storyline.report.schema import validate_outline

    dossier = _dossier()
    validate_outline(dossier)
    bad_stats = copy.deepcopy(dossier)
    bad_stats["stats"]["documents"] = "many"
    with pytest.raises(ValidationError):
        validate_outline(bad_stats)
    bad_item = copy.deepcopy(dossier)
    bad_item["quotes"][0]["start"] = -1
    validate_outline(bad_item)
    with pytest.raises(ValidationError):
        validate_dossier(bad_item)


def test_the_yes_no_validator_drops_the_eager_item_paths():
    # the generated code's shape is what compile_yes_no rewrites: a fastjsonschema
    # upgrade that changes it must be noticed here (the check stays right, only slower)
    import fastjsonschema

    from storyline.report.schema import load_schema
    from storyline.report.schema_refs import EAGER_PATH, compile_ready

    code = fastjsonschema.compile_to_code(compile_ready(load_schema()))
    assert len(EAGER_PATH.findall(code)) > 50
