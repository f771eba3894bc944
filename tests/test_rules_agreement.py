"""The VI4 series, rule by rule: exactly what each rule says, and where it stays silent.

The rule cases (tests/cases/VI4xx) show that each rule fires and has a near miss; these tests
pin the rest: each threshold's default and both sides of it, the exact message, path and
evidence, the exceptions a rule makes, and the combinations of facts a rule reads.  Expected
values are written out here, never read back from the rule module's own tables.
"""

import datetime as dt
import decimal

import attrs
import pytest

from valuing_involvement import (
    RULES,
    Policy,
    assess_portfolio,
    check_contract,
    example_contracts,
    example_portfolio,
)
from valuing_involvement.commissioners import NonMonetarySupport
from valuing_involvement.contracts import (
    Hosting,
    Kpi,
    KpiKind,
    LegalStatus,
    Requirement,
    Support,
    Term,
    Variation,
    VariationKind,
)
from valuing_involvement.funding import ReportingFrequency
from valuing_involvement.groups import Activity, Host, HostKind, LegalForm

D = decimal.Decimal
EXEMPLAR = example_contracts()[0]  # 36,000 a year, six-monthly reports, three indicators


def found(contract, code, *, policy=None):
    """``(message, path, evidence)`` of each finding of ``code`` on ``contract``."""
    findings = check_contract(contract, policy=policy).findings
    return [(f.message, f.path, dict(f.evidence)) for f in findings if f.code == code]


def with_group(**changes):
    """The exemplar with its group changed."""
    return attrs.evolve(EXEMPLAR, group=attrs.evolve(EXEMPLAR.group, **changes))


def test_the_exemplar_is_what_these_tests_assume():
    assert EXEMPLAR.amount_per_year == D("36000.00")
    assert EXEMPLAR.reporting is ReportingFrequency.SIX_MONTHLY
    assert len(EXEMPLAR.kpis) == 3
    assert EXEMPLAR.group.legal_form is LegalForm.UNINCORPORATED_ASSOCIATION
    assert EXEMPLAR.group.host is None
    assert EXEMPLAR.hosting is None
    assert check_contract(EXEMPLAR).findings == ()


# -- the policy's parameters -------------------------------------------------------------------


def test_the_reporting_bands_and_the_indicator_limit_have_these_defaults():
    parameters = RULES.parameters
    defaults = {
        name: (parameters[name].default, parameters[name].looser)
        for name in (
            "light-touch-amount",
            "light-touch-max-reports",
            "monthly-reporting-amount",
            "standard-max-reports",
            "max-kpis",
        )
    }
    assert defaults == {
        "light-touch-amount": (D(20000), -1),
        "light-touch-max-reports": (2, 1),
        "monthly-reporting-amount": (D(50000), -1),
        "standard-max-reports": (4, 1),
        "max-kpis": (8, 1),
    }


# -- VI400 -------------------------------------------------------------------------------------


def test_vi400_reports_no_written_agreement_with_its_evidence():
    from valuing_involvement.contracts import AgreementKind

    contract = attrs.evolve(EXEMPLAR, kind=AgreementKind.NONE)
    assert found(contract, "VI400") == [
        (
            "there is no written contract, SLA, memorandum or grant letter",
            "$.kind",
            {"kind": "none"},
        )
    ]


# -- VI401: the reporting bands ----------------------------------------------------------------


def reporting(amount, frequency, *, policy=None):
    contract = attrs.evolve(EXEMPLAR, amount_per_year=D(amount), reporting=frequency)
    return found(contract, "VI401", policy=policy)


MONTHLY = ReportingFrequency.MONTHLY
QUARTERLY = ReportingFrequency.QUARTERLY
SIX_MONTHLY = ReportingFrequency.SIX_MONTHLY
ANNUAL = ReportingFrequency.ANNUAL


