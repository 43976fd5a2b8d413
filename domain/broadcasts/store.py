"""Broadcast rows, their audiences and progress."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.broadcasts.models import AUDIENCES, Broadcast
from domain.models import User, utcnow
from domain.repos import DomainError, register_personal_data

MAX_TEXT = 3500  # Telegram allows 4096 characters; leave room for escaping
STALE = timedelta(minutes=2)  # a running broadcast not updated for this long lost its process


def check_text(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError("broadcast.empty")
    if len(text) > MAX_TEXT:
        raise DomainError("broadcast.too_long", length=len(text), limit=MAX_TEXT)
    return text


async def audience_ids(session: AsyncSession, audience: str) -> list[int]:
    """Active users of the audience, in id order (a resumed run walks them in the same order)."""
    if audience not in AUDIENCES:
        raise DomainError("broadcast.audience")
    query = select(User.id).where(User.active == True).order_by(User.id)  # noqa: E712
    if audience == "members":
        query = query.where(User.role == "member")
    elif audience == "clerks":
        query = query.where(User.role.in_(("clerk", "admin")))
    return list((await session.exec(query)).all())


async def create(session: AsyncSession, author_id: int, audience: str, text: str, total: int) -> Broadcast:
    row = Broadcast(author_id=author_id, audience=audience, text=check_text(text), total=total)
    session.add(row)
    await session.flush()
    return row


async def progress(session: AsyncSession, broadcast_id: int, sent: int, failed: int, status: str | None = None,
                   message: tuple[int, int] | None = None) -> None:
    values: dict = {"sent": sent, "failed": failed, "updated_at": utcnow()}
    if status:
        values["status"] = status
    if message:
        values["progress_chat_id"], values["progress_message_id"] = message
    await session.exec(update(Broadcast).where(Broadcast.id == broadcast_id).values(**values))
    await session.commit()


async def cancel(session: AsyncSession, broadcast_id: int) -> bool:
    result = await session.exec(update(Broadcast).where(Broadcast.id == broadcast_id, Broadcast.status == "running")
                                   .values(status="cancelled", updated_at=utcnow()))
    await session.commit()
    return (result.rowcount or 0) == 1


async def status_of(session: AsyncSession, broadcast_id: int) -> str | None:
    return (await session.exec(select(Broadcast.status).where(Broadcast.id == broadcast_id))).first()


async def unfinished(session: AsyncSession, now: datetime | None = None,
                     orphaned_before: datetime | None = None) -> list[Broadcast]:
    """Running broadcasts whose process seems gone: no progress for STALE, or none since
    ``orphaned_before`` (the caller knows no live process ran them before that moment)."""
    cutoff = (now or utcnow()) - STALE
    if orphaned_before is not None:
        cutoff = max(cutoff, orphaned_before)
    return list((await session.exec(select(Broadcast).where(
        Broadcast.status == "running", Broadcast.updated_at < cutoff).order_by(Broadcast.id))).all())


async def _export(session: AsyncSession, user_id: int) -> dict:
    rows = (await session.exec(select(Broadcast).where(Broadcast.author_id == user_id))).all()
    return {"authored": [r.model_dump(mode="json") for r in rows]}


async def _forget(session: AsyncSession, user_id: int) -> int:
    # the broadcast text was sent to everyone already; only the link to its author goes
    result = await session.exec(update(Broadcast).where(Broadcast.author_id == user_id)
                                   .values(author_id=None, progress_chat_id=None))
    return result.rowcount or 0


register_personal_data("broadcasts", _export, _forget)
