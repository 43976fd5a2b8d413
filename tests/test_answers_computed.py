"""Questions whose parameters the answer computes (issue 17, third pass): each with a worked example of
the manuals — the calculator's function first, then the question in people's words, zh and en."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from bench.bench_answers import has_facts
from domain.answers import get_engine
from domain.answers.understand import _clock, understand, zhibao_counts
from domain.answers.text import normalize
from domain.calc.benefits import benefit_difference, daily_allowance
from domain.calc.common import CalcError
from domain.calc.member_basic import collective_headcount
from domain.calc.roster_numbers import ratio_verdict, retiree_deletion
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", today=TODAY):
    out = get_engine().answer(q, lang, today=today)
    return out, plain_answers(out, lang)


def computed(q, lang="zh", kind=None, today=TODAY):
    out, texts = ask(q, lang, today)
    assert not out.refused and out.best is not None and out.best.kind == "computed", (out.reason, texts[:1])
    if kind:
        assert out.best.computed.kind == kind, out.best.computed.kind
    return out, texts[0]


# -- people inside and outside 职保 in one batch ([002] 保费信息: 社保人员 / 非社保人员) -----------------------------

@pytest.mark.parametrize("q, split", [
    ("有4个有职保的保A0B0C0，还有1个没有职保的只能保B0和C0，一共多少钱", (4, 1)),
    ("两个员工：一个有职保，参加A0、B0、C0；另一个35岁、没有职保", (1, 1)),
    ("有职保的4人、没职保的1人，A0B0C0多少钱", (4, 1)),
    ("三名社保人员和两名非社保人员参加B0C0", (3, 2)),
    ("5个人，其中1个没社保", (4, 1)),
    ("we have 4 staff with social security and 1 without", (4, 1)),
    ("Two employees: one with 职保, the other has no social security", (1, 1)),
    ("6个员工参加A0", None),
])
def test_headcounts_inside_and_outside_zhibao_are_read(q, split):
    assert zhibao_counts(q) == split


@pytest.mark.parametrize("q, lang, total", [
    # 4 × 180 (A0+B0+C0 bundle) + 1 × (55 + 15): people outside 职保 pay B0 and C0, never A0 nor the bundle
    ("有4个有职保的保A0B0C0，还有1个没有职保的只能保B0和C0，一共多少钱", "zh", "790"),
    ("互助保障全年集中参保，两个员工：一个有职保，参加A0、B0、C0；另一个35岁、没有职保，能参加的基本项目都参加。两人保费一共多少？",
     "zh", "250"),
    ("Collective enrollment of the mutual-aid project: 4 staff with social security and 1 without, items A0 B0 C0. "
     "How much in total?", "en", "790"),
])
def test_a_batch_with_people_outside_zhibao_is_priced_without_their_a0(q, lang, total):
    out, text = computed(q, lang, "mutual_aid_fee")
    assert has_facts(text, [[total]]), text
    assert "A0" in text and ("非社保" in text or "outside 职保" in text)


# -- the social-security ratio ([002] 单位社保比例校验, [004] 参保比例) ----------------------------------------------

def test_the_ratio_verdict_follows_the_manuals_bands():
    # [002]: 75 %–100 % passes; below or above uploads the sealed statement (续保) or the new unit's forms
    assert ratio_verdict("mutual_aid", 80).ok and not ratio_verdict("mutual_aid", 65).ok
    assert not ratio_verdict("mutual_aid", 120).ok and ratio_verdict("mutual_aid", 100).ok
    assert ratio_verdict("mutual_aid", 65).documents[0] == "doc.statement_sealed"
    assert "doc.new_unit_ss_forms" in ratio_verdict("mutual_aid", 80, new_unit=True).documents
    # 10 people or fewer: 100 % per code
    assert not ratio_verdict("mutual_aid", 80, planned=8).ok and ratio_verdict("mutual_aid", 100, planned=8).ok
    # [004]: at least 75 % per code, no upper bound; below uploads 相关材料
    assert ratio_verdict("retiree", 120).ok and ratio_verdict("retiree", 60).documents == ["doc.retiree_material"]


@pytest.mark.parametrize("q, lang, facts", [
    # [002]'s screenshot: 拟参保人数 65 / 社保编码的缴费人数之和 100 = 65 %: 上传附件 (情况说明)
    ("拟参保65人，关联社保编码下缴费的有100人，社保比例校验过得了吗", "zh", [["65%"], ["情况说明"], ["75%"]]),
    # [002]'s table: 40 planned of 50 in service = 80 %: passes
    ("拟参保40人，社保在职人数50人，单位社保比例校验能通过吗", "zh", [["80%"], ["清册提交"]]),
    ("We plan to enrol 60 staff but the linked social-security codes only show 50 contributors. Will the ratio check pass?",
     "en", [["120%"], ["statement", "情况说明"]]),
])
def test_a_ratio_from_the_counts_given_is_checked(q, lang, facts):
    _, text = computed(q, lang, "roster_numbers")
    assert has_facts(text, facts), text


def test_a_ratio_read_off_the_platform_gets_each_programmes_band():
    out, text = computed("社保编码下面参保比例只有60%，能提交吗", kind="ratio_band")
    # no programme named: [002]'s 75 %–100 % and [004]'s at least 75 % per code, each with what to upload
    assert has_facts(text, [["75%-100%", "75%–100%"], ["情况说明"], ["上传相关材料"]]), text
    assert "[002]" in text and "[004]" in text
    _, text = computed("退休住院计划参保比例85%，要传材料吗", kind="ratio_band")
    head = text.split("相关规定")[0]  # (the rules listed under the figure may name the upload)
    assert "85%" in head and "上传相关材料" not in head and "[002]" not in head
    _, text = computed("The mutual-aid ratio shows 130%, can we submit?", "en", "ratio_band")
    assert has_facts(text, [["130%"], ["statement", "情况说明"]]), text


@pytest.mark.parametrize("q", ["比例不到75%怎么办", "新参加互助保障的单位，社保比例都在75%到100%之间了，还用传附件吗？",
                               "比例没到75%要传什么", "75%比例怎么算", "How is the 75% ratio computed?"])
def test_the_rules_own_percentages_are_not_a_ratio_to_check(q):
    out, _ = ask(q, "en" if q.isascii() else "zh")
    assert out.best is None or out.best.kind != "computed" or out.best.computed.kind != "ratio_band"
    _, text = computed("参保比例是75%，能过吗", kind="ratio_band")  # a unit's own ratio at the limit passes
    assert "✅" in text


def test_a_deletion_keeps_the_retiree_plans_75_percent_ratio():
    # [004] 删减人员 (前提：不影响75%的参保比例): 32 of 40 = 80 %; deleting 4 leaves 70 %, 2 could go
    r = retiree_deletion(40, 32, 4)
    assert (r.before_pct, r.after_pct, r.ok, r.keep_max_remove) == (Decimal("80.0"), Decimal("70.0"), False, 2)
    assert retiree_deletion(20, 16, 1).ok  # 15 / 20 = 75 %: still holds
    with pytest.raises(CalcError):
        retiree_deletion(40, 3, 4)
    _, text = computed("我们一个社保编码下40个退休人员，参保了32个，代扣失败4个，我想把这4个删掉可以吗", kind="retiree_deletion")
    assert has_facts(text, [["不能"], ["75%"], ["70%"], ["不减人员"]]), text
    _, text = computed("退休住院计划社保人员20人，参保了16人，代扣失败1人能删吗", kind="retiree_deletion")
    assert has_facts(text, [["可以删除"], ["75%"]]), text


# -- days of the week and hours of the calendar ------------------------------------------------------------------

@pytest.mark.parametrize("q, lang, facts", [
    # [004]: collective enrollment 2025-05-12 0:00 to 2025-06-30 17:00 — a Monday
    ("退休住院计划集中参保最后一天是星期几？几点关？", "zh", [["周一"], ["17:00"], ["2025-06-30"]]),
    # [004]: the deduction application by 4 June 16:00 (2025: a Wednesday)
    ("What day of the week is the retiree plan deduction application due?", "en", [["wednesday"], ["16:00"]]),
    # [002]: collective enrollment to 30 June 2023 24:00 — a Friday
    ("互助保障集中参保截止那天礼拜几", "zh", [["周五"], ["2023-06-30"]]),
])
def test_a_deadlines_weekday_is_computed(q, lang, facts):
    _, text = computed(q, lang, "deadline_days")
    assert has_facts(text, facts), text


@pytest.mark.parametrize("text, clock", [
    ("今天6月30号了，晚上加班弄退休住院计划集中参保，八点钟还来得及吗", time(20, 0)),
    ("下午4点半提交来得及吗", time(16, 30)),
    ("17点关，我16:30提交行吗", time(16, 30)),
    ("截止到17点，三点可以吗", time(15, 0)),
    ("can we still submit at 8 pm on June 30?", time(20, 0)),
    ("6月4日16点前能交吗", None),
    ("早一点提交好吗", None),
    ("能点吗", None),
])
def test_a_time_of_day_is_read_and_a_deadlines_own_hour_is_not(text, clock):
    assert _clock(normalize(text)) == clock


@pytest.mark.parametrize("q, lang, facts, absent", [
    # [004]: the collective channel closes 30 June 17:00; from 1 July only instant enrollment
    ("今天6月30号了，晚上加班弄退休住院计划集中参保，八点钟还来得及吗", "zh", [["来不及"], ["17:00"], ["即时参保"]], "还来得及"),
    ("6月30号下午3点退休住院计划集中参保还能提交吗", "zh", [["还来得及"], ["17:00"]], "来不及了"),
    ("Can we still do the retiree plan collective enrollment on June 30 at 6 pm?", "en",
     [["too late"], ["17:00"], ["instant enrollment"]], "still in time"),
])
def test_a_time_on_the_last_day_is_compared_with_the_deadlines_hour(q, lang, facts, absent):
    _, text = computed(q, lang, "window_state")
    assert has_facts(text, facts) and absent not in text, text


@pytest.mark.parametrize("q, lang, facts", [
    # [002]: the centre reviews the attachments within 2 working days: Thursday → Monday
    ("The attachments for our ratio check were submitted on a Thursday. By which weekday should the centre review be done?",
     "en", [["monday"]]),
    ("附件周四提交的，职保会最晚哪天审核完", "zh", [["周一"]]),
])
def test_working_days_from_a_weekday(q, lang, facts):
    _, text = computed(q, lang, "due", today=date(2026, 12, 3))  # a Thursday
    assert has_facts(text, facts), text


# -- the [002] benefit table's arithmetic --------------------------------------------------------------------------

def test_benefit_table_arithmetic():
    (a3,) = daily_allowance(["A3"], 20, 2023)
    assert (a3.amount, a3.capped) == (Decimal(6000), False)  # 20 × 300, under the 5.4 万 maximum
    (a1,) = daily_allowance(["A1"], 200, 2023)
    assert (a1.amount, a1.capped) == (Decimal(18000), True)  # 200 × 100 = 20,000, capped at 1.8 万
    with pytest.raises(CalcError):
        daily_allowance(["A0"], 20, 2023)  # A0 pays no allowance per day
    assert benefit_difference("accident_death", "C1", "C3", 2023).difference == Decimal(250000)  # 30 万 − 5 万
    with pytest.raises(CalcError):
        benefit_difference("accident_death", "A1", "C3", 2023)


@pytest.mark.parametrize("q, lang, kind, facts", [
    ("A3 住院了20天，按天数补贴能拿多少？", "zh", "daily_allowance", [["6,000", "6000"], ["300"]]),
    ("How much does A2 pay for 12 days in hospital?", "en", "daily_allowance", [["2,400", "2400"]]),
    ("A1住院两百天能补多少", "zh", "daily_allowance", [["18,000", "18000"], ["最高"]]),
    ("What is the difference in accidental death benefit between C1 and C3?", "en", "benefit_difference",
     [["250,000", "250000"], ["25万"]]),
    ("C0和C2意外伤残差多少", "zh", "benefit_difference", [["8 万", "8万"], ["80,000"]]),
])
def test_benefit_questions_with_figures_are_computed_from_the_table(q, lang, kind, facts):
    _, text = computed(q, lang, kind)
    assert has_facts(text, facts) and "[002]" in text, text


def test_a_rate_per_day_is_not_a_stay():
    out, _ = ask("A0住院一天补多少钱")
    assert out.best is None or out.best.kind != "computed"


# -- the member-exclusive collective screen ([001]) and the retiree plan's preset account ([004]) --------------

def test_the_collective_screens_headcount():
    # [001]: 会员总人数 128, 未办卡 32, 退休 0, 死亡 0, 待确认 1 → 参保人数 95
    assert collective_headcount(128, 32, 0, 0, 1).enrolled == 95
    with pytest.raises(CalcError):
        collective_headcount(10, 8, 2, 1, 0)
    _, text = computed("Our collective enrollment screen shows 会员总人数 128, 未办卡人数 32, 退休 0, 死亡 0, 待确认 1. "
                       "How many members will actually be on the enrollment list?", "en", "screen_headcount")
    assert has_facts(text, [["95"], ["[001]"]]), text
    _, text = computed("会员总人数：200人，未办卡人数：20人，退休人数：3人，死亡人数：1人，待确认人数：2人，集中参保名单里有多少人",
                       kind="screen_headcount")
    assert "174" in text


@pytest.mark.parametrize("q, lang", [("参保编码是123456789的话，预派账号应该输什么", "zh"),
                                     ("Our enrollment code is 123456789, what is the pre-assigned account?", "en")])
def test_the_preset_account_needs_no_programme_named(q, lang):
    _, text = computed(q, lang, "preset_account")
    assert "tuixiu123456789" in text and "[004]" in text


def test_a_preset_account_is_not_made_up_for_another_programme():
    out, _ = ask("互助保障参保编码123456，预派账号是什么")
    assert out.best is None or out.best.kind != "computed" or out.best.computed.kind != "preset_account"


def test_understanding_keeps_the_clock_apart_from_the_day():
    u = understand("6月30号下午3点还能提交吗", "zh", TODAY)
    assert u.day == date(2026, 6, 30) and u.clock == time(15, 0)


def test_a_follow_up_recomputes_the_split_it_gives_or_keeps_the_previous_one():
    engine = get_engine()
    first = engine.answer("有4个有职保的保A0B0C0，还有1个没有职保的，集中参保一共多少钱", "zh", today=TODAY)
    assert "790" in plain_answers(first, "zh")[0]
    again = engine.answer("那6个有职保的、2个没有的呢", "zh", context=first.context, today=TODAY)
    text = plain_answers(again, "zh")[0]
    assert again.best.kind == "computed" and ("1,220" in text or "1220" in text), text  # 6 × 180 + 2 × 70
    later = engine.answer("那10个人呢", "zh", context=first.context, today=TODAY)
    assert "1,800" in plain_answers(later, "zh")[0]  # a new headcount alone: 10 × 180, no split carried over


@pytest.mark.parametrize("q, lang, facts", [
    # [002]: collective enrollment to 30 June; [004]: to 30 June 17:00 — the days left from the day named
    ("How many days are left for the mutual-aid collective enrollment if today is June 25?", "en", [["5 days"]]),
    ("今天6月20号，退休住院计划集中参保还剩几天", "zh", [["还有 10 天"], ["17:00"]]),
])
def test_the_days_left_in_a_window(q, lang, facts):
    _, text = computed(q, lang, "window_state")
    assert has_facts(text, facts), text


def test_the_manuals_collective_example_with_one_person_outside_zhibao():
    # [002] 保费信息 screenshot: 7 社保人员 + 1 非社保人员, A0 B0 C0 A3 B3 C3; the receipts (450 + 9000) give
    # 9,450 = 8,365 (7 × (180 + 330 + 460 + 225)) + 1,085 (55 + 15 + 330 + 460 + 225)
    _, text = computed("集中参保选A0、B0、C0、A3、B3、C3，7个社保人员、1个非社保人员，保费一共多少", kind="mutual_aid_fee")
    assert has_facts(text, [["9,450", "9450"], ["8,365", "8365"], ["1,085", "1085"]]), text


# -- a retirement day against the rule that depends on it ---------------------------------------------------------

def test_new_retirees_of_the_retiree_plan():
    from domain.calc.retiree import new_retiree

    # [004]: (新退休) 上年度7月1至本年度6月30号办理退休 — for the 2025 plan 2024-07-01 to 2025-06-30
    assert new_retiree(date(2024, 9, 1), 2025).new and not new_retiree(date(2024, 6, 30), 2025).new
    moved = new_retiree(date(2025, 9, 1), 2026)
    assert moved.new and moved.shifted and moved.start == date(2025, 7, 1)
    _, text = computed("有个没社保记录的老职工是2024年9月退休的，2025年集中参保时他算新退休吗？要传材料吗", kind="new_retiree")
    assert has_facts(text, [["算 2025 年度的“新退休”"], ["无需上传材料"]]), text
    _, text = computed("退休住院计划，2024年5月退休的没社保人员要传材料吗，2025年集中参保", kind="new_retiree")
    assert "不算 2025 年度" in text and "上传相关材料" in text


def test_a_retired_member_and_the_member_exclusive_collective_enrollment():
    from domain.calc.member_basic import retired_member

    # [001]: retired before 2023-01-01 → outside 2023; the system greys out those retired by end of August
    assert retired_member(date(2022, 10, 1), 2023).state == "remove_by_hand"
    assert retired_member(date(2022, 7, 15), 2023).state == "system_excludes"
    assert retired_member(date(2023, 2, 1), 2023).state == "not_excluded"
    _, text = computed("做2023年度集中参保，我们有个老师傅2022年10月退休的，系统里没有标灰，要管他吗？", kind="retired_member")
    assert has_facts(text, [["手动排除"], ["不予给付"], ["2022-10"]]), text
    _, text = computed("有个老师傅去年10月份退休的，系统没把他去掉，能不能跟着一起保", kind="retired_member",
                       today=date(2026, 12, 2))
    assert "2025-10" in text and "手动排除" in text and "2023" in text  # the manual's year, moved, and said so
    _, text = computed("A member retired in October 2022; the system did not grey him out. Do we include him in the "
                       "2023 collective enrollment?", "en", "retired_member")
    assert has_facts(text, [["by hand"], ["不予给付"]]), text


@pytest.mark.parametrize("q, lang, facts", [
    # [001] 重要提示: "2023年1月1日前（不含当日）的退休人员均不属于…保障范围"; "已自动剔除了8月底前的退休人员"
    ("会员是2022年7月退休的，还在2023年集中参保名单里吗", "zh", [["自动剔除"], ["8 月底"]]),
    ("2023年1月1日当天退休的，算不算在2023年集中参保范围外", "zh", [["不含当日"], ["1 月 1 日"], ["可以参保"]]),
    ("职工2023年2月才退休，2023年集中参保他能保吗", "zh", [["不在排除之列"], ["可以参保"]]),
    ("会员2022年9月就退了休，2023年集中参保名单里还有他吗", "zh", [["手动排除"], ["自动剔除"]]),
    ("A member retired in July 2022. Is he still on the 2023 collective enrollment list?", "en",
     [["removed automatically"], ["end of August"]]),
    ("A colleague retired on January 1, 2023. Is she outside the 2023 collective enrollment?", "en",
     [["not that day"], ["can be enrolled"]]),
])
def test_a_retirement_day_against_the_collective_rule_in_more_words(q, lang, facts):
    _, text = computed(q, lang, "retired_member")
    assert has_facts(text.split("\n\n")[0], facts), text


def test_a_retirement_written_with_the_verb_split_is_read():
    _, text = computed("有个职工2024年9月退的休，在退休住院计划里算新退休吗", kind="new_retiree")
    assert "算 2025 年度的“新退休”" in text, text


@pytest.mark.parametrize("q, lang, age, verdict", [
    # [002]: outside 职保, women under 55 and men under 60; the age on 1 July of the protection year named
    ("没有职保的女员工1969年5月出生，2023年集中参保还能参加特种重病吗", "zh", 54, "可以参加"),
    ("没有职保的女员工1968年5月出生，2023年集中参保还能参加特种重病吗", "zh", 55, "不能参加"),
    ("A man born in March 1964 without social security: can he join the accident cover in the 2023 collective enrollment?",
     "en", 59, "may join"),
])
def test_an_age_from_a_birth_date(q, lang, age, verdict):
    out, text = computed(q, lang, "eligibility")
    assert out.best.computed.result.age == age and verdict in text, text


@pytest.mark.parametrize("q, lang, facts, absent", [
    # [002] 选择规则: A1–A3 at most one; enhanced only on top of a basic item
    ("Can one employee have both A1 and A2? And can we buy A2 alone without any basic item?", "en",
     [["at most one"], ["basic item"], ["not allowed"]], "is allowed."),
    ("A1和A2能同时买吗？只买C3可以吗", "zh", [["至多选 1 种"], ["最多只能选其中 1 项"], ["基本保障"], ["C3：不可以"]],
     "：可以这样选"),
    ("A0和A3能一起参加吗", "zh", [["A0 + A3：可以这样选"]], "不可以"),
])
def test_a_combination_of_items_is_checked_against_the_selection_rules(q, lang, facts, absent):
    _, text = computed(q, lang, "item_selection")
    assert has_facts(text, facts) and absent not in text.split("Selection rules")[0].split("选择规则")[0], text


def test_who_may_join_is_not_a_combination_of_items():
    out, _ = ask("已经退休的老员工能不能跟着一起参加A0、B0、C0那个保障？")
    assert out.best is None or out.best.kind != "computed" or out.best.computed.kind != "item_selection"


@pytest.mark.parametrize("q, lang, kind, facts", [
    # English puts the count before the word: 60 enrolling / 50 contributors = 120 %
    ("We have 60 people enrolling and 50 contributors, does the ratio pass?", "en", "roster_numbers", [["120%"]]),
    # the same count twice, written twice: 8 of 8 = 100 %, what a unit of 10 or fewer needs
    ("We have 8 people enrolling and 8 contributors, does the ratio pass? We are a small unit.", "en", "roster_numbers",
     [["100%"]]),
    # a date asked for its weekday is the calendar entry's day of the manual's year (2023-06-30, a Friday)
    ("互助保障集中参保6月30日是周几", "zh", "deadline_days", [["2023-06-30（周五）"]]),
    # [002]: the voucher is reviewed within 10 working days of its upload
    ("缴费凭证周一上传的，10个工作日内审核，最晚哪天", "zh", "due", [["周一"], ["10 个工作日"]]),
    # below 1 万 the table's amounts stay in yuan
    ("A1和A3的起付线补助差多少", "zh", "benefit_difference", [["相差 500 元"]]),
])
def test_more_wordings_of_the_computed_kinds(q, lang, kind, facts):
    _, text = computed(q, lang, kind)
    assert has_facts(text, facts), text


@pytest.mark.parametrize("q, lang, facts", [
    # [002]: instant cover from the day after the roster; A0 waits 30 days, B 60 days
    ("互助保障即时参保，9月1日提交的清册，A0免责期到哪天，10月15日住院能赔吗", "zh", [["2023-10-02"], ["已过免责期"]]),
    ("We submitted the instant enrollment roster on 14 September 2023 with B0. Is an illness diagnosed on 1 November "
     "covered?", "en", [["November 14, 2023"], ["inside the waiting period"]]),
    # [004]: instant cover from the day after completion, 30-day waiting period; its benefits are not stated
    ("退休住院计划8月10日办妥即时参保，9月5日住院能报吗", "zh", [["在免责期"], ["2025-09-10"], ["12351"]]),
])
def test_the_day_something_happened_against_the_waiting_period(q, lang, facts):
    _, text = computed(q, lang, "coverage")
    assert has_facts(text, facts), text


@pytest.mark.parametrize("q, lang, kind, facts", [
    # thousands separators are one number: 1,100 / 1,040 = 105.8 %
    ("We have 1,040 contributors and plan to enroll 1,100 workers. Does the unit social-security ratio check pass?", "en",
     "roster_numbers", [["105.8%"]]),
    # a small unit ([002]: 10 people or fewer need 100 %): 6 of 7 paying social security
    ("我们单位一共7个人交社保，这次只报了6个人，比例能过吗", "zh", "roster_numbers", [["85.7%"], ["100%"]]),
    # [004] per code, English counts before their words: 150 enrolled of 180 in social security = 83.3 %
    ("The retiree plan code shows 180 insured in social security and we enroll 150. Do we need to upload material?", "en",
     "roster_numbers", [["83.3%"], ["75%"]]),
    # [004] import: at least 50 % valid mobile numbers, also when the count given is of the missing ones
    ("退休住院计划导入80个退休职工，只有30个手机号是有效的，能导入吗", "zh", "phone_ratio", [["37.5%"], ["50%"]]),
    ("The retiree roster has 120 retirees and 50 of the mobile numbers are blank. Can it be imported?", "en", "phone_ratio",
     [["70/120"], ["50%"]]),
    # [004] deduction: 200 元/人 written with a slash
    ("退休住院计划申请代扣10人，成功7人，代扣金额150元/人，一共扣了多少", "zh", "retiree_deduction", [["1,050", "1050"]]),
    # [002] instant: a roster submitted on a day starts the cover the next day, and that day sets the rate
    ("On 20 November 2023 we submit an instant mutual-aid roster for 6 drivers with only C0. What is the total premium?",
     "en", "mutual_aid_fee", [["90"], ["November 21, 2023"]]),
    # [002]: an enhanced item alone still has its waiting period (B 60 days); the selection rule is said beside it
    ("即时参保10月8号提交了清册，只选了B2，哪天起保，免责期多久", "zh", "coverage", [["60 天"], ["基本保障"]]),
    # of two days, the one the submission is written next to ([001]: instant cover from the next day)
    ("没赶上12月25号前划款，会员专享保障12月27号重新走了即时参保，保障期从哪天到哪天", "zh", "coverage", [["12-28"], ["12-31"]]),
    # [002]'s payment page: 15 days from 【提交确认保费】
    ("我们7月3日点了【提交确认保费】，互助保障的钱最晚哪天要转过去", "zh", "due", [["07-18"], ["提交确认保费"]]),
    # [000]: the status fetched is shown after 1 working day (a Friday → Monday)
    ("周五点了【获取社保卡和就业状态】，最早哪天能看到结果", "zh", "due", [["周一"]]),
    # an enhanced item alone is not a premium, but its rate of the start's tier times each headcount asked is shown
    ("2024年4月即时参保，B3一个人多少钱，10个人呢", "zh", "mutual_aid_fee", [["230"], ["2,300", "2300"]]),
])
def test_parameters_in_more_ways_of_writing(q, lang, kind, facts):
    _, text = computed(q, lang, kind, today=date(2026, 12, 4))
    assert has_facts(text, facts), text


def test_a_district_unions_step_is_not_a_units_payment_rule():
    out, _ = ask("Today is 15 January. Our district union submitted the collective list but has not paid yet. "
                 "What is the payment deadline?", "en")
    assert out.best is None or out.best.kind != "computed" or out.best.computed.kind != "due"


def test_a_day_with_no_submission_is_not_an_instant_enrollment():
    out, _ = ask("互助保障7月1号开始保吗")
    assert out.best is None or out.best.kind != "computed"


@pytest.mark.parametrize("q, lang, facts", [
    # [002]: all special receipts together equal the batch total; [004]: e-receipts never above the amount paid
    ("The premium due for our mutual-aid batch is 8,400 yuan. Can we have 3 special receipts of 4,000, 3,000 and 1,000?",
     "en", [["8,000", "8000"], ["8,400", "8400"], ["must equal"]]),
    ("互助保障应缴保费4780元，想开两张收据，一张3000一张1780，抬头不一样可以吗", "zh", [["等于"], ["可以"]]),
    ("退休住院计划实缴5400元，想开两张电子票据，一张3000一张2800，可以吗", "zh", [["5,800", "5800"], ["不能"]]),
])
def test_receipts_listed_are_added_up_against_the_rule(q, lang, facts):
    _, text = computed(q, lang, "receipts_list")
    assert has_facts(text, facts), text


def test_failed_deductions_who_pays():
    # [004]: the unit pays for those whose deduction failed (or deletes them while 75 % holds)
    _, text = computed("We applied for deduction for 20 retirees; 17 succeeded. Who pays for the 3 who failed?", "en",
                       "deduction_failed")
    assert "unit" in text and "75%" in text


@pytest.mark.parametrize("q, lang, facts", [
    # [001]: the work address of a member who gets a service card: at least 6 characters
    ("员工要办会员卡，导入表里工作单位地址就写了“徐汇区”，行不行", "zh", [["3 个字"], ["不少于 6 个字"], ["不够"]]),
    ('工作单位地址写"上海市浦东新区张江路100号"可以吗', "zh", [["达到"]]),
    ('For the member service card, is the work address "徐汇区漕溪北路" long enough?', "en", [["7 characters"]]),
])
def test_a_quoted_address_is_counted_against_the_minimum(q, lang, facts):
    _, text = computed(q, lang, "address_length")
    assert has_facts(text, facts), text


@pytest.mark.parametrize("q, lang, facts", [
    # [001]: the grassroots submission can be repeated before 2022-12-25; the last record counts
    ("基层单位12月18号交了一次集中参保，12月23号又重新交了一次，以哪次为准", "zh", [["最后"], ["12-23"]]),
    ("A grassroots union submitted the collective enrollment on 10 December and again on 22 December. Which one counts?",
     "en", [["last"], ["December 22"]]),
])
def test_the_last_of_repeated_submissions_counts(q, lang, facts):
    _, text = computed(q, lang, "repeated_submission")
    assert has_facts(text, facts), text


def test_a_follow_up_for_one_items_premium_per_person():
    # [002]: from 1 January the half-year table: B2 117.5 per person (on top of a basic item)
    engine = get_engine()
    first = engine.answer("互助保障即时参保，2024年2月起保的按什么标准收费？", "zh", today=TODAY)
    again = engine.answer("那B3呢，一个人多少", "zh", context=first.context, today=TODAY)
    assert not again.refused and "230" in plain_answers(again, "zh")[0]


@pytest.mark.parametrize("q, kind, facts", [
    # days in Chinese numerals are days ("六月三十号"), and a day of the month is not a stay in hospital
    ("六月三十号晚上八点，退休住院计划集中参保还来得及吗", "window_state", [["来不及"], ["17:00"]]),
    ("互助保障即时参保九月一日提交的清册，十月十五日住院能赔吗", "coverage", [["2023-10-15"], ["已过免责期"]]),
    ("A2住院十五天能拿多少", "daily_allowance", [["3,000", "3000"]]),
])
def test_dates_and_days_in_chinese_numerals(q, kind, facts):
    _, text = computed(q, "zh", kind)
    assert has_facts(text, facts), text


@pytest.mark.parametrize("q, facts", [
    ("Under one social-security code we have 40 retirees, 32 enrolled, 4 deductions failed. Can we delete those 4?",
     [["70%"], ["cannot"], ["75%"]]),
    ("Our retiree plan code has 50 people with social security and 40 enrolled; 3 deductions failed. May we remove the 3?",
     [["74%"], ["cannot"]]),
])
def test_a_retiree_deletion_in_english(q, facts):
    _, text = computed(q, "en", "retiree_deletion")
    assert has_facts(text, facts), text


# -- numbers the question gives, read where a person writes them (held split misses of issue 17) ------------------

def test_a_screen_count_written_after_its_label_with_de_is_that_labels():
    # "会员总数200 未办卡的30个": the 200 is the total's, not the count without a card written before its label
    _, text = computed("会员总数200 未办卡的30个 待确认的4个 集中参保名单里有几个人", kind="screen_headcount")
    assert "166" in text, text


@pytest.mark.parametrize("q, lang, facts", [
    # [004] import template: 有效手机号需达到50%以上 — of 30 people, at least 15
    ("退休住院计划导入30个退休职工，有效手机号最少要多少个", "zh", [["15 个"], ["50%"]]),
    ("Our retiree plan roster has 35 people. How many valid mobile numbers do we need at least?", "en",
     [["at least 18"], ["50%"]]),
])
def test_the_fewest_valid_mobile_numbers_of_a_roster(q, lang, facts):
    _, text = computed(q, lang, "phone_needed")
    assert has_facts(text, facts), text


def test_one_amount_for_several_receipts_counts_once_per_receipt():
    # [004]: the e-receipts together may not exceed what was paid (3 × 2,000 = 6,000 > 5,000)
    _, text = computed("退休住院计划支付了5000元，电子票据想开三张各2000，可以吗", kind="receipts_list")
    assert has_facts(text, [["6,000", "6000"], ["超过"]]), text


@pytest.mark.parametrize("q, lang, kind, facts", [
    # an English fee question asked as "what is the premium" is a question of how much
    ("Instant mutual-aid enrollment from April 2024 for 4 people, C0 only: what is the premium?", "en", "mutual_aid_fee",
     [["30"]]),
    # "start and end dates" of a cover asks the coverage
    ("The SS-card instant enrollment went in on 2024-09-09. What are the start and end dates of the cover?", "en",
     "coverage", [["September 10, 2024"], ["December 31, 2024"]]),
    # [004] deletion with the social-security headcount named so
    ("Social-security headcount 60, enrolled 50, deduction failed for 4: can we delete the 4?", "en", "retiree_deletion",
     [["46/60"], ["75%"]]),
    # [004] ratio: the roster's count written before "on our roster", asked yes or no
    ("Retiree plan: the code has 50 people on record and we have 30 on our roster. Is that OK?", "en", "roster_numbers",
     [["60%"], ["75%"]]),
    # [004]: how the rest of a batch pays once some deductions failed
    ("退休住院计划申请代扣15人，成功11人，剩下的人怎么缴费", "zh", "deduction_failed", [["4 人"], ["单位"]]),
])
def test_parameters_the_question_gives_are_computed(q, lang, kind, facts):
    _, text = computed(q, lang, kind)
    assert has_facts(text, facts), text


def test_a_follow_up_changing_the_items_keeps_the_headcount_or_adds_to_the_items():
    engine = get_engine()
    first = engine.answer("互助保障集中参保15个人都保A0B0C0，一共多少钱", "zh", today=TODAY)
    # the digits of item codes are no headcount ("只要B1和C0呢": still the 15 people)
    other = engine.answer("那要是只要B1和C0呢", "zh", context=first.context, today=TODAY)
    assert other.best.computed.kind == "mutual_aid_fee" and other.understanding.people == 15
    assert "1,725" in plain_answers(other, "zh")[0]  # (100 + 15) × 15
    # "再加…": the items asked before, and this one too
    more = engine.answer("每人再加一个C1呢", "zh", context=first.context, today=TODAY)
    assert more.understanding.items == ["A0", "B0", "C0", "C1"]
    assert "3,300" in plain_answers(more, "zh")[0]  # (180 + 40) × 15


def test_a_retiree_without_social_security_information_is_the_retiree_plans_case_unnamed():
    # only [004] classifies retirees whose social-security information is not found (新退休, 干保, 出国, 其他)
    out, text = computed("今年3月退休的两个人没有社保信息，属于哪类，要不要上传材料", kind="new_retiree")
    assert out.best.computed.program == "retiree" and "新退休" in text, text


@pytest.mark.parametrize("q, lang, total", [
    # [000] FAQ: each channel shows only its own people of a batch; the batch's 合计参保人数 counts both
    ("同一批次号，社保卡参保通道显示6人，会员卡参保通道显示2人，合计多少人", "zh", "8 人"),
    ("One batch number shows 4 in the member-card channel and 6 in the social-security-card channel. How many people in total?",
     "en", "10 people"),
])
def test_a_batchs_two_channels_are_added_up(q, lang, total):
    _, text = computed(q, lang, "channel_total")
    assert total in text and "[000]" in text, text


def test_english_computed_answers_write_days_in_english_style():
    # English texts write "June 4, 2025" (the facts' style); Chinese computed answers keep 2025-06-04
    import re

    from datetime import date as _date

    from ui.i18n import fmt_day, fmt_month, translator_for

    assert fmt_day(translator_for("en"), _date(2025, 6, 4)) == "June 4, 2025"
    assert fmt_month(translator_for("en"), _date(2022, 10, 1)) == "October 2022"
    assert fmt_day(translator_for("zh"), _date(2025, 6, 4)) == "2025-06-04"
    _, text = computed("We submitted the retiree deduction application on Tuesday 3 June 2025. "
                       "When can I download the 代扣受理单?", "en", "due")
    assert "June 4, 2025" in text and not re.search(r"20\d\d-\d\d-\d\d", text.split("\n\n")[0]), text
    _, text = computed("退休住院计划2025年6月3日提交了代扣申请，代扣受理单哪天能下载", "zh", "due")
    assert "2025-06-04" in text, text


@pytest.mark.parametrize("q, lang, facts, absent", [
    # [002]: an enhanced item alone cannot be taken; its own price for the tier named, per headcount asked
    ("只参C3意外伤害，4个人全年多少钱", "zh", [["900"]], "450"),
    ("C3单独参保半年3个人多少钱", "zh", [["337.5"]], "675"),
    ("Half-year fee, 3 people on B3 only. Total?", "en", [["690"]], "1,380"),
    ("3 people on C3 full year — how much?", "en", [["675"]], "337.5"),
])
def test_an_enhanced_item_alone_gets_the_total_of_the_tier_named(q, lang, facts, absent):
    _, text = computed(q, lang, "mutual_aid_fee")
    first = text.split("\n\n")[0]
    assert has_facts(first, facts) and absent not in first, text


@pytest.mark.parametrize("q, lang, facts, absent", [
    # [002]: valid items with a tier named and no start date: the tier's rate (half-year A0 60), not today's tier
    ("A0 半年 4个人多少钱", "zh", [["240"], ["半年费率"]], "480"),
    ("A0B0C0 半年 2个人多少钱", "zh", [["190"], ["半年费率"]], "360"),
    ("A0 half-year, 4 people, how much?", "en", [["240"], ["half-year"]], "480"),
    # a message of parameters only asks their premium
    ("A0 half-year, 4 people", "en", [["240"], ["half-year"]], "480"),
    ("A0 半年 4个人", "zh", [["240"], ["半年费率"]], "480"),
])
def test_valid_items_with_a_tier_named_are_priced_at_that_tier(q, lang, facts, absent):
    _, text = computed(q, lang, "mutual_aid_fee", today=date(2026, 9, 1))  # a day of the full-year range
    first = text.split("\n\n")[0]
    assert has_facts(text, facts) and absent not in first, text


def test_a_tier_named_with_a_start_date_keeps_the_start_dates_tier():
    _, text = computed("起保日2023年9月1日，A0 4个人多少钱", "zh", "mutual_aid_fee")
    assert "480" in text and "全年费率" in text, text


def test_a_question_naming_both_tiers_names_none():
    from domain.answers.compute import _tier_named

    assert _tier_named(understand("C3全年还是半年，多少钱", "zh", date(2026, 12, 4))) is None
    assert _tier_named(understand("C3 for half a year, 2 people?", "en", date(2026, 12, 4))) == "half"
    assert _tier_named(understand("C3 per year for 2 people?", "en", date(2026, 12, 4))) == "full"
    # 上半年 / 下半年 are halves of the calendar year (下半年 starts are the full-year tier's): no tier named
    assert _tier_named(understand("下半年参加A0，4个人多少钱", "zh", date(2026, 12, 4))) is None
    assert _tier_named(understand("上半年参加C3，半年费用多少", "zh", date(2026, 12, 4))) == "half"


@pytest.mark.parametrize("q, lang, facts", [
    # [002]: instant cover from the day after the roster; the start date's tier decides full-year or half-year rates
    ("We will submit the formal mutual-aid roster on 31 December 2023. Full-year or half-year premium?", "en",
     [["January 1, 2024"], ["half-year"]]),
    ("Roster submitted 29 Dec 2023 for instant mutual aid — full year or half year fee?", "en",
     [["December 30, 2023"], ["full-year"]]),
    ("互助保障即时参保2023年12月31日提交清册，按全年还是半年交费", "zh", [["2024-01-01"], ["半年"]]),
])
def test_which_tier_a_submission_day_pays_is_computed(q, lang, facts):
    _, text = computed(q, lang, "coverage")
    assert has_facts(text.split("\n\n")[0], facts), text


@pytest.mark.parametrize("q, facts", [
    # [001] 费用分摊: A 26 = 13 + 13 + 0 per person; the rate the question quotes is not its headcount
    ("A类26元一人，市总区局各出13，我们有30个人，总共多少钱，基层要出多少", [["780"], ["0 元", "0元"]]),
    ("按A类26块/人，单位12个人，合计多少", [["312"]]),
])
def test_a_member_exclusive_rate_quoted_per_person_is_not_the_headcount(q, facts):
    out, text = computed(q, kind="member_basic_fee")
    assert out.best.computed.result.people != 1 and has_facts(text, facts), text


@pytest.mark.parametrize("q, lang, today, facts, absent", [
    # [002][004]: the account reset e-mail is handled within 1-3 working days of receiving it
    ("上周四发了密码重置的邮件，最晚哪天能处理好", "zh", date(2026, 12, 2), [["2026-11-27"], ["2026-12-01"], ["1-3个工作日"]],
     "2026-11-30（周一）、最晚"),
    ("We e-mailed the account recovery form on Friday 4 December 2026. By which day should it be done?", "en",
     date(2026, 12, 7), [["December 7, 2026"], ["December 9, 2026"], ["1-3 working days"]], "December 8, 2026 (Tuesday) at the latest"),
])
def test_the_account_reset_is_counted_in_working_days_from_the_day_sent(q, lang, today, facts, absent):
    _, text = computed(q, lang, "processing_time", today=today)
    assert has_facts(text, facts) and absent not in text, text


def test_the_account_reset_without_a_day_is_the_manuals_text():
    out, texts = ask("密码重置邮件发了以后多久能处理")
    assert out.best.kind != "computed" and "1-3个工作日" in texts[0], texts[0]


@pytest.mark.parametrize("q, lang, facts", [
    # [002] rate_tiers 2023: a start from 2024-01-01 pays the half-year rates; the cover starts the day after submission
    ("We plan to submit the mutual-aid instant roster on 30 December 2023. Will it be the half-year or full-year rate?",
     "en", [["December 31, 2023"], ["full-year"]]),
    ("互助保障即时参保2024年2月10日提交正式名单，算全年还是半年", "zh", [["2024-02-11"], ["半年"]]),
])
def test_the_premium_tier_of_an_instant_enrollment_from_its_submission_day(q, lang, facts):
    _, text = computed(q, lang, "coverage")
    assert has_facts(text, facts), text


def test_an_ss_card_instant_enrollment_submitted_today_starts_tomorrow():
    # [000]: instant cover starts the day after submission and runs to 31 December
    _, text = computed("社保卡即时参保今天刚提交，几号开始有保障", "zh", "coverage", today=date(2026, 12, 7))
    assert has_facts(text, [["2026-12-08"], ["2026-12-31"]]), text


@pytest.mark.parametrize("q, lang, kind, facts", [
    # [002] refund: what was paid over the premium, asked in other words than "refund"
    ("The premium came to 3,600 and we transferred 4,000. How much do we get back?", "en", "refund", [["400"]]),
    ("保费是2400，我们汇了3000，能退回多少", "zh", "refund", [["600"]]),
    # [002] special receipts add up to the premium: one receipt given, the other is the rest
    ("The premium is 6,500. Can we have one receipt for 4,000 and what should the other say?", "en", "receipts",
     [["2,500", "2500"]]),
    # [004] e-receipts may not exceed what was actually paid ("实付")
    ("退休住院计划实付8000元，电子票据想开5000和3500两张，行吗", "zh", "receipts_list", [["8,000", "8000"], ["不能", "超过"]]),
    # [004] "N of M" in English: the ratio per code, and a deletion against 75 %
    ("One code shows 120 insured of 150 social-security retirees. Do we need to upload material?", "en", "roster_numbers",
     [["80%"]]),
    ("90 out of 120 retirees enrolled and 6 deduction failures. Can we delete the failures and keep 75%?", "en",
     "retiree_deletion", [["70%"], ["cannot"]]),
])
def test_sums_and_ratios_in_other_words(q, lang, kind, facts):
    _, text = computed(q, lang, kind)
    assert has_facts(text, facts), text


def test_an_english_day_with_a_short_month_name_is_read():
    u = understand("The roster went in on 14 Sept 2023 and another on 3 Jan. 2024", "en", TODAY)
    assert u.day == date(2023, 9, 14)
    # [002] 2023 rate tiers: a cover starting 2023-12-30 pays the full-year rates
    _, text = computed("Instant mutual aid roster submitted 29 Dec 2023: full-year or half-year rate?", "en", "coverage")
    assert has_facts(text, [["December 30, 2023"], ["full-year"]]), text


def test_an_ss_card_instant_enrollment_asked_as_when_protection_starts():
    _, text = computed("We submit the social-security-card instant enrollment today. When does protection start?", "en",
                       "coverage", today=date(2026, 12, 7))
    assert has_facts(text, [["December 8, 2026"], ["December 31, 2026"]]), text


def test_receipts_that_keep_the_rule_say_yes():
    _, text = computed("Retiree plan: we paid 8,000. Can we issue e-receipts of 5,000 and 3,000?", "en", "receipts_list")
    assert text.lower().startswith("the e-receipts") and "yes" in text.lower(), text


@pytest.mark.parametrize("q, lang, fact", [
    # [004] 代扣申请提交1个工作日后 下载代扣受理单; [002] 清册提交后15天内 缴费: the computed day says the rule's count
    ("We submitted the retiree deduction application on Tuesday 3 June 2025. When can I download the 代扣受理单?", "en",
     "1 working day after"),
    ("退休住院计划2025年6月3日提交了代扣申请，代扣受理单哪天能下载", "zh", "1 个工作日后"),
    ("互助保障2023年9月4日提交了清册，最晚哪天交钱", "zh", "15 天内"),
])
def test_a_computed_deadline_states_the_rules_count(q, lang, fact):
    _, text = computed(q, lang, "due")
    assert fact in text.split("\n\n")[0], text


@pytest.mark.parametrize("q, facts, absent", [
    # [001]: a grassroots union that misses the 12-25 payment re-enrolls by instant enrollment: cover from the next
    # day to 31 December (the member-exclusive protection's year), not the mutual-aid project's 30 June
    ("基层没在12月25号前交钱，1月5号重新办即时参保，保障从哪天到哪天", [["01-06"], ["12-31"]], "06-30"),
    ("区局通知我们逾期未划款，3月2日重新办了即时参保，保到哪天", [["03-03"], ["12-31"]], "06-30"),
])
def test_an_instant_enrollment_with_the_member_collectives_words_is_the_member_exclusive_one(q, facts, absent):
    _, text = computed(q, "zh", "coverage")
    first = text.split("\n\n")[0]
    assert has_facts(first, facts) and absent not in first, text


def test_an_instant_enrollment_with_no_programme_is_still_the_mutual_aid_one():
    out, text = computed("9月1日提交即时参保，哪天开始保", "zh", "coverage")
    assert out.best.computed.program == "mutual_aid", text


@pytest.mark.parametrize("q, lang, kind, first_words", [
    # a yes/no question on computed figures is answered yes or no first: [003] remove the failed before 提交办卡,
    # [004] at least 50% valid mobile numbers, the collective channel closes 6-30 17:00
    ("待办会员77人，校验通过75人，2人未通过，能直接提交办卡吗", "zh", "pending_validation", "不能直接提交办卡"),
    ("待办会员共30人，校验通过30人，能提交办卡吗", "zh", "pending_validation", "可以提交办卡"),
    ("77 members pending, 75 passed validation, 2 failed. Can we submit the card application directly?", "en",
     "pending_validation", "Not directly"),
    ("Imported 60 retirees, 35 phone numbers valid. Will the import pass?", "en", "phone_ratio", "Yes, the import passes"),
    ("退休住院计划导入60个退休职工，35个手机号有效，能导入吗", "zh", "phone_ratio", "可以导入"),
    ("Collective retiree enrollment — can we still do it on 30 June 2025 at 5:30 pm?", "en", "window_state", "no, too late"),
])
def test_a_yes_no_question_on_computed_figures_gets_its_verdict_first(q, lang, kind, first_words):
    _, text = computed(q, lang, kind)
    assert first_words in text.split("\n")[0], text


@pytest.mark.parametrize("q, days", [
    # days listed under one month are each that month's day
    ("We submitted on 10, 18 and 24 December 2022.", ["2022-12-10", "2022-12-18", "2022-12-24"]),
    ("12月10日、18日和24日各交了一次", ["2026-12-10", "2026-12-18", "2026-12-24"]),
    ("2022年12月10日、18号和24号都提交了", ["2022-12-10", "2022-12-18", "2022-12-24"]),
    ("9月1日提交，10月15日住院", ["2026-09-01", "2026-10-15"]),
    ("we submitted December 10, 2022 and paid", ["2022-12-10"]),
    ("3个人，12月10日提交", ["2026-12-10"]),
    ("12月10日、3个人提交", ["2026-12-10"]),
    ("submitted on July 5, 3 people joined", ["2026-07-05"]),
    ("submitted on 5 July, 3 people joined", ["2026-07-05"]),
    ("We submitted on December 10, 18 and 24.", ["2026-12-10", "2026-12-18", "2026-12-24"]),
])
def test_days_listed_under_one_month_are_read(q, days):
    from domain.answers.compute import _all_dates

    assert [d.isoformat() for _, _, d in _all_dates(normalize(q), date(2026, 12, 8))] == days


@pytest.mark.parametrize("q, lang, fact", [
    # [001]: the grassroots submission may be repeated before 12-25; the last one counts
    ("Grassroots submission of member protection is allowed repeatedly before a deadline. We submitted on 10, 18 and "
     "24 December 2022. Which one counts?", "en", "December 24, 2022"),
    ("基层集中参保12月10日、18日和24日各提交了一次，以哪次为准", "zh", "2022-12-24"),
])
def test_a_list_of_submission_days_gets_its_last(q, lang, fact):
    _, text = computed(q, lang, "repeated_submission")
    assert fact in text.split("\n")[0], text


def test_parameters_with_another_ask_are_not_a_premium():
    out, _ = ask("A0 半年 4个人能参加吗")
    assert out.best is None or out.best.kind != "computed" or out.best.computed.kind != "mutual_aid_fee"


@pytest.mark.parametrize("q, lang, facts", [
    # [000]: 待校验 — 此列表中人员不能提交参保; 待提交 — the people ticked and submitted (提交至上级审核)
    ("SS-card instant: 5 people are in 待提交 and 3 are stuck in 待校验. How many can we submit right now?", "en",
     [["submit the 5 people"], ["The 3 in"], ["获取社保卡和就业状态"]]),
    ("社保卡参保待校验3人，待提交5人，能提交多少人", "zh", [["待提交】列表里的 5 人"], ["待校验】列表里的 3 人"]]),
])
def test_only_the_to_submit_list_of_the_ss_card_channel_is_submitted(q, lang, facts):
    _, text = computed(q, lang, "ss_card_lists")
    assert has_facts(text, facts), text
