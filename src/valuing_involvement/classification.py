"""The Wallcraft definition (``G1(b)``, ``§2.2``): is a group user/carer run, led or neither.

The rules, and the edge cases decided once for the whole library:

* A decision-maker is a voting member of the group's decision-making body.  A decision-maker
  *counts* when they hold a role in the group's constituency -- for a joint forum either role.
  Membership class does not decide: G1(b) looks at who sits and decides on the body, so a voting
  associate member counts by their roles like a full member (``§2.4`` describes associates as a
  looser tie, but takes no one's roles away).  Non-voting attendees are not decision-makers.
* **Run**: every decision-maker counts *and* the group takes all three key decisions (money,
  personnel, policy: the three ``§2.1`` and the groups' questionnaire ask about) itself.
* **Led**: people who count form a strict majority of the decision-makers, but they are not the
  only ones deciding -- someone else sits on the body, or an outside body takes some key
  decision.  Exactly half is not a majority.
* **Neither**: everything else, including a group run by professionals such as a therapy group
  or a day-centre drop-in (``§2.2``).
* This library's own reading, which the source does not state: a body whose group takes none of
  the three key decisions decides nothing that matters, so it cannot make the group run or led.
* With no decision-making body recorded, or none of its members voting, the facts cannot show
  the group to be run or led: the result is *neither* and the reasons say that facts are missing
  (:attr:`Classification.facts_missing`).
* Outside decisions are put to the host only when the facts say the host takes them
  (:attr:`~valuing_involvement.Host.takes`); otherwise the reasons say "outside the group".
  A group recorded as part of its host yet taking all three decisions itself is a
  contradiction in the facts, reported in the reasons and by
  :attr:`Classification.host_contradiction`.

A classification is a value of the facts alone, not of the group's name: groups with the same
facts get the same (shared) :class:`Classification`, which keeps classifying a large register
to a dictionary look-up a group.
"""

from __future__ import annotations

import functools

import attrs

from valuing_involvement._html import field_table, items
from valuing_involvement.groups import BodyKind, Constituency, Domain, Group, Leadership

__all__ = ["Classification", "classify_group"]

_ALL_DOMAINS = frozenset(Domain)
_DOMAIN_ORDER = (Domain.MONEY, Domain.PERSONNEL, Domain.POLICY)
_PEOPLE = {
    Constituency.SERVICE_USERS: "service users",
    Constituency.CARERS: "carers",
    Constituency.SERVICE_USERS_AND_CARERS: "service users or carers",
}
_PERSON = {
    Constituency.SERVICE_USERS: "a service user",
    Constituency.CARERS: "a carer",
    Constituency.SERVICE_USERS_AND_CARERS: "a service user or carer",
}
_ASSOCIATES = {True: "is an associate member", False: "are associate members"}
#: Where the key decisions come from: the two questions the reasons rest on.
_KEY_DECISIONS = "§2.1; groups' questionnaire Q4"


