"""Guides say what the manuals say (issue 13, items 3, 4, 13, 15). Each test quotes the rule."""

from __future__ import annotations

import pytest

from domain.guides import load_guides


def step(lang, guide, sid):
    g = load_guides(lang)[guide]
    return g.steps[g.step_index(sid)]


def fixes(s) -> str:
    return "\n".join(f"{e} → {f}" for e, f in s.errors)


@pytest.mark.parametrize("guide", ["mutual_aid_collective", "mutual_aid_instant"])
def test_failed_validation_correct_then_submit(guide):
    # [002] FAQ: "不通过：需修改参保清册，若有在职超龄人员请设置“医保享受在职待遇”或全部移除，再点击清册提交。"
    zh = fixes(step("zh", guide, "validate"))
    assert "医保享受在职待遇" in zh and "然后点【清册提交】" in zh
    en = fixes(step("en", guide, "validate"))
    assert "医保享受在职待遇" in en and "then 【清册提交】" in en


@pytest.mark.parametrize("guide", ["retiree_deduction", "retiree_voucher"])
def test_retiree_login_address_is_the_one_004_gives(guide):
    # [004]: "登录网址：https://gzpt.shszgh.cn" (FAQ: http://gzpt.shszgh.cn/); [004] never names zzgl.shzgh.org
    for lang in ("zh", "en"):
        where = step(lang, guide, "login").where
        assert where.startswith("https://gzpt.shszgh.cn")
        assert "手册另写" not in where
        assert ("[004] 只给出这个网址" in where) if lang == "zh" else ("[004] gives only this address" in where)
        assert "[000]–[003]" in where  # zzgl.shzgh.org is attributed to the other manuals


@pytest.mark.parametrize("guide", ["retiree_deduction", "retiree_voucher"])
def test_retiree_unmatched_social_security(guide):
    # [004] screenshots: "非身份证 | 不可代扣 | 未匹配到社保信息"; the manual gives no handling for it
    zh = fixes(step("zh", guide, "validation"))
    assert "未匹配到社保信息" in zh and "手册没有写这种情形的原因和处理办法" in zh
    en = fixes(step("en", guide, "validation"))
    assert "未匹配到社保信息" in en and "The manual does not say why" in en
    if guide == "retiree_deduction":
        # "代扣失败及无法代扣的人员，需单位缴费"; after the deduction the row shows "校验不通过"
        assert "须由单位缴费参保" in zh and "校验不通过" in zh


def test_district_downloads():
    # [001]: "缴费凭证管理 下载集中参保统计表 下载集中参保告知书 集中参保实时监控画面";
    # "该页面也可“下载集中参保统计表”"; "如想再次下载告知书可至“参保批次管理”内打印"
    s = step("zh", "member_card_district", "batch_downloads")
    for button in ("下载集中参保统计表", "下载集中参保告知书", "集中参保实时监控画面"):
        assert button in s.where
    assert "【参保批次管理】" in s.where and "没有说明" in s.check
    en = step("en", "member_card_district", "batch_downloads")
    assert "集中参保实时监控画面" in en.where and "do not say what" in en.check
