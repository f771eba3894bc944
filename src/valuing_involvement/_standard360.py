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
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker


__all__ = [
    "codelist",
    "codelist_titles",
    "former_prefix",
    "geo_code_type",
    "grant_prefilter",
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

    checker = FormatChecker(formats=FORMATS)
    missing = set(FORMATS) - set(checker.checkers)
    if missing:  # pragma: no cover - the dependencies in pyproject.toml provide both
        raise RuntimeError(f"no format checker installed for {sorted(missing)}")
    return Draft202012Validator(_grant_schema(), format_checker=checker)


def _grant_schema() -> dict[str, Any]:
    grant: dict[str, Any] = json.loads(_read("360-giving-schema.json"))
    # The grant schema's references are all local and acyclic: inline them once, which makes
    # validating a grant several times faster than resolving them grant by grant.
    inlined: dict[str, Any] = _inline(grant, grant["$defs"])
    return inlined


def _conforms(
    check: Callable[[object], object], raises: type[Exception] | tuple[type[Exception], ...]
) -> Callable[[str], bool]:
    """A format checker of jsonschema's as a yes-or-no, as ``FormatChecker.conforms`` reads it.

    Remembered for the last few thousand strings: a file gives the same ``dataSource`` and
    ``dateModified`` on grant after grant, and a URI takes the checker some microseconds.
    """

    def conforms(value: str) -> bool:
        try:
            return bool(check(value))
        except raises:
            return False

    # The compiled code asks only about strings (it tests the type first), all hashable.
    return functools.lru_cache(maxsize=4096)(conforms)


def _string_choices(node: Any, formats: dict[str, Callable[[str], bool]]) -> Any:  # noqa: ANN401
    """``node`` with each choice of string forms made one format of ``formats``, exactly.

    A date is a ``oneOf`` of a date-time format and two patterns.  Compiled as it is, each
    form a date does not have raises and catches an exception, twice a date; as one format,
    remembered for each string, the same answer costs a look-up.  Only a node that must be a
    string, whose branches test only ``format`` and ``pattern``, is changed, and its format
    answers as jsonschema does: exactly one branch holds, a pattern found by ``re.search``.
    """
    if isinstance(node, list):
        return [_string_choices(item, formats) for item in node]
    if not isinstance(node, dict):
        return node
    branches = node.get("oneOf")
    if (
        node.get("type") == "string"
        and "format" not in node
        and isinstance(branches, list)
        and all(isinstance(b, dict) and set(b) <= {"format", "pattern"} for b in branches)
    ):
        name = f"one-of-{len(formats)}"
        formats[name] = _one_of(branches, formats)
        rest = {key: value for key, value in node.items() if key != "oneOf"}
        return {**_string_choices(rest, formats), "format": name}
    return {key: _string_choices(value, formats) for key, value in node.items()}


def _one_of(
    branches: list[dict[str, str]], formats: dict[str, Callable[[str], bool]]
) -> Callable[[str], bool]:
    forms = [
        (formats.get(b.get("format", "")), re.compile(b["pattern"]) if "pattern" in b else None)
        for b in branches
    ]

    def holds(
        text: str, form: Callable[[str], bool] | None, pattern: re.Pattern[str] | None
    ) -> bool:
        # a format jsonschema has no checker for holds, as a pattern absent does
        return (form is None or form(text)) and (pattern is None or bool(pattern.search(text)))

    @functools.lru_cache(maxsize=4096)
    def one_of(text: str) -> bool:
        return sum(holds(text, form, pattern) for form, pattern in forms) == 1

    return one_of


@functools.cache
def grant_prefilter() -> Callable[[object], bool] | None:
    """A fast yes-or-no: whether a grant is valid against the grant schema (``None``: no way).

    fastjsonschema compiles the schema to Python code, about 30 times as fast as
    :func:`grant_validator` on a valid grant, but it stops at a grant's first problem.  So it
    answers only whether there is one; ``VI603`` asks :func:`grant_validator` for every
    problem of a grant it refuses.  Its formats are :func:`grant_validator`'s own checkers,
    and the schema uses only keywords whose meaning draft 7 (what it compiles) shares with
    2020-12, so it accepts exactly the grants :func:`grant_validator` does
    (``tests/test_quality_schema.py`` compares the two).  ``None`` when fastjsonschema, an
    optional extra (``stream``), is not installed.

    >>> valid = grant_prefilter()
    >>> valid is None or (valid({"id": "x"}), valid([]))
    (False, False)
    """
    try:
        import fastjsonschema  # noqa: PLC0415 -- optional extra
    except ImportError:
        return None
    checker = grant_validator().format_checker
    assert checker is not None  # noqa: S101 -- grant_validator always sets one
    formats: dict[str, Callable[[str], bool]] = {
        name: _conforms(*checker.checkers[name]) for name in FORMATS
    }
    schema = {k: v for k, v in _grant_schema().items() if k not in {"$schema", "$id", "$defs"}}
    schema = _string_choices(schema, formats)
    # The grant's oneOf of two lists of required fields (an organisation or an individual as
    # recipient) would raise in the branch a grant does not take: tested here with sets.
    choices = schema.pop("oneOf", None)
    requireds = [frozenset(b["required"]) for b in choices or () if set(b) == {"required"}]
    if choices is not None and len(requireds) != len(choices):  # pragma: no cover - 1.4.3 has
        schema["oneOf"], requireds = choices, []  # only required lists there; else compiled
    code = fastjsonschema.compile_to_code(
        schema, formats=formats, use_default=False, detailed_exceptions=False
    )
    # Each branch of a oneOf that fails raises, and the generated code formats the message of
    # each with ``str.format(**locals())`` -- half its time on a valid grant, whose dates try
    # three forms each.  Only the yes-or-no is read here, so the messages stay unformatted.
    code = code.replace(".format(**locals())", "")
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 -- fastjsonschema's own code, as its compile() runs it
    validate = functools.partial(namespace["validate"], custom_formats=formats)
    refused = fastjsonschema.JsonSchemaException

    def valid(grant: object) -> bool:
        if requireds and (
            not isinstance(grant, dict) or sum(grant.keys() >= needs for needs in requireds) != 1
        ):
            return False
        try:
            validate(grant)
        except refused:
            return False
        except Exception:  # noqa: BLE001 -- what it cannot decide, grant_validator decides
            return False
        return True

    return valid


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
def codelist_titles(name: str) -> tuple[tuple[str, str], ...]:
    """Each code of one of the standard's codelists with its title, in the list's order.

    >>> dict(codelist_titles("countryCode"))["KE"]
    'Kenya'
    """
    rows = csv.DictReader(io.StringIO(_read("codelists", f"{name}.csv").decode("utf-8")))
    return tuple(
        (row["Code"].strip(), (row.get("Title") or "").strip()) for row in rows if row.get("Code")
    )


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


@functools.lru_cache(maxsize=4096)  # a file names its funder, and often a recipient, again
def prefix_recognised(org_id: str) -> bool:
    """Whether an id starts with a register's current prefix, as 360Giving's quality tool tests.

    The tool ignores case and needs no hyphen after the prefix, and it knows only the prefixes
    the register uses now: a former one (``JE-CR``, now ``JE-FSC``) is not recognised (see
    :func:`former_prefix`).

    >>> prefix_recognised("GB-CHC1234567"), prefix_recognised("ZZ-9")
    (True, False)
    >>> prefix_recognised("JE-CR-123"), prefix_recognised("JE-FSC-123")
    (False, True)
    """
    upper = org_id.upper()
    known, lengths = _current_prefixes()
    return any(upper[:length] in known for length in lengths)


@functools.cache
def _current_prefixes() -> tuple[frozenset[str], tuple[int, ...]]:
    """The current prefixes as a set, and their lengths: a few set look-ups per id."""
    data = json.loads(_read("org-id-lists.json"))
    codes = {entry["code"].upper() for entry in data["lists"] if entry["code"]} | {"360G"}
    return frozenset(codes), tuple(sorted({len(code) for code in codes}))


@functools.cache
def _former_prefixes() -> dict[str, str]:
    data = json.loads(_read("org-id-lists.json"))
    return {
        old.upper(): entry["code"].upper()
        for entry in data["lists"]
        for old in entry.get("formerPrefixes") or ()
        if old and entry["code"]
    }


def former_prefix(org_id: str) -> tuple[str, str] | None:
    """The former prefix an id starts with (followed by a hyphen) and the register's current one.

    >>> former_prefix("je-cr-123"), former_prefix("JE-FSC-123")
    (('JE-CR', 'JE-FSC'), None)
    """
    upper = org_id.upper()
    for old, current in _former_prefixes().items():
        if upper.startswith(old + "-"):
            return old, current
    return None
