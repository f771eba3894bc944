"""Policies: which rules run, at what severity, with which thresholds (:class:`Policy`).

A policy is a value: frozen, hashable by identity of what it says, picklable (so a process pool
can take it, see docs/scaling.md), read from TOML with bounds checked before parsing.
:meth:`Policy.resolve` applies it to a rule registry for the checker.
"""

from __future__ import annotations

import decimal
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from valuing_involvement._bounds import shown
from valuing_involvement._frozen import FrozenDict
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.rules import (
    RULES,
    Context,
    GrantContext,
    ParameterValue,
    PortfolioContext,
    Registry,
    Rule,
    Severity,
    Subject,
)

__all__ = [
    "POLICY_MAX_BYTES",
    "POLICY_MAX_DEPTH",
    "POLICY_MAX_KEYS",
    "InvalidPolicy",
    "Policy",
    "ResolvedPolicy",
]

#: The largest policy file :meth:`Policy.load` reads (a policy is a few lines).
POLICY_MAX_BYTES = 1 << 20


class InvalidPolicy(InvalidInput):
    """A policy that names unknown rules or parameters, or gives them values of the wrong kind.

    ``problems`` locates each one (``("severity", "VI999")``) with a code; ``errors`` lists
    them as ``(where, message)`` pairs, ``where`` written as a path such as ``$.severity.VI999``.

    >>> try:
    ...     Policy.from_data({"severity": {"VI999": "error"}})
    ... except InvalidPolicy as exc:
    ...     print(exc.errors, exc.problems[0].code)
    (('$.severity.VI999', 'no rule has this code'),) not-allowed
    """

    def __init__(
        self, problems: Iterable[Problem | tuple[str, str]], *, target: str = "policy"
    ) -> None:
        super().__init__(problems, target=target)


