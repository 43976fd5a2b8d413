"""One access policy (domain/access.py): the revocation-review buttons appear exactly where the
domain allows the review."""

from __future__ import annotations

import re
from datetime import date

import pytest

from domain import access
from domain.cards import service
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import DomainError, create_unit
from tests.ops_support import seed_card_applications

TODAY = date(2026, 11, 24)
CIPHER = DataCipher("test-data-key")


async def _pending_revocation(s, clerk: User, union: str, first_user: int) -> str:
    await seed_card_applications(s, CIPHER, union, 1, first_user=first_user)
    await service.run_check(s, clerk, TODAY)
    batch, _ = await service.create_batch(s, CIPHER, clerk, "normal", "上海银行浦东分行", "陆家嘴网点", "李经办", "13900001111")
    await service.request_revocation(s, CIPHER, clerk, batch.id, "李经办", "13900001111", "网点选错")
    return batch.ref


async def _domain_allows(db, viewer: int, ref: str) -> bool:
    async with db.session() as s:
        user = await s.get(User, viewer)
        batch = next((b for b in await service.clerk_batches(s, user) if b.ref == ref), None)
        if batch is None:
            return False
        try:
            await service.review_revocation(s, user, batch.id, True)
            return True
        except DomainError:
            return False
        finally:
            await s.rollback()


def _refs_with_approve(outgoing) -> set[str]:
    return {re.search(r"批次 (\S+)", o.text).group(1) for o in outgoing
            if any("同意撤销" in b for b in o.button_texts) and "批次" in o.text}


@pytest.fixture
async def units(harness):
    """District D over grassroots A; grassroots G over its own sub-unit C (G is not an upper union);
    a revocation waits in A's batch and in C's."""
    async with harness.app.db.session() as s:
        d = await create_unit(s, "浦东新区总工会", level="district")
        a = await create_unit(s, "甲公司工会", parent_id=d.id)
        g = await create_unit(s, "乙集团工会")
        c = await create_unit(s, "乙集团分公司工会", parent_id=g.id)
        users = {"A": User(id=20, role="clerk", unit_id=a.id), "D": User(id=30, role="clerk", unit_id=d.id),
                 "G": User(id=50, role="clerk", unit_id=g.id), "C": User(id=60, role="clerk", unit_id=c.id)}
        s.add_all(users.values())
        await s.commit()
        refs = {"A": await _pending_revocation(s, users["A"], a.name, 10_000),
                "C": await _pending_revocation(s, users["C"], c.name, 11_000)}
        await s.commit()
    await harness.send(1, "/start")  # the admin (ADMIN_IDS=1)
    return refs


async def test_the_review_button_appears_exactly_when_the_domain_allows_the_review(harness, units):
    seen = {}
    for viewer in (1, 20, 30, 50, 60):
        listed = await harness.send(viewer, "/revocations")
        await harness.send(viewer, "/applications")
        in_batches = await harness.press(viewer, "办卡批次管理")
        for ref in units.values():
            allowed = await _domain_allows(harness.app.db, viewer, ref)
            assert (ref in _refs_with_approve(listed)) is allowed, (viewer, ref)
            assert (ref in _refs_with_approve(in_batches)) is allowed, (viewer, ref)
            seen[(viewer, ref)] = allowed
    a, c = units["A"], units["C"]
    assert seen[(30, a)] and seen[(1, a)] and seen[(1, c)]  # the district union and the admin review
    assert not seen[(20, a)] and not seen[(60, c)]  # never one's own unit
    assert not seen[(50, c)]  # G sees C's batch but is grassroots: no button (it used to be offered)
    assert not seen[(30, c)]  # outside the district


async def test_policy_in_one_place():
    member = User(id=1, role="member")
    switched = User(id=2, role="member", mode="clerk")
    clerk = User(id=3, role="clerk", unit_id=7)
    admin = User(id=4, role="admin")
    unbound = User(id=5, role="clerk")
    assert [access.is_clerk(u) for u in (member, switched, clerk, admin, unbound)] == [False, False, True, True, True]
    assert [access.acts_for_unit(u) for u in (member, switched, clerk, admin, unbound)] == [False, False, True, True, False]
    assert [access.clerk_mode(u) for u in (member, switched, clerk, admin)] == [False, True, True, False]
    assert [access.clerk_tools(u) for u in (member, switched, clerk, admin)] == [False, True, True, True]
    assert [access.is_admin(u) for u in (member, switched, clerk, admin)] == [False, False, False, True]
