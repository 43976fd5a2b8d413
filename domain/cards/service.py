"""Card application use cases: submit, withdraw, the clerk's check, batches, bank results,
revocation, the bank roster. Document numbers and phones are stored encrypted with a keyed hash."""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import delete, func, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock, outbox
from domain.cards.form import CardAnswers
from domain.cards.models import BankOutlet, CardApplication, CardBatch, CardTransition
from domain.cards.status import OPEN, check_transition, label_key
from domain.identity import age_on, mask_id, mask_phone
from domain.models import Unit, User, utcnow
from domain.privacy import DataCipher
from domain.repos import DomainError, register_personal_data


CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "cards" / "bank_outlets.yaml"
ROSTER_COLUMNS = ["序号", "会员编号", "姓名", "证件类型", "证件号码", "证件到期日", "国籍", "手机号码",
                  "工作单位详细地址", "所在工会", "发卡支行", "经办网点", "办理通道"]


@dataclass(frozen=True)
class Change:
    """A status change the member must be told about."""

    user_id: int
    ref: str
    status: str
    reason: str | None = None


def _ref(prefix: str) -> str:
    # the day as the member and clerk see it (Shanghai), then 40 random bits: no collisions at scale
    return prefix + utcnow().astimezone(clock.TZ).strftime("%Y%m%d") + secrets.token_hex(5).upper()


async def _move(session: AsyncSession, app: CardApplication, target: str, role: str, actor: int | None,
                reason: str | None = None) -> Change:
    check_transition(app.status, target, role)
    session.add(CardTransition(application_id=app.id, from_status=app.status, to_status=target,
                               actor_id=actor, reason=reason))
    app.status = target
    app.reason = reason
    app.updated_at = utcnow()
    session.add(app)
    return Change(app.user_id, app.ref, target, reason)


async def _move_many(session: AsyncSession, moves: list[tuple[CardApplication, str, str | None]], role: str,
                     actor: int | None, extra: dict | None = None) -> list[Change]:
    """The same as _move for many applications at once: one UPDATE per distinct (status, reason) over
    the ids concerned, and one executemany INSERT of the history."""
    if not moves:
        return []
    now = utcnow()
    groups: dict[tuple[str, str | None], list[int]] = {}
    history_rows, changes = [], []
    for app, target, reason in moves:
        check_transition(app.status, target, role)
        history_rows.append({"application_id": app.id, "from_status": app.status, "to_status": target,
                             "actor_id": actor, "reason": reason, "at": now})
        groups.setdefault((target, reason), []).append(app.id)
        for key, value in (("status", target), ("reason", reason), ("updated_at", now), *(extra or {}).items()):
            set_committed_value(app, key, value)  # the row is written below, not by the unit of work
        changes.append(Change(app.user_id, app.ref, target, reason))
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
    await outbox.write(session, [(c.user_id, "card-status-changed", {"ref": c.ref, "status": outbox.message(label_key(c.status))})
                                 for c in changes], owner_id=clerk.id)
    return changes


# --- catalogue -------------------------------------------------------------------------


def parse_catalogue_yaml(text: str) -> list[dict]:
    data = yaml.safe_load(text) or []
    rows = []
    for n, block in enumerate(data, 1):
        if not isinstance(block, dict) or not block.get("district") or not block.get("branch"):
            raise DomainError("card.catalogue_row", row=n)
        for outlet in block.get("outlets") or []:
            if not isinstance(outlet, dict) or not outlet.get("name"):
                raise DomainError("card.catalogue_row", row=n)
            rows.append({"district": str(block["district"]), "branch": str(block["branch"]),
                         "outlet": str(outlet["name"]), "address": outlet.get("address")})
    if not rows:
        raise DomainError("card.catalogue_empty")
    return rows


def parse_catalogue_xlsx(content: bytes) -> list[dict]:
    from openpyxl import load_workbook

    from domain.spreadsheet import guard_workbook

    try:
        guard_workbook(content)  # size, format, encryption and zip-bomb checks first
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise DomainError("card.catalogue_unreadable") from exc
    rows = []
    sheet = wb.worksheets[0]
    header = None
    for n, values in enumerate(sheet.iter_rows(values_only=True, max_row=5001, max_col=8), 1):
        cells = ["" if v is None else str(v).strip() for v in values]
        if header is None:
            header = [c.lower() for c in cells]
            need = {"district", "branch", "outlet"}
            if not need <= set(header):
                raise DomainError("card.catalogue_header")
            continue
        if not any(cells):
            continue
        row = dict(zip(header, cells))
        if not (row.get("district") and row.get("branch") and row.get("outlet")):
            raise DomainError("card.catalogue_row", row=n)
        rows.append({k: row.get(k) or None for k in ("district", "branch", "outlet", "address")})
    wb.close()
    if not rows:
        raise DomainError("card.catalogue_empty")
    return rows


async def replace_catalogue(session: AsyncSession, rows: list[dict]) -> int:
    await session.exec(delete(BankOutlet))
    for row in rows:
        session.add(BankOutlet(**row))
    return len(rows)


@lru_cache(maxsize=1)
def _sample_keys() -> frozenset[tuple[str, str, str]]:
    rows = parse_catalogue_yaml(CATALOGUE.read_text(encoding="utf-8"))
    return frozenset((r["district"], r["branch"], r["outlet"]) for r in rows)


def is_sample(outlets: list[BankOutlet]) -> bool:
    """True while the catalogue is still the shipped, fictional sample (the manuals name no bank):
    members and clerks are told so until an admin imports the bank's list."""
    return {(o.district, o.branch, o.outlet) for o in outlets} == _sample_keys()


