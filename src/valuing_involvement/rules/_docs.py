"""Documentation generated from the registry: the rule catalogue and the coverage table.

``docs/rules.md`` and ``docs/coverage.md`` are written by these functions, and a test fails
when the files on disk differ, so the documentation cannot drift from the rules.
"""

from __future__ import annotations

import decimal
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from valuing_involvement.rules._kernel import Modality, Origin, Parameter, Registry, Rule
from valuing_involvement.rules._paragraphs import GUIDELINES

__all__ = [
    "COVERAGE",
    "UNCAPTURED",
    "CoverageRow",
    "catalogue_markdown",
    "coverage_markdown",
    "parts_citing",
    "rule_data",
    "rule_markdown",
]


def rule_data(rule: Rule[Any], registry: Registry) -> dict[str, Any]:
    """Return a rule as JSON-ready data, without its check function."""
    return {
        "code": rule.code,
        "name": rule.name,
        "title": rule.title,
        "severity": rule.severity.value,
        "modality": rule.modality.value,
        "contradiction": rule.contradiction,
        "citations": list(rule.citations),
        "rationale": rule.rationale,
        "remedy": rule.remedy,
        "parameters": [parameter_data(registry.parameters[name]) for name in rule.parameters],
        "subject": rule.subject.value,
    }


def parameter_data(parameter: Parameter) -> dict[str, Any]:
    """Return a parameter as JSON-ready data: its default, unit, citations and origin."""
    return {
        "name": parameter.name,
        "default": str(parameter.default)
        if isinstance(parameter.default, decimal.Decimal)
        else parameter.default,
        "unit": parameter.unit,
        "origin": parameter.origin.value,
        "citations": list(parameter.citations),
        "description": parameter.description,
    }


_ORIGIN = {
    Origin.SOURCE: "the source's own figure",
    Origin.DEFAULT: "our default",
}
_FORCE = {
    Modality.SHOULD: "the guidelines say it should be done",
    Modality.CONSIDER: "the source asks for it to be considered",
    Modality.EXAMPLE: "the source gives it as one example among others",
    Modality.FINDING: "it rests on a survey finding or the groups' wishes",
    Modality.BOOKKEEPING: "it checks the agreement's own waivers, not a guideline",
    Modality.STANDARD: "it rests on the 360Giving standard",
}


def _why_severity(rule: Rule[Any]) -> str:
    if rule.contradiction:
        return " (the facts contradict what the agreement itself states)"
    return f" ({rule.modality.value}: {_FORCE[rule.modality]})"


#: A rule case as the docs show it: its description, whether it must stay silent, the paths.
Example = tuple[str, bool, tuple[str, ...]]


