"""Select grants to mental health service user and carer groups, saying why.

:class:`Matcher` applies a table of :class:`~valuing_involvement.picture.terms.Term` to what a
grant publishes (recipient name, title, description, classifications, programme) and to an
optional list of known recipient org-ids.  A selected grant carries its :class:`Reason` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
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
        if isinstance(item, dict) or isinstance(item, Mapping):  # noqa: SIM101 -- dict is cheap
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


_LISTS = (
    ("recipientOrganization", ("name",)),
    ("classifications", ("title", "code", "description")),
    ("grantProgramme", ("title", "code")),
)


def _all_text(grant: Mapping[str, Any]) -> str:
    """Every text the matcher reads, in one string: for the quick test only."""
    get = grant.get
    parts: list[str] = []
    for key in ("title", "description"):
        value = get(key)
        if isinstance(value, str):
            parts.append(value)
    for key, names in _LISTS:
        items = get(key)
        if isinstance(items, list):
            for item in items:
                # a dict first: what JSON gives, and far cheaper to test than the ABC
                if isinstance(item, dict) or isinstance(item, Mapping):  # noqa: SIM101
                    for name in names:
                        value = item.get(name)
                        if isinstance(value, str):
                            parts.append(value)
    return "\n".join(parts)


def recipient_ids(grant: Mapping[str, Any]) -> tuple[str, ...]:
    """The recipient org-ids a grant names."""
    found = grant.get("recipientOrganization")
    if not isinstance(found, list):
        return ()
    return tuple(o["id"] for o in found if isinstance(o, Mapping) and isinstance(o.get("id"), str))


def _scanner(terms: tuple[Term, ...], field: str, flags: int) -> re.Pattern[str]:
    groups = "|".join(
        f"(?P<_t{index}>{term.pattern})" for index, term in enumerate(terms) if field in term.fields
    )
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)", flags)


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
        # One scanner a field: every term that looks in it, as one alternation of named
        # groups; where two terms would match the same words, the one listed first counts.
        # Lower-case text is scanned case-sensitively when every pattern is lower case: the
        # same matches as ignoring case, several times faster in Python's engine.
        self._fold = all(term.pattern == term.pattern.lower() for term in self.terms)
        flags = 0 if self._fold else re.IGNORECASE
        self._scanners: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
            (field, _scanner(self.terms, field, flags))
            for field in sorted(FIELDS)
            if any(field in term.fields for term in self.terms)
        )
        # A quick test first, over all the fields' text at once: every pattern, without the
        # word boundaries, so it finds a superset of what the terms find.  Most grants match
        # nothing and stop there; the rest get the exact, per-term, per-field search.
        self._quick_pattern = "|".join(f"(?:{term.pattern})" for term in self.terms) or r"(?!)"
        self._quick = re.compile(self._quick_pattern, flags)

    def match(self, grant: Mapping[str, Any]) -> Match | None:
        """Why ``grant`` is selected, or ``None`` when it is not."""
        return self._exact(grant, quick=True)

    def match_many(self, grants: Sequence[Mapping[str, Any]]) -> list[Match | None]:
        """:meth:`match` for each of ``grants``, the same answers, faster for many.

        The quick test runs over the whole batch at once in pyarrow's compiled regular
        expressions (RE2) when pyarrow is there and the patterns are RE2's syntax too.

        >>> [m is not None for m in Matcher().match_many([{"title": "mental illness"}, {}])]
        [True, False]
        """
        mask = self._quick_mask([_all_text(grant) for grant in grants])
        if mask is None:
            return [self._exact(grant, quick=True) for grant in grants]
        return [
            self._exact(grant, quick=False) if passed or self.known_ids else None
            for grant, passed in zip(grants, mask, strict=True)
        ]

    def _quick_mask(self, texts: list[str]) -> list[bool] | None:
        try:
            import pyarrow as pa  # noqa: PLC0415 -- optional: the picture extra
            import pyarrow.compute as pc  # noqa: PLC0415
        except ImportError:  # pragma: no cover - pyarrow is in the picture extra
            return None
        try:
            found = pc.match_substring_regex(
                pa.array(texts, pa.large_string()), pattern=self._quick_pattern, ignore_case=True
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None  # a pattern RE2 cannot compile (a look-behind, say): Python's engine
        result: list[bool] = found.to_pylist()
        return result

    def _exact(self, grant: Mapping[str, Any], *, quick: bool) -> Match | None:
        reasons: list[Reason] = []
        if self.known_ids:
            reasons.extend(
                Reason(field="recipient id", term="known recipient", words=org_id)
                for org_id in recipient_ids(grant)
                if org_id in self.known_ids
            )
        known = bool(reasons)
        if quick and not known:
            text = _all_text(grant)
            if self._quick.search(text.lower() if self._fold else text) is None:
                return None
        weight = 0
        fields = grant_fields(grant)
        folded = {f: text.lower() for f, text in fields.items()} if self._fold else fields
        found: dict[int, Reason] = {}
        for field, scanner in self._scanners:
            text, scanned = fields[field], folded[field]
            if not text:
                continue
            same = len(text) == len(scanned)
            for hit in scanner.finditer(scanned):
                index = int(hit.lastgroup[2:])  # type: ignore[index]
                if index not in found:
                    words = text[hit.start() : hit.end()] if same else hit.group(0)
                    term = self.terms[index]
                    found[index] = Reason(field=field, term=term.pattern, words=words)
        for index in sorted(found):
            reasons.append(found[index])
            weight += self.terms[index].weight
        if known or weight >= self.threshold:
            return Match(reasons=tuple(reasons), weight=weight)
        return None
