"""The VI6 series, rule by rule: exactly what each data quality check reports, and where not.

The rule cases (tests/cases/VI6xx) show each check firing once and one near miss; these tests
pin the rest: each date limit to the day on both sides, the number forms the registers use,
which grant of a package a comparison reports, and the exact message, path and evidence.
Expected values are written out here, never read back from the module's own constants.
"""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from valuing_involvement.threesixty import quality_report

#: The exemplary grant: draws no finding on ON.
GRANT = json.loads((Path(__file__).parent / "cases" / "grant-exemplar.json").read_text("utf-8"))
ON = dt.date(2007, 4, 2)
RECIPIENT = GRANT["recipientOrganization"][0]  # GB-CHC-1123456, charity number 1123456
FUNDER = GRANT["fundingOrganization"][0]  # GB-LAE-LWM, Lowmoor Joint Commissioning
INDIVIDUAL = {
    "recipientOrganization": None,
    "recipientIndividual": {"id": "360G-lowmoor-IND-1", "name": "Individual Recipient"},
    "toIndividualsDetails": {
        "primaryGrantReason": "GTIR040",
        "grantPurpose": ["GTIP040"],
    },
}


def grant(**changes):
    """The exemplary grant with ``changes``; a change to ``None`` removes the field."""
    result = copy.deepcopy(GRANT)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def recipient(**changes):
    """The exemplary recipient organisation with ``changes`` (``None`` removes a field)."""
    result = dict(RECIPIENT)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def found(code, *grants, on=ON):
    """``(message, path, evidence)`` of each finding of ``code`` on a package of ``grants``."""
    findings = quality_report({"grants": list(grants)}, on=on).findings
    return [(f.message, f.path, dict(f.evidence)) for f in findings if f.code == code]


def paths(code, *grants, on=ON):
    return sorted(path for _, path, _ in found(code, *grants, on=on))


def test_the_exemplary_grant_and_individual_grant_draw_no_findings():
    assert quality_report({"grants": [GRANT]}, on=ON).findings == ()
    assert quality_report({"grants": [grant(**INDIVIDUAL)]}, on=ON).findings == ()


# -- validity ------------------------------------------------------------------------------------


def test_vi601_names_each_missing_field_and_a_missing_recipient():
    assert found("VI601", grant(currency="", recipientOrganization=None)) == [
        ("required field currency is missing", "$.grants[0].currency", {"field": "currency"}),
        (
            "the grant names no recipient, neither an organisation nor an individual",
            "$.grants[0].recipientOrganization",
            {"field": "recipientOrganization"},
        ),
    ]


def test_vi603_reports_both_kinds_of_recipient_once_at_the_individual():
    both = grant(recipientIndividual=INDIVIDUAL["recipientIndividual"])
    assert found("VI603", both) == [
        (
            (
                "the grant has both a recipient organisation and an individual; only one of them "
                "is permitted"
            ),
            "$.grants[0].recipientIndividual",
            {"validator": "oneOf"},
        )
    ]


def test_vi603_reports_a_date_in_none_of_the_allowed_forms_where_it_is():
    assert found("VI603", grant(awardDate="14/03/2007")) == [
        (
            "'14/03/2007' is not valid under any of the given schemas",
            "$.grants[0].awardDate",
            {"validator": "oneOf"},
        )
    ]
    dates = [{"startDate": "2007/04/01", "endDate": "2010-03-31", "duration": 36}]
    assert paths("VI603", grant(plannedDates=dates)) == ["$.grants[0].plannedDates[0].startDate"]


def test_vi603_leaves_a_missing_recipient_to_vi601():
    assert found("VI603", grant(recipientOrganization=None)) == []


def test_vi603_cuts_a_long_message_in_the_middle_keeping_what_is_wrong():
    [(message, path, evidence)] = found("VI603", grant(fromOpenCall="x" * 300))
    assert len(message) == 200
    assert message.startswith("'xxxx")
    assert " characters) ..." in message
    assert message.endswith("' is not one of ['Yes', 'No']")
    assert (path, evidence) == ("$.grants[0].fromOpenCall", {"validator": "enum"})


