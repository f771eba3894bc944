"""The Wallcraft definition (G1(b), §2.1, §2.2): properties and the source document's own cases."""

import pickle

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from valuing_involvement import (
    BodyKind,
    Classification,
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Host,
    HostKind,
    Leadership,
    LegalForm,
    Member,
    Role,
    classify_group,
    example_groups,
)
from valuing_involvement.classification import _decide
from valuing_involvement.testing.strategies import decision_bodies, groups, members, names

ALL = frozenset(Domain)
USER = Member(roles=[Role.SERVICE_USER])
CARER = Member(roles=[Role.CARER])
WORKER = Member(paid=True)


def group(members, *, constituency=Constituency.SERVICE_USERS, controls=ALL, **extra):
    return Group(
        name="Test group",
        constituency=constituency,
        decision_body=DecisionBody(members=members),
        controls=controls,
        **extra,
    )


def leadership(g):
    return classify_group(g).leadership


def counts(member, constituency):
    return member.voting and bool(member.roles & constituency.roles)


# -- the source document's cases -----------------------------------------------------------------


def test_all_service_users_controlling_everything_is_run():
    assert leadership(group([USER] * 5)) is Leadership.RUN


def test_majority_with_a_worker_on_the_committee_is_led():
    assert leadership(group([USER, USER, WORKER])) is Leadership.LED


def test_therapy_group_run_by_professionals_is_neither():
    # §2.2: a therapy group run by non-service users is not a user group.
    therapists = [Member(paid=True, label="psychologist")] * 2
    assert leadership(group([*therapists, USER])) is Leadership.NEITHER


def test_day_centre_drop_in_run_by_professionals_is_neither():
    # §2.2: a day-centre drop-in run by staff is not a user group either.
    staff = [Member(paid=True)] * 3
    g = group(
        [*staff, USER],
        controls=[Domain.POLICY],
        host=Host(name="Trust", kind=HostKind.NHS_TRUST),
    )
    assert leadership(g) is Leadership.NEITHER


def test_hosted_group_whose_host_holds_the_money_is_at_most_led():
    # §2.1, G4(b): hosting usually keeps some decisions outside the group.
    g = group(
        [CARER] * 6,
        constituency=Constituency.CARERS,
        controls=[Domain.PERSONNEL, Domain.POLICY],
        host=Host(name="Borough Mind", takes=[Domain.MONEY]),
    )
    result = classify_group(g)
    assert result.leadership is Leadership.LED
    assert "by its host, Borough Mind" in " ".join(result.reasons)


def test_a_host_is_named_only_for_the_decisions_the_facts_say_it_takes():
    g = group(
        [CARER] * 3,
        constituency=Constituency.CARERS,
        controls=[Domain.POLICY],
        host=Host(name="Borough Mind", takes=[Domain.MONEY]),
    )
    reasons = " ".join(classify_group(g).reasons)
    assert "money decisions are taken by its host, Borough Mind" in reasons
    assert "personnel decisions are taken outside the group" in reasons
    unknown = attrs.evolve(g, host=Host(name="Borough Mind"))
    assert "Borough Mind" not in " ".join(classify_group(unknown).reasons)


def test_part_of_host_yet_taking_every_decision_is_a_contradiction():
    g = group([USER] * 3, host=Host(name="Borough Mind"), legal_form=LegalForm.PART_OF_HOST)
    result = classify_group(g)
    assert result.host_contradiction
    assert any("contradict" in reason for reason in result.reasons)
    assert not classify_group(attrs.evolve(g, controls=[Domain.POLICY])).host_contradiction


def test_counts_are_said_in_good_grammar():
    assert classify_group(group([USER])).reasons[0] == (
        "1 of 1 decision-maker on the management committee is a service user (G1(b), §2.2)."
    )
    assert (
        classify_group(group([USER, WORKER, WORKER]))
        .reasons[0]
        .startswith("1 of 3 decision-makers on the management committee is a service user")
    )


def test_the_edge_case_of_a_body_deciding_nothing_is_labelled_as_our_reading():
    reasons = " ".join(classify_group(group([USER] * 3, controls=[])).reasons)
    assert "this library's reading" in reasons


