"""A commissioner's portfolio: its strategy, involvement, population, groups and agreements.

A :class:`Portfolio` is a snapshot of everything a commissioner funds for user and carer groups,
directly through agreements or indirectly through a trust or a voluntary body (``§2.3``).
Variants for scenario work are new values made with :func:`attrs.evolve`.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Mapping

import attrs

from valuing_involvement._bounds import CONTEXT
from valuing_involvement._fiscal import split_by_financial_year
from valuing_involvement._frozen import FrozenDict
from valuing_involvement._validators import (
    all_instances,
    instance_of,
    non_negative_amount,
    optional,
    optional_text,
    text,
    to_amount,
    to_tuple,
)
from valuing_involvement.commissioners import Commissioner, Involvement, Population, Strategy
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.groups import Group

__all__ = ["IndirectFunding", "Portfolio", "committed_by_year"]


@attrs.frozen(kw_only=True)
class IndirectFunding:
    """Money passed to groups through another body, ring-fenced or not (``§2.3``).

    ``ring_fenced`` is ``None`` when the record does not say: unknown, never taken as "no".

    >>> IndirectFunding(via="Lowmoor Mental Health NHS Trust",
    ...                 amount_per_year=decimal.Decimal("20000")).ring_fenced is None
    True
    """

    via: str = attrs.field(validator=text)
    amount_per_year: decimal.Decimal = attrs.field(
        converter=to_amount, validator=[instance_of(decimal.Decimal), non_negative_amount]
    )
    ring_fenced: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    purpose: str | None = attrs.field(default=None, validator=optional_text)


def _groups(values: Iterable[Group]) -> tuple[Group, ...]:
    return to_tuple(values)


def _contracts(values: Iterable[Contract]) -> tuple[Contract, ...]:
    return to_tuple(values)


def _indirect(values: Iterable[IndirectFunding]) -> tuple[IndirectFunding, ...]:
    return to_tuple(values)


def committed_by_year(contract: Contract) -> dict[str, decimal.Decimal]:
    """What an agreement commits in each UK financial year it touches, in pounds and pence.

    Each whole month of the period is worth a twelfth of the yearly amount and counts in the
    financial year it falls in; a month that straddles 31 March is split by its days.  The
    years add up to :attr:`~valuing_involvement.Contract.total_amount` exactly (a part month
    left over at the end is not paid for, as there).  Year names are ``2007-08``.  The months
    are counted between 1 April boundaries in closed form, whatever the length of the period.

    >>> import datetime as dt
    >>> from valuing_involvement import AgreementKind, FundingPeriod
    >>> contract = Contract(commissioner="Lowmoor", kind=AgreementKind.GRANT_LETTER,
    ...                     amount_per_year=decimal.Decimal("12000"),
    ...                     period=FundingPeriod.from_months(dt.date(2007, 10, 1), 12))
    >>> committed_by_year(contract)
    {'2007-08': Decimal('6000.00'), '2008-09': Decimal('6000.00')}
    """
    period = contract.period
    if period is None:  # no dates, no years: callers count it as not known
        return {}
    return split_by_financial_year(period.start, period.end, contract.amount_per_year)


def _differences(first: Group, second: Group) -> list[str]:
    return [
        field.name
        for field in attrs.fields(Group)
        if getattr(first, field.name) != getattr(second, field.name)
    ]


def _contradictions(portfolio: Portfolio) -> list[Problem]:
    """Every way the portfolio contradicts itself about which group is which."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, group in enumerate(portfolio.groups):
        if group.reference is None:
            continue
        if group.reference in first:
            problems.append(
                Problem(
                    location=("groups", index, "reference"),
                    code="invalid",
                    message=f"reference {group.reference!r} is already used by "
                    f"$.groups[{first[group.reference]}]; each group needs its own",
                )
            )
        else:
            first[group.reference] = index
    for index, contract in enumerate(portfolio.contracts):
        named = contract.group_reference
        if named is not None and named not in first:
            problems.append(
                Problem(
                    location=("contracts", index, "group_reference"),
                    code="invalid",
                    message=f"names group {named!r}, which is not among the portfolio's groups",
                )
            )
        held = contract.group
        if held is None or held.reference is None:
            continue
        if named is not None and held.reference != named:
            problems.append(
                Problem(
                    location=("contracts", index, "group", "reference"),
                    code="invalid",
                    message=f"the group held is {held.reference!r} but group_reference "
                    f"names {named!r}",
                )
            )
        listed = first.get(held.reference)
        if listed is not None and portfolio.groups[listed] != held:
            fields = ", ".join(_differences(portfolio.groups[listed], held))
            problems.append(
                Problem(
                    location=("contracts", index, "group"),
                    code="invalid",
                    message=f"group {held.reference!r} differs from $.groups[{listed}] "
                    f"with the same reference (in {fields})",
                )
            )
    return problems


