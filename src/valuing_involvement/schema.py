"""JSON Schema (draft 2020-12) for the library's documents, generated from the models.

The schema is built by walking the attrs classes and their type annotations, so it cannot drift
from what :func:`~valuing_involvement.from_json` accepts: required fields are those without a
default, unknown keys are refused, money is a decimal string (or a whole number), dates are
``YYYY-MM-DD``, enums list their values, sets and sequences are arrays.  Checks on values that
need the whole record (an end date before its start) are left to the loader.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import importlib
import types
from collections.abc import Iterator, Mapping
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from valuing_involvement._bounds import DATE_PATTERN, SCHEMAS
from valuing_involvement._validators import INNER, each_text, optional_text, text
from valuing_involvement.orgids import OrgId

__all__ = ["DOCUMENTS", "json_schema"]


class _Documents(Mapping[str, type]):
    """The document types by name, each imported when first looked up.

    The result types (``report``, ``assessment``) import the rule catalogue, so a module that
    needs only the models' schemas (the registers) must not pay for the rules.
    """

    def __init__(self, where: Mapping[str, tuple[str, str]]) -> None:
        self._where = dict(where)

    def __getitem__(self, name: str) -> type:
        module, attribute = self._where[name]
        found: type = getattr(importlib.import_module(module), attribute)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __repr__(self) -> str:
        return f"DOCUMENTS({', '.join(self._where)})"


#: The public document types, by the name the ``schema`` command takes (imported when looked up).
DOCUMENTS: Mapping[str, type] = _Documents(
    {
        "group": ("valuing_involvement.groups", "Group"),
        "agreement": ("valuing_involvement.contracts", "Contract"),
        "commissioner": ("valuing_involvement.commissioners", "Commissioner"),
        "portfolio": ("valuing_involvement.portfolio", "Portfolio"),
        "report": ("valuing_involvement.reports", "Report"),
        "assessment": ("valuing_involvement.assessment", "Assessment"),
        "classification": ("valuing_involvement.classification", "Classification"),
    }
)

_BASE = "https://valuing-involvement.example/schema/"
# The loader's one decimal grammar (``_bounds.parse_decimal``); fields with bounds say more.
_DECIMAL = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"
_NOT_BLANK = r"\S"
_HOMOGENEOUS = 2  # tuple[X, ...]
_PRIMITIVE = {str: "string", int: "integer", bool: "boolean"}
_LEAVES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    decimal.Decimal: {"anyOf": [{"type": "string", "pattern": _DECIMAL}, {"type": "integer"}]},
    dt.date: {"type": "string", "pattern": DATE_PATTERN, "format": "date"},
    OrgId: {"type": "string", "pattern": r"^(GB-[A-Z]+|360G)-\S+$"},
}


def _has_not_blank(validator: Any) -> bool:
    """Whether a field's validator refuses blank strings (or arrays holding one)."""
    return validator is text or validator is optional_text or validator is each_text


def _bounds(validator: Any) -> dict[str, Any] | None:
    """The schema a field's bounding validator gives (``_bounds.SCHEMAS``), if it has one.

    Looks inside attrs' list of validators and inside ``optional``.
    """
    if validator in SCHEMAS:
        return SCHEMAS[validator]
    for inner in (*getattr(validator, "_validators", ()), *INNER.get(validator, ())):
        found = _bounds(inner)
        if found is not None:
            return found
    return None


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(  # noqa: PLR0911 -- one per kind
        self, tp: Any, *, not_blank: bool = False, bound: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The schema of one annotation; ``bound`` replaces a number's leaf schema."""
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType):
            return self._union(args, not_blank=not_blank, bound=bound)
        if bound is not None and tp in (int, decimal.Decimal):
            return dict(bound)
        if origin in (frozenset, tuple, list) and args:
            if origin is tuple and not (len(args) == _HOMOGENEOUS and args[1] is Ellipsis):
                return {"type": "array", "prefixItems": [self.of(a) for a in args], "items": False}
            return {"type": "array", "items": self.of(args[0], not_blank=not_blank)}
        if origin is not None and args and getattr(origin, "__name__", "") in ("Mapping", "dict"):
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if tp is str and not_blank:
            return {"type": "string", "pattern": _NOT_BLANK}
        if tp in _LEAVES:
            return dict(_LEAVES[tp])
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if attrs.has(tp):
            return self.model(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - every model is covered

    def _union(
        self, args: tuple[Any, ...], *, not_blank: bool, bound: dict[str, Any] | None
    ) -> dict[str, Any]:
        options = [a for a in args if a is not type(None)]
        nullable = len(options) < len(args)
        if bound is not None and len(options) == 1:
            inner = self.of(options[0], bound=bound)
            return {"anyOf": [inner, {"type": "null"}]} if nullable else inner
        if all(o in _PRIMITIVE for o in options):
            names = [_PRIMITIVE[o] for o in options]
            return {"type": [*names, "null"] if nullable else names}
        if len(options) == 1:
            inner = self.of(options[0], not_blank=not_blank)
        else:
            inner = {"anyOf": [self.of(o) for o in options]}
        return {"anyOf": [inner, {"type": "null"}]} if nullable else inner

    def model(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: models may refer to themselves
            hints = get_type_hints(cls)
            properties, required = {}, []
            for field in attrs.fields(cls):
                if not field.init:
                    continue  # derived when the model is built, never read or written
                properties[field.name] = self.of(
                    hints[field.name],
                    not_blank=_has_not_blank(field.validator),
                    bound=_bounds(field.validator),
                )
                if field.default is attrs.NOTHING:
                    required.append(field.name)
            self.defs[name] = {
                "type": "object",
                "title": name,
                "description": (cls.__doc__ or "").strip().split("\n")[0],
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of one public document type (see :data:`DOCUMENTS`).

    >>> schema = json_schema("group")
    >>> schema["$schema"], schema["$ref"]
    ('https://json-schema.org/draft/2020-12/schema', '#/$defs/Group')
    >>> schema["$defs"]["Group"]["required"]
    ['name', 'constituency', 'decision_body', 'controls']
    """
    try:
        cls = DOCUMENTS[name]
    except KeyError:
        known = ", ".join(sorted(DOCUMENTS))
        raise ValueError(f"no document type {name!r}; known: {known}") from None
    builder = _Builder()
    root = builder.model(cls)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_BASE}{name}.json",
        "title": f"valuing-involvement {name}",
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }
