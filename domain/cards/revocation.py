"""Revoking a submitted card batch: the clerk's request (撤销办卡批次申请) and the upper union's
review (撤销办卡批次审核)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.cards.batches import batch_applications, scoped_batch
from domain.cards.changes import Change, move, tell
from domain.cards.models import CardApplication
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import DomainError


async def revocable(session: AsyncSession, batch_id: int) -> list[CardApplication]:
    """The people of a batch a revocation can still release: those without the bank's result."""
    return [a for a in await batch_applications(session, batch_id) if a.status == "submitted"]


async def request_revocation(session: AsyncSession, cipher: DataCipher, clerk: User, batch_id: int,
                             applicant: str, phone: str, reason: str | None = None) -> list[Change]:
    """撤销办卡批次申请 ([003]: applicant's name and phone; the bot also asks why, for the reviewer).
    Only a submitted batch with somebody still revocable in it."""
    batch = await scoped_batch(session, clerk, batch_id)
    if batch.status != "submitted":
        raise DomainError("card.revoke_state")
    people = await revocable(session, batch.id)
    if not people:
        raise DomainError("card.revoke_nobody")
    text = (reason or "").strip()
    if not 2 <= len(text) <= 200:
        raise DomainError("card.revoke_reason")
    batch.status = "revoke_pending"
    batch.revoke_applicant = applicant
    batch.revoke_phone_enc = cipher.encrypt(phone)
    batch.revoke_reason = text
    session.add(batch)
    return await tell(session, clerk, [await move(session, a, "revoke_pending", "clerk", clerk.id, batch.ref)
                                       for a in people])


async def review_revocation(session: AsyncSession, upper: User, batch_id: int, approve: bool) -> list[Change]:
    """撤销办卡批次审核 by the upper (district/industry) union of the batch's unit."""
    batch = await scoped_batch(session, upper, batch_id)
    if not await access.can_review(session, upper, batch.unit_id):
        raise DomainError("card.revoke_not_upper")
    if batch.status != "revoke_pending":
        raise DomainError("card.revoke_state")
    batch.status = "revoked" if approve else "submitted"
    session.add(batch)
    changes = []
    for app in await batch_applications(session, batch.id):
        if app.status == "revoke_pending":
            changes.append(await move(session, app, "none" if approve else "submitted", "upper", upper.id,
                                      "card.revoke_approved" if approve else "card.revoke_rejected"))
            if approve:
                app.batch_id = None
    return await tell(session, upper, changes)
