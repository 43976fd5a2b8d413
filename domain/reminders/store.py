"""Delivery log and subscriptions: claim-before-send makes every reminder go out once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.models import utcnow
from domain.reminders.models import Delivery, Subscription
from domain.repos import register_personal_data

STALE = timedelta(seconds=60)


async def claim(session: AsyncSession, recipient: int, key: str, lead: str) -> bool:
    """True when this process may send (recipient, key, lead). Commits the claim at once, so two
    processes never both send; a claim left 'sending' by a crash is taken over after STALE."""
    session.add(Delivery(recipient_id=recipient, deadline_key=key, lead=lead))
    try:
        await session.commit()
        return True
    except IntegrityError:
        await session.rollback()
    cutoff = utcnow() - STALE
    result = await session.execute(
        update(Delivery)
        .where(Delivery.recipient_id == recipient, Delivery.deadline_key == key, Delivery.lead == lead,
               Delivery.status == "sending", Delivery.updated_at < cutoff)
        .values(updated_at=utcnow())
    )
    await session.commit()
    return (result.rowcount or 0) == 1


async def finish(session: AsyncSession, recipient: int, key: str, lead: str, status: str, detail: str | None = None) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.recipient_id == recipient, Delivery.deadline_key == key, Delivery.lead == lead)
        .values(status=status, detail=detail, updated_at=utcnow())
    )
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


async def _export(session: AsyncSession, user_id: int) -> dict:
    sub = await session.get(Subscription, user_id)
    rows = (await session.exec(select(Delivery).where(Delivery.recipient_id == user_id))).all()
    return {"subscription": sub.model_dump(mode="json") if sub else None,
            "deliveries": [r.model_dump(mode="json") for r in rows]}


async def _forget(session: AsyncSession, user_id: int) -> int:
    a = await session.execute(delete(Subscription).where(Subscription.user_id == user_id))
    b = await session.execute(delete(Delivery).where(Delivery.recipient_id == user_id))
    return (a.rowcount or 0) + (b.rowcount or 0)


register_personal_data("reminders", _export, _forget)