def test_exactly_half_is_not_a_majority():
    result = classify_group(group([USER, USER, WORKER, WORKER]))
    assert result.leadership is Leadership.NEITHER
    assert "exactly half" in result.reasons[-1]


def test_carer_groups_use_the_same_definition_for_carers():
    # §2.2: the same definition applies to carer groups.
    g = group([CARER] * 4, constituency=Constituency.CARERS)
    assert leadership(g) is Leadership.RUN
    assert leadership(attrs.evolve(g, constituency=Constituency.SERVICE_USERS)) is (
        Leadership.NEITHER
    )


def test_joint_forum_counts_either_role():
    g = group(
        [USER, CARER, Member(roles=list(Role))], constituency=Constituency.SERVICE_USERS_AND_CARERS
    )
    assert leadership(g) is Leadership.RUN


def test_a_person_holding_both_roles_counts_once():
    both = Member(roles=[Role.SERVICE_USER, Role.CARER])
    result = classify_group(
        group([both, WORKER], constituency=Constituency.SERVICE_USERS_AND_CARERS)
    )
    assert (result.counting, result.decision_makers) == (1, 2)


def test_a_voting_associate_counts_by_their_roles():
    # G1(b) looks at who sits and decides on the body; §2.4's associates keep their roles.
    associate = Member(roles=[Role.SERVICE_USER], associate=True)
    result = classify_group(group([USER, associate, associate]))
    assert result.leadership is Leadership.RUN
    assert any("§2.4" in reason for reason in result.reasons)


def test_a_committee_of_five_with_three_users_one_an_associate_is_led():
    associate = Member(roles=[Role.SERVICE_USER], associate=True)
    result = classify_group(group([USER, USER, associate, WORKER, WORKER]))
    assert (result.leadership, result.counting, result.decision_makers) == (Leadership.LED, 3, 5)


def test_non_voting_attendees_are_not_decision_makers():
    observer = Member(voting=False)
    result = classify_group(group([USER, USER, observer, observer, observer]))
    assert result.leadership is Leadership.RUN
    assert result.decision_makers == 2


def test_body_that_controls_nothing_decides_nothing():
    result = classify_group(group([USER] * 5, controls=[]))
    assert result.leadership is Leadership.NEITHER
    assert "decides nothing" in " ".join(result.reasons)


@pytest.mark.parametrize(
    "body", [None, DecisionBody(members=[]), DecisionBody(members=[Member(voting=False)])]
)
def test_missing_decision_makers_is_neither_and_says_so(body):
    g = Group(name="G", constituency=Constituency.CARERS, decision_body=body, controls=ALL)
    result = classify_group(g)
    assert result.leadership is Leadership.NEITHER
    assert result.facts_missing
    assert "cannot show" in result.reasons[0]


def test_bundled_example_covers_each_class():
    results = {g.name: classify_group(g).leadership for g in example_groups()}
    assert results == {
        "Lowmoor Voices": Leadership.RUN,
        "Lowmoor Carers Together": Leadership.LED,
        "Lowmoor Service User and Carer Forum": Leadership.LED,
        "Elm Road Day Centre Drop-in": Leadership.NEITHER,
        "Lowmoor Hearing Voices Network": Leadership.NEITHER,
    }


def test_survey_reports_run_led_and_neither():
    # §2.1 reports 14 run, 12 led and 3 neither of 29: every class must be reachable.
    assert {
        leadership(group([USER] * 3)),
        leadership(group([USER, USER, WORKER])),
        leadership(group([WORKER])),
    } == set(Leadership)


# -- properties ----------------------------------------------------------------------------------


@given(groups(), st.randoms(use_true_random=False))
def test_invariant_under_reordering_members(g, random):
    if g.decision_body is None:
        return
    shuffled = list(g.decision_body.members)
    random.shuffle(shuffled)
    reordered = attrs.evolve(g, decision_body=attrs.evolve(g.decision_body, members=shuffled))
    assert classify_group(reordered) == classify_group(g)


@given(groups())
def test_reasons_are_never_empty_and_cite_the_source(g):
    result = classify_group(g)
    assert result.reasons
    assert all("G1(b)" in r or "§2." in r for r in result.reasons)


