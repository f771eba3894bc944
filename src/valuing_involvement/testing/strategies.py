"""Hypothesis strategies for every public model, for this library's tests and for yours.

Install the ``hypothesis`` extra (``pip install "valuing-involvement[hypothesis]"``).  Each
function returns a :class:`~hypothesis.strategies.SearchStrategy` of valid models; keyword
arguments pin parts of what is generated.  The strategies are also registered with hypothesis
through its entry point, so ``st.from_type(Group)`` works once the package is installed.

>>> from hypothesis import given
>>> @given(groups(constituency=st.just(Constituency.CARERS)))
... def test_carer_groups(group):
...     assert group.constituency is Constituency.CARERS
>>> test_carer_groups()
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import attrs

try:
    from hypothesis import find  # noqa: F401 -- the docstring examples use it
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # the optional extra, as the other extras say
    if exc.name != "hypothesis":
        raise
    msg = 'the strategies need hypothesis: pip install "valuing-involvement[hypothesis]"'
    raise ModuleNotFoundError(msg, name=exc.name) from exc

from valuing_involvement.assessment import Assessment, assess_portfolio
from valuing_involvement.checking import check_contract
from valuing_involvement.classification import Classification, classify_group
from valuing_involvement.commissioners import (
    ApplicationAid,
    BodyType,
    Commissioner,
    CommissioningBody,
    Community,
    Coverage,
    Factor,
    Involvement,
    NonMonetarySupport,
    Objective,
    Population,
    Seat,
    Stage,
    Strategy,
)
from valuing_involvement.contracts import (
    AgreementKind,
    Contract,
    GroupPart,
    Hosting,
    Kpi,
    KpiKind,
    LegalStatus,
    Representation,
    Requirement,
    Support,
    Term,
    Variation,
    VariationKind,
    Waiver,
)
from valuing_involvement.costs import Basis, Costs
from valuing_involvement.funding import FundingPeriod, ReportingFrequency
from valuing_involvement.groups import (
    Activity,
    BodyKind,
    Constituency,
    DecisionBody,
    DiversityApproach,
    Domain,
    Group,
    Host,
    HostKind,
    Infrastructure,
    Leadership,
    LegalForm,
    Member,
)
from valuing_involvement.portfolio import IndirectFunding, Portfolio
from valuing_involvement.reports import Report
from valuing_involvement.roles import CareLevel, PersonFacts, Relationship, Role, ServiceUse
from valuing_involvement.rules import RULES

__all__ = [
    "COMMUNITY_NAMES",
    "amounts",
    "assessments",
    "classifications",
    "commissioners",
    "contracts",
    "dates",
    "decision_bodies",
    "funding_periods",
    "groups",
    "hosts",
    "involvements",
    "kpis",
    "members",
    "names",
    "period_states",
    "person_facts",
    "populations",
    "portfolios",
    "reports",
    "roles",
    "strategies",
    "waivers",
]


def names(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Generate non-blank text, as used for group and host names.

    >>> find(names(), lambda name: len(name) > 3).strip() != ""
    True
    """
    return st.text(min_size=1, max_size=max_size).filter(str.strip)


def roles() -> st.SearchStrategy[frozenset[Role]]:
    """Generate any set of roles, the empty set included.

    >>> sorted(role.value for role in find(roles(), lambda found: len(found) == 2))
    ['carer', 'service_user']
    """
    return st.frozensets(st.sampled_from(Role))


_any_roles = roles  # the keyword argument ``roles`` of members() shadows the function


def person_facts() -> st.SearchStrategy[PersonFacts]:
    """Generate facts about a person: their use of services and how they help others.

    >>> find(person_facts(), lambda facts: facts.care_levels).service_use is ServiceUse.NONE
    False
    """
    used = st.builds(
        PersonFacts,
        service_use=st.sampled_from([ServiceUse.CURRENT, ServiceUse.PAST]),
        care_levels=st.frozensets(st.sampled_from(CareLevel)),
        helps=st.frozensets(st.sampled_from(Relationship)),
    )
    never = st.builds(
        PersonFacts,
        service_use=st.just(ServiceUse.NONE),
        helps=st.frozensets(st.sampled_from(Relationship)),
    )
    return used | never


