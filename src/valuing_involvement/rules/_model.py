"""The rule catalogue's building blocks: severities, parameters, rules and the registry."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from valuing_involvement._enums import Ranked, ranked
from valuing_involvement._validators import instance_of

if TYPE_CHECKING:
    from valuing_involvement.classification import Classification
    from valuing_involvement.contracts import Contract
    from valuing_involvement.groups import Group
    from valuing_involvement.portfolio import Portfolio
    from valuing_involvement.reports import Finding

__all__ = [
    "Context",
    "Evidence",
    "Hit",
    "Parameter",
    "ParameterValue",
    "PortfolioContext",
    "Registry",
    "Rule",
    "Severity",
]

#: A fact or parameter a finding rests on, as JSON-ready data.
Evidence = str | int | bool | None
#: A threshold's value: whole numbers (months, counts) or amounts in pounds.
ParameterValue = int | decimal.Decimal

_CODE = re.compile(r"VI\d{3}")
_CITATION = re.compile(
    r"G[1-5](\([a-f]\)(\((?:i|ii|iii|iv|v|vi|vii)\)(\([12]\))?)?)?|§[12]\.\d{1,2}|footnote \d"
)
_NAME = re.compile(r"[a-z]+(-[a-z0-9]+)*")


@ranked(highest_first=True)
class Severity(Ranked):
    """How much a finding matters: ``error`` > ``warning`` > ``advice``.

    >>> Severity.ERROR.rank > Severity.ADVICE.rank
    True
    """

    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"


def _citations(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise ValueError(f"{attribute.name}: a rule or parameter needs at least one citation")
    for citation in value:
        if not isinstance(citation, str) or not _CITATION.fullmatch(citation):
            raise ValueError(
                f"{attribute.name}: {citation!r} is not a citation like G4(c) or §2.15"
            )


def _name(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise ValueError(f"{attribute.name}: {value!r} is not a kebab-case name")


@attrs.frozen(kw_only=True)
class Parameter:
    """A named, cited threshold that a local policy may change.

    ``looser`` says which way relaxes the rule: ``+1`` when a larger value fires less often,
    ``-1`` when a smaller one does.
    """

    name: str = attrs.field(validator=_name)
    default: ParameterValue = attrs.field(validator=instance_of((int, decimal.Decimal)))
    unit: str = attrs.field(validator=instance_of(str))
    citations: tuple[str, ...] = attrs.field(validator=_citations)
    description: str = attrs.field(validator=instance_of(str))
    looser: int = attrs.field(default=1, validator=attrs.validators.in_((1, -1)))

    def coerce(self, value: object) -> ParameterValue:
        """Check a policy's value for this parameter and convert it to the default's type.

        >>> Parameter(name="x", default=decimal.Decimal(1), unit="pounds", citations=("G4",),
        ...           description="").coerce("2500")
        Decimal('2500')
        """
        if isinstance(self.default, decimal.Decimal):
            if isinstance(value, bool) or not isinstance(value, int | str | decimal.Decimal):
                raise TypeError(f"{self.name} takes an amount in pounds, got {value!r}")
            try:
                amount = decimal.Decimal(value)
            except decimal.InvalidOperation:
                raise ValueError(f"{self.name} takes an amount in pounds, got {value!r}") from None
            if not amount.is_finite() or amount < 0:
                raise ValueError(f"{self.name} takes a non-negative amount, got {value!r}")
            return amount
        if type(value) is not int or value < 0:
            raise ValueError(f"{self.name} takes a whole number of {self.unit}, got {value!r}")
        return value


@attrs.frozen(kw_only=True)
class Hit:
    """What a rule's check reports: a specific message, the path at fault and the evidence."""

    message: str
    path: str
    evidence: Mapping[str, Evidence] = attrs.field(factory=dict, hash=False)


class _Thresholds:
    """Typed access to the resolved parameters, shared by the contexts that carry them."""

    __slots__ = ()
    parameters: Mapping[str, ParameterValue]

    def months(self, name: str) -> int:
        """Return a whole-number parameter (months, counts)."""
        value = self.parameters[name]
        if not isinstance(value, int):  # pragma: no cover - guarded by Parameter.coerce
            raise TypeError(name)
        return value

    def amount(self, name: str) -> decimal.Decimal:
        """Return an amount (pounds) or share parameter."""
        value = self.parameters[name]
        if not isinstance(value, decimal.Decimal):  # pragma: no cover - guarded by coerce
            raise TypeError(name)
        return value


@attrs.frozen(kw_only=True)
class Context(_Thresholds):
    """Everything a check may read, computed once per agreement.

    ``findings`` and ``skipped`` (the codes of the rules the policy switched off) are filled
    only for the waiver rules, which look at what the other rules found.
    """

    contract: Contract
    group: Group | None
    classification: Classification | None
    on: dt.date
    parameters: Mapping[str, ParameterValue] = attrs.field(hash=False)
    findings: tuple[Finding, ...] = ()
    skipped: frozenset[str] = frozenset()


@attrs.frozen(kw_only=True)
class PortfolioContext(_Thresholds):
    """What a commissioner-, strategy- or portfolio-level check may read, computed once.

    ``funded`` pairs each agreement with the group it funds (``None`` when unknown), and
    ``classifications`` holds the classification of each of the portfolio's groups, in order.
    """

    portfolio: Portfolio
    on: dt.date
    parameters: Mapping[str, ParameterValue] = attrs.field(hash=False)
    funded: tuple[tuple[Contract, Group | None], ...] = ()
    classifications: tuple[Classification, ...] = ()


