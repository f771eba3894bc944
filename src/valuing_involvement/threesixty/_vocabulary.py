"""The classification vocabularies this library writes into grants and reads back (private)."""

from __future__ import annotations

from valuing_involvement.groups import Constituency, Leadership

#: The vocabulary prefix of the classifications this library writes.
VOCABULARY = "valuing-involvement"
CONSTITUENCY_VOCABULARY = f"{VOCABULARY}:constituency"
LEADERSHIP_VOCABULARY = f"{VOCABULARY}:leadership"
CONSTITUENCY_TITLES = {
    Constituency.SERVICE_USERS: "Service user group",
    Constituency.CARERS: "Carer group",
    Constituency.SERVICE_USERS_AND_CARERS: "Joint service user and carer group",
}
LEADERSHIP_TITLES = {
    Leadership.RUN: "Service user or carer run (G1(b))",
    Leadership.LED: "Service user or carer led (G1(b))",
    Leadership.NEITHER: "Neither run nor led by service users or carers (G1(b))",
}
