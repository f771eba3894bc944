"""360Giving as the standard's own tools see it: the schema with every format checker, the
Data Quality Tool's checks, flattentool, and a real publisher's file in and out again."""

import copy
import datetime as dt
import decimal
import json
import re
import warnings
from pathlib import Path

import attrs
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from valuing_involvement import (
    RULES,
    AgreementKind,
    Contract,
    FundingPeriod,
    example_contracts,
    example_portfolio,
)
from valuing_involvement.cli import main
from valuing_involvement.rules.quality import CHECKS, NOT_CHECKED, RETIRED
from valuing_involvement.serialization import to_json
from valuing_involvement.threesixty import (
    DuplicateGrants,
    GrantFilter,
    amount_awarded,
    export_csv,
    export_package,
    grant_id,
    import_grants,
    import_package,
    quality_group,
    quality_report,
    read_csv,
)

SHARED = Path("/work/shared/standards/360giving")
STANDARD = Path(__file__).parent / "standards" / "360giving"
SAMPLE = SHARED / "samples" / "a-b-charitable-trust.json"
GRANT = json.loads((STANDARD / "360-giving-schema.json").read_text(encoding="utf-8"))
PACKAGE = json.loads((STANDARD / "360-giving-package-schema.json").read_text(encoding="utf-8"))
_RESOURCE = DRAFT202012.create_resource(GRANT)
REGISTRY = Registry().with_resources(
    [(PACKAGE["properties"]["grants"]["items"]["$ref"], _RESOURCE), (GRANT["$id"], _RESOURCE)]
)
CHECKER = FormatChecker()
VALIDATOR = Draft202012Validator(PACKAGE, registry=REGISTRY, format_checker=CHECKER)
WHEN = dt.datetime(2007, 4, 2, 9, 30, tzinfo=dt.UTC)
ON = dt.date(2007, 4, 2)
LOWMOOR = example_portfolio()
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is not here")


def errors_in(package):
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(package)]


def contract(**changes):
    base = Contract(
        commissioner="Lowmoor Joint Commissioning",
        kind=AgreementKind.GRANT_LETTER,
        amount_per_year=decimal.Decimal(12000),
        period=FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2007, 9, 15)),
        reference="LJC-1",
        awarded_on=dt.date(2007, 3, 14),
        group=example_contracts()[0].group,
    )
    return attrs.evolve(base, **changes)


# -- the schema, with every format checked ----------------------------------------------------


def test_the_schema_is_checked_with_a_checker_for_every_format_it_uses():
    assert {"date-time", "uri"} <= set(CHECKER.checkers)
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    assert errors_in(package) == []
    package["grants"][0]["dataSource"] = "www.lowmoor.example.org"
    assert errors_in(package) == [
        "$.grants[0].dataSource: 'www.lowmoor.example.org' is not a 'uri'"
    ]


def test_the_package_carries_its_metadata():
    package = export_package(
        LOWMOOR,
        prefix="lowmoor",
        modified=WHEN,
        data_source="https://lowmoor.example.org/grants.json",
        license="https://creativecommons.org/licenses/by/4.0/",
    )
    assert errors_in(package) == []
    assert package["publisher"] == {
        "name": "Lowmoor Joint Commissioning",
        "identifier": "GB-LAE-LWM",
    }
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["issued"] == "2007-04-02T09:30:00+00:00"
    assert package["identifier"] == "360G-lowmoor-20070402T093000Z"
    assert {g["dataSource"] for g in package["grants"]} == {
        "https://lowmoor.example.org/grants.json"
    }


@pytest.mark.parametrize("bad", ["lowmoor.example.org/grants", "https://a b.org/", "grants.json"])
def test_data_source_and_licence_must_be_uris(bad):
    with pytest.raises(ValueError, match="absolute URI"):
        export_package(LOWMOOR, prefix="lowmoor", modified=WHEN, data_source=bad)
    with pytest.raises(ValueError, match="absolute URI"):
        export_package(LOWMOOR, prefix="lowmoor", modified=WHEN, license=bad)


def test_a_funder_id_must_have_a_registered_prefix():
    package = export_package(example_contracts(), prefix="x", modified=WHEN, funder_id="GB-LAE-LWM")
    assert {g["fundingOrganization"][0]["id"] for g in package["grants"]} == {"GB-LAE-LWM"}
    with pytest.raises(ValueError, match=r"org-id\.guide"):
        export_package(example_contracts(), prefix="x", modified=WHEN, funder_id="LOWMOOR")


