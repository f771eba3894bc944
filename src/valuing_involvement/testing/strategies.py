"""Hypothesis strategies for every public model, for this library's tests and for yours.

Install the ``hypothesis`` extra (``pip install "valuing-involvement[hypothesis]"``).  Each
function returns a :class:`~hypothesis.strategies.SearchStrategy` of valid models; keyword
arguments pin parts of what is generated.  The strategies are also registered with hypothesis
through its entry point, so ``st.from_type(Group)`` works once the package is installed.

>>> from hypothesis import given
>>> @given(groups(constituency=st.just(Constituency.CARERS)))
... def test_carer_groups(group):
...     assert group.constituency is Constituency.CARERS
>>> test_carer_groups()
"""

from __future__ import annotations

from hypothesis import find  # noqa: F401 -- the docstring examples use it
from hypothesis import strategies as st

from valuing_involvement.classification import Classification, classify_group
from valuing_involvement.groups import (
    Activity,
    BodyKind,
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Host,
    HostKind,
    LegalForm,
    Member,
)
from valuing_involvement.roles import CareLevel, PersonFacts, Relationship, Role, ServiceUse

__all__ = [
    "classifications",
    "decision_bodies",
    "groups",
    "hosts",
    "members",
    "names",
    "person_facts",
    "roles",
]


def names(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Generate non-blank text, as used for group and host names.

    >>> find(names(), lambda name: len(name) > 3).strip() != ""
    True
    """
    return st.text(min_size=1, max_size=max_size).filter(str.strip)


def roles() -> st.SearchStrategy[frozenset[Role]]:
    """Generate any set of roles, the empty set included.

    >>> sorted(role.value for role in find(roles(), lambda found: len(found) == 2))
    ['carer', 'service_user']
    """
    return st.frozensets(st.sampled_from(Role))


_any_roles = roles  # the keyword argument ``roles`` of members() shadows the function


def person_facts() -> st.SearchStrategy[PersonFacts]:
    """Generate facts about a person: their use of services and how they help others.

    >>> find(person_facts(), lambda facts: facts.care_levels).service_use is ServiceUse.NONE
    False
    """
    used = st.builds(
        PersonFacts,
        service_use=st.sampled_from([ServiceUse.CURRENT, ServiceUse.PAST]),
        care_levels=st.frozensets(st.sampled_from(CareLevel)),
        helps=st.frozensets(st.sampled_from(Relationship)),
    )
    never = st.builds(
        PersonFacts,
        service_use=st.just(ServiceUse.NONE),
        helps=st.frozensets(st.sampled_from(Relationship)),
    )
    return used | never


def members(
    *,
    roles: st.SearchStrategy[frozenset[Role]] | None = None,
    voting: st.SearchStrategy[bool] | None = None,
    associate: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Member]:
    """Generate a seat on a decision-making body.

    >>> find(members(voting=st.just(False)), lambda member: True).voting
    False
    """
    return st.builds(
        Member,
        roles=_any_roles() if roles is None else roles,
        voting=st.booleans() if voting is None else voting,
        associate=st.booleans() if associate is None else associate,
        paid=st.booleans(),
        label=st.none() | st.text(max_size=20),
        private=st.booleans(),
    )


_any_members = members  # the keyword argument ``members`` of decision_bodies() shadows it


def decision_bodies(
    *, members: st.SearchStrategy[Member] | None = None, min_size: int = 0, max_size: int = 15
) -> st.SearchStrategy[DecisionBody]:
    """Generate a decision-making body of ``min_size`` to ``max_size`` members.

    >>> len(find(decision_bodies(min_size=3, max_size=3), lambda body: True).members)
    3
    """
    seat = _any_members() if members is None else members
    return st.builds(
        DecisionBody,
        members=st.lists(seat, min_size=min_size, max_size=max_size),
        kind=st.sampled_from(BodyKind),
    )


def hosts() -> st.SearchStrategy[Host]:
    """Generate an organisation hosting a group.

    >>> find(hosts(), lambda host: host.kind is HostKind.NHS_TRUST).kind.value
    'nhs_trust'
    """
    return st.builds(Host, name=names(), kind=st.sampled_from(HostKind))


def groups(
    *,
    constituency: st.SearchStrategy[Constituency] | None = None,
    decision_body: st.SearchStrategy[DecisionBody | None] | None = None,
    controls: st.SearchStrategy[frozenset[Domain]] | None = None,
    host: st.SearchStrategy[Host | None] | None = None,
) -> st.SearchStrategy[Group]:
    """Generate a group, with every optional fact sometimes present and sometimes not.

    >>> find(groups(decision_body=st.none()), lambda group: True).decision_body is None
    True
    """
    body = st.none() | decision_bodies() if decision_body is None else decision_body
    return st.builds(
        Group,
        name=names(),
        constituency=st.sampled_from(Constituency) if constituency is None else constituency,
        decision_body=body,
        controls=st.frozensets(st.sampled_from(Domain)) if controls is None else controls,
        host=st.none() | hosts() if host is None else host,
        legal_form=st.none() | st.sampled_from(LegalForm),
        activities=st.frozensets(st.sampled_from(Activity)),
        communities=st.frozensets(names(max_size=20), max_size=3),
        reference=st.none() | names(max_size=12),
    )


def classifications() -> st.SearchStrategy[Classification]:
    """Generate the classification of a generated group.

    >>> find(classifications(), lambda c: c.leadership.value == "run").leadership.value
    'run'
    """
    return groups().map(classify_group)


def _hypothesis_setup_hook() -> None:
    """Register the strategies with hypothesis (called through its entry point)."""
    st.register_type_strategy(PersonFacts, person_facts())
    st.register_type_strategy(Member, members())
    st.register_type_strategy(DecisionBody, decision_bodies())
    st.register_type_strategy(Host, hosts())
    st.register_type_strategy(Group, groups())
    st.register_type_strategy(Classification, classifications())
