"""Check an agreement against the rule catalogue: :func:`check_contract` and :class:`Policy`.

Checking is pure: the date the check is made for is an argument (``on``, by default the start
of the funding period), never the clock; the same inputs give the same report, findings in the
same order.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from valuing_involvement._bounds import in_context, shown
from valuing_involvement._gc import collector_paused
from valuing_involvement.classification import classify_group
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.groups import Group
from valuing_involvement.reports import Report
from valuing_involvement.rules import (
    RULES,
    Context,
    Finding,
    GrantContext,
    ParameterValue,
    PortfolioContext,
    Registry,
    Rule,
    Severity,
    Subject,
    run,
)

__all__ = ["InvalidPolicy", "Policy", "check_contract", "check_contracts"]


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


# Read-only views keep a frozen Policy frozen: the resolved form is cached by policy.
def _severity_map(values: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    return MappingProxyType({code: Severity(level) for code, level in dict(values).items()})


def _parameter_map(values: Mapping[str, ParameterValue]) -> Mapping[str, ParameterValue]:
    return MappingProxyType(dict(values))


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
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problem = Problem(location=(), code="syntax", message=f"not valid TOML: {exc}")
            raise InvalidPolicy([problem]) from None
        except RecursionError:
            problem = Problem(location=(), code="too-deep", message="nested too deeply")
            raise InvalidPolicy([problem]) from None
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

    def resolve(self, registry: Registry = RULES) -> _Resolved:
        """Check the policy against ``registry`` and return what the checker needs.

        >>> [rule.code for rule in Policy(select=["VI30"], ignore=["VI302"]).resolve().rules]
        ['VI301', 'VI303', 'VI304', 'VI305', 'VI306']
        """
        return _resolve(_Exact(self), registry)


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
class _Resolved:
    """A policy applied to a registry: the rules to run for each context, and their settings."""

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
def _resolve(exact: _Exact, registry: Registry) -> _Resolved:
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
    return _Resolved(
        version=registry.version,
        rules=tuple(rule for rule in selected if rule.subject is Subject.CONTRACT),
        waiver_rules=tuple(rule for rule in selected if rule.subject is Subject.WAIVER),
        portfolio_rules=tuple(rule for rule in selected if rule.subject in _PORTFOLIO_SUBJECTS),
        grant_rules=tuple(rule for rule in selected if rule.subject is Subject.GRANT),
        skipped=frozenset(rule.code for rule in registry) - {rule.code for rule in selected},
        severities=MappingProxyType(severities),
        parameters=MappingProxyType(parameters),
    )


@in_context
def check_contract(
    contract: Contract,
    *,
    group: Group | None = None,
    on: dt.date | None = None,
    policy: Policy | None = None,
    registry: Registry = RULES,
) -> Report:
    """Check an agreement against every selected rule and return the :class:`Report`.

    ``group`` is the funded group when the agreement does not hold it; ``on`` is the date the
    check is made for (by default the start of the funding period -- never today's date).
    Waivers in the agreement mark matching findings as waived; an expired waiver waives
    nothing, and a waiver that matches nothing is reported (``VI001``, ``VI002``).

    >>> import datetime as dt, decimal
    >>> from valuing_involvement import AgreementKind, FundingPeriod
    >>> contract = Contract(
    ...     commissioner="Lowmoor Joint Commissioning",
    ...     kind=AgreementKind.GRANT_LETTER,
    ...     amount_per_year=decimal.Decimal("9000"),
    ...     period=FundingPeriod.from_months(dt.date(2007, 4, 1), 6),
    ... )
    >>> report = check_contract(contract, policy=Policy(select=["VI30"]))
    >>> for finding in report.findings:
    ...     print(finding.code, finding.severity.value, finding.message)
    VI304 warning the agreement does not say whether the price includes overheads
    VI301 advice funded for 6 months, shorter than 12 months (our default
    `min-funding-months`)
    VI302 advice funded for 6 months, shorter than 36 months (the figure in §2.10,
    `preferred-funding-months`)
    VI303 advice the agreement does not say when the renewal decision will be made
    """
    return _check(contract, group, on, _resolved(policy, registry))


def _resolved(policy: Policy | None, registry: Registry) -> _Resolved:
    """The resolved policy; the default one found by the registry alone, without spelling it."""
    if policy is None:
        return _resolve_default(registry)
    return policy.resolve(registry)


@functools.lru_cache(maxsize=16)
def _resolve_default(registry: Registry) -> _Resolved:
    # A registry hashes by identity; the default policy is one object, so nothing else to key.
    return _DEFAULT_POLICY.resolve(registry)


def _default_on(contract: Contract) -> dt.date:
    """The day a check speaks for by default: the start, else the award date, else 2007-04-01."""
    if contract.period is not None:
        return contract.period.start
    return contract.awarded_on if contract.awarded_on is not None else _UNDATED_ON


_UNDATED_ON = dt.date(2007, 4, 1)  # the guidelines' own year, as assess_portfolio's default


def _check(
    contract: Contract, group: Group | None, on: dt.date | None, resolved: _Resolved
) -> Report:
    """Check one agreement with a resolved policy, in the caller's (the library's) context."""
    group = group if group is not None else contract.group
    ctx = Context(
        contract=contract,
        group=group,
        classification=None if group is None else classify_group(group),
        on=_default_on(contract) if on is None else on,
        parameters=resolved.parameters,
    )
    # Named once and built into each finding: evolving every finding afterwards cost a third of
    # a check.
    about = _agreement_subject(contract, group)
    findings = run(resolved.rules, ctx, resolved.severities, subject=about)
    if contract.waivers:
        findings = _apply_waivers(contract, ctx, findings)
        ctx = attrs.evolve(
            ctx,
            findings=tuple(findings),
            skipped=resolved.skipped,
        )
    findings += run(resolved.waiver_rules, ctx, resolved.severities, subject=about)
    findings.sort(key=Finding.sort_key)
    return Report(
        subject=_subject(contract, group),
        on=ctx.on,
        ruleset=resolved.version,
        findings=tuple(findings),
    )


def _apply_waivers(contract: Contract, ctx: Context, findings: list[Finding]) -> list[Finding]:
    live = {w.code: w for w in contract.waivers if w.until is None or w.until >= ctx.on}
    return [
        attrs.evolve(finding, waiver=live[finding.code]) if finding.code in live else finding
        for finding in findings
    ]


def _agreement_subject(contract: Contract, group: Group | None) -> str:
    """Name an agreement for its findings: its reference (or title, or kind) and its group.

    >>> from valuing_involvement import example_portfolio
    >>> portfolio = example_portfolio()
    >>> contract = portfolio.contracts[0]
    >>> _agreement_subject(contract, portfolio.group_of(contract))
    'LJC-2007-014 (Lowmoor Voices)'
    """
    name = contract.reference or contract.title or contract.kind.value.replace("_", " ")
    return name if group is None else f"{name} ({group.name})"


def _subject(contract: Contract, group: Group | None) -> str:
    if contract.title:
        return contract.title
    name = contract.kind.value.replace("_", " ")
    funded = f" with {group.name}" if group is not None else ""
    ref = f" {contract.reference}" if contract.reference else ""
    return f"{contract.commissioner} {name}{ref}{funded}"


@in_context
def check_contracts(
    contracts: Iterable[Contract],
    *,
    on: dt.date | None = None,
    policy: Policy | None = None,
    registry: Registry = RULES,
    pause_collector: bool = False,
) -> list[Report]:
    """Check many agreements with one policy; each report is what :func:`check_contract` gives.

    ``pause_collector=True`` pauses Python's cyclic garbage collector for the batch (reports
    hold no cycles), which on 100,000 agreements saves about a third of the time.  It is off by
    default because the collector is process-wide: other threads' garbage waits meanwhile.  A
    collector the caller had disabled stays disabled.

    >>> check_contracts([], pause_collector=True)
    []
    """
    if not pause_collector:
        return _check_all(contracts, on, policy, registry)
    with collector_paused():
        return _check_all(contracts, on, policy, registry)


def _check_all(
    contracts: Iterable[Contract], on: dt.date | None, policy: Policy | None, registry: Registry
) -> list[Report]:
    # The policy is resolved once for the batch (at its first agreement, as a loop of single
    # checks would), and the batch runs in the one decimal context its caller entered.
    reports: list[Report] = []
    resolved: _Resolved | None = None
    for contract in contracts:
        if resolved is None:
            resolved = _resolved(policy, registry)
        reports.append(_check(contract, None, on, resolved))
    return reports


_DEFAULT_POLICY = Policy()
#: The largest policy file :meth:`Policy.load` reads (a policy is a few lines).
POLICY_MAX_BYTES = 1 << 20