@pytest.mark.parametrize(
    ("amount", "frequency", "fires"),
    [
        # below 20,000: at most two reports a year
        ("19999.99", SIX_MONTHLY, False),
        ("19999.99", QUARTERLY, True),
        # from 20,000 to below 50,000: at most four
        ("20000.00", QUARTERLY, False),
        ("20000.00", MONTHLY, True),
        ("49999.99", QUARTERLY, False),
        ("49999.99", MONTHLY, True),
        # from 50,000: monthly reports are accepted
        ("50000.00", MONTHLY, False),
        ("50000.01", MONTHLY, False),
        ("250000.00", MONTHLY, False),
    ],
)
def test_vi401_reports_allowed_at_each_side_of_each_band(amount, frequency, fires):
    assert bool(reporting(amount, frequency)) is fires


def test_vi401_says_what_was_asked_what_is_allowed_and_for_how_much():
    assert reporting("19999.99", QUARTERLY) == [
        (
            (
                "4 reports a year (quarterly) for £19,999.99 a year, more than 2 (our default "
                "`light-touch-max-reports`)"
            ),
            "$.reporting",
            {"reports_per_year": 4, "allowed_per_year": 2, "amount_per_year": "19999.99"},
        )
    ]
    assert reporting("36000.00", MONTHLY) == [
        (
            (
                "12 reports a year (monthly) for £36,000.00 a year, more than 4 (our default "
                "`standard-max-reports`)"
            ),
            "$.reporting",
            {"reports_per_year": 12, "allowed_per_year": 4, "amount_per_year": "36000.00"},
        )
    ]


def test_vi401_says_when_the_band_is_the_policys_own():
    policy = Policy(parameters={"standard-max-reports": 1})
    assert reporting("36000.00", SIX_MONTHLY, policy=policy) == [
        (
            (
                "2 reports a year (six-monthly) for £36,000.00 a year, more than 1 (your policy's "
                "`standard-max-reports`)"
            ),
            "$.reporting",
            {"reports_per_year": 2, "allowed_per_year": 1, "amount_per_year": "36000.00"},
        )
    ]
    assert reporting("36000.00", ANNUAL, policy=policy) == []


def test_vi401_reads_no_reporting_when_none_is_asked():
    assert reporting("1000.00", None) == []


def kpis(count):
    """``count`` indicators: outputs and one outcome, all agreed with the group."""
    items = [
        Kpi(description=f"Output {i}", kind=KpiKind.OUTPUT, agreed_with_group=True)
        for i in range(count - 1)
    ]
    return (*items, Kpi(description="Outcome", kind=KpiKind.OUTCOME, agreed_with_group=True))


def test_vi401_allows_exactly_eight_indicators_and_reports_nine():
    assert found(attrs.evolve(EXEMPLAR, kpis=kpis(8)), "VI401") == []
    assert found(attrs.evolve(EXEMPLAR, kpis=kpis(9)), "VI401") == [
        (
            "9 performance indicators, more than 8 (our default `max-kpis`)",
            "$.kpis",
            {"kpis": 9, "max-kpis": 8},
        )
    ]


def test_vi401_reports_the_reports_and_the_indicators_separately():
    contract = attrs.evolve(EXEMPLAR, reporting=MONTHLY, kpis=kpis(9))
    assert sorted(path for _, path, _ in found(contract, "VI401")) == ["$.kpis", "$.reporting"]


# -- VI402: legal status ------------------------------------------------------------------------


def legal(form, *, held=LegalForm.UNINCORPORATED_ASSOCIATION, ready=False, help_offered=False):
    status = LegalStatus(required=True, form=form, group_ready=ready, help_offered=help_offered)
    return found(attrs.evolve(with_group(legal_form=held), legal_status=status), "VI402")


def test_vi402_names_the_form_asked_for_and_the_form_held():
    assert legal(LegalForm.CHARITABLE_COMPANY, help_offered=True) == [
        (
            (
                "status as a charitable company is required before the group is confirmed ready "
                "to carry its duties"
            ),
            "$.legal_status",
            {
                "form": "charitable_company",
                "group_legal_form": "unincorporated_association",
                "group_ready": False,
                "help_offered": True,
            },
        )
    ]


def test_vi402_says_a_legal_status_when_no_form_is_named():
    assert legal(None, held=LegalForm.INFORMAL) == [
        (
            "a legal status is required before the group is confirmed ready to carry its duties",
            "$.legal_status",
            {
                "form": None,
                "group_legal_form": "informal",
                "group_ready": False,
                "help_offered": False,
            },
        )
    ]