def members(
    *,
    roles: st.SearchStrategy[frozenset[Role]] | None = None,
    voting: st.SearchStrategy[bool] | None = None,
    associate: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Member]:
    """Generate a seat on a decision-making body.

    >>> find(members(voting=st.just(False)), lambda member: True).voting
    False
    """
    return st.builds(
        Member,
        roles=_any_roles() if roles is None else roles,
        voting=st.booleans() if voting is None else voting,
        associate=st.booleans() if associate is None else associate,
        paid=st.booleans(),
        label=st.none() | st.text(max_size=20),
        private=st.booleans(),
    )


_any_members = members  # the keyword argument ``members`` of decision_bodies() shadows it


def decision_bodies(
    *, members: st.SearchStrategy[Member] | None = None, min_size: int = 0, max_size: int = 15
) -> st.SearchStrategy[DecisionBody]:
    """Generate a decision-making body of ``min_size`` to ``max_size`` members.

    >>> len(find(decision_bodies(min_size=3, max_size=3), lambda body: True).members)
    3
    """
    seat = _any_members() if members is None else members
    return st.builds(
        DecisionBody,
        members=st.lists(seat, min_size=min_size, max_size=max_size),
        kind=st.sampled_from(BodyKind),
    )


def hosts() -> st.SearchStrategy[Host]:
    """Generate an organisation hosting a group.

    >>> find(hosts(), lambda host: host.kind is HostKind.NHS_TRUST).kind.value
    'nhs_trust'
    """
    return st.builds(
        Host,
        name=names(),
        kind=st.none() | st.sampled_from(HostKind),
        takes=st.none() | st.frozensets(st.sampled_from(Domain)),
    )


def groups(
    *,
    constituency: st.SearchStrategy[Constituency] | None = None,
    decision_body: st.SearchStrategy[DecisionBody | None] | None = None,
    controls: st.SearchStrategy[frozenset[Domain]] | None = None,
    host: st.SearchStrategy[Host | None] | None = None,
    leadership: Leadership | None = None,
) -> st.SearchStrategy[Group]:
    """Generate a group, with every optional fact sometimes present and sometimes not.

    Arbitrary facts make a group *neither* nineteen times in twenty.  Pass ``leadership`` to get
    only groups of that class: for *run* and *led* the body is built mostly of members who count,
    so a property of run or led groups is tried on many of them.

    >>> find(groups(decision_body=st.none()), lambda group: True).decision_body is None
    True
    >>> find(groups(leadership=Leadership.RUN), lambda group: True).controls == set(Domain)
    True
    """
    if leadership is None:
        return _groups_of_facts(constituency, decision_body, controls, host)
    if leadership is Leadership.NEITHER:
        aimed = _groups_of_facts(constituency, decision_body, controls, host)
    else:
        if controls is None:
            controls = (
                st.just(frozenset(Domain))
                if leadership is Leadership.RUN
                else st.frozensets(st.sampled_from(Domain), min_size=1)
            )
        aimed = (st.sampled_from(Constituency) if constituency is None else constituency).flatmap(
            lambda chosen: _groups_of_facts(
                st.just(chosen),
                _leading_bodies(chosen, leadership) if decision_body is None else decision_body,
                controls,
                host,
            )
        )
    return aimed.filter(lambda group: classify_group(group).leadership is leadership)