# -- grant ids ----------------------------------------------------------------------------------


def test_the_same_agreements_twice_make_each_grant_once():
    twice = [*example_contracts(), *example_contracts()]
    package = export_package(twice, prefix="lowmoor", modified=WHEN)
    assert len(package["grants"]) == len(example_contracts())
    assert errors_in(package) == []


def test_two_different_agreements_with_one_id_are_refused_by_name():
    first = contract()
    with pytest.raises(DuplicateGrants, match="360G-lowmoor-LJC-1") as info:
        export_package([first, attrs.evolve(first, title="Other")], prefix="lowmoor", modified=WHEN)
    assert info.value.ids == ("360G-lowmoor-LJC-1",)


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("LJC/2007/14", "360G-lowmoor-LJC-2007-14"),
        ("LJC 2007\t14", "360G-lowmoor-LJC-2007-14"),
        ("LJC\n14", "360G-lowmoor-LJC-14"),
        ("LJC\\14", "360G-lowmoor-LJC-14"),
        ("LJC-14", "360G-lowmoor-LJC-14"),
    ],
)
def test_grant_ids_follow_the_identifier_guidance(reference, expected):
    assert grant_id("lowmoor", reference) == expected
    grant = export_package([contract(reference=reference)], prefix="lowmoor", modified=WHEN)
    assert grant["grants"][0]["id"] == expected


# -- what the fields mean -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("E09000030", "LONB"),
        ("E06000047", "UA"),
        ("W06000015", "UA"),
        ("E07000178", "NMD"),
        ("E08000025", "MD"),
        ("E10000014", "CTY"),
        ("S12000036", "CA"),
    ],
)
def test_geo_code_type_follows_the_area_code(code, kind):
    funder = attrs.evolve(LOWMOOR.commissioner, area="An area", area_code=code)
    grant = export_package([contract()], prefix="x", modified=WHEN, funder=funder)["grants"][0]
    assert grant["beneficiaryLocation"] == [
        {"name": "An area", "countryCode": "GB", "geoCode": code, "geoCodeType": kind}
    ]


def test_an_area_code_of_unknown_type_is_not_given_a_wrong_type():
    funder = attrs.evolve(LOWMOOR.commissioner, area="Lowmoor", area_code="LOWMOOR")
    grant = export_package([contract()], prefix="x", modified=WHEN, funder=funder)["grants"][0]
    assert grant["beneficiaryLocation"] == [{"name": "Lowmoor", "countryCode": "GB"}]


@pytest.mark.parametrize(
    ("number", "area", "expected"),
    [
        ("1123456", "E09000030", "GB-CHC-1123456"),
        ("SC012345", "S12000036", "GB-SC-SC012345"),
        ("SC012345", "E09000030", "GB-SC-SC012345"),
        ("NIC100002", None, "GB-NIC-100002"),
        ("100002", "N09000003", "GB-NIC-100002"),
        ("100002", "E09000030", "GB-CHC-100002"),
    ],
)
def test_charity_numbers_go_to_their_own_register(number, area, expected):
    group = attrs.evolve(example_contracts()[0].group, charity_number=number)
    funder = attrs.evolve(LOWMOOR.commissioner, area="A", area_code=area, org_id=None)
    grant = export_package([contract(group=group)], prefix="x", modified=WHEN, funder=funder)[
        "grants"
    ][0]
    assert grant["recipientOrganization"][0]["id"] == expected


def test_a_junk_charity_number_makes_no_registered_id():
    group = attrs.evolve(example_contracts()[0].group, charity_number="applied for")
    grant = export_package([contract(group=group)], prefix="x", modified=WHEN)["grants"][0]
    assert grant["recipientOrganization"][0]["id"].startswith("360G-x-")
    report = quality_report({"grants": [grant]}, on=ON)
    assert "VI623" not in {f.code for f in report.findings}


def test_the_amount_is_exact_to_the_penny_for_the_agreement_as_made():
    # 1 April to 15 September at £12,000 a year: five months and half of September.
    assert amount_awarded(contract()) == decimal.Decimal("5500.00")
    twenty_days = contract(
        period=FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2007, 4, 20))
    )
    assert amount_awarded(twenty_days) == decimal.Decimal("666.67")
    grant = export_package([twenty_days], prefix="x", modified=WHEN)["grants"][0]
    assert grant["amountAwarded"] == 666.67
    year = contract(period=FundingPeriod.from_months(dt.date(2007, 4, 1), 12))
    assert amount_awarded(year) == decimal.Decimal("12000.00")


