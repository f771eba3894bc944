"""An imported grant states no support and no terms: the rules that read them cannot judge it.

A 360Giving grant records an award, not what the agreement behind it offers the group or asks
of it.  ``Contract.support`` and ``Contract.terms`` are ``None`` then (not stated), where an
empty set says "none": the rules that look for a support or a term (``VI403``, ``VI406``,
``VI407``, ``VI408``, ``VI409``, ``VI413``, ``VI414``) stay silent and say they cannot judge,
and the scorecard counts their rows *not known*.  A field left out still means none, so every
earlier document loads as it did.
"""

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from profiles import share
from valuing_involvement import (
    Commissioner,
    Contract,
    Hosting,
    Portfolio,
    Support,
    Term,
    assess_portfolio,
    check_contract,
    compare,
    example_contracts,
    from_data,
    from_json,
    json_schema,
    to_data,
    to_json,
)
from valuing_involvement.cli import main
from valuing_involvement.registers import Register, read_register, write_register
from valuing_involvement.scorecard import Status
from valuing_involvement.testing.strategies import contracts
from valuing_involvement.threesixty import export_notes, import_grants, not_carried

#: The rules that read the support offered or the terms held.
SUPPORT_RULES = ("VI406", "VI407")
TERMS_RULES = ("VI408", "VI409", "VI413", "VI414")
READERS = ("VI403", *SUPPORT_RULES, *TERMS_RULES)

GRANT = {
    "id": "360G-pub-1",
    "title": "Peer support",
    "description": "Members run a peer support group",
    "currency": "GBP",
    "amountAwarded": 36000,
    "awardDate": "2021-01-26",
    "plannedDates": [{"startDate": "2021-04-01", "endDate": "2024-03-31"}],
    "recipientOrganization": [{"id": "GB-CHC-1126147", "name": "A group"}],
    "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}],
}
LLOYDS = Path("/work/shared/standards/360giving/samples/lloyds-bank-foundation-test-data.json")
needs_sample = pytest.mark.skipif(not LLOYDS.exists(), reason="the shared sample is not here")


def imported():
    [contract] = import_grants({"grants": [GRANT]}).contracts()
    return contract


def portfolio_of(agreements):
    commissioner = Commissioner(name="A trust", body_type="joint_commissioning_board")
    return Portfolio(commissioner=commissioner, groups=(), contracts=tuple(agreements))


# -- the import and the rules ----------------------------------------------------------------------


def test_an_imported_grant_states_neither_its_support_nor_its_terms():
    contract = imported()
    assert (contract.support, contract.terms) == (None, None)
    report = check_contract(contract)
    assert not {f.code for f in report.findings} & set(READERS)
    assert set(READERS) <= set(report.unjudged)
    assert report.scorecard().row("G4(d)(ii)").status is Status.NOT_KNOWN


def test_the_near_miss_the_same_agreement_stating_none_is_reported():
    stated = attrs.evolve(imported(), support=(), terms=())
    report = check_contract(stated)
    fired = {f.code for f in report.findings}
    assert set(SUPPORT_RULES + TERMS_RULES) <= fired
    assert not set(SUPPORT_RULES + TERMS_RULES) & set(report.unjudged)
    assert report.scorecard().row("G4(d)(ii)").status is Status.PARTLY_MET


def test_a_portfolio_of_imported_grants_counts_g4dii_not_known():
    card = assess_portfolio(portfolio_of([imported()])).scorecard()
    assert card.row("G4(d)(ii)").status is Status.NOT_KNOWN
    assert card.row("G4(d)(ii)").fired == ()
    stated = attrs.evolve(imported(), support=frozenset())
    card = assess_portfolio(portfolio_of([stated])).scorecard()
    assert card.row("G4(d)(ii)").status is Status.PARTLY_MET


def test_each_rule_reads_only_its_own_unstated_fact():
    contract = imported()
    terms_only = check_contract(attrs.evolve(contract, support=frozenset()))
    assert set(SUPPORT_RULES) <= {f.code for f in terms_only.findings}
    assert set(TERMS_RULES) <= set(terms_only.unjudged)
    support_only = check_contract(attrs.evolve(contract, terms=frozenset()))
    assert set(TERMS_RULES) <= {f.code for f in support_only.findings}
    assert set(SUPPORT_RULES) <= set(support_only.unjudged)


def test_vi413_judges_unstated_terms_when_no_involvement_is_bought():
    contract = attrs.evolve(imported(), roles_bought={"support"})
    report = check_contract(contract)
    assert "VI413" not in report.unjudged
    assert "VI413" not in {f.code for f in report.findings}


def test_vi403_needs_the_support_only_when_the_hosting_gives_no_training():
    hosted = attrs.evolve(example_contracts()[0], support=None)
    for training, unjudged in ((True, False), (False, True), (None, True)):
        contract = attrs.evolve(hosted, hosting=Hosting(host="Mind", skills_training=training))
        report = check_contract(contract)
        assert ("VI403" in report.unjudged) is unjudged, training
        assert "VI403" not in {f.code for f in report.findings}
    # the near miss: support stated without training, the hosting saying none, fires
    stated = attrs.evolve(hosted, support=(), hosting=Hosting(host="Mind", skills_training=False))
    assert "VI403" in {f.code for f in check_contract(stated).findings}