async def catalogue(session: AsyncSession) -> list[BankOutlet]:
    rows = list((await session.exec(select(BankOutlet).order_by(BankOutlet.id))).all())
    if not rows:  # first use: the shipped sample
        await replace_catalogue(session, parse_catalogue_yaml(CATALOGUE.read_text(encoding="utf-8")))
        await session.flush()
        rows = list((await session.exec(select(BankOutlet).order_by(BankOutlet.id))).all())
    return rows


# --- member side -----------------------------------------------------------------------


async def find_unit(session: AsyncSession, union: str) -> Unit | None:
    text = union.strip()
    if text.isdigit():
        return await session.get(Unit, int(text))
    return (await session.exec(select(Unit).where(Unit.name == text))).first()


async def submit(session: AsyncSession, cipher: DataCipher, user_id: int, a: CardAnswers | Mapping) -> CardApplication:
    """Save a confirmed form (``a``: its typed answers, or the form's stored values)."""
    if not isinstance(a, CardAnswers):
        a = CardAnswers.from_form(a)
    doc_hash = cipher.lookup_hash(a.doc_number)
    open_one = (await session.exec(select(CardApplication).where(
        CardApplication.doc_hash == doc_hash, CardApplication.status.in_(OPEN)))).first()
    if open_one is not None:
        raise DomainError("card.duplicate", ref=open_one.ref)
    unit = await find_unit(session, a.union)
    app = CardApplication(
        ref=_ref("KA"), user_id=user_id, unit_id=unit.id if unit else None, kind=a.kind, name=a.name,
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


def age_note_limits() -> dict[str, int]:
    """[002]'s over-age limit for people outside 职保 (women 55, men 60), from the programme data.

    [003] says only that 提交系统校验 checks 退休状态 (retirement status), which the bot cannot see;
    the member declares it (``can_apply``). Reaching these ages is therefore a note for the clerk,
    naming where the figure comes from, never a rejection."""
    from domain.calc.data import latest

    limits = latest("mutual_aid").raw["roster_checks"]["age_limits"]
    return {"F": int(limits["F"]), "M": int(limits["M"])}


def check_note(app: CardApplication, today: date) -> str | None:
    """A warning the check attaches to an application that passes (the bot's own, not the platform's)."""
    limits = age_note_limits()
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


async def run_check(session: AsyncSession, clerk: User, today: date, app_ids: list[int] | None = None) -> list[Change]:
    if app_ids is None:  # everything waiting in the clerk's scope, in one query
        stmt = access.scoped(select(CardApplication).where(CardApplication.status.in_(("pending", "checked_fail"))),
                             CardApplication.unit_id, await access.visible_units(session, clerk))
        rows = list((await session.exec(stmt.order_by(CardApplication.id))).all())
    else:
        rows = [await _scoped(session, clerk, i) for i in app_ids]
    moves = []
    for app in rows:
        reason = check_reason(app, today)
        moves.append((app, "checked_fail", reason) if reason else (app, "checked_ok", check_note(app, today)))
    return await _tell(session, clerk, await _move_many(session, moves, "clerk", clerk.id))


async def create_batch(session: AsyncSession, cipher: DataCipher, clerk: User, channel: str, branch: str,
                       outlet: str, contact: str, contact_phone: str) -> tuple[CardBatch, list[Change]]:
    """提交办卡: every 校验通过 application of this channel in the clerk's scope goes into one batch."""
    stmt = access.scoped(select(CardApplication).where(CardApplication.status == "checked_ok",
                                                       CardApplication.channel == channel),
                         CardApplication.unit_id, await access.visible_units(session, clerk))
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
    return change


async def scoped_batch(session: AsyncSession, user: User, batch_id: int) -> CardBatch:
    batch = await session.get(CardBatch, batch_id)
    if batch is None or not await access.can_see_unit(session, user, batch.unit_id):
        raise DomainError("card.batch_not_found")
    return batch


async def request_revocation(session: AsyncSession, cipher: DataCipher, clerk: User, batch_id: int,
                             applicant: str, phone: str) -> list[Change]:
    batch = await scoped_batch(session, clerk, batch_id)
    if batch.status != "submitted":
        raise DomainError("card.revoke_state")
    batch.status = "revoke_pending"
    batch.revoke_applicant = applicant
    batch.revoke_phone_enc = cipher.encrypt(phone)
    session.add(batch)
    return await _tell(session, clerk, [await _move(session, a, "revoke_pending", "clerk", clerk.id, batch.ref)
                                        for a in await batch_applications(session, batch.id) if a.status == "submitted"])


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


def roster_xlsx(batch: CardBatch, apps: list[CardApplication], cipher: DataCipher) -> bytes:
    """The bank roster (打印清册): the one export with full document numbers and phones."""
    from openpyxl import Workbook

    from domain.cards.validation import DOC_TYPES
    from domain.spreadsheet import neutralise

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("办卡清册")
    ws.append([neutralise(f"批次编号 {batch.ref}"), neutralise(f"{batch.branch} / {batch.outlet}")])
    ws.append(ROSTER_COLUMNS)
    for n, a in enumerate(apps, 1):
        ws.append([neutralise(v) for v in (
            n, a.member_no or "", a.name, DOC_TYPES.get(a.doc_type, a.doc_type), cipher.decrypt(a.doc_enc),
            a.expiry, a.nationality or "中国", cipher.decrypt(a.mobile_enc), a.address, a.union_name,
            a.branch, a.outlet, "特殊" if a.channel == "special" else "普通")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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
