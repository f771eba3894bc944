"""The rule kernel: severities, parameters, rules, findings, the registry and the runner.

Everything a rule is made of and everything that runs one lives here, so a reader learns the
engine from one module.  A rule's metadata stands beside its check through the :func:`rule`
decorator; a :class:`Registry` holds a catalogue with its own version; :func:`run` turns a
context into :class:`Finding` objects.  Nothing here knows which rules exist.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, Protocol, TypeVar

import attrs

from valuing_involvement._bounds import parameter_range, parse_decimal, shown
from valuing_involvement._enums import Choice, Ranked, ranked
from valuing_involvement._frozen import FrozenDict
from valuing_involvement._validators import instance_of, is_date, optional, text
from valuing_involvement.rules._codes import RESERVED_CODE
from valuing_involvement.rules._paragraphs import FORCES, PARAGRAPHS

__all__ = [
    "Evidence",
    "Finding",
    "Hit",
    "Modality",
    "Origin",
    "Parameter",
    "ParameterValue",
    "Registry",
    "Rule",
    "Severity",
    "Subject",
    "rule",
    "run",
    "unjudged",
]

#: A fact or parameter a finding rests on, as JSON-ready data.
Evidence = str | int | bool | None
#: A threshold's value: whole numbers (months, counts) or amounts in pounds.
ParameterValue = int | decimal.Decimal

_CODE = re.compile(r"VI\d{3}")
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


class Modality(Choice):
    """How strongly the source speaks in the paragraph a rule rests on.

    The guidelines' own instructions (``should``) make warnings; what they only suggest
    (``consider``: "should consider", "could be considered", "it is useful"), give as one way
    among others (``example``: "might include", "such as") or report from the survey or the
    groups' wishes (``finding``, the §2.x findings) make advice.  A local policy may raise any
    severity.  Two kinds of rule rest on no paragraph of the guidelines: ``bookkeeping``
    (this library's checks of an agreement's own waivers) and ``standard`` (the 360Giving data
    standard); their severities are set case by case.

    >>> [m.value for m in Modality if m.severity is Severity.WARNING]
    ['should']
    """

    SHOULD = "should"
    CONSIDER = "consider"
    EXAMPLE = "example"
    FINDING = "finding"
    BOOKKEEPING = "bookkeeping"
    STANDARD = "standard"

    @property
    def severity(self) -> Severity | None:
        """The severity the wording earns, or ``None`` where it is set case by case."""
        return _MODALITY_SEVERITY.get(self)

    @property
    def cited(self) -> bool:
        """Whether the modality is a force of the source's wording (see ``_paragraphs``).

        >>> Modality.CONSIDER.cited, Modality.STANDARD.cited
        (True, False)
        """
        return self.value in FORCES


#: The one table from the force of the source's words to a finding's default severity.
_MODALITY_SEVERITY = {
    Modality.SHOULD: Severity.WARNING,
    Modality.CONSIDER: Severity.ADVICE,
    Modality.EXAMPLE: Severity.ADVICE,
    Modality.FINDING: Severity.ADVICE,
}


class Origin(Choice):
    """Where a parameter's default comes from.

    ``source`` when the cited paragraph states the number itself; ``default`` when it is this
    library's calibration of a rule the source states without a number.
    """

    SOURCE = "source"
    DEFAULT = "default"


class Subject(Choice):
    """What a rule checks, and so which context its check reads.

    ``contract`` and ``waiver`` rules read a
    :class:`~valuing_involvement.rules.Context` (waiver rules run last, on what the others
    found); ``commissioner``, ``strategy``, ``involvement`` and ``portfolio`` rules read a
    :class:`~valuing_involvement.rules.PortfolioContext`; ``grant`` rules read one published
    360Giving grant, a :class:`~valuing_involvement.rules.GrantContext`.
    """

    CONTRACT = "contract"
    WAIVER = "waiver"
    COMMISSIONER = "commissioner"
    STRATEGY = "strategy"
    INVOLVEMENT = "involvement"
    PORTFOLIO = "portfolio"
    GRANT = "grant"


def _citations(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name}: expected a tuple of citations, got {value!r}")
    # Only the library's own bookkeeping rests on no paragraph of the source.
    if not value and getattr(instance, "modality", None) is not Modality.BOOKKEEPING:
        raise ValueError(f"{attribute.name}: a rule or parameter needs at least one citation")
    for citation in value:
        if not isinstance(citation, str) or citation not in PARAGRAPHS:
            raise ValueError(
                f"{attribute.name}: {citation!r} is not a paragraph of the source, cited like "
                "G4(c) or §2.15 (see rules/_paragraphs.py)"
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
    origin: Origin = attrs.field(validator=instance_of(Origin))
    looser: int = attrs.field(default=1, validator=attrs.validators.in_((1, -1)))

    def coerce(self, value: object) -> ParameterValue:
        """Check a policy's value for this parameter and convert it to the default's type.

        >>> Parameter(name="x", default=decimal.Decimal(1), unit="pounds", citations=("G4",),
        ...           description="", origin=Origin.DEFAULT).coerce("2500")
        Decimal('2500')
        """
        amount = isinstance(self.default, decimal.Decimal)
        low, high, places = parameter_range(self.unit, amount=amount)
        number: ParameterValue
        if amount:
            if isinstance(value, bool) or not isinstance(value, int | str | decimal.Decimal):
                raise TypeError(f"{self.name} takes an amount in {self.unit}, got {shown(value)}")
            try:
                number = parse_decimal(value) if isinstance(value, str) else decimal.Decimal(value)
            except ValueError:
                raise ValueError(f"{self.name} takes an amount, got {shown(value)}") from None
            exponent = number.as_tuple().exponent
            if not isinstance(exponent, int) or -exponent > places:
                raise ValueError(f"{self.name} takes at most {places} decimal places")
        elif type(value) is not int:
            raise ValueError(f"{self.name} takes a whole number of {self.unit}, got {shown(value)}")
        else:
            number = value
        if not low <= number <= high:
            raise ValueError(f"{self.name} takes {low} to {high} {self.unit}, got {shown(value)}")
        return number


@attrs.frozen(kw_only=True)
class Hit:
    """What a rule's check reports: a specific message, the path at fault and the evidence."""

    message: str
    path: str
    evidence: Mapping[str, Evidence] = attrs.field(factory=dict, hash=False)