def test_vi402_without_the_group_reports_the_form_held_as_unknown():
    # Help not stated either: the evidence says unknown (None), not "no help".
    status = LegalStatus(required=True, form=LegalForm.CHARITY, group_ready=False)
    contract = attrs.evolve(EXEMPLAR, group=None, legal_status=status)
    assert [evidence for _, _, evidence in found(contract, "VI402")] == [
        {"form": "charity", "group_legal_form": None, "group_ready": False, "help_offered": None}
    ]


def test_vi402_is_silent_when_nothing_is_required_or_the_group_is_ready():
    assert found(EXEMPLAR, "VI402") == []
    assert legal(LegalForm.CHARITY, ready=True) == []
    assert legal(None, ready=True) == []


def test_vi402_cannot_judge_an_agreement_silent_on_legal_status_or_readiness():
    # Not mentioned is unknown, never "none required"; required with readiness unstated is
    # unknown too, unless a form the group holds already meets it.
    silent = attrs.evolve(EXEMPLAR, legal_status=LegalStatus())
    unready = attrs.evolve(
        with_group(legal_form=LegalForm.INFORMAL),
        legal_status=LegalStatus(required=True, form=LegalForm.CHARITY),
    )
    answered = attrs.evolve(
        with_group(legal_form=LegalForm.CHARITY),
        legal_status=LegalStatus(required=True, form=LegalForm.CHARITY),
    )
    for contract, unjudged in ((silent, True), (unready, True), (answered, False)):
        report = check_contract(contract)
        assert "VI402" not in {f.code for f in report.findings}
        assert ("VI402" in report.unjudged) is unjudged
    # the near miss: readiness stated as not confirmed is judged, and reported
    stated = attrs.evolve(
        unready, legal_status=attrs.evolve(unready.legal_status, group_ready=False)
    )
    report = check_contract(stated)
    assert "VI402" in {f.code for f in report.findings}
    assert "VI402" not in report.unjudged


def test_vi402_is_silent_when_the_group_already_holds_the_form_asked_for():
    assert legal(LegalForm.CHARITY, held=LegalForm.CHARITY) == []
    assert legal(LegalForm.COMPANY, held=LegalForm.COMPANY) == []


@pytest.mark.parametrize(
    ("asked", "held"),
    [
        (LegalForm.CHARITY, LegalForm.CHARITABLE_COMPANY),
        (LegalForm.CHARITY, LegalForm.CHARITABLE_INCORPORATED_ORGANISATION),
        (LegalForm.COMPANY, LegalForm.CHARITABLE_COMPANY),
        (LegalForm.COMPANY, LegalForm.COMMUNITY_INTEREST_COMPANY),
    ],
)
def test_vi402_is_silent_when_the_form_held_satisfies_the_request(asked, held):
    assert legal(asked, held=held) == []


def test_vi402_fires_when_the_group_holds_another_legal_form_than_the_one_asked_for():
    assert len(legal(LegalForm.CHARITY, held=LegalForm.COMPANY)) == 1
    assert len(legal(LegalForm.CHARITABLE_COMPANY, held=LegalForm.CHARITY)) == 1
    assert len(legal(LegalForm.CHARITY, held=LegalForm.COMMUNITY_INTEREST_COMPANY)) == 1


@pytest.mark.parametrize(
    ("held", "fires"),
    [
        (LegalForm.INFORMAL, True),
        (LegalForm.UNINCORPORATED_ASSOCIATION, True),
        (LegalForm.PART_OF_HOST, True),
        (LegalForm.CHARITY, False),
        (LegalForm.CHARITABLE_COMPANY, False),
        (LegalForm.CHARITABLE_INCORPORATED_ORGANISATION, False),
        (LegalForm.COMPANY, False),
        (LegalForm.COMMUNITY_INTEREST_COMPANY, False),
        (LegalForm.COMMUNITY_BENEFIT_SOCIETY, False),
    ],
)
def test_vi402_an_unnamed_status_is_met_by_any_independent_legal_form(held, fires):
    assert bool(legal(None, held=held)) is fires


