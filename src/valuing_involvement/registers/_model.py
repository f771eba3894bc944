"""What a register holds, and the error naming where a register is wrong (private)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from valuing_involvement._validators import all_instances, instance_of, optional, to_tuple
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import FieldValueError, InvalidInput, Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio

__all__ = ["InvalidRegister", "Register"]

_PATH = re.compile(r"\$\.(groups|contracts)\[([0-9]+)\](.*)")
_PORTFOLIO_PATH = re.compile(r"\$\.([a-z_]+(?:[.\[].*)?)")


class InvalidRegister(InvalidInput):
    """A register that cannot be read: every problem, each naming its file, sheet, row, column.

    Each problem's ``location`` is ``(sheet, row, column)``, with rows numbered as a spreadsheet
    numbers them (the header is row 1); ``lines()`` gives them as people read them.

    >>> error = InvalidRegister(
    ...     [Problem(location=("groups.csv", 7, "constituency"), code="not-allowed",
    ...              message="expected one of ...")], source="groups.csv")
    >>> error.lines()
    ['groups.csv row 7, column constituency: expected one of ...']
    """

    def __init__(
        self, problems: Iterable[Problem], *, source: str, files: Mapping[str, str] | None = None
    ) -> None:
        self.source = source
        self.files = dict(files or {})
        super().__init__(problems, target=source)

    def line(self, problem: Problem) -> str:
        """One problem as ``SHEET row N, column TITLE: message``.

        The sheet is a CSV file's name or ``WORKBOOK[SHEET]``.

        >>> problem = Problem(location=("register.xlsx[agreements]", 2, "Kind of agreement"),
        ...                   code="missing", message="m")
        >>> InvalidRegister([problem], source="register.xlsx").line(problem)
        'register.xlsx[agreements] row 2, column Kind of agreement: m'
        """
        sheet, *rest = problem.location or (self.source,)
        where = self.files.get(str(sheet), str(sheet))
        if rest and type(rest[0]) is int:
            where += f" row {rest[0]}"
        if len(rest) > 1:
            where += f", column {rest[1]}"
        return f"{where}: {problem.message}"

    def lines(self) -> list[str]:
        """Every problem as a line naming where it is.

        >>> problem = Problem(location=("groups", 1, "colour"), code="unknown-field", message="m")
        >>> InvalidRegister([problem], source="d", files={"groups": "groups.csv"}).lines()
        ['groups.csv row 1, column colour: m']
        """
        return [self.line(problem) for problem in self.problems]

    def _describe(self) -> str:
        return "\n".join(self.lines())


def _column(titles: Mapping[str, str], rest: str) -> str | None:
    """The title of the column holding the path ``rest`` within a row, or its part's first."""
    if not rest:
        return None
    if rest in titles:
        return titles[rest]
    first = next(
        (title for key, title in titles.items() if key.startswith((f"{rest}.", f"{rest}["))),
        None,
    )
    if first is not None:
        return first
    within = [key for key in titles if rest.startswith((f"{key}.", f"{key}["))]
    return titles[max(within, key=len)] if within else None


def _unique_references(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[Group, ...]
) -> None:
    seen: set[str] = set()
    for group in value:
        if group.reference is not None:
            if group.reference in seen:
                raise FieldValueError(
                    attribute.name, f"two groups share the reference {group.reference!r}"
                )
            seen.add(group.reference)


@attrs.frozen(kw_only=True)
class Register:
    """What a register holds: groups, agreements and, from its ``portfolio`` sheet, a portfolio.

    ``portfolio`` is ``None`` when the register has no portfolio sheet; when it has one, the
    portfolio holds the register's groups and agreements.  Two groups may not share a
    reference, as in a portfolio.

    >>> Register(groups=[], contracts=[]).portfolio is None
    True
    """

    groups: tuple[Group, ...] = attrs.field(
        default=(), converter=to_tuple, validator=[all_instances(Group), _unique_references]
    )
    contracts: tuple[Contract, ...] = attrs.field(
        default=(), converter=to_tuple, validator=all_instances(Contract)
    )
    portfolio: Portfolio | None = attrs.field(
        default=None, validator=optional(instance_of(Portfolio))
    )
    #: What the reader would have you know: the encoding of each CSV file, skipped rows.
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, eq=False, repr=False)
    #: The kinds of sheet read (``groups``, ``agreements``, ``portfolio``), even when empty.
    sheets: frozenset[str] = attrs.field(default=frozenset(), eq=False, repr=False)
    #: Where each group and agreement came from: ``(source, row, {field: column title})``.
    places: Mapping[str, tuple[tuple[str, int, Mapping[str, str]], ...]] = attrs.field(
        factory=dict, eq=False, repr=False
    )

    def where(self, path: str) -> str | None:
        """Where a finding's JSON path sits in the register: file or sheet, row, column title.

        A path into a group or agreement is placed on its row, and any other path into a
        portfolio on the portfolio row.  A path to a part held in several columns (an
        agreement's ``period``, a KPI) names the first of them.  ``None`` for a path the
        register has no row for, or a register not read from a spreadsheet.

        >>> places = {"agreements": (("agreements.csv", 5, {"funded_as": "Funded as",
        ...     "period.start": "Starts on", "period.end": "Ends on"}),)}
        >>> register = Register(places=places)
        >>> register.where("$.contracts[0].funded_as")
        'agreements.csv row 5, column Funded as'
        >>> register.where("$.contracts[0].period")
        'agreements.csv row 5, column Starts on'
        >>> register.where("$.contracts[0]")
        'agreements.csv row 5'
        >>> register.where("$.contracts[0].funded_as_of")  # no such column: the row alone
        'agreements.csv row 5'
        >>> Register(places={"portfolio": (("portfolio.csv", 2, {"strategy.covers":
        ...     "Strategy covers"}),)}).where("$.strategy.covers")
        'portfolio.csv row 2, column Strategy covers'
        """
        match = _PATH.fullmatch(path)
        if match is not None:
            sheet = "groups" if match[1] == "groups" else "agreements"
            index, rest = int(match[2]), match[3].lstrip(".")
        else:
            match = _PORTFOLIO_PATH.fullmatch(path)
            if match is None or match[1].startswith(("groups", "contracts")):
                return None
            sheet, index, rest = "portfolio", 0, match[1]
        rows = self.places.get(sheet, ())
        if index >= len(rows):
            return None
        source, row, titles = rows[index]
        where = f"{source} row {row}"
        if sheet == "agreements" and (rest == "group" or rest.startswith(("group.", "group["))):
            group = self._group_of(index)
            if group is not None:  # a finding on an agreement's group: the group's own row
                return self.where(f"$.groups[{group}]{rest[len('group') :]}")
        column = _column(titles, rest)
        return where if column is None else f"{where}, column {column}"

    def _group_of(self, index: int) -> int | None:
        """The position of the group an agreement names, if the register holds it."""
        if index >= len(self.contracts):
            return None
        reference = self.contracts[index].group_reference
        return next(
            (
                n
                for n, group in enumerate(self.groups)
                if reference and group.reference == reference
            ),
            None,
        )

    @classmethod
    def of(cls, portfolio: Portfolio) -> Register:
        """The register of a portfolio: its groups, its agreements, and the rest.

        >>> from valuing_involvement import example_portfolio
        >>> len(Register.of(example_portfolio()).groups)
        5
        """
        return cls(groups=portfolio.groups, contracts=portfolio.contracts, portfolio=portfolio)
