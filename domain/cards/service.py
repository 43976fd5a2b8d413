"""Card application use cases: submit, withdraw, the clerk's check, batches, bank results,
revocation, the bank roster. Document numbers and phones are stored encrypted with a keyed hash."""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Row, Select, delete, func, insert, update
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock, outbox
from domain.cards.form import CardAnswers
from domain.cards.models import CardApplication, CardBatch, CardTransition
from domain.cards.status import OPEN, check_transition, label, label_key
from domain.identity import age_on, mask_id, mask_phone
from domain.models import Unit, User, utcnow
from domain.privacy import DataCipher
from domain.repos import DomainError, register_personal_data


# the bank roster: every field of the application the bank needs, the phone it calls about
# collection, and the batch's contact ([003] 提交办卡: 联系人 / 联系方式 "便于银行联系领卡")
ROSTER_COLUMNS = ["序号", "会员编号", "姓名", "证件类型", "证件号码", "证件到期日", "国籍", "手机号码",
                  "工作单位详细地址", "所在工会", "发卡支行", "经办网点", "办理通道", "银行联系电话",
                  "联系人", "联系方式", "办理结果", "失败原因"]  # the last two: the bank's result, read back by cards/results.py
HELD = OPEN | {"issued"}  # what a document number may hold once each: an open application, an issued card


@dataclass(frozen=True)
class Change:
    """A status change the member must be told about."""

    user_id: int
    ref: str
    status: str
    reason: str | None = None
    where: str | None = None  # for 已办卡: the branch and outlet the member chose


def _ref(prefix: str) -> str:
    # the day as the member and clerk see it (Shanghai), then 40 random bits: no collisions at scale
    return prefix + utcnow().astimezone(clock.TZ).strftime("%Y%m%d") + secrets.token_hex(5).upper()


# a reference a member can read out on the phone: 8 characters of Crockford's base32 (no I, L, O, U:
# nothing to confuse with 1 and 0), 40 random bits, e.g. KA7F3K92QD
_READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def short_ref(prefix: str = "KA") -> str:
    n = secrets.randbits(40)
    return prefix + "".join(_READABLE[(n >> shift) & 31] for shift in range(35, -1, -5))


async def _new_app_ref(session: AsyncSession) -> str:
    for _ in range(8):  # a repeat of 40 random bits is rare; look before taking it
        ref = short_ref("KA")
        if (await session.exec(select(CardApplication.id).where(CardApplication.ref == ref))).first() is None:
            return ref
    raise DomainError("card.ref_exhausted")


async def _move(session: AsyncSession, app: CardApplication, target: str, role: str, actor: int | None,
                reason: str | None = None) -> Change:
    check_transition(app.status, target, role)
    session.add(CardTransition(application_id=app.id, from_status=app.status, to_status=target,
                               actor_id=actor, reason=reason))
    app.status = target
    app.reason = reason
    app.updated_at = utcnow()
    session.add(app)
    return Change(app.user_id, app.ref, target, reason, f"{app.branch} · {app.outlet}" if target == "issued" else None)


async def _move_many(session: AsyncSession, moves: list[tuple[CardApplication | Row, str, str | None]], role: str,
                     actor: int | None, extra: dict | None = None) -> list[Change]:
    """The same as _move for many applications at once: one UPDATE per distinct (status, reason) over
    the ids concerned, and one executemany INSERT of the history. An application is an ORM object or
    a row of its columns (at least id, user_id, ref, status: see ``_BRIEF``); an application the
    session already holds is given its new values as committed, so it never reads stale."""
    if not moves:
        return []
    now = utcnow()
    groups: dict[tuple[str, str | None], list[int]] = {}
    history_rows, changes = [], []
    # the applications this session holds as objects (usually none or a few): one pass over its map
    loaded = {obj.id: obj for obj in session.identity_map.values() if isinstance(obj, CardApplication)}
    for app, target, reason in moves:
        check_transition(app.status, target, role)
        history_rows.append({"application_id": app.id, "from_status": app.status, "to_status": target,
                             "actor_id": actor, "reason": reason, "at": now})
        groups.setdefault((target, reason), []).append(app.id)
        changes.append(Change(app.user_id, app.ref, target, reason))
        if (obj := loaded.get(app.id)) is not None:
            for key, value in (("status", target), ("reason", reason), ("updated_at", now), *(extra or {}).items()):
                set_committed_value(obj, key, value)  # the row is written below, not by the unit of work
    for (target, reason), ids in groups.items():
        for start in range(0, len(ids), 5000):  # well under every database's bound-parameter limit
            await session.exec(
                update(CardApplication).where(CardApplication.id.in_(ids[start:start + 5000]))
                .values(status=target, reason=reason, updated_at=now, **(extra or {}))
                .execution_options(synchronize_session=False))
    await session.exec(insert(CardTransition.__table__), params=history_rows)  # Core executemany: no ORM bookkeeping
    return changes