def read_cases(folder: str | Path) -> dict[str, list[Example]]:
    """Read the rule cases of ``folder`` (one sub-folder per code, see tests/cases/README.md).

    >>> read_cases("no-such-folder")
    {}
    """
    cases: dict[str, list[Example]] = {}
    for path in sorted(Path(folder).glob("VI*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        paths = tuple(case.get("expect", {}).get("paths", ()))
        cases.setdefault(path.parent.name, []).append(
            (str(case["description"]), bool(case.get("silent")), paths)
        )
    return cases


def _examples(examples: list[Example]) -> list[str]:
    lines = []
    for heading, silent in (("Reported", False), ("Not reported", True)):
        chosen = [(text, paths) for text, quiet, paths in examples if quiet is silent]
        if chosen:
            lines += [f"**{heading}.**", ""]
            for text, paths in chosen:
                at = f" (at {', '.join(f'`{p}`' for p in paths)})" if paths else ""
                lines.append(f"- {text}{at}")
            lines.append("")
    return lines


def rule_markdown(
    rule: Rule[Any], registry: Registry, examples: list[Example] | None = None
) -> str:
    """Render one rule's page: what it finds, why, what to do, its parameters and examples."""
    lines = [
        f"## {rule.code} `{rule.name}`",
        "",
        rule.title,
        "",
        f"- Default severity: **{rule.severity.value}**{_why_severity(rule)}",
        f"- Cites: {', '.join(f'`{c}`' for c in rule.citations) or 'no paragraph of the source'}",
        f"- Checks: the {rule.subject.value}",
        "",
        f"**Why.** {rule.rationale}",
        "",
        f"**What to do.** {rule.remedy}",
        "",
    ]
    if rule.parameters:
        lines += [
            "| parameter | default | unit | origin | cites |",
            "|---|---|---|---|---|",
        ]
        for name in rule.parameters:
            parameter = registry.parameters[name]
            cites = ", ".join(f"`{c}`" for c in parameter.citations)
            lines.append(
                f"| `{name}` | {parameter.default} | {parameter.unit} | "
                f"{_ORIGIN[parameter.origin]} | {cites} |"
            )
        lines.append("")
        for name in rule.parameters:
            lines.append(f"- `{name}`: {registry.parameters[name].description}")
        lines.append("")
    lines += _examples(examples or [])
    return "\n".join(lines)


def catalogue_markdown(registry: Registry, cases: Mapping[str, list[Example]] | None = None) -> str:
    """Render the whole catalogue as a Markdown page: an index table, then one section per rule.

    ``cases`` (from :func:`read_cases`) adds each rule's reported and not-reported examples.
    """
    lines = [
        "# Rule catalogue",
        "",
        "<!-- Generated by `valuing-involvement rules --format markdown --cases tests/cases`. -->",
        "<!-- Do not edit by hand: tests/test_docs.py fails when this page is stale. -->",
        "",
        "Every rule has a stable code that is never reused. Select and ignore rules by code or",
        "prefix (`VI3`), change severities and parameters in a policy file; see",
        "[the tutorial](tutorial.md#checking-an-agreement).",
        "",
        "A rule's default severity follows the force of the wording it rests on (its *modality*):",
        "what the guidelines say *should* be done is a warning; what they ask to be *considered*,",
        "give as an *example*, or what rests on a survey *finding* is advice. Errors are kept for",
        "facts that contradict what the agreement itself states. Parameters say whether their",
        "default is the source's own figure or our default.",
        "",
        "| code | name | severity | modality | cites |",
        "|---|---|---|---|---|",
    ]
    for rule in registry:
        cites = ", ".join(f"`{c}`" for c in rule.citations)
        lines.append(
            f"| {rule.code} | `{rule.name}` | {rule.severity.value} | {rule.modality.value} "
            f"| {cites} |"
        )
    lines.append("")
    lines.extend(rule_markdown(rule, registry, (cases or {}).get(rule.code)) for rule in registry)
    return "\n".join(lines)


@attrs.frozen(kw_only=True)
class CoverageRow:
    """A row of the coverage page: a guideline paragraph or a practice the findings ask for.

    ``codes`` is derived from the registry for guideline paragraphs (every rule citing the
    paragraph, or failing that, citing its parts); practices list their codes explicitly.
    ``level`` is ``"not encodable"`` for what no rule can check, with the reason in ``note``.
    """

    ref: str
    summary: str
    codes: tuple[str, ...] = ()
    level: str | None = None
    note: str = ""


_N = "not encodable"

#: Why some guideline paragraphs have no rule.
_NOT_ENCODABLE = {
    f"G1(a)({numeral})": (
        "which objectives to pursue is the commissioner's choice; VI215 asks for some"
    )
    for numeral in ("i", "ii", "iii", "iv", "v", "vi")
}

#: Every guideline sub-paragraph (from the one paragraph table), then each practice the
#: findings ask for, in the source's order (see ``docs/coverage.md``).
COVERAGE = (
    *(
        CoverageRow(
            ref=ref,
            summary=paragraph.summary,
            level=_N if ref in _NOT_ENCODABLE else None,
            note=_NOT_ENCODABLE.get(ref, ""),
        )
        for ref, paragraph in GUIDELINES.items()
    ),
    CoverageRow(
        ref="G3(a)",
        summary="consulting local community groups about the community's diversity",
        level=_N,
        note="no field records whom the commissioner consulted; VI322's remedy asks for it",
    ),
    CoverageRow(
        ref="§2.10 / §2.12",
        summary="longer funding: groups asked for three years, not just one (§2.10)",
        codes=("VI301", "VI302", "VI323"),
    ),
    CoverageRow(
        ref="§2.24",
        summary="commissioners asked for flexibility, such as a five-year SLA",
        level=_N,
        note="a commissioner's freedom to offer longer terms; VI302 already passes them",
    ),
    CoverageRow(ref="§2.10", summary="more notice of renewal", codes=("VI303",)),
    CoverageRow(
        ref="§2.10",
        summary="written guidance, clear criteria, timescales, short forms, outreach",
        codes=("VI324",),
    ),
    CoverageRow(
        ref="§2.10", summary="encouragement and help to apply for funding", codes=("VI320",)
    ),
    CoverageRow(
        ref="§2.7 / §2.23", summary="no shifting of goalposts during the period", codes=("VI411",)
    ),
    CoverageRow(
        ref="footnote 2", summary="full cost recovery, overheads included", codes=("VI304",)
    ),
    CoverageRow(
        ref="§2.15",
        summary="aims, KPIs, outcomes, reporting, governance (insurance if needed), legal terms",
        codes=("VI202", "VI401", "VI408", "VI412", "VI414"),
    ),
    CoverageRow(
        ref="§2.15",
        summary="a detailed specification of any service the group provides",
        level=_N,
        note="no field records a service specification",
    ),
    CoverageRow(ref="§2.16", summary="help with business plans", codes=("VI410", "VI420")),
    CoverageRow(ref="§2.23", summary="support to meet diversity targets", codes=("VI306",)),
    CoverageRow(
        ref="§2.13",
        summary="a group's own approach to diversity, beyond being open to all",
        codes=("VI326",),
    ),
    CoverageRow(
        ref="§2.13",
        summary="general groups whose membership reflects a community count towards it",
        codes=("VI322",),
    ),
    CoverageRow(
        ref="§2.19",
        summary="support other than money: staff time, premises, ICT, legal advice, interpreters",
        codes=("VI422",),
    ),
    CoverageRow(
        ref="§2.23",
        summary="no double monitoring of groups funded by both health and social care",
        codes=("VI416",),
    ),
    CoverageRow(
        ref="§2.24",
        summary="written recognition that members' health may affect delivery",
        codes=("VI409",),
    ),
    CoverageRow(
        ref="§2.24", summary="simpler payment of involvement fees and expenses", codes=("VI413",)
    ),
    CoverageRow(
        ref="§2.24",
        summary="financial benchmarking of prices",
        level=_N,
        note="needs prices from other agreements; the survey gives no benchmark",
    ),
    CoverageRow(ref="§2.3", summary="indirect commissioning ring-fenced", codes=("VI330",)),
    CoverageRow(
        ref="§2.9", summary="an identifiable budget for groups, kept to", codes=("VI340", "VI341")
    ),
    CoverageRow(
        ref="§2.9",
        summary="whole-area spend: user groups £16k–£80k, carer groups £9k–£30k a year",
        level=_N,
        note="area totals, not a price for one group: compare_to_reference sets the "
        "portfolio's totals beside them; no rule or threshold rests on them",
    ),
    CoverageRow(ref="§2.17", summary="ongoing help for groups to meet targets", codes=("VI421",)),
    CoverageRow(ref="§2.5 / §2.6", summary="buy more than involvement", codes=("VI201", "VI220")),
    CoverageRow(
        ref="§2.18",
        summary="involvement that is more than token: money decided where users and carers "
        "sit, carers not spoken for by workers",
        codes=("VI506", "VI507"),
    ),
    CoverageRow(ref="§2.21", summary="awareness of the duty to involve", codes=("VI508",)),
    CoverageRow(
        ref="§2.1",
        summary="a group's own view of its class (groups' questionnaire Q1) and consistent "
        "facts about its independence",
        codes=("VI104", "VI111"),
    ),
)


#: What the findings ask for that no rule checks yet, each with why not: the last list of the
#: second fidelity review (issue 21), one row each.  A fact and a rule were added only where
#: both were cheap and faithful; the rest are here, so the coverage page accounts for them.
UNCAPTURED = (
    CoverageRow(
        ref="§2.23",
        summary="diversity of the people on commissioning bodies (no BME representatives)",
        level=_N,
        note="a seat records roles, never identities or communities (privacy), so who sits "
        "cannot be compared with the population",
    ),
    CoverageRow(
        ref="§2.14",
        summary="statutory providers respond to issues groups raise",
        level=_N,
        note="commissioners' own expectation of providers; no fact records the issues raised "
        "or the answers",
    ),
    CoverageRow(
        ref="§2.23",
        summary="accessible meetings and plain language, without jargon",
        level=_N,
        note="a quality of meetings, not a fact an agreement or a questionnaire answer records",
    ),
    CoverageRow(
        ref="§2.19",
        summary="commissioning intentions discussed with groups in advance",
        level=_N,
        note="one group's wish; the nearest recorded facts are the stage involvement starts "
        "from (VI502) and the renewal notice (VI303)",
    ),
    CoverageRow(
        ref="§2.8",
        summary="an offer of funding withdrawn before the work starts",
        level=_N,
        note="one group's account; an agreement records what was agreed, not offers withdrawn "
        "(VI411 reads changes during the period)",
    ),
    CoverageRow(
        ref="§2.11",
        summary="advice for groups turned down or not fully funded (groups' Q3a)",
        level=_N,
        note="the report suggests it as helpful; VI321 reads the commissioner's advice on "
        "other funding, which covers it without a separate answer",
    ),
    CoverageRow(
        ref="§2.24",
        summary="users and carers on commissioning groups as equal members",
        level=_N,
        note="a seat records who holds it (VI504, VI506), not the standing of its holder; "
        "equal membership has no recorded fact",
    ),
    CoverageRow(
        ref="§2.23",
        summary="handover when commissioning staff change, so work is not gone over again",
        level=_N,
        note="staff changes are not recorded; a rule would need a history of contacts",
    ),
    CoverageRow(
        ref="§2.24 / footnote 2",
        summary="help for groups with costing their services",
        level=_N,
        note="VI304 reads the costs a group gives; who helped produce them is not recorded, "
        "and footnote 2 puts costing on the organisations themselves",
    ),
    CoverageRow(
        ref="§2.24",
        summary="mentoring of new groups by experienced ones, and networks of groups",
        level=_N,
        note="suggestions for the sector and commissioners at large, with no agreement or "
        "answer to read them from",
    ),
    CoverageRow(
        ref="§2.17",
        summary="training based on an annual training needs analysis",
        level=_N,
        note="one commissioner's practice, reported as an example; VI421 and VI406 read the "
        "support offered",
    ),
    CoverageRow(
        ref="§2.13",
        summary="diversity left to others (a worker, a programme, another group)",
        level=_N,
        note="an attitude the report reads from quotations; VI326 reads a group's own "
        "approach, and no commissioner fact records whom diversity is left to",
    ),
    CoverageRow(
        ref="§2.3",
        summary="clear criteria in the strategy for which groups to commission",
        level=_N,
        note="a question for discussion in §2.3; the strategy records what it covers (G3) "
        "and VI324 reads clear criteria for applying (§2.10)",
    ),
    CoverageRow(
        ref="G3(e)",
        summary="group-led social inclusion and anti-stigma work funded",
        level=_N,
        note="G3(e) asks the strategy to enable groups to lead (VI315); enabling need not be "
        "funding, so an agreement buying no campaigning is no finding",
    ),
    CoverageRow(
        ref="§2.7",
        summary="groups know whether there is a strategy (groups' Q9: 16 knew, 13 did not)",
        level=_N,
        note="a group's answer, not the commissioner's; VI325 reads whether the strategy is "
        "published, which is what a commissioner can act on",
    ),
    CoverageRow(
        ref="§2.4",
        summary="statutory bodies giving information about groups (one group found them poor)",
        level=_N,
        note="one group's quotation; no fact records what statutory bodies publicise",
    ),
    CoverageRow(
        ref="§2.5",
        summary="groups recognised as employers of users and carers",
        level=_N,
        note="a finding about recognition, not a practice asked for; members' pay is recorded "
        "(G5(a)) but recognition is not",
    ),
)


def _codes_citing(registry: Registry, ref: str) -> tuple[str, ...]:
    # Waiver bookkeeping cites G4 for where waivers live, but does not encode what G4 asks.
    return tuple(
        rule.code
        for rule in registry
        if ref in rule.citations and rule.modality is not Modality.BOOKKEEPING
    )


def parts_citing(registry: Registry, ref: str) -> tuple[str, ...]:
    """The sub-paragraphs of guideline ``ref`` that some rule cites, when none cites ``ref``.

    A heading or a lead-in sentence (``G4(d)``: "should consider" and a list) is encoded
    through its parts.

    >>> from valuing_involvement.rules import RULES
    >>> parts_citing(RULES, "G4(d)")
    ('G4(d)(i)', 'G4(d)(ii)(1)', 'G4(d)(ii)(2)')
    """
    if _codes_citing(registry, ref):
        return ()
    return tuple(
        part for part in GUIDELINES if part.startswith(f"{ref}(") and _codes_citing(registry, part)
    )


def coverage_markdown(registry: Registry) -> str:
    """Render the coverage table: each guideline paragraph and practice, and its codes."""
    lines = [
        "# Coverage",
        "",
        "<!-- Generated from the registry and the coverage list in rules/_docs.py. -->",
        "<!-- Do not edit by hand: tests/test_docs.py fails when this page is stale. -->",
        "",
        "Each guideline sub-paragraph and each practice the findings ask for, with the rule codes",
        "that encode it. Guideline rows list every rule citing the paragraph; practice rows name",
        "their rules explicitly. Agreement rules and commissioner, strategy, involvement and",
        "portfolio rules are listed together; each rule's page names its subject. \"not",
        'encodable" marks what no rule can check from the facts the library models, and why.',
        "",
        "| paragraph | what it asks | encoded by |",
        "|---|---|---|",
    ]
    for paragraph in COVERAGE:
        parts = parts_citing(registry, paragraph.ref) if not paragraph.codes else ()
        if paragraph.level:
            where = f"{paragraph.level}: {paragraph.note}"
        elif parts:
            where = "through " + ", ".join(f"`{part}`" for part in parts)
        else:
            where = ", ".join(paragraph.codes or _codes_citing(registry, paragraph.ref))
        lines.append(f"| `{paragraph.ref}` | {paragraph.summary} | {where} |")
    lines += [
        "",
        "## Not captured",
        "",
        "What the findings ask for that no rule checks, and why: a fact and a rule are added only",
        "where both are cheap and claim no more than the source.",
        "",
        "| paragraph | what it asks | why not |",
        "|---|---|---|",
        *(f"| `{item.ref}` | {item.summary} | {item.note} |" for item in UNCAPTURED),
    ]
    own = [rule.code for rule in registry if not rule.citations]
    if own:
        lines += [
            "",
            f"Resting on no paragraph of the source: {', '.join(own)}, this library's checks of",
            "the waivers an agreement itself records.",
        ]
    lines.append("")
    return "\n".join(lines)
