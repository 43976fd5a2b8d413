"""The clerk's review of applications: the list of the clerk's scope, one application's detail,
search, sending one back by hand, and the pre-check (提交系统校验) with its rules and the duplicate
look-up. The check reads applications as rows of columns in bulk, never one by one."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Row, Select, and_, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock
from domain.cards.changes import Change, chunks, move, move_many, tell
from domain.cards.models import CardApplication
from domain.cards.status import HELD, label
from domain.identity import age_on
from domain.models import User
from domain.repos import DomainError


async def scoped_application(session: AsyncSession, clerk: User, app_id: int) -> CardApplication:
    app = await session.get(CardApplication, app_id)
    if app is None or not await access.can_see_unit(session, clerk, app.unit_id):
        raise DomainError("card.not_found")
    return app


async def clerk_list(session: AsyncSession, clerk: User, status: str | None = None, page: int = 0,
                     size: int = 5) -> tuple[list[CardApplication], int]:
    scope = await access.visible_units(session, clerk)
    stmt = access.scoped(select(CardApplication), CardApplication.unit_id, scope)
    count = access.scoped(select(func.count()).select_from(CardApplication), CardApplication.unit_id, scope)
    if status:
        stmt = stmt.where(CardApplication.status == status)
        count = count.where(CardApplication.status == status)
    total = (await session.exec(count)).one()
    rows = (await session.exec(stmt.order_by(CardApplication.id).offset(page * size).limit(size))).all()
    return list(rows), int(total)


async def detail(session: AsyncSession, clerk: User, app_id: int) -> CardApplication:
    """One application of the clerk's scope (its fields are shown masked by the handler)."""
    return await scoped_application(session, clerk, app_id)


async def search(session: AsyncSession, clerk: User, text: str, limit: int = 10) -> list[CardApplication]:
    """The clerk's applications whose name holds ``text`` or whose reference is ``text``."""
    query = text.strip()
    if not query:
        return []
    scope = await access.visible_units(session, clerk)
    stmt = access.scoped(select(CardApplication), CardApplication.unit_id, scope).where(
        (CardApplication.ref == query.upper().replace(" ", "").replace("-", "")) | CardApplication.name.contains(query))
    return list((await session.exec(stmt.order_by(CardApplication.id.desc()).limit(limit))).all())


REJECTABLE = frozenset({"pending", "checked_ok", "checked_fail"})


async def reject(session: AsyncSession, clerk: User, app_id: int, reason: str) -> Change:
    """The clerk refuses an application by hand (信息校验结果 未通过) with a reason the member reads;
    the member may correct and resubmit it."""
    app = await scoped_application(session, clerk, app_id)
    text = " ".join(reason.split())
    if not 2 <= len(text) <= 200:
        raise DomainError("card.reject_reason")
    if app.status not in REJECTABLE:
        raise DomainError("card.transition", current=label(app.status), target=label("checked_fail"))
    change = await move(session, app, "checked_fail", "clerk", clerk.id, text)
    await tell(session, clerk, [change])
    return change


def age_note_limits() -> dict[str, int]:
    """[002]'s over-age limit for people outside 职保 (women 55, men 60), from the programme data.

    [003] says only that 提交系统校验 checks 退休状态 (retirement status), which the bot cannot see;
    the member declares it (``can_apply``). Reaching these ages is therefore a note for the clerk,
    naming where the figure comes from, never a rejection."""
    from domain.calc.data import latest

    limits = latest("mutual_aid").raw["roster_checks"]["age_limits"]
    return {"F": int(limits["F"]), "M": int(limits["M"])}


def check_note(app: CardApplication, today: date, limits: dict[str, int] | None = None) -> str | None:
    """A warning the check attaches to an application that passes (the bot's own, not the platform's).
    ``limits``: age_note_limits(), read once by a caller that checks many."""
    limits = limits or age_note_limits()
    if app.birth_date and app.gender in limits:
        if age_on(date.fromisoformat(app.birth_date), today) >= limits[app.gender]:
            return "card.check_age_note"
    return None


def check_reason(app: CardApplication, today: date) -> str | None:
    """The bot's pre-check, modelled on the platform's 提交系统校验: None when it passes.
    Retirement status ([003]) is the member's own answer at /apply, not an age rule here."""
    if app.expiry != "长期":
        expiry = clock.parse_date(app.expiry)
        if expiry is None or expiry <= today:
            return "card.check_expired"
    if len(app.address or "") < 6:
        return "card.check_address"
    if app.kind == "enterprise" and not app.member_no:
        return "card.check_member_no"
    if app.channel == "special" and not (app.nationality or app.doc_type == "resident_id"):
        return "card.check_special_incomplete"
    return None


