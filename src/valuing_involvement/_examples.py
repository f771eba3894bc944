"""The bundled example: groups in Lowmoor, a fictional borough (private loader)."""

from __future__ import annotations

from importlib import resources

from valuing_involvement.groups import Group
from valuing_involvement.serialization import from_json

EXAMPLE_GROUPS = "lowmoor-groups.json"


def example_groups() -> list[Group]:
    """Return the groups of Lowmoor, a fictional borough that ships with the library.

    They cover each class of the definition: a user-run group, a hosted carer-led group, a
    joint forum, a professional-run drop-in that is neither, and a group whose committee is
    not recorded.

    >>> [group.name for group in example_groups()][:2]
    ['Lowmoor Voices', 'Lowmoor Carers Together']
    """
    data = resources.files("valuing_involvement").joinpath("data", EXAMPLE_GROUPS).read_bytes()
    return from_json(data, list[Group])
