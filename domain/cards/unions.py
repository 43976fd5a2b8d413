"""The member's union from the unit registry, and the applications whose union is not registered
(orphans) that an admin assigns to a unit."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, outbox
from domain.cards.models import CardApplication
from domain.cards.status import OPEN
from domain.models import Unit, User, utcnow
from domain.repos import DomainError


async def find_unit(session: AsyncSession, union: str) -> Unit | None:
    """The registered unit of exactly this name (a typed number is a name, never a unit id: a member
    who said "not listed" must not land in whichever unit has that number)."""
    return (await session.exec(select(Unit).where(Unit.name == union.strip()))).first()


async def search_units(session: AsyncSession, text: str, limit: int = 8) -> list[Unit]:
    """Units of the registry whose name holds the typed text (a member picks their union)."""
    words = [w for w in text.replace("工会", " ").split() if w] or [text.strip()]
    stmt = select(Unit)
    for w in words:
        stmt = stmt.where(Unit.name.contains(w))
    return list((await session.exec(stmt.order_by(Unit.name).limit(limit))).all())


async def orphans(session: AsyncSession, limit: int = 20) -> list[CardApplication]:
    """Open applications whose union was not in the registry (no unit): an admin assigns them."""
    stmt = select(CardApplication).where(CardApplication.unit_id.is_(None), CardApplication.status.in_(OPEN))
    return list((await session.exec(stmt.order_by(CardApplication.id).limit(limit))).all())


async def assign_unit(session: AsyncSession, admin: User, app_id: int, unit_id: int) -> CardApplication:
    """An admin attaches an orphaned application to its union; the member is told which one."""
    if not access.is_admin(admin):
        raise DomainError("card.not_found")
    app = await session.get(CardApplication, app_id)
    unit = await session.get(Unit, unit_id)
    if app is None or app.unit_id is not None or app.status not in OPEN:
        raise DomainError("card.not_orphan")
    if unit is None:
        raise DomainError("unit.missing", id=str(unit_id))
    app.unit_id = unit.id
    app.union_name = unit.name
    app.updated_at = utcnow()
    session.add(app)
    await outbox.write(session, [(app.user_id, "card-union-assigned", {"ref": app.ref, "union": unit.name})],
                       owner_id=admin.id)
    return app
