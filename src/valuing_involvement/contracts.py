"""Agreements between a commissioner and a group: contracts, SLAs, memoranda, grant letters.

``G4`` asks for a written agreement that sets out what each side expects without needless
bureaucracy.  :class:`Contract` records what such an agreement holds -- the facts the rules in
:mod:`valuing_involvement.rules` read.  Where the agreement is silent, the field's default says
so (``None`` for "not stated", an empty set for "none"), and the rules treat silence as the
guidelines would: something to raise, not something to assume.
"""

from __future__ import annotations

import datetime as dt
import decimal

import attrs

from valuing_involvement._bounds import in_context, months
from valuing_involvement._enums import (
    AsMember,
    AsMemberSet,
    AsOptionalMember,
    AsOptionalMemberSet,
    Choice,
    Ranked,
    ranked,
)
from valuing_involvement._validators import (
    all_instances,
    each_text,
    field_error,
    instance_of,
    is_date,
    members_of,
    non_negative_amount,
    optional,
    optional_text,
    text,
    to_amount,
    to_tuple,
)
from valuing_involvement.costs import Costs
from valuing_involvement.funding import FundingPeriod, ReportingFrequency
from valuing_involvement.groups import (
    Activity,
    Group,
    HostKind,
    Infrastructure,
    Leadership,
    LegalForm,
)

__all__ = [
    "AgreementKind",
    "Contract",
    "GroupPart",
    "Hosting",
    "Kpi",
    "KpiKind",
    "LegalStatus",
    "Representation",
    "Requirement",
    "Support",
    "Term",
    "Variation",
    "VariationKind",
    "Waiver",
]

_PENNY = decimal.Decimal("0.01")


class AgreementKind(Choice):
    """The form of the agreement; ``NONE`` records that nothing is written down (``G4``).

    A :class:`Contract` whose form is not stated (as in a 360Giving grant, which records an award
    and not the agreement behind it) has ``kind=None``; no member stands for that.
    """

    CONTRACT = "contract"
    SERVICE_LEVEL_AGREEMENT = "service_level_agreement"
    MEMORANDUM_OF_AGREEMENT = "memorandum_of_agreement"
    GRANT_LETTER = "grant_letter"
    NONE = "none"


class KpiKind(Choice):
    """What a performance indicator measures (``§2.15``)."""

    OUTPUT = "output"
    OUTCOME = "outcome"
    DIVERSITY = "diversity"


@ranked()
class GroupPart(Ranked):
    """The group's part in monitoring and evaluating its own work (``G4(c)``).

    Ranked none (0) < consulted < equal partner < leads (3).
    """

    NONE = "none"
    CONSULTED = "consulted"
    EQUAL_PARTNER = "equal_partner"
    LEADS = "leads"


class Support(Choice):
    """Support and training the commissioner offers the group (``G4(b)``, ``G4(d)(ii)``)."""

    ORGANISATIONAL_DEVELOPMENT = "organisational_development"
    SELF_EVALUATION = "self_evaluation"
    SKILLS_TRAINING = "skills_training"
    FUNDING_ADVICE = "funding_advice"


class Term(Choice):
    """Terms an agreement may hold (``§2.15``, ``§2.24``)."""

    GROUP_PROCEDURES = "group_procedures"
    EQUAL_OPPORTUNITIES = "equal_opportunities"
    COMPLAINTS = "complaints"
    FINANCE = "finance"
    INSURANCE = "insurance"
    CONFLICT_RESOLUTION = "conflict_resolution"
    DATA_PROTECTION = "data_protection"
    HEALTH_AND_SAFETY = "health_and_safety"
    ILL_HEALTH_FLEXIBILITY = "ill_health_flexibility"
    INVOLVEMENT_PAYMENTS = "involvement_payments"


class Representation(Choice):
    """Who speaks for the group's members on commissioning bodies (``G5(a)``).

    ``direct``: service users or carers themselves, paid or not; ``paid_workers``: paid
    workers who are neither service users nor carers, the case ``G5(a)`` objects to.
    """

    DIRECT = "direct"
    PAID_WORKERS = "paid_workers"
    NOT_REPRESENTED = "not_represented"


