"""Units, credit codes, clerk invites and who may see what."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.access import can_see_unit
from domain.access import visible_units as visible_unit_ids
from domain.models import Invite, User, utcnow
from domain.repos import (
    DomainError,
    create_invite,
    create_unit,
    export_user,
    forget_user,
    redeem_invite,
    register_personal_data,
    PERSONAL_DATA,
)


async def _unit_tree(session):
    district = await create_unit(session, "浦东新区总工会", level="district")
    a = await create_unit(session, "甲公司工会", uscc="91350100M000100Y43", parent_id=district.id)
    b = await create_unit(session, "乙公司工会", parent_id=district.id)
    other = await create_unit(session, "徐汇区总工会", level="district")
    c = await create_unit(session, "丙公司工会", parent_id=other.id)
    return district, a, b, other, c


async def test_unit_credit_code_is_validated(harness):
    async with harness.app.db.session() as s:
        with pytest.raises(DomainError) as err:
            await create_unit(s, "某工会", uscc="91350100M000100Y44")
        assert err.value.code == "uscc.checksum"
        with pytest.raises(DomainError) as err:
            await create_unit(s, "某工会", uscc="913501")
        assert err.value.code == "uscc.length"
        unit = await create_unit(s, "某工会", uscc="91350100m000100y43")
        assert unit.uscc == "91350100M000100Y43"
        with pytest.raises(DomainError) as err:
            await create_unit(s, "又一个工会", uscc="91350100M000100Y43")
        assert err.value.code == "unit.duplicate"


async def test_invite_deep_link_binds_a_clerk_once(harness):
    async with harness.app.db.session() as s:
        _, a, *_ = await _unit_tree(s)
        invite = await create_invite(s, a.id, created_by=1)
        await s.commit()
    out = await harness.send(300, f"/start {invite.code}")
    assert "您已成为 <b>甲公司工会</b> 的经办人" in out[0].text
    assert out[1].text.startswith("经办人工作台") and "已绑定单位" in out[1].text
    async with harness.app.db.session() as s:
        user = await s.get(User, 300)
        assert (user.role, user.unit_id, user.mode) == ("clerk", a.id, "clerk")
    out = await harness.send(301, f"/start {invite.code}")
    assert "已经使用过了" in out[0].text
    out = await harness.send(301, "/start cNOSUCHCODE")
    assert "邀请链接无效" in out[0].text
    async with harness.app.db.session() as s:
        assert (await s.get(User, 301)).role == "member"


async def test_expired_invite_is_refused(harness):
    async with harness.app.db.session() as s:
        unit = await create_unit(s, "某某工会")
        invite = await create_invite(s, unit.id, None, ttl=timedelta(seconds=-1))
        await s.commit()
    out = await harness.send(302, f"/start {invite.code}")
    assert "已过期" in out[0].text


async def test_visibility_member_clerk_upper_union_admin(harness):
    async with harness.app.db.session() as s:
        district, a, b, other, c = await _unit_tree(s)
        member = User(id=1, role="member")
        clerk_a = User(id=2, role="clerk", unit_id=a.id)
        clerk_district = User(id=3, role="clerk", unit_id=district.id)
        admin = User(id=4, role="admin")
        assert await visible_unit_ids(s, member) == set()
        assert await visible_unit_ids(s, clerk_a) == {a.id}
        assert await visible_unit_ids(s, clerk_district) == {district.id, a.id, b.id}
        assert await visible_unit_ids(s, admin) is None
        assert await can_see_unit(s, clerk_district, b.id)
        assert not await can_see_unit(s, clerk_a, b.id)
        assert not await can_see_unit(s, clerk_district, c.id)


async def test_admin_creates_unit_in_chat_with_validation(harness):
    out = await harness.send(1, "/newunit")
    assert "全称" in out[0].text
    out = await harness.send(1, "甲")
    assert "至少 2 个字" in out[0].text
    await harness.send(1, "上海甲乙丙有限公司工会")
    await harness.press(1, "基层工会")
    await harness.press(1, "暂不设上级")
    out = await harness.send(1, "91350100M000100Y44")
    assert "校验码不对" in out[0].text
    await harness.send(1, "91350100M000100Y43")
    await harness.send(1, "12345678")
    await harness.send(1, "浦东新区总工会")
    out = await harness.press(1, "创建")
    assert "已创建单位" in out[-1].text
    link = out[-1].text.split("\n")[-1]
    code = link.split("start=")[1]
    out = await harness.send(500, f"/start {code}")
    assert "上海甲乙丙有限公司工会" in out[0].text
    out = await harness.send(500, "/newunit")
    assert "仅限管理员" in out[0].text
    out = await harness.send(1, "/units")
    assert "上海甲乙丙有限公司工会" in out[0].text
    out = await harness.send(1, "/invite 1")
    assert "邀请链接" in out[0].text


async def test_export_and_forget_cover_registered_features(harness):
    calls = []

    async def export(session, uid):
        calls.append(("export", uid))
        return [{"thing": 1}]

    async def forget(session, uid):
        calls.append(("forget", uid))
        return 1

    register_personal_data("zz_test_feature", export, forget)
    try:
        await harness.send(600, "/start")
        async with harness.app.db.session() as s:
            data = await export_user(s, 600)
            assert data["user"]["id"] == 600 and data["zz_test_feature"] == [{"thing": 1}]
            counts = await forget_user(s, 600)
            await s.commit()
            assert counts["zz_test_feature"] == 1 and counts["user"] == 1
            assert await s.get(User, 600) is None
    finally:
        PERSONAL_DATA.pop("zz_test_feature")
    assert calls == [("export", 600), ("forget", 600)]


async def test_invites_expire_in_a_week_by_default(harness):
    async with harness.app.db.session() as s:
        unit = await create_unit(s, "某某工会")
        invite = await create_invite(s, unit.id, None)
        assert timedelta(days=6) < invite.expires_at - utcnow() <= timedelta(days=7)
        user = User(id=9, role="member")
        s.add(user)
        await redeem_invite(s, invite.code, user)
        assert (await s.get(Invite, invite.code)).used_by == 9
