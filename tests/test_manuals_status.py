"""Status machines say what the manuals say, per programme (issue 13, items 2, 3, 11, 12, 13).
Each test quotes the manual's rule it checks."""

from __future__ import annotations

from datetime import date

import pytest

from domain.programs import decide, describe, find_status, load_machine
from domain.programs.machine import all_machines
from domain.programs.texts import status_texts
from handlers.status import answer_text, status_text
from ui.i18n import BoundTranslator, get_translator


def t(lang="zh"):
    return BoundTranslator(get_translator(), lang)


def texts_used(program: str, status: str) -> list[str]:
    """Every locale text the status shows (reasons, conditions, next, description)."""
    out = []
    for lang in ("zh", "en"):
        tx = status_texts(lang)
        info = describe(program, status)
        out.append(tx["next"][info.next])
        for d in info.decisions:
            if d.reason:
                out.append(tx["reasons"][d.reason])
            if d.condition:
                out.append(tx["conditions"][d.condition])
    return out


# --- item 2: the retiree plan's centre review has no duration in [004] ------------------------

def test_retiree_centre_review_shows_no_borrowed_duration():
    # [002]: attachments "审核2个工作日"; [004] gives no duration for 职保会审核 (only 1 working day for
    # the code application, the name change and the 代扣受理单).
    for status in ("centre_review", "voucher_review", "voucher_rejected"):
        for text in texts_used("retiree", status):
            assert "2个工作日" not in text and "2 working days" not in text and "10个工作日" not in text, (status, text)
    zh = status_text(t(), "retiree", "centre_review", "deduction", today=date(2025, 6, 1))
    assert "[004] 没有写审核" in zh
    # the mutual-aid project keeps [002]'s figure
    assert "2个工作日" in status_text(t(), "mutual_aid", "centre_review", "collective", today=date(2023, 6, 10))


def test_texts_shared_by_programmes_carry_no_programme_specific_figure():
    # a text used by several machines must not carry one manual's durations or button names
    users: dict[tuple[str, str], set[str]] = {}
    for m in all_machines():
        for st in m.raw["statuses"].values():
            users.setdefault(("next", st["next"]), set()).add(m.program)
            for f in (st.get("forbidden") or {}).values():
                users.setdefault(("reasons", f["reason"]), set()).add(m.program)
            for c in (st.get("conditional") or {}).values():
                users.setdefault(("conditions", c["condition"]), set()).add(m.program)
    shared = {k for k, progs in users.items() if {"mutual_aid", "retiree"} <= progs}
    assert shared, "mutual aid and the retiree plan still share generic texts"
    for lang in ("zh", "en"):
        tx = status_texts(lang)
        for section, key in shared:
            text = tx[section][key]
            for specific in ("工作日", "working day", "【清册", "【批次撤回】", "【继续办理参保】"):
                assert specific not in text, (lang, section, key, text)


def test_retiree_submit_before_validation_names_the_retiree_button():
    # [004]: "导入名单完成后，点击【提交系统校验】" / "系统校验无异常后，【提交职保会审核】会亮起"
    d = decide("retiree", "list_pending_validation", "submit_centre")
    text = status_texts("zh")["reasons"][d.reason]
    assert "【提交系统校验】" in text and "【清册校验】" not in text


# --- item 3: after a failed mutual-aid validation: correct the roster, then 清册提交 -----------

def test_failed_validation_means_correct_then_submit():
    # [002] FAQ: "不通过：需修改参保清册，若有在职超龄人员请设置“医保享受在职待遇”或全部移除，再点击清册提交。"
    d = decide("mutual_aid", find_status("mutual_aid", "清册校验不通过"), "submit_roster")
    assert d.verdict == "conditional"
    for lang in ("zh", "en"):
        cond = status_texts(lang)["conditions"][d.condition]
        assert "医保享受在职待遇" in cond and "【清册提交】" in cond
    zh = status_texts("zh")
    assert "【清册提交】" in zh["next"]["edit_roster"] and "医保享受在职待遇" in zh["next"]["edit_roster"]
    reason = zh["reasons"][decide("mutual_aid", "roster_invalid", "choose_items").reason]
    assert "再点【清册提交】" in reason and "再校验" not in reason.replace("再次【清册校验】", "")
    # retirees: "需将退休人员全部移除后，再次点击【清册校验】"
    assert "退休人员全部移除后再次【清册校验】" in zh["next"]["edit_roster"]


