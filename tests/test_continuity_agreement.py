"""The VI3 and VI4 series claim no more than the source: modality, numbers and the models."""

import decimal
import re

import attrs
import pytest

from valuing_involvement import RULES, Policy, check_contract, example_contracts
from valuing_involvement.commissioners import Community, Population, Strategy
from valuing_involvement.contracts import Hosting, LegalStatus, Requirement
from valuing_involvement.groups import HostKind, LegalForm
from valuing_involvement.rules import Modality
from valuing_involvement.rules._paragraphs import PARAGRAPHS

D = decimal.Decimal
EXEMPLAR = example_contracts()[0]

#: The series' rules; each one's modality is checked against the force of its paragraphs by
#: the kernel (rules/_paragraphs.py), so no table of modalities is kept here.
SERIES_RULES = [rule.code for rule in (*RULES.matching("VI3"), *RULES.matching("VI4"))]


def test_only_the_guidelines_own_instructions_are_warnings():
    warnings = {code for code in SERIES_RULES if RULES[code].severity.value == "warning"}
    for code in warnings:
        forces = {PARAGRAPHS[c].force for c in RULES[code].citations}
        assert "should" in forces, code


def test_only_the_three_years_groups_asked_for_is_the_sources_own_number():
    origins = {
        name: parameter.origin.value
        for name, parameter in RULES.parameters.items()
        if any(name in RULES[code].parameters for code in SERIES_RULES)
    }
    assert origins.pop("preferred-funding-months") == "source"
    assert RULES.parameters["preferred-funding-months"].citations == ("§2.10",)
    assert set(origins.values()) == {"default"}
    for name in origins:
        assert "default" in RULES.parameters[name].description.casefold()


@pytest.mark.parametrize("code", SERIES_RULES)
def test_remedies_name_parameters_instead_of_hard_coding_a_default(code):
    rule = RULES[code]
    for name in rule.parameters:
        default = str(RULES.parameters[name].default)
        assert not re.search(rf"(?<![\d£]){re.escape(default)}(?![\d%])", rule.remedy), name
    assert "three months" not in rule.remedy
    assert "half the groups" not in rule.rationale.casefold()


def test_a_short_period_is_measured_against_our_default_not_a_minimum_of_the_source():
    short = attrs.evolve(EXEMPLAR, period=attrs.evolve(EXEMPLAR.period, end=EXEMPLAR.period.start))
    [finding] = [f for f in check_contract(short).findings if f.code == "VI301"]
    assert "(our default `min-funding-months`)" in finding.message
    assert "minimum" not in finding.message
    policy = Policy(parameters={"min-funding-months": 6})
    [finding] = [f for f in check_contract(short, policy=policy).findings if f.code == "VI301"]
    assert "6 months (your policy's `min-funding-months`)" in finding.message


def test_a_period_under_three_years_cites_what_groups_asked_for():
    end = EXEMPLAR.period.start.replace(year=2008, month=3, day=31)
    one_year = attrs.evolve(EXEMPLAR, period=attrs.evolve(EXEMPLAR.period, end=end))
    [finding] = [f for f in check_contract(one_year).findings if f.code == "VI302"]
    assert finding.message == (
        "funded for 12 months, shorter than 36 months (the figure in §2.10, "
        "`preferred-funding-months`)"
    )
    assert "guidelines favour" not in finding.message


# -- the models -------------------------------------------------------------------------------


def test_one_field_holds_the_legal_form_required():
    assert LegalStatus(required=True, form=LegalForm.CHARITY).form is LegalForm.CHARITY
    with pytest.raises(ValueError, match="none is required"):
        LegalStatus(required=False, form=LegalForm.CHARITY)
    with pytest.raises(ValueError, match="required is not stated"):
        LegalStatus(form=LegalForm.CHARITY)
    assert "legal_form_required" not in attrs.fields_dict(type(EXEMPLAR))


def test_an_unstated_requirement_readiness_or_plan_is_unknown_never_no():
    # issue #21: a default that states a fact the caller did not give
    assert attrs.astuple(LegalStatus()) == (None, None, None, None)
    assert attrs.astuple(Requirement()) == (None, None, None)
    assert Hosting(host="Borough Mind").independence_plan is None
    assert EXEMPLAR.legal_status.required is False  # a stated "no" stays a "no"


def test_a_hosting_arrangement_may_name_the_kind_of_host():
    assert Hosting(host="Borough Mind").kind is None
    assert Hosting(host="Lowmoor Trust", kind=HostKind.NHS_TRUST).kind is HostKind.NHS_TRUST


def test_whether_the_strategy_is_published_is_unknown_by_default():
    assert Strategy(written=True).published is None


def _community(name, share="0.1", part_of=None, dimension="ethnicity"):
    return Community(name=name, dimension=dimension, share=D(share), part_of=part_of)


def test_a_broad_community_covers_its_parts_and_not_the_other_way_round():
    bangladeshi = _community("Bangladeshi", part_of="Asian")
    asian = _community("Asian", "0.2", part_of="BME")
    population = Population(communities=[bangladeshi, asian])
    assert population.lineage(bangladeshi) == ("bangladeshi", "asian", "bme")
    assert population.serves(bangladeshi, [" bme "])
    assert population.serves(bangladeshi, ["Asian"])
    assert not population.serves(asian, ["Bangladeshi"])


def test_parts_are_counted_in_their_listed_whole_when_shares_are_checked():
    # BME 0.3 with its parts 0.2 and 0.1 sums to 0.3, not 0.6, within the dimension.
    Population(
        communities=[
            _community("BME", "0.3"),
            _community("Asian", "0.2", part_of="BME"),
            _community("Black", "0.1", part_of="BME"),
            _community("White", "0.7"),
        ]
    )
    with pytest.raises(ValueError, match="more than 1"):
        Population(communities=[_community("BME", "0.4"), _community("White", "0.7")])


def test_a_community_cannot_be_part_of_itself():
    with pytest.raises(ValueError, match="part of itself"):
        Population(communities=[_community("A", part_of="B"), _community("B", part_of="A")])


def test_a_group_recorded_with_another_statutory_host_gets_separate_advice():
    from valuing_involvement.groups import Host

    hosted = attrs.evolve(
        EXEMPLAR,
        group=attrs.evolve(
            EXEMPLAR.group, host=Host(name="Lowmoor Trust", kind=HostKind.NHS_TRUST)
        ),
    )
    codes = {f.code: f for f in check_contract(hosted).findings}
    assert codes["VI415"].severity.value == "advice"
    assert codes["VI415"].message == ("hosted by Lowmoor Trust, an NHS trust")
    assert codes["VI403"].evidence == {"host": "Lowmoor Trust", "skills_training": False}


def test_vi402_evidence_names_the_one_required_form_and_the_group_s_own():
    required = attrs.evolve(
        EXEMPLAR,
        legal_status=LegalStatus(required=True, form=LegalForm.CHARITY, group_ready=False),
    )
    [finding] = [f for f in check_contract(required).findings if f.code == "VI402"]
    assert finding.evidence["form"] == "charity"
    assert finding.evidence["group_legal_form"] == "unincorporated_association"
    assert Modality.SHOULD is RULES["VI402"].modality