@attrs.frozen(kw_only=True)
class GrantContext:
    """What a 360Giving quality check reads: one grant as plain JSON data, and the date."""

    grant: Mapping[str, Any] = attrs.field(hash=False)
    index: int
    on: dt.date


Check = Callable[[Context], Iterable[Hit]]
PortfolioCheck = Callable[[PortfolioContext], Iterable[Hit]]

#: What each subject's check reads: ``contract`` and ``waiver`` rules a :class:`Context`, the
#: others a :class:`PortfolioContext`.
CONTRACT_SUBJECTS = frozenset({"contract", "waiver"})
PORTFOLIO_SUBJECTS = frozenset({"commissioner", "strategy", "involvement", "portfolio"})
#: Quality checks on published 360Giving grants read a :class:`GrantContext`.
GRANT_SUBJECTS = frozenset({"grant"})


@attrs.frozen(kw_only=True)
class Rule:
    """One documented check of the catalogue, with a stable code that is never reused.

    ``title`` states the finding in a sentence; ``rationale`` says why the guidelines care;
    ``remedy`` says what to do instead.  ``check`` is a pure function of a :class:`Context`
    for agreement rules, or of a :class:`PortfolioContext` for the rules whose ``subject`` is a
    commissioner, strategy, involvement or portfolio.
    """

    code: str = attrs.field(validator=attrs.validators.matches_re(_CODE))
    name: str = attrs.field(validator=_name)
    title: str = attrs.field(validator=instance_of(str))
    severity: Severity = attrs.field(validator=instance_of(Severity))
    citations: tuple[str, ...] = attrs.field(validator=_citations)
    rationale: str = attrs.field(validator=instance_of(str))
    remedy: str = attrs.field(validator=instance_of(str))
    check: Check | PortfolioCheck = attrs.field(eq=False, repr=False)
    parameters: tuple[str, ...] = ()
    subject: str = attrs.field(
        default="contract",
        validator=attrs.validators.in_(CONTRACT_SUBJECTS | PORTFOLIO_SUBJECTS | GRANT_SUBJECTS),
    )


def _by_code(rules: Iterable[Rule]) -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for rule in sorted(rules, key=lambda r: r.code):
        if rule.code in table:
            raise ValueError(f"duplicate rule code {rule.code}")
        table[rule.code] = rule
    return table


def _by_name(parameters: Iterable[Parameter]) -> dict[str, Parameter]:
    table: dict[str, Parameter] = {}
    for parameter in parameters:
        if parameter.name in table:
            raise ValueError(f"duplicate parameter {parameter.name}")
        table[parameter.name] = parameter
    return table


@attrs.frozen(kw_only=True, eq=False)
class Registry:
    """An immutable catalogue of rules and parameters, in code order.

    Building one refuses a duplicate code or parameter, a rule without citations, and a rule
    that names an unknown parameter.
    """

    _rules: Mapping[str, Rule] = attrs.field(alias="rules", converter=_by_code)
    _parameters: Mapping[str, Parameter] = attrs.field(alias="parameters", converter=_by_name)

    def __attrs_post_init__(self) -> None:
        for rule in self._rules.values():
            unknown = set(rule.parameters) - set(self._parameters)
            if unknown:
                raise ValueError(f"{rule.code} names unknown parameters: {sorted(unknown)}")

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __getitem__(self, code: str) -> Rule:
        try:
            return self._rules[code]
        except KeyError:
            raise KeyError(f"no rule {code!r} in the catalogue") from None

    @property
    def parameters(self) -> Mapping[str, Parameter]:
        """The parameters by name."""
        return self._parameters

    def matching(self, prefix: str) -> tuple[Rule, ...]:
        """Return the rules whose code starts with ``prefix`` (``"VI3"``, ``"VI301"``, ``"VI"``).

        >>> from valuing_involvement import RULES
        >>> [rule.code for rule in RULES.matching("VI0")]
        ['VI001', 'VI002']
        """
        return tuple(rule for rule in self if rule.code.startswith(prefix))

    def select(self, select: Iterable[str], ignore: Iterable[str]) -> tuple[Rule, ...]:
        """Return the rules chosen by ``select`` and ``ignore`` prefixes, as ruff chooses them.

        For each rule the longest matching prefix decides; on a tie, ``ignore`` wins.  A prefix
        that matches no rule is an error, so a typo cannot silently switch checks off.

        >>> from valuing_involvement import RULES
        >>> [rule.code for rule in RULES.select(["VI30"], ["VI302", "VI303", "VI304"])]
        ['VI301', 'VI305', 'VI306']
        """
        chosen, dropped = tuple(select), tuple(ignore)
        for prefix in (*chosen, *dropped):
            if not self.matching(prefix):
                raise ValueError(f"{prefix!r} matches no rule code")
        selected = []
        for rule in self:
            best_in = max((len(p) for p in chosen if rule.code.startswith(p)), default=-1)
            best_out = max((len(p) for p in dropped if rule.code.startswith(p)), default=-1)
            if best_in > best_out:
                selected.append(rule)
        return tuple(selected)