def _duplicates_among(where) -> Select:
    """The ids of the held applications matching ``where`` that are a duplicate: their document number
    is held by another application that comes first — an issued card before any open application,
    then the earlier one (duplicates that got in before submit refused them). One document number
    holds one application ([003]: 待办中 or 已办卡 is not added again), so of each such group the first
    issued card, or else the earliest open application, is the one that stands; the rest are
    duplicates, in every status they hold (waiting, in a batch, issued a second time). One query,
    each application probing the doc_hash index for one that comes first."""
    other = aliased(CardApplication)
    issued, other_issued = CardApplication.status == "issued", other.status == "issued"
    earlier = other.id < CardApplication.id
    first = or_(and_(other_issued, ~issued), and_(other_issued, issued, earlier), and_(~other_issued, ~issued, earlier))
    held = select(other.id).where(other.doc_hash == CardApplication.doc_hash, other.id != CardApplication.id,
                                  other.status.in_(HELD), first)
    return select(CardApplication.id).where(where, CardApplication.status.in_(HELD), held.exists())


async def _duplicates(session: AsyncSession, ids: list[int]) -> set[int]:
    out: set[int] = set()
    for chunk in chunks(sorted(ids)):
        out.update((await session.exec(_duplicates_among(CardApplication.id.in_(chunk)))).all())
    return out


async def duplicate_ids(session: AsyncSession, apps: list[CardApplication]) -> set[int]:
    """For the clerk's views (list, detail, search): which of these applications are a duplicate, in
    whatever status they hold; the same rule as the pre-check's."""
    return await _duplicates(session, [a.id for a in apps])


IN_BATCH = frozenset({"submitted", "revoke_pending"})


def duplicate_note(status: str) -> str:
    """What the clerk is told of a duplicate, by where it stands: one still waiting can be sent back
    (the pre-check refuses it); one in a submitted batch only leaves it by the batch's revocation
    (撤销办卡批次, [003]) or the bank's result; one issued is a second card."""
    if status in IN_BATCH:
        return "card.duplicate_in_batch"
    if status == "issued":
        return "card.duplicate_issued"
    return "card.check_duplicate"


# what the check reads of an application (no encrypted field): rows of columns, no ORM objects
_CHECKED = (CardApplication.id, CardApplication.user_id, CardApplication.ref, CardApplication.status,
            CardApplication.unit_id, CardApplication.kind, CardApplication.member_no, CardApplication.doc_type,
            CardApplication.expiry, CardApplication.nationality, CardApplication.address, CardApplication.channel,
            CardApplication.birth_date, CardApplication.gender)
CHECKABLE = ("pending", "checked_fail")


async def run_check(session: AsyncSession, clerk: User, today: date, app_ids: list[int] | None = None) -> list[Change]:
    """提交系统校验: every waiting application of the clerk's scope (``app_ids``: those of them), in
    queries of thousands at a time, each application read once; one that is out of scope or gone
    refuses the whole check (card.not_found), as before."""
    scope = await access.visible_units(session, clerk)
    if app_ids is None:  # everything waiting in the clerk's scope, in one query
        stmt = access.scoped(select(*_CHECKED).where(CardApplication.status.in_(CHECKABLE)), CardApplication.unit_id, scope)
        rows = list((await session.exec(stmt.order_by(CardApplication.id))).all())
        dupes = set((await session.exec(_duplicates_among(stmt.whereclause))).all())
    else:
        wanted = list(dict.fromkeys(app_ids))
        found: dict[int, Row] = {}
        for chunk in chunks(wanted):
            found.update((r.id, r) for r in (await session.exec(select(*_CHECKED).where(CardApplication.id.in_(chunk)))).all())
        if any(i not in found or not (scope is None or found[i].unit_id in scope) for i in wanted):
            raise DomainError("card.not_found")
        rows = [found[i] for i in wanted]
        dupes = await _duplicates(session, wanted)
    limits = age_note_limits()
    moves = []
    for app in rows:
        reason = "card.check_duplicate" if app.id in dupes else check_reason(app, today)
        moves.append((app, "checked_fail", reason) if reason else (app, "checked_ok", check_note(app, today, limits)))
    return await tell(session, clerk, await move_many(session, moves, "clerk", clerk.id))
