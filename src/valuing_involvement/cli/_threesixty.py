"""The 360Giving commands: ``export-360giving``, ``import-360giving`` and ``quality``."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    complain,
    source_name,
    stderr,
    stdout,
)
from valuing_involvement.cli._input import (
    MAX_INPUT,
    from_json,
    iter_csv,
    problem_lines,
    read_input,
)
from valuing_involvement.cli._options import (
    Commands,
    iso_date,
    iso_moment,
)
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.reports import finding_records
from valuing_involvement.rules import Severity
from valuing_involvement.serialization import (
    MAX_PROBLEMS,
    InvalidDocument,
    from_data,
    parse_json,
    to_json,
)
from valuing_involvement.threesixty import (
    GrantFilter,
    ImportRecord,
    export_csv,
    export_notes,
    export_package,
    iter_grants,
    iter_imported,
    iter_quality,
    merge_packages,
    quality_group,
    read_xlsx,
    summary_lines,
)


def _export_sources(sources: Iterable[str]) -> tuple[list[Portfolio], list[Contract], list[str]]:
    """Read portfolios (objects with ``contracts``) and agreements; say what could not be read."""
    portfolios: list[Portfolio] = []
    contracts: list[Contract] = []
    problems: list[str] = []
    for source in sources:
        try:
            data = parse_json(read_input(source))
            if isinstance(data, dict) and "contracts" in data:
                portfolios.append(from_data(data, Portfolio))
            else:
                contracts.extend(from_json(data, Contract))
        except (InvalidInput, OSError) as exc:
            problems.extend(problem_lines(source, exc))
    return portfolios, contracts, problems


def _export_360giving(args: argparse.Namespace) -> int:
    if args.modified.tzinfo is None:
        complain(["--modified needs a time zone, such as 2007-04-02T09:00:00+00:00"])
        return EXIT_BAD_INPUT
    portfolios, contracts, problems = _export_sources(args.files)
    if problems:
        complain(problems)
        return EXIT_BAD_INPUT
    choices = {
        "prefix": args.prefix,
        "modified": args.modified,
        "funder_id": args.funder,
        "data_source": args.data_source,
        "license": args.license,
    }
    try:
        packages = [export_package(portfolio, **choices) for portfolio in portfolios]
        if contracts:
            packages.append(export_package(contracts, **choices))
        package = merge_packages(packages)
    except ValueError as exc:  # includes DuplicateGrants, which names the ids
        complain([str(exc)])
        return EXIT_BAD_INPUT
    notes = [note for portfolio in portfolios for note in export_notes(portfolio)]
    notes += export_notes(contracts)
    complain(f"note: {note}" for note in notes[:MAX_PROBLEMS])
    if len(notes) > MAX_PROBLEMS:
        complain([f"note: and {len(notes) - MAX_PROBLEMS:,} more notes"])
    if args.format == "csv":
        stdout().write(export_csv(package))
    else:
        json.dump(package, stdout(), ensure_ascii=False, indent=2)
        stdout().write("\n")
    return EXIT_OK


def _is_json_file(source: str) -> bool:
    """Whether ``source`` is a JSON file to stream: by its name, else its first character."""
    name = source.lower()
    if source == "-" or name.endswith((".csv", ".xlsx")):
        return False
    if name.endswith(".json"):
        return True
    with Path(source).open("rb") as file:
        head = file.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{")


def _grants(source: str) -> Iterable[object]:
    """The grants of a 360Giving source: streamed from JSON and CSV, else read whole (XLSX)."""
    if _is_json_file(source):
        return iter_grants(source)
    data: object
    if source.lower().endswith(".xlsx"):
        data = read_xlsx(source, max_input=MAX_INPUT.get())  # the workbook within the limit
    else:
        streamed, data = iter_csv(source)  # a CSV's grants one row at a time
        if streamed is not None:
            return streamed
    grants = data.get("grants") if isinstance(data, dict) else None
    if not isinstance(grants, list):
        code = "missing" if isinstance(data, dict) and "grants" not in data else "wrong-type"
        problem = Problem(location=("grants",), code=code, message="expected an array of grants")
        raise InvalidDocument([problem], target="360Giving package")
    return grants


def _progress(grants: Iterable[object]) -> Iterable[object]:
    """A progress bar on stderr when it is a terminal and tqdm is installed; silent in a pipe."""
    stream = stderr()
    if not stream.isatty():
        return grants
    try:
        from tqdm import tqdm  # noqa: PLC0415 -- optional extra
    except ImportError:
        return grants
    bar: Iterable[object] = tqdm(grants, unit=" grants", file=stream, leave=False)
    return bar


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


class _ArrayWriter:
    """Write a JSON array's items as they come, one a line (the C encoder's compact JSON).

    ``json.dump`` with ``indent`` runs the pure-Python encoder: 40% of an import's time.  The
    items are handed to the stream some 64 KB at a time: an unbuffered stream
    (``PYTHONUNBUFFERED``) made one system call an item.
    """

    def __init__(self, out: IO[str], opening: str, closing: str, depth: int) -> None:
        self.out, self.opening, self.closing, self.depth = out, opening, closing, depth
        self.count = 0
        self.pending: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        item = ("[\n" if self.count == 0 else ",\n") + (
            _indented(text, self.depth) if "\n" in text else " " * self.depth + text
        )
        self.pending.append(item)
        self.size += len(item)
        self.count += 1
        if self.size >= _BATCH:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.pending))
        self.pending.clear()
        self.size = 0

    def close(self) -> None:
        pad = " " * (self.depth - 2)
        self.pending.append(("\n" + pad + "]" if self.count else "[]") + self.closing)
        self.flush()


_BATCH = 1 << 16


def _write_record(record: ImportRecord, written: _ArrayWriter, *, as_grants: bool) -> None:
    """Write what a grant's record gives: the grant as published, or its agreement."""
    if not as_grants:
        if record.contract is not None:
            written.add(to_json(record.contract))  # one a line, by the C encoder
        return
    if record.outcome == "filtered":
        return
    source = record.grant.source if record.grant is not None else record.source
    if source:
        written.add(source)  # as published, one a line


