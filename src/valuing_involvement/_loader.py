"""The loader's fast path: a generated function a model class, reading it from JSON (private).

:mod:`~valuing_involvement.serialization` reads a model through cattrs' generated hooks: one
Python call a field to read its JSON value, then the class's validated ``__init__``, which
calls each field's converter and validators again -- about 600 Python calls an agreement.  The
function made here does the same reading in one body: it checks each JSON value inline (a
boolean is exactly ``bool``, a date is ``"YYYY-MM-DD"``, an enum's value is in its table), sets
the fields, and runs only the validators whose check it has not already made.

It never reports anything.  On the first value it would refuse it raises :class:`Unread`, and
the loader reads the object again through cattrs' detailed path, which builds the model through
its ``__init__`` and names every bad field by its path with the library's own message.  So a
document either loads here to the very model ``__init__`` would build, or is refused there,
exactly as before; ``tests/test_serialization.py`` checks both, value by value.

What it skips, and why that is no check lost (see ``_validators.CHECKS``):

- a type check (``instance_of(bool)``, ``members_of(Role)``, ``all_instances(Kpi)``) on a value
  it has just read as exactly that type;
- a converter that gives back, unchanged, the value it has read (an enum member from
  ``AsMember[...]``, a tuple from ``to_tuple``, an exact ``Decimal`` from ``to_amount``); a set
  of enum members is shared with every equal set, as the converter would share it;
- ``text``'s and ``is_date``'s type checks, keeping their other checks (not blank, in range)
  inline.

Every other validator -- bounds, checks across fields -- is called as ``__init__`` calls it,
after every field is set, and ``__attrs_post_init__`` runs last.  A class this cannot read
exactly (a custom ``__init__`` or ``__new__``, ``__attrs_pre_init__``, an aliased or cached
field, a default that needs the instance) gets no fast function.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import linecache
import types
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, Union, get_args

import attrs
from attr import _config
from attr._make import _frozen_setattrs  # how a frozen class refuses a change: tells one

from valuing_involvement._bounds import DATE_MAX, DATE_MIN, plain_text
from valuing_involvement._enums import (
    CONVERTERS,
    INTERNED,
    AsMember,
    AsMemberSet,
    AsOptionalMember,
    AsOptionalMemberSet,
    share,
)
from valuing_involvement._validators import (
    CHECKS,
    INNER,
    text_set,
    to_amount,
    to_optional_amount,
    to_tuple,
)

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = ["Unread", "fast_build_fn", "fast_structure_fn"]


class Unread(Exception):
    """Raised by a fast function on the first value it does not take; never reaches a caller."""


Fast = Callable[..., Any]
#: What a read value is known to be: ``("exact", T)`` (``type(value) is T``), ``("optional",
#: inner)`` (``None`` or as ``inner``), ``("set", E)`` (a shared frozenset of members of ``E``),
#: ``("collection", C, T)`` (a ``C`` of values of exact type ``T``), or ``("unknown",)``.
Known = tuple[Any, ...]
_UNKNOWN: Known = ("unknown",)
_MISSING = object()
#: attrs' ``Factory`` class (its type stubs present ``attrs.Factory`` as a function).
_FACTORY: Any = type(attrs.Factory(list))
_IMMUTABLE = (type(None), bool, int, str, decimal.Decimal, dt.date, enum.Enum, tuple, frozenset)


def _is_optional(cl: object) -> bool:
    args = get_args(cl)
    is_union = isinstance(cl, types.UnionType) or getattr(cl, "__origin__", None) is Union
    return is_union and len(args) == 2 and type(None) in args


def _satisfies(value: object, known: Known) -> bool:
    """Whether ``value`` is what ``known`` says (a default checked once, when generating)."""
    kind = known[0]
    if kind == "exact":
        return type(value) is known[1]
    if kind == "optional":
        return value is None or _satisfies(value, known[1])
    if kind == "set":
        return type(value) is frozenset and all(type(item) is known[1] for item in value)
    if kind == "collection":
        items: Iterable[object] = value  # type: ignore[assignment]
        return type(value) is known[1] and all(type(item) is known[2] for item in items)
    return False


def _keeps(converter: Callable[[Any], Any], known: Known) -> bool:
    """Whether ``converter`` gives back, unchanged, a value that is what ``known`` says."""
    made = CONVERTERS.get(converter)
    if made is not None:
        shape, kind = made
        inner = known[1] if known[0] == "optional" else None
        return (
            (shape is AsMember and known == ("exact", kind))
            or (shape is AsMemberSet and known == ("set", kind))
            or (shape is AsOptionalMember and inner == ("exact", kind))
            or (shape is AsOptionalMemberSet and inner == ("set", kind))
        )
    if converter is to_tuple:
        return known[0] == "collection" and known[1] is tuple
    if converter is text_set:
        return known == ("collection", frozenset, str)
    if converter is to_amount:
        return known == ("exact", decimal.Decimal)
    if converter is to_optional_amount:
        return known in (("exact", decimal.Decimal), ("optional", ("exact", decimal.Decimal)))
    return False


class _Generator:
    """Writes one class's fast function; ``names`` is the namespace the code runs in."""

    def __init__(
        self, converter: Converter, exact: Collection[type], made: dict[type, Fast | None]
    ) -> None:
        self.converter = converter
        self.exact = exact
        self.made = made
        self.names: dict[str, Any] = {
            "_U": Unread,
            "_M": _MISSING,
            "_plain": plain_text,
            "_fromiso": dt.date.fromisoformat,
            "_new": object.__new__,
            "_setattr": object.__setattr__,
            "_cfg": _config,
            "_dict": dict,
            "_list": list,
            "_str": str,
            "_bool": bool,
            "_int": int,
            "_frozenset": frozenset,
            "_INTERNED": INTERNED,
            "_share": share,
            "_DMIN": DATE_MIN,
            "_DMAX": DATE_MAX,
        }

    def name(self, value: object, hint: str) -> str:
        key = f"_{hint}{len(self.names)}"
        self.names[key] = value
        return key

    def read(  # noqa: C901, PLR0911 -- one case a kind of value
        self, cl: object, v: str, pad: str
    ) -> tuple[list[str], Known]:
        """Lines that check the JSON value in ``v`` and leave what ``cl`` holds in ``v``."""
        if cl is bool or cl is int:
            return [f"{pad}if type({v}) is not _{'bool' if cl is bool else 'int'}: raise _U"], (
                "exact",
                cl,
            )
        if cl is str:
            check = f"type({v}) is not _str or not ({v}.isascii() or _plain({v}))"
            return [f"{pad}if {check}: raise _U"], ("exact", str)
        if cl is dt.date:
            shape = f"type({v}) is not _str or len({v}) != 10 or {v}[4] != '-' or {v}[7] != '-'"
            return [f"{pad}if {shape}: raise _U", f"{pad}{v} = _fromiso({v})"], ("exact", dt.date)
        if isinstance(cl, type) and issubclass(cl, enum.Enum):
            table = self.name({member.value: member for member in cl}, "members")
            return [f"{pad}if type({v}) is not _str: raise _U", f"{pad}{v} = {table}[{v}]"], (
                "exact",
                cl,
            )
        if _is_optional(cl):
            inner_type = next(arg for arg in get_args(cl) if arg is not type(None))
            lines, inner = self.read(inner_type, v, pad + "    ")
            if inner == _UNKNOWN:
                return self._hook(cl, v, pad)
            return [f"{pad}if {v} is not None:", *lines], ("optional", inner)
        if isinstance(cl, type) and attrs.has(cl):
            fast = self.fast(cl)
            if fast is None:  # being generated (a cycle), or none: the class's hook
                return self._hook(cl, v, pad, ("exact", cl))
            return [f"{pad}{v} = {fast}({v})"], ("exact", cl)
        if cl in self.exact:
            return self._hook(cl, v, pad, ("exact", cl))
        origin = getattr(cl, "__origin__", None)
        args = get_args(cl)
        collection = origin in (frozenset, list) and len(args) == 1
        collection |= origin is tuple and len(args) == 2 and args[1] is Ellipsis
        if collection:
            return self._collection(cl, origin, args[0], v, pad)  # type: ignore[arg-type]
        return self._hook(cl, v, pad)

    def _collection(
        self, cl: object, container: type, element: object, v: str, pad: str
    ) -> tuple[list[str], Known]:
        head = f"{pad}if type({v}) is not _list: raise _U"
        if container is frozenset and isinstance(element, type) and issubclass(element, enum.Enum):
            table = {member.value: member for member in element}
            get = self.name(table.__getitem__, "member")
            made_set = f"{pad}_f = _frozenset(map({get}, {v})); _s = _INTERNED.get(_f)"
            return [head, made_set, f"{pad}{v} = _s if _s is not None else _share(_f)"], (
                "set",
                element,
            )
        made = self.name(container, "container")
        if element is str:
            check = "type(_e) is not _str or not (_e.isascii() or _plain(_e))"
            loop = [f"{pad}for _e in {v}:", f"{pad}    if {check}: raise _U"]
            return [head, *loop, f"{pad}{v} = {made}({v})"], ("collection", container, str)
        fast = self.fast(element) if isinstance(element, type) and attrs.has(element) else None
        if fast is not None:
            known = ("collection", container, element)
            return [head, f"{pad}{v} = {made}(map({fast}, {v}))"], known
        return self._hook(cl, v, pad)

    def fast(self, cl: type) -> str | None:
        """The name of ``cl``'s fast function in the namespace, or ``None`` if it has none."""
        fast = fast_structure_fn(cl, self.converter, exact=self.exact, made=self.made)
        return None if fast is None else self.name(fast, "read")

    def _hook(
        self, cl: object, v: str, pad: str, known: Known = _UNKNOWN
    ) -> tuple[list[str], Known]:
        hook = self.name(self.converter.get_structure_hook(cl), "hook")
        return [f"{pad}{v} = {hook}({v}, {self.name(cl, 'type')})"], known

    def checks(  # noqa: C901, PLR0911 -- one case a kind of check
        self, validator: object, known: Known, v: str, pad: str
    ) -> list[str] | None:
        """Inline lines for ``validator`` on a value ``known`` to be so; ``None`` to call it."""
        if validator in INNER:
            if known[0] == "optional":
                known, guard = known[1], [f"{pad}if {v} is not None:"]
                pad += "    "
            else:
                guard = []
            lines: list[str] = []
            for inner in INNER[validator]:
                more = self.checks(inner, known, v, pad)
                if more is None:
                    return None
                lines += more
            return guard + lines if lines else []
        kind, arg = CHECKS.get(validator, (None, None))  # type: ignore[call-overload]
        exact = known[1] if known[0] == "exact" else None
        if kind == "instance":
            held = {"set": frozenset, "collection": known[1] if len(known) > 2 else None}
            made: Any = exact if exact is not None else held.get(known[0])
            if made is None or not issubclass(made, arg):
                return None
            return None if made is bool and int in arg and bool not in arg else []
        if kind == "members":
            return [] if known == ("set", arg) else None
        if kind == "elements":
            ok = known[0] == "collection" and known[1] in (tuple, frozenset)
            return [] if ok and issubclass(known[2], arg) else None
        if kind == "text" and exact is str:
            return [f"{pad}if not {v}.strip(): raise _U"]
        if kind == "each_text" and known[0] == "collection" and known[2] is str:
            ok = known[1] in (tuple, frozenset)
            return [f"{pad}for _e in {v}:", f"{pad}    if not _e.strip(): raise _U"] if ok else None
        if kind == "date" and exact is dt.date:
            return [f"{pad}if not _DMIN <= {v} <= _DMAX: raise _U"]
        return None