def test_vi603_reports_a_type_and_leaves_codelist_values_to_vi605():
    assert found("VI603", grant(currency=5)) == [
        ("5 is not of type 'string'", "$.grants[0].currency", {"validator": "type"})
    ]
    assert found("VI605", grant(currency=5)) == []
    assert found("VI603", grant(currency="GBX")) == []
    assert found("VI605", grant(currency="GBX")) == [
        (
            "'GBX' is not a code of the currency codelist",
            "$.grants[0].currency",
            {"codelist": "currency", "value": "GBX"},
        )
    ]


def test_vi604_reports_each_later_grant_with_a_repeated_id_against_the_first():
    second = grant(title="Another grant")
    third = grant(title="A third grant")
    assert found("VI604", GRANT, second, third) == [
        (
            "grant id 360G-lowmoor-LJC-2007-014 is also the id of grant 0",
            "$.grants[1].id",
            {"id": "360G-lowmoor-LJC-2007-014", "first": 0},
        ),
        (
            "grant id 360G-lowmoor-LJC-2007-014 is also the id of grant 0",
            "$.grants[2].id",
            {"id": "360G-lowmoor-LJC-2007-014", "first": 0},
        ),
    ]


def test_vi604_names_the_earlier_grant_with_the_same_id():
    first, second = grant(id="360G-lowmoor-1"), grant(id="360G-lowmoor-2")
    assert found("VI604", first, second, grant(id="360G-lowmoor-2")) == [
        (
            "grant id 360G-lowmoor-2 is also the id of grant 1",
            "$.grants[2].id",
            {"id": "360G-lowmoor-2", "first": 1},
        )
    ]


def test_vi604_reads_no_id_that_is_not_text():
    assert found("VI604", grant(id=5), grant(id=5)) == []


def test_vi605_reads_country_codes_of_beneficiary_and_organisation_locations():
    place = {"name": "T", "countryCode": "XX", "geoCode": "E09000030", "geoCodeType": "LONB"}
    funder = dict(FUNDER, location=[{"countryCode": "GB"}, {"countryCode": "ZZ"}])
    assert found("VI605", grant(beneficiaryLocation=[place], fundingOrganization=[funder])) == [
        (
            "'XX' is not a code of the countryCode codelist",
            "$.grants[0].beneficiaryLocation[0].countryCode",
            {"codelist": "countryCode", "value": "XX"},
        ),
        (
            "'ZZ' is not a code of the countryCode codelist",
            "$.grants[0].fundingOrganization[0].location[1].countryCode",
            {"codelist": "countryCode", "value": "ZZ"},
        ),
    ]


def test_vi605_reads_the_scope_of_a_beneficiary_location():
    place = {"geoCode": "E09000030", "geoCodeType": "LONB", "locationScope": "LS99"}
    assert paths("VI605", grant(beneficiaryLocation=[place])) == [
        "$.grants[0].beneficiaryLocation[0].locationScope"
    ]


def test_vi606_names_the_type_of_a_known_area_code():
    place = {"name": "T", "geoCode": "E09000030", "geoCodeType": "LAD"}
    assert found("VI606", grant(beneficiaryLocation=[place])) == [
        (
            "'LAD' is not a geoCodeType code; the area code's type is LONB",
            "$.grants[0].beneficiaryLocation[0].geoCodeType",
            {"value": "LAD", "expected": "LONB"},
        )
    ]


def test_vi606_says_no_type_for_an_unknown_area_code():
    place = {"name": "T", "geoCode": "zzz", "geoCodeType": "LAD"}
    org = recipient(location=[{"geoCode": "zzz", "geoCodeType": "XYZ"}])
    assert found("VI606", grant(beneficiaryLocation=[place], recipientOrganization=[org])) == [
        (
            "'LAD' is not a geoCodeType code",
            "$.grants[0].beneficiaryLocation[0].geoCodeType",
            {"value": "LAD", "expected": None},
        ),
        (
            "'XYZ' is not a geoCodeType code",
            "$.grants[0].recipientOrganization[0].location[0].geoCodeType",
            {"value": "XYZ", "expected": None},
        ),
    ]


# -- accuracy ------------------------------------------------------------------------------------


def test_vi610_finds_a_line_break_at_the_end_of_a_grant_id():
    assert found("VI610", grant(id="360G-lowmoor-1\n")) == [
        (
            "the grant id contains a line break",
            "$.grants[0].id",
            {"id": "360G-lowmoor-1\n"},
        )
    ]