def _groups_of_facts(
    constituency: st.SearchStrategy[Constituency] | None,
    decision_body: st.SearchStrategy[DecisionBody | None] | None,
    controls: st.SearchStrategy[frozenset[Domain]] | None,
    host: st.SearchStrategy[Host | None] | None,
) -> st.SearchStrategy[Group]:
    body = st.none() | decision_bodies() if decision_body is None else decision_body
    return st.builds(
        Group,
        name=names(),
        constituency=st.sampled_from(Constituency) if constituency is None else constituency,
        decision_body=body,
        controls=st.frozensets(st.sampled_from(Domain)) if controls is None else controls,
        host=st.none() | hosts() if host is None else host,
        legal_form=st.none() | st.sampled_from(LegalForm),
        activities=st.frozensets(st.sampled_from(Activity)),
        communities=st.frozensets(names(max_size=20), max_size=3),
        reflects=st.frozensets(names(max_size=20), max_size=2),
        diversity_approach=st.none() | st.sampled_from(DiversityApproach),
        reference=st.none() | names(max_size=12),
        self_described=st.none() | st.sampled_from(Leadership),
    )


def _leading_bodies(
    constituency: Constituency, leadership: Leadership
) -> st.SearchStrategy[DecisionBody]:
    """Bodies most of whose voting seats count for ``constituency``: all of them for *run*."""
    own = sorted(constituency.roles, key=lambda role: role.value)
    role_sets = st.tuples(st.sampled_from(own), _any_roles()).map(lambda pair: pair[1] | {pair[0]})
    yes, no = st.just(True), st.just(False)  # noqa: FBT003 -- strategies of one value
    counting = st.lists(
        _any_members(roles=role_sets, voting=yes, associate=no), min_size=1, max_size=8
    )
    others = (
        _any_members(voting=no)  # attendees only: they never decide
        if leadership is Leadership.RUN
        else _any_members()
    )
    seats = counting.flatmap(
        lambda seated: st.lists(others, max_size=len(seated) - 1).map(seated.__add__)
    )
    return st.builds(
        DecisionBody, members=seats.flatmap(st.permutations), kind=st.sampled_from(BodyKind)
    )


_any_groups = groups  # the keyword argument ``groups`` of classifications() shadows it


def classifications(
    *, groups: st.SearchStrategy[Group] | None = None
) -> st.SearchStrategy[Classification]:
    """Generate the classification of a generated group (of ``groups`` when given).

    Most arbitrary groups are classified *neither*; pass a narrower ``groups``
    strategy to reach *run* or *led* reliably.

    >>> users = members(roles=st.just(frozenset({Role.SERVICE_USER})), voting=st.just(True),
    ...                 associate=st.just(False))
    >>> run_groups = _any_groups(decision_body=decision_bodies(members=users, min_size=1),
    ...                          controls=st.just(frozenset(Domain)), host=st.none())
    >>> find(classifications(groups=run_groups), lambda c: True).leadership.value
    'run'
    """
    source = _any_groups() if groups is None else groups
    return source.map(classify_group)


