"""Delivery log and subscriptions: claim-before-send makes every reminder go out once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.models import Unit, User, utcnow
from domain.reminders.audience import Person, make_person
from domain.reminders.events import check_event_time
from domain.reminders.models import Delivery, Subscription, UnitEvent, UnitPrograms
from domain.repos import DomainError, register_personal_data

STALE = timedelta(seconds=60)
POSTED = "posted"  # the detail of a 'sending' row whose message was handed to the Bot API
RESENT = "resent"  # the detail of a 'sent' row sent again after such a crash (it may have arrived twice)

# What a claim is (``claim``): a delivery nobody had, one a dead process had claimed but not yet
# handed to the Bot API (sending it cannot make a duplicate), or one it had handed over when it
# died, whose answer never came back (it may have arrived: sending it again may make a duplicate).
NEW, RETRY, UNCERTAIN = "new", "retry", "uncertain"


async def claim(session: AsyncSession, recipient: int, key: str, lead: str,
                orphaned_before: datetime | None = None) -> str | None:
    """Whether this process may send (recipient, key, lead): NEW, RETRY or UNCERTAIN, or None when
    another process has it or it is settled. Commits the claim at once, so two processes never both
    send; a claim left 'sending' by a crash is taken over after STALE, or at once when it is older
    than ``orphaned_before`` (the caller knows no live process made it)."""
    session.add(Delivery(recipient_id=recipient, deadline_key=key, lead=lead))
    try:
        await session.commit()
        return NEW
    except IntegrityError:
        await session.rollback()
    cutoff = utcnow() - STALE
    if orphaned_before is not None:
        cutoff = max(cutoff, orphaned_before)
    where = (Delivery.recipient_id == recipient, Delivery.deadline_key == key, Delivery.lead == lead,
             Delivery.status == "sending")
    result = await session.exec(update(Delivery).where(*where, Delivery.updated_at < cutoff).values(updated_at=utcnow()))
    await session.commit()
    if (result.rowcount or 0) != 1:
        return None
    detail = (await session.exec(select(Delivery.detail).where(*where))).first()
    return UNCERTAIN if detail == POSTED else RETRY


async def posted(session: AsyncSession, recipient: int, key: str, lead: str) -> None:
    """The message is about to be handed to the Bot API: from now on a crash leaves it uncertain."""
    await session.exec(
        update(Delivery)
        .where(Delivery.recipient_id == recipient, Delivery.deadline_key == key, Delivery.lead == lead,
               Delivery.status == "sending")
        .values(detail=POSTED, updated_at=utcnow())
    )
    await session.commit()


async def finish(session: AsyncSession, recipient: int, key: str, lead: str, status: str, detail: str | None = None,
                 commit: bool = True) -> None:
    """Settle a claimed delivery (``commit=False``: the caller commits it with its own bookkeeping)."""
    await session.exec(
        update(Delivery)
        .where(Delivery.recipient_id == recipient, Delivery.deadline_key == key, Delivery.lead == lead)
        .values(status=status, detail=detail, updated_at=utcnow())
    )
    if commit:
        await session.commit()


async def delivered(session: AsyncSession, key: str, lead: str) -> set[int]:
    rows = (await session.exec(select(Delivery.recipient_id).where(
        Delivery.deadline_key == key, Delivery.lead == lead, Delivery.status != "sending"))).all()
    return set(rows)


async def get_subscription(session: AsyncSession, user_id: int) -> Subscription:
    sub = await session.get(Subscription, user_id)
    if sub is None:
        sub = Subscription(user_id=user_id)
        session.add(sub)
    return sub


async def stop_reminders(session: AsyncSession, user_id: int) -> None:
    sub = await get_subscription(session, user_id)
    sub.active = False
    sub.updated_at = utcnow()
    session.add(sub)


async def mark(session: AsyncSession, recipients: list[int], key: str, lead: str, status: str) -> list[int]:
    """Record (without sending) that these recipients' (key, lead) is settled — 'dropped' when its
    deadline passed while the bot was down, 'dismissed' when the person said it is done. Returns the
    recipients that had no row yet (the ones newly settled)."""
    if not recipients:
        return []
    have = set((await session.exec(select(Delivery.recipient_id).where(
        Delivery.deadline_key == key, Delivery.lead == lead, Delivery.recipient_id.in_(recipients)))).all())
    new = [r for r in recipients if r not in have]
    for rid in new:
        session.add(Delivery(recipient_id=rid, deadline_key=key, lead=lead, status=status))
    try:
        await session.commit()
    except IntegrityError:  # another process settled some at the same moment: theirs stand
        await session.rollback()
        return []
    return new


async def settled(session: AsyncSession, keys: list[str]) -> set[tuple[int, str, str]]:
    """(recipient, key, lead) of every delivery row of these keys (sent, failed, dropped or dismissed)."""
    if not keys:
        return set()
    rows = (await session.exec(select(Delivery.recipient_id, Delivery.deadline_key, Delivery.lead).where(
        Delivery.deadline_key.in_(keys), Delivery.status != "sending"))).all()
    return {(r, k, lead) for r, k, lead in rows}


async def waiting_cards(session: AsyncSession, status: str, since) -> list:
    """Card applications that reached ``status`` after ``since`` (their updated_at is when)."""
    from domain.cards.models import CardApplication

    return list((await session.exec(select(CardApplication).where(
        CardApplication.status == status, CardApplication.updated_at >= since))).all())


async def cards_to_collect(session: AsyncSession, user_id: int, status: str, since) -> list:
    """One member's issued cards still waiting to be collected: not older than ``since`` and not
    marked "done" (a dismissed card-collection reminder)."""
    from domain.cards.models import CardApplication
    from domain.reminders.member import card_key

    apps = list((await session.exec(select(CardApplication).where(
        CardApplication.user_id == user_id, CardApplication.status == status,
        CardApplication.updated_at >= since).order_by(CardApplication.updated_at))).all())
    if not apps:
        return []
    done = set((await session.exec(select(Delivery.deadline_key).where(
        Delivery.recipient_id == user_id, Delivery.status == "dismissed",
        Delivery.deadline_key.in_([card_key(a.id) for a in apps])))).all())
    return [a for a in apps if card_key(a.id) not in done]


async def dismiss(session: AsyncSession, user_id: int, key: str, leads: list[str]) -> int:
    """The person says it is done: no further reminder of ``key`` goes to them."""
    count = 0
    for lead in leads:
        count += len(await mark(session, [user_id], key, lead, "dismissed"))
    return count


async def unit_clerks(session: AsyncSession, unit_id: int) -> list[int]:
    """The active clerks of a unit (a deadline marked done by one of them is done for the unit)."""
    return list((await session.exec(
        select(User.id).where(User.unit_id == unit_id, User.role == "clerk", User.active == True)  # noqa: E712
        .order_by(User.id))).all())


# --- who gets what -------------------------------------------------------------------------------


async def people(session: AsyncSession, roles: tuple[str, ...] = ("member", "clerk", "admin")) -> list[Person]:
    """Every active user with what their reminders should be, in one pass (3 queries)."""
    rows = (await session.exec(
        select(User, Unit.level).join(Unit, User.unit_id == Unit.id, isouter=True)
        .where(User.active == True, User.role.in_(roles)).order_by(User.id))).all()  # noqa: E712
    subs = {s.user_id: s for s in (await session.exec(select(Subscription))).all()}
    unit_programs = {u.unit_id: u.programs for u in (await session.exec(select(UnitPrograms))).all()}
    out = []
    for user, level in rows:
        sub = subs.get(user.id)
        out.append(make_person(user.id, user.lang, user.role, user.mode, user.unit_id, level,
                               sub.active if sub else None, sub.programs if sub else None,
                               sub.leads if sub else None, unit_programs.get(user.unit_id)))
    return out


async def person(session: AsyncSession, user: User) -> Person:
    level = (await session.get(Unit, user.unit_id)).level if user.unit_id else None
    sub = await session.get(Subscription, user.id)
    up = await session.get(UnitPrograms, user.unit_id) if user.unit_id else None
    return make_person(user.id, user.lang, user.role, user.mode, user.unit_id, level,
                       sub.active if sub else None, sub.programs if sub else None,
                       sub.leads if sub else None, up.programs if up else None)


async def set_choice(session: AsyncSession, user_id: int, *, programs: str | None = None, leads: str | None = None,
                     active: bool | None = None) -> Subscription:
    sub = await get_subscription(session, user_id)
    if programs is not None:
        sub.programs = programs
    if leads is not None:
        sub.leads = leads
    if active is not None:
        sub.active = active
    sub.updated_at = utcnow()
    session.add(sub)
    return sub


async def get_unit_programs(session: AsyncSession, unit_id: int) -> str | None:
    row = await session.get(UnitPrograms, unit_id)
    return row.programs if row else None


async def set_unit_programs(session: AsyncSession, unit_id: int, programs: str, by: int) -> None:
    row = await session.get(UnitPrograms, unit_id) or UnitPrograms(unit_id=unit_id, programs=programs)
    row.programs, row.updated_by, row.updated_at = programs, by, utcnow()
    session.add(row)


# --- unit events -----------------------------------------------------------------------------------


async def record_event(session: AsyncSession, unit_id: int, program: str, event: str, occurred_at, by: int,
                       now=None) -> UnitEvent:
    problem = check_event_time(occurred_at, now or utcnow())
    if problem:
        raise DomainError(problem)
    row = UnitEvent(unit_id=unit_id, program=program, event=event, occurred_at=occurred_at, recorded_by=by)
    session.add(row)
    await session.flush()
    return row


async def undo_event(session: AsyncSession, event_id: int, unit_id: int, by: int) -> UnitEvent:
    row = await session.get(UnitEvent, event_id)
    if row is None or row.unit_id != unit_id:
        raise DomainError("events.not_found")
    if row.undone_at is not None:
        raise DomainError("events.already_undone")
    row.undone_at, row.undone_by = utcnow(), by
    session.add(row)
    return row


async def unit_events(session: AsyncSession, unit_id: int | None = None, limit: int = 20,
                      since=None) -> list[UnitEvent]:
    """Recorded events that are not undone (one unit's latest, or all units' for the scheduler);
    ``since``: only events that happened from then on (the scheduler ignores ones whose deadlines are
    long settled, so a year of records does not slow every minute's run)."""
    query = select(UnitEvent).where(UnitEvent.undone_at == None)  # noqa: E711
    if since is not None:
        query = query.where(UnitEvent.occurred_at >= since)
    if unit_id is not None:
        query = query.where(UnitEvent.unit_id == unit_id).order_by(UnitEvent.occurred_at.desc()).limit(limit)
    return list((await session.exec(query)).all())


async def _export(session: AsyncSession, user_id: int) -> dict:
    sub = await session.get(Subscription, user_id)
    rows = (await session.exec(select(Delivery).where(Delivery.recipient_id == user_id))).all()
    events = (await session.exec(select(UnitEvent).where(
        (UnitEvent.recorded_by == user_id) | (UnitEvent.undone_by == user_id)))).all()
    return {"subscription": sub.model_dump(mode="json") if sub else None,
            "deliveries": [r.model_dump(mode="json") for r in rows],
            "unit_events_recorded": [e.model_dump(mode="json") for e in events]}


async def _forget(session: AsyncSession, user_id: int) -> int:
    a = await session.exec(delete(Subscription).where(Subscription.user_id == user_id))
    b = await session.exec(delete(Delivery).where(Delivery.recipient_id == user_id))
    # events belong to the unit (its deadlines depend on them): keep them, drop who recorded them
    c = await session.exec(update(UnitEvent).where(UnitEvent.recorded_by == user_id).values(recorded_by=None))
    d = await session.exec(update(UnitEvent).where(UnitEvent.undone_by == user_id).values(undone_by=None))
    return sum((r.rowcount or 0) for r in (a, b, c, d))


register_personal_data("reminders", _export, _forget)


async def counts(session: AsyncSession, key: str, lead: str) -> dict[str, int]:
    """How many deliveries of (key, lead) are in each status."""
    from sqlalchemy import func

    rows = (await session.exec(select(Delivery.status, func.count()).where(
        Delivery.deadline_key == key, Delivery.lead == lead).group_by(Delivery.status))).all()
    return {status: n for status, n in rows}


async def delivery_summary(session: AsyncSession, since, limit: int = 40) -> list[dict]:
    """What the delivery log holds since ``since``: per (deadline key, lead time) how many reminders
    were sent, failed, dropped (their deadline passed during downtime) or dismissed ("done"), and
    when the last one was settled; most recent first. The audit trail for "once, on time"."""
    from sqlalchemy import func

    rows = (await session.exec(
        select(Delivery.deadline_key, Delivery.lead, Delivery.status, func.count(), func.max(Delivery.updated_at))
        .where(Delivery.updated_at >= since)
        .group_by(Delivery.deadline_key, Delivery.lead, Delivery.status))).all()
    merged: dict[tuple[str, str], dict] = {}
    for key, lead, status, n, last in rows:
        if key.startswith("push:"):  # status pushes: one line per action ('push:<group>'), not per row
            key = key.rsplit(":", 1)[0]
        item = merged.setdefault((key, lead), {"key": key, "lead": lead, "last": last, "sent": 0, "failed": 0,
                                               "dropped": 0, "dismissed": 0, "sending": 0})
        item[status] = item.get(status, 0) + n
        item["last"] = max(item["last"], last)
    return sorted(merged.values(), key=lambda x: x["last"], reverse=True)[:limit]
