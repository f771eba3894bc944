"""Check an agreement against the rule catalogue: :func:`check_contract` with a :class:`Policy`.

Checking is pure: the date the check is made for is an argument (``on``, by default the start
of the funding period), never the clock; the same inputs give the same report, findings in the
same order.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import attrs

from valuing_involvement._bounds import DATE_MAX, DATE_MIN, in_context
from valuing_involvement._gc import collector_paused
from valuing_involvement._validators import described
from valuing_involvement.classification import classify_group
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.groups import Activity, Group, Infrastructure
from valuing_involvement.policy import POLICY_MAX_BYTES, InvalidPolicy, Policy, ResolvedPolicy
from valuing_involvement.reports import Report
from valuing_involvement.rules import (
    RULES,
    Context,
    Finding,
    Registry,
    WaiverRecord,
    run,
    unjudged,
)

# Policy and InvalidPolicy live in valuing_involvement.policy; importable from here as before.
__all__ = ["POLICY_MAX_BYTES", "InvalidPolicy", "Policy", "check_contract", "check_contracts"]
# check_on_date, resolved_policy and check_resolved are the library's own: the assessment of a
# portfolio checks its agreements with them.  They are not part of the API.


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
    VI301 advice funded for 6 months, shorter than 12 months (our default
    `min-funding-months`)
    VI302 advice funded for 6 months, shorter than 36 months (the figure in §2.10,
    `preferred-funding-months`)
    VI303 advice the agreement does not say when the renewal decision will be made
    """
    check_on_date(on)
    return check_resolved(contract, group, on, resolved_policy(policy, registry))


def check_on_date(on: object) -> None:
    """Refuse a date of check that is not a ``datetime.date`` in the domain's range.

    A string would be stored in the report and fail only when written; a datetime fails as
    soon as a rule compares it with a date.  Both are refused here, naming ``on``.

    >>> check_on_date("next tuesday")
    Traceback (most recent call last):
    valuing_involvement.errors.InvalidInput: invalid check: $.on: expected a date, got 'next...'
    """
    if on is None or (type(on) is dt.date and DATE_MIN <= on <= DATE_MAX):
        return
    if type(on) is dt.date:
        message, code = f"must be a date from {DATE_MIN} to {DATE_MAX}, got {on}", "out-of-range"
    elif isinstance(on, dt.datetime):
        message, code = f"expected a date, got a datetime ({on}); pass its .date()", "wrong-type"
    else:
        message, code = f"expected a date, got {described(on)}", "wrong-type"
    raise InvalidInput([Problem(location=("on",), code=code, message=message)], target="check")


def resolved_policy(policy: Policy | None, registry: Registry) -> ResolvedPolicy:
    """The resolved policy; the default one found by the registry alone, without spelling it."""
    if policy is None:
        return _resolve_default(registry)
    return policy.resolve(registry)


@functools.lru_cache(maxsize=16)
def _resolve_default(registry: Registry) -> ResolvedPolicy:
    # A registry hashes by identity; the default policy is one object, so nothing else to key.
    return _DEFAULT_POLICY.resolve(registry)


def _default_on(contract: Contract) -> dt.date:
    """The day a check speaks for by default: the start, else the award date, else 2007-04-01."""
    if contract.period is not None:
        return contract.period.start
    return contract.awarded_on if contract.awarded_on is not None else _UNDATED_ON


_UNDATED_ON = dt.date(2007, 4, 1)  # the guidelines' own year, as assess_portfolio's default


def check_resolved(  # noqa: PLR0913 -- the agreement, its group, the date, the policy, two portfolio facts
    contract: Contract,
    group: Group | None,
    on: dt.date | None,
    resolved: ResolvedPolicy,
    root: str = "$",
    *,
    group_bought: frozenset[Activity] | None = None,
    infrastructure_offered: frozenset[Infrastructure] | None = None,
) -> Report:
    """Check one agreement with a resolved policy, in the caller's (the library's) context.

    ``root`` is the agreement's path in a larger document (``$.contracts[3]``), for an
    assessment: its findings' paths start there.  ``group_bought`` is what all the portfolio's
    agreements with the group buy together, and ``infrastructure_offered`` what the portfolio's
    commissioner offers every group.
    """
    group = group if group is not None else contract.group
    ctx = Context(
        contract=contract,
        group=group,
        classification=None if group is None else classify_group(group),
        on=_default_on(contract) if on is None else on,
        parameters=resolved.parameters,
        group_bought=group_bought,
        infrastructure_offered=infrastructure_offered,
    )
    # Named once and built into each finding: evolving every finding afterwards cost a third of
    # a check.
    about = _agreement_subject(contract, group)
    findings = run(resolved.rules, ctx, resolved.severities, subject=about, root=root)
    cannot_judge = unjudged(resolved.rules, ctx)
    if contract.waivers:
        findings = _apply_waivers(contract, ctx, findings)
        ctx = attrs.evolve(
            ctx,
            findings=tuple(findings),
            skipped=resolved.skipped,
            unjudged=frozenset(cannot_judge),
        )
    findings += run(resolved.waiver_rules, ctx, resolved.severities, subject=about, root=root)
    findings.sort(key=Finding.sort_key)
    return Report(
        subject=_subject(contract, group),
        on=ctx.on,
        ruleset=resolved.version,
        findings=tuple(findings),
        unjudged=cannot_judge,
    )


def _apply_waivers(contract: Contract, ctx: Context, findings: list[Finding]) -> list[Finding]:
    live = {w.code: w for w in contract.waivers if w.until is None or w.until >= ctx.on}
    return [
        attrs.evolve(finding, waiver=WaiverRecord.of(live[finding.code]))
        if finding.code in live
        else finding
        for finding in findings
    ]


def _kind_words(contract: Contract) -> str:
    """The kind of agreement in words; ``"agreement"`` when its kind is not stated."""
    return "agreement" if contract.kind is None else contract.kind.value.replace("_", " ")


def _agreement_subject(contract: Contract, group: Group | None) -> str:
    """Name an agreement for its findings: its reference (or title, or kind) and its group.

    >>> from valuing_involvement import example_portfolio
    >>> portfolio = example_portfolio()
    >>> contract = portfolio.contracts[0]
    >>> _agreement_subject(contract, portfolio.group_of(contract))
    'LJC-2007-014 (Lowmoor Voices)'
    """
    name = contract.reference or contract.title or _kind_words(contract)
    return name if group is None else f"{name} ({group.name})"


def _subject(contract: Contract, group: Group | None) -> str:
    if contract.title:
        return contract.title
    name = _kind_words(contract)
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
    check_on_date(on)
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
    resolved: ResolvedPolicy | None = None
    for contract in contracts:
        if resolved is None:
            resolved = resolved_policy(policy, registry)
        reports.append(check_resolved(contract, None, on, resolved))
    return reports


_DEFAULT_POLICY = Policy()