def _codes(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    return tuple(values)


# Read-only mappings keep a frozen Policy frozen (the resolved form is cached by policy), and
# pickle, unlike a mappingproxy: a process pool sends the policy to its workers.
def _severity_map(values: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    return FrozenDict({code: Severity(level) for code, level in dict(values).items()})


def _parameter_map(values: Mapping[str, ParameterValue]) -> Mapping[str, ParameterValue]:
    return FrozenDict(dict(values))


@attrs.frozen(kw_only=True)
class Policy:
    """A local policy: which rules run, at what severity, with which thresholds.

    ``select`` and ``ignore`` take codes or prefixes (``"VI3"``) as ruff does; the longest
    matching prefix decides.  ``severity`` overrides a rule's default; ``parameters`` overrides
    a threshold by name.

    >>> policy = Policy.from_toml('''
    ... ignore = ["VI302"]
    ... [severity]
    ... VI301 = "error"
    ... [parameters]
    ... min-funding-months = 24
    ... ''')
    >>> policy.ignore, policy.severity["VI301"].value, policy.parameters["min-funding-months"]
    (('VI302',), 'error', 24)
    """

    select: tuple[str, ...] = attrs.field(default=("VI",), converter=_codes)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    severity: Mapping[str, Severity] = attrs.field(
        factory=dict, converter=_severity_map, hash=False
    )
    parameters: Mapping[str, ParameterValue] = attrs.field(
        factory=dict, converter=_parameter_map, hash=False
    )

    @classmethod
    def from_toml(cls, text: str, *, registry: Registry = RULES) -> Policy:
        """Read a policy from TOML text: ``select``, ``ignore``, ``[severity]``, ``[parameters]``.

        Raises :class:`InvalidPolicy` naming every bad entry.

        >>> Policy.from_toml('select = ["VI3"]').select
        ('VI3',)
        """
        _check_size(text)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problem = Problem(location=(), code="syntax", message=f"not valid TOML: {exc}")
            raise InvalidPolicy([problem]) from None
        except RecursionError:
            problem = Problem(location=(), code="too-deep", message="nested too deeply")
            raise InvalidPolicy([problem]) from None
        except ValueError as exc:  # an integer too long for Python to convert, say
            message = f"a value TOML cannot hold here: {shown(str(exc))}"
            raise InvalidPolicy([Problem(location=(), code="invalid", message=message)]) from None
        return cls.from_data(data, registry=registry)

    @classmethod
    def load(cls, path: str | Path, *, registry: Registry = RULES) -> Policy:
        """Read a policy from a TOML file.

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "policy.toml"
        >>> _ = path.write_text('ignore = ["VI302"]')
        >>> Policy.load(path).ignore
        ('VI302',)
        """
        with Path(path).open("rb") as file:
            raw = file.read(POLICY_MAX_BYTES + 1)
        if len(raw) > POLICY_MAX_BYTES:
            message = f"larger than {POLICY_MAX_BYTES:,} bytes, the most a policy file may hold"
            raise InvalidPolicy([Problem(location=(), code="out-of-range", message=message)])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem(location=(), code="syntax", message=f"not UTF-8 text: {exc.reason}")
            raise InvalidPolicy([problem]) from None
        return cls.from_toml(text, registry=registry)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, registry: Registry = RULES) -> Policy:
        """Build a policy from parsed TOML or JSON data, checking every entry.

        >>> Policy.from_data({"severity": {"VI302": "warning"}}).severity["VI302"].value
        'warning'
        """
        errors = [
            Problem(location=(key,), code="unknown-field", message="unknown key")
            for key in sorted(set(data) - {"select", "ignore", "severity", "parameters"})
        ]
        lists = {key: _code_list(data, key, errors) for key in ("select", "ignore")}
        severity = {}
        for code, value in _table(data, "severity", errors).items():
            try:
                severity[code] = Severity(value)
            except ValueError:
                allowed = ", ".join(repr(s.value) for s in Severity)
                message = f"expected one of {allowed}, got {shown(value)}"
                errors.append(
                    Problem(location=("severity", code), code="not-allowed", message=message)
                )
        parameters = _table(data, "parameters", errors)
        if errors:
            raise InvalidPolicy(errors)
        policy = cls(
            select=lists["select"],
            ignore=lists["ignore"],
            severity=severity,
            parameters=parameters,
        )
        policy.resolve(registry)  # raises InvalidPolicy for unknown codes and bad values
        return policy

    def resolve(self, registry: Registry = RULES) -> ResolvedPolicy:
        """Check the policy against ``registry`` and return what the checker needs.

        >>> [rule.code for rule in Policy(select=["VI30"], ignore=["VI302"]).resolve().rules]
        ['VI301', 'VI303', 'VI304', 'VI305', 'VI306']
        """
        return _resolve(_Exact(self), registry)


#: The most keys a policy may hold: every rule's severity and every parameter, many times over.
POLICY_MAX_KEYS = 2000
#: The most parts a key or table name may have: ``parameters.min-funding-months`` has two.
POLICY_MAX_DEPTH = 4
#: Where a line's key (or table name) ends: at its ``=``, or at the end of a header line.
_KEY_PART = re.compile(r"[^=#]*")


def _check_size(text: str) -> None:
    """Refuse a policy with too many keys or too deep a key, before parsing: in linear time.

    The TOML parser of the standard library slows down with the number of dotted keys (40,000
    of them took 50 s), and a policy needs only a few dozen keys two deep.  Counting every
    ``=`` over-counts (in strings and comments), so the limit is generous.

    >>> _check_size('parameters.min-funding-months = 24')
    >>> _check_size("a.b.c.d.e = 1")
    Traceback (most recent call last):
    valuing_involvement.policy.InvalidPolicy: invalid policy: $: a key of 5 parts; a policy's keys have at most 4
    """  # noqa: E501
    lines = text.splitlines()
    headers = sum(1 for line in lines if line.lstrip().startswith("["))
    if text.count("=") + headers > POLICY_MAX_KEYS:  # key-value pairs and table headers
        message = f"more than {POLICY_MAX_KEYS:,} keys, far more than a policy holds"
        raise InvalidPolicy([Problem(location=(), code="out-of-range", message=message)])
    for line in lines:
        key = _KEY_PART.match(line.lstrip())
        parts = 1 + (key[0].count(".") if key else 0)
        if parts > POLICY_MAX_DEPTH:
            message = (
                f"a key of {shown(parts)} parts; a policy's keys have at most {POLICY_MAX_DEPTH}"
            )
            raise InvalidPolicy([Problem(location=(), code="too-deep", message=message)])


def _code_list(data: Mapping[str, Any], key: str, errors: list[Problem]) -> tuple[str, ...]:
    value = data.get(key, ["VI"] if key == "select" else [])
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    message = "expected a list of rule codes or prefixes"
    errors.append(Problem(location=(key,), code="wrong-type", message=message))
    return ()


def _table(data: Mapping[str, Any], key: str, errors: list[Problem]) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        errors.append(Problem(location=(key,), code="wrong-type", message="expected a table"))
        return {}
    return value


#: The subjects whose rules read a :class:`PortfolioContext`.
_PORTFOLIO_SUBJECTS = frozenset(
    {Subject.COMMISSIONER, Subject.STRATEGY, Subject.INVOLVEMENT, Subject.PORTFOLIO}
)


@attrs.frozen
class ResolvedPolicy:
    """A policy applied to a registry: the rules to run for each context, and their settings.

    What :meth:`Policy.resolve` returns: the selected rules by what they read (an agreement,
    its waivers, a portfolio, a 360Giving grant), the codes left out, and each rule's severity
    and each parameter's value after the policy's overrides.
    """

    version: str
    rules: tuple[Rule[Context], ...]
    waiver_rules: tuple[Rule[Context], ...]
    portfolio_rules: tuple[Rule[PortfolioContext], ...]
    grant_rules: tuple[Rule[GrantContext], ...]
    skipped: frozenset[str]
    severities: Mapping[str, Severity] = attrs.field(hash=False)
    parameters: Mapping[str, ParameterValue] = attrs.field(hash=False)


def _exact(policy: Policy) -> tuple[str, ...]:
    """Spell out a policy value by value, each with its type and its exact digits."""
    return (
        repr(policy.select),
        repr(policy.ignore),
        *(f"severity {code!r}={level.value}" for code, level in sorted(policy.severity.items())),
        *(
            f"parameter {name!r}={_spell(value)}"
            for name, value in sorted(policy.parameters.items())
        ),
    )


def _spell(value: object) -> str:
    """A parameter's value spelt exactly; a value no parameter takes, by its identity.

    Only numbers and strings can be accepted; anything else (a list nested 100,000 deep, a
    table) is refused, and its ``repr`` could be huge or fail, so it is named by ``id``: the
    policy holding it stays alive as long as the key does, so the ``id`` is not reused.
    """
    if isinstance(value, int) and value.bit_length() > _LONGEST_NUMBER:
        return f"<int of {value.bit_length()} bits>"
    if type(value) in (int, bool, str, decimal.Decimal):
        return repr(value)
    return f"<{type(value).__name__} at {id(value):#x}>"


_LONGEST_NUMBER = 4096  # bits; a longer whole number cannot be a parameter's value


@attrs.frozen
class _Exact:
    """A policy as a cache key that tells apart values that are equal but not the same.

    ``24 == 24.0 == True`` and ``Decimal("0.05") == Decimal("0.050")``, yet each must be
    checked, and written, as given: caching on the policy's own equality let the first value
    seen decide for all the others.
    """

    policy: Policy = attrs.field(eq=False)
    spelled: tuple[str, ...] = attrs.field(init=False)

    @spelled.default
    def _spell(self) -> tuple[str, ...]:
        return _exact(self.policy)


@functools.lru_cache(maxsize=64)
def _resolve(exact: _Exact, registry: Registry) -> ResolvedPolicy:
    policy = exact.policy
    errors: list[Problem] = []
    try:
        selected = registry.select(policy.select, policy.ignore)
    except ValueError as exc:
        errors.append(Problem(location=("select",), code="not-allowed", message=str(exc)))
        selected = ()
    severities = {rule.code: rule.severity for rule in registry}
    for code, severity in policy.severity.items():
        if code not in registry:
            message = "no rule has this code"
            errors.append(Problem(location=("severity", code), code="not-allowed", message=message))
        else:
            severities[code] = severity
    parameters = {name: p.default for name, p in registry.parameters.items()}
    for name, value in policy.parameters.items():
        if name not in registry.parameters:
            message = "no parameter has this name"
            errors.append(
                Problem(location=("parameters", name), code="not-allowed", message=message)
            )
            continue
        try:
            parameters[name] = registry.parameters[name].coerce(value)
        except (TypeError, ValueError) as exc:
            code = "wrong-type" if isinstance(exc, TypeError) else "invalid"
            errors.append(Problem(location=("parameters", name), code=code, message=str(exc)))
    if errors:
        raise InvalidPolicy(errors)
    return ResolvedPolicy(
        version=registry.version,
        rules=tuple(rule for rule in selected if rule.subject is Subject.CONTRACT),
        waiver_rules=tuple(rule for rule in selected if rule.subject is Subject.WAIVER),
        portfolio_rules=tuple(rule for rule in selected if rule.subject in _PORTFOLIO_SUBJECTS),
        grant_rules=tuple(rule for rule in selected if rule.subject is Subject.GRANT),
        skipped=frozenset(rule.code for rule in registry) - {rule.code for rule in selected},
        severities=FrozenDict(severities),
        parameters=FrozenDict(parameters),
    )