def dates(
    *, min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2035, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Generate plain dates (never datetimes) in a commissioning-sized range.

    >>> leap = dates(min_value=dt.date(2024, 2, 28), max_value=dt.date(2024, 3, 1))
    >>> find(leap, lambda day: day.month == 2 and day.day == 29).day
    29
    """
    return st.dates(min_value=min_value, max_value=max_value)


def funding_periods(*, max_months: int = 72) -> st.SearchStrategy[FundingPeriod]:
    """Generate funding periods, from whole months and from arbitrary end dates.

    >>> find(funding_periods(), lambda period: period.months == 36).months
    36
    """
    by_months = st.builds(
        FundingPeriod.from_months, dates(), st.integers(min_value=1, max_value=max_months)
    )
    by_dates = st.builds(
        lambda start, days: FundingPeriod(start=start, end=start + dt.timedelta(days=days)),
        dates(),
        st.integers(min_value=0, max_value=max_months * 31),
    )
    return by_months | by_dates


def period_states(
    *, max_months: int = 72
) -> st.SearchStrategy[tuple[FundingPeriod | None, int | None]]:
    """Generate what an agreement may know of its period: ``(period, length_months)``.

    The four states: start and end, start and length (a period built from months), length
    only (``(None, months)``), and nothing (``(None, None)``).

    >>> find(period_states(), lambda state: state[0] is None and state[1] is not None)[1]
    1
    """
    return (
        funding_periods(max_months=max_months).map(lambda period: (period, None))
        | st.integers(min_value=1, max_value=max_months).map(lambda months: (None, months))
        | st.just((None, None))
    )


def amounts(*, max_value: int = 250_000) -> st.SearchStrategy[decimal.Decimal]:
    """Generate yearly amounts in pounds and pence, from nothing to ``max_value``.

    >>> find(amounts(), lambda amount: amount > 1000) > 1000
    True
    """
    return st.decimals(min_value=0, max_value=max_value, places=2, allow_nan=False)


def kpis() -> st.SearchStrategy[Kpi]:
    """Generate performance indicators of every kind.

    >>> find(kpis(), lambda kpi: kpi.kind is KpiKind.OUTCOME).kind.value
    'outcome'
    """
    return st.builds(
        Kpi,
        description=names(),
        kind=st.sampled_from(KpiKind),
        agreed_with_group=st.none() | st.booleans(),
        supported=st.none() | st.booleans(),
    )


def waivers(*, codes: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Waiver]:
    """Generate waivers, by default of codes in the catalogue.

    >>> find(waivers(), lambda waiver: waiver.until is not None).code.startswith("VI")
    True
    """
    return st.builds(
        Waiver,
        code=st.sampled_from([rule.code for rule in RULES]) if codes is None else codes,
        reason=names(),
        agreed_by=names(),
        until=st.none() | dates(),
    )


def contracts(
    *,
    group: st.SearchStrategy[Group | None] | None = None,
    period: st.SearchStrategy[FundingPeriod] | None = None,
) -> st.SearchStrategy[Contract]:
    """Generate agreements with every optional term sometimes present and sometimes not.

    Without ``period``, the period takes every state :func:`period_states` gives, undated
    ones included; pass ``period=funding_periods()`` for dated agreements only.  The kind of
    agreement, the support it offers and its terms are sometimes not stated (``None``), as in
    an imported 360Giving grant, and the support and terms sometimes stated as none (empty).

    >>> find(contracts(), lambda contract: contract.waivers).waivers[0].code.startswith("VI")
    True
    >>> find(contracts(), lambda contract: contract.kind is None).written is None
    True
    >>> find(contracts(), lambda contract: contract.terms is None).terms is None
    True
    """
    answer = st.none() | st.booleans()  # a yes/no the agreement may leave unstated
    requirement = st.builds(Requirement, required=answer, help_offered=answer, group_ready=answer)
    variation = st.builds(
        Variation,
        on=dates(),
        kind=st.sampled_from(VariationKind),
        change=names(),
        agreed_with_group=st.none() | st.booleans(),
    )
    legal_status = st.builds(
        LegalStatus,
        required=st.sampled_from((True,)),
        form=st.none() | st.sampled_from(LegalForm),
        help_offered=answer,
        group_ready=answer,
    ) | st.builds(  # no form: none asked for, or whether one is asked for not stated
        LegalStatus, required=answer, help_offered=answer, group_ready=answer
    )
    hosting = st.builds(
        Hosting,
        host=names(),
        kind=st.none() | st.sampled_from(HostKind),
        skills_training=answer,
        independence_plan=answer,
    )
    states = period_states() if period is None else period.map(lambda dated: (dated, None))
    return st.builds(
        _contract_in_state,
        states,
        commissioner=names(),
        kind=st.none() | st.sampled_from(AgreementKind),  # a grant does not state its kind
        amount_per_year=amounts(),
        reference=st.none() | names(max_size=12),
        title=st.none() | names(),
        awarded_on=st.none() | dates(),
        date_modified=st.none() | dates(),
        group=st.none() | groups() if group is None else group,
        funded_as=st.none() | st.sampled_from(Leadership),
        overheads_funded=st.none() | st.booleans(),
        costs=st.none() | _costs(),
        renewal_decision_by=st.none() | dates(),
        renewal_notice_months=st.none() | st.integers(min_value=0, max_value=12),
        aims=st.lists(names(), max_size=3),
        roles_bought=st.frozensets(st.sampled_from(Activity)),
        kpis=st.lists(kpis(), max_size=10),
        monitoring=st.none() | st.sampled_from(GroupPart),
        reporting=st.none() | st.sampled_from(ReportingFrequency),
        legal_status=legal_status,
        business_plan=requirement,
        hosting=st.none() | hosting,
        support=st.none() | st.frozensets(st.sampled_from(Support)),  # a grant states none
        infrastructure=st.frozensets(st.sampled_from(Infrastructure)),
        terms=st.none() | st.frozensets(st.sampled_from(Term)),
        insurance_needed=st.none() | st.booleans(),
        dual_monitoring=st.none() | st.booleans(),
        representation=st.none() | st.sampled_from(Representation),
        variations=st.lists(variation, max_size=3),
        waivers=st.lists(waivers(), max_size=3),
    )


def _contract_in_state(state: tuple[FundingPeriod | None, int | None], **fields: Any) -> Contract:  # noqa: ANN401
    period, length = state
    return Contract(period=period, length_months=length, **fields)


@st.composite
def _costs(draw: st.DrawFn) -> Costs:
    whole = draw(st.decimals(min_value=1, max_value=100, places=1))
    part = draw(st.decimals(min_value=0, max_value=whole, places=1))
    return Costs(
        direct=draw(amounts()),
        overheads=draw(amounts()),
        basis=draw(st.sampled_from(Basis)),
        project_measure=part,
        organisation_measure=whole,
        other_funding=draw(st.none() | amounts()),
    )


def reports() -> st.SearchStrategy[Report]:
    """Generate the reports of generated agreements, checked on a generated date.

    >>> find(reports(), lambda report: report.findings).findings[0].code.startswith("VI")
    True
    """
    return st.builds(lambda contract, on: check_contract(contract, on=on), contracts(), dates())


def commissioners() -> st.SearchStrategy[Commissioner]:
    """Generate commissioners with every questionnaire answer yes, no or unknown.

    >>> find(commissioners(), lambda c: c.has_definition is False).has_definition
    False
    """
    answer = st.none() | st.booleans()
    return st.builds(
        Commissioner,
        name=names(),
        body_type=st.sampled_from(BodyType),
        has_definition=answer,
        encourages_applications=answer,
        helps_with_applications=answer,
        advises_on_other_funding=answer,
        expects_business_plans=answer,
        helps_with_business_plans=answer,
        ongoing_support=answer,
        infrastructure_offered=st.frozensets(st.sampled_from(Infrastructure)),
        application_route=st.none() | st.frozensets(st.sampled_from(ApplicationAid)),
        non_monetary_support=st.none() | st.frozensets(st.sampled_from(NonMonetarySupport)),
        budget_identifiable=answer,
        annual_budget=st.none() | amounts(),
    )


def strategies() -> st.SearchStrategy[Strategy]:
    """Generate commissioning strategies serving, weighing and covering any mix of aspects.

    >>> find(strategies(), lambda strategy: strategy.written).written
    True
    """
    return st.builds(
        Strategy,
        written=st.none() | st.booleans(),
        published=st.none() | st.booleans(),
        objectives=st.frozensets(st.sampled_from(Objective)),
        takes_account_of=st.frozensets(st.sampled_from(Factor)),
        covers=st.frozensets(st.sampled_from(Coverage)),
    )


def involvements() -> st.SearchStrategy[Involvement]:
    """Generate how users and carers take part in commissioning.

    >>> find(involvements(), lambda i: i.starts_at is Stage.STRATEGY).starts_at.value
    'strategy'
    """
    seat = st.builds(
        Seat,
        body=st.sampled_from(CommissioningBody),
        speaks_for=st.sampled_from(Constituency),
        holder_roles=st.none() | st.frozensets(st.sampled_from(Role)),
        paid=st.none() | st.booleans(),
        name=st.none() | names(max_size=20),
    )
    maybe = st.none() | st.booleans()
    involved = st.builds(
        Involvement,
        seats=st.lists(seat, max_size=3),
        starts_at=st.none() | st.sampled_from(Stage),
        involved=st.none() | st.just(True),  # noqa: FBT003 -- a value, not a flag
        money_decided_outside=maybe,
        in_tendering=maybe,
        duty_known=maybe,
    )
    # Not involved at all: no stage can be recorded with it.
    return involved | st.builds(Involvement, involved=st.just(False))  # noqa: FBT003


COMMUNITY_NAMES = ("Bangladeshi", "Black Caribbean", "Somali", "young people", "older people")
_BME = frozenset(COMMUNITY_NAMES[:3])


def populations() -> st.SearchStrategy[Population]:
    """Generate populations of up to five communities, shares within each dimension at most 1.

    Names come from :data:`COMMUNITY_NAMES`, so generated groups can serve them.

    >>> len(find(populations(), lambda p: len(p.communities) == 2).communities)
    2
    """
    shares = st.decimals(min_value=0, max_value=decimal.Decimal("0.2"), places=2)
    return st.lists(
        st.tuples(st.sampled_from(COMMUNITY_NAMES), shares), max_size=5, unique_by=lambda t: t[0]
    ).map(
        lambda rows: Population(
            communities=[
                Community(
                    name=name,
                    dimension=f"dimension {i}",
                    share=share,
                    part_of="BME" if name in _BME else None,
                )
                for i, (name, share) in enumerate(rows)
            ]
        )
    )


@st.composite
def _portfolios(draw: st.DrawFn, max_groups: int) -> Portfolio:
    count = draw(st.integers(min_value=0, max_value=max_groups))
    members = []
    for index in range(count):
        group = draw(groups(host=st.none()))
        served = draw(st.frozensets(st.sampled_from((*COMMUNITY_NAMES, "BME")), max_size=2))
        members.append(attrs.evolve(group, reference=f"G{index}", communities=served))
    deals: list[Contract] = []
    if count:
        for contract in draw(st.lists(contracts(group=st.none()), max_size=2 * count)):
            funded = draw(st.integers(min_value=0, max_value=count - 1))
            reference = f"A{len(deals)}"
            deals.append(attrs.evolve(contract, reference=reference, group_reference=f"G{funded}"))
    indirect = st.builds(
        IndirectFunding,
        via=names(),
        amount_per_year=amounts(),
        ring_fenced=st.none() | st.booleans(),
    )
    return Portfolio(
        commissioner=draw(commissioners()),
        strategy=draw(st.none() | strategies()),
        involvement=draw(st.none() | involvements()),
        population=draw(st.none() | populations()),
        groups=members,
        contracts=deals,
        indirect=draw(st.lists(indirect, max_size=2)),
    )


def portfolios(*, max_groups: int = 4) -> st.SearchStrategy[Portfolio]:
    """Generate portfolios whose agreements name their groups by reference (``G0``, ``G1`` ...).

    Agreements have references of their own (``A0``, ``A1`` ...), as :func:`compare` needs.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(portfolios())
    ... def test_references_resolve(portfolio):
    ...     assert all(portfolio.group_of(c) is not None for c in portfolio.contracts)
    >>> test_references_resolve()
    """
    return _portfolios(max_groups)


def assessments() -> st.SearchStrategy[Assessment]:
    """Generate the assessments of generated portfolios.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3)
    ... @given(assessments())
    ... def test_counts_add_up(assessment):
    ...     assert sum(assessment.counts.values()) == len(assessment.findings)
    >>> test_counts_add_up()
    """
    return portfolios().map(assess_portfolio)
