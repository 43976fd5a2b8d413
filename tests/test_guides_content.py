"""Guide content (locales/*/guides/*.yaml) and status texts: loader, validator, manual facts."""

from __future__ import annotations

import shutil

import yaml

from domain.guides import GUIDE_ORDER, check_guides, load_contacts, load_guides
from domain.guides.loader import LOCALES_DIR
from domain.programs import load_machine
from domain.programs.texts import check_status_texts


def test_both_locales_have_the_same_guides_and_steps():
    assert check_guides() == []
    for lang in ("zh", "en"):
        assert set(load_guides(lang)) == set(GUIDE_ORDER)


def test_status_texts_complete_in_both_locales():
    assert check_status_texts() == []


def test_every_process_of_the_manuals_is_covered():
    zh = load_guides("zh")
    assert {g.program for g in zh.values()} == {"members", "card_batch", "member_protection", "ss_card", "mutual_aid",
                                                "retiree"}
    assert {(g.program, g.mode) for g in zh.values() if g.program in ("mutual_aid", "retiree")} == {
        ("mutual_aid", "collective"), ("mutual_aid", "instant"), ("retiree", "deduction"), ("retiree", "voucher")}
    for g in zh.values():
        if g.mode:
            assert g.mode in load_machine(g.program).modes or g.program == "member_protection"


def test_roster_upkeep_has_three_data_types_transfer_delete_compare():
    g = load_guides("zh")["roster_upkeep"]
    text = "\n".join(s.do + s.check for s in g.steps)
    for word in ("灵活就业类", "企业外入会类", "关联企业类", "转移", "退休、犯罪、死亡", "会员比对"):
        assert word in text or any(word in s.where for s in g.steps)


def test_mutual_aid_steps_use_platform_button_names():
    g = load_guides("zh")["mutual_aid_collective"]
    where = {s.id: s.where for s in g.steps}
    assert "【参保批次管理】→【集中参保办理】" in where["open_batch"]
    assert "【保障项目选择】" in where["choose_items"]
    assert "【缴费凭证管理】→【新增缴费信息】" in where["pay_voucher"]
    withdraw = g.steps[g.step_index("pay_voucher")].errors[0][1]
    assert "【批次撤回】" in withdraw and "清册待校验" in withdraw


def test_retiree_deduction_limits_in_guide():
    step = load_guides("zh")["retiree_deduction"].steps[4]
    assert step.id == "payment_method" and "450" in step.check and "不能更改" in step.check


def test_contacts_resolve():
    for lang in ("zh", "en"):
        contacts = load_contacts(lang)
        for g in load_guides(lang).values():
            assert all(c in contacts for c in g.contacts)
    assert "18019450397" in load_contacts("zh")["retiree_online"]


def test_validator_reports_a_missing_step(tmp_path):
    shutil.copytree(LOCALES_DIR / "zh" / "guides", tmp_path / "zh" / "guides")
    shutil.copytree(LOCALES_DIR / "en" / "guides", tmp_path / "en" / "guides")
    path = tmp_path / "en" / "guides" / "card_batch.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["steps"].pop(2)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    problems = check_guides(tmp_path)
    assert any("card_batch: step ids differ" in p for p in problems)


def test_validator_reports_empty_fix(tmp_path):
    shutil.copytree(LOCALES_DIR / "zh" / "guides", tmp_path / "zh" / "guides")
    shutil.copytree(LOCALES_DIR / "en" / "guides", tmp_path / "en" / "guides")
    path = tmp_path / "zh" / "guides" / "roster_upkeep.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["steps"][0]["errors"][0]["fix"] = ""
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert check_guides(tmp_path) and "fix" in check_guides(tmp_path)[0]


def test_kb_link_matches_step_tags(tmp_path):
    from domain.guides.kb_link import related_faq

    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "kb.yaml").write_text(yaml.safe_dump({"entries": [
        {"id": "ma-cancel", "q": "如何撤销参保？", "a": "清册待校验时批次删除。", "tags": ["cancel", "mutual-aid"]},
        {"id": "login", "question": "点登录没反应？", "answer": "用 Chrome。"},
        {"id": "other", "q": "无关", "a": "无关", "tags": ["x"]},
    ]}, allow_unicode=True), encoding="utf-8")
    assert related_faq("zh", ["login", "cancel"], base=tmp_path) == [
        ("login", "点登录没反应？", "用 Chrome。"), ("ma-cancel", "如何撤销参保？", "清册待校验时批次删除。")]
    assert related_faq("en", ["login"], base=tmp_path) == []  # no KB in that language yet
