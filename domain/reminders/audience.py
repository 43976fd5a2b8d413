"""Who a deadline concerns, and which reminders each person asked for.

Clerks see the deadlines of their unit's level (a grassroots union's own cut-offs, a secondary or
district union's review and submission windows; any unit may enroll in mutual aid and the retiree
plan). Their programs follow the unit's programs until they choose their own. Members get the
deadlines addressed to members. A per-unit deadline (from a recorded event) goes to that unit only.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.calendar import PROGRAMS, Deadline
from domain.reminders.planning import LEAD_CHOICES, parse_leads

LEVEL_AUDIENCES = {
    "grassroots": frozenset({"grassroots", "unit", "retiree_unit"}),
    "secondary": frozenset({"district", "unit", "retiree_unit"}),
    "district": frozenset({"district", "unit", "retiree_unit"}),
}
CLERK_AUDIENCES = frozenset({"grassroots", "district", "unit", "retiree_unit"})
MEMBER_AUDIENCES = frozenset({"member"})
FOLLOW_UNIT = "unit"


def audiences_for(role: str, mode: str | None, unit_level: str | None) -> frozenset[str]:
    if role == "admin" and unit_level is None:
        return CLERK_AUDIENCES
    if role in ("clerk", "admin") or mode == "clerk":
        return LEVEL_AUDIENCES.get(unit_level or "", CLERK_AUDIENCES)
    return MEMBER_AUDIENCES


def split_programs(text: str | None) -> frozenset[str]:
    return frozenset(p for p in (text or "").split(",") if p in PROGRAMS)


def programs_for(own: str | None, unit_programs: str | None) -> frozenset[str]:
    """A person's programs: their own choice, else their unit's, else every program."""
    if own and own != FOLLOW_UNIT:
        return split_programs(own)
    if unit_programs is not None:
        return split_programs(unit_programs)
    return frozenset(PROGRAMS)


@dataclass(frozen=True)
class Person:
    user_id: int
    lang: str | None
    role: str
    unit_id: int | None
    audiences: frozenset[str]
    programs: frozenset[str]
    leads: tuple[str, ...]
    subscribed: bool

    def wants(self, deadline: Deadline) -> bool:
        if not self.subscribed or deadline.program not in self.programs:
            return False
        if deadline.unit_id is not None:
            return self.unit_id == deadline.unit_id and bool(self.audiences & set(deadline.audience))
        return bool(self.audiences & set(deadline.audience))


def make_person(user_id: int, lang: str | None, role: str, mode: str | None, unit_id: int | None,
                unit_level: str | None, sub_active: bool | None, sub_programs: str | None, sub_leads: str | None,
                unit_programs: str | None) -> Person:
    leads = parse_leads(sub_leads) if sub_leads is not None else LEAD_CHOICES
    return Person(user_id, lang, role, unit_id, audiences_for(role, mode, unit_level),
                  programs_for(sub_programs, unit_programs), leads, sub_active is not False)
