"""Who may do what: the one access policy. Every handler asks here (through handlers/access.py),
and every query over units' data is narrowed by ``scoped``.

- an **admin** (ADMIN_IDS) may do everything and sees every unit;
- a **clerk** acts for their unit: they see its data and that of the units below it;
- an **upper union** clerk (a unit that is not grassroots) reviews the revocation requests of the
  units below it, never their own unit's;
- anyone working **in clerk mode** (a clerk, or a member who switched the menu to clerk) gets the
  clerk's texts, and with admins the clerk's tools that hold no unit data (the roster pre-check)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.models import Unit, User
from domain.repos import descendant_unit_ids


def is_admin(user: User | None) -> bool:
    return user is not None and user.role == "admin"


def is_clerk(user: User | None) -> bool:
    """A clerk by role (an admin may do what a clerk does); see ``acts_for_unit`` for unit data."""
    return user is not None and user.role in ("clerk", "admin")


def acts_for_unit(user: User | None) -> bool:
    """May work on a unit's data (applications, batches): an admin, or a clerk bound to a unit."""
    return is_admin(user) or (is_clerk(user) and user.unit_id is not None)


def clerk_mode(user: User | None) -> bool:
    """Reads the clerk's texts (help, menus): a clerk, or a member who chose clerk mode."""
    return user is not None and (user.role == "clerk" or user.mode == "clerk")


def clerk_tools(user: User | None) -> bool:
    """May use the clerk's tools that hold no unit data (the roster pre-check)."""
    return is_admin(user) or clerk_mode(user)


async def visible_units(session: AsyncSession, user: User) -> set[int] | None:
    """Units whose data the user may see: None means all (admin), empty set means none."""
    if user.role == "admin":
        return None
    if user.role != "clerk" or user.unit_id is None:
        return set()
    return await descendant_unit_ids(session, user.unit_id)


async def can_see_unit(session: AsyncSession, user: User, unit_id: int | None) -> bool:
    visible = await visible_units(session, user)
    return visible is None or unit_id in visible


def scoped(stmt, column, visible: set[int] | None):
    """``stmt`` narrowed to the rows whose ``column`` (a unit id) is in ``visible`` (None: all)."""
    if visible is None:
        return stmt
    return stmt.where(column.in_(visible or {-1}))


async def can_review(session: AsyncSession, user: User, batch_unit_id: int | None) -> bool:
    """撤销办卡批次审核: an admin, or a clerk of an upper (district / industry) union that sees the
    batch's unit and is not that unit itself."""
    if is_admin(user):
        return True
    if not acts_for_unit(user) or user.unit_id == batch_unit_id or not await can_see_unit(session, user, batch_unit_id):
        return False
    unit = await session.get(Unit, user.unit_id)
    return unit is not None and unit.level != "grassroots"
