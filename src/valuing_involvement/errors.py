"""The errors raised for bad input: one base, :class:`InvalidInput`, and the problems it carries.

Every way the library refuses input -- a JSON document that does not describe a model
(:class:`~valuing_involvement.InvalidDocument`), a policy that names unknown rules
(:class:`~valuing_involvement.InvalidPolicy`), a 360Giving package that cannot be read, a model
built with a bad field value (:class:`FieldValueError`) -- raises an :class:`InvalidInput`,
a :class:`ValueError` that lists *every* problem found, not only the first.

Each :class:`Problem` serves two readers.  A person reads its ``path`` (``$.contracts[3].group``)
and ``message``; a program reads its ``location`` (``("contracts", 3, "group")``) and ``code``,
one of the short, stable values of :data:`CODES`, and can put the message beside the field of
a form without parsing any text.

>>> from valuing_involvement import Group, from_json
>>> try:
...     from_json('{"name": "", "constituency": "users", "colour": 1}', Group)
... except InvalidInput as exc:
...     for problem in exc.problems:
...         print(problem.location, problem.code)
('constituency',) not-allowed
('decision_body',) missing
('controls',) missing
('colour',) unknown-field
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = ["CODES", "FieldValueError", "InvalidInput", "Location", "Problem"]

#: The closed set of problem codes, each with what it means.  Codes are never renamed or reused.
CODES: Mapping[str, str] = MappingProxyType(
    {
        "missing": "a field that must be given is absent",
        "unknown-field": "a key the format does not define (often a misspelt field name)",
        "wrong-type": "a value of the wrong kind, such as a string where a number belongs",
        "not-allowed": "a value, or a name used as a key, outside its fixed set of choices "
        "(an enum value, a rule code, a parameter name)",
        "out-of-range": "a number or amount outside its bounds, such as a negative amount",
        "invalid": "a value of the right kind that fails a check: a blank name, an impossible "
        "date, an end before its start, a malformed identifier",
        "syntax": "text that is not JSON, TOML or UTF-8 at all",
        "too-deep": "a document nested too deeply to read",
        "too-many": "problems past the first hundred, counted but not listed one by one",
    }
)

#: Where a problem is: the keys and list indices from the document's root, ``()`` for the root.
Location = tuple[str | int, ...]


def _location(value: Iterable[str | int]) -> Location:
    return tuple(value)


def _known_code(_instance: object, _attribute: object, value: str) -> None:
    if value not in CODES:
        msg = f"code must be one of {', '.join(CODES)}, got {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input: where it is, a stable code, and what is wrong.

    ``location`` holds the keys and list indices leading from the document's root to the bad
    value; ``path`` writes the same location for people, from the root ``$``.  The location
    is the one source: the path is derived from it, so the two always agree.

    >>> problem = Problem(location=("contracts", 3, "group"), code="missing",
    ...                   message="required field is missing")
    >>> problem.path
    '$.contracts[3].group'
    >>> Problem.at("$.period.end", "invalid", "must not be before the start").location
    ('period', 'end')
    """

    location: Location = attrs.field(converter=_location)
    code: str = attrs.field(validator=_known_code)
    message: str

    @property
    def path(self) -> str:
        """The location written from the root ``$``: ``.key`` for a key, ``[i]`` for an index."""
        return "$" + "".join(
            f"[{step}]" if type(step) is int else f".{step}" for step in self.location
        )

    @classmethod
    def at(cls, path: str, code: str, message: str) -> Problem:
        """Build a problem from a path such as ``$.grants[0].title`` (keys hold no ``.`` or ``[``).

        >>> Problem.at("$.grants[0].title", "missing", "required").location
        ('grants', 0, 'title')
        """
        location: list[str | int] = []
        for part in path.removeprefix("$").replace("[", ".[").split("."):
            if part.startswith("[") and part.endswith("]"):
                location.append(int(part[1:-1]))
            elif part:
                location.append(part)
        return cls(location=tuple(location), code=code, message=message)

    def within(self, *prefix: str | int) -> Problem:
        """The same problem, located below ``prefix``.

        >>> Problem(location=("end",), code="invalid", message="m").within("period").path
        '$.period.end'
        """
        return attrs.evolve(self, location=(*prefix, *self.location))


