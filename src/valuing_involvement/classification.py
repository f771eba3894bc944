"""The Wallcraft definition (``G1(b)``, ``§2.2``): is a group user/carer run, led or neither.

The rules, and the edge cases decided once for the whole library:

* A decision-maker is a voting member of the group's decision-making body.  A decision-maker
  *counts* when they hold a role in the group's constituency -- for a joint forum either role --
  and are not an associate member (``§2.4``).
* **Run**: every decision-maker counts *and* the group takes all three key decisions (money,
  personnel, policy; ``§2.1``) itself.  A host or funder holding any of them rules out *run*.
* **Led**: people who count form a strict majority of the decision-makers, but they are not the
  only ones deciding -- someone else sits on the body, or an outside body takes some key
  decision.  Exactly half is not a majority.
* **Neither**: everything else, including a group run by professionals such as a therapy group
  or a day-centre drop-in (``§2.2``).
* A body whose group takes none of the three key decisions decides nothing that matters, so it
  cannot make the group run or led.
* With no decision-making body recorded, or none of its members voting, the facts cannot show
  the group to be run or led: the result is *neither* and the reasons say that facts are missing
  (:attr:`Classification.facts_missing`).

A classification is a value of the facts alone, not of the group's name: groups with the same
facts get the same (shared) :class:`Classification`, which keeps classifying a large register
to a dictionary look-up a group.
"""

from __future__ import annotations

import functools

import attrs

from valuing_involvement.groups import BodyKind, Constituency, Domain, Group, Leadership

__all__ = ["Classification", "classify_group"]

_ALL_DOMAINS = frozenset(Domain)
_DOMAIN_ORDER = (Domain.MONEY, Domain.PERSONNEL, Domain.POLICY)
_PEOPLE = {
    Constituency.SERVICE_USERS: "service users",
    Constituency.CARERS: "carers",
    Constituency.SERVICE_USERS_AND_CARERS: "service users or carers",
}


@attrs.frozen(kw_only=True)
class Classification:
    """The result of :func:`classify_group`, with the counts it rests on.

    * ``leadership``: run, led or neither;
    * ``reasons``: plain-language sentences, each citing the definition; never empty;
    * ``constituency``: the constituency whose roles were counted;
    * ``decision_makers`` and ``counting``: voting members, and those of them who count;
    * ``controls``: the key decisions the group takes itself;
    * ``facts_missing``: true when no decision-maker was recorded, so the result could not be
      established from the facts.
    """

    leadership: Leadership
    reasons: tuple[str, ...]
    constituency: Constituency
    decision_makers: int
    counting: int
    controls: frozenset[Domain]
    facts_missing: bool = False

    @property
    def majority(self) -> bool:
        """Whether people who count are a strict majority of the decision-makers."""
        return 2 * self.counting > self.decision_makers

    @property
    def outside(self) -> frozenset[Domain]:
        """The key decisions taken outside the group."""
        return _ALL_DOMAINS - self.controls


def _domain_list(domains: frozenset[Domain]) -> str:
    names = [d.value for d in _DOMAIN_ORDER if d in domains]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def classify_group(group: Group) -> Classification:
    """Classify a group as user/carer run, led or neither, by the Wallcraft definition.

    See the module documentation for every rule and edge case.  The result does not depend on
    the order of the members.

    >>> from valuing_involvement import Constituency, DecisionBody, Domain, Group, Member, Role
    >>> user, worker = Member(roles=[Role.SERVICE_USER]), Member()
    >>> group = Group(
    ...     name="Hillside User Forum",
    ...     constituency=Constituency.SERVICE_USERS,
    ...     decision_body=DecisionBody(members=[user, user, worker]),
    ...     controls=list(Domain),
    ... )
    >>> result = classify_group(group)
    >>> result.leadership.value
    'led'
    >>> for reason in result.reasons:
    ...     print(reason)
    2 of 3 decision-makers on the management committee are service users (G1(b)).
    The group takes its own money, personnel and policy decisions (§2.1).
    Led: service users are a majority of the management committee but not the only decision-makers (G1(b)).
    """  # noqa: E501
    return _decide(*group._facts)  # noqa: SLF001 -- gathered when the group was built


@functools.lru_cache(maxsize=4096)
def _decide(  # noqa: PLR0913, PLR0917 -- every fact the classification reads, as a cache key
    constituency: Constituency,
    controls: frozenset[Domain],
    host_name: str | None,
    body_kind: BodyKind | None,
    total: int,
    counting: int,
    associates: int,
) -> Classification:
    """Classify from the facts alone; equal facts share one result."""
    if body_kind is None:
        return _facts_missing(constituency, controls, "No decision-making body is recorded")
    kind = body_kind.value.replace("_", " ")
    if total == 0:
        return _facts_missing(
            constituency, controls, f"No voting members of the {kind} are recorded"
        )

    people = _PEOPLE[constituency]
    reasons = [f"{counting} of {total} decision-makers on the {kind} are {people} (G1(b))."]
    if associates:
        plural = associates > 1
        reasons.append(
            f"{associates} associate member{'s' if plural else ''} with a qualifying role "
            f"{'are' if plural else 'is'} not counted, as associates are not full members (§2.4)."
        )
    host = f"by its host, {host_name}" if host_name else "by an outside body"
    leadership = _verdict(
        controls,
        host=host,
        kind=kind,
        people=people,
        total=total,
        counting=counting,
        reasons=reasons,
    )
    return Classification(
        leadership=leadership,
        reasons=tuple(reasons),
        constituency=constituency,
        decision_makers=total,
        counting=counting,
        controls=controls,
    )


def _facts_missing(
    constituency: Constituency, controls: frozenset[Domain], what: str
) -> Classification:
    return Classification(
        leadership=Leadership.NEITHER,
        reasons=(f"{what}, so the facts cannot show the group to be run or led (G1(b)).",),
        constituency=constituency,
        decision_makers=0,
        counting=0,
        controls=controls,
        facts_missing=True,
    )


def _verdict(  # noqa: PLR0913 -- the facts the sentences are made of
    controls: frozenset[Domain],
    *,
    host: str,
    kind: str,
    people: str,
    total: int,
    counting: int,
    reasons: list[str],
) -> Leadership:
    """Decide run, led or neither from the counts and controls, adding the reasons."""
    if not controls:
        reasons.append(
            f"The group takes none of its money, personnel or policy decisions itself "
            f"(they are taken {host}), so its {kind} decides nothing that could make it run or "
            "led (§2.1)."
        )
        return Leadership.NEITHER
    outside = _ALL_DOMAINS - controls
    if outside:
        reasons.append(f"Its {_domain_list(outside)} decisions are taken {host} (§2.1).")
    else:
        reasons.append("The group takes its own money, personnel and policy decisions (§2.1).")

    if counting == total and not outside:
        reasons.append(f"Run: {people} make all the decisions (G1(b)).")
        return Leadership.RUN
    if counting == total:
        reasons.append(
            f"Led: {people} fill the {kind}, but decisions taken outside the group mean they "
            "do not make all the decisions (G1(b))."
        )
        return Leadership.LED
    if 2 * counting > total:
        reasons.append(
            f"Led: {people} are a majority of the {kind} but not the only decision-makers (G1(b))."
        )
        return Leadership.LED
    if 2 * counting == total:
        reasons.append(f"Neither: exactly half is not a majority of the {kind} (G1(b), §2.2).")
    else:
        reasons.append(f"Neither: {people} are not a majority of the {kind} (G1(b), §2.2).")
    return Leadership.NEITHER
