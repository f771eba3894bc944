"""Every command, on whatever a hostile user sends, answers with exit 0, 1 or 2 and no traceback.

In-process runs of ``main`` cover documents and policies; a few real processes cover closed
streams, full disks, broken pipes, an ASCII terminal and endless input.
"""

import copy
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement import to_data
from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
from valuing_involvement.cli import main

DOCUMENTS = {
    "group": to_data(example_groups()),
    "agreement": to_data(example_contracts()),
    "portfolio": to_data(example_portfolio()),
}

# Values that are valid JSON but sit at or past every edge the library has.
EXTREMES = st.sampled_from(
    [
        "1e30", "1e999999", " 1000 ", "1_000", "+5", ".5", "5.", "١٠٠٠", "１０００", "-0.001",
        "0.001", "999999999999.99", "1000000000000", "9999-12-31", "0001-01-01", "1900-01-01",
        "2999-12-31", "GB-CHC-١٠٩٤١١٢", "\ud800", "", " ", "x" * 10_000, 10**30, -1, 0, 1.5,
        1e308, 10**400, True, None, [], {}, [[[[[]]]]], {"a": {"b": {}}},
    ]
)  # fmt: skip
SCALARS = (
    EXTREMES
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None), max_size=20)
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:3]):
            yield from _paths(value, (*prefix, index))


@st.composite
def hostile_documents(draw):
    """A bundled document with a few of its values, anywhere in it, replaced by extreme ones."""
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    data = copy.deepcopy(DOCUMENTS[name])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))[1:]))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = draw(SCALARS)
    return name, data


def _policy_value():
    return st.sampled_from(
        ["100000", "-1", "24.0", "true", '"0.050"', '"1e999999"', "1e400", "[[[1]]]", "{a = 1}",
         '"x"', "0", "1200", '"0.5"', '"999999999999.99"']
    )  # fmt: skip


@st.composite
def hostile_policies(draw):
    """TOML naming real parameters and codes with absurd values, or not TOML at all."""
    names = ["min-funding-months", "renewal-notice-months", "community-share",
             "short-funding-share", "no-such-parameter"]  # fmt: skip
    chosen = draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
    lines = ["[parameters]", *(f"{name} = {draw(_policy_value())}" for name in chosen)]
    if draw(st.booleans()):
        level = draw(st.sampled_from(['"error"', '"loud"', "[1]"]))
        lines += ["[severity]", f"VI301 = {level}"]
    text = "\n".join(lines)
    return draw(st.sampled_from([text, text, "x = " + "[" * 5_000, "\ufffe = ="]))


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses an option, as it must, with exit 2
        code = exc.code
    captured = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in captured.err
    return code, captured


@settings(max_examples=share(0.1), deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(document=hostile_documents(), policy=hostile_policies())
def test_every_command_answers_hostile_documents_and_policies(tmp_path, capsys, document, policy):
    name, data = document
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8", errors="surrogatepass")
    policy_path = tmp_path / "policy.toml"
    policy_path.write_text(policy, encoding="utf-8", errors="surrogatepass")
    file = str(path)
    commands = [
        ["classify", file],
        ["classify", "--format", "json", file],
        ["check", file],
        ["check", "--format", "json", file],
        ["check", "--policy", str(policy_path), file],
        ["assess", file],
        ["assess", "--policy", str(policy_path), "--format", "json", file],
        ["export-360giving", "--prefix", "360G-lowmoor", "--modified",
         "2008-01-01T00:00:00+00:00", file],
        ["import-360giving", file],
    ]  # fmt: skip
    for argv in commands:
        _run(argv, capsys)


@settings(max_examples=share(0.06), deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    grants=st.lists(
        st.fixed_dictionaries(
            {"id": st.just("360G-x-1"), "title": st.just("t"), "awardDate": st.just("2007-04-01"),
             "recipientOrganization": st.just([{"name": "G"}]),
             "fundingOrganization": st.just([{"name": "F"}])},
            optional={"amountAwarded": SCALARS, "classifications": SCALARS,
                      "plannedDates": st.lists(st.fixed_dictionaries({}, optional={
                          "duration": SCALARS, "startDate": SCALARS, "endDate": SCALARS}))},
        ),
        max_size=4,
    )
)  # fmt: skip
def test_import_360giving_answers_each_grant(tmp_path, capsys, grants):
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"grants": grants}), encoding="utf-8", errors="surrogatepass")
    code, _ = _run(["import-360giving", str(path)], capsys)
    assert code in (0, 2)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(st.characters(codec=None), max_size=30))
