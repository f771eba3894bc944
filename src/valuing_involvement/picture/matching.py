"""Select grants to mental health service user and carer groups, saying why.

:class:`Matcher` applies a table of :class:`~valuing_involvement.picture.terms.Term` to what a
grant publishes (recipient name, title, description, classifications, programme) and to an
optional list of known recipient org-ids.  A selected grant carries its :class:`Reason` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from valuing_involvement.picture.terms import FIELDS, TERMS, THRESHOLD, Term

__all__ = ["Match", "Matcher", "Reason", "grant_fields"]


@attrs.frozen(kw_only=True)
class Reason:
    """One term found: the field it was found in, the term's pattern and the words matched."""

    field: str
    term: str
    words: str

    def __str__(self) -> str:
        """``field: 'words' (term)``."""
        return f"{self.field}: {self.words!r} ({self.term})"


@attrs.frozen(kw_only=True)
class Match:
    """Why a grant was selected: the terms found, their total weight, or a known recipient id."""

    reasons: tuple[Reason, ...]
    weight: int

    def __str__(self) -> str:
        """Every reason, joined by ``; ``."""
        return "; ".join(str(reason) for reason in self.reasons)


def _texts(items: object, keys: tuple[str, ...]) -> str:
    if not isinstance(items, list):
        return ""
    parts: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            parts.extend(str(item[key]) for key in keys if isinstance(item.get(key), str))
    return " | ".join(parts)


def grant_fields(grant: Mapping[str, Any]) -> dict[str, str]:
    """The text of each field the matcher reads, from a raw 360Giving grant.

    >>> grant_fields({"title": "T", "recipientOrganization": [{"name": "Bath Mind"}]})["recipient"]
    'Bath Mind'
    """
    title = grant.get("title")
    description = grant.get("description")
    return {
        "recipient": _texts(grant.get("recipientOrganization"), ("name",)),
        "title": title if isinstance(title, str) else "",
        "description": description if isinstance(description, str) else "",
        "classification": _texts(grant.get("classifications"), ("title", "code", "description")),
        "programme": _texts(grant.get("grantProgramme"), ("title", "code")),
    }


def recipient_ids(grant: Mapping[str, Any]) -> tuple[str, ...]:
    """The recipient org-ids a grant names."""
    found = grant.get("recipientOrganization")
    if not isinstance(found, list):
        return ()
    return tuple(o["id"] for o in found if isinstance(o, Mapping) and isinstance(o.get("id"), str))


class Matcher:
    """Select grants by a table of terms and, optionally, known recipient org-ids.

    >>> matcher = Matcher()
    >>> print(matcher.match({"recipientOrganization": [{"name": "Dorset Mind"}]}))
    recipient: 'Mind' (mind)
    >>> matcher.match({"title": "Improving mental health in schools"}) is None
    True
    >>> known = Matcher(known_ids={"GB-CHC-1"})
    >>> print(known.match({"recipientOrganization": [{"id": "GB-CHC-1"}]}))
    recipient id: 'GB-CHC-1' (known recipient)
    """

    def __init__(
        self,
        terms: Iterable[Term] = TERMS,
        *,
        known_ids: Iterable[str] = (),
        threshold: int = THRESHOLD,
    ) -> None:
        self.terms = tuple(terms)
        self.known_ids = frozenset(known_ids)
        self.threshold = threshold
        self._compiled: tuple[tuple[Term, re.Pattern[str]], ...] = tuple(
            (term, term.compiled()) for term in self.terms
        )
        never = re.compile(r"(?!)")
        self._any: dict[str, re.Pattern[str]] = {
            field: re.compile(
                "|".join(f"(?:{p.pattern})" for t, p in self._compiled if field in t.fields),
                re.IGNORECASE,
            )
            if any(field in t.fields for t in self.terms)
            else never
            for field in FIELDS
        }

    def match(self, grant: Mapping[str, Any]) -> Match | None:
        """Why ``grant`` is selected, or ``None`` when it is not."""
        reasons: list[Reason] = [
            Reason(field="recipient id", term="known recipient", words=org_id)
            for org_id in recipient_ids(grant)
            if org_id in self.known_ids
        ]
        known = bool(reasons)
        weight = 0
        fields = grant_fields(grant)
        # one pass of all the terms together first: most grants match none, and stop here
        if not known and not any(
            text and self._any[field].search(text) for field, text in fields.items()
        ):
            return None
        for term, pattern in self._compiled:
            for field in sorted(term.fields):
                text = fields[field]
                found = pattern.search(text) if text else None
                if found is not None:
                    reasons.append(Reason(field=field, term=term.pattern, words=found.group(0)))
                    weight += term.weight
                    break
        if known or weight >= self.threshold:
            return Match(reasons=tuple(reasons), weight=weight)
        return None
