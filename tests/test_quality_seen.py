"""What the quality checks remember of earlier grants: bounded memory, a dict's answers.

``FirstSeen`` keeps a bounded dict and spills the rest to a temporary SQLite table.  These
tests hold it to a plain dict (a tiny bound, so nearly every step spills), show that the
checks that compare grants (``VI604`` repeated id, ``VI618`` funders) find exactly the same
with and without spilling, and that no file is left behind however the run ends.
"""

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement._seen import SPILL_AFTER, FirstSeen
from valuing_involvement.rules._contexts import GrantsSeen
from valuing_involvement.threesixty import iter_quality

ON = dt.date(2021, 4, 7)
SAMPLE = Path("/work/shared/standards/360giving/samples/a-b-charitable-trust.json")

#: Few letters, surrogates among them: keys repeat often, and must survive the disk exactly.
KEYS = st.text(alphabet=st.sampled_from(["a", "b", "\x00", "é", "\ud800", "1", ":"]), max_size=4)
VALUES = st.one_of(st.integers(-(2**63), 2**63 - 1), st.text(st.characters(exclude_categories=())))


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A temporary directory of its own, so a test sees every file the store makes."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


# -- the store against a dict ---------------------------------------------------------------------


@given(
    bound=st.integers(1, 4),
    steps=st.lists(st.tuples(KEYS, VALUES, KEYS), max_size=60),
)
def test_the_store_answers_as_a_dict_however_small_its_bound(bound, steps):
    oracle = {}
    with FirstSeen(bound=bound) as store:
        for key, value, asked in steps:
            assert store.get(key) == oracle.get(key)  # asked first, as a check asks for an id
            store.add(key, value)
            oracle.setdefault(key, value)
            assert store.get(asked) == oracle.get(asked)
            assert (asked in store) == (asked in oracle)
            assert store.get(key) == oracle[key]
            assert len(store) == len(oracle)
        assert all(store.get(key) == value for key, value in oracle.items())


def test_the_store_keeps_the_first_value_of_a_key_already_on_disk():
    with FirstSeen(bound=1) as store:
        store.add("a", 0)  # spilled at once
        store.add("a", 5)
        store.add("b", "x")
        store.add("b", "y")
        assert (store.get("a"), store.get("b"), len(store)) == (0, "x", 2)


def test_the_store_refuses_a_bound_below_one():
    with pytest.raises(ValueError, match="at least 1"):
        FirstSeen(bound=0)


def test_the_default_bound():
    assert SPILL_AFTER == 16_384


# -- the checks find the same ---------------------------------------------------------------------


def _findings(grants, **options):
    return [
        [(f.code, f.path, f.message, json.dumps(f.evidence, sort_keys=True)) for f in found]
        for found in iter_quality(grants, on=ON, **options)
    ]


def _grant(number, funder, name):
    return {
        "id": f"360G-x-{number}",
        "title": "Peer support",
        "description": "A group run by people who use services",
        "currency": "GBP",
        "amountAwarded": 100,
        "awardDate": "2021-01-26",
        "recipientOrganization": [{"id": "GB-CHC-1126147", "name": "A group"}],
        "fundingOrganization": [{"id": funder, "name": name}],
    }


#: Repeated ids, a second funder, one funder under two names and one name under two ids.
FILE = [
    _grant(1, "GB-CHC-1000147", "A trust"),
    _grant(2, "GB-CHC-1000147", "A trust"),
    _grant(1, "GB-CHC-1000147", "A trust"),
    _grant(3, "GB-CHC-1000148", "A trust"),
    _grant(4, "GB-CHC-1000147", "The trust"),
    _grant(2, "GB-CHC-1000149", "Another"),
    _grant(5, " GB-CHC-1000147 ", "A trust "),
    _grant(3, "GB-CHC-1000148", "A trust"),
]


def test_spilling_changes_no_finding_of_the_checks_that_compare_grants():
    spilled, default = _findings(FILE, spill_after=2), _findings(FILE)
    assert spilled == default == _findings(FILE, spill_after=None)
    codes = [code for found in default for code, *_ in found if code in {"VI604", "VI618"}]
    assert codes.count("VI604") == 3
    assert codes.count("VI618") >= 3


@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),
            st.sampled_from(["GB-CHC-1", "GB-CHC-2", " GB-CHC-1", ""]),
            st.sampled_from(["A", "B", "A ", ""]),
        ),
        max_size=12,
    )
)
def test_spilling_after_each_grant_changes_no_finding(drawn):
    grants = [_grant(*fields) for fields in drawn]
    assert _findings(grants, spill_after=1) == _findings(grants, spill_after=None)


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is not here")
def test_a_real_file_gives_the_same_findings_spilled_after_two_grants():
    grants = json.loads(SAMPLE.read_text("utf-8"))["grants"]
    grants += grants[:5]  # and some repeated ids
    assert _findings(grants, spill_after=2) == _findings(grants)


# -- nothing left behind --------------------------------------------------------------------------


def test_closing_the_store_removes_its_file(scratch):
    store = FirstSeen(bound=1)
    store.add("a", 1)
    store.add("b", 2)
    assert any(scratch.rglob("*.sqlite"))
    store.close()
    store.close()  # twice is harmless
    assert not any(scratch.iterdir())
    assert store.get("a") is None
    assert len(store) == 0  # closed, it holds nothing, on disk or in memory


def test_the_store_goes_to_disk_when_it_holds_its_bound_and_not_before(scratch):
    store = FirstSeen(bound=3)
    store.add("a", 1)
    store.add("b", 2)
    assert not any(scratch.iterdir())  # two keys under a bound of three stay in memory
    store.add("c", 3)
    assert any(scratch.rglob("*.sqlite"))
    assert len(store) == 3
    store.close()


def test_the_tables_of_earlier_grants_are_removed_on_leaving_the_block(scratch):
    with GrantsSeen(spill_after=1) as seen:
        for index, grant in enumerate(FILE):
            seen.add(grant, index)
        assert any(scratch.iterdir())
    assert not any(scratch.iterdir())


def test_a_run_removes_its_tables_when_done_or_stopped_early(scratch):
    assert len(list(iter_quality(FILE, on=ON, spill_after=1))) == len(FILE)
    assert not any(scratch.iterdir())
    with contextlib.closing(iter_quality(FILE, on=ON, spill_after=1)) as checked:
        next(checked)
        next(checked)
        next(checked)
        assert any(scratch.iterdir())
    assert not any(scratch.iterdir())
