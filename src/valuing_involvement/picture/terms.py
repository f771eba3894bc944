"""The matcher's table of terms: which words select a grant to a mental health group.

Each :class:`Term` is a case-insensitive regular expression, matched on whole words, in the
fields it names, with a weight.  A grant whose distinct terms weigh :data:`THRESHOLD` or more
is selected: a weight-2 term is enough on its own (``mind`` in the recipient's name), a
weight-1 term needs another (``peer support`` and ``mental health`` in the description).  Every
selection keeps the terms that made it, so a reader can see why.

The table is data: pass your own (:func:`read_terms` reads one from CSV with the columns
``pattern,weight,fields,note``) or extend :data:`TERMS` with ``TERMS + (Term(...),)``.

>>> [t.pattern for t in TERMS if t.fields == frozenset({"recipient"})][:3]
['mind', 'rethink', 'hearing voices']
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from pathlib import Path

import attrs
from attrs.validators import ge, le

__all__ = ["FIELDS", "TERMS", "THRESHOLD", "Term", "read_terms"]

#: The published fields a term can look in: the recipient's name, the grant's title and
#: description, its classifications (code and title) and its programme (code and title).
FIELDS = frozenset({"recipient", "title", "description", "classification", "programme"})
#: The weight that selects a grant.
THRESHOLD = 2

_TEXT = frozenset({"title", "description", "classification", "programme"})
_ALL = FIELDS


def _fields(items: Iterable[str]) -> frozenset[str]:
    value = frozenset(items)
    unknown = value - FIELDS
    if unknown or not value:
        raise ValueError(f"fields must be some of {sorted(FIELDS)}, not {sorted(unknown)}")
    return value


def _pattern(_instance: object, _attribute: object, value: str) -> None:
    if not value:
        raise ValueError("a term needs a pattern")
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a regular expression: {value!r} ({error})") from None


@attrs.frozen(kw_only=True)
class Term:
    """One row of the table: a pattern, the fields it looks in, its weight and why it is there.

    >>> Term(pattern="mental health", weight=2, fields=frozenset({"recipient"})).weight
    2
    """

    pattern: str = attrs.field(validator=_pattern)
    weight: int = attrs.field(validator=attrs.validators.and_(ge(1), le(9)))
    fields: frozenset[str] = attrs.field(converter=_fields)
    note: str = ""

    def compiled(self) -> re.Pattern[str]:
        """The pattern as matched: whole words, any case."""
        return re.compile(rf"(?<!\w)(?:{self.pattern})(?!\w)", re.IGNORECASE)


def _t(pattern: str, weight: int, fields: frozenset[str], note: str) -> Term:
    return Term(pattern=pattern, weight=weight, fields=fields, note=note)


_R = frozenset({"recipient"})

#: The shipped table.  Weight 2 selects alone; weight 1 needs another term.
TERMS: tuple[Term, ...] = (
    # the recipient's name: who the group is
    _t("mind", 2, _R, "local Mind associations carry the name"),
    _t("rethink", 2, _R, "Rethink Mental Illness groups"),
    _t("hearing voices", 2, _R, "hearing voices groups"),
    _t("mental health|mental illness|mental wellbeing", 2, _R, "named for mental health"),
    _t("eating (?:distress|disorders?)", 2, _ALL, "eating distress and eating disorders"),
    _t("self[- ]?(?:injury|harm)", 2, _ALL, "self-injury and self-harm"),
    _t("bipolar|schizophreni\\w*|psychosis|personality disorder", 2, _ALL, "named conditions"),
    _t("psychiatric", 2, _ALL, "psychiatric care or survivors of it"),
    _t("psychotherapy|psychotherapeutic", 2, _ALL, "psychological therapy services"),
    _t("therapy centre|counselling service", 2, _ALL, "therapy and counselling services"),
    # the grant's text: whom the work is for
    _t(
        "mental health (?:problems?|issues?|needs?|difficult(?:y|ies)|conditions?|recovery)",
        2,
        _TEXT,
        "people with mental health problems",
    ),
    _t(
        "mental ill[- ]?health|mental illness|mental distress|poor mental health",
        2,
        _TEXT,
        "mental ill health",
    ),
    _t(
        "mental health (?:service users?|carers?|advocacy|forum|network|project|service|workers?)",
        2,
        _TEXT,
        "mental health groups, services and posts",
    ),
    _t("depression|anxiety", 1, _ALL, "common mental health conditions"),
    _t("mental health|mental well[- ]?being", 1, _TEXT, "mentions mental health"),
    _t("emotional distress", 1, _TEXT, "distress"),
    _t("psychological|therapeutic|therapy|counselling", 1, _ALL, "psychological support"),
    # what kind of group: users, carers, peers
    _t("peer support|peer[- ]led|user[- ]led|self[- ]help|service users?", 1, _ALL, "led by peers"),
    _t("carers?", 1, _ALL, "carers"),
    _t("recovery|recovering", 1, _TEXT, "recovery"),
)


def read_terms(path: str | os.PathLike[str]) -> tuple[Term, ...]:
    r"""Read a table of terms from CSV: ``pattern,weight,fields,note`` (fields split by ``;``).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("pattern,weight,fields,note\nhearing voices,2,recipient;title,HV\n")
    >>> read_terms(f.name)[0].fields == frozenset({"recipient", "title"})
    True
    """
    with Path(path).open(newline="", encoding="utf-8") as handle:
        return tuple(
            Term(
                pattern=row["pattern"],
                weight=int(row["weight"]),
                fields=[part.strip() for part in str(row["fields"]).split(";")],
                note=row.get("note") or "",
            )
            for row in csv.DictReader(handle)
        )