# -- VI403 and VI415: hosting -------------------------------------------------------------------

TRAINED = frozenset({*EXEMPLAR.support, Support.SKILLS_TRAINING})


def hosted(*, hosting=None, host=None, support=None):
    contract = attrs.evolve(
        with_group(host=host),
        hosting=hosting,
        support=EXEMPLAR.support if support is None else support,
    )
    return {code: found(contract, code) for code in ("VI403", "VI415")}


def test_vi403_names_the_host_in_the_hosting_terms():
    assert hosted(hosting=Hosting(host="Borough Mind", skills_training=False)) == {
        "VI403": [
            (
                "hosted by Borough Mind with no skills training towards independence",
                "$.hosting",
                {"host": "Borough Mind", "skills_training": False},
            )
        ],
        "VI415": [],
    }


def test_vi403_names_the_groups_host_when_the_agreement_has_no_hosting_terms():
    host = Host(name="Borough Mind", kind=HostKind.VOLUNTARY_AGENCY)
    assert hosted(host=host)["VI403"] == [
        (
            "hosted by Borough Mind with no skills training towards independence",
            "$.support",
            {"host": "Borough Mind", "skills_training": False},
        )
    ]


@pytest.mark.parametrize(
    ("in_hosting", "in_support", "fires"),
    [(False, False, True), (True, False, False), (False, True, False), (True, True, False)],
)
def test_vi403_skills_training_in_the_hosting_or_in_the_support_is_enough(
    in_hosting, in_support, fires
):
    hosting = Hosting(host="Borough Mind", skills_training=in_hosting)
    support = TRAINED if in_support else EXEMPLAR.support
    assert bool(hosted(hosting=hosting, support=support)["VI403"]) is fires


def test_vi403_training_offered_as_support_is_enough_for_a_group_host():
    host = Host(name="Borough Mind", kind=HostKind.VOLUNTARY_AGENCY)
    assert hosted(host=host, support=TRAINED) == {"VI403": [], "VI415": []}


def test_vi403_and_vi415_are_silent_for_a_group_with_no_host():
    assert hosted() == {"VI403": [], "VI415": []}


@pytest.mark.parametrize(
    ("kind", "words"),
    [(HostKind.NHS_TRUST, "an NHS trust"), (HostKind.LOCAL_AUTHORITY, "a council")],
)
def test_vi415_names_a_statutory_host_in_words(kind, words):
    hosting = Hosting(host="Lowmoor Host", kind=kind, skills_training=True)
    assert hosted(hosting=hosting)["VI415"] == [
        (
            f"hosted by Lowmoor Host, {words}",
            "$.hosting",
            {"host": "Lowmoor Host", "kind": kind.value},
        )
    ]


@pytest.mark.parametrize("kind", [HostKind.VOLUNTARY_AGENCY, HostKind.OTHER, None])
def test_vi415_is_silent_for_a_host_that_is_not_statutory_or_not_known(kind):
    hosting = Hosting(host="Lowmoor Host", kind=kind, skills_training=True)
    assert hosted(hosting=hosting)["VI415"] == []


def test_vi415_is_advice_that_prefers_no_kind_of_host():
    from valuing_involvement import RULES

    rule = RULES["VI415"]
    # G4(b)'s own force ("could be considered"), never above advice
    assert rule.modality.value == "consider"
    assert rule.severity.value == "advice"
    assert "instead" not in rule.remedy
    assert "nothing for or against" in rule.rationale
    # G4(b) speaks of hosting by voluntary agencies: it asks nothing "of any host", so applying
    # its training condition to every host is labelled as our reading.
    assert "asks of any host" not in rule.remedy
    assert "our reading" in rule.remedy


def test_vi415_never_guesses_the_kind_of_a_host_from_its_name():
    # A host built without a kind is unknown, whatever its name says.
    host = Host(name="Lowmoor Mental Health NHS Trust")
    assert host.kind is None
    assert hosted(host=host, support=TRAINED)["VI415"] == []


