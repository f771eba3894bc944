"""Every command that reads a file, fed hostile 360Giving CSVs and JSON documents.

The commands are found from the parser (:data:`valuing_involvement.cli._parser.COMMANDS`), so a
new command that reads files is fed too.  Each answers with exit 0, 1 or 2 and no traceback,
and on exit 2 says what is wrong in lines of its own.  Exit 3 (an unexpected error) fails.

Files whose cost is the point (a million empty objects) run in a real process under a memory
cap and a timeout, so a regression fails instead of taking the machine.
"""

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from valuing_involvement import to_data
from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
from valuing_involvement.cli import main
from valuing_involvement.cli._common import PROG
from valuing_involvement.cli._parser import build_parser
from valuing_involvement.threesixty._spreadsheet import CSV_COLUMNS

ALLOWED = {0, 1, 2}

#: Positional arguments that are not files to read: a folder written to, a rule code, a name.
_NOT_INPUT = {"folder", "code", "name", "kind"}
#: Values for the options some commands require.
_REQUIRED = {"--prefix": "360G-hostile"}


def _file_commands():
    """Each command with a positional file argument, and the required options it needs."""
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = {}
    for name, sub in commands.choices.items():
        positional = [a for a in sub._actions if not a.option_strings]
        reads = [a for a in positional if a.choices is None and a.dest not in _NOT_INPUT]
        if not reads:
            continue
        required = [a.option_strings[-1] for a in sub._actions if a.option_strings and a.required]
        found[name] = [part for option in required for part in (option, _REQUIRED[option])]
    return found


READERS = _file_commands()


def test_every_command_that_reads_a_file_is_fed():
    known = {"classify", "check", "assess", "export-360giving", "import-360giving", "quality"}
    assert known <= set(READERS)
    assert not {"template", "explain", "schema", "example", "demo"} & set(READERS)


def _run(argv, stdin=b""):
    """``main(argv)`` in this process, with its own streams: (exit code, stdout, stderr)."""
    streams = [io.TextIOWrapper(io.BytesIO(data), encoding="utf-8") for data in (stdin, b"", b"")]
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusal; the options given here are all valid
        code = exc.code
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    out, err = (_text(stream) for stream in streams[1:])
    return code, out, err


def _text(stream):
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", "replace")


def _answers_cleanly(argv, stdin=b""):
    code, _, err = _run(argv, stdin)
    assert code in ALLOWED, (argv, code, err[-2000:])
    assert "Traceback" not in err, (argv, err[-2000:])
    if code == 2:
        lines = err.splitlines()
        assert lines, (argv, "exit 2 without a word")
        assert all(line.startswith(PROG) for line in lines), (argv, err[-2000:])
    return code, err


# -- hostile files ------------------------------------------------------------------------------

TITLES = [title for title, _ in CSV_COLUMNS]
#: Headers as flattentool's untitled form, and headers that are nearly the template's.
UNTITLED = ["id", "title", "amountAwarded", "awardDate", "currency",
            "recipientOrganization/0/id", "plannedDates/0/duration", "classifications/0/code",
            "Classifications:3:Code", "Classifications:١:Code", "Identifier ", " Amount Awarded",
            "identifier", "", "Title"]  # fmt: skip
#: Numbers no amount or duration can be.
NUMBERS = ["NaN", "nan", "-NaN", "sNaN", "-sNaN", "Infinity", "-Infinity", "inf", "1e999",
           "1e999999999", "-1e-999999999", "1" * 150, "1e30", "-0", "0.001", "1_000"]  # fmt: skip
#: Cells past every edge a 360Giving reader has.
CELLS = st.sampled_from(NUMBERS) | st.sampled_from(
    ["", " ", "NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e999", "-1e-999",
     "1e30", "-0", "0.001", "12.50", "1,000", "£5", "1_000", "١٠٠٠", "１０００", "0x10", "5.",
     "2007-04-01", "2007-02-30", "0001-01-01", "9999-12-31", "2007-04-01T09:00:00+05:30:15",
     "GB-CHC-1094112", "360G-x-1", "GBP", "XXX", '=HYPERLINK("http://x")',
     "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "+1", "\t=1", "\r=1", '"', "a\nb", "\x00", "\ufeff",
     "🙂", "x" * 20_000]
) | st.text(max_size=8)  # fmt: skip
ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])


