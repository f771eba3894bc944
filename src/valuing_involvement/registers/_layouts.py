"""The committee as counts: how many of each kind of seat, instead of one record a member.

A commissioner knows "seven on the committee: four service users, one carer, two paid staff
without a vote"; the counts layout takes that and builds the same members the classification
reads.  Each count column stands for one kind of seat, in this order:

=============================================  ======================  ======  =========  ====
column                                         roles                   voting  associate  paid
=============================================  ======================  ======  =========  ====
voting service users                           service user            yes     no         no
voting carers                                  carer                   yes     no         no
voting members who are service users and       both                    yes     no         no
carers
voting associate members: service users        service user            yes     yes        no
voting associate members: carers               carer                   yes     yes        no
paid voting service users                      service user            yes     no         yes
paid voting carers                             carer                   yes     no         yes
voting others (not paid)                       none                    yes     no         no
voting paid workers, not users or carers       none                    yes     no         yes
non-voting members                             none                    no      no         no
non-voting paid workers                        none                    no      no         yes
non-voting associates                          none                    no      yes        no
=============================================  ======================  ======  =========  ====

What counts cannot carry: a member's ``label`` and ``private`` flag, the roles of a member
without a vote (they decide nothing, so the classification never reads them), and any other
mix (a paid associate).  Writing such a committee as counts raises :class:`ValueError`: keep
it member by member.  Members read from counts come in the order of the columns (private).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from valuing_involvement.registers._titles import COUNT_TITLES

__all__ = ["COUNTS", "MAX_COUNT", "counts_of", "members_of"]

_USER = ("service_user",)
_CARER = ("carer",)
_BOTH = ("carer", "service_user")
#: Each count column: (column, roles, voting, associate, paid), in the order members are built.
COUNTS: tuple[tuple[str, tuple[str, ...], bool, bool, bool], ...] = tuple(
    (f"decision_body.counts.{name}", roles, voting, associate, paid)
    for name, roles, voting, associate, paid in (
        ("voting_service_users", _USER, True, False, False),
        ("voting_carers", _CARER, True, False, False),
        ("voting_users_and_carers", _BOTH, True, False, False),
        ("voting_associate_service_users", _USER, True, True, False),
        ("voting_associate_carers", _CARER, True, True, False),
        ("paid_voting_service_users", _USER, True, False, True),
        ("paid_voting_carers", _CARER, True, False, True),
        ("voting_others", (), True, False, False),
        ("voting_paid_workers", (), True, False, True),
        ("non_voting_members", (), False, False, False),
        ("non_voting_paid_workers", (), False, False, True),
        ("non_voting_associates", (), False, True, False),
    )
)
assert [column for column, *_ in COUNTS] == list(COUNT_TITLES)  # noqa: S101 -- one table
#: The largest count a cell may hold.
MAX_COUNT = 999


def _key(member: Mapping[str, Any]) -> tuple[tuple[str, ...], bool, bool, bool]:
    return (
        tuple(sorted(member.get("roles", ()))),
        member.get("voting", True),
        member.get("associate", False),
        member.get("paid", False),
    )


_COLUMN_OF = {
    (roles, voting, associate, paid): column for column, roles, voting, associate, paid in COUNTS
}


def members_of(counts: Mapping[str, int]) -> list[dict[str, Any]]:
    """The members (as JSON data) a row's counts stand for, in the order of the columns.

    >>> members_of({"decision_body.counts.voting_carers": 2})
    [{'roles': ['carer'], 'voting': True, 'associate': False, 'paid': False}, ...]
    """
    return [
        {"roles": list(roles), "voting": voting, "associate": associate, "paid": paid}
        for column, roles, voting, associate, paid in COUNTS
        for _ in range(counts.get(column, 0))
    ]


def counts_of(members: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """A committee's counts; :class:`ValueError` naming what counts cannot hold.

    >>> counts_of([{"roles": ["service_user"]}, {"roles": [], "voting": False, "paid": True}])
    {'decision_body.counts.voting_service_users': 1, 'decision_body.counts.non_voting_paid...': 1}
    """
    counts: dict[str, int] = {}
    for member in members:
        if member.get("label") is not None or member.get("private", False):
            raise ValueError("a member's seat name cannot be written as counts")
        column = _COLUMN_OF.get(_key(member))
        if column is None:
            raise ValueError(f"counts have no column for a member such as {dict(member)}")
        counts[column] = counts.get(column, 0) + 1
    return counts