def test_vi415_reads_the_groups_host_when_the_agreement_has_no_hosting_terms():
    host = Host(name="Lowmoor Council", kind=HostKind.LOCAL_AUTHORITY)
    assert hosted(host=host, support=TRAINED)["VI415"] == [
        (
            "hosted by Lowmoor Council, a council",
            "$.group.host",
            {"host": "Lowmoor Council", "kind": "local_authority"},
        )
    ]


def test_vi415_takes_an_unstated_kind_from_the_groups_host_of_the_same_name():
    host = Host(name="Lowmoor NHS Trust", kind=HostKind.NHS_TRUST)
    same = Hosting(host="Lowmoor NHS Trust", skills_training=True)
    assert hosted(hosting=same, host=host)["VI415"] == [
        (
            "hosted by Lowmoor NHS Trust, an NHS trust",
            "$.hosting",
            {"host": "Lowmoor NHS Trust", "kind": "nhs_trust"},
        )
    ]


def test_vi415_does_not_take_the_kind_of_a_host_of_another_name():
    host = Host(name="Lowmoor NHS Trust", kind=HostKind.NHS_TRUST)
    other = Hosting(host="Borough Mind", skills_training=True)
    assert hosted(hosting=other, host=host)["VI415"] == []


def test_vi415_keeps_the_kind_the_hosting_terms_state():
    host = Host(name="Lowmoor Host", kind=HostKind.NHS_TRUST)
    stated = Hosting(host="Lowmoor Host", kind=HostKind.VOLUNTARY_AGENCY, skills_training=True)
    assert hosted(hosting=stated, host=host)["VI415"] == []


def test_vi403_and_vi415_name_the_host_in_the_hosting_terms_before_the_groups_host():
    host = Host(name="Lowmoor Council", kind=HostKind.LOCAL_AUTHORITY)
    hosting = Hosting(host="Borough Mind", kind=HostKind.VOLUNTARY_AGENCY, skills_training=False)
    assert hosted(hosting=hosting, host=host) == {
        "VI403": [
            (
                "hosted by Borough Mind with no skills training towards independence",
                "$.hosting",
                {"host": "Borough Mind", "skills_training": False},
            )
        ],
        "VI415": [],
    }


def test_vi403_and_vi415_without_the_group_read_the_hosting_terms_alone():
    hosting = Hosting(host="Lowmoor NHS Trust", kind=HostKind.NHS_TRUST, skills_training=False)
    contract = attrs.evolve(EXEMPLAR, group=None, hosting=hosting)
    assert [path for _, path, _ in found(contract, "VI403")] == ["$.hosting"]
    assert [path for _, path, _ in found(contract, "VI415")] == ["$.hosting"]


def test_vi403_is_silent_when_the_hosting_terms_do_not_say_whether_training_is_available():
    hosting = Hosting(host="Lowmoor NHS Trust", kind=HostKind.NHS_TRUST)
    contract = attrs.evolve(EXEMPLAR, group=None, hosting=hosting)
    assert found(contract, "VI403") == []
    assert found(
        attrs.evolve(contract, hosting=attrs.evolve(hosting, skills_training=False)), "VI403"
    )


# -- VI404: monitoring --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "said", "value"),
    [
        (None, "the agreement does not state the group's part in monitoring and evaluation", None),
        ("none", "the group has no part in monitoring and evaluation", "none"),
        ("consulted", "the group is only consulted on monitoring and evaluation", "consulted"),
    ],
)
def test_vi404_reports_a_part_below_equal_partner(part, said, value):
    from valuing_involvement.contracts import GroupPart

    monitoring = None if part is None else GroupPart(part)
    assert found(attrs.evolve(EXEMPLAR, monitoring=monitoring), "VI404") == [
        (
            said,
            "$.monitoring",
            {"monitoring": value},
        )
    ]


@pytest.mark.parametrize("part", ["equal_partner", "leads"])
def test_vi404_is_silent_from_equal_partner_up(part):
    from valuing_involvement.contracts import GroupPart

    assert found(attrs.evolve(EXEMPLAR, monitoring=GroupPart(part)), "VI404") == []


# -- VI405 and VI412: indicators ----------------------------------------------------------------


