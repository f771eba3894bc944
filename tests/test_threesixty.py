"""360Giving: exports validate against the official 1.4.3 schemas; import keeps mapped fields."""

import csv
import datetime as dt
import decimal
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from profiles import share
from valuing_involvement import (
    RULES,
    Contract,
    InvalidDocument,
    Leadership,
    OrgId,
    classify_group,
    example_contracts,
    example_portfolio,
)
from valuing_involvement.testing.strategies import contracts, groups, portfolios
from valuing_involvement.threesixty import (
    CSV_COLUMNS,
    export_csv,
    export_package,
    import_package,
    quality_group,
    quality_report,
)

STANDARD = Path(__file__).parent / "standards" / "360giving"
GRANT = json.loads((STANDARD / "360-giving-schema.json").read_text(encoding="utf-8"))
PACKAGE = json.loads((STANDARD / "360-giving-package-schema.json").read_text(encoding="utf-8"))
OLD_GRANT_URL = PACKAGE["properties"]["grants"]["items"]["$ref"]
# The schemas name their dialect with an http:// URL, which referencing does not detect.
GRANT_RESOURCE = DRAFT202012.create_resource(GRANT)
REGISTRY = Registry().with_resources(
    [(OLD_GRANT_URL, GRANT_RESOURCE), (GRANT["$id"], GRANT_RESOURCE)]
)
VALIDATOR = Draft202012Validator(PACKAGE, registry=REGISTRY, format_checker=FormatChecker())
WHEN = dt.datetime(2007, 4, 2, 9, 30, tzinfo=dt.UTC)
LOWMOOR = example_portfolio()


def errors_in(package):
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(package)
    ]


def test_lowmoor_exports_a_valid_package():
    package = export_package(
        LOWMOOR, prefix="360G-lowmoor", modified=WHEN, data_source="https://example.org/grants.json"
    )
    assert errors_in(package) == []
    assert package["version"] == "1.4"
    ids = [grant["id"] for grant in package["grants"]]
    assert ids == [f"360G-lowmoor-{c.reference}" for c in LOWMOOR.contracts]


def test_bundled_agreements_export_valid_packages():
    package = export_package(example_contracts(), prefix="lowmoor", modified=WHEN)
    assert errors_in(package) == []


def test_the_validator_does_reject_bad_grants():
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    del package["grants"][0]["recipientOrganization"]
    package["grants"][1]["amountAwarded"] = "12000"
    package["grants"][2]["awardDate"] = "April 2007"
    assert len(errors_in(package)) >= 3


def test_mapping_of_the_first_grant():
    grant = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)["grants"][2]
    forum_charity = LOWMOOR.groups[2]
    assert grant["amountAwarded"] == 15000  # one year of £15,000
    assert grant["plannedDates"] == [
        {"startDate": "2007-04-01", "endDate": "2008-03-31", "duration": 12}
    ]
    assert grant["fundingOrganization"] == [
        {"id": "GB-LAE-LWM", "name": "Lowmoor Joint Commissioning"}
    ]
    assert grant["beneficiaryLocation"][0]["geoCode"] == "E09000030"
    assert grant["beneficiaryLocation"][0]["geoCodeType"] == "LONB"  # a London borough
    assert grant["awardDate"] == "2007-03-14"  # the decision, not the start of the period
    assert grant["dateModified"] == "2007-04-02T09:30:00+00:00"
    leadership = grant["classifications"][0]
    assert (leadership["vocabulary"], leadership["code"]) == (
        "valuing-involvement:leadership",
        "neither",
    )
    forum = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)["grants"][3]
    assert forum["recipientOrganization"][0]["id"] == str(forum_charity.org_id)
    assert forum["recipientOrganization"][0]["charityNumber"] == "1123456"


def test_registered_numbers_become_org_ids_when_no_org_id_is_given():
    contract = example_contracts()[0]
    group = attrs.evolve(contract.group, charity_number="1094112")
    grant = export_package([attrs.evolve(contract, group=group)], prefix="x", modified=WHEN)[
        "grants"
    ][0]
    assert grant["recipientOrganization"][0]["id"] == "GB-CHC-1094112"
    company = attrs.evolve(contract.group, company_number="04325234")
    grant = export_package([attrs.evolve(contract, group=company)], prefix="x", modified=WHEN)[
        "grants"
    ][0]
    assert grant["recipientOrganization"][0]["id"] == "GB-COH-04325234"