def test_vi610_names_the_organisation_whose_id_breaks_a_line():
    org = recipient(id="GB-CHC-\n1123456")
    assert found("VI610", grant(recipientOrganization=[org])) == [
        (
            "the recipientOrganization id contains a line break",
            "$.grants[0].recipientOrganization[0].id",
            {"id": "GB-CHC-\n1123456"},
        )
    ]


def test_vi610_reads_the_funder_id_of_a_grant_to_an_individual_too():
    # The tool reads the funders of every grant (A7); only recipients need organisations.
    funder = dict(FUNDER, id="GB-LAE-\nLWM")
    assert paths("VI610", grant(**INDIVIDUAL, fundingOrganization=[funder])) == [
        "$.grants[0].fundingOrganization[0].id"
    ]
    assert found("VI610", grant(**INDIVIDUAL)) == []


def test_vi611_reports_an_award_a_day_after_the_check():
    assert found("VI611", grant(awardDate="2007-04-03")) == [
        (
            "award date 2007-04-03 is after 2007-04-02",
            "$.grants[0].awardDate",
            {"awardDate": "2007-04-03", "on": "2007-04-02"},
        )
    ]
    assert found("VI611", grant(awardDate="2007-04-02")) == []


def test_vi611_reads_no_award_date_that_is_not_a_date():
    assert found("VI611", grant(awardDate="soon")) == []


@pytest.mark.parametrize(("amount", "fires"), [(0, True), (0.0, True), (-1, False), (1, False)])
def test_vi612_reports_only_a_zero_amount(amount, fires):
    expected = [("the amount awarded is zero", "$.grants[0].amountAwarded", {"amountAwarded": 0})]
    assert found("VI612", grant(amountAwarded=amount)) == expected * fires


def test_vi612_does_not_read_false_as_zero():
    assert found("VI612", grant(amountAwarded=False)) == []


def test_vi613_reads_the_first_dates_only_and_says_which():
    dates = [{"startDate": "2008-04-01", "endDate": "2007-04-01"}, {"startDate": "2007-04-01"}]
    assert found("VI613", grant(actualDates=dates)) == [
        (
            "actualDates start 2008-04-01 is after the end 2007-04-01",
            "$.grants[0].actualDates[0]",
            {"startDate": "2008-04-01", "endDate": "2007-04-01"},
        )
    ]
    later = [{"startDate": "2007-04-01", "endDate": "2008-04-01"}, dates[0]]
    assert found("VI613", grant(actualDates=later)) == []


def test_vi613_a_period_of_one_day_is_possible():
    one_day = [{"startDate": "2007-04-01", "endDate": "2007-04-01"}]
    assert found("VI613", grant(actualDates=one_day)) == []


def test_vi613_needs_both_dates():
    assert found("VI613", grant(actualDates=[{"startDate": "2008-04-01"}])) == []
    assert found("VI613", grant(actualDates=[{"endDate": "2007-04-01"}])) == []


def test_vi614_reports_the_date_part_of_an_impossible_date_time():
    assert found("VI614", grant(awardDate="2007-02-30T10:00:00+00:00")) == [
        ("2007-02-30 is not a real date", "$.grants[0].awardDate", {"date": "2007-02-30"})
    ]


def test_vi614_counts_a_grant_once():
    dates = [{"startDate": "2007-02-30", "endDate": "2009-02-30", "duration": 24}]
    assert paths("VI614", grant(plannedDates=dates)) == ["$.grants[0].plannedDates[0].startDate"]


def test_vi614_leaves_a_date_that_is_not_well_formed_to_the_schema():
    assert found("VI614", grant(awardDate="30/02/2007")) == []


@pytest.mark.parametrize(
    ("award", "fires"),
    [
        ("2021-13-01", False),  # no month 13: a date of no form, the schema's (A11)
        ("2021-01-32", False),
        ("2021-02-29", True),  # the form of a date, and no such day
        ("2021-2-29", True),  # the tool reads a month of one digit too
        ("2021-02-29 10:00", False),  # text after the date: the tool reads no date
        (" 2021-02-29", False),
    ],
)
def test_vi614_reads_a_date_as_the_tool_does(award, fires):
    assert bool(found("VI614", grant(awardDate=award))) is fires


def planned_end(end):
    return grant(plannedDates=[{"startDate": "2007-04-01", "endDate": end, "duration": 24}])