@attrs.frozen(kw_only=True)
class Portfolio:
    """Everything a commissioner funds for user and carer groups, and the context to judge it.

    ``groups`` are the groups funded or considered; an agreement names its group either by
    holding it or by ``group_reference``, which must match a group's ``reference``.

    A portfolio that contradicts itself is refused with an
    :class:`~valuing_involvement.errors.InvalidInput` listing every problem with its path (the
    loader reports the same problems as an ``InvalidDocument``): two groups sharing a
    reference, an agreement naming a group that is not in ``groups``, and an agreement holding
    a group that differs from the listed group with the same reference -- otherwise the
    metrics would read one group and the agreement's rules the other.

    >>> from valuing_involvement import BodyType
    >>> portfolio = Portfolio(commissioner=Commissioner(name="Lowmoor Joint Commissioning",
    ...                                                 body_type=BodyType.LOCAL_AUTHORITY))
    >>> portfolio.groups, portfolio.contracts
    ((), ())
    """

    commissioner: Commissioner = attrs.field(validator=instance_of(Commissioner))
    strategy: Strategy | None = attrs.field(default=None, validator=optional(instance_of(Strategy)))
    involvement: Involvement | None = attrs.field(
        default=None, validator=optional(instance_of(Involvement))
    )
    population: Population | None = attrs.field(
        default=None, validator=optional(instance_of(Population))
    )
    groups: tuple[Group, ...] = attrs.field(
        default=(), converter=_groups, validator=all_instances(Group)
    )
    contracts: tuple[Contract, ...] = attrs.field(
        default=(),
        converter=_contracts,
        validator=all_instances(Contract),
    )
    indirect: tuple[IndirectFunding, ...] = attrs.field(
        default=(), converter=_indirect, validator=all_instances(IndirectFunding)
    )
    # Each group with a reference, by that reference: built once, so group_of is a look-up.
    _by_reference: Mapping[str, Group] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Refuse a portfolio that contradicts itself; index the groups by reference."""
        problems = _contradictions(self)
        if problems:
            raise InvalidInput(problems, target="Portfolio")
        by_reference = {g.reference: g for g in self.groups if g.reference is not None}
        object.__setattr__(self, "_by_reference", FrozenDict(by_reference))

    def committed_by_year(self) -> dict[str, decimal.Decimal]:
        """Direct spend committed by the agreements in each UK financial year, in year order.

        Money passed indirectly (``indirect``) has no term, so it is not counted here.

        >>> from valuing_involvement import example_portfolio
        >>> example_portfolio().committed_by_year()
        {'2007-08': Decimal('78000.00'), '2008-09': Decimal('51000.00'), '2009-10': Decimal('36000.00')}
        """  # noqa: E501
        table: dict[str, decimal.Decimal] = {}
        with decimal.localcontext(CONTEXT):  # the library's, whatever the caller's
            for contract in self.contracts:
                for year, amount in committed_by_year(contract).items():
                    table[year] = table.get(year, decimal.Decimal(0)) + amount
        return dict(sorted(table.items()))

    def group_of(self, contract: Contract) -> Group | None:
        """The group an agreement funds: the one it holds, or the one its reference names.

        >>> from valuing_involvement import example_portfolio
        >>> portfolio = example_portfolio()
        >>> portfolio.group_of(portfolio.contracts[0]).name
        'Lowmoor Voices'
        """
        if contract.group is not None:
            return contract.group
        if contract.group_reference is None:
            return None
        return self._by_reference.get(contract.group_reference)