@contextlib.contextmanager
def _collector_running() -> Iterator[None]:
    """Run the cyclic collector while a file is checked, then restore the caller's choice.

    The command line pauses it for commands that make no reference cycles; jsonschema's errors
    and the indenting JSON encoder do make them, so with the collector paused 10^5 empty
    grants took more than 4 GB, and memory grew with every grant written.
    """
    paused = not gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if paused:
            gc.disable()


def _import_360giving(args: argparse.Namespace) -> int:
    # json.dumps(indent=...) builds closures that refer to each other: with the collector
    # paused, each grant written left a cycle behind and memory grew with the file.
    with _collector_running():
        return _import_run(args)


def _import_run(args: argparse.Namespace) -> int:
    where = GrantFilter(
        funders=args.funder or (),
        programmes=args.programme or (),
        classifications=args.classification or (),
        keywords=args.keyword or (),
        awarded_from=args.awarded_from,
        awarded_to=args.awarded_to,
    )
    as_grants = args.format == "360giving"
    name = source_name(args.file)  # standard input is <stdin> in every line
    out = stdout()
    counts: Counter[str] = Counter()
    listed = 0
    written: _ArrayWriter | None = None
    try:
        chosen = where if where != GrantFilter() else None  # no choice: no test a grant
        records = iter_imported(_progress(_grants(args.file)), where=chosen, prefix=args.prefix)
        for record in records:
            if written is None:  # the first grant read: the file is a package
                out.write('{\n  "version": "1.4",\n  "grants": ' if as_grants else "")
                closing = "\n}\n" if as_grants else "\n"
                written = _ArrayWriter(out, "", closing, 4 if as_grants else 2)
            counts[record.outcome] += 1
            if record.problems or record.notes:  # most grants have neither: nothing to build
                lines = problem_lines(args.file, InvalidInput(list(record.problems)))
                lines += [f"{name}: {p.path}: note: {p.message}" for p in record.notes]
                if listed < MAX_PROBLEMS:
                    complain(lines)
                listed += len(lines)
            _write_record(record, written, as_grants=as_grants)
    except (InvalidInput, OSError) as exc:
        if written is not None:
            written.close()
        complain(problem_lines(args.file, exc))
        return EXIT_BAD_INPUT
    if written is None:
        out.write('{\n  "version": "1.4",\n  "grants": []\n}\n' if as_grants else "[]\n")
    else:
        written.close()
    if listed > MAX_PROBLEMS:
        complain([f"{name}: $: and {listed - MAX_PROBLEMS:,} more problems and notes"])
    complain(f"{name}: $: note: {line}" for line in summary_lines(counts))
    total = sum(counts.values())
    return EXIT_BAD_INPUT if total and counts["unreadable"] == total else EXIT_OK


def _quality(args: argparse.Namespace) -> int:
    with _collector_running():
        return _quality_run(args)


