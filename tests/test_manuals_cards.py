"""Card statuses and the card check say what [003] says (issue 13, items 6 and 7)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.cards import service
from domain.cards import catalogue as outlets_catalogue
from domain.cards.models import CardApplication
from domain.cards.status import STATUSES, check_transition
from domain.repos import DomainError, create_invite, create_unit
from ui.i18n import BoundTranslator, get_translator
from tests.test_cards import FORM, _step

T = {lang: BoundTranslator(get_translator(), lang) for lang in ("zh", "en")}


def test_platform_labels_where_003_has_them_and_the_bots_own_marked():
    # [003] 卡片信息管理: 状态 "未办卡" / "待办中"; "状态：待办中或已办卡，无需勾选";
    # 待办会员列表: "信息校验结果 … 已通过"; "未通过"
    zh = {s: T["zh"](f"card-st-{s.replace('_', '-')}") for s in STATUSES}
    assert (zh["none"], zh["pending"], zh["issued"]) == ("未办卡", "待办中", "已办卡")
    assert zh["checked_ok"].endswith("已通过") and zh["checked_fail"].endswith("未通过")
    for own in ("checked_ok", "checked_fail", "submitted", "failed", "revoke_pending", "withdrawn"):
        assert "机器人" in zh[own], own
        assert "bot" in T["en"](f"card-st-{own.replace('_', '-')}"), own
    # the labels of transition errors are the catalog's (statuses are spelled only there)
    with pytest.raises(DomainError) as refused:
        check_transition("issued", "pending", "clerk")
    assert T["zh"].err(refused.value.code, **refused.value.params) == T["zh"](
        "err-card-transition", current=zh["issued"], target=zh["pending"])
    legend = T["zh"]("card-st-legend")
    for label in ("未办卡", "待办中", "已办卡", "已通过", "未通过", "办理成功人数"):
        assert label in legend


def test_card_statuses_are_spelled_once_the_platform_machine_uses_their_ids():
    import copy

    from domain.cards.status import REVIEW_OUTCOMES
    from domain.programs import load_machine
    from domain.programs.machine import MachineError, validate_machine

    machine = load_machine("card_batch")  # the status helper's view of the platform ([003])
    assert set(machine.statuses) - REVIEW_OUTCOMES == {"none", "pending", "submitted", "revoke_pending", "issued"}
    zh = {s: T["zh"](f"card-st-{s.replace('_', '-')}") for s in STATUSES}
    for sid in ("none", "pending", "issued"):  # the three 卡片状态 names [003] prints, the same in both
        assert machine.status(sid)["label"] == zh[sid], sid
    doc = copy.deepcopy(machine.raw)  # a machine spelling a card status its own way is refused
    doc["statuses"]["no_card"] = doc["statuses"].pop("none")
    with pytest.raises(MachineError, match="not card statuses"):
        validate_machine(doc, "card_batch.yaml")


def _app(**kw) -> CardApplication:
    base = dict(ref="KA1", user_id=1, kind="flexible", name="张三", doc_type="resident_id", doc_enc="x",
                doc_hash="h", doc_masked="m", expiry="长期", mobile_enc="x", mobile_masked="m",
                address="上海市浦东新区世纪大道100号", union_name="工会", branch="b", outlet="o",
                bank_phone_enc="x", channel="normal")
    base.update(kw)
    return CardApplication(**base)


def test_retirement_age_is_a_note_naming_its_source_not_a_rejection():
    # [003]: "点击“提交系统校验”，校验成功后，信息校验结果会刷新为已通过。(这里校验退休状态)";
    # 55/60 is [002]'s "不属于“职保”范围，女性未满55周岁、男性未满60周岁" limit
    today = date(2026, 11, 24)
    woman_55 = _app(gender="F", birth_date="1971-11-24")
    man_59 = _app(gender="M", birth_date="1967-11-25")
    assert service.check_reason(woman_55, today) is None
    assert service.check_note(woman_55, today) == "card.check_age_note"
    assert service.check_note(man_59, today) is None
    assert service.age_note_limits() == {"F": 55, "M": 60}
    zh = T["zh"].err("card.check_age_note")
    assert "[002]" in zh and "[003]" in zh and "退休状态" in zh and "不是办卡条件" in zh
    assert "not a card rule" in T["en"].err("card.check_age_note")


async def test_clerk_sees_the_note_and_the_batch_counts(harness):
    # [003] 办卡批次管理: "办卡成功后，在“办理成功人数”列会显示办卡成功数量" (columns 办理总人数 / 办理成功人数)
    h = harness
    async with h.app.db.session() as s:
        unit = await create_unit(s, "上海某某快递服务工会")
        invite = await create_invite(s, unit.id, None)
        await s.commit()
    for item in FORM:
        await _step(h, 2301, item)
    # item 8: the shipped catalogue is fictional and the member is told so
    assert any("下面的发卡支行和网点是示例（虚构的）" in r for r in h.replies(2301))
    await h.press(2301, "✅ 确认提交")
    await h.send(3301, f"/start {invite.code}")
    await h.send(3301, "/applications")
    await h.press(3301, "🔎 提交系统校验")
    out = await h.press(3301, "📦 提交办卡（普通通道）")
    assert "网点表还是示例" in out[-1].text and "unionbot cards import-outlets" in out[-1].text
    await h.press(3301, "浦东新区 · 上海银行浦东分行 · 陆家嘴网点")
    await h.send(3301, "李经办")
    await h.send(3301, "13900001111")
    await h.press(3301, "✅ 确认提交办卡")
    out = await h.send(3301, "/applications")
    assert "预校验已通过" in out[-1].text and "平台上的名称（手册 [003]）" in out[-1].text
    out = await h.press(3301, "🗂 办卡批次管理")
    assert "办理总人数 1 · 办理成功人数 0" in out[-1].text
    assert "已提交办卡（批次撤销情况“-”）" in out[-1].text


def test_card_texts_keep_to_the_manuals_and_label_the_bots_advice():
    zh, en = T["zh"], T["en"]
    # [001]: "请将工作单位详细地址完整填写，且必须不少于6个字" — nothing about mailing (银行寄送)
    assert "寄送" not in zh("card-ask-address") and "6 个字" in zh("card-ask-address")
    # [003]: "生僻字或其它非身份证类型的特殊人员，将办卡通道转换为特殊办卡通道" — no word on homophones
    rare = zh("card-rare-explained")
    assert "手册没有写打不出的字怎么输入" in rare and "本机器人的建议" in rare and "同音字" in rare
    assert "the bot's advice" in en("card-rare-explained")
    # no list of document types in the manuals ("非身份证的（例如：护照、港澳台居住证等）")
    assert "手册没有给出完整清单" in zh("card-ask-doc-type") and "bot's list" in en("card-ask-doc-type")
    # [003] only: "确保系统上和用户证件上的证件到期日一致"
    expired = zh("err-card-expired", date="2026-01-01")
    assert "这是机器人的规则" in expired and "手册没有写过期证件能否办卡" in expired
    assert "the bot's own rule" in en("err-card-expired", date="2026-01-01")


def test_collection_reminders_are_the_bots_and_quote_the_bank_call():
    # [003]: "请确保联系方式准确, 便于银行联系领卡"; "自行前往所选银行网点申办卡" is about applying, not collecting
    from ui.i18n import get_translator

    tr = get_translator()
    for key in ("dl-card-collect", "dl-card-waiting"):
        zh = tr.t("zh", key, ref="KA1", branch="b", outlet="o")
        assert "银行会" in zh and "联系领卡" in zh and "机器人" in zh and "请携带证件前往" not in zh
        assert "bot's reminder" in tr.t("en", key, ref="KA1", branch="b", outlet="o")


async def test_sample_catalogue_until_the_bank_list_is_imported(harness):
    # the manuals name no bank ([003]: the clerk picks 发卡支行 / 经办网点 at 提交办卡)
    text = outlets_catalogue.CATALOGUE.read_text(encoding="utf-8")
    assert text.startswith("# SAMPLE — FICTIONAL") and "import-outlets" in text
    async with harness.app.db.session() as s:
        assert outlets_catalogue.is_sample(await outlets_catalogue.catalogue(s))
        await outlets_catalogue.replace_catalogue(s, [{"district": "黄浦区", "branch": "某银行黄浦支行", "outlet": "某网点",
                                             "address": None}])
        await s.flush()
        assert not outlets_catalogue.is_sample(await outlets_catalogue.catalogue(s))


def test_outlet_import_is_the_documented_first_step():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    deploy = (root / "deploy" / "README.md").read_text(encoding="utf-8")
    sections = [line for line in deploy.splitlines() if line.startswith("## ")]
    assert sections[0] == "## First step: the bank's outlet list"
    assert "unionbot cards import-outlets" in deploy and "fictional sample" in deploy
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "**First step of every deployment: import the bank's outlet list.**" in readme
