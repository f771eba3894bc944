"""What a rule's check reads: one context per kind of subject, computed once per check."""

from __future__ import annotations

import datetime as dt
import decimal
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs

from valuing_involvement._seen import FirstSeen
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

    ``findings``, ``skipped`` (the codes of the rules the policy switched off) and ``unjudged``
    (the codes of the rules that could not judge for want of a fact) are filled only for the
    waiver rules, which look at what the other rules found.  ``group_bought`` is
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
    unjudged: frozenset[str] = frozenset()
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

    The driver (:func:`~valuing_involvement.threesixty.iter_quality`) makes one in a ``with``
    block, shows it to the checks of each grant in turn and then calls :meth:`add` with that
    grant: one pass over a file, each look-up keyed, however many grants it holds.  Checks only
    read it.  Each table keeps ``spill_after`` keys in memory and the rest in a temporary
    database (:class:`~valuing_involvement._seen.FirstSeen`), so memory stays flat at a
    million grant ids; ``None`` keeps everything in memory.

    ``first_index`` maps a grant id to the index of the first grant with it, ``first_names``
    a funder id to the name it came with first (its keys are the funder ids seen),
    ``first_funder`` is the first funder id, and :meth:`named` tells whether a funder name
    came with a given id.
    """

    __slots__ = ("_names", "_pairs", "first_funder", "first_index", "first_names")

    def __init__(self, *, spill_after: int | None = None) -> None:
        """Start with no grants seen."""
        self.first_index: FirstSeen[int] = FirstSeen(bound=spill_after)
        self.first_names: FirstSeen[str] = FirstSeen(bound=spill_after)
        self.first_funder: str | None = None
        self._names: FirstSeen[int] = FirstSeen(bound=spill_after)  # funder names seen
        self._pairs: FirstSeen[int] = FirstSeen(bound=spill_after)  # (name, id) pairs seen

    def add(self, grant: object, index: int) -> None:
        """Record ``grant``, the ``index``-th of its file, as seen.

        >>> with GrantsSeen() as seen:
        ...     seen.add({"id": "a", "fundingOrganization": [{"id": " X ", "name": "F"}]}, 0)
        ...     seen.first_index.get("a"), seen.first_names.get("X"), seen.named("F", "X")
        (0, 'F', True)
        """
        if not isinstance(grant, dict):
            return
        grant_id = grant.get("id")
        if isinstance(grant_id, str):
            self.first_index.add(grant_id, index)
        orgs = grant.get("fundingOrganization")
        for org in orgs if isinstance(orgs, list) else ():
            if isinstance(org, dict):
                funder_id, name = _stripped(org.get("id")), _stripped(org.get("name"))
                if self.first_funder is None:
                    self.first_funder = funder_id
                self.first_names.add(funder_id, name)
                self._names.add(name, index)
                self._pairs.add(_pair(name, funder_id), index)

    def named(self, name: str, funder_id: str | None = None) -> bool:
        """Whether a funder came with ``name`` (with the id ``funder_id``, when given)."""
        if funder_id is None:
            return name in self._names
        return _pair(name, funder_id) in self._pairs

    def close(self) -> None:
        """Forget what was seen and remove the temporary databases."""
        for table in (self.first_index, self.first_names, self._names, self._pairs):
            table.close()

    def __enter__(self) -> Self:
        """Use the tables for the length of a ``with`` block."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the tables."""
        self.close()


def _pair(name: str, funder_id: str) -> str:
    # One text for the two, told apart by the name's length: no two pairs share a key.
    return f"{len(name)}:{name}{funder_id}"


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
            seen = GrantsSeen()  # in memory, as the grants it reads already are
            for index, grant in enumerate(self.grants[: self.index]):
                seen.add(grant, index)
            object.__setattr__(self, "seen", seen)
            return seen
        return self.seen