async def _tell(session: AsyncSession, clerk: User, changes: list[Change]) -> list[Change]:
    """Queue each member's status message in this transaction (delivered after the commit)."""
    await outbox.write(session, [_push(c) for c in changes], owner_id=clerk.id)
    return changes


def reason_message(code: str) -> str:
    """The catalogs' message of a domain reason code ("card.check_expired" -> err-card-check-expired)."""
    return "err-" + code.replace(".", "-").replace("_", "-")


def _push(c: Change) -> tuple[int, str, dict]:
    """A member's status message; a failed check or a refusal carries its reason and what to do."""
    params = {"ref": c.ref, "status": outbox.message(label_key(c.status))}
    if c.status == "checked_fail" and c.reason:
        params["reason"] = outbox.message(reason_message(c.reason)) if c.reason.startswith("card.") else c.reason
        return c.user_id, "card-status-failed", params
    if c.status == "failed" and c.reason:  # the bank's refusal: its reason and who to ask
        params["reason"] = outbox.message(reason_message(c.reason)) if c.reason.startswith("card.") else c.reason
        return c.user_id, "card-status-bank-failed", params
    if c.status == "issued" and c.where:  # where and how: [003] the bank calls the phone given (便于银行联系领卡)
        return c.user_id, "card-status-issued", dict(params, where=c.where)
    return c.user_id, "card-status-changed", params


# --- member side -----------------------------------------------------------------------


async def find_unit(session: AsyncSession, union: str) -> Unit | None:
    """The registered unit of exactly this name (a typed number is a name, never a unit id: a member
    who said "not listed" must not land in whichever unit has that number)."""
    return (await session.exec(select(Unit).where(Unit.name == union.strip()))).first()


async def submit(session: AsyncSession, cipher: DataCipher, user_id: int, a: CardAnswers | Mapping,
                 union_id: int | None = None) -> CardApplication:
    """Save a confirmed form (``a``: its typed answers, or the form's stored values). A document
    number holds at most one open application and one issued card; ``union_id``: the unit chosen
    from the registry (None: the member's union is not registered yet, an admin assigns it)."""
    if not isinstance(a, CardAnswers):
        a = CardAnswers.from_form(a)
    doc_hash = cipher.lookup_hash(a.doc_number)
    held = (await session.exec(select(CardApplication).where(
        CardApplication.doc_hash == doc_hash, CardApplication.status.in_(HELD)))).first()
    if held is not None:  # nothing about the other application: it may be someone else's
        raise DomainError("card.duplicate")
    unit = await session.get(Unit, union_id) if union_id else await find_unit(session, a.union)
    app = CardApplication(
        ref=await _new_app_ref(session), user_id=user_id, unit_id=unit.id if unit else None, kind=a.kind, name=a.name,
        doc_type=a.doc_type, doc_enc=cipher.encrypt(a.doc_number), doc_hash=doc_hash,
        doc_masked=mask_id(a.doc_number), birth_date=a.birth_date, gender=a.gender,
        expiry=a.expiry, nationality=a.nationality, mobile_enc=cipher.encrypt(a.mobile),
        mobile_masked=mask_phone(a.mobile), address=a.address, union_name=a.union,
        member_no=a.member_no, branch=a.branch, outlet=a.outlet,
        bank_phone_enc=cipher.encrypt(a.bank_phone), channel=a.channel, status="none",
    )
    session.add(app)
    await session.flush()
    await _move(session, app, "pending", "member", user_id, None)
    return app


async def my_applications(session: AsyncSession, user_id: int) -> list[CardApplication]:
    stmt = select(CardApplication).where(CardApplication.user_id == user_id).order_by(CardApplication.id.desc())
    return list((await session.exec(stmt)).all())


async def history(session: AsyncSession, app_id: int) -> list[CardTransition]:
    stmt = select(CardTransition).where(CardTransition.application_id == app_id).order_by(CardTransition.id)
    return list((await session.exec(stmt)).all())


FIXABLE = frozenset({"checked_fail"})  # a member may correct and resubmit after a failed check


