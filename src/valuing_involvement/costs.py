"""Full cost recovery: apportion an organisation's overheads to a project (footnote 2).

Under full cost recovery the price of a contract or grant covers the full cost of delivery,
including the project's legitimate share of the organisation's overheads; statutory funders were
to apply it from April 2006.  :class:`Costs` records a project's direct costs and the basis for
its share of overheads, and :func:`apportion` splits an overhead pool across projects to the
penny.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping

import attrs

from valuing_involvement._bounds import MONEY_MAX, in_context, measure, shown
from valuing_involvement._enums import AsMember, Choice
from valuing_involvement._validators import (
    field_error,
    instance_of,
    non_negative_amount,
    optional,
    to_amount,
    to_optional_amount,
)

__all__ = ["Basis", "Costs", "apportion"]

_PENNY = decimal.Decimal("0.01")


class Basis(Choice):
    """What the overheads are apportioned by."""

    STAFF_TIME = "staff_time"
    FLOOR_AREA = "floor_area"
    EXPENDITURE = "expenditure"


def _within_organisation(
    instance: Costs, attribute: attrs.Attribute[decimal.Decimal], value: decimal.Decimal
) -> None:
    if value > instance.organisation_measure:
        raise field_error(
            instance,
            attribute.name,
            f"the project's {instance.basis.value.replace('_', ' ')} exceeds the organisation's",
        )


def _positive(
    instance: object, attribute: attrs.Attribute[decimal.Decimal], value: decimal.Decimal
) -> None:
    if not (value.is_finite() and value > 0):
        raise field_error(instance, attribute.name, f"must be more than 0, got {value}")


_amount = [instance_of(decimal.Decimal), non_negative_amount]


def _share_of_one(
    instance: object, attribute: attrs.Attribute[decimal.Decimal], value: decimal.Decimal
) -> None:
    if not (value.is_finite() and 0 < value <= 1):
        raise field_error(
            instance, attribute.name, f"must be a share above 0, up to 1, got {value}"
        )


_fraction = [instance_of(decimal.Decimal), _share_of_one]


@attrs.frozen(kw_only=True)
class Costs:
    """A project's yearly costs: direct costs plus its share of the organisation's overheads.

    The share is ``overheads`` times ``project_measure`` over ``organisation_measure`` on the
    stated ``basis`` -- hours of staff time, square metres, or pounds of expenditure.

    Most groups have several funders (``§2.8``: 23 of 29 groups had a mix of sources), so one
    agreement need not pay the whole full cost: ``other_funding`` is what other funders pay a
    year towards the same project, ``None`` when not known, and ``agreed_share`` is the
    fraction of the full cost the funders agreed this agreement carries (``0.5`` for half),
    ``None`` when they stated none.  :meth:`agreement_share` is the agreement's part of the
    full cost: as stated, or else in proportion to what each funder pays, so that no funder is
    asked to carry another's unpaid part.

    >>> costs = Costs(
    ...     direct=decimal.Decimal("20000"),
    ...     overheads=decimal.Decimal("30000"),
    ...     basis=Basis.STAFF_TIME,
    ...     project_measure=decimal.Decimal("1.5"),
    ...     organisation_measure=decimal.Decimal("6"),
    ... )
    >>> costs.overhead_share, costs.full_cost
    (Decimal('7500.00'), Decimal('27500.00'))
    """

    direct: decimal.Decimal = attrs.field(converter=to_amount, validator=_amount)
    overheads: decimal.Decimal = attrs.field(converter=to_amount, validator=_amount)
    basis: Basis = attrs.field(converter=AsMember[Basis], validator=instance_of(Basis))
    project_measure: decimal.Decimal = attrs.field(
        converter=to_amount, validator=[instance_of(decimal.Decimal), measure, _within_organisation]
    )
    organisation_measure: decimal.Decimal = attrs.field(
        converter=to_amount, validator=[instance_of(decimal.Decimal), _positive, measure]
    )
    other_funding: decimal.Decimal | None = attrs.field(
        default=None, converter=to_optional_amount, validator=optional(_amount)
    )
    agreed_share: decimal.Decimal | None = attrs.field(
        default=None, converter=to_optional_amount, validator=optional(_fraction)
    )

    @property
    @in_context
    def overhead_share(self) -> decimal.Decimal:
        """The project's share of the overheads, in pounds and pence."""
        share = self.overheads * self.project_measure / self.organisation_measure
        return share.quantize(_PENNY, rounding=decimal.ROUND_HALF_UP)

    @property
    @in_context
    def full_cost(self) -> decimal.Decimal:
        """Direct costs plus the overhead share."""
        return (self.direct + self.overhead_share).quantize(_PENNY)

    @in_context
    def agreement_share(self, price: decimal.Decimal) -> decimal.Decimal | None:
        """This agreement's part of the full cost, when it pays ``price`` a year.

        As the funders agreed it (``agreed_share``) when stated; else the sole funder's whole
        full cost when others pay nothing; else in proportion to what each funder pays:
        ``price / (price + other_funding)`` of the full cost.  So the agreement falls short of
        its part exactly when all the funders together pay less than the full cost, and then
        by its own proportion of the gap only.  ``None`` when what others pay is not known.

        >>> costs = Costs(direct=decimal.Decimal(20000), overheads=decimal.Decimal(7500),
        ...               basis=Basis.EXPENDITURE, project_measure=decimal.Decimal(1),
        ...               organisation_measure=decimal.Decimal(1),
        ...               other_funding=decimal.Decimal(10000))
        >>> costs.agreement_share(decimal.Decimal(13750))
        Decimal('15921.05')
        >>> costs.agreement_share(decimal.Decimal(17500))
        Decimal('17500.00')
        """
        if self.agreed_share is not None:
            share = self.full_cost * self.agreed_share
        elif self.other_funding is None:
            return None
        elif self.other_funding == 0:
            share = self.full_cost
        else:
            share = self.full_cost * price / (price + self.other_funding)
        return share.quantize(_PENNY, rounding=decimal.ROUND_HALF_UP)

    @in_context
    def coverage(self, price: decimal.Decimal) -> decimal.Decimal:
        """The share of the full cost that ``price`` covers, as a fraction (1 when it is all).

        >>> Costs(direct=decimal.Decimal(78), overheads=decimal.Decimal(22),
        ...       basis=Basis.EXPENDITURE, project_measure=decimal.Decimal(1),
        ...       organisation_measure=decimal.Decimal(1)).coverage(decimal.Decimal(78))
        Decimal('0.78')
        """
        if self.full_cost == 0:
            return decimal.Decimal(1)
        return (price / self.full_cost).quantize(_PENNY, rounding=decimal.ROUND_DOWN)


