"""The values chapter 2's tables are made of (private: :mod:`.chapter2` exports them)."""

from __future__ import annotations

import decimal

import attrs

from valuing_involvement.survey.measures import Denominator
from valuing_involvement.survey.questionnaires import RespondentKind

__all__ = ["FreeText", "Line", "OwnView", "Range", "Report", "Table"]


@attrs.frozen(kw_only=True)
class Line:
    """One category of a table: how many now, and in 2007 (``None``: the source does not say)."""

    category: str
    count: int
    reference: int | None


@attrs.frozen(kw_only=True)
class Table:
    """One measure counted: ``total`` now, ``reference_total`` in 2007, of the same kind."""

    key: str
    citation: str
    description: str
    source: str
    denominator: Denominator
    base: str
    total: int
    reference_total: int
    lines: tuple[Line, ...]


@attrs.frozen(kw_only=True)
class Range:
    """The commissioners' direct spend a year (``Q15a``): lowest and highest, beside 2007."""

    key: str
    citation: str
    description: str
    count: int
    low: decimal.Decimal | None
    high: decimal.Decimal | None
    reference_low: decimal.Decimal
    reference_high: decimal.Decimal
    reference_base: str


@attrs.frozen(kw_only=True)
class OwnView:
    """How many groups gave one view of themselves (``Q1``) and got one class from their facts."""

    own_view: str
    computed: str
    count: int


@attrs.frozen(kw_only=True)
class FreeText:
    """One free-text answer, shown only when asked for."""

    kind: RespondentKind
    question: str
    respondent: str
    text: str


@attrs.frozen(kw_only=True)
class Report:
    """The fields of :class:`~valuing_involvement.survey.Chapter2`, which adds its renderings."""

    groups: int
    commissioners: int
    tables: tuple[Table, ...]
    budget: Range | None
    own_view: tuple[OwnView, ...]
    free_text: tuple[FreeText, ...] = ()
