"""One cell's text as the JSON value its column wants: forgiving where safe, strict elsewhere.

Yes/no columns take ``yes``, ``no``, ``y``, ``n``, ``true``, ``false``, ``1``, ``0``, a tick
and a cross; lists of values take ``;`` or ``,`` between them; a fixed set of values takes a
value's words (``Service users``) or its code (``service_users``); money takes ``£12,000``
and ``12000.00``; dates take ``2008-04-01`` or the UK's ``01/04/2008``.  Anything that would
be a guess (``x``, a two-digit year) is refused with what to write instead (private).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
from collections.abc import Callable
from typing import Any

from valuing_involvement._csvcell import unsafe
from valuing_involvement.registers._schema import Node

__all__ = ["EMPTY_LIST", "CellError", "allowed", "text_of", "value", "words"]

EMPTY_LIST = "(none)"
SEPARATOR = "; "
_QUOTES = re.compile(r'^"*$')
_TRUE = frozenset({"yes", "y", "true", "1", "✓", "✔", "☑"})
_FALSE = frozenset({"no", "n", "false", "0", "✗", "✘", "☐"})
_WHOLE = re.compile(r"[0-9]{1,9}(?:\.0+)?")
_MONEY = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,15})(?:\.[0-9]{1,15})?")
_FRACTION = re.compile(r"\.[0-9]{1,15}")  # .5, as a share may be written
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]00:00(?::00)?)?")
_UK = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
_SHORT = re.compile(r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}")
_WORD_GAPS = re.compile(r"[\s_\-]+")
_SHOWN = 40  # characters of a bad cell quoted back
_ACRONYMS = {"nhs": "NHS", "ict": "ICT", "pct": "PCT"}


class CellError(ValueError):
    """A cell that cannot be read: a problem code and a message for the person at the sheet."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _shown(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "...")


@functools.lru_cache(maxsize=1024)
def words(code: str) -> str:
    """A value's code in words, as a register shows it.

    >>> words("service_users_and_carers"), words("nhs_trust")
    ('Service users and carers', 'NHS trust')
    """
    text = code.replace("_", " ").capitalize()
    return " ".join(_ACRONYMS.get(word.casefold(), word) for word in text.split(" "))


def _code(node: Node, text: str) -> str:
    found = _choice(node.choices, text)
    if found is not None:
        return found
    allowed = ", ".join(words(choice) for choice in node.choices)
    raise CellError(
        "not-allowed", f"{_shown(text)} is not one of the choices: write one of {allowed}"
    )


@functools.lru_cache(maxsize=4096)
def _choice(choices: tuple[str, ...], text: str) -> str | None:
    """The code among ``choices`` that ``text`` names by its words or code, if any."""
    key = _WORD_GAPS.sub("_", text.strip().casefold())
    return next(
        (c for c in (key, key.removesuffix("s"), key + "s") if c in choices),
        None,
    )


def _date(text: str) -> str:
    stripped = text.strip()
    iso = _ISO.fullmatch(stripped)
    uk = _UK.fullmatch(stripped)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if uk:
            return dt.date(int(uk[3]), int(uk[2]), int(uk[1])).isoformat()
    except ValueError:
        pass
    if _SHORT.fullmatch(stripped):
        raise CellError(
            "invalid",
            f"{_shown(text)} has a two-digit year, which could be any century: write the year in "
            "full, such as 15/03/2008 (day first) or 2008-03-15",
        )
    raise CellError(
        "invalid",
        f"{_shown(text)} is not a date: write one such as 01/04/2008 (day first) or 2008-04-01",
    )


def _money(text: str) -> str:
    stripped = text.strip().removeprefix("£").strip()
    if stripped.upper().startswith("GBP"):
        stripped = stripped[3:].strip()
    if _MONEY.fullmatch(stripped):
        return stripped.replace(",", "")
    raise CellError("invalid", f"{_shown(text)} is not an amount: write a number such as 12000")


