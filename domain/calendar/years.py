"""Which deadlines are still to come, which protection year a programme is in, and which programmes
lack the current year's calendar."""

from __future__ import annotations

from datetime import date, datetime

from domain.calendar.model import PROGRAMS, Calendar, Deadline


def upcoming(deadlines: list[Deadline], now: datetime, programs: set[str] | None = None,
             audiences: set[str] | None = None) -> list[Deadline]:
    return [d for d in deadlines if d.due >= now and (not programs or d.program in programs)
            and (not audiences or set(d.audience) & audiences)]


def current_protection_year(program: str, today: date) -> int:
    """The protection year a calendar program is in (or, from its collective season on, preparing):
    mutual aid and the retiree plan run July-June, labelled by the July (May-June prepares the coming
    one); member protection is a calendar year whose collective enrollment runs in October-December."""
    if program in ("mutual_aid", "retiree"):
        return today.year if today.month >= 5 else today.year - 1
    if program == "member_protection" and today.month >= 10:
        return today.year + 1
    return today.year


def missing_years(cal: Calendar, today: date) -> list[tuple[str, int, int]]:
    """(program, current protection year, latest loaded year) for every program whose calendar of the
    current protection year is not loaded: what admins are asked to load."""
    latest: dict[str, int] = {}
    for item in [*cal.deadlines, *cal.rules]:
        if getattr(item, "unit_id", None) is None:
            latest[item.program] = max(latest.get(item.program, 0), item.protection_year)
    out = []
    for program in PROGRAMS:
        if program in latest and latest[program] < current_protection_year(program, today):
            out.append((program, current_protection_year(program, today), latest[program]))
    return out