@given(groups(), names())
def test_the_classification_reads_facts_not_the_name(g, other_name):
    assert classify_group(attrs.evolve(g, name=other_name)) == classify_group(g)


@given(decision_bodies(), st.sampled_from(Constituency))
def test_seats_counted_at_construction_match_a_recount(body, constituency):
    voting = [m for m in body.members if m.voting]
    qualifying = [m for m in voting if m.roles & constituency.roles]
    assert body.seats(constituency) == (
        len(voting),
        len(qualifying),
        sum(m.associate for m in qualifying),
    )


@given(groups(leadership=Leadership.RUN))
def test_run_means_everyone_counts_and_all_three_domains_are_held(g):
    voting = [m for m in g.decision_body.members if m.voting]
    assert voting
    assert all(counts(m, g.constituency) for m in voting)
    assert g.controls == ALL


@given(groups(leadership=Leadership.LED))
def test_led_means_a_strict_majority_that_is_not_everything(g):
    voting = [m for m in g.decision_body.members if m.voting]
    counting = sum(counts(m, g.constituency) for m in voting)
    assert 2 * counting > len(voting)
    assert counting < len(voting) or g.controls != ALL
    assert g.controls


@given(groups())
def test_counts_match_the_members(g):
    result = classify_group(g)
    voting = [] if g.decision_body is None else [m for m in g.decision_body.members if m.voting]
    assert result.decision_makers == len(voting)
    assert result.counting == sum(counts(m, g.constituency) for m in voting)


@given(groups(decision_body=decision_bodies(min_size=1)), st.data())
def test_making_a_member_count_never_lowers_the_result(g, data):
    index = data.draw(st.integers(0, len(g.decision_body.members) - 1))
    before = g.decision_body.members[index]
    after = attrs.evolve(before, roles=before.roles | g.constituency.roles, associate=False)
    members = list(g.decision_body.members)
    members[index] = after
    promoted = attrs.evolve(g, decision_body=attrs.evolve(g.decision_body, members=members))
    assert leadership(promoted).rank >= leadership(g).rank


@given(groups(), st.sampled_from(Domain))
def test_dropping_a_controlled_domain_never_yields_run(g, domain):
    reduced = attrs.evolve(g, controls=g.controls - {domain})
    assert leadership(reduced) is not Leadership.RUN
    assert leadership(reduced).rank <= leadership(g).rank


@given(groups(constituency=st.sampled_from([Constituency.SERVICE_USERS, Constituency.CARERS])))
def test_joint_constituency_never_classifies_lower(g):
    joint = attrs.evolve(g, constituency=Constituency.SERVICE_USERS_AND_CARERS)
    assert leadership(joint).rank >= leadership(g).rank


@given(groups(), members())
def test_adding_a_non_counting_decision_maker_never_raises_the_result(g, member):
    if g.decision_body is None:
        return
    outsider = attrs.evolve(member, roles=frozenset(), voting=True)
    body = attrs.evolve(g.decision_body, members=[*g.decision_body.members, outsider])
    assert leadership(attrs.evolve(g, decision_body=body)).rank <= leadership(g).rank


@given(groups())
def test_classification_is_deterministic(g):
    assert classify_group(g) == classify_group(g)


def test_generated_groups_reach_every_class():
    # Keeps the conditional properties above from passing vacuously.
    seen = set()

    @settings(max_examples=300, database=None, derandomize=True, phases=[Phase.generate])
    @given(groups())
    def collect(g):
        seen.add(leadership(g))

    collect()
    assert seen == set(Leadership)


@given(groups())
def test_facts_gathered_at_construction_survive_pickling(g):
    back = pickle.loads(pickle.dumps(g))  # noqa: S301 -- our own bytes, just made
    assert back == g
    assert classify_group(back) == classify_group(g)


# -- exact behaviour at each edge (issue 16: what mutation testing found no test stated) --------


def reasons(g):
    return classify_group(g).reasons


