"""The writer's fast path: a generated function a model class, writing it as JSON (private).

:func:`~valuing_involvement.serialization.to_json` wrote a model by unstructuring it through
cattrs (one dict a model, one call a field) and then encoding the dicts: for an import of a
national file, a third of the time.  The function made here writes the same text straight
from the model's fields, in one body: ``null`` for ``None``, a string through the C encoder's
own string escaping, a nested model through its own function, an enum member from a table
made once, an empty collection as ``[]``.  Any other value -- a number, a non-empty set, a
type it was not written for -- is written as before: the field type's cattrs hook, then the
encoder.  So the text is the encoder's, byte for byte; ``tests/test_threesixty_import_speed.py``
compares the two on generated agreements.

A class gets no function when cattrs would not write it field by field (a hook registered for
the class itself, a field that is not initialised from its name); :func:`record_writer` then
gives the converter's path.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import json.encoder
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Union, get_args

import attrs

from valuing_involvement._loader import define
from valuing_involvement.orgids import OrgId

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = ["record_writer"]

Writer = Callable[[Any], str]

#: The encoder ``to_json`` uses, and its string escaping (the C one, as the encoder calls it).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_STRING: Callable[[str], str] = json.encoder.encode_basestring
#: The types whose cattrs hook gives a string (written through the string escaping).
_TO_TEXT_TYPES = (decimal.Decimal, dt.date, OrgId)


def _is_optional(cl: object) -> bool:
    args = get_args(cl)
    is_union = isinstance(cl, types.UnionType) or getattr(cl, "__origin__", None) is Union
    return is_union and len(args) == 2 and type(None) in args


class _Generator:
    """Writes one class's function; ``names`` is the namespace the code runs in."""

    def __init__(self, converter: Converter, made: dict[type, Writer | None]) -> None:
        self.converter = converter
        self.made = made
        self.names: dict[str, Any] = {
            "_str": str,
            "_int": int,
            "_enc": _STRING,
            "_E": _ENCODE,
            "_join": "".join,
        }
        self.names["_irepr"] = int.__repr__

    def name(self, value: object, hint: str) -> str:
        key = f"_{hint}{len(self.names)}"
        self.names[key] = value
        return key

    def fallback(self, cl: object, v: str) -> str:
        """As cattrs writes a value of type ``cl``: its hook, then the encoder."""
        hook = self.name(self.converter.get_unstructure_hook(cl), "hook")
        return f"_E({hook}({v}))"

    def expression(self, cl: object, v: str) -> str:  # noqa: PLR0911 -- one case a kind of type
        """An expression giving the JSON text of ``v``, a value of the field type ``cl``."""
        if _is_optional(cl):
            inner = next(arg for arg in get_args(cl) if arg is not type(None))
            return f"('null' if {v} is None else {self.expression(inner, v)})"
        if cl in (str, int, bool):
            # exact built-in values inline; anything else (a subclass, a bool) as cattrs does
            other = self.fallback(cl, v)
            exact = f"_enc({v}) if type({v}) is _str else _irepr({v}) if type({v}) is _int"
            return f"({exact} else {other})"
        if isinstance(cl, type) and issubclass(cl, enum.Enum):
            table = self.name({member: _ENCODE(member._value_) for member in cl}, "members")
            return f"({table}.get({v}) or {self.fallback(cl, v)})"
        if cl in _TO_TEXT_TYPES:
            hook = self.converter.get_unstructure_hook(cl)
            return f"_enc({self.name(hook, 'hook')}({v}))"
        if isinstance(cl, type) and attrs.has(cl):
            nested = record_writer(cl, self.converter, self.made)
            return f"{self.name(nested, 'write')}({v})"
        origin = getattr(cl, "__origin__", None)
        args = get_args(cl)
        if origin is tuple and args[1:] == (Ellipsis,) and args[0] is str:
            return f"('[' + ', '.join(map(_enc, {v})) + ']')"
        if origin in (tuple, frozenset, list):
            return f"('[]' if not {v} else {self.fallback(cl, v)})"
        return self.fallback(cl, v)


def _writable(cl: type, converter: Converter) -> bool:
    """Whether cattrs writes ``cl`` field by field under the field names, as the function does."""
    if getattr(converter, "omit_if_default", False):  # fields left out: not what is written
        return False
    hook = converter.get_unstructure_hook(cl)
    code = getattr(hook, "__code__", None)
    if code is None or not code.co_filename.startswith("<cattrs generated unstructure"):
        return False
    return all(field.init and field.alias == field.name for field in attrs.fields(cl))


def record_writer(
    cl: type, converter: Converter, made: dict[type, Writer | None] | None = None
) -> Writer:
    """The function writing a ``cl`` as ``json.dumps(converter.unstructure(value))`` writes it.

    ``made`` holds the functions made so far, one a class.  A value of a subclass, or a class
    that has no function, is written through the converter.
    """
    made = {} if made is None else made
    known = made.get(cl)
    if known is not None:
        return known

    def slow(value: object) -> str:
        return _ENCODE(converter.unstructure(value))

    if cl in made:  # being generated (a cycle): the converter, this once
        return slow
    if not _writable(cl, converter):  # no function: the converter, always
        made[cl] = slow
        return slow
    made[cl] = None
    attrs.resolve_types(cl)
    gen = _Generator(converter, made)
    fields = attrs.fields(cl)
    body = [f"    v{index} = o.{field.name}" for index, field in enumerate(fields)]
    parts = []
    for index, field in enumerate(fields):
        key = _STRING(field.name) + ": "
        parts.append(repr(("{" if index == 0 else ", ") + key))
        parts.append(gen.expression(field.type, f"v{index}"))
    gen.names["_cl"] = cl
    gen.names["_slow"] = slow
    joined = ", ".join([*parts, "'}'"] if parts else ["'{}'"])
    source = "\n".join(
        [
            "def write(o):",
            "    if type(o) is not _cl: return _slow(o)",
            *body,
            f"    return _join(({joined}))",
            "",
        ]
    )
    write: Writer = define(
        source, f"fast write {cl.__module__}.{cl.__qualname__}", gen.names, "write"
    )
    made[cl] = write
    return write
