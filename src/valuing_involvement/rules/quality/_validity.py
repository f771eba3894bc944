"""The validity checks of the VI6 series (``VI60x``, *error*): not valid 360Giving data."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from valuing_involvement._standard360 import (
    codelist,
    geo_code_type,
    grant_prefilter,
    grant_validator,
)
from valuing_involvement.rules._contexts import GrantContext
from valuing_involvement.rules._kernel import Hit, Modality, Severity, Subject, rule
from valuing_involvement.rules.quality._shared import (
    _CITE,
    _CODELISTS,
    _MAX_SCHEMA_ERRORS,
    _OPEN,
    _RECIPIENTS,
    _REQUIRED,
    _at,
    _objects,
    _orgs,
    _text,
)

# -- validity ------------------------------------------------------------------------------


@rule(
    code="VI601",
    name="grant-field-missing",
    title="A field 360Giving requires is missing.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} A grant without it is invalid.",
    remedy="Fill the field in before publishing.",
    subject=Subject.GRANT,
)
def _missing_fields(ctx: GrantContext) -> Iterator[Hit]:
    for key in (*_REQUIRED, "fundingOrganization"):
        if ctx.grant.get(key) in (None, ""):  # an empty array is VI603's (minItems)
            yield Hit(
                message=f"required field {key} is missing",
                path=_at(ctx, f".{key}"),
                evidence={"field": key},
            )
    if all(ctx.grant.get(key) in (None, "") for key in _RECIPIENTS):
        yield Hit(
            message="the grant names no recipient, neither an organisation nor an individual",
            path=_at(ctx, ".recipientOrganization"),
            evidence={"field": "recipientOrganization"},
        )


def _middle_cut(message: str, most: int = 200) -> str:
    """``message`` cut in the middle when long: a huge value's error keeps what is wrong with it.

    >>> cut = _middle_cut("'" + "z" * 500 + "' is not of type 'number'")
    >>> len(cut), " ... (526 characters) ..." in cut, cut[-25:]
    (200, True, "' is not of type 'number'")
    """
    if len(message) <= most:
        return message
    marker = f" ... ({len(message):,} characters) ..."
    tail = (most - len(marker)) * 3 // 5  # the end says what is wrong with the value
    head = most - len(marker) - tail
    return message[:head] + marker + message[-tail:]


def _pointer(path: Iterable[str | int]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


@rule(
    code="VI603",
    name="grant-schema-invalid",
    title="The grant breaks the 360Giving grant schema (types, formats, lists).",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} Data that breaks the schema cannot be read by the standard's tools.",
    remedy="Correct the value the schema refuses: its type, its format or its code.",
    subject=Subject.GRANT,
)
def _schema(ctx: GrantContext) -> Iterator[Hit]:
    if not isinstance(ctx.grant, dict):  # a number, a string, a list where a grant belongs
        yield Hit(
            message=_middle_cut(f"{ctx.grant!r} is not of type 'object'"),
            path=_at(ctx),
            evidence={"validator": "type"},
        )
        return
    valid = grant_prefilter()  # a compiled yes-or-no first: most grants are valid
    if valid is not None and valid(ctx.grant):
        return
    # Capped before they are built: a hostile grant can hold thousands of errors, and each
    # jsonschema error is a small web of objects with reference cycles.
    found = itertools.islice(grant_validator().iter_errors(ctx.grant), _MAX_SCHEMA_ERRORS)
    errors = sorted(found, key=lambda e: list(map(str, e.path)))
    both = all(ctx.grant.get(key) not in (None, "", []) for key in _RECIPIENTS)
    for error in errors:
        if error.validator == "oneOf" and not error.path:
            # Missing fields are VI601's; only both kinds of recipient is this rule's.
            if both:
                yield Hit(
                    message="the grant has both a recipient organisation and an individual; "
                    "only one of them is permitted",
                    path=_at(ctx, ".recipientIndividual"),
                    evidence={"validator": "oneOf"},
                )
            continue
        if error.validator == "enum" and "codelist" in error.schema:
            continue  # a codelist's value: VI605 reports it, once
        yield Hit(
            message=_middle_cut(error.message),
            path=_at(ctx, _pointer(error.absolute_path)),
            evidence={"validator": str(error.validator)},
        )


@rule(
    code="VI604",
    name="grant-id-repeated",
    title="Another grant in the package has the same id.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} An id must name one grant; the package schema wants them unique.",
    remedy="Give each grant its own id, or publish each grant once.",
    subject=Subject.GRANT,
)
def _repeated_id(ctx: GrantContext) -> Iterator[Hit]:
    grant_id = ctx.grant.get("id")
    if not isinstance(grant_id, str):
        return
    earlier = ctx.before.first_index.get(grant_id)
    if earlier is not None:
        yield Hit(
            message=f"grant id {grant_id} is also the id of grant {earlier}",
            path=_at(ctx, ".id"),
            evidence={"id": grant_id, "first": earlier},
        )


#: Each codelist field as its steps, split once.
_CODELIST_STEPS = tuple(
    ("." + dotted, name, tuple(dotted.split("."))) for dotted, name in _CODELISTS
)


def _codelist_values(grant: Mapping[str, Any]) -> Iterator[tuple[str, str, object]]:
    for path, name, steps in _CODELIST_STEPS:
        value: object = grant
        for step in steps:
            value = value.get(step) if isinstance(value, dict) else None
        if value is not None:
            yield path, name, value
    for i, location in _objects(grant.get("beneficiaryLocation")):
        for field, name in (("countryCode", "countryCode"), ("locationScope", "locationScope")):
            if location.get(field) is not None:
                yield f".beneficiaryLocation[{i}].{field}", name, location[field]
    for key, position, org in _orgs(grant):
        for i, location in _objects(org.get("location")):
            if location.get("countryCode") is not None:
                path = f".{key}[{position}].location[{i}].countryCode"
                yield path, "countryCode", location["countryCode"]


@rule(
    code="VI605",
    name="code-not-in-codelist",
    title="A value is not a code of its closed 360Giving codelist.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} Closed codelists are how readers compare grants across funders.",
    remedy="Use a code from the standard's codelist for the field.",
    subject=Subject.GRANT,
)
def _closed_codelists(ctx: GrantContext) -> Iterator[Hit]:
    for path, name, value in _codelist_values(ctx.grant):
        if isinstance(value, str) and value not in codelist(name):
            yield Hit(
                message=f"{value!r} is not a code of the {name} codelist",
                path=_at(ctx, path),
                evidence={"codelist": name, "value": value},
            )


@rule(
    code="VI606",
    name="geo-code-type-not-in-codelist",
    title="A geoCodeType is not a code of the standard's geoCodeType codelist.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} The standard takes geoCodeType from its codelist; the quality tool "
    "does not test it, so this goes beyond the tool.",
    remedy="Use the codelist's type for the area code (E09 is LONB, E06 is UA, and so on).",
    subject=Subject.GRANT,
)
def _geo_code_type(ctx: GrantContext) -> Iterator[Hit]:
    places = [
        (f".beneficiaryLocation[{i}]", loc)
        for i, loc in _objects(ctx.grant.get("beneficiaryLocation"))
    ]
    for key, position, org in _orgs(ctx.grant):
        places += [
            (f".{key}[{position}].location[{i}]", loc) for i, loc in _objects(org.get("location"))
        ]
    for path, location in places:
        value = location.get("geoCodeType")
        if isinstance(value, str) and value not in codelist("geoCodeType"):
            expected = geo_code_type(_text(location.get("geoCode")))
            yield Hit(
                message=f"{value!r} is not a geoCodeType code"
                + (f"; the area code's type is {expected}" if expected else ""),
                path=_at(ctx, f"{path}.geoCodeType"),
                evidence={"value": value, "expected": expected},
            )


#: The checks of this group, in the catalogue's order.
RULES = (
    _missing_fields,
    _schema,
    _repeated_id,
    _closed_codelists,
    _geo_code_type,
)
