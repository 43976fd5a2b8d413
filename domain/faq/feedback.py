"""Recording votes and unanswered questions; the list an admin reviews."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.faq.models import KINDS, FaqFeedback
from domain.privacy import redact
from domain.repos import register_personal_data


def scrub(query: str) -> str:
    """Keep the question, never an ID or phone number someone typed into it (in any spelling)."""
    return redact(query.strip())[:500]


async def record(session: AsyncSession, user_id: int, query: str, kind: str, entry_id: str | None = None,
                 lang: str = "zh") -> FaqFeedback:
    if kind not in KINDS:
        raise ValueError(f"unknown feedback kind {kind!r}")
    row = FaqFeedback(user_id=user_id, query=scrub(query), entry_id=entry_id, kind=kind, lang=lang)
    session.add(row)
    return row


@dataclass(frozen=True)
class Gap:
    query: str
    kind: str
    entry_id: str | None
    count: int


async def gaps(session: AsyncSession, limit: int = 20) -> list[Gap]:
    """Questions that got no answer or a 'not helpful' vote, most frequent first."""
    stmt = (
        select(FaqFeedback.query, FaqFeedback.kind, FaqFeedback.entry_id, func.count().label("n"))
        .where(FaqFeedback.kind != "helpful")
        .group_by(FaqFeedback.query, FaqFeedback.kind, FaqFeedback.entry_id)
        .order_by(func.count().desc(), FaqFeedback.query)
        .limit(limit)
    )
    return [Gap(q, k, e, n) for q, k, e, n in (await session.exec(stmt)).all()]


async def _export(session: AsyncSession, user_id: int) -> list[dict]:
    rows = (await session.exec(select(FaqFeedback).where(FaqFeedback.user_id == user_id))).all()
    return [r.model_dump(mode="json", exclude={"user_id"}) for r in rows]


async def _forget(session: AsyncSession, user_id: int) -> int:
    result = await session.exec(delete(FaqFeedback).where(FaqFeedback.user_id == user_id))
    return result.rowcount or 0


register_personal_data("faq_feedback", _export, _forget)
