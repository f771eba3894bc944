"""What a rule's check reads: one context per kind of subject, computed once per check."""

from __future__ import annotations

import datetime as dt
import decimal
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from valuing_involvement.rules._kernel import Finding, ParameterValue

if TYPE_CHECKING:
    from valuing_involvement.classification import Classification
    from valuing_involvement.contracts import Contract
    from valuing_involvement.groups import Activity, Group, Infrastructure
    from valuing_involvement.portfolio import Portfolio

__all__ = ["Context", "GrantContext", "PortfolioContext"]


class _Thresholds:
    """Typed access to the resolved parameters, shared by the contexts that carry them."""

    __slots__ = ()
    parameters: Mapping[str, ParameterValue]

    def whole_number(self, name: str) -> int:
        """Return a whole-number parameter: months, reports, indicators, any count.

        >>> ctx = PortfolioContext(portfolio=None, on=None, parameters={"max-kpis": 8})
        >>> ctx.whole_number("max-kpis")
        8
        """
        value = self.parameters[name]
        if not isinstance(value, int):  # pragma: no cover - guarded by Parameter.coerce
            raise TypeError(name)
        return value

    def months(self, name: str) -> int:
        """Deprecated: :meth:`whole_number`, named for what it returns (any count, not months)."""
        warnings.warn(
            "ctx.months() is deprecated: use ctx.whole_number(), which returns any whole-number "
            "parameter",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.whole_number(name)

    def amount(self, name: str) -> decimal.Decimal:
        """Return an amount (pounds) or share parameter."""
        value = self.parameters[name]
        if not isinstance(value, decimal.Decimal):  # pragma: no cover - guarded by coerce
            raise TypeError(name)
        return value


@attrs.frozen(kw_only=True)
class Context(_Thresholds):
    """Everything a check may read, computed once per agreement.

    ``findings`` and ``skipped`` (the codes of the rules the policy switched off) are filled
    only for the waiver rules, which look at what the other rules found.  ``group_bought`` is
    what all the commissioner's agreements with the same group buy together, filled in when the
    agreement is checked within a portfolio (``None`` when checked alone): a group is judged
    across all its agreements (``VI201``); ``infrastructure_offered`` is what the commissioner
    offers every group, likewise filled in within a portfolio (``VI503``).
    """

    contract: Contract
    group: Group | None
    classification: Classification | None
    on: dt.date
    parameters: Mapping[str, ParameterValue] = attrs.field(hash=False)
    findings: tuple[Finding, ...] = ()
    skipped: frozenset[str] = frozenset()
    group_bought: frozenset[Activity] | None = None
    infrastructure_offered: frozenset[Infrastructure] | None = None


@attrs.frozen(kw_only=True)
class PortfolioContext(_Thresholds):
    """What a commissioner-, strategy- or portfolio-level check may read, computed once.

    ``funded`` pairs each agreement with the group it funds (``None`` when unknown), and
    ``classifications`` holds the classification of each of the portfolio's groups, in order.
    """

    portfolio: Portfolio
    on: dt.date
    parameters: Mapping[str, ParameterValue] = attrs.field(hash=False)
    funded: tuple[tuple[Contract, Group | None], ...] = ()
    classifications: tuple[Classification, ...] = ()


@attrs.frozen(kw_only=True)
class GrantContext:
    """What a 360Giving quality check reads: one grant as plain JSON data, and the date.

    ``grants`` is the whole package the grant is in, for the checks that compare grants.
    """

    grant: Mapping[str, Any] = attrs.field(hash=False)
    index: int
    on: dt.date
    grants: tuple[Mapping[str, Any], ...] = attrs.field(default=(), hash=False)
