"""Helpers for the rule modules' own tests: check a changed exemplar, read findings exactly.

Not a test module.  A contract patch is a JSON merge patch (RFC 7386) on the exemplary
agreement, as in the rule cases; a portfolio is edited as plain data by a function, since a
merge patch replaces a list (the contracts, the groups) whole.
"""

import copy
import datetime as dt
from pathlib import Path

from valuing_involvement import (
    Contract,
    Portfolio,
    assess_portfolio,
    check_contract,
    example_contracts,
    from_data,
    from_json,
    to_data,
)

EXEMPLAR = example_contracts()[0]
PORTFOLIO_EXEMPLAR = from_json(
    (Path(__file__).parent / "cases" / "portfolio-exemplar.json").read_bytes(), Portfolio
)
_PORTFOLIO_DATA = to_data(PORTFOLIO_EXEMPLAR)


def merge_patch(target, patch):
    """Apply a JSON merge patch (RFC 7386): ``None`` removes a key, a dict merges, else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def contract(patch):
    """The exemplary agreement changed by ``patch``."""
    return from_data(merge_patch(to_data(EXEMPLAR), patch), Contract)


def contract_findings(code, patch, on=None):
    """The findings of rule ``code`` on the exemplary agreement changed by ``patch``."""
    return [f for f in check_contract(contract(patch), on=on).findings if f.code == code]


def portfolio_data():
    """A fresh, mutable copy of the exemplary portfolio as plain data."""
    return copy.deepcopy(_PORTFOLIO_DATA)


def portfolio_findings(code, data, on=None):
    """The findings of rule ``code`` on the portfolio read from ``data``."""
    portfolio = from_data(data, Portfolio)
    return [f for f in assess_portfolio(portfolio, on=on).findings if f.code == code]


def exactly(findings):
    """Each finding as (path, message, evidence as a dict), for comparing with written values."""
    return [(f.path, f.message, dict(f.evidence)) for f in findings]


def on(text):
    """A date from its ISO form."""
    return dt.date.fromisoformat(text)