class VariationKind(Choice):
    """What a variation during the funding period changed (``§2.7``, ``§2.23``)."""

    TARGETS = "targets"
    CRITERIA = "criteria"
    FUNDING = "funding"
    REPORTING = "reporting"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Kpi:
    """A performance indicator or target, and whether it was agreed with the group.

    ``supported`` records whether help is offered to meet it (``§2.17``, ``§2.23``).  Both are
    ``None`` when not stated: unknown, never taken as "no" (the rules report only ``False``).

    >>> Kpi(description="Members from BME communities", kind=KpiKind.DIVERSITY).agreed_with_group
    """

    description: str = attrs.field(validator=text)
    kind: KpiKind = attrs.field(converter=AsMember[KpiKind], validator=instance_of(KpiKind))
    agreed_with_group: bool | None = attrs.field(
        default=None, validator=optional(instance_of(bool))
    )
    supported: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))


@attrs.frozen(kw_only=True)
class Requirement:
    """Something the agreement asks of the group, and the help offered with it.

    ``required`` records whether the agreement asks for it; ``group_ready`` that everyone
    concerned is confident the group has the skills the requirement needs (``G4(a)``);
    ``help_offered`` whether help is offered with it.  Each is ``None`` when the agreement does
    not say: unknown, never taken as "no".

    >>> Requirement(required=True, help_offered=True).group_ready is None
    True
    """

    required: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    help_offered: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    group_ready: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))


def _form_needs_requirement(
    instance: LegalStatus, attribute: attrs.Attribute[LegalForm | None], value: LegalForm | None
) -> None:
    if value is not None and instance.required is not True:
        stated = "none is required" if instance.required is False else "required is not stated"
        raise field_error(instance, attribute.name, f"names a legal form but {stated}")


@attrs.frozen(kw_only=True)
class LegalStatus:
    """Whether the agreement requires a legal status of the group, and which (``G4(a)``).

    One record holds the requirement and the form asked for, so the two cannot disagree:
    ``form`` is ``None`` when the agreement asks for "a legal status" without naming one, and
    may be set only when ``required`` is true.  ``group_ready`` records that everyone concerned
    is confident the people involved can carry the legal duties.  ``required``,
    ``help_offered`` and ``group_ready`` are ``None`` when the agreement does not say: unknown,
    never taken as "no", so ``LegalStatus()`` states nothing.

    >>> LegalStatus(required=True, form=LegalForm.CHARITY).group_ready is None
    True
    """

    required: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    form: LegalForm | None = attrs.field(
        default=None,
        converter=AsOptionalMember[LegalForm],
        validator=[optional(instance_of(LegalForm)), _form_needs_requirement],
    )
    help_offered: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    group_ready: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))


@attrs.frozen(kw_only=True)
class Hosting:
    """A hosting arrangement and the route it offers towards independence (``G4(b)``).

    ``kind`` is the kind of host (``None`` when the agreement does not say): ``G4(b)``
    describes hosting by a local voluntary sector agency.  ``skills_training`` is the condition
    ``G4(b)`` sets (``None`` when the agreement does not say); ``independence_plan`` records a
    plan towards independence, which does not stand in for the training (``None`` when the
    agreement does not say).

    >>> Hosting(host="Borough Mind", skills_training=True).independence_plan is None
    True
    """

    host: str = attrs.field(validator=text)
    kind: HostKind | None = attrs.field(
        default=None,
        converter=AsOptionalMember[HostKind],
        validator=optional(instance_of(HostKind)),
    )
    skills_training: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    independence_plan: bool | None = attrs.field(
        default=None, validator=optional(instance_of(bool))
    )


@attrs.frozen(kw_only=True)
class Variation:
    """A change made to the agreement during its period (``§2.7``, ``§2.23``).

    ``agreed_with_group`` is ``None`` when not stated: unknown, never taken as "no".

    >>> Variation(on=dt.date(2007, 10, 1), kind=VariationKind.TARGETS,
    ...           change="BME membership target doubled").agreed_with_group
    """

    on: dt.date = attrs.field(validator=is_date)
    kind: VariationKind = attrs.field(
        converter=AsMember[VariationKind], validator=instance_of(VariationKind)
    )
    change: str = attrs.field(validator=text)
    agreed_with_group: bool | None = attrs.field(
        default=None, validator=optional(instance_of(bool))
    )


@attrs.frozen(kw_only=True)
class Waiver:
    """A rule both sides agreed to set aside for this agreement, with the reason and a limit.

    A waived finding stays in the report, marked as waived.  A waiver that matches no finding,
    or whose ``until`` date has passed, is reported itself (``VI001``, ``VI002``).

    >>> Waiver(code="VI301", reason="pilot year", agreed_by="both parties").until is None
    True
    """

    code: str = attrs.field(validator=text)
    reason: str = attrs.field(validator=text)
    agreed_by: str = attrs.field(validator=text)
    until: dt.date | None = attrs.field(default=None, validator=optional(is_date))


