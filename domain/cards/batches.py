"""Card batches (提交办卡): what a batch would take, creating one, its people and counts, the
bank's result per person, and a batch closing itself once every result is in."""

from __future__ import annotations

from sqlalchemy import Select, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.cards.changes import MOVED, Change, dated_ref, move, move_many, tell
from domain.cards.models import CardApplication, CardBatch
from domain.cards.review import scoped_application
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import DomainError


def _ready(columns, clerk_scope: set[int] | None, channel: str) -> Select:
    """The 校验通过 applications of a channel in a clerk's scope: what a batch takes."""
    return access.scoped(select(*columns).where(CardApplication.status == "checked_ok", CardApplication.channel == channel),
                         CardApplication.unit_id, clerk_scope)


async def ready_count(session: AsyncSession, clerk: User, channel: str) -> int:
    """How many people a batch of this channel would take now (the clerk's preview)."""
    stmt = _ready((func.count(),), await access.visible_units(session, clerk), channel)
    return int((await session.exec(stmt.select_from(CardApplication))).one())


async def create_batch(session: AsyncSession, cipher: DataCipher, clerk: User, channel: str, branch: str,
                       outlet: str, contact: str, contact_phone: str) -> tuple[CardBatch, list[Change]]:
    """提交办卡: every 校验通过 application of this channel in the clerk's scope goes into one batch."""
    stmt = _ready(MOVED, await access.visible_units(session, clerk), channel)
    apps = list((await session.exec(stmt.order_by(CardApplication.id))).all())
    if not apps:
        raise DomainError("card.batch_empty")
    batch = CardBatch(ref=dated_ref("CBC"), unit_id=clerk.unit_id, channel=channel, branch=branch, outlet=outlet,
                      contact=contact, contact_phone_enc=cipher.encrypt(contact_phone), created_by=clerk.id)
    session.add(batch)
    await session.flush()
    changes = await move_many(session, [(app, "submitted", batch.ref) for app in apps], "clerk", clerk.id,
                              extra={"batch_id": batch.id})
    return batch, await tell(session, clerk, changes)


async def batch_counts(session: AsyncSession, batch_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per batch: 办理总人数 and 办理成功人数 (issued), the two counts [003]'s batch list shows."""
    if not batch_ids:
        return {}
    stmt = (select(CardApplication.batch_id, CardApplication.status, func.count())
            .where(CardApplication.batch_id.in_(batch_ids))
            .group_by(CardApplication.batch_id, CardApplication.status))
    out = {i: (0, 0) for i in batch_ids}
    for batch_id, status, n in (await session.exec(stmt)).all():
        total, issued = out[batch_id]
        out[batch_id] = (total + n, issued + (n if status == "issued" else 0))
    return out


async def batch_applications(session: AsyncSession, batch_id: int) -> list[CardApplication]:
    stmt = select(CardApplication).where(CardApplication.batch_id == batch_id).order_by(CardApplication.id)
    return list((await session.exec(stmt)).all())


async def clerk_batches(session: AsyncSession, clerk: User) -> list[CardBatch]:
    stmt = access.scoped(select(CardBatch), CardBatch.unit_id, await access.visible_units(session, clerk))
    return list((await session.exec(stmt.order_by(CardBatch.id.desc()))).all())


async def record_result(session: AsyncSession, clerk: User, app_id: int, success: bool, reason: str | None = None) -> Change:
    app = await scoped_application(session, clerk, app_id)
    change = await move(session, app, "issued" if success else "failed", "clerk", clerk.id, reason)
    await tell(session, clerk, [change])
    if app.batch_id is not None:
        await session.flush()
        await close_if_complete(session, app.batch_id)
    return change


async def batch_of(session: AsyncSession, app_id: int) -> CardBatch | None:
    app = await session.get(CardApplication, app_id)
    return await session.get(CardBatch, app.batch_id) if app is not None and app.batch_id else None


async def close_if_complete(session: AsyncSession, batch_id: int) -> bool:
    """A submitted batch whose every person has the bank's result closes itself (办理完成)."""
    batch = await session.get(CardBatch, batch_id)
    if batch is None or batch.status != "submitted":
        return False
    waiting = (await session.exec(select(func.count()).select_from(CardApplication).where(
        CardApplication.batch_id == batch_id, CardApplication.status.in_(("submitted", "revoke_pending"))))).one()
    if waiting:
        return False
    batch.status = "closed"
    session.add(batch)
    return True


async def scoped_batch(session: AsyncSession, user: User, batch_id: int) -> CardBatch:
    batch = await session.get(CardBatch, batch_id)
    if batch is None or not await access.can_see_unit(session, user, batch.unit_id):
        raise DomainError("card.batch_not_found")
    return batch