def test_vi405_reports_each_outcome_not_developed_with_the_group_by_its_index():
    contract = attrs.evolve(
        EXEMPLAR,
        kpis=(
            Kpi(description="Meetings held", kind=KpiKind.OUTPUT),
            Kpi(description="Members feel heard", kind=KpiKind.OUTCOME, agreed_with_group=False),
            Kpi(description="Agreed outcome", kind=KpiKind.OUTCOME, agreed_with_group=True),
            Kpi(description="Services changed", kind=KpiKind.OUTCOME, agreed_with_group=False),
            Kpi(description="Not stated", kind=KpiKind.OUTCOME),  # unknown: not reported
        ),
    )
    assert found(contract, "VI405") == [
        (
            "outcome measure 'Members feel heard' was not developed with the group",
            "$.kpis[1]",
            {"kpi": "Members feel heard", "agreed_with_group": False},
        ),
        (
            "outcome measure 'Services changed' was not developed with the group",
            "$.kpis[3]",
            {"kpi": "Services changed", "agreed_with_group": False},
        ),
    ]


def outputs(count, *others):
    items = [Kpi(description=f"Output {i}", kind=KpiKind.OUTPUT) for i in range(count)]
    return attrs.evolve(EXEMPLAR, kpis=(*items, *others))


def test_vi412_counts_the_output_indicators_in_the_singular_and_the_plural():
    diversity = Kpi(description="Reflects the borough", kind=KpiKind.DIVERSITY)
    assert found(outputs(1, diversity), "VI412") == [
        ("1 output indicator and no outcome measures", "$.kpis", {"outputs": 1, "outcomes": 0})
    ]
    assert found(outputs(2, diversity), "VI412") == [
        ("2 output indicators and no outcome measures", "$.kpis", {"outputs": 2, "outcomes": 0})
    ]


def test_vi412_is_silent_with_an_outcome_or_with_no_outputs():
    outcome = Kpi(description="Outcome", kind=KpiKind.OUTCOME, agreed_with_group=True)
    assert found(outputs(3, outcome), "VI412") == []
    assert found(outputs(0), "VI412") == []
    diversity = Kpi(description="Reflects the borough", kind=KpiKind.DIVERSITY)
    assert found(outputs(0, diversity), "VI412") == []


# -- VI406 and VI407: support -------------------------------------------------------------------


def supported(*offered):
    contract = attrs.evolve(EXEMPLAR, support=frozenset(offered))
    return {code: found(contract, code) for code in ("VI406", "VI407")}


def test_vi406_and_vi407_list_the_support_that_is_offered():
    assert supported(Support.SKILLS_TRAINING, Support.FUNDING_ADVICE) == {
        "VI406": [
            (
                "no support or training in organisational management and development",
                "$.support",
                {"support": "funding_advice, skills_training"},
            )
        ],
        "VI407": [
            (
                "no support or training in self-evaluation and monitoring",
                "$.support",
                {"support": "funding_advice, skills_training"},
            )
        ],
    }


def test_vi406_and_vi407_say_none_when_no_support_is_offered():
    assert supported() == {
        "VI406": [
            (
                "no support or training in organisational management and development",
                "$.support",
                {"support": None},
            )
        ],
        "VI407": [
            (
                "no support or training in self-evaluation and monitoring",
                "$.support",
                {"support": None},
            )
        ],
    }


def test_vi406_and_vi407_each_read_only_their_own_support():
    only_development = supported(Support.ORGANISATIONAL_DEVELOPMENT)
    assert only_development["VI406"] == []
    assert [evidence for _, _, evidence in only_development["VI407"]] == [
        {"support": "organisational_development"}
    ]


# -- VI408 and VI414: terms ---------------------------------------------------------------------


def without(*terms, insurance_needed=None):
    contract = attrs.evolve(
        EXEMPLAR, terms=EXEMPLAR.terms - set(terms), insurance_needed=insurance_needed
    )
    return {code: found(contract, code) for code in ("VI408", "VI414")}


