"""A register's columns, derived from the models' JSON Schemas (private).

A field added to a model gets its column without any change here: a nested object's fields
are dotted columns (``period.start``), a list of enum values is one cell, and a list of
objects or of free text is numbered columns from 1 (``kpis.1.description``, ``aims.2``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from valuing_involvement.schema import json_schema

__all__ = ["SHEETS", "Node", "column_node", "columns", "join", "pattern_of", "sheet_node"]

#: The sheets of a register (and the stems of its CSV files), in the order they are written.
SHEETS = ("groups", "agreements", "portfolio")

# Each sheet: the document type whose schema gives its columns, and fields kept off it (an
# agreement's ``published`` is a whole 360Giving grant as JSON: machine text for the export,
# often longer than a spreadsheet cell holds; a register is for people).
_LAYOUT: Mapping[str, tuple[str, frozenset[str]]] = {
    "groups": ("group", frozenset()),
    "agreements": ("agreement", frozenset({"group", "published"})),
    "portfolio": ("portfolio", frozenset({"groups", "contracts"})),
}
#: The most items a numbered column may have: ``aims.999``.
MAX_ITEMS = 999
_INDEX = re.compile(r"[1-9][0-9]{0,2}")


@attrs.frozen
class Node:
    """One schema node, resolved: what kind of cell or columns it becomes."""

    kind: str  # "text", "free-text", "bool", "int", "money", "fraction", "number", "date",
    # "enum", "object", "enum-list", "items" (numbered columns)
    nullable: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[tuple[str, Node, bool], ...] = ()  # (name, node, required) of an object
    item: Node | None = None
    marker: bool = False  # a nullable object that may be written all empty gets its own column
    model: str = ""  # an object's model name, for the field's meaning


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> tuple[Mapping[str, Any], bool]:
    """Follow ``$ref`` and strip ``null`` from a union: the node and whether it was nullable."""
    nullable = False
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node and {"type": "null"} in node["anyOf"]:
            nullable = True
            (node,) = [option for option in node["anyOf"] if option != {"type": "null"}]
        elif isinstance(node.get("type"), list) and "null" in node["type"]:
            nullable = True
            (kind,) = [t for t in node["type"] if t != "null"]
            node = {**node, "type": kind}
        else:
            return node, nullable


def _node(  # noqa: PLR0911 -- one return per kind of cell
    schema: Mapping[str, Any], raw: Mapping[str, Any], skip: frozenset[str] = frozenset()
) -> Node:
    node, nullable = _resolve(schema, raw)
    if "enum" in node:
        return Node("enum", nullable, tuple(node["enum"]))
    if "anyOf" in node:  # money: a decimal string or a whole number
        return Node("money", nullable)
    kind = node.get("type")
    if kind == "object":
        fields = tuple(
            (name, _decimal(name, _node(schema, sub)), name in node.get("required", ()))
            for name, sub in node["properties"].items()
            if name not in skip
        )
        return Node(
            "object",
            nullable,
            fields=fields,
            marker=nullable and _may_be_empty(fields),
            model=str(node.get("title", "")),
        )
    if kind == "array":
        item = _node(schema, node["items"])
        if item.kind == "enum":
            return Node("enum-list", nullable, item.choices)
        return Node("items", nullable, item=item)
    if kind == "string":
        if node.get("format") == "date":
            return Node("date", nullable)
        return Node("text" if "pattern" in node else "free-text", nullable)
    return Node({"boolean": "bool", "integer": "int"}[str(kind)], nullable)


#: Decimal fields that are not money: shares of a whole, and measures of size.
_FRACTIONS = frozenset({"share", "agreed_share"})
_MEASURES = frozenset({"project_measure", "organisation_measure"})


def _decimal(name: str, node: Node) -> Node:
    """A decimal field's node: money, unless the field is a share or a measure."""
    if node.kind != "money":
        return node
    if name in _FRACTIONS:
        return attrs.evolve(node, kind="fraction")
    if name in _MEASURES:
        return attrs.evolve(node, kind="number")
    return node


def _may_be_empty(fields: Iterable[tuple[str, Node, bool]]) -> bool:
    """Whether an object's cells may all be written empty, so its presence needs a column."""
    return all(
        node.nullable
        or node.kind in ("enum-list", "items")
        or (node.kind == "object" and _may_be_empty(node.fields))
        for _, node, _ in fields
    )


@functools.cache
def sheet_node(sheet: str) -> Node:
    """The node of one sheet's rows.

    >>> sheet_node("groups").model
    'Group'
    """
    document, skip = _LAYOUT[sheet]
    schema = json_schema(document)
    return _node(schema, schema, skip)


def columns(node: Node, prefix: str, counts: Mapping[str, int], pattern: str = "") -> list[str]:
    """The columns of a node, with ``counts[pattern]`` numbered columns for each list of items.

    >>> [c for c in columns(sheet_node("agreements"), "", {"aims": 2}) if c.startswith("aims")]
    ['aims.1', 'aims.2']
    """
    if node.kind == "object":
        out = [prefix] if node.marker else []
        for name, sub, _ in node.fields:
            out += columns(sub, join(prefix, name), counts, join(pattern, name))
        return out
    if node.kind == "items":
        assert node.item is not None  # noqa: S101 -- every list of items has its item node
        out = []
        for index in range(1, counts.get(pattern, 0) + 1):
            out += columns(node.item, join(prefix, str(index)), counts, join(pattern, "#"))
        return out
    return [prefix]


def join(prefix: str, name: str) -> str:
    """A dotted name: ``join("period", "start") == "period.start"``.

    >>> join("", "name"), join("period", "start")
    ('name', 'period.start')
    """
    return f"{prefix}.{name}" if prefix else name


def pattern_of(column: str) -> str:
    """A column's pattern: its item numbers replaced by ``#``.

    >>> pattern_of("kpis.12.kind")
    'kpis.#.kind'
    """
    return ".".join("#" if _INDEX.fullmatch(part) else part for part in column.split("."))


@functools.lru_cache(maxsize=8192)
def column_node(sheet: str, column: str) -> tuple[Node, str] | None:
    """The node of one column and the model field it fills, or ``None`` for no such column.

    Item numbers are 1 to 999 in ASCII digits, so ``aims.²`` and ``aims.١`` are no columns.

    >>> node, field = column_node("groups", "decision_body.members.2.voting")
    >>> node.kind, field
    ('bool', 'Member.voting')
    >>> column_node("agreements", "aims.0") is None
    True
    """
    node: Node | None = sheet_node(sheet)
    field = ""
    for part in column.split("."):
        if node is None:
            return None
        if node.kind == "items" and _INDEX.fullmatch(part):
            node = node.item
        elif node.kind == "object":
            field = f"{node.model}.{part}"
            node = next((sub for name, sub, _ in node.fields if name == part), None)
        else:
            return None
    return None if node is None else (node, field)
