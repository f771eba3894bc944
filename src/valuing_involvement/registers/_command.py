"""What the command line needs from a register, as small functions it calls (private).

* :func:`load` reads the groups, agreements or portfolio a command wants from a register of
  any file name, and refuses (never passes silently) a register that holds none of them;
* :func:`column_map` reads a ``--columns map.toml`` of a commissioner's own column titles;
* :func:`agreement_names` and :func:`agreement_labels` name a scorecard's agreements by
  reference and group, for its text and its ``--plot`` picture;
* :func:`refuse_overwrite` guards ``template DIR`` against replacing a filled register.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from valuing_involvement.contracts import Contract
from valuing_involvement.errors import Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers import _csv
from valuing_involvement.registers._model import InvalidRegister, Register
from valuing_involvement.registers._read import DEFAULT_MAX_INPUT, read_register, sheet_kind

__all__ = ["agreement_labels", "agreement_names", "column_map", "load", "where"]

_WANTED: Mapping[type, str] = {Group: "groups", Contract: "agreements", Portfolio: "portfolio"}
_MAX_MAP = 1 << 20  # bytes of a column map
_MAX_ENTRIES = 10_000


def _refuse(source: str, message: str, code: str = "invalid") -> InvalidRegister:
    return InvalidRegister([Problem(location=(source,), code=code, message=message)], source=source)


def _neighbours(path: Path, kinds: Sequence[str], max_input: int) -> list[Path]:
    """The other CSV files beside ``path`` whose columns are of one of ``kinds``."""
    found = []
    for file in sorted(path.parent.iterdir()):
        if file != path and file.suffix.lower() == ".csv" and file.is_file():
            try:
                if sheet_kind(file, max_input) in kinds:
                    found.append(file)
            except (OSError, ValueError):
                continue
    return found


def _describe(register: Register) -> str:
    held = [
        f"{len(items)} {name}"
        for name, items in (("groups", register.groups), ("agreements", register.contracts))
        if items
    ]
    if register.portfolio is not None:
        held.append("a portfolio row")
    return ", ".join(held) if held else "no rows"


def load(
    source: str,
    cls: type[Any],
    *,
    as_: str | None = None,
    columns: Mapping[str, str] | None = None,
    max_input: int = DEFAULT_MAX_INPUT,
) -> tuple[list[Any], Register]:
    """The documents of kind ``cls`` (Group, Contract, Portfolio) a register holds, and it.

    Agreements are read with the groups sheets beside them (the CSV files in the same folder
    whose columns are a groups sheet's) and each gets the group it names; a portfolio is read
    with every register sheet beside it.  A register holding none of what was asked for is
    an :class:`InvalidRegister` saying what it does hold; a sheet of the right kind with no rows
    (a fresh template) gives an empty list.

    >>> import tempfile, pathlib
    >>> from valuing_involvement import example_portfolio
    >>> from valuing_involvement.registers import write_register
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_register(example_portfolio(), folder)
    >>> try:
    ...     load(str(folder / "agreements.csv"), Group)
    ... except InvalidRegister as exc:
    ...     print(exc.lines()[0])
    agreements.csv: holds no groups (it holds 4 agreements): give this command a groups sheet
    """
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(source)
    paths = [path]
    if path.suffix.lower() != ".xlsx" and path.is_file():
        if cls is Portfolio:
            paths += _neighbours(path, ("groups", "agreements", "portfolio"), max_input)
        elif cls is Contract:
            paths += _neighbours(path, ("groups",), max_input)
    register = read_register(*paths, as_=as_, columns=columns, max_input=max_input)
    name = path.name
    wanted = _WANTED[cls]
    if cls is Portfolio:
        if register.portfolio is None:
            raise _refuse(
                name,
                "no portfolio row says whose register it is (a portfolio sheet or file with "
                f"the commissioner's name); it holds {_describe(register)}",
                "missing",
            )
        return [register.portfolio], register
    items: list[Any] = list(register.groups if cls is Group else register.contracts)
    if wanted not in register.sheets:
        raise _refuse(
            name,
            f"holds no {wanted} (it holds {_describe(register)}): give this command "
            f"{'an' if wanted[0] in 'aeiou' else 'a'} {wanted} sheet",
        )
    if cls is Contract:
        by_reference = {group.reference: group for group in register.groups}
        items = [
            attrs.evolve(contract, group=by_reference[contract.group_reference])
            if contract.group is None and contract.group_reference in by_reference
            else contract
            for contract in items
        ]
    return items, register


def column_map(path: str | Path, *, max_input: int = _MAX_MAP) -> dict[str, str]:
    r"""A commissioner's own column titles mapped onto the library's, from a TOML file.

    The file has one table, ``[columns]``, of ``"your title" = "the library's title"``.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "map.toml"
    >>> _ = file.write_text('[columns]\n"Org" = "Group name"\n"Type" = "Who the group is for"\n')
    >>> column_map(file)
    {'Org': 'Group name', 'Type': 'Who the group is for'}
    """
    data = _csv.read_limited(Path(path), max_input)
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _refuse(Path(path).name, f"is not a TOML column map: {exc}") from None
    table = parsed.get("columns")
    if (
        set(parsed) != {"columns"}
        or not isinstance(table, dict)
        or len(table) > _MAX_ENTRIES
        or not all(isinstance(value, str) for value in table.values())
    ):
        raise _refuse(
            Path(path).name,
            'a column map has one table, [columns], of "your title" = "the library\'s title"',
        )
    return dict(table)


def agreement_labels(portfolio: Portfolio, subjects: Sequence[str]) -> list[str]:
    """Labels for a scorecard's subjects: ``portfolio``, then each agreement's reference and group.

    An agreement with no reference is named by its position.

    >>> from valuing_involvement import example_portfolio
    >>> agreement_labels(example_portfolio(), ["$", "$.contracts[0]"])
    ['portfolio', 'LJC-2007-014 (Lowmoor Voices)']
    """
    names = agreement_names(portfolio)
    return [names.get(subject, "portfolio") for subject in subjects]


def agreement_names(portfolio: Portfolio) -> dict[str, str]:
    """Each agreement's subject (``$.contracts[i]``) named by its reference and group's name.

    >>> from valuing_involvement import example_portfolio
    >>> agreement_names(example_portfolio())["$.contracts[1]"]
    'LJC-2007-021 (Lowmoor Carers Together)'
    """
    names = {}
    for index, contract in enumerate(portfolio.contracts):
        group = portfolio.group_of(contract)
        name = contract.reference or f"agreement {index + 1}"
        names[f"$.contracts[{index}]"] = name if group is None else f"{name} ({group.name})"
    return names


def where(register: Register, path: str) -> str:
    """A finding's JSON path as the place in the register, or the path when it has none.

    >>> where(Register(), "$.strategy")
    '$.strategy'
    """
    return register.where(path) or path
