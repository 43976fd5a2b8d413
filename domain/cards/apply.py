"""The member's side of a card application: submit the confirmed form, see one's applications and
their history, correct and resubmit after a failed check, withdraw; and the member's card data in
the personal-data export and erasure. Document numbers and phones are stored encrypted with a keyed
hash; a document number holds at most one open application and one issued card."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cards.changes import Change, move, new_app_ref
from domain.cards.form import CardAnswers
from domain.cards.models import CardApplication, CardTransition
from domain.cards.status import HELD
from domain.cards.unions import find_unit
from domain.identity import mask_id, mask_phone
from domain.models import Unit
from domain.privacy import DataCipher
from domain.repos import DomainError, register_personal_data


async def _refuse_held(session: AsyncSession, doc_hash: str, other_than: int | None = None) -> None:
    """card.duplicate when this document number already holds an open application or an issued
    card, saying nothing about it (it may be someone else's)."""
    stmt = select(CardApplication.id).where(CardApplication.doc_hash == doc_hash, CardApplication.status.in_(HELD))
    if other_than is not None:
        stmt = stmt.where(CardApplication.id != other_than)
    if (await session.exec(stmt)).first() is not None:
        raise DomainError("card.duplicate")


def _stored(cipher: DataCipher, a: CardAnswers, doc_hash: str) -> dict:
    """The application's fields from the form's answers: numbers and phones encrypted and masked."""
    return dict(kind=a.kind, name=a.name, doc_type=a.doc_type, doc_enc=cipher.encrypt(a.doc_number), doc_hash=doc_hash,
                doc_masked=mask_id(a.doc_number), birth_date=a.birth_date, gender=a.gender, expiry=a.expiry,
                nationality=a.nationality, mobile_enc=cipher.encrypt(a.mobile), mobile_masked=mask_phone(a.mobile),
                address=a.address, union_name=a.union, member_no=a.member_no, branch=a.branch, outlet=a.outlet,
                bank_phone_enc=cipher.encrypt(a.bank_phone), channel=a.channel)


async def _union(session: AsyncSession, a: CardAnswers, union_id: int | None) -> Unit | None:
    return await session.get(Unit, union_id) if union_id else await find_unit(session, a.union)


async def submit(session: AsyncSession, cipher: DataCipher, user_id: int, a: CardAnswers | Mapping,
                 union_id: int | None = None) -> CardApplication:
    """Save a confirmed form (``a``: its typed answers, or the form's stored values). A document
    number holds at most one open application and one issued card; ``union_id``: the unit chosen
    from the registry (None: the member's union is not registered yet, an admin assigns it)."""
    if not isinstance(a, CardAnswers):
        a = CardAnswers.from_form(a)
    doc_hash = cipher.lookup_hash(a.doc_number)
    await _refuse_held(session, doc_hash)
    unit = await _union(session, a, union_id)
    app = CardApplication(ref=await new_app_ref(session), user_id=user_id, unit_id=unit.id if unit else None,
                          **_stored(cipher, a, doc_hash), status="none")
    session.add(app)
    await session.flush()
    await move(session, app, "pending", "member", user_id, None)
    return app


async def my_applications(session: AsyncSession, user_id: int) -> list[CardApplication]:
    stmt = select(CardApplication).where(CardApplication.user_id == user_id).order_by(CardApplication.id.desc())
    return list((await session.exec(stmt)).all())


async def history(session: AsyncSession, app_id: int) -> list[CardTransition]:
    stmt = select(CardTransition).where(CardTransition.application_id == app_id).order_by(CardTransition.id)
    return list((await session.exec(stmt)).all())


FIXABLE = frozenset({"checked_fail"})  # a member may correct and resubmit after a failed check


async def _own(session: AsyncSession, user_id: int, app_id: int, fixable_only: bool = False) -> CardApplication:
    app = await session.get(CardApplication, app_id)
    if app is None or app.user_id != user_id:
        raise DomainError("card.not_found")
    if fixable_only and app.status not in FIXABLE:
        raise DomainError("card.not_fixable")
    return app


async def fixable(session: AsyncSession, cipher: DataCipher, user_id: int, app_id: int) -> dict:
    """The stored answers of the member's own failed application, as form values to correct."""
    app = await _own(session, user_id, app_id, fixable_only=True)
    return {"kind": app.kind, "member_no": app.member_no, "name": app.name, "doc_type": app.doc_type,
            "doc_number": cipher.decrypt(app.doc_enc), "birth_date": app.birth_date, "gender": app.gender,
            "expiry": app.expiry, "nationality": app.nationality, "mobile": cipher.decrypt(app.mobile_enc),
            "address": app.address, "union": app.union_name, "union_id": app.unit_id, "branch": app.branch,
            "outlet": app.outlet, "bank_phone": cipher.decrypt(app.bank_phone_enc), "rare": app.channel == "special"
            and app.doc_type == "resident_id", "resubmit": app.id}


async def resubmit(session: AsyncSession, cipher: DataCipher, user_id: int, app_id: int, a: CardAnswers,
                   union_id: int | None = None) -> CardApplication:
    """The member's corrected answers replace the failed ones; the application waits again (待办中)."""
    app = await _own(session, user_id, app_id, fixable_only=True)
    doc_hash = cipher.lookup_hash(a.doc_number)
    await _refuse_held(session, doc_hash, other_than=app.id)
    unit = await _union(session, a, union_id)
    for key, value in dict(unit_id=unit.id if unit else app.unit_id, **_stored(cipher, a, doc_hash)).items():
        setattr(app, key, value)
    await move(session, app, "pending", "member", user_id, "card.resubmitted")
    return app


async def withdraw(session: AsyncSession, user_id: int, app_id: int) -> Change:
    return await move(session, await _own(session, user_id, app_id), "withdrawn", "member", user_id, None)


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
