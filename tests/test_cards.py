"""Member service card applications: form rules, the status machine, the clerk's work, the chat."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select
from stdnum.cn import ric

from domain.cards import service
from domain.cards import catalogue as outlets_catalogue
from domain.cards import validation as v
from domain.cards.models import CardApplication, CardTransition
from domain.cards.status import STATUSES, TRANSITIONS, check_transition
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import DomainError, create_invite, create_unit

TODAY = date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[1]


def rid(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


VALID_ID = rid("11010519491231002")  # 11010519491231002X
MAN_1990 = rid("31011519900307123")

# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize("raw, ok", [
    ("张三", True), ("欧阳娜娜", True), ("买买提·艾力", True), ("买买提•艾力", True), ("John Smith", True),
    ("", False), ("张", False), ("·张三", False), ("张三·", False), ("张··三", False), ("张3", False), ("x" * 41, False),
])
def test_names(raw, ok):
    assert v.check_name(raw).ok is ok


def test_rare_characters_are_noticed():
    assert v.check_name("王𠀋").info["rare"] is True
    assert v.check_name("王小明").info["rare"] is False


@pytest.mark.parametrize("doc_type, raw, error", [
    ("resident_id", VALID_ID[:-1] + "0", "id.checksum"),
    ("resident_id", "1101051949123100", "id.length"),
    ("resident_id", rid("81000019900101002"), "card.permit_is_not_id"),
    ("hmt_residence", VALID_ID, "card.permit_prefix"),
    ("hk_macau_permit", "X12345678", "card.doc_format_hk_macau_permit"),
    ("taiwan_permit", "1234567", "card.doc_format_taiwan_permit"),
    ("foreign_pr", "AB123", "card.doc_format_foreign_pr"),
    ("passport", "E1", "card.doc_format_passport"),
])
def test_document_numbers_rejected(doc_type, raw, error):
    result = v.check_doc_number(doc_type, raw, TODAY)
    assert not result.ok and result.error == error


def test_document_numbers_accepted_and_normalised():
    lower = v.check_doc_number("resident_id", VALID_ID.lower(), TODAY)
    assert lower.ok and lower.value == VALID_ID and lower.info["gender"] == "F"
    assert lower.info["birth_date"] == date(1949, 12, 31)
    wide = v.check_doc_number("resident_id", MAN_1990.translate(str.maketrans("0123456789", "０１２３４５６７８９")), TODAY)
    assert wide.ok and wide.value == MAN_1990 and wide.info["gender"] == "M"
    assert v.check_doc_number("hmt_residence", rid("81000019900101002"), TODAY).ok
    assert v.check_doc_number("hk_macau_permit", "h12345678", TODAY).value == "H12345678"
    assert v.check_doc_number("passport", "e 1234 5678", TODAY).value == "E12345678"


@pytest.mark.parametrize("raw, value", [
    ("2030-01-01", "2030-01-01"), ("2030.1.1", "2030-01-01"), ("2030/01/01", "2030-01-01"),
    ("2030年1月1日", "2030-01-01"), ("20300101", "2030-01-01"), ("长期", "长期"), ("长期有效", "长期"),
    ("２０３０－０１－０１", "2030-01-01"),
])
def test_expiry_forms(raw, value):
    assert v.check_expiry(raw, TODAY).value == value


def test_expired_and_malformed_expiry():
    assert v.check_expiry("2026-11-24", TODAY).error == "card.expired"
    assert v.check_expiry("2020-02-30", TODAY).error == "card.expiry_format"
    assert v.check_expiry("明年", TODAY).error == "card.expiry_format"
    assert v.check_expiry("2199-01-01", TODAY).error == "card.expiry_far"


def test_phone_address_union_member_no():
    assert v.check_phone_field("021-63505704").error == "phone.not_mobile"
    assert v.check_phone_field("138 1234 5678").value == "13812345678"
    assert v.check_address("上海市浦东").error == "card.address_short"
    assert v.check_address("上海市浦东新区").ok
    assert not v.check_union("工").ok and v.check_union("徐汇区总工会").ok
    assert v.check_member_no("m2024 0001").value == "M20240001" and not v.check_member_no("#1").ok


def test_channel_and_routing():
    assert v.channel("resident_id", False) == "normal"
    assert v.channel("resident_id", True) == "special"
    assert v.channel("passport", False) == "special"
    assert v.can_apply("flexible", True, False, False) is None
    assert v.can_apply("flexible", False, False, False) == "card.no_member_no"
    assert v.can_apply("outside", True, True, False) == "card.retired"
    assert v.can_apply("enterprise", True, False, True) == "card.has_card"


# --- status machine --------------------------------------------------------------------

ROLES = ("member", "clerk", "upper")


@pytest.mark.parametrize("current", list(STATUSES))
@pytest.mark.parametrize("target", list(STATUSES))
def test_every_transition_is_allowed_or_refused(current, target):
    for role in ROLES:
        allowed = role in TRANSITIONS.get((current, target), frozenset())
        if allowed:
            check_transition(current, target, role)
        else:
            with pytest.raises(DomainError):
                check_transition(current, target, role)


def test_manual_003_path_exists():
    path = ["none", "pending", "checked_ok", "submitted", "revoke_pending", "none"]
    roles = ["member", "clerk", "clerk", "clerk", "upper"]
    for (a, b), role in zip(zip(path, path[1:]), roles):
        check_transition(a, b, role)
    check_transition("revoke_pending", "submitted", "upper")  # rejected: locked again
    with pytest.raises(DomainError):
        check_transition("issued", "pending", "clerk")


# --- use cases -------------------------------------------------------------------------

ANSWERS = dict(kind="flexible", member_no="M1", name="张三", doc_type="resident_id", doc_number=MAN_1990,
               birth_date="1990-03-07", gender="M", expiry="2031-12-31", mobile="13812345678",
               address="上海市浦东新区世纪大道100号", union="甲工会", branch="上海银行浦东分行", outlet="陆家嘴网点",
               bank_phone="13812345678", channel="normal")


async def _setup(db):
    async with db.session() as s:
        district = await create_unit(s, "浦东新区总工会", level="district")
        unit = await create_unit(s, "甲工会", parent_id=district.id)
        other = await create_unit(s, "乙工会", parent_id=district.id)
        for u in (User(id=10, role="member"), User(id=20, role="clerk", unit_id=unit.id),
                  User(id=30, role="clerk", unit_id=district.id), User(id=40, role="clerk", unit_id=other.id)):
            s.add(u)
        await s.commit()
        return unit.id


async def test_application_lifecycle_with_history_and_scope(harness):
    db = harness.app.db
    cipher = DataCipher("k")
    await _setup(db)
    async with db.session() as s:
        app = await service.submit(s, cipher, 10, ANSWERS)
        assert app.status == "pending" and app.doc_masked == "3101**********" + MAN_1990[-4:]
        assert MAN_1990 not in app.doc_enc and cipher.decrypt(app.doc_enc) == MAN_1990
        with pytest.raises(DomainError) as dup:
            await service.submit(s, cipher, 11, ANSWERS)
        assert dup.value.code == "card.duplicate" and dup.value.params == {}  # nothing about the other one
        clerk, upper, stranger = await s.get(User, 20), await s.get(User, 30), await s.get(User, 40)
        assert (await service.clerk_list(s, stranger))[1] == 0
        assert (await service.clerk_list(s, clerk))[1] == 1
        changes = await service.run_check(s, clerk, TODAY)
        assert [c.status for c in changes] == ["checked_ok"]
        batch, changes = await service.create_batch(s, cipher, clerk, "normal", "上海银行浦东分行", "陆家嘴网点", "李", "13900001111")
        assert [c.status for c in changes] == ["submitted"]
        with pytest.raises(DomainError):
            await service.review_revocation(s, upper, batch.id, True)  # nothing requested yet
        await service.request_revocation(s, cipher, clerk, batch.id, "李", "13900001111", "网点选错")
        with pytest.raises(DomainError) as not_upper:
            await service.review_revocation(s, clerk, batch.id, True)
        assert not_upper.value.code == "card.revoke_not_upper"
        changes = await service.review_revocation(s, upper, batch.id, False)
        assert [c.status for c in changes] == ["submitted"]  # rejected: still locked
        await service.request_revocation(s, cipher, clerk, batch.id, "李", "13900001111", "网点选错")
        changes = await service.review_revocation(s, upper, batch.id, True)
        assert [c.status for c in changes] == ["none"]  # released: may be submitted again
        refreshed = await s.get(CardApplication, app.id)
        assert refreshed.batch_id is None
        steps = [(t.from_status, t.to_status) for t in await service.history(s, app.id)]
        assert steps == [("none", "pending"), ("pending", "checked_ok"), ("checked_ok", "submitted"),
                         ("submitted", "revoke_pending"), ("revoke_pending", "submitted"),
                         ("submitted", "revoke_pending"), ("revoke_pending", "none")]
        assert all(t.actor_id for t in (await s.exec(select(CardTransition))).all())


async def test_system_check_reasons(harness):
    db = harness.app.db
    cipher = DataCipher("k")
    await _setup(db)
    async with db.session() as s:
        old = dict(ANSWERS, doc_number=rid("31011519600307123"), birth_date="1960-03-07", expiry="长期")
        expired = dict(ANSWERS, doc_number=rid("31011519910307123"), expiry="2026-01-01")
        a1 = await service.submit(s, cipher, 10, old)
        a2 = await service.submit(s, cipher, 10, expired)
        clerk = await s.get(User, 20)
        changes = {c.ref: c for c in await service.run_check(s, clerk, TODAY)}
        # [003]: "这里校验退休状态" — the age (55/60, [002]'s over-age limit) is only a note, not a rejection
        assert (changes[a1.ref].status, changes[a1.ref].reason) == ("checked_ok", "card.check_age_note")
        assert (changes[a2.ref].status, changes[a2.ref].reason) == ("checked_fail", "card.check_expired")
        batch, _ = await service.create_batch(s, cipher, clerk, "normal", "b", "o", "李", "13900001111")
        assert await service.batch_counts(s, [batch.id]) == {batch.id: (1, 0)}
        with pytest.raises(DomainError) as empty:
            await service.create_batch(s, cipher, clerk, "normal", "b", "o", "李", "13900001111")
        assert empty.value.code == "card.batch_empty"


def test_roster_neutralises_formulas():
    from domain.cards.models import CardBatch

    cipher = DataCipher("k")
    batch = CardBatch(ref="CBC1", channel="normal", branch="b", outlet="o", contact="=c",
                      contact_phone_enc=cipher.encrypt("13900001111"))
    app = CardApplication(ref="KA1", user_id=1, kind="flexible", name="=HYPERLINK(\"x\")", doc_type="resident_id",
                          doc_enc=cipher.encrypt(MAN_1990), doc_hash="h", doc_masked="m", expiry="长期",
                          mobile_enc=cipher.encrypt("13812345678"), mobile_masked="m", address="+上海市浦东新区",
                          union_name="@工会", branch="b", outlet="o", bank_phone_enc=cipher.encrypt("13700002222"),
                          channel="normal")
    wb = load_workbook(io.BytesIO(service.roster_xlsx(batch, [app], cipher)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[1][:5] == ("序号", "会员编号", "姓名", "证件类型", "证件号码")
    assert rows[2][2] == "'=HYPERLINK(\"x\")" and rows[2][8] == "'+上海市浦东新区" and rows[2][9] == "'@工会"
    assert rows[2][4] == MAN_1990 and rows[2][7] == "13812345678"  # full numbers only in the bank roster
    row = dict(zip(rows[1], rows[2]))
    assert (row["银行联系电话"], row["联系人"], row["联系方式"]) == ("13700002222", "'=c", "13900001111")


def test_catalogue_import_validates():
    rows = outlets_catalogue.parse_catalogue_yaml(outlets_catalogue.CATALOGUE.read_text(encoding="utf-8"))
    assert {r["district"] for r in rows} >= {"浦东新区", "黄浦区"}
    with pytest.raises(DomainError):
        outlets_catalogue.parse_catalogue_yaml("- district: x\n")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["district", "branch", "outlet", "address"])
    wb.active.append(["闵行区", "上海银行闵行支行", "莘庄网点", "闵行区莘庄"])
    buf = io.BytesIO()
    wb.save(buf)
    assert outlets_catalogue.parse_catalogue_xlsx(buf.getvalue()) == [
        {"district": "闵行区", "branch": "上海银行闵行支行", "outlet": "莘庄网点", "address": "闵行区莘庄"}]
    with pytest.raises(DomainError):
        outlets_catalogue.parse_catalogue_xlsx(b"not a workbook")


# --- chat --------------------------------------------------------------------------------

FORM = ["/apply", "关联企业会员（在单位工会入会）", "我有会员编号，还没有会员服务卡", "M20240001", "张三", "居民身份证", MAN_1990, "✅ 正确",
        "2031-12-31", "13812345678", "上海市浦东新区世纪大道100号", "上海某某快递服务工会", "浦东新区",
        "上海银行浦东分行 · 陆家嘴网点", "同上（用刚才的手机号）"]


async def with_union(h, name: str = "上海某某快递服务工会"):
    """The union the chat form names, registered (the form picks the union from the registry)."""
    from domain.models import Unit

    async with h.app.db.session() as s:
        unit = (await s.exec(select(Unit).where(Unit.name == name))).first() or await create_unit(s, name)
        await s.commit()
        return unit


async def _step(h, uid, item):
    last = h.last_with_buttons(uid)
    if last is not None and any(b.get("text") == item for b in last.buttons):
        return await h.press(uid, item)
    return await h.send(uid, item)


async def test_markup_characters_in_answers_are_shown_as_typed(harness):
    """Messages go out as HTML: an address with < > & must not break the summary (Telegram would refuse
    to parse it and the member could never confirm)."""
    form = [("上海市浦东新区<世纪>大道100号 A&B座" if item == "上海市浦东新区世纪大道100号" else item) for item in FORM]
    await with_union(harness)
    for item in form:
        out = await _step(harness, 2005, item)
    summary = out[-1].text
    assert "&lt;世纪&gt;大道100号A&amp;B座" in summary and "<世纪>" not in summary
    assert "地址：" in summary or "工作单位地址：" in summary  # the Chinese label and colon
    await _step(harness, 2005, "✅ 确认提交")
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    history = (await harness.send(2005, "/mycard"))[0].text
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    # the history is in Shanghai time, not the UTC it is stored in
    assert any(f"· {m:%Y-%m-%d %H:%M}" in history for m in (now, now - timedelta(minutes=1)))


async def test_member_applies_clerk_batches_member_is_notified(harness):
    h = harness
    async with h.app.db.session() as s:
        unit = await create_unit(s, "上海某某快递服务工会")
        invite = await create_invite(s, unit.id, None)
        await s.commit()
    for item in FORM:
        out = await _step(h, 2001, item)
    assert "请核对您的申请" in out[-1].text and "3101**********" in out[-1].text and MAN_1990 not in out[-1].text
    deletes = [c for c in h.calls if c.method == "deleteMessage"]
    assert len(deletes) == 1  # the message with the document number was removed
    out = await h.press(2001, "✅ 确认提交")
    assert "申请已提交" in out[-1].text
    await h.send(3001, f"/start {invite.code}")
    await h.send(3001, "/applications")
    await h.press(3001, "🔎 提交系统校验")
    assert "机器人预校验：已通过" in h.replies(2001)[-1]  # pushed to the member
    await h.press(3001, "📦 提交办卡（普通通道）")
    await h.press(3001, "浦东新区 · 上海银行浦东分行 · 陆家嘴网点")
    await h.send(3001, "李经办")
    out = await h.send(3001, "13900001111")
    assert "请确认办卡批次" in out[0].text and "1 人" in out[0].text and "139****1111" in out[0].text
    assert "上海银行浦东分行 · 陆家嘴网点" in out[0].text and "李经办" in out[0].text
    out = await h.press(3001, "✅ 确认提交办卡")
    assert "已生成办卡批次" in out[0].text
    assert "已提交办卡" in h.replies(2001)[-1]
    out = await h.press(3001, "⬇️ 下载清册")
    assert out[-1].file_name.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(out[-1].file_bytes)).active.iter_rows(values_only=True))
    assert rows[2][2] == "张三" and rows[2][4] == MAN_1990
    out = await h.send(2001, "/mycard")
    assert "已提交办卡" in out[0].text and "待办中 → 待办中 · 机器人预校验：已通过" in out[0].text
    # nothing personal in the clerk's list beyond the masked number
    assert all(MAN_1990 not in (c.text or "") for c in h.calls if c.method == "sendMessage")


async def test_each_bad_answer_is_asked_again_with_a_specific_message(harness):
    h = harness
    for item in FORM[:6]:
        await _step(h, 2002, item)
    out = await h.send(2002, MAN_1990[:-1] + ("0" if MAN_1990[-1] != "0" else "1"))
    assert "校验码不对" in out[0].text
    await h.send(2002, MAN_1990)
    await h.press(2002, "✅ 正确")
    out = await h.send(2002, "2020-01-01")
    assert "到期" in out[0].text
    await h.send(2002, "长期有效")
    out = await h.send(2002, "021-63505704")
    assert "固定电话" in out[0].text
    await h.send(2002, "13812345678")
    out = await h.send(2002, "上海市浦东")
    assert "至少 6 个字" in out[0].text
    from aiogram.types import Sticker

    sticker = Sticker(file_id="s", file_unique_id="s", type="regular", width=1, height=1, is_animated=False, is_video=False)
    out = await h.send_update(2002, h.updates.message(2002, None, sticker=sticker))
    assert "请用文字回答" in out[0].text
    out = await h.send(2002, "上海市浦东新区世纪大道100号")
    assert "所在工会的名称" in out[0].text


async def test_form_survives_a_restart(tmp_path):
    from bot.settings import load_settings
    from bot.dev.testing import BotHarness

    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", data_key="k",
                             throttle_rate=1000, throttle_burst=1000, redis_url=None, data_dir=tmp_path)
    async with BotHarness.create(settings=settings) as first:
        for item in FORM[:8]:
            await _step(first, 2003, item)
    async with BotHarness.create(settings=settings) as second:
        out = await second.send(2003, "2031-12-31")
        assert "手机号码" in out[0].text
        out = await second.send(2003, "/apply")
        assert "接着上次" in out[0].text


async def test_summary_edit_and_ineligible_members(harness):
    h = harness
    await with_union(h)
    for item in FORM:
        await _step(h, 2004, item)
    await h.press(2004, "✏️ 修改工作单位地址")
    out = await h.send(2004, "上海市徐汇区漕溪北路20号")
    assert "请核对您的申请" in out[0].text and "漕溪北路" in out[0].text
    await h.send(2005, "/apply")
    await h.press(2005, "灵活就业会员")
    out = await h.press(2005, "我还没有会员编号")
    assert "会员编号" in out[-1].text and "无法申请" in out[-1].text
    await h.send(2006, "/apply")
    out = await h.press(2006, "关联企业会员（在单位工会入会）")
    assert "基层工会" in out[0].text


def test_scripted_console_session(tmp_path):
    exe = Path(sys.executable).parent / "unionbot"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "ADMIN_", "REDIS_", "BOT_"))}
    made = subprocess.run([str(exe), "unit", "create", "--name", "上海某某快递服务工会", "--json"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    code = json.loads(made.stdout)["invite"].split("start=")[1]
    script = (ROOT / "tests" / "scripts" / "card_session.txt").read_text(encoding="utf-8")
    from openpyxl import Workbook

    sheet = Workbook()  # the bank's result: the roster's 证件号码 with 办理结果 filled in (these two columns suffice)
    sheet.active.append(["证件号码", "办理结果"])
    sheet.active.append([MAN_1990, "成功"])
    sheet.save(tmp_path / "results.xlsx")
    script = script.replace("{ID}", MAN_1990).replace("{INVITE}", code).replace("{RESULTS}", str(tmp_path / "results.xlsx"))
    out = subprocess.run([str(exe), "chat", "--user-id", "2001"], input=script, cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=180).stdout
    assert "✅ 申请已提交，编号 KA" in out
    assert "已生成办卡批次" in out and "[file saved:" in out
    assert "(→ user 2001) 📣 您的会员服务卡申请" in out and "已提交办卡" in out.split("/mycard")[-1]
    assert "银行结果已导入：成功 1 人" in out and "已办理完成" in out
    assert "申请" in out.split("/mycard")[-1] and "：已办卡" in out.split("/mycard")[-1]
    assert list((tmp_path / "data" / "downloads").glob("CBC*.xlsx"))


def _refs(text: str) -> int:
    """Applications listed: one line each, starting with its reference (KA + 8 random characters, which
    may themselves hold "KA")."""
    return sum(line.startswith("KA") for line in text.splitlines())


async def test_clerk_list_pages_and_filters(harness):
    h = harness
    cipher = DataCipher("test-data-key")
    async with h.app.db.session() as s:
        unit = await create_unit(s, "丙工会")
        invite = await create_invite(s, unit.id, None)
        for i in range(7):
            await service.submit(s, cipher, 5000 + i, dict(ANSWERS, union="丙工会", doc_number=rid(f"3101151990030{7000 + i}"[:17])))
        await s.commit()
    await h.send(3100, f"/start {invite.code}")
    out = await h.send(3100, "/applications")
    assert "待办中 7" in out[0].text and _refs(out[0].text) == 5 and "下一页 ➡️" in out[0].button_texts
    out = await h.press(3100, "下一页 ➡️")
    assert _refs(out[-1].text) == 2
    out = await h.press(3100, "待办中 · 机器人预校验：已通过")
    assert _refs(out[-1].text) == 0 and "• 待办中 · 机器人预校验：已通过" in out[-1].button_texts


def test_english_summary_names_document_types_in_english_with_the_platforms_name():
    from ui.i18n import BoundTranslator, get_translator
    from handlers.card import summary_text

    d = dict(kind="flexible", member_no="M1", name="Zhang San", doc_type="passport", doc_number="E12345678",
             expiry="2031-12-31", nationality="美国", mobile="13812345678", address="1 Century Avenue",
             union="某工会", branch="上海银行", outlet="陆家嘴", bank_phone="13812345678")
    en = summary_text(BoundTranslator(get_translator(), "en"), d)
    assert "Document type: Passport (护照)" in en and "Work address: 1 Century Avenue" in en
    zh = summary_text(BoundTranslator(get_translator(), "zh"), d)
    assert "证件类型：护照" in zh


async def test_status_pushes_use_the_members_language(harness):
    from bot import pushes
    from domain.cards.service import Change, _tell

    async with harness.app.db.session() as s:
        s.add(User(id=2101, role="member", lang="en"))
        s.add(User(id=2102, role="member", lang="zh"))
        clerk = User(id=2100, role="clerk")
        s.add(clerk)
        await s.commit()
        await _tell(s, clerk, [Change(2101, "KA1", "checked_ok", None), Change(2102, "KA2", "issued", None)])
        await s.commit()
    await pushes.deliver_pending(harness.bot, harness.app.db)
    assert "is now <b>pending (待办中) · bot pre-check: passed (已通过)</b>" in harness.replies(2101)[-1]
    assert "状态更新：<b>已办卡</b>" in harness.replies(2102)[-1]


async def test_check_batch_and_roster_in_bulk_on_both_databases(db_url):
    """The check reads applications as rows in bulk and finds duplicates in one query; objects the
    session already holds see their new status; an id out of scope refuses the whole check."""
    from bot.db import Database

    db = Database(db_url)
    await db.upgrade()
    cipher = DataCipher("k")
    try:
        await _setup(db)
        async with db.session() as s:
            clerk = await s.get(User, 20)
            mine = [await service.submit(s, cipher, 100 + i, dict(ANSWERS, doc_number=rid(f"310115199003{i + 1:02d}123"),
                                                                  name=f"张{'一二三四'[i]}")) for i in range(4)]
            expired = await service.submit(s, cipher, 110, dict(ANSWERS, doc_number=rid("31011519910307123"),
                                                               expiry="2026-01-01"))
            theirs = await service.submit(s, cipher, 120, dict(ANSWERS, doc_number=rid("31011519920307123"),
                                                              union="乙工会"))
            # two duplicates that got in before submit refused them: a later copy of an open application
            # and an earlier one of a number that now holds an issued card
            older = mine[0].model_dump(exclude={"id", "ref", "user_id", "status", "batch_id", "reason"})
            s.add(CardApplication(**older, ref="KADUP1", user_id=130, status="pending"))
            issued = mine[1].model_dump(exclude={"id", "ref", "user_id", "status", "batch_id", "reason"})
            s.add(CardApplication(**issued, ref="KAISS1", user_id=131, status="issued"))
            await s.commit()
        async with db.session() as s:
            clerk = await s.get(User, 20)
            held = await s.get(CardApplication, mine[2].id)  # an object this session already holds
            with pytest.raises(DomainError) as out_of_scope:
                await service.run_check(s, clerk, TODAY, [mine[3].id, theirs.id])
            assert out_of_scope.value.code == "card.not_found"
            assert (await s.exec(select(CardTransition).where(CardTransition.to_status != "pending"))).all() == []
            changes = {c.ref: c for c in await service.run_check(s, clerk, TODAY)}
            assert held.status == "checked_ok" and held.reason is None
            dup_ref = "KADUP1"
            assert {ref: (c.status, c.reason) for ref, c in changes.items()} == {
                mine[0].ref: ("checked_ok", None), mine[1].ref: ("checked_fail", "card.check_duplicate"),
                mine[2].ref: ("checked_ok", None), mine[3].ref: ("checked_ok", None),
                expired.ref: ("checked_fail", "card.check_expired"), dup_ref: ("checked_fail", "card.check_duplicate")}
            assert theirs.ref not in changes  # another unit's: out of this clerk's scope
            rows = (await s.exec(select(CardApplication).order_by(CardApplication.id))).all()
            dup = next(r for r in rows if r.ref == dup_ref)
            # the issued card stands; the open application of its number is the duplicate
            assert await service.duplicate_ids(s, rows) == {mine[1].id, dup.id}
            await s.commit()
        async with db.session() as s:
            clerk = await s.get(User, 20)
            again = await service.run_check(s, clerk, TODAY, [expired.id])  # checked again, by id
            assert [(c.ref, c.status) for c in again] == [(expired.ref, "checked_fail")]
            assert (await service.ready_count(s, clerk, "normal"), await service.ready_count(s, clerk, "special")) == (3, 0)
            assert await service.ready_count(s, await s.get(User, 40), "normal") == 0  # another unit's clerk
            batch, submitted = await service.create_batch(s, cipher, clerk, "normal", "b", "o", "李", "13900001111")
            await s.commit()
            assert [c.ref for c in submitted] == [mine[0].ref, mine[2].ref, mine[3].ref]
            people = await service.roster_rows(s, batch.id)
            sheet = list(load_workbook(io.BytesIO(service.roster_xlsx(batch, people, cipher))).active.iter_rows(
                values_only=True))
            assert [(r[0], r[2], r[4]) for r in sheet[2:]] == [
                (1, "张一", cipher.decrypt(mine[0].doc_enc)),
                (2, "张三", cipher.decrypt(mine[2].doc_enc)), (3, "张四", cipher.decrypt(mine[3].doc_enc))]
            moved = (await s.exec(select(CardTransition.to_status).where(CardTransition.to_status == "submitted"))).all()
            assert len(moved) == 3
        # the bank's result sheet: one person twice (counted once), one refused, one left blank
        from openpyxl import Workbook

        from domain import outbox
        from domain.cards import results

        wb = Workbook()
        wb.active.append(["证件号码", "办理结果", "失败原因"])
        for app, result, why in ((mine[0], "成功", None), (mine[2], "失败", "照片不清"), (mine[0], "成功", None),
                                 (mine[3], None, None)):
            wb.active.append([cipher.decrypt(app.doc_enc), result, why])
        buf = io.BytesIO()
        wb.save(buf)
        async with db.session() as s:
            clerk = await s.get(User, 20)
            report = await results.import_results(s, cipher, clerk, batch.id, buf.getvalue())
            await s.commit()
            assert (report.issued, report.failed, report.already, report.blank, report.closed) == (1, 1, 1, 1, False)
            assert [(c.ref, c.status, c.reason, c.where) for c in report.changes] == [
                (mine[0].ref, "issued", None, "上海银行浦东分行 · 陆家嘴网点"), (mine[2].ref, "failed", "照片不清", None)]
            pushes = {r.recipient_id: (r.key, outbox.decode(r).get("where"))
                      for r in (await s.exec(select(outbox.OutboxMessage))).all() if r.key != "card-status-changed"}
            assert pushes[mine[0].user_id] == ("card-status-issued", "上海银行浦东分行 · 陆家嘴网点")
            assert pushes[mine[2].user_id][0] == "card-status-bank-failed"
            steps = (await s.exec(select(CardTransition.to_status).where(CardTransition.application_id == mine[0].id)
                                  .order_by(CardTransition.id))).all()
            assert steps == ["pending", "checked_ok", "submitted", "issued"]
    finally:
        await db.dispose()


def test_result_sheet_rows_keep_excel_numbers_and_typed_values():
    from openpyxl import Workbook

    from domain.cards import results

    wb = Workbook()
    ws = wb.active
    ws["C3"], ws["D3"], ws["E3"] = "证件号码", "办理结果", "失败原因"  # the table starts at C3
    ws["C5"], ws["D5"] = " 3101 1519 9003 07123x ", "成功"
    ws["C6"], ws["D6"], ws["E6"] = 12345678, "失败", "'=照片不清"  # a number typed as a number
    ws["C7"], ws["D7"] = "X1", "待定"
    buf = io.BytesIO()
    wb.save(buf)
    rows = results.read_sheet(buf.getvalue())
    assert [(r.row, r.doc_number, r.outcome, r.reason, r.raw) for r in rows] == [
        (5, "31011519900307123X", "issued", None, "成功"), (6, "12345678", "failed", "=照片不清", "失败"),
        (7, "X1", None, None, "待定")]
    with pytest.raises(DomainError) as broken:
        results.read_sheet(b"PK\x03\x04 not a workbook")
    assert broken.value.code == "card.results_unreadable"