def test_the_award_date_is_the_recorded_decision_and_never_the_start():
    grant = export_package([contract()], prefix="x", modified=WHEN)["grants"][0]
    assert grant["awardDate"] == "2007-03-14"
    with pytest.raises(ValueError, match="no award date"):
        export_package([contract(awarded_on=None)], prefix="x", modified=WHEN)


def test_date_modified_is_per_grant_where_known():
    grants = export_package(
        [contract(), contract(reference="LJC-2", date_modified=dt.date(2007, 3, 20))],
        prefix="x",
        modified=WHEN,
    )["grants"]
    assert [g["dateModified"] for g in grants] == [
        "2007-04-02T09:30:00+00:00",
        "2007-03-20T00:00:00+00:00",
    ]


# -- the CSV --------------------------------------------------------------------------------------


def test_flattentool_unflattens_our_csv_to_a_valid_package_with_every_classification(tmp_path):
    flattentool = pytest.importorskip("flattentool")
    package = export_package(
        LOWMOOR, prefix="lowmoor", modified=WHEN, data_source="https://lowmoor.example.org/g.json"
    )
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "grants.csv").write_text(export_csv(package), encoding="utf-8")
    out = tmp_path / "unflattened.json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # flattentool's own deprecation notices are not ours
        flattentool.unflatten(
            str(folder),
            output_name=str(out),
            input_format="csv",
            schema=str(STANDARD / "360-giving-schema.json"),
            root_list_path="grants",
            root_id="",
            id_name="id",
            convert_titles=True,
        )
    back = json.loads(out.read_text(encoding="utf-8"))
    assert errors_in(back) == []
    assert [g["classifications"] for g in back["grants"]] == [
        g["classifications"] for g in package["grants"]
    ]
    constituencies = [g["classifications"][1]["code"] for g in back["grants"]]
    assert constituencies == [
        "service_users",
        "carers",
        "service_users",
        "service_users_and_carers",
    ]


def test_our_reader_reads_our_csv_back_to_the_same_grants():
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    back = read_csv(export_csv(package))
    assert back["grants"] == package["grants"]
    contracts = import_package(back, prefix="lowmoor")
    assert [c.group.constituency for c in contracts] == [
        c.group.constituency for c in import_package(package, prefix="lowmoor")
    ]


def test_the_import_command_reads_csv(tmp_path, capsys):
    package = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)
    path = tmp_path / "grants.csv"
    path.write_text(export_csv(package), encoding="utf-8")
    assert main(["import-360giving", str(path), "--prefix", "lowmoor"]) == 0
    agreements = json.loads(capsys.readouterr().out)
    assert [a["reference"] for a in agreements] == [c.reference for c in LOWMOOR.contracts][:4]


# -- import: nothing lost, nothing invented -------------------------------------------------------


def grant(**changes):
    base = {
        "id": "360G-x-1",
        "title": "Peer support",
        "description": "Peer support for people who use mental health services",
        "currency": "GBP",
        "amountAwarded": 1234.56,
        "awardDate": "2021-01-26T00:00:00+00:00",
        "recipientOrganization": [{"id": "GB-CHC-1123456", "name": "Lowmoor Voices"}],
        "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}],
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    "org_id",
    [
        "360G-ABCT-ORG:0015I00000EWouG",
        "GB-EDU-123456",
        "GB-REV-X123",
        "US-EIN-12-3456789",
        "gb-chc-1123456",
    ],
)
def test_org_ids_with_a_registered_prefix_are_kept_as_published(org_id):
    data = {"grants": [grant(recipientOrganization=[{"id": org_id, "name": "R"}])]}
    [imported] = import_grants(data).grants
    assert imported.recipient_id == org_id
    assert imported.to_grant()["recipientOrganization"][0]["id"] == org_id


def test_an_org_id_with_no_registered_prefix_is_dropped_with_a_note():
    data = {"grants": [grant(recipientOrganization=[{"id": "LOCAL-7", "name": "R"}])]}
    imported = import_grants(data)
    assert imported.grants[0].recipient_id is None
    assert [n.path for n in imported.notes] == ["$.grants[0].recipientOrganization[0].id"]