def _quality_run(args: argparse.Namespace) -> int:
    on = args.on or dt.datetime.now(dt.UTC).date()
    buckets: dict[tuple[int, str], IO[str]] = {}
    fails = False
    threshold = Severity(args.fail_on)
    as_json = args.format == "json"
    try:
        # Closed on any way out, so the checks' temporary tables (past 16,384 ids) are removed.
        with contextlib.closing(iter_quality(_progress(_grants(args.file)), on=on)) as checked:
            for findings in checked:
                for finding in findings:
                    key = (-finding.severity.rank, finding.code)
                    if key not in buckets:  # one spooled file a rule: memory flat at any size
                        buckets[key] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
                            max_size=1 << 20, mode="w+", encoding="utf-8"
                        )
                    fails = fails or (
                        finding.waiver is None and finding.severity.rank >= threshold.rank
                    )
                    if as_json:
                        record = {"group": quality_group(finding), **finding_records([finding])[0]}
                        text = json.dumps(record, ensure_ascii=False, indent=2)
                    else:
                        text = f"  {finding.code} {finding.severity.value:<7} {finding.path}: "
                        text += finding.message
                    buckets[key].write(text.replace("\n", "\x00") + "\n")
    except (InvalidInput, OSError) as exc:  # a CSV's later row, too: its files are closed
        for bucket in buckets.values():
            bucket.close()
        complain(problem_lines(args.file, exc))
        return EXIT_BAD_INPUT
    try:
        _write_quality(buckets, as_json)
    finally:
        for bucket in buckets.values():
            bucket.close()
    return EXIT_FINDINGS if fails else EXIT_OK


def _write_quality(buckets: dict[tuple[int, str], IO[str]], as_json: bool) -> None:
    out = stdout()
    if as_json:
        written = _ArrayWriter(out, "", "\n", 2)
    for group in ("validity", "accuracy", "usefulness"):
        mine = [key for key in sorted(buckets) if _GROUPS[key[1][:4]] == group]
        if not as_json:
            count = 0
            for key in mine:
                buckets[key].seek(0)
                count += sum(1 for _ in buckets[key])
            print(f"{group}: {count} finding{'s' if count != 1 else ''}", file=stdout())
        for key in mine:
            buckets[key].seek(0)
            for line in buckets[key]:
                text = line.rstrip("\n").replace("\x00", "\n")
                if as_json:
                    written.add(text)
                else:
                    out.write(text + "\n")
    if as_json:
        written.close()


_GROUPS = {"VI60": "validity", "VI61": "accuracy", "VI62": "usefulness"}


def add_parser(commands: Commands) -> None:
    """The 360Giving commands: export, import and the Data Quality Tool's checks."""
    export = commands.add_parser(
        "export-360giving", help="publish agreements or portfolios as 360Giving grants"
    )
    export.add_argument("files", nargs="+", metavar="FILE", help="agreements or portfolios (JSON)")
    export.add_argument(
        "--prefix", required=True, help="your 360Giving publisher prefix, such as 360G-lowmoor"
    )
    export.add_argument(
        "--modified",
        type=iso_moment,
        default=None,
        metavar="DATETIME",
        help="when the data last changed, with a time zone (default: now, in UTC)",
    )
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "--data-source", metavar="URL", help="where the data is published (an absolute URI)"
    )
    export.add_argument(
        "--funder", metavar="ORG-ID", help="the funder's org-id, such as GB-LAE-LWM"
    )
    export.add_argument("--license", metavar="URL", help="the licence of the data (a URI)")
    export.set_defaults(run=_export_360giving)

    importer = commands.add_parser(
        "import-360giving", help="read a 360Giving file (JSON, CSV or XLSX) into agreements"
    )
    importer.add_argument(
        "file", metavar="FILE", help="a 360Giving JSON, CSV or XLSX file (titled columns), or -"
    )
    importer.add_argument("--prefix", help="strip 360G-<prefix>- from references")
    importer.add_argument(
        "--format",
        choices=("agreements", "360giving"),
        default="agreements",
        help="agreements (JSON), or the selected grants as a 360Giving package",
    )
    for flag, what in (
        ("--funder", "a funder's org-id or name"),
        ("--programme", "a grant programme's code or title"),
        ("--classification", "a classification's code or title"),
        ("--keyword", "a word or phrase in the title or description"),
    ):
        importer.add_argument(
            flag, action="append", metavar="TEXT", help=f"keep grants with {what} (repeatable)"
        )
    importer.add_argument("--awarded-from", type=iso_date, metavar="DATE", help="earliest award")
    importer.add_argument("--awarded-to", type=iso_date, metavar="DATE", help="latest award")
    importer.set_defaults(run=_import_360giving)

    quality = commands.add_parser(
        "quality", help="run 360Giving's Data Quality Tool checks on a JSON or CSV file"
    )
    quality.add_argument(
        "file", metavar="FILE", help="a 360Giving JSON, CSV or XLSX file (titled columns), or -"
    )
    quality.add_argument("--on", type=iso_date, metavar="DATE", help="date of the check (today)")
    quality.add_argument("--format", choices=("text", "json"), default="text")
    quality.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit 1 when a finding is at least this severe (error: a validity finding)",
    )
    quality.set_defaults(run=_quality)
