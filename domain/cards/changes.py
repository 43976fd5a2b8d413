"""A card application's status changes and what the member is told of them: one move (with its
history row), many moves at once (the check, a batch), the member's status message queued in the
outbox of the same transaction, and the references people read out."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Row, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import clock, outbox
from domain.cards.models import CardApplication, CardTransition
from domain.cards.status import check_transition, label_key
from domain.models import User, utcnow
from domain.repos import DomainError

# what a move reads of an application given as a row of columns (``move_many``)
MOVED = (CardApplication.id, CardApplication.user_id, CardApplication.ref, CardApplication.status)


def chunks(items: list, size: int = 5000):
    """``items`` in slices well under every database's bound-parameter limit."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True)
class Change:
    """A status change the member must be told about."""

    user_id: int
    ref: str
    status: str
    reason: str | None = None
    where: str | None = None  # for 已办卡: the branch and outlet the member chose


def dated_ref(prefix: str) -> str:
    # the day as the member and clerk see it (Shanghai), then 40 random bits: no collisions at scale
    return prefix + utcnow().astimezone(clock.TZ).strftime("%Y%m%d") + secrets.token_hex(5).upper()


# a reference a member can read out on the phone: 8 characters of Crockford's base32 (no I, L, O, U:
# nothing to confuse with 1 and 0), 40 random bits, e.g. KA7F3K92QD
_READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def short_ref(prefix: str = "KA") -> str:
    n = secrets.randbits(40)
    return prefix + "".join(_READABLE[(n >> shift) & 31] for shift in range(35, -1, -5))


async def new_app_ref(session: AsyncSession) -> str:
    for _ in range(8):  # a repeat of 40 random bits is rare; look before taking it
        ref = short_ref("KA")
        if (await session.exec(select(CardApplication.id).where(CardApplication.ref == ref))).first() is None:
            return ref
    raise DomainError("card.ref_exhausted")


async def move(session: AsyncSession, app: CardApplication, target: str, role: str, actor: int | None,
               reason: str | None = None) -> Change:
    check_transition(app.status, target, role)
    session.add(CardTransition(application_id=app.id, from_status=app.status, to_status=target,
                               actor_id=actor, reason=reason))
    app.status = target
    app.reason = reason
    app.updated_at = utcnow()
    session.add(app)
    return Change(app.user_id, app.ref, target, reason, f"{app.branch} · {app.outlet}" if target == "issued" else None)


async def move_many(session: AsyncSession, moves: list[tuple[CardApplication | Row, str, str | None]], role: str,
                    actor: int | None, extra: dict | None = None) -> list[Change]:
    """The same as ``move`` for many applications at once: one UPDATE per distinct (status, reason) over
    the ids concerned, and one executemany INSERT of the history. An application is an ORM object or
    a row of its columns (at least id, user_id, ref, status: see ``MOVED``; one moved to issued also
    branch and outlet, which its push names); an application the session already holds is given its
    new values as committed, so it never reads stale."""
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
        changes.append(Change(app.user_id, app.ref, target, reason,
                              f"{app.branch} · {app.outlet}" if target == "issued" else None))
        if (obj := loaded.get(app.id)) is not None:
            for key, value in (("status", target), ("reason", reason), ("updated_at", now), *(extra or {}).items()):
                set_committed_value(obj, key, value)  # the row is written below, not by the unit of work
    for (target, reason), ids in groups.items():
        for chunk in chunks(ids):
            await session.exec(
                update(CardApplication).where(CardApplication.id.in_(chunk))
                .values(status=target, reason=reason, updated_at=now, **(extra or {}))
                .execution_options(synchronize_session=False))
    await session.exec(insert(CardTransition.__table__), params=history_rows)  # Core executemany: no ORM bookkeeping
    return changes


async def tell(session: AsyncSession, clerk: User, changes: list[Change]) -> list[Change]:
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
