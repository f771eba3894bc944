"""JSON in and out for every model, through one strict converter of the library's own.

The converter forbids unknown keys and never coerces: a string where a number belongs, a number
where a string belongs or ``1.9`` where an integer belongs is an error, not a guess.  Money is a
:class:`~decimal.Decimal`, read from a plain decimal string (``"1250.50"``) or a whole number
(``1250``) and written as a plain decimal string; a JSON number with a fraction or an exponent
(``1250.5``, ``1e3``) is refused, as JSON readers take it as a binary float that cannot hold
every amount of pence.  Dates are ISO 8601 (``YYYY-MM-DD``), enums are their lowercase values
and sets are written as sorted lists, so the same model always gives the same bytes.

Errors are collected, not stopped at the first: :class:`InvalidDocument` lists every bad field
by its path (``$.decision_body.members[2].roles[0]``) with what was expected there.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import itertools
import json
import math
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args

import attrs
from cattrs import ClassValidationError, Converter, ForbiddenExtraKeysError, IterableValidationError
from cattrs.errors import AttributeValidationNote, IterableValidationNote
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import JsonConverter, make_converter

from valuing_involvement._bounds import parse_decimal, plain_text, shown
from valuing_involvement._loader import fast_structure_fn
from valuing_involvement._writer import Writer, record_writer
from valuing_involvement.errors import FieldValueError, InvalidInput, Location, Problem
from valuing_involvement.orgids import OrgId

if TYPE_CHECKING:
    from cattrs.dispatch import StructureHook, UnstructureHook

__all__ = ["InvalidDocument", "from_data", "from_json", "parse_json", "to_data", "to_json"]

T = TypeVar("T")


class InvalidDocument(InvalidInput):
    """A JSON document that does not describe the model asked for.

    ``problems`` lists every problem found (see :class:`~valuing_involvement.errors.Problem`:
    path, location, code, message); ``errors`` gives them as ``(path, message)`` pairs, paths
    written from the document's root ``$``; ``str()`` gives one problem per line.

    >>> from valuing_involvement import Group
    >>> try:
    ...     from_json('{"name": "", "constituency": "users"}', Group)
    ... except InvalidDocument as exc:
    ...     print(exc)
    invalid Group document:
      $.constituency: expected one of 'service_users', 'carers', 'service_users_and_carers', got 'users'
      $.decision_body: required field is missing
      $.controls: required field is missing
    """  # noqa: E501

    def __init__(
        self, problems: Iterable[Problem | tuple[str, str]], *, target: str = "document"
    ) -> None:
        super().__init__(problems, target=target)

    def _describe(self) -> str:
        lines = "\n".join(f"  {p.path}: {p.message}" for p in self.problems)
        return f"invalid {self.target} document:\n{lines}"


# -- strict leaf hooks --------------------------------------------------------------------------

_JSON_NAMES: dict[type, str] = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def _describe(value: object) -> str:
    return _JSON_NAMES.get(type(value), type(value).__name__)


class _WrongType(TypeError):
    def __init__(self, expected: str, value: object, got: str | None = None) -> None:
        super().__init__(f"expected {expected}, got {got or _describe(value)}")


class _NotAllowed(ValueError):
    """A value of the right type outside its fixed set of choices (an enum's values)."""


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _WrongType("a string", value)
    if not value.isascii() and not plain_text(value):
        raise ValueError("expected text, got a lone surrogate (text that is not Unicode)")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _WrongType("a boolean (true or false)", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _WrongType("an integer", value)
    return value


_AMOUNT = 'an amount as a decimal string such as "1250.50" or a whole number such as 1250'


def _structure_decimal(value: object, _: type) -> decimal.Decimal:
    """Read an amount: a whole number, or a string in the one decimal grammar (``_bounds``).

    The field's validator then applies its bounds: money takes at most two decimal places.
    """
    if type(value) is str:
        try:
            return parse_decimal(value)
        except ValueError:
            plain = "digits and an optional fraction: no exponent, spaces or plus sign"
            msg = f"expected {_AMOUNT} ({plain}), got {shown(value)}"
            raise ValueError(msg) from None
    if type(value) is int:
        return decimal.Decimal(value)
    if type(value) is float:
        # json.loads reads 1e3 and 1250.5 as floats: refused, with what to write instead.
        got = "a number with a fraction or an exponent"
        if value.is_integer():
            got += f"; write {int(value)}"
        elif math.isfinite(value):
            got += f'; write "{value!r}"'
        raise _WrongType(_AMOUNT, value, got)
    raise _WrongType(_AMOUNT, value)


def _write_decimal(value: decimal.Decimal) -> str:
    """Write an amount as a plain decimal string, never with an exponent (``1E+3``).

    ``Decimal("1E+3")`` may be built in Python; the loader reads only plain strings.

    >>> _write_decimal(decimal.Decimal("1E+3")), _write_decimal(decimal.Decimal("12.50"))
    ('1000', '12.50')
    """
    text = decimal.Decimal.__str__(value)  # a subclass's own __str__ may format it for people
    return decimal.Decimal.__format__(value, "f") if "E" in text else text


def _structure_date(value: object, _: type) -> dt.date:
    if type(value) is not str:
        raise _WrongType('a date as "YYYY-MM-DD"', value)
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError(f'expected a date as "YYYY-MM-DD", got {shown(value)}')
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a real calendar date, got {shown(value)}") from None


def _structure_org_id(value: object, _: type) -> OrgId:
    if type(value) is not str:
        raise _WrongType('an organisation identifier such as "GB-CHC-1094112"', value)
    try:
        return OrgId.parse(value)
    except FieldValueError as exc:
        raise ValueError(exc.message) from None


def _enum_hook(cl: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    table = {member.value: member for member in cl}
    expected = "one of " + ", ".join(repr(v) for v in table)

    def structure(value: object, _: type) -> enum.Enum:
        if type(value) is not str:
            raise _WrongType(expected, value)
        try:
            return table[value]
        except KeyError:
            raise _NotAllowed(f"expected {expected}, got {shown(value)}") from None

    return structure


# -- containers and classes ---------------------------------------------------------------------


def _collection_hook(cl: Any, converter: Converter) -> StructureHook:
    """Structure a JSON array (and only an array) into a frozenset or a homogeneous tuple.

    The fast path structures every element directly; only when one fails does cattrs' detailed
    list hook run again over the array, to name each bad element by its index.
    """
    container: Callable[[list[Any]], Any] = cl.__origin__
    element = get_args(cl)[0]
    list_type = types.GenericAlias(list, (element,))
    if _is_enum(element):
        table = {member.value: member for member in element}

        def structure_enums(value: object, _: type) -> Any:
            if type(value) is not list:
                raise _WrongType("an array", value)
            try:
                return container([table[item] for item in value])
            except (KeyError, TypeError):
                return container(_each(enum_hook, element, value, list_type))

        enum_hook = converter.get_structure_hook(element)
        return structure_enums
    hook = converter.get_structure_hook(element)

    def structure(value: object, _: type) -> Any:
        if type(value) is not list:
            raise _WrongType("an array", value)
        try:
            return container([hook(item, element) for item in value])
        except Exception:  # noqa: BLE001 -- redone below, where every error gets its index
            return container(_each(hook, element, value, list_type))

    return structure


#: The most problems an array, and a whole document, reports; the rest are counted.
MAX_PROBLEMS = 100


#: The most bad elements past :data:`MAX_PROBLEMS`, in one whole document, whose problems are
#: counted one by one (about 50 µs each); each bad element past these counts as one problem, and
#: the count then says "at least".
MAX_COUNTED = 1000


class _More(Exception):
    """Stands for the problems of an array past :data:`MAX_PROBLEMS`, which are only counted."""

    def __init__(self, count: int, *, exact: bool) -> None:
        super().__init__(count)
        self.count = count
        self.exact = exact


def _each(hook: StructureHook, element: Any, value: list[Any], list_type: Any) -> list[Any]:
    """Structure every element, keeping the first errors by index and counting the others.

    cattrs' own detailed list hook keeps every error with its traceback, which for a large
    array of bad elements costs time and memory far beyond the array's size.  Past
    :data:`MAX_PROBLEMS` bad elements, the rest are only counted, through the lean hook: the
    problems of the first :data:`MAX_COUNTED` of them one by one, then one a bad element.  The
    error is remembered for the rest of the call (see :data:`_FAILED`): the detailed hooks of
    the classes around the array run it again, and must not walk it again.
    """
    failed = getattr(_FAILED, "arrays", None)
    key = (id(value), element)
    if failed is not None and key in failed:
        raise failed[key]
    out: list[Any] = []
    errors: list[Exception] = []
    more = 0
    exact = True
    quick = _LEAN.get(element, hook)
    for index, item in enumerate(value):
        try:
            if errors and len(errors) >= MAX_PROBLEMS:
                quick(item, element)
            else:
                out.append(hook(item, element))
        except Exception as exc:  # noqa: BLE001 -- each becomes a problem at its index
            if len(errors) < MAX_PROBLEMS:
                exc = exc.with_traceback(None)
                exc.add_note(IterableValidationNote(f"@ index {index}", index, element))
                errors.append(exc)
            elif getattr(_FAILED, "budget", 0) > 0:
                _FAILED.budget -= 1
                counted, exactly = _count(hook, item, element)
                more += counted
                exact = exact and exactly
            else:
                more += 1
                exact = False
    if not errors:
        return out
    if more:
        errors.append(_More(more, exact=exact))
    error = IterableValidationError(f"While structuring {list_type!r}", errors, list_type)
    if failed is not None:
        failed[key] = error
    raise error


def _count(hook: StructureHook, item: Any, element: Any) -> tuple[int, bool]:
    """How many problems one bad element has, and whether that count is exact; none kept."""
    try:
        hook(item, element)
    except Exception as exc:  # noqa: BLE001 -- only counted
        left_out = [0, 0]
        counted = sum(1 for _ in _errors(exc, (), left_out)) + left_out[0]
        return max(counted, 1), not left_out[1]
    return 1, True


#: Per thread, while :func:`from_data` runs: the arrays found bad so far, by ``id`` (each array
#: stays alive for the whole call, so its ``id`` cannot be reused), and their errors.
_FAILED = threading.local()
#: The lean structure hook of each model class, for counting bad elements past the limit.
_LEAN: dict[Any, StructureHook] = {}


#: The fast functions of the library's converter (see ``_loader``), one a model class.
_FAST: dict[type, Any] = {}
#: The types whose structure hook returns exactly that type.
_EXACT = frozenset({decimal.Decimal, OrgId})


def _class_hook(cl: type, converter: Converter, *, fast: bool = True) -> StructureHook:
    """Structure a JSON object (and only an object) into an attrs class.

    A fast function (``_loader``) runs first; only when it refuses the object does cattrs'
    detailed hook read it again, through the class's ``__init__``, collecting every error with
    the attribute it belongs to.  Without ``fast`` (for the tests' comparison) cattrs' lean
    hook runs first instead.
    """
    detailed: StructureHook = make_dict_structure_fn(
        cl, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    quick = fast_structure_fn(cl, converter, exact=_EXACT, made=_FAST) if fast else None
    if quick is None:
        lean: StructureHook = make_dict_structure_fn(
            cl, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
        )
        quick = lean
    if fast:
        _LEAN[cl] = quick

    def structure(value: object, _: type) -> Any:
        if type(value) is not dict:
            raise _WrongType("an object", value)
        try:
            return quick(value, cl)
        except Exception:  # noqa: BLE001 -- redone below, where every error gets its path
            return detailed(value, cl)

    return structure


def _optional_structure_hook(cl: Any, converter: Converter) -> StructureHook:
    """Read ``X | None``: null as ``None``, anything else through X's hook, found once."""
    inner_type = next(arg for arg in get_args(cl) if arg is not type(None))
    inner = converter.get_structure_hook(inner_type)

    def structure(value: object, _: type) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure


def _sorted_hook(cl: Any, converter: Converter) -> UnstructureHook:
    """Write a frozenset as a sorted list, so output never depends on hash order."""
    element_type = get_args(cl)[0]
    element = converter.get_unstructure_hook(element_type)
    if element is identity:  # strings: written as they are
        return sorted
    if not _is_enum(element_type):
        return lambda values: sorted(element(v) for v in values)
    # Enum sets are few and shared (see _validators.enum_set): sort each one once.
    written: dict[frozenset[Any], tuple[Any, ...]] = {}

    def unstructure(values: frozenset[Any]) -> list[Any]:
        try:
            return list(written[values])
        except KeyError:
            ordered = tuple(sorted(member._value_ for member in values))
            if len(written) < _MAX_WRITTEN:  # bounded: never a leak
                written[values] = ordered
            return list(ordered)

    return unstructure


_MAX_WRITTEN = 4096


def _optional_hook(cl: Any, converter: Converter) -> UnstructureHook:
    """Write ``X | None``: ``None`` as null, anything else as X is written.

    Primitives pass through untouched (cattrs then inlines the field); other types call X's hook
    directly instead of dispatching on each value's class.
    """
    inner_type = next(arg for arg in get_args(cl) if arg is not type(None))
    if inner_type in (str, int, bool):
        return identity
    inner = converter.get_unstructure_hook(inner_type)
    return lambda value: None if value is None else inner(value)


def _tuple_hook(cl: Any, converter: Converter) -> UnstructureHook:
    """Write a homogeneous tuple as a list, element by element."""
    inner = converter.get_unstructure_hook(get_args(cl)[0])
    if inner is identity:
        return list
    return lambda values: [inner(value) for value in values]


def _is_optional(cl: Any) -> bool:
    args = get_args(cl)
    is_union = isinstance(cl, types.UnionType) or getattr(cl, "__origin__", None) is Union
    return is_union and len(args) == _PAIR and type(None) in args


_PAIR = 2


def _is_tuple_of(cl: Any) -> bool:
    args = get_args(cl)
    return getattr(cl, "__origin__", None) is tuple and len(args) == _PAIR and args[1] is Ellipsis


def _is_frozenset(cl: Any) -> bool:
    return getattr(cl, "__origin__", None) is frozenset


def _is_list_of(cl: Any) -> bool:
    return getattr(cl, "__origin__", None) is list and len(get_args(cl)) == 1


def _is_collection(cl: Any) -> bool:
    return _is_frozenset(cl) or _is_tuple_of(cl) or _is_list_of(cl)


def _is_enum(cl: Any) -> bool:
    return isinstance(cl, type) and issubclass(cl, enum.Enum)


def _make_converter(*, fast: bool = True) -> JsonConverter:
    converter = make_converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(decimal.Decimal, _structure_decimal)
    converter.register_unstructure_hook(decimal.Decimal, _write_decimal)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(OrgId, _structure_org_id)
    converter.register_unstructure_hook(OrgId, str)
    converter.register_structure_hook_factory(_is_enum, _enum_hook)
    converter.register_unstructure_hook_factory(_is_enum, lambda _: _enum_value)
    converter.register_structure_hook_factory(_is_collection, _collection_hook)
    converter.register_unstructure_hook_factory(_is_frozenset, _sorted_hook)
    converter.register_unstructure_hook_factory(_is_optional, _optional_hook)
    converter.register_structure_hook_factory(_is_optional, _optional_structure_hook)
    converter.register_unstructure_hook_factory(_is_tuple_of, _tuple_hook)
    converter.register_structure_hook_factory(attrs.has, functools.partial(_class_hook, fast=fast))
    return converter


def _enum_value(member: enum.Enum) -> Any:
    return member._value_  # the plain attribute: ``.value`` is a slower descriptor


_CONVERTER = _make_converter()


# -- error paths --------------------------------------------------------------------------------


def _errors(  # noqa: C901 -- one branch per kind of error
    exc: BaseException, location: Location, left_out: list[int]
) -> Iterator[Problem]:
    """Every problem in ``exc`` with its location.

    ``left_out`` is ``[count, inexact]``: the problems only counted, and 1 when some bad
    elements were counted as one problem each (so the count is a lower bound).
    """
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            note = _note(sub, AttributeValidationNote)
            if note is not None:
                yield from _errors(sub, (*location, note.name), left_out)
            elif isinstance(sub, ForbiddenExtraKeysError):
                for key in sorted(sub.extra_fields):
                    yield Problem(
                        location=(*location, key), code="unknown-field", message="unknown field"
                    )
            elif isinstance(sub, FieldValueError):
                yield from (problem.within(*location) for problem in sub.problems)
            else:
                yield from _errors(sub, location, left_out)
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            index = _note(sub, IterableValidationNote)
            where = (*location, index.index) if index is not None else location
            yield from _errors(sub, where, left_out)
    elif isinstance(exc, KeyError):
        yield Problem(location=location, code="missing", message="required field is missing")
    elif isinstance(exc, _More):
        left_out[0] += exc.count
        left_out[1] |= not exc.exact
    else:
        yield from _leaf(exc, location)


def _leaf(exc: BaseException, location: Location) -> Iterator[Problem]:
    if isinstance(exc, InvalidInput) and not isinstance(exc, FieldValueError):
        # A model's own check across its fields (a portfolio that contradicts itself) has paths.
        yield from (problem.within(*location) for problem in exc.problems)
    else:
        yield Problem(location=location, code=_code(exc), message=_message(exc))


def _code(exc: BaseException) -> str:
    """The problem code of an error raised while reading one value."""
    if isinstance(exc, InvalidInput) and len(exc.problems) == 1:  # a model's FieldValueError
        return exc.problems[0].code
    if isinstance(exc, TypeError):  # the strict hooks' _WrongType, attrs' instance_of
        return "wrong-type"
    if isinstance(exc, _NotAllowed):
        return "not-allowed"
    if isinstance(exc, RecursionError):
        return "too-deep"
    return "invalid"


def _note(exc: BaseException, kind: type[T]) -> T | None:
    for note in getattr(exc, "__notes__", ()):
        if type(note) is kind:
            return note
    return None


def _message(exc: BaseException) -> str:
    # attrs validators put the message first and the attribute second; show only the message.
    if exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc) or type(exc).__name__


# -- public functions ---------------------------------------------------------------------------


def _name(cls: object) -> str:
    args = get_args(cls)
    if getattr(cls, "__origin__", None) is list and args:
        return f"list of {_name(args[0])}"
    return getattr(cls, "__name__", str(cls))


def to_data(obj: object) -> Any:
    """Turn a model (or a list of models) into plain JSON-ready Python data.

    >>> from valuing_involvement import Host
    >>> to_data(Host(name="Borough Mind"))
    {'name': 'Borough Mind', 'kind': None, 'takes': None}
    """
    return _CONVERTER.unstructure(obj)


def from_data(data: object, cls: type[T]) -> T:
    """Build a model of type ``cls`` from plain Python data such as :func:`json.loads` returns.

    ``cls`` may be a model class or a ``list[...]`` of one.  Raises :class:`InvalidDocument`
    naming every bad field.

    >>> from valuing_involvement import Host
    >>> from_data({"name": "Borough Mind", "kind": "voluntary_agency"}, Host).name
    'Borough Mind'
    """
    return _read(data, cls, _CONVERTER)


def _read(data: object, cls: type[T], converter: Converter) -> T:
    """:func:`from_data` through ``converter`` (the tests compare the fast path with cattrs')."""
    target = _name(cls)
    outer = getattr(_FAILED, "arrays", None)
    outer_budget = getattr(_FAILED, "budget", 0)
    _FAILED.arrays = {}
    _FAILED.budget = MAX_COUNTED
    try:
        return converter.structure(data, cls)
    except RecursionError:
        raise InvalidDocument([_whole("too-deep", "nested too deeply")], target=target) from None
    except Exception as exc:  # noqa: BLE001 -- every failure becomes one InvalidDocument
        raise InvalidDocument(_bounded(exc), target=target) from None
    finally:
        _FAILED.arrays = outer
        _FAILED.budget = outer_budget


def _bounded(exc: BaseException) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems, then one that counts the rest."""
    left_out = [0, 0]
    problems = _errors(exc, (), left_out)
    kept = list(itertools.islice(problems, MAX_PROBLEMS))
    more = sum(1 for _ in problems) + left_out[0]
    if more:
        at_least = "at least " if left_out[1] else ""
        message = f"and {at_least}{more:,} more problems, not listed"
        kept.append(Problem(location=(), code="too-many", message=message))
    return kept


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Write a model (or a list of models) as JSON text; :func:`from_json` reads it back equal.

    A list is written one record at a time (without ``indent``): each record's plain dicts are
    encoded and freed before the next is built, so the cyclic collector, which the library
    leaves running, never walks a whole document's worth of them (its passes were most of the
    time the write took beyond the encoding).  The text is the same either way.

    >>> from valuing_involvement import Host
    >>> to_json(Host(name="Borough Mind"))
    '{"name": "Borough Mind", "kind": null, "takes": null}'
    >>> to_json([Host(name="A")])
    '[{"name": "A", "kind": null, "takes": null}]'
    """
    if indent is None and isinstance(obj, (list, tuple)) and type(obj) in (list, tuple):
        return "[" + ", ".join([_compact(item) for item in obj]) + "]"
    if indent is None:
        return _compact(obj)
    return json.dumps(_CONVERTER.unstructure(obj), ensure_ascii=False, indent=indent)


#: The encoder ``json.dumps(..., ensure_ascii=False)`` uses, made once.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
#: A model class's generated writer (``_writer``): the text ``_ENCODE(unstructure(obj))`` gives.
_WRITERS: dict[type, Writer | None] = {}


def _compact(obj: object) -> str:
    """``obj`` as compact JSON: a model by its class's writer, anything else by the encoder."""
    cl = type(obj)
    write = _WRITERS.get(cl)
    if write is None:
        if not attrs.has(cl):
            return _ENCODE(_CONVERTER.unstructure(obj))
        write = record_writer(cl, _CONVERTER, _WRITERS)
    return write(obj)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_json(text: str | bytes, *, target: str = "document") -> Any:
    """Parse JSON text (``str`` or UTF-8 ``bytes``, a leading BOM allowed) into plain data.

    Unlike :func:`json.loads` it refuses ``NaN`` and ``Infinity`` and raises only
    :class:`InvalidDocument`, whatever the text.

    >>> parse_json(b'{"a": [1, 2]}')
    {'a': [1, 2]}
    """
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        problem = _whole("syntax", f"not UTF-8 text: {exc.reason}")
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        problem = _whole("syntax", f"not valid JSON: {exc.msg} at {where}")
    except RecursionError:
        problem = _whole("too-deep", "not valid JSON: nested too deeply")
    except ValueError as exc:
        problem = _whole("syntax", f"not valid JSON: {exc}")
    raise InvalidDocument([problem], target=target)


def _whole(code: str, message: str) -> Problem:
    """A problem with the whole document, at its root ``$``."""
    return Problem(location=(), code=code, message=message)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read a model of type ``cls`` from JSON text (``str`` or UTF-8 ``bytes``).

    Raises :class:`InvalidDocument` for text that is not JSON and for JSON that does not
    describe ``cls``, listing every bad field by path.

    >>> from valuing_involvement import Host
    >>> from_json(b'{"name": "Borough Mind", "kind": "nhs_trust"}', Host).kind.value
    'nhs_trust'
    """
    return from_data(parse_json(text, target=_name(cls)), cls)