# --- item 11: enrollment-code application statuses ---------------------------------------------

def test_enrollment_code_statuses():
    # [002]/[004]: "申请提交后，状态为“申请中”；如审核通过，状态显示为“审核通过”，参保编码栏直接显示参保编码；
    # 如审核不通过，状态显示为“审核不通过”，可点击右侧【编辑】，查看审核不通过原因，修改后重新提交"
    m = load_machine("enrollment_code")
    assert [m.raw["statuses"][s]["label"] for s in m.statuses] == ["申请中", "审核通过", "审核不通过"]
    assert find_status("enrollment_code", "申请中") == "applying"
    assert decide("enrollment_code", "rejected", "edit_resubmit").allowed
    assert not decide("enrollment_code", "applying", "edit_resubmit").allowed
    assert not decide("enrollment_code", "applying", "use_code").allowed
    assert decide("enrollment_code", "approved", "use_code").allowed
    assert describe("enrollment_code", "rejected").transitions["edit_resubmit"] == ["applying"]
    # "※审核时间为提交申请后1个工作日"
    zh = status_text(t(), "enrollment_code", "applying", None)
    assert "审核时间为提交申请后 1 个工作日" in zh
    assert "【编辑】" in status_text(t(), "enrollment_code", "rejected", None)
    en = status_text(t("en"), "enrollment_code", "approved", None)
    assert "one platform account" in en


# --- item 12: batch withdraw -> re-choose the items ----------------------------------------------

def test_withdraw_to_reselect_items_is_its_own_branch():
    # [002] FAQ: "2.在【缴费凭证待上传】状态下，点击【批次撤回】重新选择保障项目即可。"
    # 批次撤回流程 slide: "点击重新整理清册前的按钮 … 状态将变回“清册待校验”"
    pending = find_status("mutual_aid", "缴费凭证待上传")
    d = decide("mutual_aid", pending, "withdraw_reselect")
    assert d.verdict == "conditional" and d.condition == "reselect_items_voucher_pending"
    info = describe("mutual_aid", pending)
    assert info.transitions["batch_withdraw"] == ["roster_pending"]
    assert "withdraw_reselect" not in info.transitions  # the manual prints no status after it
    zh = status_texts("zh")
    assert "重新选择保障项目" in zh["actions"]["withdraw_reselect"]
    assert "重新整理清册" in zh["actions"]["batch_withdraw"]
    assert "手册没有写撤回后批次显示什么状态" in zh["conditions"][d.condition]
    # elsewhere it is refused with a reason; before items are chosen, choose them directly
    v = decide("mutual_aid", "roster_valid", "withdraw_reselect")
    assert v.verdict == "forbidden" and v.instead == "choose_items"
    assert decide("mutual_aid", "voucher_review", "withdraw_reselect").reason == "voucher_uploaded_locked"
    assert "⚠️" in answer_text(t(), "mutual_aid", pending, "withdraw_reselect")


# --- item 13: the retiree anomaly 未匹配到社保信息 ------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_retiree_unmatched_social_security_is_explained(lang):
    # [004] screenshots: "不可代扣 | 未匹配到社保信息" and after the deduction "不可代扣 | 未匹配到社保信息 | 校验不通过";
    # "代扣失败及无法代扣的人员，需单位缴费"
    tx = status_texts(lang)
    assert "未匹配到社保信息" in tx["next"]["fix_anomalies_submit"]
    assert "不可代扣" in tx["next"]["fix_anomalies_submit"]
    assert "校验不通过" in tx["next"]["keep_or_remove_failed"]
    assert "未匹配到社保信息" in tx["statuses"]["retiree"]["validated"]
    silent = "手册没有写这种情形怎么处理" if lang == "zh" else "the manual does not say how to resolve"
    assert silent in tx["next"]["fix_anomalies_submit"]
