"""An agreement whose kind is not stated: a 360Giving grant records an award, not its form.

``Contract.kind`` is ``None`` when the form of agreement is not stated.  It stays required in
JSON (``null`` says "not stated", a missing key is still an error), the import sets it so, no
rule reads a written agreement into it, and every path a document travels keeps it.
"""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given, settings

from profiles import share
from valuing_involvement import (
    AgreementKind,
    Contract,
    InvalidDocument,
    check_contract,
    example_contracts,
    from_data,
    from_json,
    json_schema,
    to_data,
    to_json,
)
from valuing_involvement.registers import Register, read_register, write_register
from valuing_involvement.scorecard import Status
from valuing_involvement.testing.strategies import contracts
from valuing_involvement.threesixty import (
    export_notes,
    export_package,
    import_grants,
    not_carried,
)

GRANT = {
    "id": "360G-pub-1",
    "title": "Peer support",
    "currency": "GBP",
    "amountAwarded": 36000,
    "awardDate": "2021-01-26T10:00:00+01:00",
    "plannedDates": [{"duration": 36}],
    "recipientOrganization": [{"id": "GB-CHC-1126147", "name": "A group"}],
    "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}],
}


def exemplar_document():
    return to_data(example_contracts()[0])


# -- the model and its JSON ------------------------------------------------------------------------


def test_null_kind_reads_as_not_stated_and_writes_back_as_null():
    document = exemplar_document() | {"kind": None}
    contract = from_data(document, Contract)
    assert contract.kind is None
    assert contract.written is None
    assert to_data(contract)["kind"] is None
    assert from_json(to_json(contract), Contract) == contract


def test_a_missing_kind_is_still_an_error_at_its_path():
    document = exemplar_document()
    del document["kind"]
    with pytest.raises(InvalidDocument) as caught:
        from_data(document, Contract)
    assert [(p.path, p.code) for p in caught.value.problems] == [("$.kind", "missing")]


def test_every_stated_kind_still_loads_and_says_whether_it_is_written():
    for kind in AgreementKind:
        contract = from_data(exemplar_document() | {"kind": kind.value}, Contract)
        assert contract.kind is kind
        assert contract.written is (kind is not AgreementKind.NONE)


def test_an_unknown_kind_is_refused():
    with pytest.raises(InvalidDocument) as caught:
        from_data(exemplar_document() | {"kind": "handshake"}, Contract)
    assert [p.path for p in caught.value.problems] == ["$.kind"]


def test_the_schema_accepts_null_and_still_requires_the_key():
    contract = json_schema("agreement")["$defs"]["Contract"]
    assert "kind" in contract["required"]
    assert {"type": "null"} in contract["properties"]["kind"]["anyOf"]


# -- the rule and the scorecard --------------------------------------------------------------------


def test_vi400_cannot_judge_an_unstated_kind_and_fires_only_on_none():
    exemplar = example_contracts()[0]
    unstated = check_contract(attrs.evolve(exemplar, kind=None))
    assert "VI400" in unstated.unjudged
    assert "VI400" not in {f.code for f in unstated.findings}
    stated_none = check_contract(attrs.evolve(exemplar, kind=AgreementKind.NONE))
    assert "VI400" not in stated_none.unjudged
    assert [f.code for f in stated_none.findings if f.code == "VI400"] == ["VI400"]


def test_an_agreement_with_no_kind_no_title_and_no_reference_is_named_as_an_agreement():
    contract = attrs.evolve(example_contracts()[0], kind=None, title=None, reference=None)
    assert check_contract(contract).subject == (
        "Lowmoor Joint Commissioning agreement with Lowmoor Voices"
    )
    stated = attrs.evolve(contract, kind=AgreementKind.GRANT_LETTER)
    assert check_contract(stated).subject == (
        "Lowmoor Joint Commissioning grant letter with Lowmoor Voices"
    )


@settings(max_examples=share(0.3), deadline=None)
@given(contracts())
def test_an_unstated_kind_is_never_judged_and_round_trips_exactly(contract):
    report = check_contract(contract)
    fired = {f.code for f in report.findings}
    if contract.kind is None:
        assert contract.written is None
        assert "VI400" in report.unjudged
        assert "VI400" not in fired
        g4 = report.scorecard().row("G4")
        if set(g4.rules) <= set(report.unjudged):  # no rule of G4 could judge: never met
            assert g4.status is not Status.MET
    else:
        assert "VI400" not in report.unjudged
        assert ("VI400" in fired) is (contract.kind is AgreementKind.NONE)
    assert from_json(to_json(contract), Contract) == contract


# -- 360Giving -------------------------------------------------------------------------------------


def test_an_imported_grant_states_no_kind_and_exports_as_its_grant():
    [contract] = import_grants({"grants": [GRANT]}).contracts()
    assert contract.kind is None
    assert "VI400" in check_contract(contract).unjudged
    assert not_carried(contract) == ()
    assert export_notes([contract]) == []


def test_a_hand_written_agreement_of_unstated_kind_loses_nothing_on_export():
    contract = attrs.evolve(example_contracts()[0], kind=None)
    assert "kind" not in not_carried(contract)
    stated = attrs.evolve(contract, kind=AgreementKind.SERVICE_LEVEL_AGREEMENT)
    assert "kind" in not_carried(stated)  # the near miss: a stated SLA has no place in a grant
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    bare = attrs.evolve(contract, title=None, aims=(), roles_bought=frozenset(), group=None)
    [grant] = export_package([bare], prefix="pub", modified=when)["grants"]
    assert (grant["title"], grant["description"]) == (
        "the group: grant",
        "A grant funding the group.",
    )


# -- registers -------------------------------------------------------------------------------------


def test_a_blank_kind_cell_reads_as_not_stated(tmp_path):
    contract = attrs.evolve(example_contracts()[0], kind=None, group=None)
    written = write_register(Register(contracts=(contract,)), tmp_path)
    agreements = next(path for path in written if path.name == "agreements.csv")
    header, row = agreements.read_text(encoding="utf-8").splitlines()[:2]
    at = header.split(",").index("Kind of agreement")
    assert row.split(",")[at] == ""  # written blank
    [again] = read_register(tmp_path).contracts
    assert again.kind is None
    assert again == contract


def test_the_register_help_says_a_blank_kind_is_not_stated():
    from valuing_involvement.registers._write import help_of

    assert "empty when not stated" in help_of("agreements", "kind")


def test_the_bundled_examples_load_unchanged():
    assert all(c.kind is not None for c in example_contracts())
    data = json.loads(to_json(list(example_contracts())))
    assert all(isinstance(item["kind"], str) for item in data)