@pytest.mark.parametrize(
    ("counting", "decision_makers", "majority"),
    [
        (0, 0, False),
        (0, 1, False),
        (1, 1, True),
        (1, 2, False),  # exactly half is not a majority
        (2, 3, True),
        (2, 4, False),
        (3, 4, True),
        (3, 6, False),
        (4, 7, True),
    ],
)
def test_majority_is_strictly_more_than_half(counting, decision_makers, majority):
    result = Classification(
        leadership=Leadership.NEITHER,
        reasons=("A reason (G1(b)).",),
        constituency=Constituency.SERVICE_USERS,
        decision_makers=decision_makers,
        counting=counting,
        controls=ALL,
    )
    assert result.majority is majority


def test_majority_of_classified_groups():
    assert classify_group(group([USER, USER, USER, WORKER, WORKER])).majority is True
    assert classify_group(group([USER, USER, WORKER, WORKER])).majority is False
    assert classify_group(group([USER, WORKER, WORKER])).majority is False


def test_rank_orders_neither_below_led_below_run():
    assert [level.rank for level in (Leadership.NEITHER, Leadership.LED, Leadership.RUN)] == [
        0,
        1,
        2,
    ]
    assert sorted(Leadership, key=lambda level: level.rank) == [
        Leadership.NEITHER,
        Leadership.LED,
        Leadership.RUN,
    ]


def test_outside_lists_the_decisions_the_group_does_not_take():
    assert classify_group(group([USER], controls=[Domain.POLICY])).outside == {
        Domain.MONEY,
        Domain.PERSONNEL,
    }
    assert classify_group(group([USER])).outside == frozenset()
    assert classify_group(group([USER], controls=[])).outside == ALL


def test_a_classifiable_group_has_no_facts_missing():
    for seated in ([USER], [USER, USER, WORKER], [WORKER]):
        result = classify_group(group(seated))
        assert result.facts_missing is False
        assert (result.decision_makers, result.counting) == (
            len(seated),
            seated.count(USER),
        )


def test_one_voting_member_is_enough_to_classify():
    result = classify_group(group([USER]))
    assert result.leadership is Leadership.RUN
    assert result.reasons == (
        "1 of 1 decision-maker on the management committee is a service user (G1(b), §2.2).",
        (
            "The group takes its own money, personnel and policy decisions (§2.1; groups' "
            "questionnaire Q4)."
        ),
        "Run: service users make all the decisions (G1(b)).",
    )


def test_missing_facts_give_zero_counts_and_name_what_is_missing():
    no_body = Group(name="G", constituency=Constituency.CARERS, decision_body=None, controls=ALL)
    result = classify_group(no_body)
    assert (result.decision_makers, result.counting, result.facts_missing) == (0, 0, True)
    assert result.controls == ALL
    assert result.constituency is Constituency.CARERS
    assert result.reasons == (
        (
            "No decision-making body is recorded, so the facts cannot show the group to be run or "
            "led (G1(b))."
        ),
    )
    observers = DecisionBody(
        members=[Member(roles=[Role.CARER], voting=False)], kind=BodyKind.STEERING_GROUP
    )
    result = classify_group(attrs.evolve(no_body, decision_body=observers))
    assert (result.decision_makers, result.counting, result.facts_missing) == (0, 0, True)
    assert result.reasons == (
        (
            "No voting members of the steering group are recorded, so the facts cannot show the "
            "group to be run or led (G1(b))."
        ),
    )


def test_reasons_when_two_key_decisions_are_taken_by_the_host():
    g = group(
        [USER, USER, WORKER],
        controls=[Domain.POLICY],
        host=Host(name="Borough Mind", takes=[Domain.MONEY, Domain.PERSONNEL]),
    )
    assert reasons(g) == (
        "2 of 3 decision-makers on the management committee are service users (G1(b), §2.2).",
        (
            "Its money and personnel decisions are taken by its host, Borough Mind (§2.1; groups' "
            "questionnaire Q4)."
        ),
        (
            "Led: service users are a majority of the management committee but not the only "
            "decision-makers (G1(b))."
        ),
    )


