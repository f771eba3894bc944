"""Every paragraph of the source a rule may cite, with what it says in a few words of our own.

This one table feeds the kernel's citation check (a rule citing a paragraph not listed here
cannot be built), the coverage page (``docs/coverage.md``) and the tests.  Guidelines are cited
as ``G4(c)``, the survey's findings as ``§2.15``, and the document's footnotes by number.

>>> PARAGRAPHS["G4(c)"]
'monitoring and evaluation in equal partnership'
>>> [ref for ref in PARAGRAPHS if ref.startswith("G5")]
['G5(a)', 'G5(b)', 'G5(c)']
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["GUIDELINES", "PARAGRAPHS"]

_OBJECTIVES = (
    ("i", "capacity building"),
    ("ii", "user and carer support"),
    ("iii", "reflecting diversity"),
    ("iv", "service improvement"),
    ("v", "service monitoring"),
    ("vi", "user and carer feedback"),
    ("vii", "user- and carer-led services"),
)

#: The guidelines' sub-paragraphs, in the source's order (Executive Summary).
GUIDELINES = MappingProxyType(
    {
        "G1(a)": "a clear working definition of a user or carer group",
        **{f"G1(a)({numeral})": f"objective: {what}" for numeral, what in _OBJECTIVES},
        "G1(b)": "the model definition of run and led groups, users and carers",
        "G2": "groups want to do more than involvement",
        "G2(a)": "objectives reflect local population and diversity",
        "G2(b)": "objectives reflect consultation with users and carers",
        "G2(c)": "objectives reflect changing needs for monitoring, support, capacity building",
        "G2(d)": "objectives are flexible enough for emerging needs",
        "G3": "a strategy for commissioning user and carer groups",
        "G3(a)": "commissioned groups reflect the community's diversity",
        "G3(b)": "information on the strategy and how to apply is widely available",
        "G3(c)": "information on other funding sources",
        "G3(d)": "continuity and sustainability of funding",
        "G3(e)": "groups lead on social inclusion and anti-stigma work",
        "G3(f)": "diversity targets developed in partnership with groups",
        "G4": "a written agreement of mutual expectations without needless bureaucracy",
        "G4(a)": "no early push into charitable or other legal status",
        "G4(b)": "early hosting with skills training towards independence",
        "G4(c)": "monitoring and evaluation in equal partnership",
        "G4(d)(i)": "outcome measures developed in partnership",
        "G4(d)(ii)(1)": "support in organisational management and development",
        "G4(d)(ii)(2)": "support in self-evaluation and monitoring",
        "G5(a)": "users and carers sit on commissioning bodies themselves",
        "G5(b)": "involvement starts at the earliest stage",
        "G5(c)": "money and infrastructure for groups that lack them",
    }
)

#: The survey's sections and the footnotes, with their subjects.
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
    "footnote 2": "full cost recovery",
}

#: Every citable paragraph: the guidelines first, then the findings and footnotes.
PARAGRAPHS = MappingProxyType({**GUIDELINES, **_FINDINGS})