def test_export_refuses_what_it_cannot_publish():
    with pytest.raises(ValueError, match="time zone"):
        export_package(LOWMOOR, prefix="lowmoor", modified=dt.datetime(2007, 4, 2))  # noqa: DTZ001
    with pytest.raises(ValueError, match="no reference"):
        export_package(
            [attrs.evolve(example_contracts()[0], reference=None)], prefix="x", modified=WHEN
        )
    with pytest.raises(ValueError, match="prefix"):
        export_package(LOWMOOR, prefix="not a prefix", modified=WHEN)


@settings(max_examples=share(0.1), deadline=None)
@given(portfolios())
def test_generated_portfolios_export_valid_packages(portfolio):
    referenced = attrs.evolve(
        portfolio,
        contracts=[
            attrs.evolve(c, reference=f"A{i}", awarded_on=c.awarded_on or dt.date(2007, 3, 14))
            for i, c in enumerate(portfolio.contracts)
        ],
    )
    undated = [c for c in referenced.contracts if c.months is None]
    if undated:  # neither dates nor a length: the export says it cannot give an amount
        with pytest.raises(ValueError, match="neither dates nor a length"):
            export_package(referenced, prefix="gen", modified=WHEN)
        return
    package = export_package(referenced, prefix="gen", modified=WHEN)
    if package["grants"]:
        assert errors_in(package) == []


@settings(deadline=None)
@given(contracts(group=groups()), st.integers(min_value=0, max_value=10_000))
def test_export_then_import_keeps_every_mapped_field(contract, number):
    awarded = contract.awarded_on or dt.date(2007, 3, 14)
    if contract.months is None:  # nothing to give an amount awarded from (tested above)
        return
    original = attrs.evolve(contract, reference=f"R{number}", awarded_on=awarded)
    [back] = import_package(export_package([original], prefix="pub", modified=WHEN), prefix="pub")
    assert back.reference == original.reference
    assert back.title == (original.title or back.title)
    assert back.commissioner == original.commissioner
    assert back.period == original.period
    assert back.length_months == original.length_months  # a length stays a length
    assert back.awarded_on == original.awarded_on
    assert back.date_modified == (original.date_modified or WHEN.date())
    # the yearly amount comes back from the exact total, within the total's rounding to the
    # penny scaled up to a year (a part month counts by its days, so at least 1/31 month)
    days = original.period.days if original.period else 28 * original.months
    tolerance = decimal.Decimal("0.01") + decimal.Decimal("1.86") / days
    assert abs(back.amount_per_year - original.amount_per_year) <= tolerance
    if original.aims and all("\n" not in aim and aim.strip() == aim for aim in original.aims):
        assert back.aims == original.aims
    group, back_group = original.group, back.group
    assert back_group.name == group.name
    assert back_group.constituency is group.constituency
    assert back_group.charity_number == group.charity_number
    assert back_group.company_number == group.company_number
    result = classify_group(group)
    expected = original.funded_as if result.facts_missing else result.leadership
    assert back.funded_as is expected


def test_import_keeps_unregistered_group_references_and_ignores_unknown_keys():
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    package["grants"][0]["somethingElse"] = {"nested": True}
    package["extensions"] = []
    contracts_ = import_package(package, prefix="lowmoor")
    assert [c.group.reference for c in contracts_][:2] == ["LV-001", "LCT-002"]
    assert all(isinstance(c, Contract) for c in contracts_)
    assert contracts_[3].group.org_id == OrgId.parse("GB-CHC-1123456")


def test_import_reports_every_bad_field():
    package = {
        "grants": [{"id": "x", "title": "", "amountAwarded": "lots", "awardDate": "soon"}, 3]
    }
    with pytest.raises(InvalidDocument) as info:
        import_package(package)
    paths = [path for path, _ in info.value.errors]
    assert paths[0].startswith("$.grants[0].")
    assert "$.grants[1]" in paths
    with pytest.raises(InvalidDocument, match="array of grants"):
        import_package([])


def test_import_problems_carry_locations_and_codes():
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    grants = package["grants"]
    del grants[0]["title"]
    grants[1]["amountAwarded"] = -5
    grants[2]["amountAwarded"] = "5"
    grants[3]["plannedDates"][0]["endDate"] = "2001-01-01"
    grants.append({**grants[0], "title": "T", "recipientOrganization": [{"name": " "}]})
    del grants[3]
    with pytest.raises(InvalidDocument) as info:
        import_package(package)
    found = [(p.location, p.code) for p in info.value.problems]
    assert found == [
        (("grants", 0, "title"), "missing"),
        (("grants", 1, "amountAwarded"), "out-of-range"),
        (("grants", 2, "amountAwarded"), "wrong-type"),
        (("grants", 3, "recipientOrganization", 0, "name"), "invalid"),
    ]
    with pytest.raises(InvalidDocument) as info:
        import_package({"version": "1.4"})
    assert [(p.location, p.code) for p in info.value.problems] == [(("grants",), "missing")]


