"""A scorecard by guideline, and findings counted by rule.

An assessment lists every finding, one line each.  A commissioner taking it to a partnership
board needs the other view: where the borough stands against the five guidelines.
:func:`scorecard` gives each guideline ``G1``-``G5`` and each of its sub-paragraphs a
:class:`Status` -- *met*, *partly met*, *not known* or *not met* -- with the agreements or
subjects affected, the finding that matters most and the rules the status rests on.

How a status is derived is data, so that a rule's modality can later replace its severity:

* the rows are the guideline paragraphs of the one paragraph table (``rules/_paragraphs.py``,
  :data:`ROWS`); each rule of a guideline series decides the rows its ``G`` citations name
  (``G4(d)(ii)(1)`` counts under ``G4(d)(ii)``, a bare ``G4`` is the guideline's own sentence);
* a rule citing only findings (``§2.x``) or a footnote decides no row: it is shown beside its
  series' guideline (:func:`beside_of`; ``VI304``, on footnote 2, beside ``G3``); the series
  that do not score (``_codes.SERIES``: waivers, 360Giving data quality) are left out;
* :data:`NOT_KNOWN` names the findings that report a missing fact rather than a failing;
  such a finding makes its rows *not known*, never *not met*;
* :data:`SEVERITY_EFFECT` gives what any other finding does: an error or warning makes its
  rows *not met*, advice at most *partly met*;
* waived findings do not count; a row's status is the worst its findings give
  (:attr:`Status.rank`), *met* when none is left -- unless every rule it rests on could not
  judge for want of facts (``unjudged``): silence on unrecorded facts is *not known*.

:func:`rule_statistics` (in :mod:`valuing_involvement.statistics`, importable from here as
before) counts findings by rule, most frequent first, as ruff's ``--statistics`` does.

>>> from valuing_involvement import assess_portfolio, example_portfolio
>>> card = scorecard(assess_portfolio(example_portfolio()))
>>> [(g.ref, g.status.value) for g in card.guidelines]
[('G1', 'not met'), ('G2', 'not met'), ('G3', 'partly met'), ('G4', 'not met'), ('G5', 'not met')]
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from valuing_involvement._agreement_paths import AGREEMENT, WHOLE, agreement_of
from valuing_involvement._enums import Choice
from valuing_involvement._frozen import frozen_dict
from valuing_involvement._optional import pandas
from valuing_involvement.rules import RULES, Finding, Registry, Rule, Severity, Subject, series_of
from valuing_involvement.rules._paragraphs import GUIDELINES, PARAGRAPHS, TITLES
from valuing_involvement.statistics import RuleCount, Statistics, rule_statistics, tally

__all__ = [
    "NOT_KNOWN",
    "ROWS",
    "SEVERITY_EFFECT",
    "WHOLE",
    "GuidelineScore",
    "ParagraphScore",
    "RuleCount",
    "Scoreable",
    "Scorecard",
    "Statistics",
    "Status",
    "agreement_of",
    "beside_of",
    "cannot_judge_when",
    "derivation",
    "effect",
    "is_not_known",
    "paragraphs_of",
    "rule_statistics",
    "score",
    "scorecard",
    "tally",
]


class Status(Choice):
    """Where a guideline or sub-paragraph stands: best *met*, worst *not met*.

    *Not known* sits between *partly met* and *not met*: a fact is missing, so the paragraph
    cannot be shown to be met, but an unanswered question is not a failure.
    """

    MET = "met"
    PARTLY_MET = "partly met"
    NOT_KNOWN = "not known"
    NOT_MET = "not met"

    @property
    def rank(self) -> int:
        """Order the statuses from best (0, met) to worst (3, not met).

        >>> Status.NOT_KNOWN.rank < Status.NOT_MET.rank
        True
        """
        return _STATUS_RANK[self]

    @property
    def mark(self) -> str:
        """A one-character mark that reads without colour: ``+``, ``~``, ``?`` or ``x``.

        >>> Status.PARTLY_MET.mark
        '~'
        """
        return _MARKS[self]


_STATUS_RANK = {Status.MET: 0, Status.PARTLY_MET: 1, Status.NOT_KNOWN: 2, Status.NOT_MET: 3}
_MARKS = {Status.MET: "+", Status.PARTLY_MET: "~", Status.NOT_KNOWN: "?", Status.NOT_MET: "x"}


#: The scorecard's rows, in the source's order: each guideline paragraph that is its own row
#: in the one paragraph table (``rules/_paragraphs.py``).
ROWS: tuple[str, ...] = tuple(ref for ref, p in GUIDELINES.items() if p.row == ref)
#: Rules that check one agreement, and so count agreements affected.
_CONTRACT_SUBJECTS = frozenset({Subject.CONTRACT, Subject.WAIVER})

#: What a finding does to the rows it rests on, by severity (to be replaced by modality).
SEVERITY_EFFECT: Mapping[Severity, Status] = {
    Severity.ERROR: Status.NOT_MET,
    Severity.WARNING: Status.NOT_MET,
    Severity.ADVICE: Status.PARTLY_MET,
}

#: The findings that report a missing fact, not a failing: code -> (evidence key, the value
#: that means "not stated").  A listed finding is *not known* when at least one listed key
#: holds its "not stated" value and every other listed key holds it too or ``True`` (an answer
#: that passes); a key the finding's evidence lacks is not "not stated".  An empty tuple means
#: the finding always reports a missing fact.  (``VI304`` reports no missing fact: an
#: agreement silent on overheads, with no costs to show them, is not reported at all.)
NOT_KNOWN: Mapping[str, tuple[tuple[str, Any], ...]] = {
    "VI102": (),  # the group's decision-makers are not recorded
    "VI110": (("has_definition", None),),
    "VI301": (("months", None),),  # neither the period's dates nor its length is known
    "VI303": (("period_known", False),),  # the period's dates are not known
    "VI210": (("strategy", False),),  # no strategy recorded at all
    "VI320": (("encourages_applications", None), ("helps_with_applications", None)),
    "VI321": (("advises_on_other_funding", None),),
    "VI340": (("budget_identifiable", None),),
    "VI404": (("monitoring", None),),
    "VI420": (("helps_with_business_plans", None),),
    "VI421": (("ongoing_support", None),),
    "VI502": (("starts_at", None), ("involved", None)),  # the stage is not recorded
}


def is_not_known(finding: Finding) -> bool:
    """Whether ``finding`` reports a fact that is missing rather than a failing (:data:`NOT_KNOWN`).

    >>> from valuing_involvement import assess_portfolio, example_portfolio
    >>> [f.code for f in assess_portfolio(example_portfolio()).findings if is_not_known(f)]
    []
    """
    keys = NOT_KNOWN.get(finding.code)
    if keys is None:
        return False
    if not keys:
        return True
    evidence = finding.evidence
    if any(key not in evidence for key, _ in keys):
        return False  # a finding of another kind from the same rule: not a missing fact
    values = [(evidence[key], unstated) for key, unstated in keys]
    return any(value == unstated for value, unstated in values) and all(
        value == unstated or value is True for value, unstated in values
    )


def effect(finding: Finding) -> Status:
    """What ``finding`` does to the rows it rests on: *not known*, or its severity's effect.

    >>> from valuing_involvement import check_contract, example_contracts
    >>> [effect(f).value for f in check_contract(example_contracts()[2]).findings][:2]
    ['not met', 'partly met']
    """
    return Status.NOT_KNOWN if is_not_known(finding) else SEVERITY_EFFECT[finding.severity]


def paragraphs_of(rule: Rule[Any]) -> tuple[str, ...]:
    """Return the scorecard rows ``rule`` decides: the rows of the guidelines it cites.

    Only rules of a guideline series count (``_codes.SERIES``); a rule citing no guideline
    paragraph, only findings or a footnote, decides no row: it is shown beside its series'
    guideline (:func:`beside_of`).

    >>> paragraphs_of(RULES["VI407"]), paragraphs_of(RULES["VI210"]), paragraphs_of(RULES["VI330"])
    (('G4(d)(ii)',), ('G2', 'G3'), ())
    >>> paragraphs_of(RULES["VI001"])
    ()
    """
    series = series_of(rule.code)
    if series is None or not series.scored:
        return ()
    rows = {PARAGRAPHS[c].row for c in rule.citations} - {None}
    return tuple(ref for ref in ROWS if ref in rows)


def beside_of(rule: Rule[Any]) -> str | None:
    """Return the guideline ``rule`` is shown beside without deciding it, or ``None``.

    A rule of a guideline series that cites only the survey's findings or a footnote serves
    its series' guideline (``VI304``, resting on footnote 2, beside ``G3``) but states none of
    its paragraphs, so it informs the guideline's score without deciding it.

    >>> beside_of(RULES["VI304"]), beside_of(RULES["VI301"]), beside_of(RULES["VI601"])
    ('G3', None, None)
    """
    series = series_of(rule.code)
    if series is None or not series.scored or paragraphs_of(rule):
        return None
    return series.guideline


def _unknown_when(code: str) -> str:
    keys = NOT_KNOWN.get(code)
    if keys is None:
        return ""
    if not keys:
        return "always"
    return " or ".join(f"{key} is {json.dumps(value)}" for key, value in keys)


def cannot_judge_when(rule: Rule[Any]) -> str:
    """Say when ``rule`` cannot judge for want of facts (its ``unknown``), or ``""`` if never.

    The words are the first line of the ``unknown`` predicate's docstring, kept beside the rule.

    >>> cannot_judge_when(RULES["VI211"]), cannot_judge_when(RULES["VI202"])
    ('no strategy is recorded', '')
    """
    if rule.unknown is None:
        return ""
    words = (rule.unknown.__doc__ or "").strip().splitlines()
    if not words:
        return "its facts are not recorded"
    first = words[0].rstrip(".")
    return first[:1].lower() + first[1:]


def derivation(registry: Registry = RULES) -> list[dict[str, str]]:
    """Return the derivation as a table: each row's rules, what each does, when it is not known.

    The table is built from :func:`paragraphs_of`, :data:`SEVERITY_EFFECT`, :data:`NOT_KNOWN`
    and each rule's ``unknown`` (:func:`cannot_judge_when`), so the documentation that prints
    it cannot drift from the code.

    >>> [r for r in derivation() if r["paragraph"] == "G3(b)"]  # doctest: +NORMALIZE_WHITESPACE
    [{'paragraph': 'G3(b)', 'rule': 'VI312', 'severity': 'advice', 'effect': 'partly met',
      'not known when': '',
      'cannot judge when': 'no strategy is recorded'},
     {'paragraph': 'G3(b)', 'rule': 'VI320', 'severity': 'advice', 'effect': 'partly met',
      'not known when': 'encourages_applications is null or helps_with_applications is null',
      'cannot judge when': 'encourages_applications or helps_with_applications is not answered,
      and none is no'},
     {'paragraph': 'G3(b)', 'rule': 'VI325', 'severity': 'advice', 'effect': 'partly met',
      'not known when': '',
      'cannot judge when': 'no written strategy is recorded, or it does not say whether it is
      published'}]
    """
    return [
        {
            "paragraph": ref,
            "rule": rule.code,
            "severity": rule.severity.value,
            "effect": SEVERITY_EFFECT[rule.severity].value,
            "not known when": _unknown_when(rule.code),
            "cannot judge when": cannot_judge_when(rule),
        }
        for ref in ROWS
        for rule in registry
        if ref in paragraphs_of(rule)
    ]


def _worst(findings: Sequence[Finding]) -> Finding | None:
    if not findings:
        return None
    # the evidence breaks ties between findings alike in all else, so order never matters
    return min(
        findings, key=lambda f: (-effect(f).rank, *f.sort_key(), repr(sorted(f.evidence.items())))
    )


@attrs.frozen(kw_only=True)
class ParagraphScore:
    """One row of the scorecard: a paragraph's status and what it rests on.

    ``rules`` are the codes of every rule the status rests on, fired or not; ``fired`` those
    with an active finding.  ``affected`` names the agreements (``$.contracts[i]``) or the
    whole (``$``) with a finding; ``by_subject`` gives each of them its own status.
    ``applies_to`` says whether the row's rules read agreements, the whole, or both.
    """

    ref: str
    summary: str
    status: Status
    rules: tuple[str, ...]
    fired: tuple[str, ...]
    affected: tuple[str, ...]
    findings: int
    key_finding: Finding | None
    by_subject: Mapping[str, Status] = attrs.field(converter=frozen_dict, hash=False)
    applies_to: frozenset[str]

    @property
    def guideline(self) -> str:
        """The guideline the row belongs to (``G4`` for ``G4(d)(i)``)."""
        return GUIDELINES[self.ref].guideline or self.ref

    def status_of(self, subject: str) -> Status | None:
        """The row's status for one subject, ``None`` when none of its rules reads it.

        *Not known* when every rule reading the subject could not judge it for want of facts.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> card = scorecard(assess_portfolio(example_portfolio()))
        >>> row = card.row("G4(c)")
        >>> row.status_of("$.contracts[0]").value, row.status_of("$.contracts[1]").value
        ('met', 'not met')
        """
        kind = "whole" if subject == WHOLE else "agreement"
        if kind not in self.applies_to:
            return None
        return self.by_subject.get(subject, Status.MET)


@attrs.frozen(kw_only=True)
class GuidelineScore:
    """A guideline's status: the worst of its rows, with the rules and subjects behind it.

    ``beside`` names the rules shown beside the guideline without deciding it (see
    :func:`beside_of`), and ``beside_fired`` those of them with an active finding.
    """

    ref: str
    title: str
    status: Status
    rules: tuple[str, ...]
    affected: tuple[str, ...]
    key_finding: Finding | None
    beside: tuple[str, ...] = ()
    beside_fired: tuple[str, ...] = ()


def _count(subjects: Sequence[str], whole: str) -> str:
    agreements = sum(1 for s in subjects if s != WHOLE)
    parts = [f"{agreements} agreement{'s' if agreements != 1 else ''}"] if agreements else []
    if WHOLE in subjects:
        parts.append(whole)
    return " and ".join(parts) or "-"


def _brief(finding: Finding | None, *, subject: bool = False) -> str:
    if finding is None:
        return ""
    about = f"{finding.subject} " if subject and finding.subject else ""
    return f"{finding.code} {about}{finding.path}: {finding.message}"


_NAMED = 6  # agreements a row names before "and N more"


def _named(affected: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The line naming the agreements a row affects, if it affects any that have names."""
    shown = [names[s] for s in affected if s != WHOLE and s in names]
    if not shown:
        return []
    more = f" and {len(shown) - _NAMED} more" if len(shown) > _NAMED else ""
    return [f"      agreements: {', '.join(shown[:_NAMED])}{more}"]


@attrs.frozen(kw_only=True)
class Scorecard:
    """An assessment or report summarised by guideline and sub-paragraph.

    ``subjects`` lists every subject the card covers, in order: the whole (``$``) and then
    each agreement ``$.contracts[i]`` for a portfolio, just ``$`` for one agreement.
    """

    subject: str
    on: dt.date
    ruleset: str
    guidelines: tuple[GuidelineScore, ...]
    paragraphs: tuple[ParagraphScore, ...]
    subjects: tuple[str, ...]

    @property
    def whole(self) -> str:
        """What the subject ``$`` stands for: the portfolio, or the one agreement of a report."""
        return "the agreement" if self.subjects == (WHOLE,) else "the portfolio"

    def row(self, ref: str) -> ParagraphScore:
        """Return the row for ``ref`` (``"G4(c)"``).

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> scorecard(assess_portfolio(example_portfolio())).row("G5(b)").fired
        ('VI502',)
        """
        for paragraph in self.paragraphs:
            if paragraph.ref == ref:
                return paragraph
        raise KeyError(f"no row {ref!r} in this scorecard")

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per row, for tables and dataframes.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> record = scorecard(assess_portfolio(example_portfolio())).to_records()[0]
        >>> record["paragraph"], record["status"], record["rules"]
        ('G1(a)', 'met', 'VI110, VI215, VI217')
        """
        return [
            {
                "guideline": p.guideline,
                "paragraph": p.ref,
                "summary": p.summary,
                "status": p.status.value,
                "affected": len(p.affected),
                "findings": p.findings,
                "key_finding": _brief(p.key_finding),
                "rules": ", ".join(p.rules),
                "fired": ", ".join(p.fired),
            }
            for p in self.paragraphs
        ]

    def to_frame(self) -> Any:  # noqa: ANN401 -- pandas is optional, so its type is not importable
        """Return the rows as a pandas DataFrame (needs the ``pandas`` extra).

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> frame = scorecard(assess_portfolio(example_portfolio())).to_frame()
        >>> frame.set_index("paragraph").loc["G5(b)", "status"]
        'not met'
        """
        return pandas().DataFrame.from_records(self.to_records(), columns=list(_COLUMNS))

    def to_data(self) -> dict[str, Any]:
        """Return the scorecard as JSON-ready data: guidelines, then their rows.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> data = scorecard(assess_portfolio(example_portfolio())).to_data()
        >>> data["guidelines"][4]["paragraphs"][1]["status"]
        'not met'
        """
        return {
            "subject": self.subject,
            "on": self.on.isoformat(),
            "ruleset": self.ruleset,
            "guidelines": [
                {
                    "guideline": g.ref,
                    "title": g.title,
                    "status": g.status.value,
                    "rules": list(g.rules),
                    "affected": list(g.affected),
                    "key_finding": _finding_data(g.key_finding),
                    "beside": list(g.beside),
                    "beside_fired": list(g.beside_fired),
                    "paragraphs": [
                        {
                            "paragraph": p.ref,
                            "summary": p.summary,
                            "status": p.status.value,
                            "rules": list(p.rules),
                            "fired": list(p.fired),
                            "affected": list(p.affected),
                            "findings": p.findings,
                            "key_finding": _finding_data(p.key_finding),
                        }
                        for p in self.paragraphs
                        if p.guideline == g.ref
                    ],
                }
                for g in self.guidelines
            ],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the scorecard as JSON (see :meth:`to_data`).

        >>> from valuing_involvement import check_contract, example_contracts
        >>> scorecard(check_contract(example_contracts()[0])).to_json()[:27]
        '{"subject": "Lowmoor Voices'
        """
        return json.dumps(self.to_data(), ensure_ascii=False, indent=indent)

    def __str__(self) -> str:
        """Render the scorecard as text: one block per guideline, one line per row."""
        return self.text()

    def text(self, *, names: Mapping[str, str] | None = None) -> str:
        """Render the scorecard as text; ``names`` labels the agreements a row affects.

        ``names`` maps subjects (``$.contracts[i]``) to labels such as an agreement's reference
        and group: each row with findings then lists the agreements it affects, and its key
        finding says whose it is.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> card = scorecard(assess_portfolio(example_portfolio()))
        >>> text = card.text(names={"$.contracts[1]": "LJC-2007-021 (Carers Together)"})
        >>> row = text[text.index(" G4(c) ") :].splitlines()
        >>> row[1].split(" $.")[0]
        '      1 agreement; most: VI404 LJC-2007-021 (Lowmoor Carers Together)'
        >>> row[2]
        '      agreements: LJC-2007-021 (Carers Together)'
        """
        lines = [f"{self.subject}: scorecard for {self.on.isoformat()}, ruleset {self.ruleset}"]
        width = max((len(p.ref) for p in self.paragraphs), default=2)
        for g in self.guidelines:
            lines.append("")
            lines.append(f"{g.ref} {g.title}: {g.status.value.upper()}")
            for p in self.paragraphs:
                if p.guideline != g.ref:
                    continue
                head = f"  {p.status.mark} {p.ref:<{width}} {p.status.value:<10} {p.summary}"
                lines.append(head)
                if p.key_finding is not None:
                    affected = _count(p.affected, self.whole)
                    key = _brief(p.key_finding, subject=names is not None)
                    lines.append(f"      {affected}; most: {key}")
                    if names:
                        lines.extend(_named(p.affected, names))
                lines.append(f"      rests on {', '.join(p.rules)}")
            if g.beside:
                fired = f"; fired: {', '.join(g.beside_fired)}" if g.beside_fired else ""
                lines.append(f"  beside, not deciding: {', '.join(g.beside)}{fired}")
        counts = {s: sum(1 for p in self.paragraphs if p.status is s) for s in Status}
        lines.append("")
        lines.append(
            "rows: "
            + ", ".join(f"{n} {s.value}" for s, n in counts.items())
            + "  (marks: + met, ~ partly met, ? not known, x not met)"
        )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Render the scorecard as an HTML table for notebooks, every cell escaped."""
        head = "".join(f"<th>{name}</th>" for name in _HTML_COLUMNS)
        rows = []
        for p in self.paragraphs:
            cells = (
                p.ref,
                f"{p.status.mark} {p.status.value}",
                p.summary,
                _count(p.affected, self.whole),
                _brief(p.key_finding),
                ", ".join(p.rules),
            )
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        caption = html.escape(
            f"{self.subject}, scorecard for {self.on.isoformat()}: "
            + ", ".join(f"{g.ref} {g.status.value}" for g in self.guidelines)
        )
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


_COLUMNS = (
    *("guideline", "paragraph", "summary", "status", "affected"),
    *("findings", "key_finding", "rules", "fired"),
)
_HTML_COLUMNS = ("paragraph", "status", "what it asks", "affected", "matters most", "rules")


def _finding_data(finding: Finding | None) -> dict[str, Any] | None:
    if finding is None:
        return None
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "message": finding.message,
        "citations": list(finding.citations),
    }


def _scored(
    rows: Mapping[str, list[Rule[Any]]],
    findings: Sequence[Finding],
    *,
    single: bool,
    unjudged: frozenset[str],
    unjudged_in: Mapping[str, frozenset[str]],
) -> list[ParagraphScore]:
    scores = []
    for ref, rules in rows.items():
        codes = tuple(sorted(rule.code for rule in rules))
        behind = [f for f in findings if f.code in codes]
        by_subject: dict[str, Status] = {}
        for finding in behind:
            subject, status = agreement_of(finding.path), effect(finding)
            if subject not in by_subject or status.rank > by_subject[subject].rank:
                by_subject[subject] = status
        statuses = dict(by_subject)
        for subject, cannot in unjudged_in.items():
            reading = {r.code for r in rules if _reads(r, subject, single=single)}
            if reading and reading <= cannot and subject not in statuses:
                statuses[subject] = Status.NOT_KNOWN  # silence on unrecorded facts: no answer
        key = _worst(behind)
        scores.append(
            ParagraphScore(
                ref=ref,
                summary=GUIDELINES[ref].summary,
                status=max(
                    Status.MET if key is None else effect(key),
                    _silent(codes, unjudged),
                    key=lambda status: status.rank,
                ),
                rules=codes,
                fired=tuple(sorted({f.code for f in behind})),
                affected=tuple(sorted(by_subject, key=_subject_order)),
                findings=len(behind),
                key_finding=key,
                by_subject=dict(sorted(statuses.items(), key=lambda i: _subject_order(i[0]))),
                applies_to=frozenset(
                    "agreement" if rule.subject in _CONTRACT_SUBJECTS and not single else "whole"
                    for rule in rules
                ),
            )
        )
    return scores


def _reads(rule: Rule[Any], subject: str, *, single: bool) -> bool:
    """Whether ``rule`` reads ``subject``: an agreement rule an agreement, any other the whole."""
    if single:
        return True
    return (rule.subject in _CONTRACT_SUBJECTS) is (subject != WHOLE)


def _silent(codes: Sequence[str], unjudged: frozenset[str]) -> Status:
    # A row whose rules all could not judge for want of facts has shown nothing: at best not
    # known (the worst of this and its findings, so adding a finding never improves it).
    return Status.NOT_KNOWN if set(codes) <= unjudged else Status.MET


def _subject_order(subject: str) -> tuple[int, int]:
    match = AGREEMENT.match(subject)
    return (0, -1) if match is None else (1, int(match.group(1)))


class Scoreable(Protocol):
    """What :func:`scorecard` and :func:`rule_statistics` read: a report or an assessment."""

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings not waived."""
        ...  # pragma: no cover - a protocol

    def scorecard(self, *, registry: Registry = ...) -> Scorecard:
        """Summarise the findings by guideline."""
        ...  # pragma: no cover - a protocol

    def statistics(self, *, registry: Registry = ...) -> Statistics:
        """Count the active findings by rule."""
        ...  # pragma: no cover - a protocol


def scorecard(source: Scoreable, *, registry: Registry = RULES) -> Scorecard:
    """Summarise an :class:`~valuing_involvement.Assessment` or a :class:`Report` by guideline.

    Each row of :data:`ROWS` that some rule of ``registry`` rests on gets a
    :class:`Status` from the active findings of those rules (see the module's docstring).  A
    report of one agreement is scored on the agreement rules alone, so the rows about the
    commissioner, its strategy and involvement are left out rather than shown as met.

    >>> from valuing_involvement import check_contract, example_contracts
    >>> card = scorecard(check_contract(example_contracts()[2]))
    >>> card.row("G1(b)").status.value, card.row("G1(b)").fired
    ('not met', ('VI101',))
    >>> "G5(b)" in [p.ref for p in card.paragraphs]
    False
    """
    return source.scorecard(registry=registry)


def score(  # noqa: PLR0913 -- what a scorecard states about its source, keyword-only
    findings: Iterable[Finding],
    *,
    subject: str,
    on: dt.date,
    ruleset: str,
    agreements: int | None,
    registry: Registry = RULES,
    unjudged: Iterable[str] = (),
    unjudged_by_agreement: Sequence[Iterable[str]] = (),
) -> Scorecard:
    """Score active ``findings`` by guideline: the engine behind every scorecard.

    ``agreements`` is ``None`` for one agreement's report (scored on the agreement rules
    alone), or the number of agreements of a portfolio assessment.  ``unjudged`` names the
    rules that could not judge for want of facts: a row resting only on them, with no
    finding, is *not known*, never *met*.  ``unjudged_by_agreement`` names, agreement by
    agreement of a portfolio, the agreement rules that could not judge it: a row's status for
    an agreement whose rules all could not judge it is *not known* too
    (:meth:`ParagraphScore.status_of`); likewise ``unjudged`` for the whole.

    >>> score([], subject="x", on=dt.date(2007, 4, 1), ruleset="r", agreements=2).subjects
    ('$', '$.contracts[0]', '$.contracts[1]')
    """
    single = agreements is None
    rows: dict[str, list[Rule[Any]]] = {ref: [] for ref in ROWS}
    beside: dict[str, list[str]] = {ref: [] for ref in TITLES}
    for rule in registry:
        if single and rule.subject not in _CONTRACT_SUBJECTS:
            continue
        for ref in paragraphs_of(rule):
            rows[ref].append(rule)
        guideline = beside_of(rule)
        if guideline is not None:
            beside[guideline].append(rule.code)
    in_scope = {ref: rules for ref, rules in rows.items() if rules}
    active = [f for f in findings if f.code in registry]
    cannot = frozenset(unjudged)
    unjudged_in = {WHOLE: cannot} | {
        f"$.contracts[{i}]": frozenset(codes) for i, codes in enumerate(unjudged_by_agreement)
    }
    paragraphs = _scored(in_scope, active, single=single, unjudged=cannot, unjudged_in=unjudged_in)
    guidelines = []
    for ref, title in TITLES.items():
        own = [p for p in paragraphs if p.guideline == ref]
        if not own:
            continue
        worst = max(own, key=lambda p: p.status.rank)
        keys = [p.key_finding for p in own if p.key_finding is not None]
        shown = tuple(sorted(beside[ref]))
        guidelines.append(
            GuidelineScore(
                ref=ref,
                title=title,
                status=worst.status,
                rules=tuple(sorted({code for p in own for code in p.rules})),
                affected=tuple(sorted({s for p in own for s in p.affected}, key=_subject_order)),
                key_finding=_worst(keys),
                beside=shown,
                beside_fired=tuple(sorted({f.code for f in active if f.code in shown})),
            )
        )
    subjects = (WHOLE, *(f"$.contracts[{i}]" for i in range(agreements or 0)))
    return Scorecard(
        subject=subject,
        on=on,
        ruleset=ruleset,
        guidelines=tuple(guidelines),
        paragraphs=tuple(paragraphs),
        subjects=subjects,
    )
