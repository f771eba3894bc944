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


class GrantsSeen:
    """What the grants before this one said, keyed, for the checks that compare grants.

    The driver (:func:`~valuing_involvement.threesixty.quality_report`) makes one, shows it
    to the checks of each grant in turn and then calls :meth:`add` with that grant: one pass
    over a file, each look-up a set's, however many grants it holds.  Checks only read it.
    """

    __slots__ = ("first_index", "first_names", "funder_ids", "ids_by_name", "names_by_id")

    def __init__(self) -> None:
        """Start with no grants seen."""
        self.first_index: dict[str, int] = {}
        self.funder_ids: set[str] = set()
        self.names_by_id: dict[str, set[str]] = {}
        self.first_names: dict[str, str] = {}  # the name each funder id came with first
        self.ids_by_name: dict[str, set[str]] = {}

    def add(self, grant: object, index: int) -> None:
        """Record ``grant``, the ``index``-th of its file, as seen.

        >>> seen = GrantsSeen()
        >>> seen.add({"id": "a", "fundingOrganization": [{"id": " X ", "name": "F"}]}, 0)
        >>> seen.first_index, seen.names_by_id
        ({'a': 0}, {'X': {'F'}})
        """
        if not isinstance(grant, dict):
            return
        grant_id = grant.get("id")
        if isinstance(grant_id, str):
            self.first_index.setdefault(grant_id, index)
        orgs = grant.get("fundingOrganization")
        for org in orgs if isinstance(orgs, list) else ():
            if isinstance(org, dict):
                funder_id, name = _stripped(org.get("id")), _stripped(org.get("name"))
                self.funder_ids.add(funder_id)
                self.names_by_id.setdefault(funder_id, set()).add(name)
                self.first_names.setdefault(funder_id, name)
                self.ids_by_name.setdefault(name, set()).add(funder_id)


def _stripped(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


@attrs.frozen(kw_only=True)
class GrantContext:
    """What a 360Giving quality check reads: one grant as plain JSON data, and the date.

    ``seen`` holds what the grants before it said (:class:`GrantsSeen`), for the checks that
    compare grants.  ``grants``, the whole package, is the older way to give the same: when
    ``seen`` is not given it is built from the grants before this one.
    """

    grant: Mapping[str, Any] = attrs.field(hash=False)
    index: int
    on: dt.date
    grants: tuple[Mapping[str, Any], ...] = attrs.field(default=(), hash=False)
    seen: GrantsSeen | None = attrs.field(default=None, hash=False, eq=False)

    @property
    def before(self) -> GrantsSeen:
        """What the grants before this one said: ``seen``, or built once from ``grants``."""
        if self.seen is None:
            seen = GrantsSeen()
            for index, grant in enumerate(self.grants[: self.index]):
                seen.add(grant, index)
            object.__setattr__(self, "seen", seen)
            return seen
        return self.seen
