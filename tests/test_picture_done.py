"""Issue #25's "Done when", one test (or a few) for each criterion, each able to fail.

- ``picture`` on the shared samples gives a report whose every figure carries its denominator,
  in each of its four formats (text, JSON, CSV, HTML);
- the matcher's precision and recall are stated with their sample, and match a recomputation
  from the labelled fixture;
- the HTML report renders in headless Chromium (on the shared samples);
- the Dask recipe of docs/scaling.md, taken from the page as written, runs on a small
  multi-file set;
- the progress bar shows on a terminal (a pty) and is silent in a pipe.

(The benchmark figures are in benchmarks/README.md; a benchmark is not a test.)  Library calls
leave the process as they found it: the collector and matplotlib's backend.
"""

from __future__ import annotations

import csv
import fcntl
import html
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import textwrap
from pathlib import Path

import pytest

import valuing_involvement
from browser import chromium, needs_browser
from valuing_involvement.cli import main
from valuing_involvement.picture import Matcher, build_picture
from valuing_involvement.picture._generate import write_packages
from valuing_involvement.picture._read import iter_sources
from valuing_involvement.picture._report import to_csv, to_data, to_html, to_json, to_text

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path("/work/shared/standards/360giving/samples")
if not SAMPLES.exists():  # CI keeps the shared samples beside the repository
    SAMPLES = ROOT.parent / "shared/standards/360giving/samples"
LABELLED = Path(__file__).parent / "fixtures/picture/labelled.csv"
CAVEAT = "Test data and one real file: not any funder's record"

pytestmark = pytest.mark.skipif(
    not SAMPLES.exists(), reason="the shared 360Giving samples are absent"
)


@pytest.fixture(scope="module")
def picture():
    return build_picture([SAMPLES])


@pytest.fixture(scope="module")
def data(picture):
    return json.loads(to_json(picture, caveat=CAVEAT))


# -- every figure carries its denominator, in every format -----------------------------------


def _selected_grants(denominator: str) -> int | None:
    found = re.match(r"(\d+) selected grants", denominator)
    return int(found.group(1)) if found else None


def test_on_the_samples_every_json_table_says_what_it_counts_out_of_and_adds_up(picture, data):
    assert (data["read"], data["selected"]) == (picture.read, picture.selected)
    assert picture.read == 4899  # 783 real grants and 4,116 of GrantNav's test data
    keys = [t["key"] for t in data["tables"]]
    assert keys == ["files", *(t.key for t in picture.tables)]
    for table in data["tables"]:
        if not re.search(r"\d", table["denominator"]):
            # a table setting two populations side by side gives each figure its own "of N"
            assert table["key"] == "survey"
            counts = [row[1:3] for row in table["rows"]]
            assert all(re.match(r"\d+ of \d+ ", c) for pair in counts for c in pair), counts
        assert all(len(row) == len(table["columns"]) for row in table["rows"]), table["key"]
        n = _selected_grants(table["denominator"])
        if table["key"] != "places" and "grants" in table["columns"] and n is not None:
            # a table over the selected grants counts every one of them, unknowns included
            at = table["columns"].index("grants")
            assert n == picture.selected, table["key"]
            assert sum(int(row[at]) for row in table["rows"]) == n, table["key"]
        for row in table["rows"]:
            for cell in row:
                # a part shown as "x of y" is never more than its whole
                for part, whole in re.findall(r"\b(\d+) of (\d+)\b", str(cell)):
                    assert int(part) <= int(whole), (table["key"], cell)
    files = data["tables"][0]
    assert files["denominator"] == f"{picture.read} grants read in 2 files"
    assert sum(row[1] for row in files["rows"]) == picture.read
    assert sum(row[2] for row in files["rows"]) == picture.selected
    assert all(item["would_need"] for item in data["not_reported"])


def test_on_the_samples_every_csv_cell_carries_its_tables_denominator(picture, data):
    rows = list(csv.DictReader(io.StringIO(to_csv(picture, caveat=CAVEAT), newline="")))
    denominators = {t["key"]: t["denominator"] for t in data["tables"]}
    cells = [r for r in rows if r["table"] not in {"caveat", "not-reported"}]
    assert {r["table"] for r in cells} == set(denominators)
    assert len(cells) == sum(len(t["rows"]) * len(t["columns"]) for t in data["tables"])
    assert all(r["denominator"] == denominators[r["table"]] for r in cells)
    assert [r["value"] for r in rows if r["table"] == "caveat"] == [CAVEAT]
    assert sum(r["table"] == "not-reported" for r in rows) == len(picture.not_reported)


def test_on_the_samples_every_text_table_is_followed_by_its_denominator(picture, data):
    lines = to_text(picture, caveat=CAVEAT).splitlines()
    assert lines[0] == f"CAVEAT: {CAVEAT}"
    for table in data["tables"]:
        if table["key"] == "places":  # the names are left to the other formats
            continue
        head = table["title"] + (f" ({table['citation']})" if table["citation"] else "")
        at = lines.index(head)
        assert lines[at + 1] == f"  out of: {table['denominator']}", table["key"]


