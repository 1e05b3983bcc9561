"""The ``storyline/1`` schema in a form a draft-7 validator reads the same way.

``schema.schema_holds`` compiles the schema with fastjsonschema, which reads
``$ref`` as draft 7 does. This module rewrites the one construct where that
differs from draft 2020-12, so the compiled check means what the schema says.
"""

from __future__ import annotations

from typing import Any


def split_refs(node: Any) -> Any:
    """``{"$ref": R, ...rest}`` as ``{"allOf": [{"$ref": R}, {...rest}]}``, everywhere.

    Draft 2020-12 applies a ``$ref``'s sibling keywords; fastjsonschema, like
    draft 7, ignores them (it accepted a quote whose confidence was 1.5).
    The ``allOf`` form means the same in every draft.
    """
    if isinstance(node, list):
        return [split_refs(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: split_refs(v) for k, v in node.items()}
    if "$ref" in node and len(node) > 1:
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {"allOf": [{"$ref": node["$ref"]}, rest]}
    return node
