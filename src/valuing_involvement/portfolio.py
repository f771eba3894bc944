"""A commissioner's portfolio: its strategy, involvement, population, groups and agreements.

A :class:`Portfolio` is a snapshot of everything a commissioner funds for user and carer groups,
directly through agreements or indirectly through a trust or a voluntary body (``§2.3``).
Variants for scenario work are new values made with :func:`attrs.evolve`.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from typing import Any

import attrs

from valuing_involvement._validators import (
    FieldValueError,
    all_instances,
    instance_of,
    non_negative_amount,
    optional,
    optional_text,
    text,
    to_tuple,
)
from valuing_involvement.commissioners import Commissioner, Involvement, Population, Strategy
from valuing_involvement.contracts import Contract
from valuing_involvement.groups import Group

__all__ = ["IndirectFunding", "Portfolio"]


@attrs.frozen(kw_only=True)
class IndirectFunding:
    """Money passed to groups through another body, ring-fenced or not (``§2.3``).

    >>> IndirectFunding(via="Lowmoor Mental Health NHS Trust",
    ...                 amount_per_year=decimal.Decimal("20000")).ring_fenced
    False
    """

    via: str = attrs.field(validator=text)
    amount_per_year: decimal.Decimal = attrs.field(
        validator=[instance_of(decimal.Decimal), non_negative_amount]
    )
    ring_fenced: bool = attrs.field(default=False, validator=instance_of(bool))
    purpose: str | None = attrs.field(default=None, validator=optional_text)


def _groups(values: Iterable[Group]) -> tuple[Group, ...]:
    return to_tuple(values)


def _contracts(values: Iterable[Contract]) -> tuple[Contract, ...]:
    return to_tuple(values)


def _indirect(values: Iterable[IndirectFunding]) -> tuple[IndirectFunding, ...]:
    return to_tuple(values)


def _references_resolve(
    instance: Portfolio, attribute: attrs.Attribute[Any], _value: object
) -> None:
    known = {group.reference for group in instance.groups if group.reference is not None}
    for index, contract in enumerate(instance.contracts):
        if contract.group_reference is not None and contract.group_reference not in known:
            raise FieldValueError(
                attribute.name,
                f"agreement {index} names group {contract.group_reference!r}, not in the portfolio",
            )


def _unique_references(
    instance: Portfolio, attribute: attrs.Attribute[Any], _value: object
) -> None:
    seen: set[str] = set()
    for group in instance.groups:
        if group.reference is not None:
            if group.reference in seen:
                raise FieldValueError(
                    attribute.name, f"two groups share the reference {group.reference!r}"
                )
            seen.add(group.reference)


@attrs.frozen(kw_only=True)
class Portfolio:
    """Everything a commissioner funds for user and carer groups, and the context to judge it.

    ``groups`` are the groups funded or considered; an agreement names its group either by
    holding it or by ``group_reference``, which must match a group's ``reference``.

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
        default=(), converter=_groups, validator=[all_instances(Group), _unique_references]
    )
    contracts: tuple[Contract, ...] = attrs.field(
        default=(),
        converter=_contracts,
        validator=[all_instances(Contract), _references_resolve],
    )
    indirect: tuple[IndirectFunding, ...] = attrs.field(
        default=(), converter=_indirect, validator=all_instances(IndirectFunding)
    )
    # Each group with a reference, by that reference: built once, so group_of is a look-up.
    _by_reference: dict[str, Group] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Index the groups by reference once the validators have passed."""
        by_reference = {g.reference: g for g in self.groups if g.reference is not None}
        object.__setattr__(self, "_by_reference", by_reference)

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