def actual_end(end):
    return grant(actualDates=[{"startDate": "2007-04-01", "endDate": end}])


@pytest.mark.parametrize(
    ("document", "path", "years", "fires"),
    [
        # planned dates: up to 12 years after the check (2 April 2007)
        (planned_end("2019-04-02"), ".plannedDates[0].endDate", 12, False),
        (planned_end("2019-04-03"), ".plannedDates[0].endDate", 12, True),
        # actual dates: up to 5 years after
        (actual_end("2012-04-02"), ".actualDates[0].endDate", 5, False),
        (actual_end("2012-04-03"), ".actualDates[0].endDate", 5, True),
    ],
)
def test_vi615_future_limits_to_the_day(document, path, years, fires):
    end = document["plannedDates" if "planned" in path else "actualDates"][0]["endDate"]
    expected = [
        (
            f"{end} is more than {years} years after the check",
            f"$.grants[0]{path}",
            {"date": end, "years": years},
        )
    ]
    assert found("VI615", document) == expected * fires


@pytest.mark.parametrize(("day", "fires"), [("1982-04-03", False), ("1982-04-02", True)])
def test_vi615_past_limit_is_25_years_to_the_day(day, fires):
    # The tool compares the date's midnight with the moment of the check (A16): a date exactly
    # 25 years back is before it, whatever the hour of the check.
    expected = [
        (
            f"{day} is 25 years or more before the check",
            "$.grants[0].awardDate",
            {"date": day, "years": 25},
        )
    ]
    assert found("VI615", grant(awardDate=day)) == expected * fires


def test_vi615_sets_no_future_limit_on_the_award_date():
    assert found("VI615", grant(awardDate="2100-01-01")) == []


def test_vi615_counts_25_years_back_from_29_february_to_28_february():
    on = dt.date(2008, 2, 29)
    assert found("VI615", grant(awardDate="1983-03-01"), on=on) == []
    assert paths("VI615", grant(awardDate="1983-02-28"), on=on) == ["$.grants[0].awardDate"]


def test_vi615_skips_a_date_that_is_not_real():
    assert found("VI615", grant(awardDate="1900-02-30")) == []


def test_vi616_reports_an_unregistered_prefix_and_passes_an_empty_id():
    org = recipient(id="CHARITY-1123456")
    assert found("VI616", grant(recipientOrganization=[org])) == [
        (
            "CHARITY-1123456 does not start with a registered prefix",
            "$.grants[0].recipientOrganization[0].id",
            {"id": "CHARITY-1123456", "current": None},
        )
    ]
    assert found("VI616", grant(recipientOrganization=[recipient(id="")])) == []


def test_vi616_reports_a_former_prefix_and_names_the_current_one():
    # The tool knows the register's current prefixes only (A3): JE-CR is now JE-FSC.
    assert found("VI616", grant(recipientOrganization=[recipient(id="JE-CR-1234")])) == [
        (
            (
                "JE-CR-1234 does not start with a registered prefix; JE-CR is a former prefix, "
                "now JE-FSC"
            ),
            "$.grants[0].recipientOrganization[0].id",
            {"id": "JE-CR-1234", "current": "JE-FSC"},
        )
    ]
    assert found("VI616", grant(recipientOrganization=[recipient(id="JE-FSC-1234")])) == []


@pytest.mark.parametrize(
    ("number", "fires"),
    [
        ("123456", False),
        ("1234567", False),
        ("SC012345", False),
        ("SC0123456", False),
        ("12345", True),
        ("12345678", True),
        ("12345a", True),
        ("S1234567", True),
        ("SC12345", True),
        ("SCX123456", True),
        # as published, untrimmed; an empty number has no digits (A4, as the tool reads it)
        (" 1153055 ", True),
        ("1234567 ", True),
        ("", True),
        (" ", True),
        # the tool's int() takes a sign; a charity number is digits only (docs/interop.md)
        ("+123456", True),
    ],
)
def test_vi617_charity_numbers_are_6_or_7_digits_after_two_letters_at_most(number, fires):
    org = recipient(id="360G-lowmoor-LV-001", charityNumber=number)
    expected = [
        (
            f"charity number {number!r} is not 6 or 7 digits",
            "$.grants[0].recipientOrganization[0].charityNumber",
            {"charityNumber": number},
        )
    ]
    assert found("VI617", grant(recipientOrganization=[org])) == expected * fires