def test_reasons_when_decisions_are_taken_by_an_unnamed_outside_body():
    g = group([CARER] * 3, constituency=Constituency.CARERS, controls=[Domain.MONEY])
    assert reasons(g) == (
        "3 of 3 decision-makers on the management committee are carers (G1(b), §2.2).",
        (
            "Its personnel and policy decisions are taken outside the group (§2.1; groups' "
            "questionnaire Q4)."
        ),
        (
            "Led: carers fill the management committee, but decisions taken outside the group mean "
            "they do not make all the decisions (G1(b))."
        ),
    )
    one_outside = attrs.evolve(g, controls=[Domain.MONEY, Domain.POLICY])
    assert reasons(one_outside)[1] == (
        "Its personnel decisions are taken outside the group (§2.1; groups' questionnaire Q4)."
    )


def test_a_host_is_not_named_when_the_group_takes_every_decision():
    g = group([USER] * 2, host=Host(name="Borough Mind"))
    assert classify_group(g).leadership is Leadership.RUN
    assert "Borough Mind" not in " ".join(reasons(g))


def test_reasons_when_the_body_decides_nothing():
    g = group(
        [USER, CARER],
        constituency=Constituency.SERVICE_USERS_AND_CARERS,
        controls=[],
        host=Host(name="Riverside Trust", kind=HostKind.NHS_TRUST, takes=list(Domain)),
    )
    assert reasons(g) == (
        (
            "2 of 2 decision-makers on the management committee are service users or carers "
            "(G1(b), §2.2)."
        ),
        (
            "Its money, personnel and policy decisions are taken by its host, Riverside Trust "
            "(§2.1; groups' questionnaire Q4)."
        ),
        (
            "By this library's reading, which the source does not state, a management committee "
            "whose group takes none of its money, personnel or policy decisions decides nothing "
            "that could make it run or led (§2.1; groups' questionnaire Q4)."
        ),
    )


def test_reasons_for_exactly_half_and_for_a_minority():
    trustees = DecisionBody(members=[USER, USER, WORKER, WORKER], kind=BodyKind.TRUSTEES)
    half = Group(
        name="G", constituency=Constituency.SERVICE_USERS, decision_body=trustees, controls=ALL
    )
    assert reasons(half)[-1] == (
        "Neither: exactly half is not a majority of the trustees (G1(b), §2.2)."
    )
    minority = attrs.evolve(
        half, decision_body=attrs.evolve(trustees, members=[USER, WORKER, WORKER])
    )
    assert reasons(minority) == (
        "1 of 3 decision-makers on the trustees is a service user (G1(b), §2.2).",
        (
            "The group takes its own money, personnel and policy decisions (§2.1; groups' "
            "questionnaire Q4)."
        ),
        "Neither: service users are not a majority of the trustees (G1(b), §2.2).",
    )


def test_associates_are_reported_in_the_singular_and_the_plural():
    associate = Member(roles=[Role.SERVICE_USER], associate=True)
    assert reasons(group([USER, USER, associate]))[1] == (
        "1 of them is an associate member, counted by their roles: the definition looks at who "
        "sits and decides on the body, not at membership class (G1(b), §2.4)."
    )
    assert reasons(group([USER, USER, USER, associate, associate]))[1] == (
        "2 of them are associate members, counted by their roles: the definition looks at who "
        "sits and decides on the body, not at membership class (G1(b), §2.4)."
    )
    assert not any("associate" in reason for reason in reasons(group([USER, USER, WORKER])))


@pytest.mark.parametrize(("length", "cached"), [(199, True), (200, True), (201, False)])
def test_host_names_up_to_200_characters_share_the_cache_and_longer_ones_do_not(length, cached):
    # A long host name is kept out of the cache's keys (it would hold the text for the life of
    # the process); the answer is the same either way.
    name = "H" * length
    g = group(
        [CARER] * 6,
        constituency=Constituency.CARERS,
        controls=[Domain.PERSONNEL, Domain.POLICY],
        host=Host(name=name, takes=[Domain.MONEY]),
    )
    _decide.cache_clear()
    result = classify_group(g)
    assert _decide.cache_info().currsize == (1 if cached else 0)
    assert isinstance(result, Classification)
    assert result.leadership is Leadership.LED
    assert f"by its host, {name}" in " ".join(result.reasons)
    assert classify_group(g) == result