@st.composite
def threesixty_csvs(draw):
    """A 360Giving CSV: titled or untitled headers, ragged rows, odd cells, any encoding."""
    header = draw(st.lists(st.sampled_from(TITLES + UNTITLED), min_size=0, max_size=8))
    for number in ("Amount Awarded", "Planned Dates:Duration (months)"):
        if draw(st.booleans()):
            header.insert(draw(st.integers(0, len(header))), number)
    if draw(st.booleans()) and "Identifier" not in header:
        header.insert(draw(st.integers(0, len(header))), "Identifier")
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=4))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.integers(0, 9)) == 0:  # cut anywhere, even inside a quoted cell
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode(draw(ENCODINGS), "replace")


DOCUMENTS = [
    to_data(example_groups()),
    to_data(example_contracts()),
    to_data(example_portfolio()),
    {"grants": []},
    [{}] * 3,
]
GRANT = {
    "id": "360G-x-1",
    "title": "t",
    "currency": "GBP",
    "amountAwarded": 1000,
    "awardDate": "2007-04-01",
    "recipientOrganization": [{"id": "GB-CHC-1094112", "name": "G"}],
    "fundingOrganization": [{"id": "GB-LAE-LWM", "name": "F"}],
    "plannedDates": [{"duration": 12}],
}
#: JSON values, as text, past every edge: bare constants JSON does not have, huge numbers.
LITERALS = st.sampled_from(
    ["NaN", "-Infinity", "Infinity", "1e999999999", "-1e999999999", "1" * 5000, "1e-400",
     "0.1e1", "-0", "true", "null", '""', '"\\ud800"', '"' + "x" * 20_000 + '"', "[]", "{}",
     "[[[[[[[[[[]]]]]]]]]]", '{"a": {}}', '"2007-04-01"', '"NaN"', '"=1+1"']
)  # fmt: skip


def _places(data, prefix=()):
    """The path of every value in ``data`` (the first three items of each array)."""
    if prefix:
        yield prefix
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data[:3]))
    else:
        items = []
    for key, value in items:
        yield from _places(value, (*prefix, key))


@st.composite
def json_documents(draw):
    """A bundled document or a 360Giving package with values swapped for hostile literals."""
    data = json.loads(json.dumps(draw(st.sampled_from([*DOCUMENTS, {"grants": [GRANT, GRANT]}]))))
    literals = []
    for number in range(draw(st.integers(0, 3))):
        places = list(_places(data))
        if not places:
            break
        *steps, last = draw(st.sampled_from(places))
        parent = data
        for step in steps:
            parent = parent[step]
        parent[last] = f"@hostile{number}@"
        literals.append(draw(LITERALS))
    text = json.dumps(data)
    for number, literal in enumerate(literals):
        text = text.replace(f'"@hostile{number}@"', literal)
    return text.encode(draw(ENCODINGS), "replace")


FILES = (
    st.tuples(st.sampled_from([".csv", ".txt", ""]), threesixty_csvs())
    | st.tuples(st.sampled_from([".json", ""]), json_documents())
    | st.tuples(
        st.sampled_from([".csv", ".json", ""]),
        st.binary(max_size=64) | st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\n\n"]),
    )
)


@given(file=FILES, command=st.sampled_from(sorted(READERS)), stdin=st.booleans())
@example(file=(".csv", b"Identifier,Amount Awarded\nx,sNaN\n"), command="quality",
         stdin=False)  # fmt: skip
@example(file=("", b'{"grants": [{"id": "360G-x-1", "amountAwarded": Infinity}]}'),
         command="quality", stdin=True)  # fmt: skip
@example(file=(".json", b'{"grants": [{"id": -1e999999999, "title": "t"}]}'),
         command="import-360giving", stdin=False)  # fmt: skip
@example(file=(".json", b'{"grants": [{"id": "360G-x-1", "title": "t", "x": 1e999999999}]}'),
         command="import-360giving", stdin=True)  # fmt: skip