def test_csv_uses_the_template_titles_and_one_row_per_grant():
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    rows = list(csv.reader(io.StringIO(export_csv(package))))
    assert rows[0][: len(CSV_COLUMNS)] != []
    assert {title for title, _ in CSV_COLUMNS} <= set(rows[0])
    assert len(rows) == 1 + len(package["grants"])
    table = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert table[0]["Identifier"] == "360G-lowmoor-LJC-2007-014"
    assert table[0]["Amount Awarded"] == "108000"
    assert table[0]["Planned Dates:Duration (months)"] == "36"
    assert table[0]["Classifications:0:Code"] == "run"
    assert table[0]["Classifications:1:Code"] == "service_users"


# -- quality -------------------------------------------------------------------------------------


def test_exports_have_no_validity_or_accuracy_finding():
    package = export_package(
        LOWMOOR, prefix="lowmoor", modified=WHEN, data_source="https://lowmoor.example.org/g.json"
    )
    findings = quality_report(package, on=dt.date(2007, 4, 2)).findings
    assert [f for f in findings if quality_group(f) != "usefulness"] == []
    # unregistered user groups: no number, no postcode -- advice, which the data cannot meet
    assert {f.code for f in findings} == {"VI620", "VI624", "VI625"}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title": None}, "VI601"),
        ({"plannedDates": [{"startDate": "2008-04-01", "endDate": "2007-04-01"}]}, "VI613"),
        ({"awardDate": "2009-01-01"}, "VI611"),
        ({"amountAwarded": 0}, "VI612"),
        ({"title": "Same", "description": "Same"}, "VI621"),
        ({"title": "x" * 141}, "VI622"),
        (
            {
                "recipientOrganization": [
                    {"id": "360G-lowmoor-LV-001", "name": "V", "charityNumber": "1094112"}
                ]
            },
            "VI623",
        ),
    ],
)
def test_each_quality_check_fires(change, code):
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    package["grants"][0] |= change
    findings = quality_report(package, on=dt.date(2007, 4, 2)).findings
    assert code in {f.code for f in findings}
    finding = next(f for f in findings if f.code == code)
    assert finding.path.startswith("$.grants[0]")
    assert quality_group(finding) in {"validity", "accuracy", "usefulness"}


def test_quality_groups_follow_the_codes():
    groups_ = {rule.code: quality_group_of(rule.code) for rule in RULES.matching("VI6")}
    assert {groups_[code] for code in ("VI601", "VI603", "VI604", "VI605")} == {"validity"}
    assert {groups_[code] for code in ("VI610", "VI613", "VI618", "VI619")} == {"accuracy"}
    assert {groups_[code] for code in ("VI620", "VI625", "VI629")} == {"usefulness"}
    severities = {rule.code[:4]: set() for rule in RULES.matching("VI6")}
    for rule in RULES.matching("VI6"):
        severities[rule.code[:4]].add(rule.severity.value)
    # the tool's grouping sets the severity; VI606 (geoCodeType) is ours, and only a warning
    assert severities == {"VI60": {"error", "warning"}, "VI61": {"warning"}, "VI62": {"advice"}}


def quality_group_of(code):
    from valuing_involvement import Finding, Severity

    return quality_group(
        Finding(
            code=code,
            name="n",
            severity=Severity.ADVICE,
            message="m",
            citations=("G3(b)",),
            path="$",
            remedy="r",
        )
    )


@given(st.dictionaries(st.text(max_size=10), st.none() | st.integers() | st.text(max_size=10)))
def test_quality_never_crashes_on_odd_grants(grant):
    report = quality_report({"grants": [grant, "not a grant"]}, on=dt.date(2007, 4, 1))
    second = [(f.code, f.path) for f in report.findings if f.path.startswith("$.grants[1]")]
    # a grant that is not an object gets the schema's finding alone, never silence
    assert second == [("VI603", "$.grants[1]")]
    assert len(report.findings) == len(second) + sum(
        f.path.startswith("$.grants[0]") for f in report.findings
    )


def test_leadership_survives_the_round_trip_for_the_bundled_groups():
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    back = import_package(package, prefix="lowmoor")
    assert [c.funded_as for c in back] == [
        Leadership.RUN,
        Leadership.LED,
        Leadership.NEITHER,
        Leadership.LED,
    ]
