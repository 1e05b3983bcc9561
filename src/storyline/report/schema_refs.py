"""The ``storyline/1`` schema in a form a draft-7 validator reads the same way, fast.

``schema.schema_holds`` compiles the schema with fastjsonschema, which reads
``$ref`` as draft 7 does: it ignores the keywords beside a ``$ref`` (draft
2020-12 applies them; fastjsonschema accepted a quote whose confidence was
1.5). ``compile_ready`` joins them with ``allOf`` instead, which means the
same in every draft. It also rewrites "null or X" (``oneOf: [{type: null},
X]``, X never null) as ``if null then anything else X``: the same check, but
compiled code tries a ``oneOf`` branch by raising an exception that carries
the branch's schema, and nullable fields are everywhere (that alone cost more
than the rest of the check).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import fastjsonschema

#: Keywords that only annotate: they check nothing, so they need no ``allOf``.
ANNOTATIONS = frozenset({"$comment", "description", "title", "examples"})
DEFS_PREFIX = "#/$defs/"
NULL = {"type": "null"}


def compile_ready(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``$ref`` siblings in ``allOf`` and "null or X" as if/else."""
    return _rewrite(schema, schema.get("$defs", {}))


def _never_null(node: Any, defs: dict[str, Any]) -> bool:
    """True when ``node`` certainly rejects null: its ``type`` (or its reference's) excludes it."""
    if not isinstance(node, dict):
        return False
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(DEFS_PREFIX) and "type" not in node:
        return _never_null(defs.get(ref[len(DEFS_PREFIX) :]), defs)
    kind = node.get("type")
    if isinstance(kind, str):
        return kind != "null"
    return isinstance(kind, list) and "null" not in kind


def _rewrite(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_rewrite(x, defs) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: _rewrite(v, defs) for k, v in node.items()}
    one_of = node.get("oneOf")
    nullable = isinstance(one_of, list) and len(one_of) == 2 and one_of[0] == NULL
    if nullable and _never_null(one_of[1], defs):
        node.pop("oneOf")
        node.update({"if": NULL, "then": True, "else": one_of[1]})
    if "$ref" not in node:
        return node
    rest = {k: v for k, v in node.items() if k != "$ref" and k not in ANNOTATIONS}
    if not rest:  # only notes beside it: the reference alone checks the same
        return {"$ref": node["$ref"]}
    return {"allOf": [{"$ref": node["$ref"]}, rest]}


#: A sub-validator call with the item's path built for an error message that
#: only a failure needs: ``f(x, custom_formats, (name_prefix or "data") +
#: ".documents[{i}]".format(**locals()))``. The compiled code builds it for
#: every item of every list, even when nothing fails.
EAGER_PATH = re.compile(
    r'custom_formats, \(name_prefix or "data"\) \+ "[^"\\]*"\.format\(\*\*locals\(\)\)\)'
)

#: The generated module's first function: the validator of the root schema.
_FIRST_FUNCTION = re.compile(r"^def (\w+)\(", re.MULTILINE)


def compile_yes_no(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's validator for ``schema`` (already ``compile_ready``),
    for a yes/no answer: the same checks, but a failure below a list item
    names the list's parent instead of the item's path (callers that need the
    path ask ``jsonschema``). Building those paths was three quarters of the
    check of a 1,000-article dossier (3.9 s of 5.1)."""
    code = EAGER_PATH.sub("custom_formats, name_prefix)", fastjsonschema.compile_to_code(schema))
    names: dict[str, Any] = {}
    exec(compile(code, "<storyline/1 validator>", "exec"), names)  # noqa: S102 - our own schema
    return names[_FIRST_FUNCTION.search(code).group(1)]