@pytest.mark.parametrize(
    ("org_id", "fires"),
    [
        ("GB-CHC-123456", False),
        ("GB-CHC-1234567", False),
        ("gb-chc-1234567", False),
        ("GB-CHC-12345", True),
        ("GB-CHC-12345678", True),
        ("GB-CHC-12345A", True),
        ("GB-COH-01234567", False),
        ("GB-COH-SC123456", False),
        ("GB-COH-1234567", True),
        ("gb-coh-123456789", True),
        ("GB-LAE-LWM", False),
        ("GB-CHC-1234567 ", True),  # read as published (A6)
        (" GB-CHC-12", False),  # no register's prefix at its start, as the tool reads it
    ],
)
def test_vi617_an_id_from_a_register_has_the_form_of_its_numbers(org_id, fires):
    org = recipient(id=org_id, charityNumber=None)
    expected = [
        (
            f"{org_id} does not have the form of its register's numbers",
            "$.grants[0].recipientOrganization[0].id",
            {"id": org_id},
        )
    ]
    assert found("VI617", grant(recipientOrganization=[org])) == expected * fires


def test_vi617_reads_the_company_number_of_a_recipient():
    org = recipient(companyNumber="1234567")
    assert found("VI617", grant(recipientOrganization=[org])) == [
        (
            "company number '1234567' is not 8 letters or digits",
            "$.grants[0].recipientOrganization[0].companyNumber",
            {"companyNumber": "1234567"},
        )
    ]
    assert found("VI617", grant(recipientOrganization=[recipient(companyNumber="01234567")])) == []
    # an empty company number is not 8 characters either (A5, as the tool reads it)
    assert paths("VI617", grant(recipientOrganization=[recipient(companyNumber="")])) == [
        "$.grants[0].recipientOrganization[0].companyNumber"
    ]


def test_vi617_reads_no_funders_numbers_but_the_form_of_their_ids():
    funder = dict(FUNDER, charityNumber="12", companyNumber="12")
    assert found("VI617", grant(fundingOrganization=[funder])) == []
    funder = dict(FUNDER, id="GB-CHC-12")
    assert paths("VI617", grant(fundingOrganization=[funder])) == [
        "$.grants[0].fundingOrganization[0].id"
    ]


def test_vi617_reads_the_funder_id_of_a_grant_to_an_individual():
    # The tool reads a funder's id on every grant (A6); a grant to an individual has no
    # recipient organisation whose numbers it could read.
    funder = dict(FUNDER, id="GB-CHC-12")
    assert paths("VI617", grant(**INDIVIDUAL, fundingOrganization=[funder])) == [
        "$.grants[0].fundingOrganization[0].id"
    ]
    assert found("VI617", grant(**INDIVIDUAL)) == []


def funded_by(*funders):
    return [
        grant(id=f"360G-lowmoor-{i}", fundingOrganization=[{"id": org_id, "name": name}])
        for i, (org_id, name) in enumerate(funders)
    ]


def test_vi618_reports_only_the_first_grant_that_brings_a_second_funder():
    grants = funded_by(
        ("GB-LAE-LWM", "Lowmoor Joint Commissioning"),
        ("GB-NHS-RXX", "Lowmoor NHS Trust"),
        ("GB-LAE-OTH", "Another Council"),
    )
    assert found("VI618", *grants) == [
        (
            "a second funder, GB-NHS-RXX, after GB-LAE-LWM",
            "$.grants[1].fundingOrganization[0].id",
            {"id": "GB-NHS-RXX", "check": "MoreThanOneFundingOrg"},
        )
    ]


def test_vi618_reports_one_funder_under_two_names():
    grants = funded_by(
        ("GB-LAE-LWM", "Lowmoor Joint Commissioning"),
        ("GB-LAE-LWM", "Lowmoor Council"),
    )
    assert found("VI618", *grants) == [
        (
            (
                "funder GB-LAE-LWM is named 'Lowmoor Council' here and 'Lowmoor Joint "
                "Commissioning' first"
            ),
            "$.grants[1].fundingOrganization[0].name",
            {
                "id": "GB-LAE-LWM",
                "name": "Lowmoor Council",
                "first": "Lowmoor Joint Commissioning",
                "check": "MultiFundingNamesForOrgId",
            },
        )
    ]


