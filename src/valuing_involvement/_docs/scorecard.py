"""The generated blocks of docs/scorecard.md: Lowmoor's scorecard, the mapping, the counts.

Whatever changes when a rule is added or changed -- which rows a rule decides, what the
bundled borough's scorecard and statistics say -- is made here from the registry and the
example data, so the page cannot drift and adding a rule needs no hand edit of it.

>>> "| `G4(c)` | VI404 |" in mapping_markdown()
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from valuing_involvement.rules import RULES
from valuing_involvement.rules._paragraphs import TITLES

if TYPE_CHECKING:
    from valuing_involvement.assessment import Assessment

__all__ = ["BLOCKS", "lowmoor_text", "mapping_markdown", "statistics_text"]


def _lowmoor() -> Assessment:
    from valuing_involvement import assess_portfolio, example_portfolio  # noqa: PLC0415

    return assess_portfolio(example_portfolio())


def lowmoor_text() -> str:
    """The bundled borough's scorecard as text, in a fenced block."""
    return f"```text\n{_lowmoor().scorecard()}\n```\n"


def statistics_text() -> str:
    """The bundled borough's findings counted by rule, in a fenced block."""
    from valuing_involvement.statistics import rule_statistics  # noqa: PLC0415

    return f"```text\n{rule_statistics(_lowmoor())}\n```\n"


def mapping_markdown() -> str:
    """The mapping from rules to rows, and the rules shown beside each guideline, as tables."""
    from valuing_involvement.scorecard import beside_of, derivation  # noqa: PLC0415

    lines = [
        "| row | rule | severity | effect | not known when | cannot judge when |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| `{r['paragraph']}` | {r['rule']} | {r['severity']} | {r['effect']} "
        f"| {r['not known when'] or '-'} | {r['cannot judge when'] or '-'} |"
        for r in derivation()
    ]
    lines += ["", "| guideline | shown beside it, deciding no row |", "|---|---|"]
    for ref, title in TITLES.items():
        beside = [rule.code for rule in RULES if beside_of(rule) == ref]
        lines.append(f"| `{ref}` {title} | {', '.join(beside) or '-'} |")
    return "\n".join(lines) + "\n"


#: The page's generated blocks, by marker name.
BLOCKS: Mapping[str, Callable[[], str]] = {
    "lowmoor-scorecard": lowmoor_text,
    "mapping": mapping_markdown,
    "statistics": statistics_text,
}