def _length_without_dates(
    instance: Contract, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is None:
        return
    if type(value) is not int:  # instance_of(int) lets a bool through
        raise field_error(instance, attribute.name, f"must be a whole number, got {value!r}")
    if instance.period is not None:
        raise field_error(
            instance, attribute.name, "is only for a period whose dates are not known; got a period"
        )
    if value < 1:
        raise field_error(
            instance, attribute.name, f"must be at least 1 month, got {value}", code="out-of-range"
        )


@attrs.frozen(kw_only=True)
class Contract:
    """An agreement funding a group, as the rules read it.

    Required: ``commissioner`` (its name), ``kind``, ``amount_per_year`` (a
    :class:`~decimal.Decimal` in pounds) and ``period``.  Everything else defaults to "not
    stated" or "none", which is what an agreement that says nothing about it means.

    * ``kind``: the form of the agreement, ``AgreementKind.NONE`` when nothing is written down,
      or ``None`` when the form is not stated (a 360Giving grant records that money was
      awarded, not whether a contract, SLA, memorandum or letter stands behind it).  It stays
      required, so "not stated" is said (``kind=None``), never assumed by leaving it out;
      :attr:`written` is then ``None`` too, and ``VI400`` cannot judge.

    * ``period``: the dates funded, or ``None`` when the dates are not known (as in a
      360Giving grant that publishes only a duration).  ``length_months`` then records the
      length in whole months when that alone is known; it may be set only while ``period`` is
      ``None``, so a length can never disagree with dates.  :attr:`months` reads either.
      Rules that need only a length (``G3(d)``, ``§2.10``'s three years) use :attr:`months`;
      rules that need dates stay silent while ``period`` is ``None``.

    * ``group``: the group funded, when known; :func:`~valuing_involvement.check_contract` can
      also be given it separately, and in a portfolio ``group_reference`` names it by its
      ``reference``.  ``funded_as`` records whether the agreement funds the group *as*
      user/carer run or led.
    * ``overheads_funded``: whether the price includes the group's share of overheads (full
      cost recovery, footnote 2); ``None`` when the agreement does not say.  ``costs`` gives the
      project's costs, when known, so the price can be set against its full cost.
    * ``awarded_on``: the recorded date of the decision to award (360Giving's award date);
      ``date_modified``: the day the agreement's record last changed, when known.
    * ``renewal_decision_by``: the date by which the commissioner will say whether funding is
      renewed (``§2.10``); or, when the agreement gives no date, ``renewal_notice_months``: the
      notice promised before the period ends.
    * ``aims``, ``roles_bought`` (``§2.5``), ``kpis``, ``monitoring`` (the group's part in it,
      ``G4(c)``), ``reporting``.
    * ``legal_status`` (with the form asked for, ``G4(a)``) and ``business_plan`` (``§2.16``):
      requirements and the help offered.  Left out, each is a record that states nothing
      (every fact ``None``): an agreement that does not mention a legal status is not read as
      asking for none.
    * ``hosting``, ``support``, ``infrastructure`` (what the commissioner provides, ``G5(c)``),
      ``terms``, ``representation`` (``G5(a)``), ``variations`` and ``waivers``.
    * ``support`` and ``terms`` left out are empty: the agreement offers no support, holds no
      terms, and the rules that look for them report each one missing.  ``None`` says instead
      that the agreement's support or terms are not stated (a 360Giving grant records an
      award, not what the agreement behind it offers or asks): the rules that read them
      cannot judge and say so.
    * ``insurance_needed``: ``False`` when both sides record that the group needs no insurance
      for this work (``§2.15`` lists insurance "if needed"); ``None`` when not stated.
    * ``dual_monitoring``: ``True`` when the group also reports on this work to a funder in the
      other sector (health or social care) through a separate monitoring system (``§2.23``).
    * ``published``: the 360Giving grant the agreement was imported from, as published
      (compact JSON), or ``None``.  No rule reads it; the 360Giving export re-publishes that
      grant field for field, writing from the agreement only what the agreement changed.

    >>> import datetime as dt, decimal
    >>> contract = Contract(
    ...     commissioner="Lowmoor Joint Commissioning",
    ...     kind=AgreementKind.SERVICE_LEVEL_AGREEMENT,
    ...     amount_per_year=decimal.Decimal("24000"),
    ...     period=FundingPeriod.from_months(dt.date(2007, 4, 1), 36),
    ... )
    >>> contract.total_amount
    Decimal('72000.00')
    """

    commissioner: str = attrs.field(validator=text)
    kind: AgreementKind | None = attrs.field(
        converter=AsOptionalMember[AgreementKind], validator=optional(instance_of(AgreementKind))
    )
    amount_per_year: decimal.Decimal = attrs.field(
        converter=to_amount, validator=[instance_of(decimal.Decimal), non_negative_amount]
    )
    period: FundingPeriod | None = attrs.field(validator=optional(instance_of(FundingPeriod)))
    length_months: int | None = attrs.field(
        default=None, validator=optional([instance_of(int), months, _length_without_dates])
    )
    reference: str | None = attrs.field(default=None, validator=optional_text)
    title: str | None = attrs.field(default=None, validator=optional_text)
    awarded_on: dt.date | None = attrs.field(default=None, validator=optional(is_date))
    date_modified: dt.date | None = attrs.field(default=None, validator=optional(is_date))
    group: Group | None = attrs.field(default=None, validator=optional(instance_of(Group)))
    group_reference: str | None = attrs.field(default=None, validator=optional_text)
    funded_as: Leadership | None = attrs.field(
        default=None,
        converter=AsOptionalMember[Leadership],
        validator=optional(instance_of(Leadership)),
    )
    overheads_funded: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    costs: Costs | None = attrs.field(default=None, validator=optional(instance_of(Costs)))
    renewal_decision_by: dt.date | None = attrs.field(default=None, validator=optional(is_date))
    renewal_notice_months: int | None = attrs.field(
        default=None, validator=optional([instance_of(int), months])
    )
    aims: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=each_text)
    roles_bought: frozenset[Activity] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Activity], validator=members_of(Activity)
    )
    kpis: tuple[Kpi, ...] = attrs.field(
        default=(), converter=to_tuple, validator=all_instances(Kpi)
    )
    monitoring: GroupPart | None = attrs.field(
        default=None,
        converter=AsOptionalMember[GroupPart],
        validator=optional(instance_of(GroupPart)),
    )
    reporting: ReportingFrequency | None = attrs.field(
        default=None,
        converter=AsOptionalMember[ReportingFrequency],
        validator=optional(instance_of(ReportingFrequency)),
    )
    legal_status: LegalStatus = attrs.field(factory=LegalStatus, validator=instance_of(LegalStatus))
    business_plan: Requirement = attrs.field(
        factory=Requirement, validator=instance_of(Requirement)
    )
    hosting: Hosting | None = attrs.field(default=None, validator=optional(instance_of(Hosting)))
    support: frozenset[Support] | None = attrs.field(
        factory=frozenset,
        converter=AsOptionalMemberSet[Support],
        validator=optional(members_of(Support)),
    )
    infrastructure: frozenset[Infrastructure] = attrs.field(
        factory=frozenset,
        converter=AsMemberSet[Infrastructure],
        validator=members_of(Infrastructure),
    )
    terms: frozenset[Term] | None = attrs.field(
        factory=frozenset, converter=AsOptionalMemberSet[Term], validator=optional(members_of(Term))
    )
    insurance_needed: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    dual_monitoring: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    representation: Representation | None = attrs.field(
        default=None,
        converter=AsOptionalMember[Representation],
        validator=optional(instance_of(Representation)),
    )
    variations: tuple[Variation, ...] = attrs.field(
        default=(), converter=to_tuple, validator=all_instances(Variation)
    )
    waivers: tuple[Waiver, ...] = attrs.field(
        default=(), converter=to_tuple, validator=all_instances(Waiver)
    )
    published: str | None = attrs.field(default=None, validator=optional_text, repr=False)

    @property
    def months(self) -> int | None:
        """The length in whole months, from the dates or the recorded length; ``None`` if unknown.

        >>> import datetime as dt, decimal
        >>> Contract(commissioner="Lowmoor", kind="grant_letter", amount_per_year=1000,
        ...          period=None, length_months=36).months
        36
        """
        return self.length_months if self.period is None else self.period.months

    @property
    @in_context
    def total_amount(self) -> decimal.Decimal | None:
        """The amount over the whole period: the yearly amount pro rata to whole months.

        ``None`` when the length is not known.
        """
        length = self.months
        if length is None:
            return None
        return (self.amount_per_year * length / 12).quantize(_PENNY)

    @property
    def written(self) -> bool | None:
        """Whether there is a written agreement of any kind (``G4``); ``None`` if not stated.

        >>> grant = Contract(commissioner="Lowmoor", kind=None, amount_per_year=1000,
        ...                  period=None)
        >>> grant.written is None, attrs.evolve(grant, kind="grant_letter").written
        (True, True)
        """
        if self.kind is None:
            return None
        return self.kind is not AgreementKind.NONE