def test_vi618_counts_every_grant_that_names_a_funder_otherwise_than_first():
    # The tool counts each grant under another name, not only the first to bring it (A20).
    grants = funded_by(
        ("GB-LAE-LWM", "Lowmoor Joint Commissioning"),
        ("GB-LAE-LWM", "Lowmoor Council"),
        ("GB-LAE-LWM", "Lowmoor Council"),
        ("GB-LAE-LWM", "Lowmoor Joint Commissioning"),
    )
    assert paths("VI618", *grants) == [
        "$.grants[1].fundingOrganization[0].name",
        "$.grants[2].fundingOrganization[0].name",
    ]


def test_vi618_reports_one_name_under_two_ids():
    grants = funded_by(
        ("GB-LAE-LWM", "Lowmoor Joint Commissioning"),
        ("GB-NHS-RXX", "Lowmoor NHS Trust"),
        ("GB-LAE-LWX", "Lowmoor Joint Commissioning"),
    )
    assert found("VI618", *grants)[1:] == [
        (
            (
                "funder 'Lowmoor Joint Commissioning' has the id GB-LAE-LWX here and another "
                "elsewhere"
            ),
            "$.grants[2].fundingOrganization[0].id",
            {
                "id": "GB-LAE-LWX",
                "name": "Lowmoor Joint Commissioning",
                "check": "MultiFundingOrgIdsForName",
            },
        )
    ]


def test_vi618_is_silent_for_one_funder_named_one_way():
    grants = funded_by(*[("GB-LAE-LWM", "Lowmoor Joint Commissioning")] * 3)
    assert found("VI618", *grants) == []


def test_vi619_finds_an_address_but_not_under_an_email_field():
    assert found("VI619", grant(title="Write to jo@example.org")) == [
        ("a value looks like an e-mail address", "$.grants[0].title", {"check": "LooksLikeEmail"})
    ]
    assert found("VI619", grant(recipientOrganization=[recipient(email="jo@example.org")])) == []


@pytest.mark.parametrize("key", ["Email", "Contact Email"])
def test_vi619_finds_an_address_under_a_key_with_email_in_capitals(key):
    # The tool skips only keys holding "email" in lower case (A10): a spreadsheet's own
    # "Contact Email" column is read.
    org = recipient(**{key: "jo@example.org"})
    assert paths("VI619", grant(recipientOrganization=[org])) == [
        f"$.grants[0].recipientOrganization[0].{key}"
    ]


def test_vi619_reads_diversity_data_and_postcodes_only_on_grants_to_individuals():
    place = [{"name": "Home", "geoCode": "E1 6AN"}]
    project = [{"title": "Peer support"}]
    assert paths("VI619", grant(**INDIVIDUAL, project=project, beneficiaryLocation=place)) == [
        "$.grants[0].beneficiaryLocation[0].geoCode",
        "$.grants[0].project",
    ]
    assert paths("VI619", grant(project=project, beneficiaryLocation=place)) == []


@pytest.mark.parametrize("project", [None, []])
def test_vi619_reports_an_empty_project_field_on_a_grant_to_an_individual(project):
    # The tool asks only whether the field is there (A18); the message says it is empty.
    document = grant(**INDIVIDUAL)
    document["project"] = project
    assert found("VI619", document) == [
        (
            (
                "a grant to an individual has a project field, where diversity data goes "
                "(empty here: remove it)"
            ),
            "$.grants[0].project",
            {"check": "RecipientIndDEI", "empty": True},
        )
    ]
    assert found("VI619", grant(**INDIVIDUAL)) == []


# -- usefulness ----------------------------------------------------------------------------------


def test_vi620_reports_an_internal_id_with_or_without_its_hyphen():
    funder = dict(FUNDER, id="360Glowmoor")
    assert found("VI620", grant(fundingOrganization=[funder])) == [
        (
            "fundingOrganization id 360Glowmoor is internal to the publisher",
            "$.grants[0].fundingOrganization[0].id",
            {"id": "360Glowmoor"},
        )
    ]


@pytest.mark.parametrize(
    ("title", "description", "fires"),
    [
        ("Same", "Same", True),
        ("Same", "Same ", False),  # the tool compares the texts exactly (U7)
        ("Same", " Same ", False),
        ("Same", "Same, with more", False),
        (" ", " ", True),
        ("", "", False),
    ],
)
def test_vi621_compares_title_and_description_exactly(title, description, fires):
    expected = [("the description repeats the title", "$.grants[0].description", {"title": title})]
    assert found("VI621", grant(title=title, description=description)) == expected * fires


