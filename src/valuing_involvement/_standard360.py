"""The 360Giving reference data the library ships: schemas, codelists, org-id prefixes (private).

Everything is read from ``valuing_involvement/data/threesixty/`` (see its ``README.md`` for
sources and licences) the first time it is asked for, and never changes afterwards.  It lives
outside :mod:`valuing_involvement.threesixty` so that the VI6 rules can read it without
importing the exporter.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker


__all__ = [
    "codelist",
    "geo_code_type",
    "grant_validator",
    "is_uri",
    "registered_prefix",
]

#: The formats the 360Giving schemas use; validation refuses to run without a checker for each.
FORMATS = ("date-time", "uri")
_GSS = re.compile(r"([EWSNK]\d\d)\d{6}")


def _read(*parts: str) -> bytes:
    return (
        resources.files("valuing_involvement").joinpath("data", "threesixty", *parts).read_bytes()
    )


@functools.cache
def grant_validator() -> Draft202012Validator:
    """A validator for one grant against the 1.4.3 grant schema, checking every format it uses.

    >>> grant_validator().is_valid({"id": "x"})
    False
    """
    # jsonschema is imported here, not with the module: it costs ~100 ms, and only checking a
    # 360Giving grant's validity needs it.
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415

    grant = json.loads(_read("360-giving-schema.json"))
    # The grant schema's references are all local and acyclic: inline them once, which makes
    # validating a grant several times faster than resolving them grant by grant.
    grant = _inline(grant, grant["$defs"])
    checker = FormatChecker(formats=FORMATS)
    missing = set(FORMATS) - set(checker.checkers)
    if missing:  # pragma: no cover - the dependencies in pyproject.toml provide both
        raise RuntimeError(f"no format checker installed for {sorted(missing)}")
    return Draft202012Validator(grant, format_checker=checker)


def _inline(node: Any, defs: dict[str, Any]) -> Any:  # noqa: ANN401 -- JSON data
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return _inline(defs[ref.removeprefix("#/$defs/")], defs) | _inline(rest, defs)
        return {key: _inline(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


@functools.cache
def codelist(name: str) -> frozenset[str]:
    """The codes of one of the standard's codelists, such as ``"currency"``.

    >>> "GBP" in codelist("currency"), "LAD" in codelist("geoCodeType")
    (True, False)
    """
    rows = csv.DictReader(io.StringIO(_read("codelists", f"{name}.csv").decode("utf-8")))
    return frozenset(row["Code"].strip() for row in rows if row.get("Code"))


@functools.cache
def _entities() -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(_read("codelists", "geoCodeType.csv").decode("utf-8")))
    found: dict[str, str] = {}
    for row in rows:
        entity = (row.get("Documentation (URL)") or "").rstrip("/").rsplit("/", 1)[-1]
        if len(entity) == 3:  # an ONS entity code: a letter and two digits
            found.setdefault(entity, row["Code"].strip())
    return found


def geo_code_type(code: str) -> str | None:
    """The ``geoCodeType`` for a GSS code, by the ONS entity it starts with; ``None`` if unknown.

    >>> geo_code_type("E09000030"), geo_code_type("E06000047"), geo_code_type("S12000036")
    ('LONB', 'UA', 'CA')
    >>> geo_code_type("Lowmoor") is None
    True
    """
    match = _GSS.fullmatch(code.strip())
    return None if match is None else _entities().get(match.group(1))


@functools.cache
def _prefixes() -> tuple[str, ...]:
    data = json.loads(_read("org-id-lists.json"))
    codes = {entry["code"].upper() for entry in data["lists"] if entry["code"]}
    codes |= {
        old.upper() for entry in data["lists"] for old in entry.get("formerPrefixes") or () if old
    }
    codes.add("360G")
    return tuple(sorted(codes, key=lambda code: (-len(code), code)))


def registered_prefix(org_id: str) -> str | None:
    """The org-id.guide prefix an identifier starts with (``360G`` counts), ignoring case.

    Only a prefix followed by a hyphen and something more counts, so ``GB-EDU-123`` is
    ``GB-EDU``; the answer is upper case.

    >>> registered_prefix("gb-edu-123456"), registered_prefix("US-EIN-12-3456789")
    ('GB-EDU', 'US-EIN')
    >>> registered_prefix("XX-FOO-1") is None
    True
    """
    # Each hyphen ends a candidate prefix: look the candidates up, longest first, rather than
    # scan the register's 800-odd prefixes (a national file has a million distinct ids).
    codes, longest = _prefix_lookup()
    upper = org_id.upper()
    end = upper.rfind("-", 0, longest + 1)
    while end > 0:
        if end + 1 < len(upper) and upper[:end] in codes:
            return upper[:end]
        end = upper.rfind("-", 0, end)
    return None


@functools.cache
def _prefix_lookup() -> tuple[frozenset[str], int]:
    codes = _prefixes()
    return frozenset(codes), max(map(len, codes))


@functools.cache
def _uri_checker() -> FormatChecker:
    from jsonschema import FormatChecker  # noqa: PLC0415 -- imported when first needed

    return FormatChecker(formats=("uri",))


def is_uri(text: str) -> bool:
    """Whether ``text`` is an absolute URI, as the schema's ``uri`` format requires.

    >>> is_uri("https://lowmoor.example.org/grants.json"), is_uri("www.example.org")
    (True, False)
    """
    return _uri_checker().conforms(text, "uri")


def prefix_recognised(org_id: str) -> bool:
    """Whether an id starts with a register prefix, as 360Giving's quality tool tests it.

    The tool ignores case and needs no hyphen after the prefix.

    >>> prefix_recognised("GB-CHC1234567"), prefix_recognised("ZZ-9")
    (True, False)
    """
    upper = org_id.upper()
    return any(upper.startswith(prefix) for prefix in _prefixes())