async def fixable(session: AsyncSession, cipher: DataCipher, user_id: int, app_id: int) -> dict:
    """The stored answers of the member's own failed application, as form values to correct."""
    app = await session.get(CardApplication, app_id)
    if app is None or app.user_id != user_id:
        raise DomainError("card.not_found")
    if app.status not in FIXABLE:
        raise DomainError("card.not_fixable")
    return {"kind": app.kind, "member_no": app.member_no, "name": app.name, "doc_type": app.doc_type,
            "doc_number": cipher.decrypt(app.doc_enc), "birth_date": app.birth_date, "gender": app.gender,
            "expiry": app.expiry, "nationality": app.nationality, "mobile": cipher.decrypt(app.mobile_enc),
            "address": app.address, "union": app.union_name, "union_id": app.unit_id, "branch": app.branch,
            "outlet": app.outlet, "bank_phone": cipher.decrypt(app.bank_phone_enc), "rare": app.channel == "special"
            and app.doc_type == "resident_id", "resubmit": app.id}


async def resubmit(session: AsyncSession, cipher: DataCipher, user_id: int, app_id: int, a: CardAnswers,
                   union_id: int | None = None) -> CardApplication:
    """The member's corrected answers replace the failed ones; the application waits again (待办中)."""
    app = await session.get(CardApplication, app_id)
    if app is None or app.user_id != user_id:
        raise DomainError("card.not_found")
    if app.status not in FIXABLE:
        raise DomainError("card.not_fixable")
    doc_hash = cipher.lookup_hash(a.doc_number)
    held = (await session.exec(select(CardApplication).where(
        CardApplication.doc_hash == doc_hash, CardApplication.status.in_(HELD), CardApplication.id != app.id))).first()
    if held is not None:
        raise DomainError("card.duplicate")
    unit = await session.get(Unit, union_id) if union_id else await find_unit(session, a.union)
    for key, value in dict(
            unit_id=unit.id if unit else app.unit_id, kind=a.kind, name=a.name, doc_type=a.doc_type,
            doc_enc=cipher.encrypt(a.doc_number), doc_hash=doc_hash, doc_masked=mask_id(a.doc_number),
            birth_date=a.birth_date, gender=a.gender, expiry=a.expiry, nationality=a.nationality,
            mobile_enc=cipher.encrypt(a.mobile), mobile_masked=mask_phone(a.mobile), address=a.address,
            union_name=a.union, member_no=a.member_no, branch=a.branch, outlet=a.outlet,
            bank_phone_enc=cipher.encrypt(a.bank_phone), channel=a.channel).items():
        setattr(app, key, value)
    await _move(session, app, "pending", "member", user_id, "card.resubmitted")
    return app


async def withdraw(session: AsyncSession, user_id: int, app_id: int) -> Change:
    app = await session.get(CardApplication, app_id)
    if app is None or app.user_id != user_id:
        raise DomainError("card.not_found")
    return await _move(session, app, "withdrawn", "member", user_id, None)


# --- clerk side ------------------------------------------------------------------------


async def _scoped(session: AsyncSession, clerk: User, app_id: int) -> CardApplication:
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
    return await _scoped(session, clerk, app_id)


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
    app = await _scoped(session, clerk, app_id)
    text = " ".join(reason.split())
    if not 2 <= len(text) <= 200:
        raise DomainError("card.reject_reason")
    if app.status not in REJECTABLE:
        raise DomainError("card.transition", current=label(app.status), target=label("checked_fail"))
    change = await _move(session, app, "checked_fail", "clerk", clerk.id, text)
    await _tell(session, clerk, [change])
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
    """The ids of the applications matching ``where`` whose document number already holds an issued
    card or an earlier open application (duplicates that got in before submit refused them): one
    query, each application probing the doc_hash index for another one held."""
    other = aliased(CardApplication)
    held = select(other.id).where(other.doc_hash == CardApplication.doc_hash, other.id != CardApplication.id,
                                  other.status.in_(HELD), (other.status == "issued") | (other.id < CardApplication.id))
    return select(CardApplication.id).where(where, held.exists())


async def _duplicates(session: AsyncSession, ids: list[int]) -> set[int]:
    out: set[int] = set()
    for chunk in _chunks(sorted(ids)):
        out.update((await session.exec(_duplicates_among(CardApplication.id.in_(chunk)))).all())
    return out


def _chunks(items: list, size: int = 5000):
    for start in range(0, len(items), size):  # well under every database's bound-parameter limit
        yield items[start:start + size]


