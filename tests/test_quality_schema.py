"""VI603's two validators agree: the compiled pre-pass changes how fast, never what is reported.

``grant_prefilter`` (fastjsonschema) answers only whether a grant is valid; VI603 asks
jsonschema for every problem of a grant it refuses.  So the pre-pass must accept exactly the
grants jsonschema accepts: a grant it let through wrongly would lose its problems.  The
fixture holds grants broken in each way the schema can refuse them, and a property mutates
the exemplar with arbitrary JSON values where the schema has something to say.
"""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exemplar_checks import merge_patch
from valuing_involvement._standard360 import grant_prefilter, grant_validator
from valuing_involvement.rules.quality import _validity
from valuing_involvement.threesixty import quality_report

HERE = Path(__file__).parent
GRANT = json.loads((HERE / "cases" / "grant-exemplar.json").read_text("utf-8"))
FIXTURE = json.loads(
    (HERE / "fixtures" / "quality" / "schema-broken-grants.json").read_text("utf-8")
)
ON = dt.date(2007, 4, 2)
VALID = grant_prefilter()

pytestmark = pytest.mark.skipif(VALID is None, reason="fastjsonschema is not installed")


def jsonschema_valid(grant):
    return not any(True for _ in grant_validator().iter_errors(grant))


def vi603(grants):
    findings = quality_report({"grants": grants}, on=ON).findings
    return [(f.message, f.path, dict(f.evidence)) for f in findings if f.code == "VI603"]


@pytest.mark.parametrize("case", FIXTURE["patches"], ids=lambda case: case["why"])
def test_the_pre_pass_refuses_each_broken_grant_and_vi603_lists_the_same_problems(
    case, monkeypatch
):
    grant = merge_patch(GRANT, case["patch"])
    assert not jsonschema_valid(grant)
    assert VALID(grant) is False
    with_pre_pass = vi603([grant])
    monkeypatch.setattr(_validity, "grant_prefilter", lambda: None)
    assert vi603([grant]) == with_pre_pass


@pytest.mark.parametrize("case", FIXTURE["valid"], ids=lambda case: case["why"])
def test_the_pre_pass_accepts_each_valid_grant(case):
    grant = merge_patch(GRANT, case["patch"])
    assert jsonschema_valid(grant)
    assert VALID(grant) is True


def test_the_whole_fixture_reports_the_same_with_or_without_the_pre_pass(monkeypatch):
    grants = [merge_patch(GRANT, case["patch"]) for case in FIXTURE["patches"]]
    with_pre_pass = vi603(grants)
    assert len(with_pre_pass) >= len(grants)
    monkeypatch.setattr(_validity, "grant_prefilter", lambda: None)
    assert vi603(grants) == with_pre_pass


def test_the_pre_pass_leaves_the_grant_as_it_was():
    grant = merge_patch(GRANT, {"plannedDates": [{"duration": 36}]})
    before = copy.deepcopy(grant)
    VALID(grant)
    assert grant == before


#: Where a mutation lands: the schema has types, formats, patterns, minima or lists there.
PLACES = [
    ("amountAwarded",),
    ("awardDate",),
    ("currency",),
    ("dateModified",),
    ("dataSource",),
    ("fromOpenCall",),
    ("title",),
    ("plannedDates",),
    ("plannedDates", 0),
    ("plannedDates", 0, "startDate"),
    ("plannedDates", 0, "endDate"),
    ("plannedDates", 0, "duration"),
    ("recipientOrganization",),
    ("recipientOrganization", 0),
    ("recipientOrganization", 0, "id"),
    ("recipientIndividual",),
    ("fundingOrganization", 0, "name"),
    ("beneficiaryLocation", 0, "countryCode"),
    ("beneficiaryLocation", 0, "locationScope"),
    ("grantProgramme", 0),
    ("actualDates",),
    ("disbursementTransaction",),
]

DATE_LIKE = st.sampled_from(
    [
        "2007-04-01",
        "2007-04",
        "2007",
        "2007-04-01T09:00:00Z",
        "2007-04-01T09:00:00+01:00",
        "2007-04-01T09:00:00",
        "2007-02-30",
        "2007-13-01",
        "2007-04-01\n",
        "07-04-01",
        "",
        "https://lowmoor.example.org/x",
        "lowmoor.example.org",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=6),
    DATE_LIKE,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=2),
        st.dictionaries(
            st.sampled_from(["id", "name", "startDate", "endDate", "duration", "amount"]),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=6,
)


def put(grant, place, value):
    """Set ``value`` at ``place`` in ``grant`` if the place still exists (earlier changes)."""
    node = grant
    for depth, step in enumerate(place, start=1):
        fits = isinstance(node, dict) if isinstance(step, str) else isinstance(node, list)
        if not fits or (isinstance(node, list) and step >= len(node)):
            return
        if depth == len(place):
            node[step] = value
            return
        node = node[step]


@given(st.lists(st.tuples(st.sampled_from(PLACES), VALUES), min_size=1, max_size=4))
def test_the_pre_pass_accepts_exactly_what_jsonschema_accepts(changes):
    grant = copy.deepcopy(GRANT)
    for place, value in changes:
        put(grant, place, value)
    assert VALID(grant) is jsonschema_valid(grant)