def test_every_command_answers_hostile_360giving_csvs_and_json(file, command, stdin):
    suffix, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"hostile{suffix}"
        path.write_bytes(data)
        source = "-" if stdin else str(path)
        _answers_cleanly([command, *READERS[command], source], data if stdin else b"")


HOSTILE_CSVS = {
    "not-numbers": "Identifier,Amount Awarded,Planned Dates:Duration (months)\n"
    "a,NaN,Infinity\nb,sNaN,-Infinity\nc,1e999999999,-sNaN\n",
    "classification-index": "Identifier,Classifications:1000000000:Code\nx,carers\n",
    "classification-digits": "Identifier,Classifications:" + "9" * 5000 + ":Code\nx,carers\n",
    "arabic-indic-index": "Identifier,Classifications:١:Code\nx,carers\n",
    "cell-past-csv-limit": "Identifier,Title\nx," + "y" * 140_000 + "\n",
    "formula-cells": "Identifier,Title\n=HYPERLINK(\"http://x\"),-2+3+cmd|' /C calc'!A0\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CSVS))
@pytest.mark.parametrize("command", sorted(READERS))
def test_every_command_answers_each_hostile_360giving_csv(tmp_path, command, name):
    path = tmp_path / f"{name}.csv"
    path.write_text(HOSTILE_CSVS[name], encoding="utf-8")
    _answers_cleanly([command, *READERS[command], str(path)])
    _answers_cleanly([command, *READERS[command], "-"], path.read_bytes())


def test_quality_finds_each_amount_and_duration_that_is_no_number(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text(HOSTILE_CSVS["not-numbers"], encoding="utf-8")
    code, out, _ = _run(["quality", str(path)])
    assert code == 1
    for where in ("[0].amountAwarded", "[0].plannedDates[0].duration", "[1].amountAwarded",
                  "[1].plannedDates[0].duration", "[2].amountAwarded",
                  "[2].plannedDates[0].duration"):  # fmt: skip
        line = next(line for line in out.splitlines() if f"$.grants{where}:" in line)
        assert "VI603" in line
        assert "not of type 'number'" in line


@pytest.mark.parametrize(
    ("name", "message"),
    [("classification-index", "column 2: a classification index past the file's 2 columns"),
     ("classification-digits", "column 2: a classification index past the file's 2 columns"),
     ("cell-past-csv-limit", "line 2: field larger than field limit (131072)")],
)  # fmt: skip
def test_a_csv_that_cannot_be_read_is_refused_with_its_place(tmp_path, name, message):
    path = tmp_path / f"{name}.csv"
    path.write_text(HOSTILE_CSVS[name], encoding="utf-8")
    code, err = _answers_cleanly(["import-360giving", str(path)])
    assert code == 2
    assert err == f"{PROG}: {path}: $: {message}\n"


# -- files whose size is the attack -------------------------------------------------------------

_MEMORY = 1024**3  # bytes of address space a command may take on a hostile file


def _capped_memory():  # runs in the child, before the command
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY, _MEMORY))


def _process(argv, timeout=120):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "valuing_involvement", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        preexec_fn=_capped_memory,  # only sets a limit
        env=env,
    )


@pytest.fixture(scope="module")
def empty_objects(tmp_path_factory):
    """A JSON array of 100,000 empty objects (300 kB): each object lacks every field."""
    path = tmp_path_factory.mktemp("hostile") / "empty.json"
    path.write_text("[" + ",".join(["{}"] * 100_000) + "]", encoding="utf-8")
    return path


_DOCUMENT_READERS = {"classify", "check", "assess", "export-360giving"}


# picture reads 360Giving packages, as import-360giving and quality do: test_picture.py feeds it
@pytest.mark.parametrize(
    "command", sorted(set(READERS) - {"import-360giving", "quality", "picture"})
)
def test_an_array_of_empty_objects_gets_a_capped_list_in_bounded_memory(empty_objects, command):
    result = _process([command, *READERS[command], str(empty_objects)])
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith(PROG) for line in lines)
    assert lines[-1].endswith(" more problems")
    if command in _DOCUMENT_READERS:
        assert len(lines) == 21
        assert "$[0]." in lines[0]
        assert lines[-1].startswith(f"{PROG}: {empty_objects}: ... and at least ")
    else:
        assert len(lines) <= 60
