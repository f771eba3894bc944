"""The ``valuing-involvement`` command.

Exit codes: 0 success; 1 ``check`` found something at or above ``--fail-on``; 2 unreadable or
invalid input, or bad options (one line per problem on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import csv
import datetime as dt
import errno
import io
import json
import os
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

import attrs

from valuing_involvement._bounds import DATE_MAX, DATE_MIN
from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
from valuing_involvement._gc import collector_paused
from valuing_involvement._version import __version__
from valuing_involvement.assessment import Assessment, assess_portfolio
from valuing_involvement.checking import InvalidPolicy, Policy, check_contract, check_contracts
from valuing_involvement.classification import Classification, classify_group
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers import InvalidRegister, read_register, template
from valuing_involvement.reports import Report, _summary_of, render_text
from valuing_involvement.rules import RULES, Finding, Severity
from valuing_involvement.rules._docs import (
    catalogue_markdown,
    coverage_markdown,
    read_cases,
    rule_data,
    rule_markdown,
)
from valuing_involvement.schema import DOCUMENTS, json_schema
from valuing_involvement.scorecard import Statistics, rule_statistics
from valuing_involvement.serialization import (
    InvalidDocument,
    from_data,
    parse_json,
    to_data,
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
    read_csv,
)

__all__ = ["main"]

PROG = "valuing-involvement"
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
T = TypeVar("T")


#: The most problems listed for one input; the rest are counted in one line.
MAX_LISTED = 20
_MORE = re.compile(r"and ([\d,]+) more problems")


def _name(source: str) -> str:
    """An input as messages name it: standard input is ``<stdin>``."""
    return "<stdin>" if source == "-" else source


def _problems(source: str, error: InvalidInput | OSError) -> list[str]:
    """The one place bad input becomes lines: ``SOURCE: PATH: MESSAGE``, or ``SOURCE: MESSAGE``.

    Every command reports unreadable files and every :class:`InvalidInput` (a document, a
    policy, a 360Giving package) through here, one line per problem, at most
    :data:`MAX_LISTED` of them and then a count of the rest.
    """
    name = _name(source)
    if isinstance(error, _WrongKind):  # one hint instead of every missing field
        return [f"{name}: {error.hint}"]
    if isinstance(error, InvalidRegister):  # its lines name the file, sheet, row and column
        return _capped(error.lines(), name)
    if isinstance(error, InvalidInput):
        problems = list(error.problems)
        unlisted = 0
        if problems and problems[-1].code == "too-many":  # counted, not listed, by the reader
            found = _MORE.search(problems[-1].message)
            if found is not None:
                unlisted = int(found[1].replace(",", ""))
                problems.pop()
        lines = [f"{name}: {problem.path}: {problem.message}" for problem in problems]
        return _capped(lines, name, unlisted)
    if isinstance(error, IsADirectoryError):
        return [f"{name}: is a directory, not a file"]
    if isinstance(error, FileNotFoundError):
        return [f"{name}: no such file"]
    return [f"{name}: {error.strerror or 'cannot be read'}"]


def _capped(lines: list[str], name: str, unlisted: int = 0) -> list[str]:
    """The first :data:`MAX_LISTED` lines, then one that counts the rest."""
    more = max(len(lines) - MAX_LISTED, 0) + unlisted
    if not more:
        return lines
    noun = "problem" if more == 1 else "problems"
    return [*lines[:MAX_LISTED], f"{name}: ... and {more:,} more {noun}"]


class _WrongKind(InvalidInput):
    """A document of another type than the command reads: one hint replaces its problems."""

    def __init__(self, hint: str) -> None:
        super().__init__([Problem(location=(), code="invalid", message=hint)])
        self.hint = hint


#: The keys that give a document's type away, most telling first, and the command that reads it.
_KINDS = (
    ("an assessment", frozenset({"findings", "metrics"}), None),
    ("a report", frozenset({"findings", "ruleset"}), None),
    ("a 360Giving package", frozenset({"grants"}), "import-360giving"),
    ("a portfolio", frozenset({"commissioner", "contracts"}), "assess"),
    ("an agreement", frozenset({"period", "amount_per_year"}), "check"),
    ("a group", frozenset({"constituency", "controls"}), "classify"),
    ("a commissioner", frozenset({"name", "body_type"}), None),
)
_READS = {Group: "a group", Contract: "an agreement", Portfolio: "a portfolio"}


def _kind_of(data: object) -> tuple[str, str | None] | None:
    """What a parsed document looks like, and the command that reads it; ``None`` if unclear."""
    items = data if isinstance(data, list) else [data]
    kinds = set()
    for item in items:
        if not isinstance(item, dict):
            return None
        keys = item.keys()
        kinds.add(next(((k, c) for k, needs, c in _KINDS if needs <= keys), None))
    if len(kinds) != 1:
        return None
    return kinds.pop()


def _wrong_kind(data: object, cls: type, source: str) -> _WrongKind | None:
    """A hint when ``data`` is plainly another type of document than ``cls``."""
    found = _kind_of(data)
    wanted = _READS.get(cls)
    if found is None or wanted is None or found[0] == wanted:
        return None
    kind, command = found
    if isinstance(data, list):
        kind = f"a list of {kind.split(' ', 1)[1]}s"
    hint = f"this looks like {kind}, not {wanted}"
    if command is not None:
        hint += f"; try `{PROG} {command} {source}`"
    elif kind == "a commissioner":
        hint += "; a portfolio holds the commissioner with its groups and agreements"
    else:
        hint += f"; it is what `{PROG}` writes, not what it reads"
    return _WrongKind(hint)


#: The most bytes read from one input (a file or stdin) unless ``--max-input`` says more.
DEFAULT_MAX_INPUT = 256 * 1024 * 1024
_MAX_INPUT: contextvars.ContextVar[int] = contextvars.ContextVar(
    "max_input", default=DEFAULT_MAX_INPUT
)


def _read(source: str) -> bytes:
    """Read a whole input, but never more than the input limit (``--max-input``)."""
    limit = _MAX_INPUT.get()
    if source == "-":
        if sys.stdin is None:
            raise OSError(errno.EBADF, "standard input is closed")
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with Path(source).open("rb") as file:
            data = file.read(limit + 1)
    if len(data) > limit:
        message = f"larger than the input limit of {limit:,} bytes (raise it with --max-input)"
        raise OSError(errno.EFBIG, message)
    return data


def _load(source: str, cls: type[T]) -> list[T]:
    """Read one document or a list of them from a file (``-`` for stdin), or a register."""
    if source.lower().endswith((".csv", ".xlsx")):
        return _from_register(source, cls)
    data = parse_json(_read(source))
    try:
        return _from(data, cls)
    except InvalidInput:
        hint = _wrong_kind(data, cls, source)
        if hint is None:
            raise
        raise hint from None


def _from_register(source: str, cls: type[T]) -> list[T]:
    """The groups, agreements or portfolio of a register (``.csv`` or ``.xlsx``)."""
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(source)
    # A portfolio needs every sheet, and agreements their groups: a CSV file of them is read
    # with the other files of its folder.
    paths = [path]
    if path.suffix.lower() == ".csv" and cls is Portfolio:
        paths = [path.parent]
    elif (
        path.suffix.lower() == ".csv" and cls is Contract and (path.parent / "groups.csv").exists()
    ):
        paths = [path.parent / "groups.csv", path]
    try:
        register = read_register(*paths)
    except ImportError as exc:
        raise InvalidInput([Problem(location=(), code="invalid", message=str(exc))]) from None
    if cls is Portfolio:
        if register.portfolio is None:
            message = "no portfolio row (portfolio.csv, or the portfolio sheet) says whose it is"
            raise InvalidInput([Problem(location=(), code="missing", message=message)])
        return [register.portfolio]  # type: ignore[list-item]
    if cls is Group:
        return list(register.groups)  # type: ignore[arg-type]
    # An agreement is checked against the group its group_reference names, as in a portfolio.
    by_reference = {group.reference: group for group in register.groups}
    return [
        attrs.evolve(contract, group=by_reference.get(contract.group_reference))  # type: ignore[misc]
        if contract.group is None and contract.group_reference in by_reference
        else contract
        for contract in register.contracts
    ]


def _from(data: object, cls: type[T]) -> list[T]:
    """Build one document or a list of them from parsed JSON."""
    if isinstance(data, list):
        return from_data(data, list[cls])  # type: ignore[valid-type]
    return [from_data(data, cls)]


def _load_all(sources: Iterable[str], cls: type[T]) -> tuple[list[T], list[str]]:
    """Read every source; return the documents read and one line per problem."""
    items: list[T] = []
    problems: list[str] = []
    for source in sources:
        try:
            items.extend(_load(source, cls))
        except (InvalidInput, OSError) as exc:
            problems.extend(_problems(source, exc))
    return items, problems


def _complain(problems: Iterable[str]) -> None:
    for line in problems:
        print(f"{PROG}: {line}", file=sys.stderr)


def _classified(groups: Iterable[Group]) -> list[tuple[str, Classification]]:
    return [(group.name, classify_group(group)) for group in groups]


def _classification_records(results: Sequence[tuple[str, Classification]]) -> list[Any]:
    """One JSON object a group: its name, then its classification's fields."""
    return [{"group": name, **to_data(result)} for name, result in results]


