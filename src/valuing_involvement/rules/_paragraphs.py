"""Every paragraph of the source a rule may cite: what it says, how strongly, where it scores.

This one table feeds the kernel's citation and modality checks (a rule citing a paragraph not
listed here, or claiming a force none of its paragraphs has, cannot be built), the scorecard's
rows, the coverage page (``docs/coverage.md``) and the tests.  Guidelines are cited as
``G4(c)``, the survey's findings as ``§2.15``, and the document's footnotes by number.

Each paragraph records its **force**, read once from its own words: ``should`` for the
guidelines' instructions, ``consider`` for what they ask to be considered ("should consider",
"could be considered", "it is useful"), ``example`` for one way among others ("such as",
"might include"), ``finding`` for what the survey reports; a bare heading has none.  A
guideline paragraph also names the scorecard **row** it counts under: its own, or its
parent's for the items of a list (``G1(a)(iii)`` counts under ``G1(a)``).

>>> PARAGRAPHS["G4(c)"].summary, PARAGRAPHS["G4(c)"].force
('monitoring and evaluation in equal partnership', 'should')
>>> [ref for ref in GUIDELINES if ref.startswith("G5")]
['G5', 'G5(a)', 'G5(b)', 'G5(c)']
>>> PARAGRAPHS["G4(d)(ii)(1)"].row
'G4(d)(ii)'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = ["FORCES", "GUIDELINES", "PARAGRAPHS", "TITLES", "Paragraph"]

#: The forces a paragraph's wording can have, strongest first (see :class:`Paragraph`).
FORCES = ("should", "consider", "example", "finding")


@attrs.frozen(kw_only=True)
class Paragraph:
    """One citable paragraph of the source: its reference, subject, force and scorecard row.

    ``force`` is ``None`` for a heading, whose words instruct nothing, so no rule can rest
    on it alone.  ``row`` is ``None`` for a finding or footnote, which is not a guideline and
    has no row of the scorecard.

    >>> GUIDELINES["G1(a)(vii)"].row, PARAGRAPHS["§2.15"].row
    ('G1(a)', None)
    """

    ref: str
    summary: str
    force: str | None = attrs.field(validator=attrs.validators.in_((*FORCES, None)))
    row: str | None = None

    @property
    def guideline(self) -> str | None:
        """The guideline the paragraph belongs to (``G4`` for ``G4(d)(i)``), or ``None``.

        >>> GUIDELINES["G4(d)(i)"].guideline, PARAGRAPHS["footnote 2"].guideline
        ('G4', None)
        """
        return None if self.row is None else _GUIDELINE_OF[self.ref]


#: The five guidelines' headings, in words of our own.
TITLES: Mapping[str, str] = MappingProxyType(
    {
        "G1": "a working definition of a user or carer group",
        "G2": "strategic objectives",
        "G3": "a strategy that funds groups fairly and lastingly",
        "G4": "an agreement setting out mutual expectations",
        "G5": "users and carers involved in commissioning",
    }
)

_OBJECTIVES = (
    ("i", "capacity building"),
    ("ii", "user and carer support"),
    ("iii", "reflecting diversity"),
    ("iv", "service improvement"),
    ("v", "service monitoring"),
    ("vi", "user and carer feedback"),
    ("vii", "user- and carer-led services"),
)

# (guideline, ref, force, summary, row when not its own) in the source's order (Executive
# Summary).  The force is read from the paragraph's own words; the comments quote the word.
_GUIDELINE_ROWS: tuple[tuple[str, str, str | None, str, str | None], ...] = (
    # It reads "Consider your definition"
    ("G1", "G1", "consider", "consider what a user or carer group is", None),
    # It reads "it is important to have"
    ("G1", "G1(a)", "should", "a clear working definition of a user or carer group", None),
    # It reads "such as"
    *(
        ("G1", f"G1(a)({numeral})", "example", f"objective: {what}", "G1(a)")
        for numeral, what in _OBJECTIVES
    ),
    # It reads "Here is a model definition"
    (
        "G1",
        "G1(b)",
        "example",
        "the model definition of run and led groups, users and carers",
        None,
    ),
    # It reads "This should be taken into account"
    ("G2", "G2", "should", "groups want to do more than involvement", None),
    # "Clarify your strategic objectives" to take account of each item
    ("G2", "G2(a)", "should", "objectives reflect local population and diversity", None),
    ("G2", "G2(b)", "should", "objectives reflect consultation with users and carers", None),
    (
        *("G2", "G2(c)", "should"),
        "objectives reflect changing needs for monitoring, support, capacity building",
        None,
    ),
    ("G2", "G2(d)", "should", "objectives are flexible enough for emerging needs", None),
    # It reads "Clearly define the key aspects"
    ("G3", "G3", "should", "a strategy for commissioning user and carer groups", None),
    # G3's "This might include the following": each item is one example of a strategy's aspects,
    # except (d), whose own word is "Considering".
    ("G3", "G3(a)", "example", "commissioned groups reflect the community's diversity", None),
    (
        *("G3", "G3(b)", "example"),
        "information on the strategy and how to apply is widely available",
        None,
    ),
    ("G3", "G3(c)", "example", "information on other funding sources", None),
    ("G3", "G3(d)", "consider", "continuity and sustainability of funding", None),
    ("G3", "G3(e)", "example", "groups lead on social inclusion and anti-stigma work", None),
    ("G3", "G3(f)", "example", "diversity targets developed in partnership with groups", None),
    # It reads "It is useful to have"
    (
        *("G4", "G4", "consider"),
        "a written agreement of mutual expectations without needless bureaucracy",
        None,
    ),
    # It reads "should be encouraged not to"
    ("G4", "G4(a)", "should", "no early push into charitable or other legal status", None),
    # It reads "could be considered"
    ("G4", "G4(b)", "consider", "early hosting with skills training towards independence", None),
    # It reads "should be done"
    ("G4", "G4(c)", "should", "monitoring and evaluation in equal partnership", None),
    # "should consider", and each thing it lists
    ("G4", "G4(d)", "consider", "outcome measures and support developed with groups", None),
    ("G4", "G4(d)(i)", "consider", "outcome measures developed in partnership", None),
    ("G4", "G4(d)(ii)", "consider", "support and training for groups", None),
    (
        *("G4", "G4(d)(ii)(1)", "consider"),
        "support in organisational management and development",
        "G4(d)(ii)",
    ),
    ("G4", "G4(d)(ii)(2)", "consider", "support in self-evaluation and monitoring", "G4(d)(ii)"),
    # A heading, with no instruction of its own
    ("G5", "G5", None, "involvement in the commissioning process", None),
    # It reads "should be directly represented"
    ("G5", "G5(a)", "should", "users and carers sit on commissioning bodies themselves", None),
    # It reads "should begin"
    ("G5", "G5(b)", "should", "involvement starts at the earliest stage", None),
    # It reads "should consider providing"
    ("G5", "G5(c)", "consider", "money and infrastructure for groups that lack them", None),
)
_GUIDELINE_OF = {ref: guideline for guideline, ref, *_ in _GUIDELINE_ROWS}

#: The guidelines' paragraphs, in the source's order.
GUIDELINES: Mapping[str, Paragraph] = MappingProxyType(
    {
        ref: Paragraph(ref=ref, summary=summary, force=force, row=row or ref)
        for _, ref, force, summary, row in _GUIDELINE_ROWS
    }
)

#: The survey's sections and the footnotes, with their subjects: reports, not instructions.
_FINDINGS = {
    "§1.1": "who took part in the survey",
    "§2.1": "independence of groups",
    "§2.2": "how commissioners define user and carer groups",
    "§2.3": "how much is commissioned today, directly and indirectly",
    "§2.4": "groups' membership and recruitment",
    "§2.5": "the roles groups take",
    "§2.6": "the kinds of local group commissioned",
    "§2.7": "commissioning strategies",
    "§2.8": "how groups are funded",
    "§2.9": "commissioning budgets for groups",
    "§2.10": "encouragement, support and information to apply for funding",
    "§2.11": "advice on funding from elsewhere",
    "§2.12": "length of funding",
    "§2.13": "diversity",
    "§2.14": "what commissioners expect of the groups they fund",
    "§2.15": "contracts: whether groups have them, what they hold, how they are evaluated",
    "§2.16": "business plans",
    "§2.17": "ongoing help to meet targets",
    "§2.18": "involvement in the commissioning process",
    "§2.19": "non-monetary support",
    "§2.20": "barriers to commissioning",
    "§2.21": "drivers of commissioning groups",
    "§2.22": "what works well",
    "§2.23": "what does not work well",
    "§2.24": "suggestions for improvement",
    "footnote 1": "what a SpeakOut is",
}
#: Footnote 2 quotes HM Treasury's review, whose words are "should"; the force recorded is
#: that quoted sentence's, which a rule resting on it must attribute to the Treasury.
_FOOTNOTE_2 = Paragraph(ref="footnote 2", summary="full cost recovery", force="should")

#: Every citable paragraph: the guidelines first, then the findings and footnotes.
PARAGRAPHS: Mapping[str, Paragraph] = MappingProxyType(
    {
        **GUIDELINES,
        **{ref: Paragraph(ref=ref, summary=s, force="finding") for ref, s in _FINDINGS.items()},
        _FOOTNOTE_2.ref: _FOOTNOTE_2,
    }
)
