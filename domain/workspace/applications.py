"""The applications table: the unit's card applications (and those of the units below), filtered by
status and a search, personal data masked as in chat (document and phone numbers never in full)."""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.cards.models import CardApplication, CardBatch
from domain.cards.status import STATUSES
from domain.models import Unit, User
from domain.repos import DomainError

MAX_ROWS = 500  # one page of the table; the search narrows further
MAX_SEARCH = 40


def check_filters(status: str | None, search: str | None) -> tuple[str | None, str | None]:
    """The filters as given, or DomainError: an unknown status, a search longer than a name."""
    status = (status or "").strip() or None
    search = (search or "").strip() or None
    if status is not None and status not in STATUSES:
        raise DomainError("workspace.bad_status", status=status)
    if search is not None and len(search) > MAX_SEARCH:
        raise DomainError("workspace.search_too_long", limit=MAX_SEARCH)
    return status, search


def row(app: CardApplication, unit_names: dict[int, str]) -> dict:
    return {"id": app.id, "ref": app.ref, "name": app.name, "doc": app.doc_masked, "mobile": app.mobile_masked,
            "status": app.status, "reason": app.reason, "channel": app.channel, "unit": unit_names.get(app.unit_id, ""),
            "batch_id": app.batch_id, "updated_at": app.updated_at.isoformat()}


async def table(session: AsyncSession, user: User, status: str | None = None, search: str | None = None,
                limit: int = MAX_ROWS) -> dict:
    """{"rows": [...], "total": n matching, "counts": {status: n} over the whole scope}."""
    status, search = check_filters(status, search)
    scope = await access.visible_units(session, user)
    stmt = access.scoped(select(CardApplication), CardApplication.unit_id, scope)
    count = access.scoped(select(func.count()).select_from(CardApplication), CardApplication.unit_id, scope)
    if status:
        stmt, count = stmt.where(CardApplication.status == status), count.where(CardApplication.status == status)
    if search:
        like = f"%{search}%"
        cond = or_(CardApplication.name.like(like), CardApplication.ref.like(like.upper()),
                   CardApplication.member_no.like(like), CardApplication.doc_masked.like(like))
        stmt, count = stmt.where(cond), count.where(cond)
    rows = list((await session.exec(stmt.order_by(CardApplication.id.desc()).limit(limit))).all())
    total = int((await session.exec(count)).one())
    by_status = access.scoped(select(CardApplication.status, func.count()).group_by(CardApplication.status),
                              CardApplication.unit_id, scope)
    counts = {s: int(n) for s, n in (await session.exec(by_status)).all()}
    unit_ids = {a.unit_id for a in rows if a.unit_id is not None}
    names = {}
    if unit_ids:
        names = {u.id: u.name for u in (await session.exec(select(Unit).where(Unit.id.in_(unit_ids)))).all()}
    return {"rows": [row(a, names) for a in rows], "total": total, "counts": counts}


async def batches(session: AsyncSession, user: User) -> list[dict]:
    from domain.cards import service

    items = await service.clerk_batches(session, user)
    counts = await service.batch_counts(session, [b.id for b in items])
    out = []
    for b in items:
        total, issued = counts[b.id]
        out.append({"id": b.id, "ref": b.ref, "status": b.status, "channel": b.channel, "branch": b.branch,
                    "outlet": b.outlet, "total": total, "issued": issued,
                    "open": await _open_in_batch(session, b)})
    return out


async def _open_in_batch(session: AsyncSession, batch: CardBatch) -> int:
    stmt = select(func.count()).select_from(CardApplication).where(
        CardApplication.batch_id == batch.id, CardApplication.status == "submitted")
    return int((await session.exec(stmt)).one())


def check_ids(raw) -> list[int]:
    """A list of application ids from a request body (1..500 whole numbers), or DomainError."""
    if not isinstance(raw, list) or not raw:
        raise DomainError("workspace.no_selection")
    if len(raw) > MAX_ROWS or not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in raw):
        raise DomainError("workspace.bad_ids")
    return list(dict.fromkeys(raw))
