"""The field reference of docs/json.md, generated from the models so it cannot drift.

Each field's type, whether it is required and its default come from the JSON Schemas; its
meaning comes from :data:`MEANINGS`, and a test fails when a field has none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuing_involvement._meanings import MEANINGS
from valuing_involvement.checking import Policy
from valuing_involvement.schema import json_schema

__all__ = ["DOCUMENT_TYPES", "MEANINGS", "fields_markdown", "model_fields"]

#: The documents a user writes, in the order the page describes them.
DOCUMENT_TYPES = ("group", "agreement", "commissioner", "portfolio")


def _type(node: Mapping[str, Any], defs: Mapping[str, Any]) -> str:  # noqa: PLR0911
    """A node's type in words, for the table."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    options = node.get("anyOf")
    if options is not None:
        kept = [o for o in options if o != {"type": "null"}]
        if any(o.get("type") == "integer" for o in kept) and len(kept) == 2:
            words = "money"
        else:
            words = " or ".join(_type(o, defs) for o in kept)
        return words + (" or `null`" if len(kept) < len(options) else "")
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join("`null`" if k == "null" else _type({"type": k}, defs) for k in kind)
    if kind == "array":
        return f"list of {_type(node['items'], defs)}"
    if kind == "string":
        return "date" if node.get("format") == "date" else "text"
    return {"boolean": "true/false", "integer": "whole number", "object": "object"}.get(
        str(kind), str(kind)
    )


def model_fields() -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """Each model the documents use, once, with ``(field, type, required)`` rows.

    >>> next(model_fields())[0]
    'Group'
    """
    seen: set[str] = set()
    for document in DOCUMENT_TYPES:
        schema = json_schema(document)
        defs = schema["$defs"]
        root = schema["$ref"].rsplit("/", 1)[1]
        for name in [root, *sorted(set(defs) - {root})]:
            if name in seen:
                continue
            seen.add(name)
            required = set(defs[name]["required"])
            yield (
                name,
                [
                    (field, _type(node, defs), "required" if field in required else "")
                    for field, node in defs[name]["properties"].items()
                ],
            )


def fields_markdown() -> str:
    """The field reference: one table a model, then the policy's settings.

    >>> "| `constituency` |" in fields_markdown()
    True
    """
    out = []
    for name, rows in model_fields():
        out += [f"### {name}", "", "| field | type | | meaning |", "|---|---|---|---|"]
        out += [
            f"| `{field}` | {kind} | {required} | {MEANINGS[f'{name}.{field}']} |"
            for field, kind, required in rows
        ]
        out.append("")
    out += ["### Policy", "", "A TOML file, not JSON.", ""]
    out += ["| setting | | meaning |", "|---|---|---|"]
    out += [
        f"| `{field.name}` | | {MEANINGS[f'Policy.{field.name}']} |"
        for field in attrs.fields(Policy)
    ]
    return "\n".join(out) + "\n" + _examples()


def _examples() -> str:
    """One valid document of each type, as ``valuing-involvement example`` prints them."""
    from valuing_involvement._examples import example_portfolio  # noqa: PLC0415 -- data files
    from valuing_involvement.cli import STARTER_POLICY  # noqa: PLC0415 -- the command's own
    from valuing_involvement.serialization import to_json  # noqa: PLC0415

    portfolio = example_portfolio()
    out = ["", "### Examples", ""]
    for title, document in (
        ("A group", portfolio.groups[0]),
        ("An agreement, naming its group by reference", portfolio.contracts[0]),
        ("A commissioner", portfolio.commissioner),
    ):
        out += [f"{title}:", "", "```json", to_json(document, indent=2), "```", ""]
    out += ["A policy:", "", "```toml", STARTER_POLICY.rstrip(), "```", ""]
    out += [
        "A whole portfolio is long: `valuing-involvement example portfolio` prints Lowmoor's.",
    ]
    return "\n".join(out) + "\n"