def test_the_commands_without_documents_answer_any_argument(capsys, code):
    _run(["explain", code], capsys)


@pytest.mark.parametrize(
    "argv",
    [["demo"], ["demo", "--format", "json"], ["rules", "--format", "json"],
     ["rules", "--format", "coverage"], ["schema", "agreement"]],
)  # fmt: skip
def test_the_commands_without_documents_exit_0(capsys, argv):
    assert _run(argv, capsys)[0] == 0


def test_import_360giving_reports_each_extreme_grant(tmp_path, capsys):
    def grant(**changes):
        return {"id": "360G-x-1", "title": "t", "amountAwarded": 1000, "awardDate": "2007-04-01",
                "recipientOrganization": [{"name": "G"}], "fundingOrganization": [{"name": "F"}],
                **changes}  # fmt: skip

    grants = [grant(amountAwarded=1e30), grant(amountAwarded=10**400),
              grant(awardDate="9999-12-31"), grant(plannedDates=[{"duration": 10**9}]),
              grant(plannedDates=[{"duration": 1e308}]), grant(classifications=5)]  # fmt: skip
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"grants": grants}).replace("1e+30", "1e30"), encoding="utf-8")
    code, captured = _run(["import-360giving", str(path)], capsys)
    assert code == 2
    for index in range(len(grants)):
        assert f"$.grants[{index}]" in captured.err


def test_main_never_closes_the_callers_stderr_on_a_broken_pipe(monkeypatch, tmp_path):
    class Broken(io.StringIO):
        def write(self, _text):
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", Broken())
    monkeypatch.setattr(sys, "stderr", err)
    good = tmp_path / "groups.json"
    good.write_text(json.dumps(DOCUMENTS["group"]), encoding="utf-8")
    assert main(["classify", "--format", "json", str(good), str(tmp_path / "missing.json")]) == 2
    assert not err.closed
    assert main(["demo"]) == 0
    assert not err.closed


def test_main_reports_a_closed_stdout_with_exit_2(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["demo"]) == 2
    assert "cannot write the output" in err.getvalue()


# -- real processes -----------------------------------------------------------------------------

COMMAND = f"{sys.executable} -m valuing_involvement"


def _shell(script, **env):
    return subprocess.run(
        ["/bin/bash", "-c", f"set -o pipefail; {script}"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
        timeout=120,
    )


@pytest.fixture
def agreements(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(DOCUMENTS["agreement"] * 50), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("redirect", "message"),
    [(">&-", "cannot write the output"), ("> /dev/full", "No space left on device")],
)
def test_output_that_cannot_be_written_exits_2_with_a_message(redirect, message):
    result = _shell(f"{COMMAND} demo {redirect}")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_pipe_keeps_the_exit_status_the_run_would_have_had(agreements, tmp_path):
    missing = tmp_path / "missing.json"
    result = _shell(f"{COMMAND} check --format json {agreements} {missing} | head -c1")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.json: no such file" in result.stderr
    result = _shell(f"{COMMAND} demo | head -c1")
    assert (result.returncode, result.stderr) == (0, "")


def test_closed_stdin_and_an_ascii_terminal_get_a_clear_answer():
    result = _shell(f"{COMMAND} classify - <&-")
    assert result.returncode == 2
    assert "standard input is closed" in result.stderr
    result = _shell(f"{COMMAND} demo", PYTHONIOENCODING="ascii")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_endless_input_stops_at_the_input_limit():
    result = _shell(f"{COMMAND} --max-input 1M classify /dev/zero")
    assert result.returncode == 2
    assert "larger than the input limit of 1,048,576 bytes" in result.stderr
    result = _shell(f"yes | {COMMAND} --max-input 64K check -")
    assert result.returncode == 2
    assert "--max-input" in result.stderr
