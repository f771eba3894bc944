"""The commands that describe the library: ``schema``, ``rules`` and ``explain``."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    complain,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.rules import RULES
from valuing_involvement.rules._docs import (
    catalogue_markdown,
    coverage_markdown,
    read_cases,
    rule_data,
    rule_markdown,
)
from valuing_involvement.schema import DOCUMENTS, json_schema


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
        complain([f"no rule {args.code!r}; 'valuing-involvement rules' lists them"])
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


def add_parser(commands: Commands) -> None:
    """Register ``schema``, ``rules`` and ``explain``."""
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