class Waiving(Protocol):
    """What a waiver must say for a finding to record it (an agreement's ``Waiver`` does)."""

    @property
    def code(self) -> str: ...  # pragma: no cover - a protocol's member has no body to run
    @property
    def reason(self) -> str: ...  # pragma: no cover
    @property
    def agreed_by(self) -> str: ...  # pragma: no cover
    @property
    def until(self) -> dt.date | None: ...  # pragma: no cover


@attrs.frozen(kw_only=True)
class WaiverRecord:
    """The waiver that set a finding aside, as the finding keeps it.

    The engine's own record, so that it knows no agreement model: the check copies an
    agreement's :class:`~valuing_involvement.Waiver` into it with :meth:`of`.  It has the
    waiver's fields, and reads and writes the same JSON.

    >>> from valuing_involvement import Waiver
    >>> WaiverRecord.of(Waiver(code="VI301", reason="pilot year", agreed_by="both parties"))
    WaiverRecord(code='VI301', reason='pilot year', agreed_by='both parties', until=None)
    """

    code: str = attrs.field(validator=text)
    reason: str = attrs.field(validator=text)
    agreed_by: str = attrs.field(validator=text)
    until: dt.date | None = attrs.field(default=None, validator=optional(is_date))

    @classmethod
    def of(cls, waiver: Waiving) -> WaiverRecord:
        """Record ``waiver`` (anything with a waiver's four fields)."""
        return cls(
            code=waiver.code, reason=waiver.reason, agreed_by=waiver.agreed_by, until=waiver.until
        )


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found: what is wrong, where, why, and what to do instead.

    ``path`` is the JSON path of the field at fault in the checked document; ``evidence``
    holds the facts and parameters the rule read, so that no consumer has to parse
    ``message``; it is read-only.  ``waiver`` is set when the agreement itself waives the finding
    (a :class:`WaiverRecord` of the agreement's waiver).
    ``subject`` names what the finding is about in words a person uses -- the agreement's
    reference and group, the commissioner, the strategy, the grant -- so findings can be grouped
    by agreement without reading paths; the callers of :func:`run` fill it in.
    """

    code: str
    name: str
    severity: Severity
    message: str
    citations: tuple[str, ...]
    path: str
    remedy: str
    # The class itself converts, without a Python-level helper's call: a finding is built per
    # hit, so the helper's frame was a visible share of a check.
    evidence: Mapping[str, Evidence] = attrs.field(
        factory=FrozenDict, converter=FrozenDict, hash=False
    )
    waiver: WaiverRecord | None = None
    subject: str | None = None

    @property
    def waived(self) -> bool:
        """Whether the agreement waives this finding."""
        return self.waiver is not None

    def sort_key(self) -> tuple[int, str, str, str]:
        """Order findings: most severe first, then by code, path and message.

        >>> from valuing_involvement import check_contract, example_contracts
        >>> findings = check_contract(example_contracts()[2]).findings
        >>> [f.code for f in sorted(findings, key=Finding.sort_key)][:2]
        ['VI101', 'VI302']
        """
        return (_FIRST[self.severity], self.code, self.path, self.message)


#: Each severity's place in a report, most severe first: a table, since every finding of
#: every check is sorted and the enum's ``rank`` property is a Python call.
_FIRST = {severity: -severity.rank for severity in Severity}

C = TypeVar("C")
#: A rule's check: a pure function of its context, yielding what it found.
Check = Callable[[C], Iterable[Hit]]


@attrs.frozen(kw_only=True)
class Rule(Generic[C]):
    """One documented check of the catalogue, with a stable code that is never reused.

    ``title`` states the finding in a sentence; ``rationale`` says why the guidelines care;
    ``remedy`` says what to do instead.  ``modality`` records how strongly the cited wording
    speaks: it must be the force recorded for one of the cited paragraphs
    (``rules/_paragraphs.py``), and ``severity`` follows from it (see :class:`Modality`);
    ``contradiction`` marks the rare rule whose facts contradict what the agreement itself
    states, which is an error.
    ``check`` is a pure function of the context its ``subject`` reads (see :class:`Subject`).
    ``unknown``, when given, says of a context that every fact the check reads is unrecorded
    there, so its silence shows nothing (see :func:`unjudged`).
    Build rules with the :func:`rule` decorator, so the metadata stands on top of the check.
    """

    code: str = attrs.field(validator=attrs.validators.matches_re(_CODE))
    name: str = attrs.field(validator=_name)
    title: str = attrs.field(validator=instance_of(str))
    modality: Modality = attrs.field(validator=instance_of(Modality))
    severity: Severity = attrs.field(validator=instance_of(Severity))
    citations: tuple[str, ...] = attrs.field(validator=_citations)
    rationale: str = attrs.field(validator=instance_of(str))
    remedy: str = attrs.field(validator=instance_of(str))
    subject: Subject = attrs.field(validator=instance_of(Subject))
    check: Callable[[C], Iterable[Hit]] = attrs.field(eq=False, repr=False)
    parameters: tuple[str, ...] = ()
    contradiction: bool = False
    unknown: Callable[[Any], bool] | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.code == RESERVED_CODE:
            raise ValueError(f"{self.code} is reserved to mean no rule (see rules/_codes.py)")
        if self.modality.cited:
            forces = {PARAGRAPHS[c].force for c in self.citations}
            if self.modality.value not in forces:
                raise ValueError(
                    f"{self.code}: none of its paragraphs ({', '.join(self.citations)}) speaks "
                    f"with {self.modality.value!r} force; theirs: "
                    + ", ".join(f"{c} {PARAGRAPHS[c].force}" for c in self.citations)
                    + " (see rules/_paragraphs.py)"
                )
        earned = Severity.ERROR if self.contradiction else self.modality.severity
        if earned is not None and self.severity is not earned:
            raise ValueError(
                f"{self.code}: a rule resting on {self.modality.value!r} wording is "
                f"{earned.value}, not {self.severity.value}"
            )


def rule(  # noqa: PLR0913 -- a rule's documented metadata, all keyword-only
    *,
    code: str,
    name: str,
    title: str,
    modality: Modality,
    citations: tuple[str, ...],
    rationale: str,
    remedy: str,
    subject: Subject,
    parameters: tuple[str, ...] = (),
    severity: Severity | None = None,
    contradiction: bool = False,
    unknown: Callable[[Any], bool] | None = None,
) -> Callable[[Callable[[C], Iterable[Hit]]], Rule[C]]:
    """Declare the check below as a rule of the catalogue, with its metadata on top.

    The decorated name becomes the :class:`Rule`; its ``check`` is the function.  The
    severity follows from ``modality`` (an error where ``contradiction`` is set); give
    ``severity`` only for the ``bookkeeping`` and ``standard`` rules, which rest on no wording
    of the guidelines.

    >>> @rule(
    ...     code="VI999",
    ...     name="always",
    ...     title="Always fires.",
    ...     modality=Modality.FINDING,
    ...     citations=("§2.15",),
    ...     rationale="An example.",
    ...     remedy="None.",
    ...     subject=Subject.CONTRACT,
    ... )
    ... def always(ctx):
    ...     yield Hit(message="here", path="$")
    >>> always.code, always.severity.value, [hit.path for hit in always.check(None)]
    ('VI999', 'advice', ['$'])
    """
    chosen = severity or (Severity.ERROR if contradiction else modality.severity)
    if chosen is None:
        raise ValueError(f"{code}: a {modality.value} rule needs its severity given")

    def declare(check: Callable[[C], Iterable[Hit]]) -> Rule[C]:
        return Rule(
            code=code,
            name=name,
            title=title,
            modality=modality,
            severity=chosen,
            citations=citations,
            rationale=rationale,
            remedy=remedy,
            subject=subject,
            check=check,
            parameters=parameters,
            contradiction=contradiction,
            unknown=unknown,
        )

    return declare


def _by_code(rules: Iterable[Rule[Any]]) -> Mapping[str, Rule[Any]]:
    table: dict[str, Rule[Any]] = {}
    for item in sorted(rules, key=lambda r: r.code):
        if item.code in table:
            raise ValueError(f"duplicate rule code {item.code}")
        table[item.code] = item
    return FrozenDict(table)


def _by_name(parameters: Iterable[Parameter]) -> Mapping[str, Parameter]:
    table: dict[str, Parameter] = {}
    for parameter in parameters:
        if parameter.name in table:
            raise ValueError(f"duplicate parameter {parameter.name}")
        table[parameter.name] = parameter
    return FrozenDict(table)  # shared by every check: nobody may change it


@attrs.frozen(kw_only=True, eq=False)
class Registry:
    """An immutable catalogue of rules and parameters, in code order, with its own version.

    ``version`` names the catalogue's behaviour; every report made with the registry carries
    it.  Building one refuses a duplicate code or parameter, a rule without citations, and a
    rule that names an unknown parameter.

    >>> Registry(version="mine-1", rules=(), parameters=()).version
    'mine-1'
    """

    version: str = attrs.field(validator=instance_of(str))
    _rules: Mapping[str, Rule[Any]] = attrs.field(alias="rules", converter=_by_code)
    _parameters: Mapping[str, Parameter] = attrs.field(alias="parameters", converter=_by_name)

    def __attrs_post_init__(self) -> None:
        for item in self._rules.values():
            unknown = set(item.parameters) - set(self._parameters)
            if unknown:
                raise ValueError(f"{item.code} names unknown parameters: {sorted(unknown)}")

    def __iter__(self) -> Iterator[Rule[Any]]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __getitem__(self, code: str) -> Rule[Any]:
        try:
            return self._rules[code]
        except KeyError:
            raise KeyError(f"no rule {code!r} in the catalogue") from None

    @property
    def parameters(self) -> Mapping[str, Parameter]:
        """The parameters by name."""
        return self._parameters

    def matching(self, prefix: str) -> tuple[Rule[Any], ...]:
        """Return the rules whose code starts with ``prefix`` (``"VI3"``, ``"VI301"``, ``"VI"``).

        >>> from valuing_involvement import RULES
        >>> [rule.code for rule in RULES.matching("VI0")]
        ['VI001', 'VI002']
        """
        return tuple(item for item in self if item.code.startswith(prefix))

    def select(self, select: Iterable[str], ignore: Iterable[str]) -> tuple[Rule[Any], ...]:
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
        for item in self:
            best_in = max((len(p) for p in chosen if item.code.startswith(p)), default=-1)
            best_out = max((len(p) for p in dropped if item.code.startswith(p)), default=-1)
            if best_in > best_out:
                selected.append(item)
        return tuple(selected)


def unjudged(rules: Iterable[Rule[C]], ctx: C) -> tuple[str, ...]:
    """Return the codes of the rules that cannot judge ``ctx``: every fact they read is unrecorded.

    A silent rule whose facts are all missing has shown nothing, so a scorecard row resting
    only on such rules is *not known*, never *met*.  Only rules that declare ``unknown`` are
    asked.

    >>> unjudged([], None)
    ()
    """
    return tuple(item.code for item in rules if item.unknown is not None and item.unknown(ctx))


def run(
    rules: Iterable[Rule[C]],
    ctx: C,
    severities: Mapping[str, Severity],
    *,
    subject: str | None = None,
    root: str = "$",
) -> list[Finding]:
    """Run each rule's check on ``ctx`` and return its findings, in rule order.

    ``severities`` gives each rule's severity after the policy (a rule's default otherwise);
    ``subject`` names what the findings are about (see :attr:`Finding.subject`); ``root``
    replaces the ``$`` of each path, for a document checked inside a larger one
    (``$.contracts[3]``): built so, a finding need not be copied to be moved.

    >>> run([], None, {})
    []
    """
    severity = severities.get  # looked up once, not per hit
    return [
        Finding(
            code=item.code,
            name=item.name,
            severity=severity(item.code, item.severity),
            message=hit.message,
            citations=item.citations,
            path=hit.path if root == "$" else root + hit.path[1:],
            remedy=item.remedy,
            evidence=hit.evidence,  # each hit's own, freshly made
            subject=subject,
        )
        for item in rules
        for hit in item.check(ctx)
    ]