def _flatten(validator: object) -> list[object]:
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)  # attrs' and_() of a list of validators
    if type(validator).__name__ == "_AndValidator" and inner is not None:
        return [v for one in inner for v in _flatten(one)]
    return [validator]


def _readable(cl: type) -> bool:  # noqa: PLR0911 -- one reason a return
    """Whether ``cl`` is built by its attrs ``__init__`` alone, as the fast function builds it."""
    init = getattr(cl, "__init__", None)
    code = getattr(init, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return False
    new: object = cl.__new__
    if new is not object.__new__ or hasattr(cl, "__attrs_pre_init__"):
        return False
    if "_attrs_cached_hash" in getattr(cl, "__slots__", ()):
        return False
    for field in attrs.fields(cl):
        if not field.init:
            if field.default is not attrs.NOTHING:
                return False
            continue
        if field.alias != field.name:
            return False
        if isinstance(field.default, _FACTORY) and field.default.takes_self:
            return False
        converter = field.converter
        if converter is not None and not callable(converter):
            return False
    return True


def fast_structure_fn(
    cl: type, converter: Converter, *, exact: Collection[type], made: dict[type, Fast | None]
) -> Fast | None:
    """The fast function reading ``cl`` from a JSON object, or ``None`` when it cannot have one.

    ``exact`` lists the types whose structure hook returns exactly that type (``Decimal``);
    ``made`` holds the functions made so far, one a class (``None`` for a class with none).
    """
    if cl in made:
        return made[cl]
    made[cl] = None  # while generating: a cycle reads the class through its hook
    if not _readable(cl):
        return None
    attrs.resolve_types(cl)
    gen = _Generator(converter, exact, made)
    fields = [(f"f{index}", field) for index, field in enumerate(attrs.fields(cl)) if field.init]
    body: list[str] = []
    calls: list[str] = []
    for v, field in fields:
        read, call = _field(gen, field, v)
        body += read
        calls += call
    gen.names["_cl"] = cl
    gen.names["_keys"] = frozenset(field.name for _, field in fields)
    source = "\n".join(
        [
            "def read(o, _=None):",
            "    if type(o) is not _dict or not _keys.issuperset(o): raise _U",
            *body,
            *_construct(gen, cl, fields, calls),
        ]
    )
    fast: Fast = define(source, f"fast read {cl.__module__}.{cl.__qualname__}", gen.names, "read")
    made[cl] = fast
    return fast


def _construct(
    gen: _Generator, cl: type, fields: list[tuple[str, attrs.Attribute[Any]]], calls: list[str]
) -> list[str]:
    """The generated lines that make the object from the values ``f0, f1, ...`` and return it.

    The fields are set through their slots, the validators in ``calls`` run afterwards (unless
    attrs' validators are switched off), then ``__attrs_post_init__``, as ``__init__`` does.
    """
    post = []
    if hasattr(cl, "__attrs_post_init__"):
        gen.names["_post"] = cl.__attrs_post_init__
        post = ["    _post(self)"]
    return [
        "    self = _new(_cl)",
        *(f"    {_setter(gen, cl, field.name, v)}" for v, field in fields),
        *(["    if _cfg._run_validators is True:", *calls] if calls else []),
        *post,
        "    return self",
        "",
    ]


def define(source: str, what: str, names: dict[str, Any], name: str) -> Callable[..., Any]:
    """Run generated ``source`` in ``names`` and return the function ``name`` it defines.

    ``what`` names the code in tracebacks, whose lines it shows (linecache holds the source).

    >>> define("def f(x): return x + 1", "example", {}, "f")(1)
    2
    """
    filename = f"<valuing_involvement {what}>"
    exec(compile(source, filename, "exec"), names)  # noqa: S102 -- code the library generated
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    function: Callable[..., Any] = names[name]
    return function


def _setter(gen: _Generator, cl: type, name: str, v: str) -> str:
    """The call that sets a field to ``v``: its slot's own setter, or ``object.__setattr__``.

    A slot's setter stores the value without looking the name up on the class each time, which
    is what ``object.__setattr__`` does before it calls the same setter.
    """
    for klass in cl.__mro__:
        if name in vars(klass):
            slot = vars(klass)[name]
            if type(slot) is types.MemberDescriptorType:
                return f"{gen.name(slot.__set__, 'set')}(self, {v})"
            break
    return f"_setattr(self, {name!r}, {v})"


def _field(gen: _Generator, field: attrs.Attribute[Any], v: str) -> tuple[list[str], list[str]]:
    """The lines that read one field into ``v`` and check it, and the validator calls left."""
    lines, known = gen.read(field.type, v, "        ")
    conv: Any = field.converter
    if conv is not None and not _keeps(conv, known):
        lines.append(f"        {v} = {gen.name(conv, 'convert')}({v})")
        known = _UNKNOWN
    if field.default is attrs.NOTHING:
        body = [f"    {v} = o[{field.name!r}]", *(line[4:] for line in lines)]
    else:
        sample, line = _default(gen, field, v)
        body = [f"    {v} = o.get({field.name!r}, _M)", f"    if {v} is _M:", line, "    else:"]
        body += lines
        if not _satisfies(sample, known):  # the default is not what a read value is known to be
            known = _UNKNOWN
    attribute = gen.name(field, "attribute")
    calls = []
    for validator in _flatten(field.validator):
        inline = gen.checks(validator, known, v, "    ")
        if inline is None:
            calls.append(f"        {gen.name(validator, 'validate')}(self, {attribute}, {v})")
        else:
            body += inline
    return body, calls


def _default(gen: _Generator, field: attrs.Attribute[Any], v: str) -> tuple[object, str]:
    """A field's default, converted as ``__init__`` converts it, and the line that sets it.

    A converted plain default that cannot change is converted once and shared.
    """
    default = field.default
    conv: Any = field.converter
    if isinstance(default, _FACTORY):
        made = f"{gen.name(default.factory, 'factory')}()"
        sample = default.factory()
    else:
        made, sample = gen.name(default, "default"), default
    if conv is not None:
        sample = conv(sample)
        if not isinstance(default, _FACTORY) and isinstance(sample, _IMMUTABLE):
            return sample, f"        {v} = {gen.name(sample, 'default')}"
        made = f"{gen.name(conv, 'convert')}({made})"
    return sample, f"        {v} = {made}"


def fast_build_fn(cl: type, *, trusted: Collection[str]) -> Fast | None:
    """A function building ``cl`` from keyword values, skipping what the caller guarantees.

    The function takes ``cl``'s fields by name, as ``__init__`` does.  A field named in
    ``trusted`` is set as given -- the caller guarantees the value is what the field's converter
    would give back and what its validators accept -- and a trusted field left out takes its
    default with no check (a default is valid by construction).  Every other field is converted
    and validated as ``__init__`` does it, its validators after every field is set.  Whatever
    it refuses raises as ``__init__`` would; the caller builds the object through ``__init__``
    then, for the library's own message.  ``None`` when ``cl`` cannot be built this way (see
    :func:`fast_structure_fn`).

    >>> from valuing_involvement.funding import FundingPeriod
    >>> build = fast_build_fn(FundingPeriod, trusted=("start",))
    >>> build(start=dt.date(2007, 4, 1), end=dt.date(2008, 3, 31)).months
    12
    """
    if not _readable(cl):
        return None
    attrs.resolve_types(cl)
    gen = _Generator(converter=None, exact=(), made={})  # type: ignore[arg-type]
    fields = [(f"f{index}", field) for index, field in enumerate(attrs.fields(cl)) if field.init]
    body: list[str] = []
    calls: list[str] = []
    for v, field in fields:
        sample, default = _default(gen, field, v) if field.default is not attrs.NOTHING else (0, "")
        body.append(f"    if {v} is _M:")
        if field.default is attrs.NOTHING:
            body.append(f"        raise TypeError({f'missing the argument {field.name!r}'!r})")
        elif isinstance(field.default, _FACTORY) and _shareable(sample):
            body.append(f"        {v} = {gen.name(sample, 'default')}")
        else:
            body.append(default)
        if field.name in trusted:
            continue
        conv: Any = field.converter
        if conv is not None:
            body += ["    else:", f"        {v} = {gen.name(conv, 'convert')}({v})"]
        attribute = gen.name(field, "attribute")
        calls += [
            f"        {gen.name(validator, 'validate')}(self, {attribute}, {v})"
            for validator in _flatten(field.validator)
        ]
    gen.names["_cl"] = cl
    arguments = ", ".join(f"{field.name}=_M" for _, field in fields)
    source = "\n".join(
        [
            f"def build(*, {arguments}):",
            *(f"    {v} = {field.name}" for v, field in fields),  # f0, f1, ... in the body
            *body,
            *_construct(gen, cl, fields, calls),
        ]
    )
    build: Fast = define(
        source, f"fast build {cl.__module__}.{cl.__qualname__}", gen.names, "build"
    )
    return build


def _shareable(value: object) -> bool:
    """Whether a default made by a factory can be one value shared by every object built.

    An immutable value, or a frozen attrs object whose fields all are: nothing can tell two
    equal ones apart but ``is``.
    """
    if isinstance(value, _IMMUTABLE):
        return not isinstance(value, tuple | frozenset) or not value
    kind: Any = type(value)
    if attrs.has(kind) and kind.__setattr__ is _frozen_setattrs:
        return all(_shareable(getattr(value, field.name)) for field in attrs.fields(kind))
    return False
