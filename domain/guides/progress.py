"""Guide progress, kept per unit (or per clerk without a unit), guide and protection year, so a
clerk can stop half-way and resume ("step 4 of 9")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint, delete, update
from sqlmodel import Field, SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.models import User, utcnow
from domain.repos import register_personal_data


class GuideProgress(SQLModel, table=True):
    __tablename__ = "guide_progress"
    __table_args__ = (UniqueConstraint("scope", "guide", "year", name="uq_guide_progress_scope"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=32, index=True)  # "u<unit id>" or "p<telegram user id>"
    unit_id: int | None = Field(default=None, foreign_key="units.id", index=True)
    guide: str = Field(max_length=40)
    year: int
    step: int = Field(default=0)  # index of the current step
    completed: bool = Field(default=False)
    updated_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, index=True))
    updated_at: datetime = Field(default_factory=utcnow)


def scope_for(user: User) -> str:
    return f"u{user.unit_id}" if user.unit_id else f"p{user.id}"


async def get_progress(session: AsyncSession, user: User, guide: str, year: int) -> GuideProgress | None:
    stmt = select(GuideProgress).where(GuideProgress.scope == scope_for(user), GuideProgress.guide == guide,
                                       GuideProgress.year == year)
    return (await session.exec(stmt)).first()


async def save_progress(session: AsyncSession, user: User, guide: str, year: int, step: int,
                        completed: bool = False) -> GuideProgress:
    row = await get_progress(session, user, guide, year)
    if row is None:
        row = GuideProgress(scope=scope_for(user), unit_id=user.unit_id, guide=guide, year=year)
    row.step = step
    row.completed = completed
    row.updated_by = user.id
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    return row


async def list_progress(session: AsyncSession, user: User) -> list[GuideProgress]:
    stmt = select(GuideProgress).where(GuideProgress.scope == scope_for(user)).order_by(GuideProgress.updated_at.desc())
    return list((await session.exec(stmt)).all())


async def _export(session: AsyncSession, user_id: int) -> list[dict]:
    stmt = select(GuideProgress).where((GuideProgress.updated_by == user_id) | (GuideProgress.scope == f"p{user_id}"))
    return [{"guide": r.guide, "year": r.year, "step": r.step + 1, "completed": r.completed, "unit_id": r.unit_id,
             "updated_at": r.updated_at.isoformat()} for r in (await session.exec(stmt)).all()]


async def _forget(session: AsyncSession, user_id: int) -> int:
    own = await session.exec(delete(GuideProgress).where(GuideProgress.scope == f"p{user_id}"))
    shared = await session.exec(update(GuideProgress).where(GuideProgress.updated_by == user_id)
                                   .values(updated_by=None))
    return (own.rowcount or 0) + (shared.rowcount or 0)


register_personal_data("guides", _export, _forget)