def test_one_bad_grant_does_not_abort_the_file():
    data = {"grants": [grant(), grant(id="2", amountAwarded="lots"), grant(id="3", title="")]}
    imported = import_grants(data)
    assert [g.id for g in imported.grants] == ["360G-x-1"]
    assert [(p.path, p.code) for p in imported.problems] == [
        ("$.grants[1].amountAwarded", "wrong-type"),
        ("$.grants[2].title", "invalid"),
    ]


def test_grants_to_individuals_are_kept_and_counted_but_make_no_agreement():
    person = grant(id="2", recipientIndividual={"id": "360G-x-IND-1", "name": "Individual"})
    del person["recipientOrganization"]
    imported = import_grants({"grants": [grant(), person]})
    assert [g.id for g in imported.grants] == ["360G-x-1", "2"]
    assert imported.grants[1].to_individual
    assert imported.grants[1].to_contract() is None
    assert imported.grants[1].to_grant() == person  # recipientIndividual passes through
    assert dict(imported.counts) == {"no-length": 1, "individual": 1}
    assert (imported.problems, imported.notes) == ((), ())


def test_nothing_is_invented():
    [imported] = import_grants({"grants": [grant()]}).grants
    assert imported.constituency is None
    assert imported.period() is None
    assert imported.to_contract() is None  # no planned period: no agreement, no made-up year
    assert imported.to_grant() == grant()
    dated = grant(plannedDates=[{"startDate": "2021-02-01", "endDate": "2022-01-31"}])
    [imported] = import_grants({"grants": [dated]}).grants
    agreement = imported.to_contract()
    assert agreement.group is None  # its constituency is unknown, not "users and carers"
    assert agreement.awarded_on == dt.date(2021, 1, 26)
    assert agreement.period == FundingPeriod(start=dt.date(2021, 2, 1), end=dt.date(2022, 1, 31))


def test_filters_pull_out_the_groups_asked_for():
    ours = export_package(LOWMOOR, prefix="lowmoor", modified=WHEN)["grants"]
    other = grant(
        title="Roof repairs", description="A new roof", grantProgramme=[{"code": "capital"}]
    )
    data = {"grants": [*ours, other]}

    def ids(**choices):
        return [g.id for g in import_grants(data, where=GrantFilter(**choices)).grants]

    assert ids(keywords=["MENTAL HEALTH"]) == [
        g["id"] for g in ours if "mental health" in (g["title"] + g["description"]).lower()
    ]
    assert ids(classifications=["carers"]) == ["360G-lowmoor-LJC-2007-021"]
    assert ids(classifications=["valuing-involvement:constituency:service_users"]) == [
        "360G-lowmoor-LJC-2007-014",
        "360G-lowmoor-LJC-2007-030",
    ]
    assert ids(programmes=["capital"]) == ["360G-x-1"]
    assert ids(funders=["GB-CHC-1000147"]) == ["360G-x-1"]
    assert ids(funders=["lowmoor joint commissioning"]) == [g["id"] for g in ours]
    assert ids(awarded_from=dt.date(2020, 1, 1)) == ["360G-x-1"]
    assert ids(awarded_to=dt.date(2020, 1, 1)) == [g["id"] for g in ours]


def test_the_import_command_reports_and_exits_2_only_when_nothing_is_read(tmp_path, capsys):
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": [grant(), grant(id="2", title="")]}), encoding="utf-8")
    assert main(["import-360giving", str(path), "--format", "360giving"]) == 0
    captured = capsys.readouterr()
    # the unreadable grant is reported, and still passes through as published
    assert json.loads(captured.out)["grants"] == [grant(), grant(id="2", title="")]
    assert "$.grants[1].title" in captured.err
    assert "2 grants read: 0 made agreements" in captured.err
    path.write_text(json.dumps({"grants": [grant(title="")]}), encoding="utf-8")
    assert main(["import-360giving", str(path)]) == 2


# -- the real publisher's file --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@needs_sample
def test_the_real_file_is_valid_by_the_schema(sample):
    assert errors_in(sample) == []


@needs_sample
def test_the_real_file_reexports_losslessly(sample):
    imported = import_grants(sample)
    assert (len(imported.grants), imported.problems, imported.notes) == (783, (), ())
    again = imported.package()
    assert errors_in(again) == []
    # every field of every grant, exactly as published: the unmodelled ones too
    assert again["grants"] == sample["grants"]
    assert json.dumps(again["grants"]) == json.dumps(sample["grants"])
    assert dict(imported.counts) == {"no-length": 783}  # no planned dates: no agreement
    prefixes = {
        g.recipient_id.split("-")[0] + "-" + g.recipient_id.split("-")[1] for g in imported.grants
    }
    assert {"GB-CHC", "GB-SC", "GB-COH", "GB-NIC", "360G-ABCT"} <= prefixes


