"""A guide's steps asked in order (issue 17): "where do I start" is the first step of the guide of the
process asked about; "what next?" right after a step is the following step of the same guide, and after
the last one the process's end with what its last step says to wait for."""

from __future__ import annotations

import time
from datetime import date

import pytest

from domain.answers import Context, asks_first_step, asks_next_step, get_engine
from domain.guides.loader import load_guides
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", context=None):
    out = get_engine().answer(q, lang, context=context, today=TODAY)
    return out, plain_answers(out, lang)


def test_the_first_step_of_a_process_then_the_next_ones_in_order():
    out, texts = ask("社保卡即时参保第一步做什么")
    steps = load_guides("zh")["ss_card_instant"].steps
    assert not out.refused and out.best.id == f"guide:ss_card_instant:{steps[0].id}", out.best.id
    assert steps[0].where.split("→")[0].strip() in texts[0] and f"共 {len(steps)} 步" in texts[0], texts[0]
    for q, step in (("下一步呢", steps[1]), ("然后呢？", steps[2]), ("接下来干嘛", steps[3])):
        out, texts = ask(q, context=out.context)
        assert not out.refused and out.best.id == f"guide:ss_card_instant:{step.id}", (q, out.best.id)
        assert step.title in texts[0], texts[0]


def test_where_the_clerk_starts_in_english_and_what_next():
    out, texts = ask("How do we start issuing union member service cards?", "en")
    steps = load_guides("en")["card_batch"].steps
    assert out.best.id == f"guide:card_batch:{steps[0].id}", out.best.id
    assert "卡片信息管理" in texts[0] and "Step 1 of" in texts[0], texts[0]
    out, texts = ask("And then?", "en", context=out.context)
    assert out.best.id == f"guide:card_batch:{steps[1].id}" and steps[1].title in texts[0], texts[0]


@pytest.mark.parametrize("lang,next_q,says", [("zh", "下一步呢", "流程到此结束"), ("en", "what next?", "the process ends there")])
def test_after_the_last_step_the_process_ends_with_what_to_wait_for(lang, next_q, says):
    guide = load_guides(lang)["retiree_deduction"]
    last = guide.steps[-1]
    before = Context("retiree", "退休住院计划代扣怎么办", time.time(), f"guide:retiree_deduction:{last.id}")
    out, texts = ask(next_q, lang, context=before)
    assert not out.refused and out.best.id == "guide:retiree_deduction:end", out.best.id
    assert says in texts[0] and last.check.rstrip("。.") in texts[0] and guide.title in texts[0], texts[0]
    # the step before the last says it is the last one
    before.answered = f"guide:retiree_deduction:{guide.steps[-2].id}"
    out, texts = ask(next_q, lang, context=before)
    assert out.best.id == f"guide:retiree_deduction:{last.id}"
    assert ("这是最后一步" if lang == "zh" else "this is the last step") in texts[0], texts[0]


def test_what_next_only_follows_a_guide_step_shown_moments_ago():
    step = Context("ss_card", "社保卡即时参保第一步做什么", time.time(), "guide:ss_card_instant:import")
    stale = Context(step.program, step.query, step.at - 3600, step.answered)
    out, _ = ask("下一步呢", context=stale)
    assert out.best is None or out.best.id != "guide:ss_card_instant:open"
    other = Context("mutual_aid", "互助保障的钱打到哪个账户", time.time(), "entry:ma_account")
    out, _ = ask("下一步呢", context=other)
    assert out.best is None or not out.best.id.startswith("guide:ss_card_instant")
    # a question of its own that begins with "下一步" is answered as asked, not with the next step
    out, _ = ask("下一步怎么提交系统校验，校验要多久", context=step)
    assert out.best is None or out.best.id != "guide:ss_card_instant:open"
    for q in ("接下来要等多久", "然后钱打到哪个账户"):  # short, but asking a duration, an account: not the next step
        out, _ = ask(q, context=step)
        assert out.best is None or out.best.id != "guide:ss_card_instant:open", q
    out, _ = ask("下一步在哪里点", context=step)  # where the next button is: the next step says
    assert out.best.id == "guide:ss_card_instant:open"


@pytest.mark.parametrize("q,first", [("从哪里开始办", True), ("经办人第一步做什么", True), ("Where does the clerk begin?", True),
                                     ("where should our union start", True), ("集中参保什么时候开始", False),
                                     ("When does the retiree plan enrollment start?", False), ("起保日从哪天开始算", False)])
def test_where_to_start_is_read_from_its_words(q, first):
    assert asks_first_step(q) is first


@pytest.mark.parametrize("q,lang,following", [("下一步呢", "zh", True), ("然后呢？", "zh", True), ("What next?", "en", True),
                                              ("and then?", "en", True), ("下一步怎么提交系统校验，校验要多久", "zh", False),
                                              ("and then how many days does the association take to review it?", "en", False),
                                              ("那退休的呢？", "zh", False)])
def test_what_next_is_short_and_asks_for_what_follows(q, lang, following):
    assert asks_next_step(q, lang) is following