def test_on_the_samples_every_html_table_is_followed_by_its_denominator(picture, data):
    page = to_html(picture, caveat=CAVEAT)
    sections = dict(
        re.findall(r'<section id="([^"]+)">.*?<p class="den">Out of: (.*?)</p>', page, re.DOTALL)
    )
    assert {k: html.unescape(v) for k, v in sections.items()} == {
        t["key"]: t["denominator"] for t in data["tables"]
    }
    headline = f"<strong>{picture.selected}</strong> of <strong>{picture.read}</strong>"
    assert headline in page


def test_the_command_on_the_samples_gives_the_same_figures_as_the_function(
    picture, tmp_path, capsys
):
    for fmt in ("json", "csv", "html"):
        out = tmp_path / f"picture.{fmt}"
        assert main(["picture", str(SAMPLES), "--format", fmt, "-o", str(out)]) == 0
        made = out.read_bytes().decode("utf-8")
        if fmt == "json":
            assert json.loads(made) == to_data(picture) | {"caveat": ""}
        elif fmt == "csv":
            assert made == to_csv(picture)
        else:
            assert made == to_html(picture)
    assert main(["picture", str(SAMPLES)]) == 0
    assert capsys.readouterr().out == to_text(picture)


# -- the matcher's precision and recall, as docs/picture.md states them ----------------------

_DOC_ROWS = {
    "held-out, both files": ("held-out", None),
    "tuning, both files": ("tuning", None),
    "tuning, A B Charitable Trust (real)": ("tuning", "a-b-charitable-trust.json"),
    "tuning, Lloyds-shaped test data": ("tuning", "lloyds-bank-foundation-test-data.json"),
}


def _doc_table() -> dict[str, list[str]]:
    page = (ROOT / "docs/picture.md").read_text("utf-8")
    rows = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] in _DOC_ROWS:
            rows[cells[0]] = cells[1:]
    return rows


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part} of {whole})"


def test_the_stated_precision_and_recall_are_recomputed_from_the_labelled_fixture(picture):
    with LABELLED.open(newline="", encoding="utf-8") as handle:
        labels = {r["grant_id"]: r for r in csv.DictReader(handle)}
    matcher = Matcher()
    chosen = {
        grant["id"]: matcher.match(grant) is not None
        for _file, grant in iter_sources([SAMPLES])
        if grant.get("id") in labels
    }
    assert set(chosen) == set(labels), "a labelled grant is missing from the samples"
    stated = _doc_table()
    assert set(stated) == set(_DOC_ROWS), "docs/picture.md lost a row of its table"
    for name, (sample, file) in _DOC_ROWS.items():
        rows = [r for r in labels.values() if r["sample"] == sample and file in {None, r["file"]}]
        yes = sum(r["label"] == "1" for r in rows)
        picked = sum(chosen[r["grant_id"]] for r in rows)
        right = sum(chosen[r["grant_id"]] and r["label"] == "1" for r in rows)
        recomputed = [
            str(len(rows)), str(yes), str(picked), str(right),
            _pct(right, picked), _pct(right, yes),
        ]  # fmt: skip
        assert stated[name] == recomputed, name
    # the report's own words quote the held-out sample, and the page its selection overall
    held = stated["held-out, both files"]
    page = to_html(picture)
    sentence = f"On {held[0]} grants labelled by hand after its terms were fixed, "
    assert sentence + f"{held[4].split()[0]} of those it picked were right" in page
    assert f"it found {held[5].split()[0]} of those it should have" in page
    docs = " ".join((ROOT / "docs/picture.md").read_text("utf-8").split())
    assert f"across all {picture.read:,} grants the matcher selects {picture.selected}" in docs


# -- the HTML report in headless Chromium --------------------------------------------------


@needs_browser
def test_the_report_on_the_samples_renders_in_headless_chromium(picture, data, tmp_path):
    page = tmp_path / "picture.html"
    page.write_text(to_html(picture, caveat=CAVEAT), "utf-8")
    browser = chromium(tmp_path / "profile")
    try:
        browser.get(page.as_uri())
        assert browser.find_element("css selector", ".caveat").text.endswith(CAVEAT)
        for table in data["tables"]:
            section = browser.find_element("id", table["key"])
            assert section.find_element("tag name", "table").is_displayed(), table["key"]
            shown = section.find_element("css selector", "p.den")
            assert shown.is_displayed()
            assert shown.text == f"Out of: {table['denominator']}"
            assert len(section.find_elements("css selector", "tbody tr")) == len(table["rows"])
        images = browser.execute_script(
            "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt]);"
        )
        assert len(images) == 2
        assert all(complete and width > 100 and alt for complete, width, alt in images)
        width = browser.execute_script("return document.documentElement.clientWidth")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    finally:
        browser.quit()


# -- the Dask recipe of docs/scaling.md, as written ------------------------------------------