@needs_sample
def test_the_real_file_has_no_validity_finding_and_the_accuracy_it_should(sample):
    report = quality_report(sample, on=dt.date(2021, 4, 7))
    groups = {quality_group(f) for f in report.findings}
    assert "validity" not in groups
    accuracy = sorted({f.code for f in report.findings if quality_group(f) == "accuracy"})
    assert accuracy == ["VI617"]  # "TBC", "06402143" and the like in charityNumber
    assert import_grants(sample, where=GrantFilter(keywords=["mental health"])).grants


@needs_sample
def test_the_quality_command_runs_on_any_file(capsys, tmp_path):
    assert main(["quality", str(SAMPLE), "--on", "2021-04-07", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["group"] for r in records} == {"accuracy", "usefulness"}
    bad = copy.deepcopy(json.loads(SAMPLE.read_text(encoding="utf-8")))
    bad["grants"][1]["id"] = bad["grants"][0]["id"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main(["quality", str(path), "--on", "2021-04-07"]) == 1
    assert "VI604 error   $.grants[1].id" in capsys.readouterr().out


# -- the DQT's checks -----------------------------------------------------------------------------


def dqt_rows():
    text = (SHARED / "DQT-CHECKS.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([VAU]\d+)(?: ★)? \| `?([^|`]+?)`? \|", text, flags=re.MULTILINE)
    return [f"{number} {name}" for number, name in rows]


@pytest.mark.skipif(not (SHARED / "DQT-CHECKS.md").exists(), reason="no DQT-CHECKS.md here")
def test_every_dqt_check_has_its_rule():
    assert sorted(dqt_rows()) == sorted([*CHECKS, *NOT_CHECKED])
    assert len(CHECKS) == 11 + 21 + 15  # V12 is in NOT_CHECKED
    for check, code in CHECKS.items():
        expected = {"V": "validity", "A": "accuracy", "U": "usefulness"}[check[0]]
        assert code in RULES
        assert quality_group_of(code) == expected, check


def quality_group_of(code):
    return {"VI60": "validity", "VI61": "accuracy", "VI62": "usefulness"}[code[:4]]


def test_retired_codes_stay_out_and_name_their_successor():
    for old, new in RETIRED:
        assert old not in RULES
        assert new in RULES


def test_an_export_of_the_bundled_borough_has_no_validity_or_accuracy_finding():
    package = export_package(
        LOWMOOR, prefix="lowmoor", modified=WHEN, data_source="https://lowmoor.example.org/g.json"
    )
    findings = quality_report(package, on=ON).findings
    assert [f.code for f in findings if quality_group(f) in {"validity", "accuracy"}] == []


# -- the export command ---------------------------------------------------------------------------


def test_the_export_command_takes_the_data_source_and_funder(tmp_path, capsys):
    path = tmp_path / "agreements.json"
    path.write_text(json.dumps([json.loads(c) for c in map(to_json, example_contracts())]))
    argv = ["export-360giving", str(path), "--prefix", "lowmoor", "--modified", WHEN.isoformat()]
    flags = ["--data-source", "https://lowmoor.example.org/g.json", "--funder", "GB-LAE-LWM"]
    assert main([*argv, *flags]) == 0
    package = json.loads(capsys.readouterr().out)
    assert errors_in(package) == []
    assert {g["dataSource"] for g in package["grants"]} == {"https://lowmoor.example.org/g.json"}
    assert {g["fundingOrganization"][0]["id"] for g in package["grants"]} == {"GB-LAE-LWM"}
    assert main([*argv, "--data-source", "lowmoor.example.org"]) == 2
    assert "absolute URI" in capsys.readouterr().err


def test_the_export_command_refuses_clashing_ids_by_name(tmp_path, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    agreement = contract()
    first.write_text(to_json(agreement))
    second.write_text(to_json(attrs.evolve(agreement, title="Another agreement")))
    argv = ["--prefix", "lowmoor", "--modified", WHEN.isoformat()]
    assert main(["export-360giving", str(first), str(first), *argv]) == 0
    assert len(json.loads(capsys.readouterr().out)["grants"]) == 1
    assert main(["export-360giving", str(first), str(second), *argv]) == 2
    assert "360G-lowmoor-LJC-1" in capsys.readouterr().err