@in_context
def apportion(
    pool: decimal.Decimal, measures: Mapping[str, decimal.Decimal]
) -> dict[str, decimal.Decimal]:
    """Split an overhead ``pool`` across projects in proportion to ``measures``, to the penny.

    Shares are rounded down to pennies and the pennies left over go to the largest remainders
    (ties by name), so the shares always add up to the pool exactly.

    >>> apportion(decimal.Decimal("100"), {"a": decimal.Decimal(1), "b": decimal.Decimal(2)})
    {'a': Decimal('33.33'), 'b': Decimal('66.67')}
    """
    if not (pool.is_finite() and 0 <= pool <= MONEY_MAX):
        raise ValueError(f"the pool must be an amount from 0 to {MONEY_MAX:,}, got {shown(pool)}")
    if any(not (m.is_finite() and 0 <= m <= MONEY_MAX) for m in measures.values()):
        raise ValueError(f"measures must be from 0 to {MONEY_MAX:,}")
    total = sum(measures.values(), decimal.Decimal(0))
    if total == 0:
        raise ValueError("measures must not all be 0")
    pennies = int(pool.quantize(_PENNY) / _PENNY)
    exact = {name: pennies * measure / total for name, measure in measures.items()}
    floors = {name: int(value) for name, value in exact.items()}
    left = pennies - sum(floors.values())
    order = sorted(exact, key=lambda name: (-(exact[name] - floors[name]), name))
    for name in order[:left]:
        floors[name] += 1
    return {name: floors[name] * _PENNY for name in measures}