@settings(max_examples=share(0.3), deadline=None)
@given(contracts())
def test_an_unstated_support_or_terms_is_never_reported_missing(contract):
    report = check_contract(contract)
    fired = {f.code for f in report.findings}
    if contract.support is None:
        assert not fired & {"VI403", *SUPPORT_RULES}
        assert set(SUPPORT_RULES) <= set(report.unjudged)
    else:
        assert not set(SUPPORT_RULES) & set(report.unjudged)
    if contract.terms is None:
        assert not fired & set(TERMS_RULES)
        assert {"VI408", "VI409", "VI414"} <= set(report.unjudged)
    else:
        assert not set(TERMS_RULES) & set(report.unjudged)
    assert from_json(to_json(contract), Contract) == contract


def test_compare_shows_what_stating_the_support_adds():
    # a commissioner filling in an imported grant's support sees what the answer shows
    unstated = portfolio_of([imported()])
    stated = portfolio_of([attrs.evolve(imported(), support={Support.SELF_EVALUATION})])
    comparison = compare(unstated, stated)
    assert [f.code for f in comparison.added] == ["VI406"]
    assert comparison.resolved == ()
    assert compare(unstated, unstated).empty


# -- JSON -----------------------------------------------------------------------------------------


def test_null_reads_as_not_stated_and_writes_back_as_null():
    document = to_data(imported())
    assert (document["support"], document["terms"]) == (None, None)
    assert from_data(document, Contract) == imported()
    assert from_json(to_json(imported()), Contract) == imported()


def test_left_out_still_means_none_so_earlier_documents_load_unchanged():
    document = to_data(example_contracts()[0])
    del document["support"], document["terms"]
    contract = from_data(document, Contract)
    assert (contract.support, contract.terms) == (frozenset(), frozenset())
    bundled = json.loads(to_json(list(example_contracts())))
    assert all(isinstance(item["support"], list) for item in bundled)
    assert all(isinstance(item["terms"], list) for item in bundled)


def test_the_schema_allows_null_and_an_unknown_value_is_still_refused():
    contract = json_schema("agreement")["$defs"]["Contract"]
    for name in ("support", "terms"):
        assert {"type": "null"} in contract["properties"][name]["anyOf"]
    document = to_data(example_contracts()[0]) | {"terms": ["handshake"], "support": "training"}
    with pytest.raises(ValueError, match=r"\$\.terms\[0\]") as caught:
        from_data(document, Contract)
    assert "$.support" in str(caught.value)


# -- export ---------------------------------------------------------------------------------------


def test_a_fact_not_stated_is_nothing_the_export_loses():
    assert not_carried(imported()) == ()
    assert export_notes([imported()]) == []
    stated = attrs.evolve(imported(), support={Support.SKILLS_TRAINING}, terms={Term.FINANCE})
    assert not_carried(stated) == ("support", "terms")  # the near miss: stated, and lost


# -- registers ------------------------------------------------------------------------------------


def test_a_blank_cell_is_not_stated_and_none_is_none_each_written_back_as_read(tmp_path):
    exemplar = attrs.evolve(example_contracts()[0], group=None)
    unstated = attrs.evolve(exemplar, reference="U", support=None, terms=None)
    empty = attrs.evolve(exemplar, reference="E", support=frozenset(), terms=frozenset())
    written = write_register(Register(contracts=(unstated, empty)), tmp_path)
    agreements = next(path for path in written if path.name == "agreements.csv")
    header, *rows = agreements.read_text(encoding="utf-8").splitlines()[:3]
    columns = header.split(",")
    cells = [
        [row.split(",")[columns.index(title)] for title in ("Support offered", "Terms")]
        for row in rows
    ]
    assert cells == [["", ""], ["(none)", "(none)"]]
    assert read_register(tmp_path).contracts == (unstated, empty)


def test_the_register_help_says_a_blank_is_not_stated_and_none_is_written_so():
    from valuing_involvement.registers._write import help_of

    for column in ("support", "terms"):
        words = help_of("agreements", column)
        assert "empty when not stated" in words
        assert "(none) when none" in words


# -- the command line, on the shared sample -------------------------------------------------------


@needs_sample
def test_the_shared_sample_leaves_only_g3d_partly_met(tmp_path, capsys):
    # before support and terms could be not stated: G3(d) and G4(d)(ii) partly met, 21 not known
    assert main(["import-360giving", str(LLOYDS)]) == 0
    agreements = json.loads(capsys.readouterr().out)
    commissioner = {"name": "Lloyds (test data)", "body_type": "joint_commissioning_board"}
    portfolio = tmp_path / "portfolio.json"
    portfolio.write_text(
        json.dumps({"commissioner": commissioner, "groups": [], "contracts": agreements}),
        encoding="utf-8",
    )
    assert main(["assess", str(portfolio), "--format", "scorecard-json"]) == 0
    card = json.loads(capsys.readouterr().out)
    rows = {p["paragraph"]: p["status"] for g in card["guidelines"] for p in g["paragraphs"]}
    assert {ref for ref, status in rows.items() if status != "not known"} == {"G3(d)"}
    assert rows["G3(d)"] == "partly met"
    assert list(rows.values()).count("not known") == 22
    assert dt.date.fromisoformat(card["on"])  # assessed for a stated date