def _rebuild(
    cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]
) -> BaseException:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class InvalidInput(ValueError):
    """Input the library cannot accept, with every problem found in it.

    Named for what it is about -- input from outside, whatever its form -- rather than
    ``ValidationError``, which attrs, cattrs and pydantic already use for their own errors.  It
    is a :class:`ValueError`, so code that caught ``ValueError`` before still catches it.

    ``problems`` holds :class:`Problem` values; ``errors`` gives the same as ``(path, message)``
    pairs, as the library's errors have always offered (and such pairs are accepted in place of
    problems, read as ``invalid``).  ``target`` names what was being read.

    >>> error = InvalidInput([Problem(location=("end",), code="invalid", message="too early")])
    >>> error.errors
    (('$.end', 'too early'),)
    >>> print(error)
    invalid input:
      $.end: too early
    """

    def __init__(
        self, problems: Iterable[Problem | tuple[str, str]], *, target: str = "input"
    ) -> None:
        # A (path, message) pair, as these errors took before problems had codes, is "invalid".
        self.problems = tuple(
            p if isinstance(p, Problem) else Problem.at(p[0], "invalid", p[1]) for p in problems
        )
        self.target = target
        super().__init__(self._describe())

    def _describe(self) -> str:
        lines = "\n".join(f"  {p.path}: {p.message}" for p in self.problems)
        return f"invalid {self.target}:\n{lines}"

    @property
    def errors(self) -> tuple[tuple[str, str], ...]:
        """Every problem as a ``(path, message)`` pair."""
        return tuple((problem.path, problem.message) for problem in self.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle from ``args`` and attributes: subclasses' ``__init__`` take other arguments."""
        return _rebuild, (type(self), self.args, dict(self.__dict__))


class FieldValueError(InvalidInput):
    """A bad value given to one field of a model; raised when the model is built.

    Its one problem is located at the field's name.  ``field``, ``message`` and ``model`` (the
    class being built, when known) stay as attributes, and ``str()`` is one line:
    ``Model.field: message``.  A value of the wrong kind raises the same error as a
    :class:`TypeError` too, so code catching either still catches it.

    >>> from valuing_involvement import Host
    >>> try:
    ...     Host(name=" ")
    ... except FieldValueError as exc:
    ...     print(exc, "|", exc.problems[0].path, exc.problems[0].code)
    Host.name: must not be blank | $.name invalid
    >>> try:
    ...     Host(name=3)
    ... except TypeError as exc:
    ...     print(exc)
    Host.name: expected a string, got 3 (an int)
    """

    def __init__(
        self, field: str, message: str, *, code: str = "invalid", model: str | None = None
    ) -> None:
        self.field = field
        self.message = message
        self.model = model
        super().__init__([Problem(location=(field,), code=code, message=message)], target=field)

    def _describe(self) -> str:
        where = self.field if self.model is None else f"{self.model}.{self.field}"
        return f"{where}: {self.message}"


class _FieldTypeError(FieldValueError, TypeError):
    """A :class:`FieldValueError` for a value of the wrong kind; also a :class:`TypeError`.

    attrs' own type checks raise ``TypeError``, and code written against them catches that.
    """


#: The codes of a value of the wrong kind: raised as a :class:`TypeError` too.
_TYPE_CODES = frozenset({"wrong-type", "not-allowed"})


def field_error(
    instance: object, field: str, message: str, *, code: str = "invalid"
) -> FieldValueError:
    """The error for a bad value of ``field`` while ``instance``'s class is being built.

    A value of the wrong kind (codes ``wrong-type`` and ``not-allowed``: a number where text
    belongs, a string that is none of an enum's values) gives an error that is also a
    :class:`TypeError`, as attrs' own type checks raise.

    >>> error = field_error(Problem.at("$", "missing", "m"), "code", "expected text",
    ...                     code="wrong-type")
    >>> str(error), isinstance(error, TypeError)
    ('Problem.code: expected text', True)
    """
    kind = _FieldTypeError if code in _TYPE_CODES else FieldValueError
    return kind(field, message, code=code, model=type(instance).__name__)