def test_vi622_says_the_length_and_the_limit():
    assert found("VI622", grant(title="x" * 141)) == [
        (
            "the title is 141 characters, over 140",
            "$.grants[0].title",
            {"length": 141, "limit": 140},
        )
    ]
    assert found("VI622", grant(title="x" * 140)) == []


@pytest.mark.parametrize(
    ("charity", "company", "better"),
    [
        ("123456", "", "GB-CHC-123456"),
        ("1123456", "", "GB-CHC-1123456"),
        ("SC012345", "", "GB-SC-SC012345"),
        ("NIC100002", "", "GB-NIC-100002"),
        ("XT123456", "", None),
        ("", "01234567", "GB-COH-01234567"),
        ("12", "sc 123456", "GB-COH-SC123456"),
        ("12", "junk", None),
    ],
)
def test_vi623_suggests_the_id_of_each_register(charity, company, better):
    org = {"id": "360G-lowmoor-LV-001", "name": "V", "charityNumber": charity}
    org["companyNumber"] = company
    suggested = [
        evidence["suggested"]
        for _, _, evidence in found("VI623", grant(recipientOrganization=[org]))
    ]
    assert suggested == ([] if better is None else [better])


def test_vi623_suggests_the_registered_id():
    org = {"id": "360G-lowmoor-LV-001", "name": "V", "companyNumber": "01234567"}
    assert found("VI623", grant(recipientOrganization=[org])) == [
        (
            "recipient id 360G-lowmoor-LV-001 is a 360G- id; its number gives GB-COH-01234567",
            "$.grants[0].recipientOrganization[0].id",
            {"id": "360G-lowmoor-LV-001", "suggested": "GB-COH-01234567"},
        )
    ]


def test_vi623_reads_only_360g_ids():
    assert found("VI623", grant(recipientOrganization=[recipient(charityNumber="123456")])) == []


def test_vi624_names_the_recipient_or_its_position():
    named = recipient(charityNumber=None)
    unnamed = recipient(charityNumber=None, name=None)
    assert found("VI624", grant(recipientOrganization=[RECIPIENT, named, unnamed])) == [
        (
            "recipient Lowmoor Voices has no registered number",
            "$.grants[0].recipientOrganization[1]",
            {"name": "Lowmoor Voices"},
        ),
        (
            "recipient 2 has no registered number",
            "$.grants[0].recipientOrganization[2]",
            {"name": ""},
        ),
    ]


def test_vi624_is_silent_with_a_company_number_alone():
    org = recipient(charityNumber=None, companyNumber="01234567")
    assert found("VI624", grant(recipientOrganization=[org])) == []


def test_vi625_a_recipient_located_by_a_geocode_has_a_place():
    org = recipient(postalCode=None, location=[{"geoCode": "E09000030"}])
    assert found("VI625", grant(recipientOrganization=[org])) == []


def test_vi625_reads_the_first_recipient_for_the_beneficiary_check():
    placeless = recipient(postalCode=None)
    assert found("VI625", grant(recipientOrganization=[placeless, RECIPIENT])) == [
        (
            "beneficiary locations are given, but the recipient has no place",
            "$.grants[0].recipientOrganization[0]",
            {"check": "BeneficiaryButNotRecipientGeoData"},
        ),
        (
            "the recipient has no postcode and no location with a geoCode",
            "$.grants[0].recipientOrganization[0]",
            {"check": "IncompleteRecipientOrg"},
        ),
    ]
    assert paths("VI625", grant(recipientOrganization=[RECIPIENT, placeless])) == [
        "$.grants[0].recipientOrganization[1]"
    ]


def test_vi625_a_recipient_with_a_location_but_no_geocode_is_incomplete_only():
    org = recipient(postalCode=None, location=[{"name": "Tower Hamlets"}])
    assert found("VI625", grant(recipientOrganization=[org])) == [
        (
            "the recipient has no postcode and no location with a geoCode",
            "$.grants[0].recipientOrganization[0]",
            {"check": "IncompleteRecipientOrg"},
        )
    ]


