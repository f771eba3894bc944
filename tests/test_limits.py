"""Limits on what bad input can cost: problems collected and capped, policies refused whole."""

import json

import pytest

from valuing_involvement import Group, InvalidDocument, InvalidPolicy, Policy, from_json
from valuing_involvement.serialization import MAX_COUNTED, MAX_PROBLEMS, from_data


def test_many_bad_members_give_a_bounded_list_of_problems_and_a_count():
    members = [{"voting": 1}] * 20_000
    text = json.dumps(
        {
            "name": "g",
            "constituency": "carers",
            "controls": [],
            "decision_body": {"members": members},
        }
    )
    with pytest.raises(InvalidDocument) as caught:
        from_json(text, Group)
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].path == "$.decision_body.members[0].voting"
    assert problems[-1].code == "too-many"
    assert "19,900 more" in problems[-1].message


@pytest.mark.parametrize(("count", "more"), [(100, 300), (150, 500), (1_100, 4_300)])
def test_a_list_of_bad_documents_is_counted_exactly_up_to_the_budget(count, more):
    # four problems each: name, constituency, controls and decision_body missing
    with pytest.raises(InvalidDocument) as caught:
        from_data([{}] * count, list[Group])
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"and {more:,} more problems, not listed"


def test_past_the_budget_each_bad_document_counts_once_and_the_count_says_at_least():
    count = MAX_PROBLEMS + MAX_COUNTED + 500
    with pytest.raises(InvalidDocument) as caught:
        from_data([{}] * count, list[Group])
    more = 4 * (MAX_PROBLEMS + MAX_COUNTED) - MAX_PROBLEMS + 500
    assert caught.value.problems[-1].message == f"and at least {more:,} more problems, not listed"


def test_a_huge_value_is_never_echoed_back():
    text = json.dumps({"name": "g", "constituency": "x" * 5_000_000, "controls": [],
                       "decision_body": None})  # fmt: skip
    with pytest.raises(InvalidDocument) as caught:
        from_json(text, Group)
    assert len(str(caught.value)) < 2_000


@pytest.mark.parametrize(
    ("toml", "path", "code"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, "$", "too-deep"),
        ("[parameters]\nrenewal-notice-months = 100000", "$.parameters.renewal-notice-months",
         "invalid"),
        ("[parameters]\nrenewal-notice-months = " + "[" * 50_000 + "]" * 50_000, "$", "too-deep"),
        ("[parameters]\nmin-funding-months = 1e400", "$.parameters.min-funding-months", "invalid"),
        ("[parameters]\nshort-funding-share = '1.5'", "$.parameters.short-funding-share",
         "invalid"),
        ("[severity]\nVI301 = [[1]]", "$.severity.VI301", "not-allowed"),
    ],
)  # fmt: skip
def test_absurd_policies_are_invalid_policies(toml, path, code):
    with pytest.raises(InvalidPolicy) as caught:
        Policy.from_toml(toml)
    assert [(p.path, p.code) for p in caught.value.problems] == [(path, code)]


def test_a_policy_file_that_is_not_utf8_or_is_huge_is_an_invalid_policy(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe = 1")
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# " + b"x" * (1 << 21))
    for path, code in ((bad, "syntax"), (huge, "out-of-range")):
        with pytest.raises(InvalidPolicy) as caught:
            Policy.load(path)
        assert [p.code for p in caught.value.problems] == [code]


def test_every_parameter_has_a_range():
    from valuing_involvement import RULES
    from valuing_involvement._bounds import parameter_range

    for parameter in RULES.parameters.values():
        low, high, _ = parameter_range(
            parameter.unit, amount=not isinstance(parameter.default, int)
        )
        assert low <= parameter.default <= high
        with pytest.raises(ValueError, match="takes"):
            parameter.coerce(high + 1)
