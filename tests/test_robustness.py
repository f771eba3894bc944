"""Hostile input, determinism across hash seeds, pickling and process pools."""

import json
import os
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents import at, errors_or_none
from profiles import share
from valuing_involvement import (
    Assessment,
    Classification,
    Contract,
    Group,
    Portfolio,
    Report,
    check_contract,
    classify_group,
    example_contracts,
    example_groups,
    example_portfolio,
    to_data,
    to_json,
)
from valuing_involvement.cli import main
from valuing_involvement.testing.strategies import contracts, groups, portfolios

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
DOCUMENTS = st.one_of(
    groups().map(lambda m: (Group, m)),
    contracts().map(lambda m: (Contract, m)),
    portfolios(max_groups=2).map(lambda m: (Portfolio, m)),
)


def _containers(data, path=()):
    if isinstance(data, dict):
        yield path
        for key, value in data.items():
            yield from _containers(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _containers(value, (*path, index))


def _load_only_invalid_document(text, cls):
    errors = errors_or_none(text, cls)
    assert errors is None or errors
    assert all(path.startswith("$") and message for path, message in errors or ())


@given(DOCUMENTS, st.data())
def test_a_valid_document_with_one_field_changed_or_dropped(named, data):
    cls, model = named
    document = to_data(model)
    path = data.draw(st.sampled_from(list(_containers(document))))
    target = at(document, path)
    if target:
        key = data.draw(st.sampled_from(sorted(target)))
        if data.draw(st.booleans()):
            del target[key]
        else:
            target[key] = data.draw(JSON_VALUES)
    else:
        target[data.draw(st.text(max_size=5))] = data.draw(JSON_VALUES)
    _load_only_invalid_document(json.dumps(document), cls)


@given(groups(), st.sampled_from(["name", "constituency", "controls"]), JSON_VALUES)
def test_a_duplicated_key_is_read_like_json_reads_it(group, key, value):
    text = to_json(group)
    # The last of two equal keys wins, as in json.loads; the result is valid or refused cleanly.
    doubled = text[:-1] + f", {json.dumps(key)}: {json.dumps(value)}}}"
    _load_only_invalid_document(doubled, Group)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\xfd",
        b"\xef\xbb\xbf",
        b'{"name": NaN}',
        b'{"name": -Infinity}',
        b"[" + b"9" * 5000 + b"]",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"name": "' + b"x" * 10_000_000 + b'"}',
        b"",
        b"\x00" * 64,
    ],
    ids=[
        "bad-utf8",
        "bom-only",
        "nan",
        "infinity",
        "5000-digits",
        "deep",
        "10MB-string",
        "empty",
        "nul",
    ],
)
@pytest.mark.parametrize("cls", [Group, Contract, Portfolio])
def test_raw_bytes_give_only_invalid_document(raw, cls):
    _load_only_invalid_document(raw, cls)


# -- the command line under hostile input ---------------------------------------------------------

COMMANDS = [
    ["classify"],
    ["check"],
    ["assess"],
    ["import-360giving"],
    ["export-360giving", "--prefix", "x", "--modified", "2007-04-02T00:00:00+00:00"],
]
HOSTILE = {
    "empty": b"",
    "truncated": b'{"name": "Lowmoor Voices", "constituency": "serv',
    "binary": bytes(range(256)) * 4,
    "wrong-type": b"42",
    "oversized": b'[{"name": "' + b"y" * 5_000_000 + b'"}]',
}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_every_command_refuses_hostile_files_with_exit_2(capsys, tmp_path, command, kind):
    path = tmp_path / f"{kind}.json"
    path.write_bytes(HOSTILE[kind])
    code = main([command[0], str(path), *command[1:]])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("valuing-involvement: ")
    assert "Traceback" not in err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_refuses_missing_files_and_directories(capsys, tmp_path, command):
    for target in (tmp_path / "absent.json", tmp_path):
        code = main([command[0], str(target), *command[1:]])
        _, err = capsys.readouterr()
        assert code == 2
        assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [["classify"], ["check", "--fail-on"], ["assess", "x", "--on", "yesterday"], ["schema"],
     ["frobnicate"], ["export-360giving", "x"], ["rules", "--format", "yaml"]],
)  # fmt: skip
def test_bad_options_exit_2(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_a_subprocess_sees_no_traceback_on_binary_stdin():
    done = subprocess.run(
        [sys.executable, "-m", "valuing_involvement", "check", "-"],
        input=bytes(range(256)),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


# -- determinism -----------------------------------------------------------------------------------


#: Each command runs under every seed: one fresh interpreter per seed (a hash seed is fixed when
#: Python starts) runs all of them in turn through ``cli.main``, so five commands cost three
#: interpreter start-ups instead of fifteen.
SEEDS = (0, 7, 4242)
COMMANDS = [
    ["demo", "--format", "json"],
    ["demo"],
    ["rules", "--format", "json"],
    ["schema", "portfolio"],
    ["assess", "p.json", "--format", "json"],
]
_DRIVER = """
import contextlib, io, json, sys
from valuing_involvement.cli import main
results = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    results.append([code, out.getvalue()])
sys.stdout.write(json.dumps(results))
"""


@pytest.fixture(scope="module")
def outputs_by_seed(tmp_path_factory):
    """Each seed's (exit code, output) of every command in ``COMMANDS``, in order."""
    folder = tmp_path_factory.mktemp("seeds")
    (folder / "p.json").write_text(to_json(example_portfolio()))
    found = {}
    for seed in SEEDS:
        done = subprocess.run(
            [sys.executable, "-c", _DRIVER, json.dumps(COMMANDS)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            cwd=folder,
        )
        found[seed] = [tuple(result) for result in json.loads(done.stdout)]
    return found


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[" ".join(c) for c in COMMANDS])
def test_output_is_byte_identical_across_hash_seeds(index, outputs_by_seed):
    outputs = {outputs_by_seed[seed][index] for seed in SEEDS}
    assert len(outputs) == 1
    [(code, out)] = outputs
    # assess may exit 1: the example portfolio has findings at warning or above.
    assert code in ({0, 1} if COMMANDS[index][0] == "assess" else {0})
    assert out


# -- pickling and process pools --------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Group, Contract, Portfolio, Classification, Report, Assessment])
@settings(max_examples=share(0.25))  # an assessment assesses a whole portfolio
@given(data=st.data())
def test_models_pickle(cls, data):
    model = data.draw(st.from_type(cls))
    assert pickle.loads(pickle.dumps(model)) == model  # noqa: S301 -- our own bytes, just made


def test_process_pool_gives_the_same_results_as_in_process():
    batch = [*example_groups()] * 4
    deals = [*example_contracts()] * 3
    with ProcessPoolExecutor(max_workers=2) as pool:
        classified = list(pool.map(classify_group, batch, chunksize=3))
        checked = list(pool.map(check_contract, deals, chunksize=2))
    assert classified == [classify_group(g) for g in batch]
    assert checked == [check_contract(c) for c in deals]


def test_examples_do_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(example_groups()) == 5
    assert Path.cwd() == tmp_path
