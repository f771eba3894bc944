"""Seats and involvement, and the series that read them: who speaks for whom, what is bought."""

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from profiles import share
from valuing_involvement import (
    Activity,
    CommissioningBody,
    Constituency,
    Involvement,
    Portfolio,
    Representation,
    Role,
    Seat,
    Stage,
    assess_portfolio,
    from_json,
    to_json,
)
from valuing_involvement.rules.objectives import INVOLVEMENT_WORK, SERVICE_WORK, involvement_only
from valuing_involvement.testing.strategies import involvements, portfolios

BOARD = CommissioningBody.PARTNERSHIP_BOARD
PORTFOLIO_EXEMPLAR = from_json(
    (Path(__file__).parent / "cases" / "portfolio-exemplar.json").read_bytes(), Portfolio
)


def seat(speaks_for, roles, paid=None):
    return Seat(body=BOARD, speaks_for=speaks_for, holder_roles=roles, paid=paid)


@pytest.mark.parametrize(
    ("speaks_for", "roles", "paid", "expected"),
    [
        (Constituency.CARERS, [Role.CARER], True, Representation.DIRECT),  # a paid carer
        (Constituency.CARERS, [], True, Representation.PAID_WORKERS),
        (Constituency.CARERS, [Role.SERVICE_USER], True, Representation.PAID_WORKERS),
        (Constituency.CARERS, [], False, None),  # an unpaid ally: not what G5(a) names
        (Constituency.CARERS, None, True, None),  # roles unknown
        (Constituency.SERVICE_USERS_AND_CARERS, [Role.CARER], None, Representation.DIRECT),
    ],
)
def test_a_seat_is_direct_when_its_holder_holds_a_role_it_speaks_for(
    speaks_for, roles, paid, expected
):
    assert seat(speaks_for, roles, paid).represented_by is expected


def test_a_joint_seat_represents_directly_only_the_roles_its_holder_holds():
    joint = seat(Constituency.SERVICE_USERS_AND_CARERS, [Role.SERVICE_USER])
    assert joint.direct_for == {Role.SERVICE_USER}


def test_not_involved_cannot_record_a_stage():
    with pytest.raises(ValueError, match="involved"):
        Involvement(involved=False, starts_at=Stage.TENDER)
    assert Involvement(involved=False).starts_at is None


@given(involvements())
def test_involvement_round_trips(involvement):
    assert from_json(to_json(involvement), Involvement) == involvement


def test_involvement_work_is_what_section_2_5_lists_under_involvement():
    assert {Activity.INVOLVEMENT, Activity.MONITORING, Activity.TRAINING} == INVOLVEMENT_WORK
    assert not INVOLVEMENT_WORK & SERVICE_WORK
    assert not involvement_only(frozenset())  # unknown is not involvement only
    assert involvement_only(frozenset({Activity.MONITORING}))
    assert involvement_only(frozenset({Activity.INVOLVEMENT, Activity.TRAINING}))  # §2.5
    assert not involvement_only(frozenset({Activity.INVOLVEMENT, Activity.SUPPORT}))


@settings(max_examples=share(0.25))  # a whole portfolio assessed per example
@given(portfolios())
def test_vi201_and_vi220_agree_on_what_involvement_only_means(portfolio):
    # When VI220 says every agreement buys involvement alone, no agreement's own check can say
    # it buys more: both read the one definition.
    codes = [f.code for f in assess_portfolio(portfolio).findings]
    if "VI220" in codes:
        assert all(involvement_only(c.roles_bought) for c in portfolio.contracts)


def test_carers_spoken_for_by_a_worker_is_reported_even_when_users_sit_themselves():
    seats = (
        seat(Constituency.SERVICE_USERS, [Role.SERVICE_USER], paid=False),
        seat(Constituency.CARERS, [], paid=True),
    )
    portfolio = attrs.evolve(
        PORTFOLIO_EXEMPLAR,
        involvement=attrs.evolve(PORTFOLIO_EXEMPLAR.involvement, seats=seats),
    )
    found = {(f.code, f.evidence.get("role")) for f in assess_portfolio(portfolio).findings}
    assert ("VI506", "carer") in found
    assert ("VI506", "service_user") not in found
    assert ("VI504", None) in found
