"""Open card applications that name a union not in the registry (no unit): read-only, for the admin
menu. Attaching one to a unit belongs to the card service."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cards.models import CardApplication
from domain.cards.status import OPEN
from domain.identity import mask_name


@dataclass(frozen=True)
class Orphan:
    ref: str
    name_masked: str
    doc_masked: str
    union_name: str
    status: str


async def unitless(session: AsyncSession, limit: int = 20) -> tuple[int, list[Orphan]]:
    """How many open applications have no unit, and the oldest ``limit`` of them, masked."""
    where = (CardApplication.unit_id.is_(None), CardApplication.status.in_(OPEN))
    count = (await session.exec(select(func.count()).select_from(CardApplication).where(*where))).one()
    rows = (await session.exec(select(CardApplication).where(*where).order_by(CardApplication.id).limit(limit))).all()
    return count, [Orphan(a.ref, mask_name(a.name), a.doc_masked, a.union_name, a.status) for a in rows]