async def duplicate_ids(session: AsyncSession, apps: list[CardApplication]) -> set[int]:
    """For the clerk's list: which of these applications share a document number with another one held."""
    return await _duplicates(session, [a.id for a in apps])


# what the check reads of an application (no encrypted field): rows of columns, no ORM objects
_CHECKED = (CardApplication.id, CardApplication.user_id, CardApplication.ref, CardApplication.status,
            CardApplication.unit_id, CardApplication.kind, CardApplication.member_no, CardApplication.doc_type,
            CardApplication.expiry, CardApplication.nationality, CardApplication.address, CardApplication.channel,
            CardApplication.birth_date, CardApplication.gender)
_BRIEF = (CardApplication.id, CardApplication.user_id, CardApplication.ref, CardApplication.status)
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
        for chunk in _chunks(wanted):
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
    return await _tell(session, clerk, await _move_many(session, moves, "clerk", clerk.id))


def _ready(columns, clerk_scope: set[int] | None, channel: str) -> Select:
    """The 校验通过 applications of a channel in a clerk's scope: what a batch takes."""
    return access.scoped(select(*columns).where(CardApplication.status == "checked_ok", CardApplication.channel == channel),
                         CardApplication.unit_id, clerk_scope)


async def ready_count(session: AsyncSession, clerk: User, channel: str) -> int:
    """How many people a batch of this channel would take now (the clerk's preview)."""
    stmt = _ready((func.count(),), await access.visible_units(session, clerk), channel)
    return int((await session.exec(stmt.select_from(CardApplication))).one())


async def create_batch(session: AsyncSession, cipher: DataCipher, clerk: User, channel: str, branch: str,
                       outlet: str, contact: str, contact_phone: str) -> tuple[CardBatch, list[Change]]:
    """提交办卡: every 校验通过 application of this channel in the clerk's scope goes into one batch."""
    stmt = _ready(_BRIEF, await access.visible_units(session, clerk), channel)
    apps = list((await session.exec(stmt.order_by(CardApplication.id))).all())
    if not apps:
        raise DomainError("card.batch_empty")
    batch = CardBatch(ref=_ref("CBC"), unit_id=clerk.unit_id, channel=channel, branch=branch, outlet=outlet,
                      contact=contact, contact_phone_enc=cipher.encrypt(contact_phone), created_by=clerk.id)
    session.add(batch)
    await session.flush()
    changes = await _move_many(session, [(app, "submitted", batch.ref) for app in apps], "clerk", clerk.id,
                               extra={"batch_id": batch.id})
    return batch, await _tell(session, clerk, changes)


