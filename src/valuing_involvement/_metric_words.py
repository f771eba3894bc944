"""How the portfolio's figures read for people (private): labels and formatted values.

The assessment's figure table and the comparison of two scenarios name a figure as
``Metrics.summary`` does (``spend_total``, ``groups_by_leadership.run``); both show it with
the label and formatting below.
"""

from __future__ import annotations

import decimal

from valuing_involvement._money import pounds

__all__ = ["metric_label", "metric_value"]


def _words(key: str) -> str:
    return key.replace("_", " ")


#: What each of ``Metrics.summary``'s scalar names means, for people.
_METRIC_LABELS = {
    "spend_total": "Spend a year, in all",
    "spend_direct": "Spend a year through agreements",
    "spend_indirect": "Spend a year passed on indirectly (§2.3)",
    "agreements": "Agreements",
    "multi_year_agreements": "Agreements longer than a year",
    "multi_year_agreement_share": "Share of agreements longer than a year",
    "multi_year_spend_share": "Share of direct spend in agreements longer than a year",
}
#: The per-key tables of ``Metrics.summary``, by prefix: how each key reads.
_METRIC_PREFIXES = {
    "spend_by_constituency": "Spend a year on groups for {}",
    "spend_by_role": "Spend a year buying {}",
    "groups_by_leadership": "Groups {}",
    "seats_by_representation": "Seats on commissioning bodies: {}",
    "served": "Groups serving {}",
}


def metric_label(name: str) -> str:
    """The readable label of a figure named as in ``Metrics.summary``.

    >>> metric_label("multi_year_spend_share"), metric_label("groups_by_leadership.run")
    ('Share of direct spend in agreements longer than a year', 'Groups user or carer run')
    """
    if name in _METRIC_LABELS:
        return _METRIC_LABELS[name]
    prefix, _, key = name.partition(".")
    template = _METRIC_PREFIXES.get(prefix)
    if template is None or not key:
        return name
    return template.format(_KEY_WORDS.get((prefix, key), _words(key)))


#: Keys of the per-key tables that read badly as they are.
_KEY_WORDS = {
    ("spend_by_constituency", "unknown"): "an unknown constituency",
    ("spend_by_role", "unspecified"): "no stated role",
    ("groups_by_leadership", "run"): "user or carer run",
    ("groups_by_leadership", "led"): "user or carer led",
    ("groups_by_leadership", "neither"): "neither run nor led",
}


def metric_value(name: str, value: object) -> str:
    """A figure formatted for people: pounds, percentages or whole numbers.

    >>> metric_value("multi_year_spend_share", decimal.Decimal("0.5"))
    '50.0%'
    >>> metric_value("agreements", 1200)
    '1,200'
    """
    if value is None:
        return "none"
    if name.endswith("_share") and isinstance(value, decimal.Decimal):
        return f"{value:.1%}"
    if name.startswith("spend") and isinstance(value, decimal.Decimal):
        return pounds(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
