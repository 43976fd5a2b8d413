"""Repositories for the foundation tables and the personal-data registry.

Access rules: a member sees only their own data; a clerk sees only their own unit's data;
a clerk of an upper (secondary / district) union sees the units below it; an admin sees all.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.identity import check_uscc
from domain.models import UNIT_LEVELS, Invite, Unit, User, utcnow
from domain.privacy import redact_tree

INVITE_TTL = timedelta(days=7)


class DomainError(Exception):
    """A rule was broken. ``code`` maps to a message id ``err-<code>`` in locales/."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


# --- users -----------------------------------------------------------------


async def get_user(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_or_create_user(
    session: AsyncSession, user_id: int, lang: str | None, admin_ids: frozenset[int] = frozenset()
) -> tuple[User, bool]:
    """Load a user, registering them on first contact. Returns (user, created)."""
    user = await session.get(User, user_id)
    created = False
    if user is None:
        user = User(id=user_id, lang=lang, role="admin" if user_id in admin_ids else "member")
        session.add(user)
        created = True
    elif user_id in admin_ids and user.role != "admin":
        user.role = "admin"
        user.updated_at = utcnow()
    elif user.role == "admin" and user_id not in admin_ids:
        # ADMIN_IDS is the source of truth for admins.
        user.role = "clerk" if user.unit_id else "member"
        user.updated_at = utcnow()
    return user, created


async def set_user_lang(session: AsyncSession, user: User, lang: str) -> None:
    user.lang = lang
    user.updated_at = utcnow()
    session.add(user)


async def set_user_mode(session: AsyncSession, user: User, mode: str) -> None:
    user.mode = mode
    user.updated_at = utcnow()
    session.add(user)


async def mark_inactive(session: AsyncSession, user_id: int) -> None:
    user = await session.get(User, user_id)
    if user is not None and user.active:
        user.active = False
        user.updated_at = utcnow()
        session.add(user)


# --- units -------------------------------------------------------------------


async def create_unit(
    session: AsyncSession,
    name: str,
    uscc: str | None = None,
    enroll_code: str | None = None,
    district: str | None = None,
    level: str = "grassroots",
    parent_id: int | None = None,
) -> Unit:
    name = (name or "").strip()
    if len(name) < 2:
        raise DomainError("unit.name")
    if level not in UNIT_LEVELS:
        raise DomainError("unit.level")
    code = None
    if uscc:
        check = check_uscc(uscc)
        if not check.ok:
            raise DomainError(check.error)
        code = check.number
        existing = (await session.exec(select(Unit).where(Unit.uscc == code))).first()
        if existing is not None:
            raise DomainError("unit.duplicate", name=existing.name, id=existing.id)
    if parent_id is not None:
        if not parent_levels(level):
            raise DomainError("unit.parent_of_district")
        if await session.get(Unit, parent_id) is None:
            raise DomainError("unit.parent_missing", id=parent_id)
    unit = Unit(
        name=name,
        uscc=code,
        enroll_code=(enroll_code or None),
        district=(district or None),
        level=level,
        parent_id=parent_id,
    )
    session.add(unit)
    await session.flush()
    return unit


def parent_levels(level: str) -> tuple[str, ...]:
    """The levels a unit of ``level`` may report to, nearest first: a grassroots union to a secondary
    or a district/industry union, a secondary union to a district/industry union; a district/industry
    union is the top of the review chain under the city federation and has no parent [000][001]."""
    if level not in UNIT_LEVELS:
        raise DomainError("unit.level")
    return UNIT_LEVELS[UNIT_LEVELS.index(level) + 1:]


async def parent_candidates(session: AsyncSession, level: str, text: str = "") -> list[Unit]:
    """The units a new unit of ``level`` can be placed under, those whose name holds ``text`` when
    given, by level (nearest first) and name."""
    levels = parent_levels(level)
    if not levels:
        return []
    stmt = select(Unit).where(Unit.level.in_(levels))
    for word in text.split():
        stmt = stmt.where(Unit.name.contains(word))
    rows = list((await session.exec(stmt.order_by(Unit.name))).all())
    return sorted(rows, key=lambda u: levels.index(u.level))


async def list_units(session: AsyncSession) -> list[Unit]:
    return list((await session.exec(select(Unit).order_by(Unit.id))).all())


async def descendant_unit_ids(session: AsyncSession, unit_id: int) -> set[int]:
    """The unit and every unit below it."""
    units = await list_units(session)
    children: dict[int | None, list[int]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u.id)
    seen, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(children.get(current, []))
    return seen


# --- invites -----------------------------------------------------------------


async def create_invite(session: AsyncSession, unit_id: int, created_by: int | None, ttl: timedelta = INVITE_TTL) -> Invite:
    if await session.get(Unit, unit_id) is None:
        raise DomainError("unit.missing", id=unit_id)
    invite = Invite(
        code="c" + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y"),
        unit_id=unit_id,
        created_by=created_by,
        expires_at=utcnow() + ttl,
    )
    session.add(invite)
    await session.flush()
    return invite


async def redeem_invite(session: AsyncSession, code: str, user: User) -> Unit:
    """Bind the user as a clerk of the invite's unit. Single use, expiring."""
    invite = await session.get(Invite, code)
    if invite is None:
        raise DomainError("invite.unknown")
    if invite.used_at is not None:
        raise DomainError("invite.used")
    if invite.expires_at < utcnow():
        raise DomainError("invite.expired")
    unit = await session.get(Unit, invite.unit_id)
    if unit is None:
        raise DomainError("invite.unknown")
    invite.used_by = user.id
    invite.used_at = utcnow()
    if user.role != "admin":
        user.role = "clerk"
    user.unit_id = unit.id
    user.mode = "clerk"
    user.updated_at = utcnow()
    session.add(invite)
    session.add(user)
    return unit


# --- personal data registry (export / forget) ----------------------------------

ExportFn = Callable[[AsyncSession, int], Awaitable[dict | list | None]]
ForgetFn = Callable[[AsyncSession, int], Awaitable[int]]


@dataclass(frozen=True)
class PersonalData:
    name: str
    export: ExportFn
    forget: ForgetFn


PERSONAL_DATA: dict[str, PersonalData] = {}


def register_personal_data(name: str, export: ExportFn, forget: ForgetFn) -> None:
    """Features that keep data about a person register how to export and erase it."""
    PERSONAL_DATA[name] = PersonalData(name, export, forget)


async def export_user(session: AsyncSession, user_id: int) -> dict:
    """Everything kept about a person, with any ID or phone number in free text masked
    (``domain.privacy.redact``): exports never carry full numbers; the bank roster is the one exception."""
    user = await session.get(User, user_id)
    out: dict = {"user": user.model_dump(mode="json") if user else None}
    for name, entry in sorted(PERSONAL_DATA.items()):
        out[name] = await entry.export(session, user_id)
    return redact_tree(out)


async def forget_user(session: AsyncSession, user_id: int) -> dict[str, int]:
    """Erase everything kept about a person; the user row itself goes last."""
    counts: dict[str, int] = {}
    for name, entry in sorted(PERSONAL_DATA.items()):
        counts[name] = await entry.forget(session, user_id)
    await session.exec(delete(Invite).where(Invite.used_by == user_id))
    result = await session.exec(delete(User).where(User.id == user_id))
    counts["user"] = result.rowcount or 0
    return counts
