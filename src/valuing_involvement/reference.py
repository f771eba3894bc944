"""Reference figures from the survey behind the guidelines, and a portfolio set against them.

The survey (2006-07) heard from 29 groups and 12 commissioners, mostly in London; the figures
are small samples, useful as a point of comparison, not as targets.  Each figure carries its
citation, year and who answered: a figure of counts gives its denominator through
:attr:`Figure.total`, a range says whose answers it spans in ``base``.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping

import attrs

from valuing_involvement._bounds import in_context
from valuing_involvement._frozen import frozen_dict
from valuing_involvement._money import pounds
from valuing_involvement.groups import Constituency
from valuing_involvement.portfolio import Portfolio

__all__ = ["FIGURES", "Figure", "ReferenceComparison", "compare_to_reference"]

_K = decimal.Decimal(1000)
_BUDGETS = "budgets specified by commissioners; 7 of the 9 who answered could identify theirs"


@attrs.frozen(kw_only=True)
class Figure:
    """One reference figure: a range in pounds a year, or counts by answer, with its source.

    ``base`` says who answered, in the source's own numbers.  ``respondents`` is how many were
    asked, given only when the counts do not account for all of them (the source leaves a
    count out): then :attr:`total` is less than ``respondents`` and the rest is not stated.
    """

    key: str
    description: str
    citation: str
    base: str = ""
    year: str = "2006-07"
    low: decimal.Decimal | None = None
    high: decimal.Decimal | None = None
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=frozen_dict, hash=False)
    respondents: int | None = None

    @property
    def total(self) -> int:
        """How many answered, for a figure of counts."""
        return sum(self.counts.values())


#: The survey's figures, in the order of the source.
FIGURES = (
    Figure(
        key="commissioner-body-types",
        description="Commissioners by type of body",
        citation="§1.1",
        counts={
            "joint_pct_local_authority": 5,
            "primary_care_trust": 3,
            "local_authority": 2,
            "joint_commissioning_board": 1,
        },
    ),
    Figure(
        key="independence",
        description="Groups by how far users or carers run them",
        citation="§2.1",
        counts={"run": 14, "led": 12, "neither": 3},
    ),
    Figure(
        key="management-committee",
        description="Groups with a management committee",
        citation="§2.1",
        base="29 groups; the source does not say how the other 11 answered",
        counts={"yes": 18},
        respondents=29,
    ),
    Figure(
        key="group-controls",
        description="Groups by the key decisions they take themselves",
        citation="§2.1",
        base=(
            "29 groups; the source lists personnel and policy without money twice, "
            "counted together here"
        ),
        counts={
            "money, personnel and policy": 19,
            "money only": 5,
            "personnel and policy": 2,
            "policy only": 1,
            "no answer": 2,
        },
    ),
    Figure(
        key="commissioner-definitions",
        description="Commissioners with a working definition of a user or carer group",
        citation="§2.2",
        counts={"yes": 7, "no": 5},
    ),
    Figure(
        key="commissioning-groups",
        description="Commissioners funding user or carer groups now",
        citation="§2.3",
        counts={"yes": 11, "no": 1},
    ),
    Figure(
        key="strategy-awareness",
        description="Groups that know whether their commissioners have a strategy for groups",
        citation="§2.7",
        counts={"knows": 16, "does not know": 13},
    ),
    Figure(
        key="commissioner-strategy",
        description="Commissioners with a strategy that covers user and carer groups",
        citation="§2.7",
        counts={"yes": 9, "no": 2},
    ),
    Figure(
        key="funding-sources",
        description="Groups by where their funding comes from",
        citation="§2.8",
        counts={
            "several sources": 23,
            "one statutory source": 3,
            "non-statutory only": 1,
            "none": 2,
        },
    ),
    Figure(
        key="budget-identifiable",
        description="Commissioners able to identify their budget for user and carer groups",
        citation="§2.9",
        counts={"yes": 7, "no": 1, "difficult": 1},
    ),
    Figure(
        key="area-budget",
        description="Whole-area spend on user and carer groups a year",
        citation="§2.9",
        base=_BUDGETS,
        low=38 * _K,
        high=130 * _K,
    ),
    Figure(
        key="user-group-budget",
        description="Whole-area spend on all user groups together a year (not one group's price)",
        citation="§2.9",
        base=_BUDGETS,
        low=16 * _K,
        high=80 * _K,
    ),
    Figure(
        key="carer-group-budget",
        description="Whole-area spend on all carer groups together a year (not one group's price)",
        citation="§2.9",
        base=_BUDGETS,
        low=9 * _K,
        high=30 * _K,
    ),
    Figure(
        key="user-focused-monitoring",
        description="Whole-area spend on user-focused monitoring a year",
        citation="§2.9",
        base=_BUDGETS,
        low=50 * _K,
        high=50 * _K,
    ),
    Figure(
        key="encouraged-to-apply",
        description="Groups encouraged to apply to a statutory body for funding",
        citation="§2.10",
        counts={"yes": 22, "no": 5, "not applicable": 2},
    ),
    Figure(
        key="application-support",
        description="Groups encouraged to apply: whether they had enough information and support",
        citation="§2.10",
        base="the 22 groups encouraged to apply",
        counts={"yes": 14, "no": 7, "no answer": 1},
    ),
    Figure(
        key="encourages-applications",
        description="Commissioners who encourage groups to apply to them",
        citation="§2.10",
        counts={"yes": 6, "no": 5},
    ),
    Figure(
        key="other-funding-advice-groups",
        description="Groups encouraged by commissioners to seek part of their funding elsewhere",
        citation="§2.11",
        counts={"yes": 11, "no": 17, "no answer": 1},
    ),
    Figure(
        key="other-funding-advice-commissioners",
        description="Commissioners who encourage groups to seek funding elsewhere",
        citation="§2.11",
        counts={"yes": 8, "no": 2},
    ),
    Figure(
        key="funding-length-groups",
        description="Groups' funded projects by length of funding, in months (27 answered)",
        citation="§2.12",
        counts={"6": 1, "12": 9, "18": 1, "24": 3, "36": 13},
    ),
    Figure(
        key="funding-length-commissioners",
        description="Commissioners by usual length of funding, in months",
        citation="§2.12",
        counts={"12": 7, "36": 4},
    ),
    Figure(
        key="contracts",
        description="Groups with a contract or SLA",
        citation="§2.15",
        counts={"yes": 22, "no": 6, "not applicable": 1},
    ),
    Figure(
        key="own-monitoring",
        description="Groups involved in monitoring and evaluating their own work",
        citation="§2.15",
        counts={"yes": 22, "no": 3, "not applicable": 4},
    ),
    Figure(
        key="business-plans",
        description="Groups expected to produce a business plan",
        citation="§2.16",
        counts={"yes": 11, "no": 11, "not applicable": 5, "no answer": 2},
    ),
    Figure(
        key="business-plan-help",
        description="Groups expected to produce a business plan: whether they were helped",
        citation="§2.16",
        counts={"offered information or support": 3, "given no help": 8},
    ),
    Figure(
        key="commissioner-business-plans",
        description="Commissioners who expect a business plan",
        citation="§2.16",
        counts={"yes": 3, "no": 6, "sometimes": 2},
    ),
    Figure(
        key="help-meeting-targets",
        description="Groups' help in meeting their targets",
        citation="§2.17",
        counts={"adequate": 5, "some": 5, "none": 12, "not applicable": 4, "no answer": 3},
    ),
    Figure(
        key="commissioner-ongoing-support",
        description="Commissioners who help groups meet their targets",
        citation="§2.17",
        counts={"yes": 7, "no": 1},
    ),
    Figure(
        key="involvement-in-commissioning",
        description="Groups' view of user and carer involvement in commissioning",
        citation="§2.18",
        counts={"involved": 13, "limited": 6, "not aware": 8, "no answer": 2},
    ),
    Figure(
        key="commissioner-involvement",
        description="Commissioners who involve users and carers in commissioning",
        citation="§2.18",
        counts={"yes": 8, "no": 2},
    ),
    Figure(
        key="non-monetary-support-groups",
        description="Groups offered support other than money by commissioners",
        citation="§2.19",
        base="29 groups; the source leaves out how many said no",
        counts={"yes": 16, "not applicable": 2, "no answer": 1},
        respondents=29,
    ),
    Figure(
        key="commissioner-other-support",
        description="Commissioners who offer support other than money",
        citation="§2.19",
        counts={"yes": 9, "no": 2},
    ),
    Figure(
        key="unmet-support-needs",
        description="Groups with support needs their commissioners do not meet",
        citation="§2.19",
        counts={"yes": 19, "no": 6, "not applicable": 2, "no answer": 2},
    ),
)

_BY_KEY = {figure.key: figure for figure in FIGURES}
_GROUP_BUDGETS = {
    Constituency.SERVICE_USERS: "user-group-budget",
    Constituency.CARERS: "carer-group-budget",
}


@attrs.frozen(kw_only=True)
class ReferenceComparison:
    """One of the portfolio's figures set against the survey's."""

    figure: str
    citation: str
    subject: str
    value: str
    reference: str
    within: bool | None


_THREE_YEARS = 36


def _bounds(figure: Figure) -> tuple[decimal.Decimal, decimal.Decimal]:
    if figure.low is None or figure.high is None:  # pragma: no cover - the ranges are above
        raise ValueError(f"{figure.key} is not a range")
    return figure.low, figure.high


def _range(figure: Figure) -> str:
    low, high = _bounds(figure)
    return f"{pounds(low)}–{pounds(high)} a year ({figure.year})"


@in_context
def compare_to_reference(portfolio: Portfolio) -> tuple[ReferenceComparison, ...]:
    """Set the portfolio's spend and funding lengths against the survey's figures.

    The survey's ranges are whole-area spend (``§2.9``), not the price of one group: so the
    portfolio's funding of all its user groups together is set against the range for user
    groups, its funding of all its carer groups against the range for carer groups, and its
    whole direct spend against the area range.  The share of agreements lasting three years or
    more is set beside the share of funded projects surveyed (``§2.12``).

    >>> from valuing_involvement import example_portfolio
    >>> for c in compare_to_reference(example_portfolio())[:2]:
    ...     print(c.figure, c.value, c.within)
    user-group-budget £51,000.00 a year True
    carer-group-budget £12,000.00 a year True
    """
    results = []
    by_reference = {g.reference: g for g in portfolio.groups if g.reference is not None}
    per_kind: dict[Constituency, decimal.Decimal] = {}
    for contract in portfolio.contracts:
        group = contract.group or by_reference.get(contract.group_reference or "")
        if group is None or group.constituency not in _GROUP_BUDGETS:
            continue
        per_kind[group.constituency] = (
            per_kind.get(group.constituency, decimal.Decimal(0)) + contract.amount_per_year
        )
    for kind, figure_key in _GROUP_BUDGETS.items():
        if kind not in per_kind:
            continue
        figure = _BY_KEY[figure_key]
        low, high = _bounds(figure)
        results.append(
            ReferenceComparison(
                figure=figure.key,
                citation=figure.citation,
                subject=portfolio.commissioner.name,
                value=f"{pounds(per_kind[kind])} a year",
                reference=_range(figure),
                within=low <= per_kind[kind] <= high,
            )
        )
    area = _BY_KEY["area-budget"]
    low, high = _bounds(area)
    direct = sum((c.amount_per_year for c in portfolio.contracts), decimal.Decimal(0))
    results.append(
        ReferenceComparison(
            figure=area.key,
            citation=area.citation,
            subject=portfolio.commissioner.name,
            value=f"{pounds(direct)} a year",
            reference=_range(area),
            within=low <= direct <= high,
        )
    )
    lengths = _BY_KEY["funding-length-groups"]
    if portfolio.contracts:
        known = [c.months for c in portfolio.contracts if c.months is not None]
        long = sum(months >= _THREE_YEARS for months in known)
        unknown = len(portfolio.contracts) - len(known)
        surveyed = lengths.counts["36"] / lengths.total
        results.append(
            ReferenceComparison(
                figure=lengths.key,
                citation=lengths.citation,
                subject=portfolio.commissioner.name,
                value=f"{long} of {len(known)} agreements run three years or more"
                + (f" ({unknown} of unknown length)" if unknown else ""),
                reference=(
                    f"{lengths.counts['36']} of {lengths.total} funded projects surveyed "
                    f"({surveyed:.0%})"
                ),
                within=None,
            )
        )
    return tuple(results)
