"""Policies: their own module, pickling for process pools, and TOML read within bounds."""

import datetime as dt
import functools
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import (
    InvalidPolicy,
    Policy,
    check_contract,
    check_contracts,
    example_contracts,
    policy,
)
from valuing_involvement import checking as checking_module
from valuing_involvement.policy import POLICY_MAX_DEPTH, POLICY_MAX_KEYS


def test_policy_lives_in_its_own_module_and_is_still_importable_from_checking():
    assert Policy.__module__ == "valuing_involvement.policy"
    assert checking_module.Policy is policy.Policy
    assert checking_module.InvalidPolicy is policy.InvalidPolicy


POLICIES = [
    Policy(),
    Policy(select=["VI3"], ignore=["VI302"]),
    Policy(severity={"VI301": "error"}, parameters={"min-funding-months": 24}),
]


@pytest.mark.parametrize("chosen", POLICIES)
def test_a_policy_pickles_back_to_itself(chosen):
    again = pickle.loads(pickle.dumps(chosen))  # noqa: S301 -- our own bytes
    assert again == chosen
    assert again.resolve() == chosen.resolve()
    contract = example_contracts()[0]
    assert check_contract(contract, policy=again) == check_contract(contract, policy=chosen)


@given(
    months=st.integers(0, 1200),
    level=st.sampled_from(["error", "warning", "advice"]),
)
def test_any_valid_policy_pickles(months, level):
    chosen = Policy(severity={"VI301": level}, parameters={"min-funding-months": months})
    again = pickle.loads(pickle.dumps(chosen))  # noqa: S301 -- our own bytes
    assert again == chosen
    assert dict(again.parameters) == {"min-funding-months": months}


def test_a_policys_tables_stay_read_only():
    chosen = Policy(severity={"VI301": "error"}, parameters={"min-funding-months": 24})
    with pytest.raises(TypeError):
        chosen.severity["VI301"] = "advice"  # type: ignore[index]
    with pytest.raises(TypeError):
        chosen.parameters["min-funding-months"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        chosen.resolve().parameters["min-funding-months"] = 1  # type: ignore[index]


def test_the_process_pool_recipe_with_a_policy():
    # docs/scaling.md: a partial carrying a policy and a date goes to worker processes.
    from concurrent.futures import ProcessPoolExecutor

    chosen = Policy(ignore=["VI302"], severity={"VI301": "error"})
    check = functools.partial(check_contract, policy=chosen, on=dt.date(2007, 4, 1))
    agreements = example_contracts()
    with ProcessPoolExecutor(max_workers=1) as pool:
        reports = list(pool.map(check, agreements))
    assert reports == [check(a) for a in agreements]
    assert all(f.code != "VI302" for r in reports for f in r.findings)


def test_a_5000_digit_integer_is_refused_cleanly():
    text = "[parameters]\nmin-funding-months = " + "9" * 5000
    with pytest.raises(InvalidPolicy) as caught:
        Policy.from_toml(text)
    assert caught.value.problems[0].code == "invalid"
    assert len(str(caught.value)) < 400


def test_a_long_integer_under_pythons_limit_is_refused_by_the_parameter():
    with pytest.raises(InvalidPolicy, match=r"parameters\.min-funding-months"):
        Policy.from_toml("[parameters]\nmin-funding-months = " + "9" * 4000)


def test_too_many_dotted_keys_are_refused_before_parsing():
    # 40,000 dotted keys (about 400 kB) took 50 s in the standard library's parser.
    text = "".join(f"severity.k{i} = 1\n" for i in range(40_000))
    with pytest.raises(InvalidPolicy) as caught:
        Policy.from_toml(text)
    assert caught.value.problems[0].code == "out-of-range"
    headers = "".join(f"[t{i}]\n" for i in range(POLICY_MAX_KEYS + 1))
    with pytest.raises(InvalidPolicy, match="keys"):
        Policy.from_toml(headers)


def test_the_key_limit_is_not_below_what_a_policy_needs():
    from valuing_involvement import RULES

    lines = ["[severity]", *(f'{r.code} = "error"' for r in RULES)]
    lines += [
        "[parameters]",
        *(
            f"{name} = {p.default}" if type(p.default) is int else f'{name} = "{p.default}"'
            for name, p in RULES.parameters.items()
        ),
    ]
    assert len(lines) < POLICY_MAX_KEYS
    chosen = Policy.from_toml("\n".join(lines))
    assert len(chosen.severity) == len(RULES)


@pytest.mark.parametrize(
    "text",
    [
        "a" + ".a" * POLICY_MAX_DEPTH + " = 1",
        "[" + ".".join(["t"] * (POLICY_MAX_DEPTH + 1)) + "]",
        "x" + ".y" * 100_000 + " = 1",
    ],
)
def test_too_deep_a_key_is_refused(text):
    with pytest.raises(InvalidPolicy) as caught:
        Policy.from_toml(text)
    assert caught.value.problems[0].code == "too-deep"


def test_a_key_at_the_depth_limit_is_parsed():
    # four parts are allowed: the refusal then comes from the policy's own keys
    with pytest.raises(InvalidPolicy, match="unknown key"):
        Policy.from_toml("a" + ".a" * (POLICY_MAX_DEPTH - 1) + " = 1")


def test_a_dotted_parameter_key_reads():
    assert Policy.from_toml("parameters.min-funding-months = 6").parameters == {
        "min-funding-months": 6
    }


def test_check_contracts_refuses_a_bad_date_too():
    from valuing_involvement import InvalidInput

    with pytest.raises(InvalidInput, match=r"\$\.on"):
        check_contracts(example_contracts(), on="2007-04-01")
