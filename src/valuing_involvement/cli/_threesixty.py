"""The 360Giving commands: ``export-360giving``, ``import-360giving`` and ``quality``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable

from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    complain,
)
from valuing_involvement.cli._input import (
    from_json,
    grants_data,
    problem_lines,
    read_input,
)
from valuing_involvement.cli._options import (
    Commands,
    iso_date,
    iso_moment,
)
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.rules import Severity
from valuing_involvement.serialization import (
    from_data,
    parse_json,
    to_json,
)
from valuing_involvement.threesixty import (
    GrantFilter,
    export_csv,
    export_package,
    import_grants,
    merge_packages,
    quality_group,
    quality_report,
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
    if args.format == "csv":
        sys.stdout.write(export_csv(package))
    else:
        json.dump(package, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_OK


def _import_360giving(args: argparse.Namespace) -> int:
    where = GrantFilter(
        funders=args.funder or (),
        programmes=args.programme or (),
        classifications=args.classification or (),
        keywords=args.keyword or (),
        awarded_from=args.awarded_from,
        awarded_to=args.awarded_to,
    )
    try:
        imported = import_grants(grants_data(args.file), where=where)
    except (InvalidInput, OSError) as exc:
        complain(problem_lines(args.file, exc))
        return EXIT_BAD_INPUT
    complain(problem_lines(args.file, InvalidInput(list(imported.problems))))
    complain(f"{args.file}: {p.path}: note: {p.message}" for p in imported.notes)
    if imported.problems and not imported.grants:
        return EXIT_BAD_INPUT
    if args.format == "360giving":
        json.dump(imported.package(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    contracts = imported.contracts(args.prefix)
    if len(contracts) < len(imported.grants):
        left = len(imported.grants) - len(contracts)
        complain(
            [
                (
                    f"{args.file}: note: {left} of {len(imported.grants)} grants give no "
                    "planned period, so they make no agreement (--format 360giving keeps them)"
                )
            ]
        )
    sys.stdout.write(to_json(list(contracts), indent=2) + "\n")
    return EXIT_OK


def _quality(args: argparse.Namespace) -> int:
    try:
        data = grants_data(args.file)
    except (InvalidInput, OSError) as exc:
        complain(problem_lines(args.file, exc))
        return EXIT_BAD_INPUT
    if not isinstance(data, dict):
        complain([f"{args.file}: $: expected a 360Giving package, an object with grants"])
        return EXIT_BAD_INPUT
    on = args.on or dt.datetime.now(dt.UTC).date()
    report = quality_report(data, on=on)
    if args.format == "json":
        records = [
            {"group": quality_group(f), **record}
            for f, record in zip(report.findings, report.to_records(), strict=True)
        ]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for group in ("validity", "accuracy", "usefulness"):
            found = [f for f in report.findings if quality_group(f) == group]
            print(f"{group}: {len(found)} finding{'s' if len(found) != 1 else ''}")
            for f in found:
                print(f"  {f.code} {f.severity.value:<7} {f.path}: {f.message}")
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if report.fails(threshold) else EXIT_OK


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
        "import-360giving", help="read a 360Giving file (JSON or CSV) into agreements"
    )
    importer.add_argument("file", metavar="FILE", help="a 360Giving JSON or CSV file, or -")
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
    quality.add_argument("file", metavar="FILE", help="a 360Giving JSON or CSV file, or -")
    quality.add_argument("--on", type=iso_date, metavar="DATE", help="date of the check (today)")
    quality.add_argument("--format", choices=("text", "json"), default="text")
    quality.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit 1 when a finding is at least this severe (error: a validity finding)",
    )
    quality.set_defaults(run=_quality)
