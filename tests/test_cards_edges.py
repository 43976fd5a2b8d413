"""Issue 18 (card applications a bank and a clerk can act on) and issue 13 item 5 (card routing),
through the real dispatcher: the bank roster column by column, duplicates, the union registry and
orphaned applications, the rare-character flag, batches that close, revocations with a reason,
fix-and-resubmit, the console's older buttons, and the 申工社 walk for members who apply themselves."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from openpyxl import load_workbook
from sqlmodel import select

from domain import clock
from domain.cards import service
from domain.cards.models import CardApplication, CardBatch
from domain.repos import create_invite, create_unit
from tests.test_cards import FORM, MAN_1990, _step, rid, with_union

UNION = "上海某某快递服务工会"
UNION_AT = FORM.index(UNION)


def form_for(doc: str = MAN_1990, union: str = UNION, bank_phone: str = "同上（用刚才的手机号）", kind: str | None = None):
    items = [doc if x == MAN_1990 else x for x in FORM]
    items[UNION_AT] = union
    items[-1] = bank_phone
    if kind:
        items[1] = kind
    return items


async def apply(h, uid, **kw):
    for item in form_for(**kw):
        await _step(h, uid, item)
    return await h.press(uid, "✅ 确认提交")


async def clerk_of(h, uid, unit) -> None:
    async with h.app.db.session() as s:
        invite = await create_invite(s, unit.id, None)
        await s.commit()
    await h.send(uid, f"/start {invite.code}")


async def batch_all(h, clerk: int, contact: str = "李经办") -> None:
    await h.send(clerk, "/applications")
    await h.press(clerk, "🔎 提交系统校验")
    await h.press(clerk, "📦 提交办卡（普通通道）")
    await h.press(clerk, "浦东新区 · 上海银行浦东分行 · 陆家嘴网点")
    await h.send(clerk, contact)
    await h.send(clerk, "13900001111")
    out = await h.press(clerk, "✅ 确认提交办卡")
    assert "已生成办卡批次" in out[0].text


async def apps(h) -> list[CardApplication]:
    async with h.app.db.session() as s:
        return list((await s.exec(select(CardApplication).order_by(CardApplication.id))).all())


# --- 1: the bank roster ---------------------------------------------------------------------------


async def test_bank_roster_holds_every_field_the_bank_needs_column_by_column(harness):
    h = harness
    await clerk_of(h, 3701, await with_union(h))
    await apply(h, 2701, bank_phone="13700002222")
    await batch_all(h, 3701)
    out = await h.press(3701, "⬇️ 下载清册")
    rows = list(load_workbook(io.BytesIO(out[-1].file_bytes)).active.iter_rows(values_only=True))
    assert rows[1] == tuple(service.ROSTER_COLUMNS)
    row = dict(zip(rows[1], rows[2]))
    expected = {"序号": 1, "会员编号": "M20240001", "姓名": "张三", "证件类型": "居民身份证", "证件号码": MAN_1990,
                "证件到期日": "2031-12-31", "国籍": "中国", "手机号码": "13812345678",
                "工作单位详细地址": "上海市浦东新区世纪大道100号", "所在工会": UNION, "发卡支行": "上海银行浦东分行",
                "经办网点": "陆家嘴网点", "办理通道": "普通", "银行联系电话": "13700002222", "联系人": "李经办",
                "联系方式": "13900001111", "办理结果": None, "失败原因": None}  # the last two: for the bank's result
    for column in service.ROSTER_COLUMNS:
        assert row[column] == expected[column], column
    assert len(rows) == 3  # the header lines and one person


# --- 2, 3: duplicates -----------------------------------------------------------------------------


async def test_one_open_application_and_one_issued_card_per_id_and_the_refusal_reveals_nothing(harness):
    h = harness
    unit = await with_union(h)
    await clerk_of(h, 3711, unit)
    first = await apply(h, 2711)
    ref = re.search(r"KA\w+", first[-1].text).group(0)
    out = await apply(h, 2712)  # someone else types the same document number
    assert "已经有一份进行中的申请或已经办过卡" in out[-1].text
    assert ref not in out[-1].text and "KA" not in out[-1].text  # nothing about the other application
    await batch_all(h, 3711)
    await _batches(h, 3711)
    await h.press(3711, "记录银行结果")
    await h.press(3711, "✅ 张三")
    assert [a.status for a in await apps(h)] == ["issued"]
    out = await apply(h, 2713)  # the card is issued: no second card for the same ID
    assert "已经办过卡" in out[-1].text and len(await apps(h)) == 1
    # a duplicate that got in before the rule: the clerk's list flags it and the check refuses it
    async with h.app.db.session() as s:
        old = (await s.exec(select(CardApplication))).one()
        s.add(CardApplication(**old.model_dump(exclude={"id", "ref", "user_id", "status", "batch_id", "reason"}),
                              ref="KAOLD1", user_id=2714, status="pending"))
        s.add(CardApplication(**old.model_dump(exclude={"id", "ref", "user_id", "status", "batch_id", "reason",
                                                          "doc_hash"}),
                              doc_hash="other", ref="KAOK1", user_id=2715, status="pending"))
        await s.commit()
    out = await h.send(3711, "/applications")
    flagged = [line for line in out[0].text.splitlines() if "KAOLD1" in line]
    assert flagged and flagged[0].startswith("⚠️") and "重复申请" in flagged[0]
    assert not [line for line in out[0].text.splitlines() if "KAOK1" in line][0].startswith("⚠️")
    out = await h.press(3711, "🔎 提交系统校验")
    assert "通过 1 人，未通过 1 人" in out[0].text
    assert "原因：同一证件号码已有另一份进行中的申请或已办卡" in h.replies(2714)[-1]


async def test_a_duplicate_already_in_a_batch_is_flagged_in_the_list_the_detail_and_the_search(harness):
    """A document number holds one application ([003]): the first issued card, or else the earliest
    open application. An application that went into a batch before an issued card of the same number
    came to light (a record that got in before the rule) is a duplicate in every view of the clerk,
    with what can still be done about it; the issued card itself is not."""
    h = harness
    await clerk_of(h, 3731, await with_union(h))
    await apply(h, 2731)
    await batch_all(h, 3731)
    async with h.app.db.session() as s:
        mine = (await s.exec(select(CardApplication))).one()
        batch = (await s.exec(select(CardBatch))).one()
        s.add(CardApplication(**mine.model_dump(exclude={"id", "ref", "user_id", "status", "batch_id", "reason"}),
                              ref="KAISS9", user_id=2732, status="issued"))
        await s.commit()
    assert mine.status == "submitted"
    note = "而这一份已在提交的办卡批次中，不能单独移除：只有该批次的撤销申请（撤销办卡批次申请）经区局（产业）工会审核通过才会撤下"
    out = await h.send(3731, "/applications")
    lines = out[0].text.splitlines()
    flagged = [line for line in lines if mine.ref in line]
    assert flagged[0].startswith("⚠️") and note in flagged[0]
    assert not [line for line in lines if "KAISS9" in line][0].startswith("⚠️")  # the card that was made
    out = await h.press(3731, f"🔍 {mine.ref}")
    assert f"办卡批次：{batch.ref}" in out[0].text
    assert "⚠️ 同一证件号码已有另一份进行中的申请或已办卡（重复申请），" + note in out[0].text
    await h.send(3731, "/applications")
    out = await h.press(3731, "🔍 KAISS9")
    assert "⚠️" not in out[0].text
    await h.send(3731, "/applications")
    await h.press(3731, "🔎 按姓名或编号查找")
    out = await h.send(3731, mine.ref)
    assert [line for line in out[0].text.splitlines() if mine.ref in line][0].startswith("⚠️")


# --- 4: the union from the registry, "not listed", orphans assigned by an admin -----------------


async def test_union_chosen_from_the_registry_and_an_orphan_reassigned_by_an_admin(harness):
    h = harness
    await with_union(h)
    for item in form_for()[:UNION_AT]:
        await _step(h, 2721, item)
    out = await h.send(2721, "快递")  # a part of the name searches the registry
    assert "请选择您的工会" in out[0].text and out[0].buttons[0]["text"] == UNION
    assert "我的工会不在列表中" in out[0].button_texts
    out = await h.press(2721, UNION)
    assert "已选择工会：" + UNION in out[0].text and "发卡银行网点所在的区" in out[-1].text

    items = form_for(union="星辰科技工会")
    for item in items[:UNION_AT + 1]:
        out = await _step(h, 2722, item)
    assert "没有找到“星辰科技工会”" in out[0].text
    out = await h.press(2722, "我的工会不在列表中")
    assert "还没有在本机器人登记" in out[0].text and "管理员" in out[0].text
    for item in items[UNION_AT + 1:]:
        await _step(h, 2722, item)
    out = await h.press(2722, "✅ 确认提交")
    assert "未归属工会的申请" in out[-1].text
    ref = re.search(r"KA\w+", out[-1].text).group(0)

    async with h.app.db.session() as s:
        star = await create_unit(s, "上海星辰科技有限公司工会")
        await s.commit()
    await clerk_of(h, 3722, star)
    out = await h.send(3722, "/applications")
    assert "待办中 0" in out[0].text  # the clerk of the new union does not see it yet
    out = await h.send(2790, "/orphans")
    assert "管理员" in out[0].text or "只有" in out[0].text  # not an admin: refused
    out = await h.send(1, "/orphans")
    assert ref in out[0].buttons[0]["text"] and MAN_1990 not in out[0].buttons[0]["text"]
    out = await h.press(1, ref)
    assert out[0].buttons[0]["text"].startswith("上海星辰科技有限公司工会")  # found from the name the member typed
    out = await h.press(1, "上海星辰科技有限公司工会")
    assert "已分配给“上海星辰科技有限公司工会”" in out[0].text
    assert "已转给“上海星辰科技有限公司工会”" in h.replies(2722)[-1]
    out = await h.send(3722, "/applications")
    assert "待办中 1" in out[0].text and ref in out[0].text
    out = await h.send(1, "/orphans")
    assert "没有未归属工会的办卡申请" in out[0].text


# --- 5: the rare-character flag ------------------------------------------------------------------


async def test_rare_character_flag_is_recomputed_when_the_name_is_typed_again(harness):
    h = harness
    await with_union(h)
    items = form_for()
    name_at = items.index("张三")
    for item in items[:name_at]:
        await _step(h, 2731, item)
    await h.press(2731, "我的名字里有打不出来的字")
    for item in items[name_at:]:
        out = await _step(h, 2731, item)
    assert "（含生僻字）" in out[-1].text and "特殊办卡通道" in out[-1].text
    await h.press(2731, "✏️ 修改姓名")
    out = await h.send(2731, "张三")
    assert "（含生僻字）" not in out[-1].text and "普通办卡通道" in out[-1].text
    await h.press(2731, "✅ 确认提交")
    assert [a.channel for a in await apps(h)] == ["normal"]


# --- 6: batches that close themselves, revocation of revocable people with a reason --------------


async def test_batch_closes_itself_and_revocation_takes_only_revocable_people_with_a_reason(harness):
    h = harness
    async with h.app.db.session() as s:
        district = await create_unit(s, "浦东新区总工会", level="district")
        unit = await create_unit(s, UNION, parent_id=district.id)
        await s.commit()
    await clerk_of(h, 3741, unit)
    await clerk_of(h, 3742, district)
    await apply(h, 2741, doc=rid("31011519900307123"))
    await apply(h, 2742, doc=rid("31011519900307145"))
    await batch_all(h, 3741)
    await _batches(h, 3741)
    await h.press(3741, "记录银行结果")
    await h.press(3741, 0)  # ✅ the first person
    out = await _batches(h, 3741)
    assert "申请撤销批次" in out[-1].button_texts
    out = await h.press(3741, "申请撤销批次")
    assert "可撤销的人员：1 人" in out[0].text
    await h.send(3741, "李经办")
    out = await h.send(3741, "13900001111")
    assert "撤销原因" in out[0].text
    out = await h.send(3741, "错")
    assert "请写明撤销原因" in out[0].text
    out = await h.send(3741, "网点选错了")
    assert "已提交撤销申请（1 人）" in out[0].text
    out = await h.send(3742, "/revocations")
    assert "撤销原因：网点选错了" in out[0].text
    out = await h.press(3742, "✅ 同意撤销")
    assert "1 人已释放" in out[0].text
    assert {a.user_id: a.status for a in await apps(h)} == {2741: "issued", 2742: "none"}

    # a batch whose every result is in closes itself; its older revoke button is refused
    await apply(h, 2743, doc=rid("31011519900307167"))
    await batch_all(h, 3741)
    await _batches(h, 3741)
    revoke_call = [c for c in h.session.sent_to(3741) if "申请撤销批次" in [b["text"] for b in c.buttons]][-1]

    def data(text):
        return next(b["callback_data"] for b in revoke_call.buttons if b["text"] == text)

    await h.press_data(3741, data("记录银行结果"), revoke_call)
    out = await h.press(3741, "❌")
    assert any("已办理完成" in o.text for o in out)
    async with h.app.db.session() as s:
        assert sorted(b.status for b in (await s.exec(select(CardBatch))).all()) == ["closed", "revoked"]
    await h.press_data(3741, data("申请撤销批次"), revoke_call)
    assert "没有可以撤销的人员" in (h.answers()[-1].params.get("text") or "")
    out = await _batches(h, 3741)
    closed = [o for o in out if "办理完成" in o.text]
    assert closed and "申请撤销批次" not in closed[0].button_texts


async def _batches(h, clerk):
    await h.send(clerk, "/applications")
    return await h.press(clerk, "🗂 办卡批次管理")


# --- 7: the failed check's reason, fix and resubmit ---------------------------------------------


async def test_failed_check_tells_the_reason_and_the_member_fixes_and_resubmits(harness):
    h = harness
    await clerk_of(h, 3751, await with_union(h))
    await apply(h, 2751)
    async with h.app.db.session() as s:  # the document expired while the application waited
        app = (await s.exec(select(CardApplication))).one()
        app.expiry = (clock.today() - timedelta(days=1)).isoformat()
        s.add(app)
        await s.commit()
    await h.send(3751, "/applications")
    await h.press(3751, "🔎 提交系统校验")
    push = h.replies(2751)[-1]
    assert "机器人预校验：未通过" in push and "原因：证件已过期" in push and "修改并重新提交" in push
    out = await h.send(2751, "/mycard")
    assert "原因：证件已过期" in out[0].text and "✏️ 修改并重新提交" in out[0].button_texts
    out = await h.press(2751, "✏️ 修改并重新提交")
    assert "请核对您的申请" in out[0].text and "3101**********" in out[0].text and MAN_1990 not in out[0].text
    assert "✅ 修改完成，重新提交" in out[0].button_texts
    await h.press(2751, "✏️ 修改证件到期日")
    out = await h.send(2751, "2031-12-31")
    assert "2031-12-31" in out[-1].text
    out = await h.press(2751, "✅ 修改完成，重新提交")
    assert "已修改并重新提交" in out[-1].text
    assert [(a.status, a.expiry) for a in await apps(h)] == [("pending", "2031-12-31")]
    await h.send(3751, "/applications")
    await h.press(3751, "🔎 提交系统校验")
    assert "机器人预校验：已通过" in h.replies(2751)[-1]
    out = await h.send(2751, "/mycard")
    assert "修改并重新提交" not in out[0].button_texts


# --- 8: the console: an older message's buttons, a number sent as text --------------------------


async def test_console_presses_an_older_messages_buttons_and_a_quote_sends_a_number(tmp_path):
    from bot.dev.console import Console
    from bot.settings import load_settings

    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", data_key="k", redis_url=None,
                             data_dir=tmp_path)
    out = io.StringIO()
    lines = ["/start", "/apply", "3", "1", "'12", "#1 1", "#9 1", "#2 nothing"]
    await Console(settings, 2761, "zh", out=out).run(lines)
    text = out.getvalue()
    assert "bot #1: 您好" in text and "bot #2: 申请工会会员服务卡" in text
    # '12 went as text to the member-number question (the eligibility buttons were on screen)
    assert "会员编号由 4-32 位字母或数字组成" in text.split("you (2761): '12")[1].split("you (2761):")[0]
    # "#1 1" pressed the greeting's first button although newer buttons were shown
    assert "会员服务菜单" in text.split("you (2761): #1 1")[1].split("you (2761):")[0]
    assert "[no message #9 with buttons]" in text and "[message #2 has no button nothing]" in text


# --- issue 13 item 5: 灵活就业 / 企业外入会 apply in 申工社 ------------------------------------------


async def test_self_applying_members_get_the_shengongshe_walk_with_the_same_checks(harness):
    h = harness
    out = await h.send(2771, "/apply")
    out = await h.press(2771, "灵活就业会员")
    # [003]: "灵活就业和企业外入会人员如需办卡请至微信公众号“申工社”→服务大厅→点击“申请办卡”办理"
    assert "申工社" in out[0].text and "服务大厅" in out[0].text and "申请办卡" in out[0].text
    items = form_for(kind="灵活就业会员", union="某某街道工会")
    doc_at = items.index(MAN_1990)
    for item in items[2:doc_at]:
        await _step(h, 2771, item)
    out = await h.send(2771, MAN_1990[:-1] + ("0" if MAN_1990[-1] != "0" else "1"))
    assert "校验码不对" in out[0].text  # the same checks as the clerk flow's form
    for item in items[doc_at:]:
        out = await _step(h, 2771, item)
    summary = out[-1]
    assert "申工社" in summary.text and "✅ 确认提交" not in summary.button_texts
    out = await h.press(2771, "✅ 核对完成，告诉我怎么在申工社申请")
    walk = out[0].text
    assert "服务大厅" in walk and "申请办卡" in walk and "3101**********" in walk and MAN_1990 not in walk
    assert "手册只给出了前两步" in walk  # the manual is silent on the page's fields: said so
    assert await apps(h) == []  # nothing handed to a clerk, nothing kept
    assert await h.dp.fsm.get_context(h.bot, 2771, 2771).get_state() is None

    # changing the kind at the summary to enterprise-linked: the clerk flow, union from the registry
    await with_union(h)
    for item in items:
        await _step(h, 2772, item)
    await h.press(2772, "✏️ 修改会员类型")
    out = await h.press(2772, "关联企业会员（在单位工会入会）")
    assert "所在工会的名称" in out[-1].text
    out = await h.send(2772, UNION)
    assert "✅ 确认提交" in out[-1].button_texts
    out = await h.press(2772, "✅ 确认提交")
    assert "申请已提交" in out[-1].text
    assert [(a.kind, a.union_name) for a in await apps(h)] == [("enterprise", UNION)]


# --- member: share-contact, warnings, short reference, withdraw confirmation, the issued push ---


async def test_member_shares_their_own_phone_gets_warnings_a_short_reference_and_confirms_a_withdrawal(harness):
    from aiogram.types import Contact

    h = harness
    await clerk_of(h, 3781, await with_union(h))
    items = form_for(doc=rid("31011519900307189"))  # born 1990: under 46
    mobile_at = items.index("13812345678")
    items[items.index("2031-12-31")] = "长期"
    items[items.index("上海市浦东新区世纪大道100号")] = "Headquarters"
    for item in items[:mobile_at]:
        out = await _step(h, 2781, item)
    assert any("46" in o.text and "本机器人的提示" in o.text for o in out)  # 长期 under 46: a warning, accepted
    share = h.last(2781)
    assert share.buttons == [{"text": "📱 发送我的手机号", "request_contact": True}]
    stranger = Contact(phone_number="8613900009999", first_name="x", user_id=9999)
    out = await h.send_update(2781, h.updates.message(2781, None, contact=stranger))
    assert "本人的手机号" in out[0].text
    own = Contact(phone_number="8613812345678", first_name="x", user_id=2781)
    out = await h.send_update(2781, h.updates.message(2781, None, contact=own))
    assert "138****5678" in out[0].text and "13812345678" not in out[0].text
    out = await h.send(2781, "Headquarters")
    assert "只有一个外文词" in out[0].text and "所在工会的名称" in out[-1].text  # warned, not refused
    for item in items[items.index("Headquarters") + 1:]:
        await _step(h, 2781, item)
    out = await h.press(2781, "✅ 确认提交")
    ref = re.search(r"KA\w+", out[-1].text).group(0)
    assert re.fullmatch(r"KA[0-9A-HJKMNP-TV-Z]{8}", ref)  # short, and no I, L, O or U to mishear
    assert [(a.mobile_masked, a.expiry) for a in await apps(h)] == [("138****5678", "长期")]

    out = await h.send(2781, "/mycard")
    out = await h.press(2781, "撤回这份申请")
    assert "确定撤回" in out[0].text and ref in out[0].text
    out = await h.press(2781, "不撤回")
    assert "保留" in out[0].text and [a.status for a in await apps(h)] == ["pending"]
    await h.send(2781, "/mycard")
    await h.press(2781, "撤回这份申请")
    out = await h.press(2781, "确定撤回")
    assert "已撤回" in out[0].text and [a.status for a in await apps(h)] == ["withdrawn"]


async def test_the_issued_push_names_where_and_how_to_collect(harness):
    h = harness
    await clerk_of(h, 3791, await with_union(h))
    items = form_for()
    items[items.index("2031-12-31")] = (clock.today() + timedelta(days=30)).isoformat()
    for item in items:
        out = await _step(h, 2791, item)
    assert any("60 天内就要到期" in r for r in h.replies(2791))
    await h.press(2791, "✅ 确认提交")
    await batch_all(h, 3791)
    await _batches(h, 3791)
    await h.press(3791, "记录银行结果")
    await h.press(3791, "✅ 张三")
    push = h.replies(2791)[-1]
    assert "已办卡" in push and "上海银行浦东分行 · 陆家嘴网点" in push and "便于银行联系领卡" in push


async def test_back_on_every_step_returns_to_the_question_before(harness):
    from domain.cards import form

    h, uid = harness, 2801
    await with_union(h)
    state = h.dp.fsm.get_context(h.bot, uid, uid)

    async def at():
        return (await state.get_state() or "").split(":")[-1]

    async def back():
        call = next(c for c in reversed(h.session.sent_to(uid)) if any(b.get("text") == "⬅️ 上一步" for b in c.buttons))
        return await h.press_data(uid, next(b["callback_data"] for b in call.buttons if b.get("text") == "⬅️ 上一步"), call)

    ent, ok = "关联企业会员（在单位工会入会）", "我有会员编号，还没有会员服务卡"
    await h.send(uid, "/apply")
    await h.press(uid, ent)
    await back()
    assert await at() == "kind"
    await h.press(uid, ent)
    await h.press(uid, ok)
    await back()
    assert await at() == "eligibility"
    await h.press(uid, ok)
    await h.send(uid, "M20240001")
    await back()
    assert await at() == "member_no"
    await h.send(uid, "M20240001")
    await h.send(uid, "张三")
    await back()
    assert await at() == "name"
    await h.send(uid, "张三")
    await h.press(uid, "居民身份证")
    await h.send(uid, MAN_1990)
    assert await at() == "doc_confirm"
    await back()
    assert await at() == "doc_number"
    await h.send(uid, MAN_1990)
    await h.press(uid, "✅ 正确")
    await back()  # the birth-date check is part of the document number
    assert await at() == "doc_number"
    await h.send(uid, MAN_1990)
    await h.press(uid, "✅ 正确")
    await h.send(uid, "2031-12-31")
    await back()
    assert await at() == "expiry"  # a resident ID: no nationality step between
    assert form.previous_step("mobile", {"doc_type": "passport"}) == "nationality"
    items = form_for()
    for item in items[items.index("2031-12-31"):]:
        out = await _step(h, uid, item)
    assert "请核对您的申请" in out[-1].text and MAN_1990 not in out[-1].text
    await h.press(uid, "✏️ 修改手机号码")
    out = await back()
    assert "请核对您的申请" in out[0].text and await at() == "summary"  # editing: Back returns to the summary
    out = await h.press(uid, "✅ 确认提交")
    assert "申请已提交" in out[-1].text


# --- clerk: the bank's result sheet -------------------------------------------------------------


def _filled(roster: bytes, results: dict[str, tuple[str, str | None]], extra: list[tuple] = ()) -> bytes:
    """The downloaded roster with 办理结果 / 失败原因 filled in per document number, as a clerk would."""
    wb = load_workbook(io.BytesIO(roster))
    ws = wb.active
    header = [c.value for c in ws[2]]
    doc, result, reason = header.index("证件号码") + 1, header.index("办理结果") + 1, header.index("失败原因") + 1
    for row in range(3, ws.max_row + 1):
        number = ws.cell(row, doc).value
        if number in results:
            ws.cell(row, result).value, ws.cell(row, reason).value = results[number]
    for values in extra:
        ws.append(values)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


async def test_clerk_imports_the_banks_result_sheet_and_the_batch_closes(harness):
    h = harness
    await clerk_of(h, 3811, await with_union(h))
    ids = {2811: rid("31011519900307211"), 2812: rid("31011519900307233"), 2813: rid("31011519900307255")}
    for uid, doc in ids.items():
        await apply(h, uid, doc=doc)
    await batch_all(h, 3811)
    roster = (await h.press(3811, "⬇️ 下载清册"))[-1].file_bytes
    await _batches(h, 3811)
    out = await h.press(3811, "📥 导入银行结果表")
    assert "办理结果" in out[0].text and "本机器人的格式" in out[0].text
    out = await h.send_document(3811, content=b"not a workbook", file_name="r.xlsx")
    assert "无法读取" in out[0].text
    out = await h.send_document(3811, content=_plain_sheet(), file_name="r.xlsx")
    assert "没有找到“证件号码”和“办理结果”两列" in out[0].text
    unknown = rid("31011519900307277")
    sheet = _filled(roster, {ids[2811]: ("成功", None), ids[2812]: ("失败", "证件信息不符"), ids[2813]: ("待定", None)},
                    extra=[(9, "", "王五", "居民身份证", unknown)])
    out = await h.send_document(3811, content=sheet, file_name="结果.xlsx")
    report = out[0].text
    assert "成功 1 人，失败 1 人" in report and "第 6 行" in report and "第 5 行" in report
    assert unknown not in report and "已办理完成" not in report
    statuses = {a.user_id: (a.status, a.reason) for a in await apps(h)}
    assert statuses[2811][0] == "issued" and statuses[2812] == ("failed", "证件信息不符") and statuses[2813][0] == "submitted"
    assert "原因：证件信息不符" in h.replies(2812)[-1] and "已办卡" in h.replies(2811)[-1]
    await _batches(h, 3811)
    await h.press(3811, "📥 导入银行结果表")
    out = await h.send_document(3811, content=_filled(roster, {ids[2813]: ("成功", None), ids[2811]: ("失败", "x")}),
                                file_name="结果2.xlsx")
    assert "成功 1 人，失败 0 人" in out[0].text and "未改动的 1 行" in out[0].text and "已办理完成" in out[0].text
    async with h.app.db.session() as s:
        assert [b.status for b in (await s.exec(select(CardBatch))).all()] == ["closed"]
    assert (await apps(h))[0].status == "issued"  # a result already recorded is not overwritten


def _plain_sheet() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


async def test_clerk_opens_an_application_finds_it_by_name_or_reference_and_sends_it_back_with_a_reason(harness):
    h = harness
    await clerk_of(h, 3821, await with_union(h))
    out = await apply(h, 2821)
    ref = re.search(r"KA\w+", out[-1].text).group(0)
    await apply(h, 2822, doc=rid("31011519900307299"))
    out = await h.send(3821, "/applications")
    out = await h.press(3821, f"🔍 {ref}")
    detail = out[0].text
    assert ref in detail and "3101**********" in detail and "138****5678" in detail and MAN_1990 not in detail
    assert "13812345678" not in detail and "上海银行浦东分行 · 陆家嘴网点" in detail and "→ 待办中" in detail
    await h.send(3821, "/applications")
    await h.press(3821, "🔎 按姓名或编号查找")
    out = await h.send(3821, ref.lower())
    assert "找到 1 份申请" in out[0].text and ref in out[0].text
    await h.send(3821, "/applications")
    await h.press(3821, "🔎 按姓名或编号查找")
    out = await h.send(3821, "张")
    assert "找到 2 份申请" in out[0].text
    await h.send(3821, "/applications")
    await h.press(3821, "🔎 按姓名或编号查找")
    out = await h.send(3821, "李四")
    assert "没有找到" in out[0].text
    async with h.app.db.session() as s:  # another union's clerk finds nothing of ours
        other = await create_unit(s, "另一个工会")
        await s.commit()
    await clerk_of(h, 3822, other)
    await h.send(3822, "/applications")
    await h.press(3822, "🔎 按姓名或编号查找")
    out = await h.send(3822, ref)
    assert "没有找到" in out[0].text
    out = await h.press_data(3822, next(b["callback_data"] for c in h.session.sent_to(3821) for b in c.buttons
                                        if b.get("text") == f"🔍 {ref}"))
    assert any("找不到这份申请" in (a.params.get("text") or "") for a in h.answers()[-1:])

    await h.send(3821, "/applications")
    await h.press(3821, f"🔍 {ref}")
    out = await h.press(3821, "❌ 退回（写明原因）")
    assert ref in out[0].text
    out = await h.send(3821, "x")
    assert "请写明退回原因" in out[0].text
    out = await h.send(3821, "地址写的是家庭住址，请写工作单位地址")
    assert "已退回申请" in out[0].text
    push = h.replies(2821)[-1]
    assert "原因：地址写的是家庭住址，请写工作单位地址" in push and "修改并重新提交" in push
    out = await h.send(2821, "/mycard")
    assert "原因：地址写的是家庭住址" in out[0].text and "✏️ 修改并重新提交" in out[0].button_texts
    out = await h.send(3821, "/applications")
    assert "（地址写的是家庭住址，请写工作单位地址）" in out[0].text