def test_vi408_lists_the_missing_governance_terms_in_their_order():
    assert without(Term.INSURANCE, Term.COMPLAINTS, Term.GROUP_PROCEDURES) == {
        "VI408": [
            (
                "governance terms missing: group procedures, complaints, insurance",
                "$.terms",
                {"missing": "group_procedures, complaints, insurance"},
            )
        ],
        "VI414": [],
    }


@pytest.mark.parametrize("needed", [None, True])
def test_vi408_asks_for_insurance_unless_the_agreement_says_none_is_needed(needed):
    assert without(Term.INSURANCE, insurance_needed=needed)["VI408"] == [
        ("governance terms missing: insurance", "$.terms", {"missing": "insurance"})
    ]


def test_vi408_still_asks_for_the_other_terms_when_insurance_is_not_needed():
    assert without(Term.INSURANCE, insurance_needed=False) == {"VI408": [], "VI414": []}
    assert without(Term.INSURANCE, Term.FINANCE, insurance_needed=False)["VI408"] == [
        ("governance terms missing: finance", "$.terms", {"missing": "finance"})
    ]


def test_vi414_lists_the_missing_legal_terms():
    assert without(Term.HEALTH_AND_SAFETY, Term.DATA_PROTECTION) == {
        "VI408": [],
        "VI414": [
            (
                "legal compliance terms missing: data protection, health and safety",
                "$.terms",
                {"missing": "data_protection, health_and_safety"},
            )
        ],
    }


# -- VI409, VI410, VI413, VI416: single facts -----------------------------------------------------


def test_vi409_reports_no_ill_health_term():
    assert without(Term.ILL_HEALTH_FLEXIBILITY) == {"VI408": [], "VI414": []}
    contract = attrs.evolve(EXEMPLAR, terms=EXEMPLAR.terms - {Term.ILL_HEALTH_FLEXIBILITY})
    assert found(contract, "VI409") == [
        (
            "nothing allows for members' ill-health affecting delivery",
            "$.terms",
            {"ill_health_flexibility": False},
        )
    ]


@pytest.mark.parametrize(
    ("required", "help_offered", "fires"),
    [
        (True, False, True),
        (True, True, False),
        (True, None, False),  # help not stated: unknown, not reported
        (False, False, False),
        (False, True, False),
    ],
)
def test_vi410_reports_a_business_plan_required_without_help(required, help_offered, fires):
    plan = Requirement(required=required, help_offered=help_offered)
    expected = [
        (
            "a business plan is required but no help is offered to write it",
            "$.business_plan",
            {"required": True, "help_offered": False},
        )
    ]
    assert found(attrs.evolve(EXEMPLAR, business_plan=plan), "VI410") == (expected * fires)


def payments(bought):
    contract = attrs.evolve(
        EXEMPLAR,
        roles_bought=frozenset(bought),
        terms=EXEMPLAR.terms - {Term.INVOLVEMENT_PAYMENTS},
    )
    return found(contract, "VI413")


def test_vi413_asks_for_payments_when_involvement_is_bought_or_nothing_is_named():
    expected = [
        (
            "no arrangement for paying involvement fees and expenses",
            "$.terms",
            {"involvement_payments": False},
        )
    ]
    assert payments({Activity.INVOLVEMENT, Activity.SUPPORT}) == expected
    assert payments(set()) == expected


def test_vi413_is_silent_when_only_other_work_is_bought():
    assert payments({Activity.SUPPORT, Activity.CAMPAIGNING}) == []


@pytest.mark.parametrize(("dual", "fires"), [(True, True), (False, False), (None, False)])
def test_vi416_reports_only_a_stated_double_monitoring(dual, fires):
    expected = [
        (
            "the group reports on this work to health and to social care separately",
            "$.dual_monitoring",
            {"dual_monitoring": True},
        )
    ]
    assert found(attrs.evolve(EXEMPLAR, dual_monitoring=dual), "VI416") == expected * fires


# -- VI411: variations --------------------------------------------------------------------------


def varied(*variations):
    return found(attrs.evolve(EXEMPLAR, variations=variations), "VI411")


def variation(on, kind=VariationKind.TARGETS, *, agreed=False):
    return Variation(on=on, kind=kind, change="New target of 40 members", agreed_with_group=agreed)