async def batch_counts(session: AsyncSession, batch_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per batch: 办理总人数 and 办理成功人数 (issued), the two counts [003]'s batch list shows."""
    if not batch_ids:
        return {}
    stmt = (select(CardApplication.batch_id, CardApplication.status, func.count())
            .where(CardApplication.batch_id.in_(batch_ids))
            .group_by(CardApplication.batch_id, CardApplication.status))
    out = {i: (0, 0) for i in batch_ids}
    for batch_id, status, n in (await session.exec(stmt)).all():
        total, issued = out[batch_id]
        out[batch_id] = (total + n, issued + (n if status == "issued" else 0))
    return out


# what the bank roster reads of each person: rows of columns, not ORM objects (10,000 of them are
# read in a fifth of the time)
_ROSTERED = (CardApplication.id, CardApplication.member_no, CardApplication.name, CardApplication.doc_type,
             CardApplication.doc_enc, CardApplication.expiry, CardApplication.nationality, CardApplication.mobile_enc,
             CardApplication.address, CardApplication.union_name, CardApplication.branch, CardApplication.outlet,
             CardApplication.channel, CardApplication.bank_phone_enc)


async def roster_rows(session: AsyncSession, batch_id: int) -> list[Row]:
    """The people of a batch as the bank roster needs them (``roster_xlsx``), in the batch's order."""
    stmt = select(*_ROSTERED).where(CardApplication.batch_id == batch_id).order_by(CardApplication.id)
    return list((await session.exec(stmt)).all())


async def batch_applications(session: AsyncSession, batch_id: int) -> list[CardApplication]:
    stmt = select(CardApplication).where(CardApplication.batch_id == batch_id).order_by(CardApplication.id)
    return list((await session.exec(stmt)).all())


async def clerk_batches(session: AsyncSession, clerk: User) -> list[CardBatch]:
    stmt = access.scoped(select(CardBatch), CardBatch.unit_id, await access.visible_units(session, clerk))
    return list((await session.exec(stmt.order_by(CardBatch.id.desc()))).all())


async def record_result(session: AsyncSession, clerk: User, app_id: int, success: bool, reason: str | None = None) -> Change:
    app = await _scoped(session, clerk, app_id)
    change = await _move(session, app, "issued" if success else "failed", "clerk", clerk.id, reason)
    await _tell(session, clerk, [change])
    if app.batch_id is not None:
        await session.flush()
        await close_if_complete(session, app.batch_id)
    return change


async def batch_of(session: AsyncSession, app_id: int) -> CardBatch | None:
    app = await session.get(CardApplication, app_id)
    return await session.get(CardBatch, app.batch_id) if app is not None and app.batch_id else None


async def close_if_complete(session: AsyncSession, batch_id: int) -> bool:
    """A submitted batch whose every person has the bank's result closes itself (办理完成)."""
    batch = await session.get(CardBatch, batch_id)
    if batch is None or batch.status != "submitted":
        return False
    waiting = (await session.exec(select(func.count()).select_from(CardApplication).where(
        CardApplication.batch_id == batch_id, CardApplication.status.in_(("submitted", "revoke_pending"))))).one()
    if waiting:
        return False
    batch.status = "closed"
    session.add(batch)
    return True


async def scoped_batch(session: AsyncSession, user: User, batch_id: int) -> CardBatch:
    batch = await session.get(CardBatch, batch_id)
    if batch is None or not await access.can_see_unit(session, user, batch.unit_id):
        raise DomainError("card.batch_not_found")
    return batch


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
    return await _tell(session, clerk, [await _move(session, a, "revoke_pending", "clerk", clerk.id, batch.ref)
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
            changes.append(await _move(session, app, "none" if approve else "submitted", "upper", upper.id,
                                       "card.revoke_approved" if approve else "card.revoke_rejected"))
            if approve:
                app.batch_id = None
    return await _tell(session, upper, changes)


# --- unions and orphaned applications -------------------------------------------------


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


def roster_xlsx(batch: CardBatch, apps: list[CardApplication] | list[Row], cipher: DataCipher) -> bytes:
    """The bank roster (打印清册): the one export with full document numbers and phones. Written with
    XlsxWriter in constant-memory mode (each row streamed out as it is written, inline strings, as
    the roster fixer writes), every text cell through the one formula neutraliser, nothing turned
    into a number, a formula or a link."""
    import xlsxwriter

    from domain.cards.validation import DOC_TYPES
    from domain.spreadsheet import neutralise

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("办卡清册")
    write = ws.write_string
    write(0, 0, neutralise(f"批次编号 {batch.ref}"))
    write(0, 1, neutralise(f"{batch.branch} / {batch.outlet}"))
    for j, header in enumerate(ROSTER_COLUMNS):
        write(1, j, header)
    contact, contact_phone = neutralise(batch.contact), neutralise(cipher.decrypt(batch.contact_phone_enc))
    decrypt = cipher.decrypt
    for n, a in enumerate(apps, 1):
        row = n + 1
        ws.write_number(row, 0, n)
        for j, value in enumerate((
                a.member_no or "", a.name, DOC_TYPES.get(a.doc_type, a.doc_type), decrypt(a.doc_enc), a.expiry,
                a.nationality or "中国", decrypt(a.mobile_enc), a.address, a.union_name, a.branch, a.outlet,
                "特殊" if a.channel == "special" else "普通", decrypt(a.bank_phone_enc), contact, contact_phone), 1):
            if value:  # blank cells (and 办理结果 / 失败原因, left for the bank) are not written
                write(row, j, neutralise(value))
    wb.close()
    return out.getvalue()


# --- personal data ----------------------------------------------------------------------


async def _export(session: AsyncSession, user_id: int) -> list[dict]:
    out = []
    for app in await my_applications(session, user_id):
        row = app.model_dump(mode="json", exclude={"doc_enc", "doc_hash", "mobile_enc", "bank_phone_enc"})
        row["history"] = [t.model_dump(mode="json") for t in await history(session, app.id)]
        out.append(row)
    return out


async def _forget(session: AsyncSession, user_id: int) -> int:
    apps = await my_applications(session, user_id)
    for app in apps:
        await session.exec(delete(CardTransition).where(CardTransition.application_id == app.id))
    result = await session.exec(delete(CardApplication).where(CardApplication.user_id == user_id))
    return result.rowcount or 0


register_personal_data("card_applications", _export, _forget)
