"""The picture's areas: what a grant's location codes say, read with the standard's codelists."""

from __future__ import annotations

import pytest

from valuing_involvement._standard360 import codelist
from valuing_involvement.picture import COLUMNS, build_picture
from valuing_involvement.picture._areas import LEVELS, REGIONS, area_of, place_of
from valuing_involvement.picture._generate import generate_grants

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")


@pytest.mark.parametrize(
    "location",
    [
        {"geoCode": "E09000033", "geoCodeType": "LONB"},  # a London borough
        {"geoCode": "E09000001"},  # the City, with no code type
        {"geoCode": "E13000001"},  # Inner London
        {"geoCode": "E13000002"},  # Outer London
        {"geoCode": "E32000010"},  # a London Assembly constituency
        {"geoCode": "E12000007", "geoCodeType": "RGN"},  # the London region
        {"geoCode": " e09000033 "},  # as some publishers type it
        {"geoCodeType": "LONB", "name": "Hackney"},  # a borough named, its code left out
    ],
)
def test_every_london_code_places_a_grant_in_london(location):
    assert area_of({"beneficiaryLocation": [location]}) == (
        "London",
        "region",
        "beneficiary location",
    )


def test_the_london_code_types_are_the_codelists_own():
    assert {"LONB", "LAC", "RGN/GOR"} <= codelist("geoCodeType")


@pytest.mark.parametrize(("code", "region"), sorted(REGIONS.items()))
def test_an_english_region_comes_from_its_region_code(code, region):
    assert area_of({"beneficiaryLocation": [{"geoCode": code}]})[:2] == (region, "region")


@pytest.mark.parametrize(
    ("code", "country"),
    [
        ("E08000035", "England"),  # Leeds: its region needs ONS's lookup, so England only
        ("E06000047", "England"),  # a unitary authority
        ("E92000001", "England"),
        ("W06000015", "Wales"),
        ("S12000036", "Scotland"),
        ("N09000003", "Northern Ireland"),
    ],
)
def test_any_other_gss_code_gives_its_country_never_a_guessed_region(code, country):
    assert area_of({"beneficiaryLocation": [{"geoCode": code}]})[:2] == (country, "country")


_UK = ("United Kingdom", "United Kingdom")
_LONDON = {"geoCode": "E09000033"}


@pytest.mark.parametrize(
    ("locations", "expected"),
    [
        ([{"countryCode": "GB"}], _UK),
        ([{"geoCode": "K02000001"}], _UK),
        ([{"countryCode": "GB-WLS"}], ("Wales", "country")),
        ([{"countryCode": "KE"}], ("Kenya", "country")),  # named as the codelist names it
        ([_LONDON, {"geoCode": "E08000035"}], ("England", "country")),
        ([_LONDON, {"geoCode": "W06000015"}], _UK),
        ([_LONDON, {"countryCode": "KE"}], ("several countries", "several countries")),
        ([_LONDON, {"name": "Kelby"}], ("London", "region")),
    ],
)  # fmt: skip
def test_several_locations_give_the_finest_area_holding_them_all(locations, expected):
    assert area_of({"beneficiaryLocation": locations})[:2] == expected


@pytest.mark.parametrize(
    "grant",
    [
        {},
        {"beneficiaryLocation": [{"name": "UK Wide"}]},  # a name places nothing
        {"beneficiaryLocation": [{"geoCode": "Lowmoor"}, {"countryCode": "XX"}]},
        {"beneficiaryLocation": "E09000033"},
        {"beneficiaryLocation": [{"geoCode": 9000033}]},
        {"recipientOrganization": [{"name": "Bath Mind", "location": "BA1"}]},
    ],
)
def test_a_grant_without_a_usable_code_has_no_area(grant):
    assert area_of(grant) == (None, None, None)


def test_the_recipients_location_counts_only_when_no_beneficiary_location_has_a_code():
    recipient = {"recipientOrganization": [{"location": [{"geoCode": "S12000036"}]}]}
    assert area_of(recipient) == ("Scotland", "country", "recipient location")
    both = {**recipient, "beneficiaryLocation": [{"geoCode": "E09000033"}]}
    assert area_of(both) == ("London", "region", "beneficiary location")


def test_a_place_is_none_only_without_a_code():
    assert place_of({"name": "London"}) is None
    assert place_of({"geoCode": "E09000033"}) is not None


def test_the_rows_carry_the_area_and_the_by_area_table_counts_every_grant():
    assert {"area", "area_level", "area_from"} <= set(COLUMNS)
    picture = build_picture([("f", g) for g in generate_grants(1500, seed=9)])
    table = picture.table("by-area")
    assert table.columns[:3] == ("area", "level", "grants")
    assert sum(r[2] for r in table.rows) == picture.selected
    levels = {r[1] for r in table.rows}
    assert levels <= {*LEVELS, "not stated"}
    assert "not stated" in levels  # generated grants without a location are counted, not dropped
    assert {"region", "country"} <= levels
    placed = picture.selected - sum(r[2] for r in table.rows if r[1] == "not stated")
    assert f"{picture.selected} selected grants; {placed} with a location code" == (
        table.denominator
    )
    assert any("recipient's own location" in note for note in table.notes)
    assert any("ONS's lookup" in note for note in table.notes)