def _recipe() -> str:
    page = (ROOT / "docs/scaling.md").read_text("utf-8")
    section = page.split("## Many machines", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


# dask's own pandas calls trip a pandas deprecation warning; the recipe itself is unaffected
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning:dask")
def test_the_dask_recipe_in_scaling_md_runs_on_a_multi_file_set(tmp_path, monkeypatch, capsys):
    pytest.importorskip("dask.dataframe")
    recipe = _recipe()
    command = re.search(r"#\s+(valuing-involvement picture .*)", recipe).group(1)
    assert (
        command == "valuing-involvement picture FILE.json --format parquet -o selected/FILE.parquet"
    )
    sources = [
        SAMPLES / "a-b-charitable-trust.json",
        SAMPLES / "lloyds-bank-foundation-test-data.json",
    ]
    sources += write_packages(tmp_path / "generated", files=2, grants=300, seed=5)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "selected").mkdir()
    for source in sources:
        argv = command.replace("FILE.json", str(source)).replace("FILE", source.stem).split()
        assert main(argv[1:]) == 0
    capsys.readouterr()
    exec(compile(recipe, "docs/scaling.md", "exec"), {})  # noqa: S102 -- the page's own code
    printed = capsys.readouterr().out
    # recompute both figures from the Parquet files in DuckDB, independently of Dask
    con = duckdb.connect()
    parquet = "read_parquet('selected/*.parquet')"
    total = con.execute(f"SELECT count(*) FROM {parquet}").fetchone()[0]  # noqa: S608
    several = con.execute(
        f"SELECT count(*) FROM (SELECT recipient_id FROM {parquet} "  # noqa: S608
        "WHERE recipient_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT funder_id) > 1)"
    ).fetchone()[0]
    assert total > 300
    band = r"^(under 12 months|12-35 months|36 months or more|not stated)\s+(\d+)$"
    bands = dict(re.findall(band, printed, re.MULTILINE))
    assert len(bands) == 4, printed
    assert sum(map(int, bands.values())) == total
    assert printed.rstrip().endswith(f"{several} recipients with more than one funder")


# -- the progress bar: on a terminal, never in a pipe ----------------------------------------


def _env() -> dict[str, str]:
    # the child imports the same package as this test, wherever that is
    source = str(Path(valuing_involvement.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


def _picture_command(folder: Path, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "valuing_involvement", "picture", str(folder)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=_env(),
    )


def _read_all(descriptor: int, process: subprocess.Popen[bytes]) -> bytes:
    got = b""
    while True:
        ready, _, _ = select.select([descriptor], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:  # Linux: the terminal closed with the child
            break
        if not chunk:
            break
        got += chunk
    process.wait(timeout=60)
    return got


def test_the_progress_bar_shows_on_a_terminal_and_is_silent_in_a_pipe(tmp_path):
    folder = tmp_path / "in"
    write_packages(folder, files=2, grants=200, seed=3)
    # standard error on a terminal (a pty), standard output piped on, as in `picture x | less`
    leader, follower = pty.openpty()
    # a terminal 100 columns wide: a fresh pty has none, and tqdm draws to the width it finds
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = _picture_command(folder, follower)
    os.close(follower)
    try:
        shown = _read_all(leader, process)
    finally:
        os.close(leader)
    report = process.stdout.read()
    process.stdout.close()
    assert process.returncode == 0
    assert b"reading" in shown
    assert re.search(rb"400 grants", shown), shown
    assert b"Grants and spend by planned length" in report
    assert b"reading" not in report  # the bar never mixes into the report
    # both piped: not a character of progress
    piped = subprocess.run(
        [sys.executable, "-m", "valuing_involvement", "picture", str(folder)],
        capture_output=True,
        env=_env(),
        check=True,
    )
    assert piped.stderr == b""
    assert piped.stdout == report


# -- library calls leave the process as they found it ----------------------------------------


def test_the_picture_and_survey_calls_leave_the_collector_and_matplotlib_alone(tmp_path):
    """Run in a fresh interpreter, so nothing the test suite has set up hides a change."""
    folder = tmp_path / "in"
    write_packages(folder, files=1, grants=300, seed=2)
    script = textwrap.dedent(
        f"""
        import gc, matplotlib
        def state():
            return gc.isenabled(), dict.__getitem__(matplotlib.rcParams, "backend")
        before = state()
        from valuing_involvement.picture import build_picture
        from valuing_involvement.picture._report import to_html
        from valuing_involvement.survey import reproduce_2007, tabulate
        from valuing_involvement.cli import main
        picture = build_picture([{str(folder)!r}], progress=None)
        assert to_html(picture).count("data:image/png") == 2
        assert tabulate(reproduce_2007()).to_html().count("<img") > 5
        assert main(["picture", {str(folder)!r}, "--format", "json", "-o", "/dev/null"]) == 0
        assert state() == before, (state(), before)
        assert "matplotlib.pyplot" not in __import__("sys").modules
        print("same")
        """
    )
    # the suite's conftest.py sets MPLBACKEND, which would hide a backend chosen behind our back
    env = {k: v for k, v in _env().items() if k != "MPLBACKEND"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"