def _table(results: Sequence[tuple[str, Classification]]) -> str:
    header = ("GROUP", "CLASS", "COUNT", "DECIDES ITSELF")
    rows = [header]
    for name, result in results:
        count = "-" if result.facts_missing else f"{result.counting}/{result.decision_makers}"
        decides = ", ".join(sorted(d.value for d in result.controls)) or "nothing"
        rows.append((name, result.leadership.value, count, decides))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _write_text(results: Sequence[tuple[str, Classification]], out: TextIO) -> None:
    out.write(_table(results) + "\n")
    for name, result in results:
        out.write(f"\n{name}: {result.leadership.value}\n")
        out.writelines(f"  - {reason}\n" for reason in result.reasons)


#: One record as JSON text, by CPython's C encoder (``json.dump`` with ``indent`` runs the
#: pure-Python one, which took 60% of a large check).
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json_array(records: Iterable[Any], out: TextIO) -> None:
    """Write a JSON array with one record a line: valid JSON, and quick to read with a pager."""
    separator = "[\n"
    for record in records:
        out.write(separator)
        out.write(_encode(record))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def _write(results: Sequence[tuple[str, Classification]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _json_array(_classification_records(results), out)
    elif fmt == "jsonl":
        out.writelines(_encode(record) + "\n" for record in _classification_records(results))
    else:
        _write_text(results, out)


def _classify(args: argparse.Namespace) -> int:
    groups, problems = _load_all(args.files, Group)
    if groups:
        _write(_classified(groups), args.format, sys.stdout)
    _complain(problems)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _write_reports(reports: Sequence[Report], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _json_array(map(to_data, reports), out)
    elif fmt == "jsonl":
        out.writelines(_encode(to_data(report)) + "\n" for report in reports)
    else:
        out.write("\n\n".join(render_text(report) for report in reports) + "\n")


def _policy(args: argparse.Namespace) -> Policy:
    """Combine ``--policy`` with the command-line options, which take precedence."""
    base = Policy.load(args.policy) if args.policy else Policy()
    return Policy(
        select=args.select if args.select is not None else base.select,
        ignore=(*base.ignore, *(args.ignore or ())),
        severity={**base.severity, **dict(args.severity or ())},
        parameters=base.parameters,
    )


def _checked_policy(args: argparse.Namespace) -> Policy | None:
    """The policy the options describe, or ``None`` after saying what is wrong with it."""
    try:
        policy = _policy(args)
        policy.resolve()
    except InvalidPolicy as exc:
        _complain(_problems("policy", exc))
        return None
    except OSError as exc:
        _complain(_problems(args.policy, exc))
        return None
    return policy


def _check(args: argparse.Namespace) -> int:
    policy = _checked_policy(args)
    if policy is None:
        return EXIT_BAD_INPUT
    contracts, problems = _load_all(args.files, Contract)
    threshold = Severity(args.fail_on)
    if args.format == "jsonl" and not args.statistics:  # each report written as it is made
        fails = False
        for contract in contracts:
            report = check_contract(contract, on=args.on, policy=policy)
            fails = fails or report.fails(threshold)
            sys.stdout.write(_encode(to_data(report)) + "\n")
    else:
        reports = check_contracts(contracts, on=args.on, policy=policy, pause_collector=True)
        if reports and args.statistics:
            _write_statistics(rule_statistics(reports), args.format, sys.stdout)
        elif reports:
            _write_reports(reports, args.format, sys.stdout)
        fails = any(report.fails(threshold) for report in reports)
    _complain(problems)
    if problems:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if fails else EXIT_OK


def _assess(args: argparse.Namespace) -> int:
    policy = _checked_policy(args)
    if policy is None:
        return EXIT_BAD_INPUT
    portfolios, problems = _load_all([args.file], Portfolio)
    if not portfolios and not problems:
        empty = f"`{PROG} example portfolio` prints one to start from"
        problems = [f"{_name(args.file)}: holds no portfolio (an empty list); {empty}"]
    if problems:
        _complain(problems)
        return EXIT_BAD_INPUT
    assessments = [assess_portfolio(p, on=args.on, policy=policy) for p in portfolios]
    if args.on is None:
        _complain(
            f"note: {a.commissioner} has no agreements to take the date from, so it is "
            f"assessed for {a.on.isoformat()}, the library's fixed default (never today's "
            "date); choose the date with --on"
            for p, a in zip(portfolios, assessments, strict=True)
            if not p.contracts
        )
    if args.statistics:
        for assessment in assessments:
            _write_statistics(rule_statistics(assessment), args.format, sys.stdout)
    elif args.format in ("scorecard", "scorecard-json"):
        _write_scorecards(assessments, args.format, sys.stdout)
    else:
        _write_assessments(assessments, args.format, sys.stdout)
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(a.fails(threshold) for a in assessments) else EXIT_OK


def _write_assessments(assessments: Sequence[Assessment], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        data = to_data(assessments[0] if len(assessments) == 1 else list(assessments))
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n\n".join(str(assessment) for assessment in assessments) + "\n")


def _write_statistics(statistics: Statistics, fmt: str, out: TextIO) -> None:
    """Print findings counted by rule, most frequent first: text, or JSON records."""
    if fmt in ("json", "scorecard-json"):
        json.dump(statistics.to_records(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(str(statistics) + "\n")


def _write_scorecards(assessments: Sequence[Assessment], fmt: str, out: TextIO) -> None:
    """Print each assessment's scorecard, as text or as JSON."""
    cards = [assessment.scorecard() for assessment in assessments]
    if fmt == "scorecard-json":
        data = [card.to_data() for card in cards]
        json.dump(data[0] if len(data) == 1 else data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n\n".join(str(card) for card in cards) + "\n")


def _export_sources(sources: Iterable[str]) -> tuple[list[Portfolio], list[Contract], list[str]]:
    """Read portfolios (objects with ``contracts``) and agreements; say what could not be read."""
    portfolios: list[Portfolio] = []
    contracts: list[Contract] = []
    problems: list[str] = []
    for source in sources:
        try:
            data = parse_json(_read(source))
            if isinstance(data, dict) and "contracts" in data:
                portfolios.append(from_data(data, Portfolio))
            else:
                contracts.extend(_from(data, Contract))
        except (InvalidInput, OSError) as exc:
            problems.extend(_problems(source, exc))
    return portfolios, contracts, problems


def _export_360giving(args: argparse.Namespace) -> int:
    if args.modified.tzinfo is None:
        _complain(["--modified needs a time zone, such as 2007-04-02T09:00:00+00:00"])
        return EXIT_BAD_INPUT
    portfolios, contracts, problems = _export_sources(args.files)
    if problems:
        _complain(problems)
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
        _complain([str(exc)])
        return EXIT_BAD_INPUT
    if args.format == "csv":
        sys.stdout.write(export_csv(package))
    else:
        json.dump(package, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_OK


def _grants_data(source: str) -> object:
    """A 360Giving file as parsed JSON: a JSON package, or a CSV with the template's titles.

    ``.json`` files are JSON and ``.csv`` files CSV; other names (and stdin) are CSV when
    their first line is a row of titles with ``Identifier`` among them.
    """
    raw = _read(source)
    name = source.lower()
    first = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    is_csv = name.endswith(".csv") or (not name.endswith(".json") and b"Identifier" in first)
    if not is_csv:
        return parse_json(raw)
    try:
        text = raw.decode("utf-8-sig")
        titles = next(csv.reader(io.StringIO(text)), [])
    except (UnicodeDecodeError, csv.Error) as exc:
        problem = f"not a readable 360Giving CSV: {exc}"
    else:
        if "Identifier" in titles:
            return read_csv(text)
        problem = "not a 360Giving CSV: no Identifier column"
    raise InvalidDocument(
        [Problem(location=(), code="syntax", message=problem)], target="360Giving CSV"
    )


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
        imported = import_grants(_grants_data(args.file), where=where)
    except (InvalidInput, OSError) as exc:
        _complain(_problems(args.file, exc))
        return EXIT_BAD_INPUT
    _complain(_problems(args.file, InvalidInput(list(imported.problems))))
    _complain(f"{args.file}: {p.path}: note: {p.message}" for p in imported.notes)
    if imported.problems and not imported.grants:
        return EXIT_BAD_INPUT
    if args.format == "360giving":
        json.dump(imported.package(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    contracts = imported.contracts(args.prefix)
    if len(contracts) < len(imported.grants):
        left = len(imported.grants) - len(contracts)
        _complain(
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
        data = _grants_data(args.file)
    except (InvalidInput, OSError) as exc:
        _complain(_problems(args.file, exc))
        return EXIT_BAD_INPUT
    if not isinstance(data, dict):
        _complain([f"{args.file}: $: expected a 360Giving package, an object with grants"])
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


def _schema(args: argparse.Namespace) -> int:
    json.dump(json_schema(args.name), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        json.dump(
            [rule_data(rule, RULES) for rule in RULES], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    elif args.format == "markdown":
        sys.stdout.write(catalogue_markdown(RULES, read_cases(args.cases) if args.cases else None))
    elif args.format == "coverage":
        sys.stdout.write(coverage_markdown(RULES))
    else:
        width = max(len(rule.name) for rule in RULES)
        for rule in RULES:
            cites = ", ".join(rule.citations)
            print(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<{width}}  {cites}")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    code = args.code.upper()
    if code not in RULES:
        _complain([f"no rule {args.code!r}; 'valuing-involvement rules' lists them"])
        return EXIT_BAD_INPUT
    if args.format == "markdown":
        sys.stdout.write(rule_markdown(RULES[code], RULES))
    else:
        sys.stdout.write(_rule_text(code))
    return EXIT_OK


def _rule_text(code: str) -> str:
    """One rule as plain text for a terminal: what, how strongly, why, what to do, thresholds."""
    data = rule_data(RULES[code], RULES)
    plain = {key: value.replace("`", "") for key, value in data.items() if isinstance(value, str)}
    cites = ", ".join(data["citations"]) or "no paragraph of the source"
    strength = "a contradiction in the facts" if data["contradiction"] else data["modality"]
    lines = [
        f"{data['code']} {data['name']}: {data['title']}",
        f"Severity {data['severity']} ({strength}); cites {cites}; checks the {data['subject']}.",
        "",
        *textwrap.wrap(f"Why: {plain['rationale']}", width=79),
        "",
        *textwrap.wrap(f"What to do: {plain['remedy']}", width=79),
    ]
    for parameter in data["parameters"]:
        origin = "the source's own figure" if parameter["origin"] == "source" else "our default"
        lines += [
            "",
            (
                f"Parameter {parameter['name']}: {parameter['default']} {parameter['unit']} "
                f"({origin}; {', '.join(parameter['citations'])})"
            ),
            *textwrap.wrap(
                parameter["description"].replace("`", ""),
                width=79,
                initial_indent="  ",
                subsequent_indent="  ",
            ),
        ]
    return "\n".join(lines) + "\n"


def _demo(args: argparse.Namespace) -> int:
    groups = example_groups()
    if args.format == "json":
        reports = check_contracts(example_contracts())
        data = {
            "classifications": _classification_records(_classified(groups)),
            "reports": to_data(reports),
            "assessment": to_data(assess_portfolio(example_portfolio())),
            "scorecard": assess_portfolio(example_portfolio()).scorecard().to_data(),
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"Lowmoor, a fictional borough: {len(groups)} groups classified by G1(b)\n")
    _write(_classified(groups), args.format, sys.stdout)
    contracts = example_contracts()
    print(f"\nLowmoor's {len(contracts)} agreements checked against the guidelines\n")
    for report in check_contracts(contracts):
        print(f"{report.subject}: {_summary_of(report.counts, bool(report.findings))}")
        _brief(report.findings, _DEMO_FINDINGS)
    print(f"  (`{PROG} check` lists every finding with its fix)")
    assessment = assess_portfolio(example_portfolio())
    print("\nLowmoor's whole portfolio assessed\n")
    on_agreements = [f for f in assessment.findings if f.path.startswith("$.contracts[")]
    rest = [f for f in assessment.findings if not f.path.startswith("$.contracts[")]
    text = str(assessment).splitlines()
    print("\n".join(text[:3]))  # who, when, the spend and the groups
    print(f"{len(rest)} findings about the commissioner, strategy, involvement and portfolio:")
    _brief(rest, len(rest))
    print(f"and {len(on_agreements)} on the agreements, as above (`{PROG} assess` lists all)")
    print(f"in all: {_summary_of(assessment.counts, bool(assessment.findings))}")
    return EXIT_OK


#: The most findings the demo shows for one agreement.
_DEMO_FINDINGS = 8


def _brief(findings: Sequence[Finding], limit: int) -> None:
    """Print findings one short line each, most severe first, then how many were left out."""
    for finding in findings[:limit]:
        waived = " (waived)" if finding.waived else ""
        line = (
            f"  {finding.code} {finding.severity.value}{waived} {finding.path}: {finding.message}"
        )
        print(line if len(line) <= _WIDTH else line[: _WIDTH - 3] + "...")
    if len(findings) > limit:
        print(f"  ... and {len(findings) - limit} more")


_WIDTH = 100


def _template(args: argparse.Namespace) -> int:
    try:
        written = template(args.folder, format=args.format)
    except ImportError as exc:
        _complain([str(exc)])
        return EXIT_BAD_INPUT
    except OSError as exc:
        _complain(_problems(args.folder, exc))
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    return EXIT_OK


#: A starter policy: every setting a policy file takes, each with what it does.
STARTER_POLICY = """\
# A policy for `valuing-involvement check --policy` and `assess --policy`.
# Rule codes or prefixes; `valuing-involvement rules` lists them.
select = ["VI"]                # run every rule
ignore = []                    # such as ["VI302"] when you fund annually by policy

[severity]                     # raise or lower a rule: error, warning or advice
VI404 = "error"

[parameters]                   # thresholds; `valuing-involvement explain CODE` names them
max-kpis = 6
"""


def _example(args: argparse.Namespace) -> int:
    if args.kind == "policy":
        sys.stdout.write(STARTER_POLICY)
        return EXIT_OK
    portfolio = example_portfolio()
    document: object = {
        "group": portfolio.groups[0],
        "agreement": portfolio.contracts[0],
        "portfolio": portfolio,
    }[args.kind]
    sys.stdout.write(to_json(document, indent=2) + "\n")
    return EXIT_OK


def _codes(text: str) -> list[str]:
    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("expected rule codes or prefixes, such as VI3,VI401")
    return codes


def _severity_override(text: str) -> tuple[str, Severity]:
    code, _, level = text.partition("=")
    try:
        return code.strip().upper(), Severity(level.strip().lower())
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise argparse.ArgumentTypeError(
            f"expected CODE=LEVEL with LEVEL one of {allowed}"
        ) from None


def _date(text: str) -> dt.date:
    problem = argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")
    if len(text) != len("YYYY-MM-DD"):
        raise problem
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise problem from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise argparse.ArgumentTypeError(f"expected a date from {DATE_MIN} to {DATE_MAX}")
    return day


def _moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date-time such as 2007-04-02T09:00:00+00:00, got {text!r}"
        ) from None


def _add_360giving(commands: Any) -> None:  # noqa: ANN401 -- argparse's private subparsers type
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
        type=_moment,
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
    importer.add_argument("--awarded-from", type=_date, metavar="DATE", help="earliest award")
    importer.add_argument("--awarded-to", type=_date, metavar="DATE", help="latest award")
    importer.set_defaults(run=_import_360giving)

    quality = commands.add_parser(
        "quality", help="run 360Giving's Data Quality Tool checks on a JSON or CSV file"
    )
    quality.add_argument("file", metavar="FILE", help="a 360Giving JSON or CSV file, or -")
    quality.add_argument("--on", type=_date, metavar="DATE", help="date of the check (today)")
    quality.add_argument("--format", choices=("text", "json"), default="text")
    quality.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit 1 when a finding is at least this severe (error: a validity finding)",
    )
    quality.set_defaults(run=_quality)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Classify service user and carer groups and check agreements against the Valuing "
            "Involvement commissioning guidelines."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--max-input",
        type=_max_input,
        default=DEFAULT_MAX_INPUT,
        metavar="SIZE",
        help="the most read from one input, such as 512M or 2G (default 256M)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    classify = commands.add_parser(
        "classify", help="classify groups from JSON files (one group or a list per file)"
    )
    classify.add_argument(
        "files", nargs="+", metavar="FILE", help="a JSON file, - for stdin, or a register"
    )
    classify.set_defaults(run=_classify)

    check = commands.add_parser(
        "check", help="check agreements from JSON files against the rule catalogue"
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="a JSON file, - for stdin, or a register"
    )
    check.set_defaults(run=_check)

    assess = commands.add_parser(
        "assess", help="assess a commissioner's portfolio: every rule, every agreement, metrics"
    )
    assess.add_argument(
        "file", metavar="PORTFOLIO", help="a portfolio JSON file, - for stdin, or a register"
    )
    assess.set_defaults(run=_assess)

    for sub in (check, assess):
        sub.add_argument("--select", type=_codes, metavar="CODES", help="rules to run (VI3,VI401)")
        sub.add_argument("--ignore", type=_codes, metavar="CODES", help="rules to skip")
        sub.add_argument(
            "--severity",
            type=_severity_override,
            action="append",
            metavar="CODE=LEVEL",
            help="override a rule's severity (repeatable)",
        )
        sub.add_argument("--policy", metavar="FILE", help="a TOML policy file")
        sub.add_argument("--on", type=_date, metavar="DATE", help="date to check for (YYYY-MM-DD)")
        sub.add_argument(
            "--fail-on",
            choices=[s.value for s in Severity],
            default=Severity.ERROR.value,
            help="exit 1 when a finding is at least this severe (error)",
        )
        sub.add_argument(
            "--statistics", action="store_true", help="count findings by rule instead of listing"
        )

    _add_360giving(commands)

    schema = commands.add_parser("schema", help="print the JSON Schema of a document type")
    schema.add_argument("name", choices=sorted(DOCUMENTS), help="the document type")
    schema.set_defaults(run=_schema)

    rules = commands.add_parser("rules", help="list the rule catalogue")
    rules.add_argument(
        "--format",
        choices=("text", "json", "markdown", "coverage"),
        default="text",
        help="markdown: the catalogue page (docs/rules.md); coverage: docs/coverage.md",
    )
    rules.add_argument(
        "--cases",
        metavar="DIR",
        help="with --format markdown: show each rule's cases from DIR (tests/cases) as examples",
    )
    rules.set_defaults(run=_rules)

    explain = commands.add_parser("explain", help="explain one rule")
    explain.add_argument("code", metavar="CODE", help="a rule code such as VI301")
    explain.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text (default), or markdown: the rule's page as in docs/rules.md",
    )
    explain.set_defaults(run=_explain)

    demo = commands.add_parser("demo", help="classify and check the bundled example borough")
    demo.set_defaults(run=_demo)

    demo.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    starter = commands.add_parser(
        "template", help="write an empty register to fill in: CSV files or an XLSX workbook"
    )
    starter.add_argument("folder", metavar="DIR", help="the folder to write into")
    starter.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default="csv",
        help="csv: groups.csv, agreements.csv, portfolio.csv; xlsx: register.xlsx (csv)",
    )
    starter.set_defaults(run=_template)

    example = commands.add_parser("example", help="print a valid starter document to edit")
    example.add_argument("kind", choices=("group", "agreement", "portfolio", "policy"))
    example.set_defaults(run=_example)

    assess.add_argument(
        "--format",
        choices=("text", "json", "scorecard", "scorecard-json"),
        default="text",
        help="output format (text); scorecard summarises by guideline",
    )
    for sub in (classify, check):
        sub.add_argument(
            "--format",
            choices=("text", "json", "jsonl"),
            default="text",
            help="output format (text); jsonl: one JSON object a line, each written when ready",
        )
    return parser


class _Output:
    """A text stream that never raises: it records the first failure and drops what follows.

    Text the stream's encoding cannot hold is written with backslash escapes instead.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.failure: OSError | ValueError | None = None

    def write(self, text: str) -> int:
        if self.failure is None:
            if self.stream is None:
                self.failure = OSError(errno.EBADF, "the stream is closed")
                return len(text)
            try:
                self.stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "utf-8"
                self.write(text.encode(encoding, "backslashreplace").decode(encoding))
            except (OSError, ValueError) as exc:  # ValueError: the file was closed
                self.failure = exc
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.failure is None and self.stream is not None:
            try:
                self.stream.flush()
            except (OSError, ValueError) as exc:
                self.failure = exc

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 -- the stream's own attributes
        return getattr(self.stream, name)


def _max_input(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text[:-1], text[-1:].upper()
    if unit.isdigit():
        number, unit = text, ""
    if unit not in units or not number.isascii() or not number.isdigit() or len(number) > 12:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M or 2G, got {text!r}")
    return int(number) * units[unit]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Output that cannot be written (a closed stream, a full disk) ends the run with exit 2 and
    a message; a reader that stops early (a broken pipe) leaves the exit status the run would
    have had.  The caller's streams are never closed.

    >>> main(["classify", "no-such-file.json"])
    2
    """
    out, err = _Output(sys.stdout), _Output(sys.stderr)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _run(argv)
        finally:  # argparse's SystemExit (--help, --version, bad options) goes on after this
            out.flush()
            err.flush()
    if out.failure is None:
        return code
    _silence(out.stream)
    if isinstance(out.failure, BrokenPipeError):
        return code
    reason = getattr(out.failure, "strerror", None) or str(out.failure)
    _Output(sys.stderr).write(f"{PROG}: cannot write the output: {reason}\n")
    return EXIT_BAD_INPUT


def _silence(stream: TextIO | None) -> None:
    """Point the process's own broken stdout at /dev/null, so exiting does not fail again."""
    if stream is None or stream is not sys.__stdout__:
        return
    try:
        descriptor = sys.__stdout__.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
    except (OSError, ValueError):
        pass


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "modified", False) is None:
        # The one clock read in the library: the default time stamp of an export.
        args.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    token = _MAX_INPUT.set(args.max_input)
    try:
        # A command reads, checks and writes whole registers and builds no reference cycles:
        # the cyclic collector's passes over the growing models would cost about a third of
        # the run.  Left off when the caller had switched it off; switched back on after.
        with collector_paused():
            code: int = args.run(args)
    finally:
        _MAX_INPUT.reset(token)
    return code
