"""Units below (secondary and district unions): per programme and protection year, which units have
recorded which step (/events), which are late for the next deadline, and progress over the window.

"Late" is the bot's own reading (the manuals give no rule for it): a unit below that has recorded no
step of the programme in the protection year, when the programme's next deadline for its level is
at most ``LATE_WITHIN`` away, or when the year's last deadline for its level has passed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock
from domain.calendar import EVENTS, PROGRAMS, Calendar, Deadline, current_protection_year
from domain.models import Unit, User
from domain.reminders.audience import LEVEL_AUDIENCES
from domain.reminders.models import UnitEvent
from domain.repos import DomainError

LATE_WITHIN = timedelta(days=7)  # the first lead time of a reminder (domain/reminders/planning.py)


def check_program_year(program, year) -> tuple[str, int]:
    if program not in PROGRAMS:
        raise DomainError("workspace.bad_program")
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError("workspace.bad_year") from None
    if not 2000 <= year <= 2100:
        raise DomainError("workspace.bad_year")
    return program, year


async def below(session: AsyncSession, user: User) -> list[Unit]:
    """The units below the user's unit (an admin: every unit), never the user's own."""
    scope = await access.visible_units(session, user)
    stmt = access.scoped(select(Unit), Unit.id, scope).order_by(Unit.id)
    return [u for u in (await session.exec(stmt)).all() if u.id != user.unit_id]


def may_see_below(user: User, unit: Unit | None) -> bool:
    """An upper union (secondary / district) or an admin; a grassroots clerk has no units below."""
    return access.is_admin(user) or (access.acts_for_unit(user) and unit is not None and unit.level != "grassroots")


def _year_of(event: UnitEvent) -> int:
    return current_protection_year(event.program, event.occurred_at.astimezone(clock.TZ).date())


def _deadlines_for(cal: Calendar, program: str, year: int, level: str) -> list[Deadline]:
    audiences = LEVEL_AUDIENCES.get(level, frozenset())
    return sorted((d for d in cal.deadlines if d.unit_id is None and d.program == program and d.protection_year == year
                   and d.kind == "deadline" and set(d.audience) & audiences), key=lambda d: d.due)


async def progress(session: AsyncSession, user: User, cal: Calendar, program: str, year: int, now: datetime,
                   lang: str) -> dict:
    program, year = check_program_year(program, year)
    units = await below(session, user)
    ids = [u.id for u in units]
    events: list[UnitEvent] = []
    if ids:
        events = list((await session.exec(select(UnitEvent).where(
            UnitEvent.unit_id.in_(ids), UnitEvent.program == program, UnitEvent.undone_at == None)  # noqa: E711
            .order_by(UnitEvent.occurred_at))).all())
    events = [e for e in events if _year_of(e) == year]
    rows = []
    first_step: dict[int, date] = {}
    for unit in units:
        own = [e for e in events if e.unit_id == unit.id]
        steps = {}
        for e in own:
            steps.setdefault(e.event, e.occurred_at.astimezone(clock.TZ).date().isoformat())
        if own:
            first_step[unit.id] = own[0].occurred_at.astimezone(clock.TZ).date()
        dls = _deadlines_for(cal, program, year, unit.level)
        upcoming = [d for d in dls if d.due >= now]
        nxt = upcoming[0] if upcoming else None
        late = not own and bool(dls) and (nxt is None or nxt.due - now <= LATE_WITHIN)
        rows.append({"id": unit.id, "name": unit.name, "level": unit.level, "steps": steps, "late": late,
                     "next": None if nxt is None else {"id": nxt.id, "title": nxt.text("title", lang),
                                                        "due": nxt.due.astimezone(clock.TZ).isoformat()},
                     "last_passed": None if nxt is not None or not dls else {
                         "id": dls[-1].id, "title": dls[-1].text("title", lang),
                         "due": dls[-1].due.astimezone(clock.TZ).isoformat()}})
    window = [d for d in cal.deadlines if d.unit_id is None and d.program == program and d.protection_year == year]
    series = []
    if window:
        start = min((d.starts or d.due) for d in window).astimezone(clock.TZ).date()
        end = max(d.due for d in window).astimezone(clock.TZ).date()
        start = min([start, *first_step.values()])
        end = max([end, *first_step.values()])
        day, step = start, max(1, (end - start).days // 60)
        while day <= end:
            series.append({"day": day.isoformat(), "units": sum(1 for d in first_step.values() if d <= day)})
            day += timedelta(days=step)
        if series[-1]["day"] != end.isoformat():
            series.append({"day": end.isoformat(), "units": sum(1 for d in first_step.values() if d <= end)})
    return {"program": program, "year": year, "events": [e for e in EVENTS], "units": rows, "series": series,
            "total": len(units), "late": sum(r["late"] for r in rows)}


async def nudge_targets(session: AsyncSession, user: User, cal: Calendar, program: str, year: int, now: datetime,
                        unit_ids) -> list[Unit]:
    """The units of ``unit_ids`` to remind: each must be below the user and late now, else DomainError
    (nothing is sent)."""
    program, year = check_program_year(program, year)
    if not isinstance(unit_ids, list) or not unit_ids or not all(isinstance(i, int) and not isinstance(i, bool) for i in unit_ids):
        raise DomainError("workspace.no_selection")
    view = await progress(session, user, cal, program, year, now, "zh")
    by_id = {r["id"]: r for r in view["units"]}
    units = {u.id: u for u in await below(session, user)}
    for i in unit_ids:
        if i not in by_id:
            raise DomainError("workspace.unit_not_below")
        if not by_id[i]["late"]:
            raise DomainError("workspace.unit_not_late", unit=units[i].name)
    return [units[i] for i in dict.fromkeys(unit_ids)]


def nudge_key(program: str, year: int, unit_id: int) -> str:
    """Delivery-log key of a nudge (one per clerk, unit, programme year and day: the lead is the day)."""
    return f"nudge:{program}:{year}:u{unit_id}"
