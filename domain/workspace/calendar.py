"""Deadlines page: a month of the calendar for the user's unit (programme, the unit's own due
dates from /events, what is done) and the windows of a year for the plot."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import clock
from domain.calendar import PROGRAMS, Calendar, Deadline
from domain.models import Unit, User
from domain.reminders import store
from domain.reminders.audience import audiences_for
from domain.reminders.events import unit_deadlines
from domain.reminders.models import Delivery
from domain.repos import DomainError

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_month(year, month) -> tuple[int, int]:
    try:
        year, month = int(year), int(month)
    except (TypeError, ValueError):
        raise DomainError("workspace.bad_month") from None
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise DomainError("workspace.bad_month")
    return year, month


def _item(d: Deadline, lang: str, done: bool) -> dict:
    return {"id": d.id, "program": d.program, "kind": d.kind, "title": d.text("title", lang),
            "due": d.due.astimezone(clock.TZ).isoformat(), "starts": d.starts.astimezone(clock.TZ).isoformat() if d.starts else None,
            "own": d.unit_id is not None, "done": done, "missed": d.text("missed", lang), "source": d.source}


async def _scope(session: AsyncSession, user: User, cal: Calendar) -> tuple[Unit | None, frozenset[str], list[Deadline], list]:
    unit = await session.get(Unit, user.unit_id) if user.unit_id else None
    audiences = audiences_for(user.role, user.mode, unit.level if unit else None)
    events = await store.unit_events(session, user.unit_id, limit=500) if unit else []
    own = unit_deadlines(cal.rules, events, cal.workdays) if unit else []
    shared = [d for d in cal.deadlines if d.unit_id is None and set(d.audience) & audiences]
    return unit, audiences, shared + own, events


async def _done_keys(session: AsyncSession, unit: Unit | None, keys: list[str]) -> set[str]:
    """Deadlines a clerk of the unit marked done (the reminder's "done" button)."""
    if unit is None or not keys:
        return set()
    clerks = await store.unit_clerks(session, unit.id)
    if not clerks:
        return set()
    rows = await session.exec(select(Delivery.deadline_key).where(
        Delivery.deadline_key.in_(keys), Delivery.recipient_id.in_(clerks), Delivery.status == "dismissed"))
    return set(rows.all())


async def month_view(session: AsyncSession, user: User, cal: Calendar, year: int, month: int, lang: str,
                     programs: set[str] | None = None) -> dict:
    year, month = check_month(year, month)
    unit, _aud, items, events = await _scope(session, user, cal)
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)

    def in_month(moment: datetime | None) -> bool:
        return moment is not None and first <= moment.astimezone(clock.TZ).date() < nxt

    chosen = [d for d in items if (not programs or d.program in programs) and (in_month(d.due) or in_month(d.starts))]
    done = await _done_keys(session, unit, [d.id for d in chosen if d.unit_id is None])
    done_events = [{"program": e.program, "event": e.event, "at": e.occurred_at.astimezone(clock.TZ).isoformat()}
                   for e in events if in_month(e.occurred_at) and (not programs or e.program in programs)]
    return {"year": year, "month": month, "programs": list(PROGRAMS),
            "items": [_item(d, lang, d.id in done) for d in sorted(chosen, key=lambda d: d.due)],
            "events": done_events}


async def year_windows(session: AsyncSession, user: User, cal: Calendar, year: int, lang: str) -> dict:
    """Every entry touching the calendar year: a window (start → due) or a single moment."""
    year, _ = check_month(year, 1)
    _unit, _aud, items, _events = await _scope(session, user, cal)
    out = []
    for d in sorted(items, key=lambda d: (PROGRAMS.index(d.program) if d.program in PROGRAMS else 99, d.due)):
        start = (d.starts or d.due).astimezone(clock.TZ)
        end = d.due.astimezone(clock.TZ)
        if end.year < year or start.year > year:
            continue
        out.append(_item(d, lang, False))
    return {"year": year, "programs": list(PROGRAMS), "items": out}