def test_vi625_a_located_recipient_without_beneficiary_location():
    org = recipient(location=[{"geoCode": "E09000030"}])
    assert found("VI625", grant(beneficiaryLocation=None, recipientOrganization=[org])) == [
        (
            "no beneficiary location",
            "$.grants[0].beneficiaryLocation",
            {"check": "NoBeneficiaryLocation"},
        ),
        (
            "the recipient has a location, but the grant has no beneficiary location",
            "$.grants[0].beneficiaryLocation",
            {"check": "RecipientGeoDataButNoBeneficiary"},
        ),
    ]


def test_vi625_on_a_grant_to_an_individual_reads_only_the_beneficiary_location():
    assert found("VI625", grant(**INDIVIDUAL, beneficiaryLocation=None)) == [
        (
            "no beneficiary location",
            "$.grants[0].beneficiaryLocation",
            {"check": "NoBeneficiaryLocation"},
        )
    ]


def test_vi625_a_named_beneficiary_location_needs_its_geocode():
    places = [{"geoCode": "E09000030"}, {"name": "Tower Hamlets", "geoCode": ""}]
    assert found("VI625", grant(beneficiaryLocation=places)) == [
        (
            "a beneficiary location has a name but no geoCode",
            "$.grants[0].beneficiaryLocation[1]",
            {"check": "BeneficiaryLocationNameButNoCode"},
        )
    ]


@pytest.mark.parametrize("programme", [None, "", [], {}])
def test_vi626_an_empty_programme_is_none(programme):
    document = grant(grantProgramme=programme)
    if programme is not None:
        document["grantProgramme"] = programme
    assert found("VI626", document) == [
        ("no grant programme", "$.grants[0].grantProgramme", {"field": "grantProgramme"})
    ]


def test_vi627_reports_each_missing_provenance_field():
    assert found("VI627", grant(dateModified=None, dataSource="")) == [
        ("no dataSource", "$.grants[0].dataSource", {"check": "NoDataSource"}),
        ("no dateModified", "$.grants[0].dateModified", {"check": "NoLastModified"}),
    ]


@pytest.mark.parametrize(
    ("dates", "fires"),
    [
        ([{"startDate": "2007-04-01", "endDate": "2010-03-31"}], False),
        ([{"duration": 36}], False),
        ([{"startDate": "2007-04-01"}], True),
        ([{"endDate": "2010-03-31"}], True),
        ([{"startDate": "2007-04-01", "endDate": "2010-03-31", "duration": ""}], False),
        ([{"startDate": "2007-04-01"}, {"duration": 36}], True),
        ([{"duration": 36}, {"startDate": "2007-04-01"}], False),
    ],
)
def test_vi628_reads_the_first_planned_dates_for_a_duration_or_both_ends(dates, fires):
    expected = [
        ("no planned duration or dates", "$.grants[0].plannedDates", {"field": "plannedDates"})
    ]
    assert found("VI628", grant(plannedDates=dates)) == expected * fires


def test_vi629_needs_details_only_for_a_grant_to_an_individual():
    bare = grant(**INDIVIDUAL)
    del bare["toIndividualsDetails"]
    assert found("VI629", bare) == [
        (
            "no toIndividualsDetails",
            "$.grants[0].toIndividualsDetails",
            {"field": "toIndividualsDetails"},
        )
    ]
    assert found("VI629", grant(toIndividualsDetails="none")) == []


@pytest.mark.parametrize(
    ("name", "code", "fires"),
    [(" ", None, True), ("", None, False), ("Tower Hamlets", " ", False)],
)
def test_vi625_reads_name_and_geocode_as_the_tool_does(name, code, fires):
    # Any name but an empty one, even a blank one, and no geoCode or an empty one (U13).
    place = {"name": name} | ({} if code is None else {"geoCode": code})
    hits = [p for p in paths("VI625", grant(beneficiaryLocation=[place])) if p.endswith("[0]")]
    assert hits == ["$.grants[0].beneficiaryLocation[0]"] * fires


def test_vi611_reads_the_award_date_whatever_the_planned_dates_say():
    # The tool reads no date of a grant whose plannedDates is an empty list (A17): a fault of
    # its reading, not a rule, so the check is made (docs/interop.md).
    assert paths("VI611", grant(awardDate="2007-04-03", plannedDates=[])) == [
        "$.grants[0].awardDate"
    ]