def test_vi411_reports_each_unagreed_change_of_goalposts_with_its_index():
    assert varied(
        variation(dt.date(2007, 6, 1), VariationKind.REPORTING),
        variation(dt.date(2008, 1, 1), VariationKind.CRITERIA),
        variation(dt.date(2008, 2, 1), agreed=True),
        variation(dt.date(2009, 3, 1), VariationKind.FUNDING),
    ) == [
        (
            (
                "criteria changed on 2008-01-01 without the group's agreement: New target of 40 "
                "members"
            ),
            "$.variations[1]",
            {"on": "2008-01-01", "kind": "criteria"},
        ),
        (
            (
                "funding changed on 2009-03-01 without the group's agreement: New target of 40 "
                "members"
            ),
            "$.variations[3]",
            {"on": "2009-03-01", "kind": "funding"},
        ),
    ]


@pytest.mark.parametrize("kind", [VariationKind.REPORTING, VariationKind.OTHER])
def test_vi411_is_silent_for_changes_that_move_no_goalposts(kind):
    assert varied(variation(dt.date(2008, 1, 1), kind)) == []


def test_vi411_counts_a_change_on_the_first_and_the_last_day_of_the_period():
    # The exemplar's period runs from 1 April 2007 to 31 March 2010.
    assert len(varied(variation(dt.date(2007, 4, 1)))) == 1
    assert len(varied(variation(dt.date(2010, 3, 31)))) == 1


def test_vi411_is_silent_for_changes_outside_the_period():
    assert varied(variation(dt.date(2007, 3, 31))) == []
    assert varied(variation(dt.date(2010, 4, 1))) == []


# -- VI420, VI421, VI422: the commissioner --------------------------------------------------------

PORTFOLIO = example_portfolio()


def commissioner_findings(code, **changes):
    commissioner = attrs.evolve(PORTFOLIO.commissioner, **changes)
    findings = assess_portfolio(attrs.evolve(PORTFOLIO, commissioner=commissioner)).findings
    return [(f.message, f.path, dict(f.evidence)) for f in findings if f.code == code]


@pytest.mark.parametrize(("helps", "fires"), [(False, True), (None, True), (True, False)])
def test_vi420_reports_business_plans_expected_without_help(helps, fires):
    expected = [
        (
            "business plans are expected but no help with them is offered",
            "$.commissioner.helps_with_business_plans",
            {"expects_business_plans": True, "helps_with_business_plans": helps},
        )
    ]
    findings = commissioner_findings(
        "VI420", expects_business_plans=True, helps_with_business_plans=helps
    )
    assert findings == expected * fires


@pytest.mark.parametrize("helps", [False, None, True])
def test_vi420_is_silent_when_business_plans_are_not_expected(helps):
    findings = commissioner_findings(
        "VI420", expects_business_plans=False, helps_with_business_plans=helps
    )
    assert findings == []


@pytest.mark.parametrize(("value", "said"), [(False, "no"), (None, "not stated")])
def test_vi421_reports_ongoing_support_not_offered(value, said):
    assert commissioner_findings("VI421", ongoing_support=value) == [
        (
            f"ongoing help for groups to meet their targets: {said}",
            "$.commissioner.ongoing_support",
            {"ongoing_support": value},
        )
    ]
    assert commissioner_findings("VI421", ongoing_support=True) == []


def test_vi422_reports_a_commissioner_that_offers_nothing_but_money():
    assert commissioner_findings("VI422", non_monetary_support=frozenset()) == [
        (
            (
                "no support other than money is offered: none of emotional support and "
                "supervision, legal advice, ICT, interpreters, BSL or Braille, staff time, "
                "premises or facilities, help with recruitment"
            ),
            "$.commissioner.non_monetary_support",
            {"non_monetary_support": None},
        )
    ]


def test_vi422_is_silent_when_the_support_is_not_known_or_some_is_offered():
    assert commissioner_findings("VI422", non_monetary_support=None) == []
    offered = frozenset({NonMonetarySupport.PREMISES})
    assert commissioner_findings("VI422", non_monetary_support=offered) == []