@attrs.frozen(kw_only=True)
class Classification:
    """The result of :func:`classify_group`, with the counts it rests on.

    * ``leadership``: run, led or neither;
    * ``reasons``: plain-language sentences, each citing the definition; never empty;
    * ``constituency``: the constituency whose roles were counted;
    * ``decision_makers`` and ``counting``: voting members, and those of them who count;
    * ``controls``: the key decisions the group takes itself;
    * ``facts_missing``: true when no decision-maker was recorded, so the result could not be
      established from the facts;
    * ``host_contradiction``: true when the group is recorded as part of its host yet takes all
      three key decisions itself -- the facts contradict each other.
    """

    leadership: Leadership
    reasons: tuple[str, ...]
    constituency: Constituency
    decision_makers: int
    counting: int
    controls: frozenset[Domain]
    facts_missing: bool = False
    host_contradiction: bool = False

    @property
    def majority(self) -> bool:
        """Whether people who count are a strict majority of the decision-makers."""
        return 2 * self.counting > self.decision_makers

    @property
    def outside(self) -> frozenset[Domain]:
        """The key decisions taken outside the group."""
        return _ALL_DOMAINS - self.controls

    def _repr_html_(self) -> str:
        """Render the classification as HTML for notebooks: the class, its counts and reasons.

        >>> from valuing_involvement import example_groups
        >>> page = classify_group(example_groups()[0])._repr_html_()
        >>> page.startswith("<div><table><caption>run</caption>")
        True
        """
        counted = (
            "no decision-maker recorded"
            if self.facts_missing
            else f"{self.counting} of {self.decision_makers} decision-makers count"
        )
        rows: list[tuple[str, object]] = [
            ("constituency", self.constituency.value.replace("_", " ")),
            ("who counts", counted),
            ("decides itself", _domain_list(self.controls) if self.controls else "nothing"),
            ("decided outside", _domain_list(self.outside) if self.outside else "nothing"),
        ]
        if self.host_contradiction:
            rows.append(("contradiction", "part of its host, yet takes every key decision"))
        table = field_table(rows, caption=self.leadership.value)
        return f"<div>{table}{items(self.reasons, ordered=True)}</div>"


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
    2 of 3 decision-makers on the management committee are service users (G1(b), §2.2).
    The group takes its own money, personnel and policy decisions (§2.1; groups' questionnaire Q4).
    Led: service users are a majority of the management committee but not the only decision-makers (G1(b)).
    """  # noqa: E501
    facts = group._facts  # noqa: SLF001 -- gathered when the group was built
    if facts[2] is not None and len(facts[2]) > _LONGEST_CACHED:  # a long host name: uncached
        return _decide.__wrapped__(*facts)
    return _decide(*facts)


_LONGEST_CACHED = 200  # characters of a host's name kept in the cache's keys


def _count_sentence(constituency: Constituency, kind: str, total: int, counting: int) -> str:
    makers = "decision-maker" if total == 1 else "decision-makers"
    who = _PERSON[constituency] if counting == 1 else _PEOPLE[constituency]
    verb = "is" if counting == 1 else "are"
    return f"{counting} of {total} {makers} on the {kind} {verb} {who} (G1(b), §2.2)."


@functools.lru_cache(maxsize=4096)
def _decide(  # noqa: PLR0913, PLR0917 -- every fact the classification reads, as a cache key
    constituency: Constituency,
    controls: frozenset[Domain],
    host_name: str | None,
    host_takes: frozenset[Domain],
    part_of_host: bool,
    body_kind: BodyKind | None,
    total: int,
    counting: int,
    associates: int,
) -> Classification:
    """Classify from the facts alone; equal facts share one result."""
    contradiction = part_of_host and controls == _ALL_DOMAINS
    if body_kind is None:
        return _facts_missing(
            constituency, controls, "No decision-making body is recorded", contradiction
        )
    kind = body_kind.value.replace("_", " ")
    if total == 0:
        return _facts_missing(
            constituency, controls, f"No voting members of the {kind} are recorded", contradiction
        )

    people = _PEOPLE[constituency]
    reasons = [_count_sentence(constituency, kind, total, counting)]
    if associates:
        reasons.append(
            f"{associates} of them {_ASSOCIATES[associates == 1]}, counted by their roles: the "
            "definition looks at who sits and decides on the body, not at membership class "
            "(G1(b), §2.4)."
        )
    if contradiction:
        reasons.append(_CONTRADICTION)
    leadership = _verdict(
        controls,
        host=(host_name, host_takes),
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
        host_contradiction=contradiction,
    )


_CONTRADICTION = (
    "The group is recorded as part of its host, yet takes its own money, personnel and policy "
    f"decisions: the facts contradict each other ({_KEY_DECISIONS})."
)


def _facts_missing(
    constituency: Constituency,
    controls: frozenset[Domain],
    what: str,
    contradiction: bool,
) -> Classification:
    reasons = [f"{what}, so the facts cannot show the group to be run or led (G1(b))."]
    if contradiction:
        reasons.append(_CONTRADICTION)
    return Classification(
        leadership=Leadership.NEITHER,
        reasons=tuple(reasons),
        constituency=constituency,
        decision_makers=0,
        counting=0,
        controls=controls,
        facts_missing=True,
        host_contradiction=contradiction,
    )


def _taken_by(outside: frozenset[Domain], host: tuple[str | None, frozenset[Domain]]) -> list[str]:
    """Say who takes the ``outside`` decisions: the host only where the facts say it does."""
    name, takes = host
    by_host = outside & takes if name else frozenset()
    elsewhere = outside - by_host
    sentences = []
    if by_host:
        sentences.append(
            f"Its {_domain_list(by_host)} decisions are taken by its host, {name} "
            f"({_KEY_DECISIONS})."
        )
    if elsewhere:
        sentences.append(
            f"Its {_domain_list(elsewhere)} decisions are taken outside the group "
            f"({_KEY_DECISIONS})."
        )
    return sentences


def _verdict(  # noqa: PLR0913 -- the facts the sentences are made of
    controls: frozenset[Domain],
    *,
    host: tuple[str | None, frozenset[Domain]],
    kind: str,
    people: str,
    total: int,
    counting: int,
    reasons: list[str],
) -> Leadership:
    """Decide run, led or neither from the counts and controls, adding the reasons."""
    outside = _ALL_DOMAINS - controls
    if not controls:
        reasons.extend(_taken_by(outside, host))
        reasons.append(
            f"By this library's reading, which the source does not state, a {kind} whose group "
            "takes none of its money, personnel or policy decisions decides nothing that could "
            f"make it run or led ({_KEY_DECISIONS})."
        )
        return Leadership.NEITHER
    if outside:
        reasons.extend(_taken_by(outside, host))
    else:
        reasons.append(
            f"The group takes its own money, personnel and policy decisions ({_KEY_DECISIONS})."
        )

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
