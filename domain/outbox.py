"""The outbox: messages a domain change owes a person (a card's new status, a revocation's result),
written as rows in the same transaction as the change. Nothing is sent here: the bot's push engine
(bot/pushes.py) delivers the rows after the commit, once each, through the delivery log. A change
that rolls back takes its messages with it; a process that dies after the commit leaves the rows for
the next drain.

A row names a message of the catalogs (locales/) and its parameters; a parameter written as
``{"$msg": key}`` is a message of its own, translated in the recipient's language when sent."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import BigInteger, Column, delete, insert, update
from sqlmodel import Field, SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.models import utcnow
from domain.repos import register_personal_data

LEAD = "push"  # the delivery log's lead of every push


class OutboxGroup(SQLModel, table=True):
    """The messages one action produced (a clerk's batch): its owner sees their progress."""

    __tablename__ = "outbox_groups"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    total: int = 0
    sent: int = 0
    failed: int = 0
    progress_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    progress_message_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = Field(default=None, index=True)


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="outbox_groups.id", index=True)
    recipient_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    key: str = Field(max_length=64)  # a message id of locales/
    params: str = Field(default="{}", max_length=2000)  # JSON
    created_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = Field(default=None, index=True)


def message(key: str) -> dict:
    """A parameter that is a message of its own (a status label), in the recipient's language."""
    return {"$msg": key}


def delivery_key(row: OutboxMessage) -> str:
    """The delivery log's key of one push ('push:<group>:<row>'; the log sums them per group)."""
    return f"push:{row.group_id}:{row.id}"


async def write(session: AsyncSession, items: list[tuple[int, str, dict]], owner_id: int | None = None) -> OutboxGroup | None:
    """Queue (recipient, message key, params) for delivery after the session commits. One INSERT
    of the group and one executemany of its rows; ``session.info['outbox']`` tells the bot's
    session owner that there is something to deliver once the commit went through."""
    if not items:
        return None
    group = OutboxGroup(owner_id=owner_id, total=len(items))
    session.add(group)
    await session.flush()
    now = utcnow()
    await session.exec(insert(OutboxMessage.__table__), params=[
        {"group_id": group.id, "recipient_id": rid, "key": key, "params": json.dumps(params, ensure_ascii=False),
         "created_at": now, "done_at": None} for rid, key, params in items])
    session.info["outbox"] = True
    return group


async def pending(session: AsyncSession, limit: int = 200, after_id: int = 0) -> list[OutboxMessage]:
    """Rows not yet delivered, oldest first (``after_id``: resume a pass where it stopped)."""
    stmt = select(OutboxMessage).where(OutboxMessage.done_at == None, OutboxMessage.id > after_id)  # noqa: E711
    return list((await session.exec(stmt.order_by(OutboxMessage.id).limit(limit))).all())


async def settle(session: AsyncSession, row_id: int, group_id: int, sent: bool) -> None:
    """One row delivered (or given up): written by the caller in the transaction that settles the
    delivery log, so the outbox, the group's counts and the log never disagree after a crash."""
    now = utcnow()
    await session.exec(update(OutboxMessage).where(OutboxMessage.id == row_id).values(done_at=now))
    counter = OutboxGroup.sent if sent else OutboxGroup.failed
    await session.exec(update(OutboxGroup).where(OutboxGroup.id == group_id).values({counter: counter + 1}))
    await session.exec(update(OutboxGroup).where(
        OutboxGroup.id == group_id, OutboxGroup.finished_at == None,  # noqa: E711
        OutboxGroup.sent + OutboxGroup.failed >= OutboxGroup.total).values(finished_at=now))


async def group(session: AsyncSession, group_id: int) -> OutboxGroup | None:
    return await session.get(OutboxGroup, group_id, populate_existing=True)


async def claim_progress_message(session: AsyncSession, group_id: int, chat_id: int) -> bool:
    """True for the one process that shows this group's progress (it then sends the message)."""
    result = await session.exec(update(OutboxGroup).where(
        OutboxGroup.id == group_id, OutboxGroup.progress_chat_id == None)  # noqa: E711
        .values(progress_chat_id=chat_id))
    await session.commit()
    return (result.rowcount or 0) == 1


async def set_progress_message(session: AsyncSession, group_id: int, chat_id: int, message_id: int) -> None:
    await session.exec(update(OutboxGroup).where(OutboxGroup.id == group_id)
                          .values(progress_chat_id=chat_id, progress_message_id=message_id))
    await session.commit()


def decode(row: OutboxMessage) -> dict:
    return json.loads(row.params or "{}")


async def _export(session: AsyncSession, user_id: int) -> list[dict]:
    rows = (await session.exec(select(OutboxMessage).where(OutboxMessage.recipient_id == user_id))).all()
    return [r.model_dump(mode="json") for r in rows]


async def _forget(session: AsyncSession, user_id: int) -> int:
    result = await session.exec(delete(OutboxMessage).where(OutboxMessage.recipient_id == user_id))
    await session.exec(update(OutboxGroup).where(OutboxGroup.owner_id == user_id).values(
        owner_id=None, progress_chat_id=None, progress_message_id=None))
    return result.rowcount or 0


register_personal_data("outbox", _export, _forget)