def _number(text: str, *, share: bool) -> str:
    """A number, or a share of a whole: ``0.12`` or ``12%``."""
    stripped = text.strip()
    percent = share and stripped.endswith("%")
    digits = stripped.removesuffix("%").strip() if percent else stripped
    if _MONEY.fullmatch(digits) or _FRACTION.fullmatch(digits):
        number = ("0" if digits.startswith(".") else "") + digits.replace(",", "")
        return str(decimal.Decimal(number).scaleb(-2)) if percent else number
    if share:
        raise CellError(
            "invalid",
            f"{_shown(text)} is not a share: write a fraction such as 0.12 or a percentage "
            "such as 12%",
        )
    raise CellError("invalid", f"{_shown(text)} is not a number: write one such as 120")


_READERS: dict[str, Callable[[str], str]] = {
    "money": _money,
    "fraction": functools.partial(_number, share=True),
    "number": functools.partial(_number, share=False),
    "date": _date,
}


def value(node: Node, text: str, *, csv: bool = False) -> Any:  # noqa: C901, PLR0911 -- per kind
    """The JSON value of one cell's text; the loader checks it further.

    ``csv`` says the text came from a CSV file, whose cells the library's writer protects
    against formula injection (see ``_csvcell``).

    >>> value(Node("bool"), " Yes "), value(Node("money"), "£12,000.50")
    (True, '12000.50')
    >>> value(Node("enum-list", choices=("money", "personnel", "policy")), "Money, policy")
    ['money', 'policy']
    >>> value(Node("date"), "01/04/2008")
    '2008-04-01'
    >>> value(Node("fraction"), "12%"), value(Node("fraction"), "0.12")
    ('0.12', '0.12')
    """
    if node.kind == "enum-list":
        if text.strip() == EMPTY_LIST:
            return []
        return [_code(node, part) for part in re.split(r"[;,]", text) if part.strip()]
    if node.kind == "bool":
        lowered = text.strip().casefold()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise CellError("wrong-type", f"{_shown(text)} is not yes or no: write yes or no")
    if node.kind == "int":
        stripped = text.strip()
        if _WHOLE.fullmatch(stripped):
            return int(stripped.split(".", 1)[0])
        raise CellError("wrong-type", f"{_shown(text)} is not a whole number: write one such as 3")
    read = _READERS.get(node.kind)
    if read is not None:
        return read(text)
    if node.kind == "enum":
        return _code(node, text)
    if csv:
        text = unsafe(text)
    if node.kind == "free-text" and _QUOTES.match(text) and len(text) > 1:
        return text[:-2]
    return text


def allowed(node: Node) -> str:
    """What a cell of a node may hold, in words.

    >>> allowed(Node("bool")), allowed(Node("enum", choices=("run", "led")))
    ('yes or no', 'one of: Run, Led')
    """
    if node.kind == "enum":
        return "one of: " + ", ".join(words(choice) for choice in node.choices)
    if node.kind == "enum-list":
        extra = f"; {EMPTY_LIST} for none" if node.nullable else ""
        return "any of, separated by ; or ,: " + ", ".join(words(c) for c in node.choices) + extra
    return {
        "bool": "yes or no",
        "int": "a whole number",
        "money": "an amount in pounds, such as 12000 or £12,000.00",
        "fraction": "a share from 0 to 1, such as 0.12, or a percentage such as 12%",
        "number": "a number, such as 120 or 1,250.5",
        "date": "a date, such as 01/04/2008 (day first) or 2008-04-01",
    }.get(node.kind, "text")


def text_of(node: Node, data: Any, *, titles: bool) -> str:  # noqa: PLR0911 -- one per kind
    """One JSON value as a cell's text: the inverse of :func:`value`.

    >>> text_of(Node("bool"), True, titles=True)
    'yes'
    >>> text_of(Node("enum"), "service_users", titles=True)
    'Service users'
    """
    if data is None:
        return ""
    if node.kind == "enum-list":
        if not data and node.nullable:
            return EMPTY_LIST
        return SEPARATOR.join(words(item) if titles else item for item in data)
    if node.kind == "enum":
        return words(data) if titles else str(data)
    if node.kind == "bool":
        if titles:
            return "yes" if data else "no"
        return "true" if data else "false"
    if node.kind == "free-text" and _QUOTES.match(data) and len(data) != 1:
        data = f'{data}""'  # an empty string, told apart from an empty cell
    return str(data)
