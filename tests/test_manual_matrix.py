"""What each manual states and does not, programme by programme (domain/data/answers/manual_matrix.yaml;
issue 17, honest refusal): the matrix is complete and its citations and notices exist, a question asking
what a programme's manual never says gets that notice, and one asking what it states is answered."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from domain.answers import get_engine
from domain.answers.refusal import SCOPE, asked_aspects, asked_cells, matrix
from ui.answer_render import plain_answers

MANUAL = {"mutual_aid": "[002]", "retiree": "[004]", "card_enrollment": "[001]", "ss_card": "[000]",
          "member_card": "[003]", "general": "[001]"}
TODAY = date(2026, 12, 2)


def ask(q, lang="zh"):
    out = get_engine().answer(q, lang, today=TODAY)
    return out, plain_answers(out, lang)


def assert_notice(q, lang, notice):
    """Refused, with the notice of silence ``notice`` (a 'the manual does not say' fact or entry)."""
    out, _ = ask(q, lang)
    assert out.refused and out.notice is not None and out.notice.id == notice, (
        out.reason, out.notice and out.notice.id, out.best and out.best.id)


def assert_first_answer_holds(q, lang, facts):
    """Answered, and the first answer's text holds every fact."""
    out, texts = ask(q, lang)
    assert not out.refused, (out.reason, out.notice and out.notice.id)
    assert all(f in texts[0] for f in facts), texts[0]


def test_every_aspect_has_a_cell_for_every_programme():
    for name, aspect in matrix().items():
        assert set(aspect["cells"]) == set(MANUAL), name
        for cell in aspect["cells"].values():
            assert cell.kind in ("stated", "silent", "unstated", "na") and cell.value, (name, cell)


def test_a_stated_cell_cites_a_manual_and_a_silent_one_names_a_notice_that_exists_and_says_so():
    from domain.answers import _doc_silent

    engine = get_engine()
    scope = yaml.safe_load(SCOPE.read_text(encoding="utf-8"))
    for name, aspect in matrix().items():
        for program, cell in aspect["cells"].items():
            if cell.kind == "stated":
                assert any(tag in cell.value for tag in MANUAL.values()), (name, program, cell.value)
            elif cell.kind == "silent" and cell.value.startswith("scope:"):
                category = cell.value.split(":", 1)[1]
                assert category in scope["topics"] or category in scope["procedures"], (name, program)
            elif cell.kind == "silent":
                for lang in ("zh", "en"):
                    doc = engine.doc(cell.notice, lang)
                    assert doc is not None and _doc_silent(doc), (name, program, lang, cell.value)


def test_aspects_are_read_from_what_is_asked_not_from_a_word_in_passing():
    assert "missed_deduction_application" in asked_aspects("代扣申请的截止时间已经过了，退休的还能补提交吗")
    # "审核通过了" holds 过了; "最晚什么时候" asks the deadline, which [004] states
    assert "missed_deduction_application" not in asked_aspects("职保会审核通过了，代扣申请最晚什么时候交")
    assert "premium" in asked_aspects("How much is the premium for each retiree?")
    assert "premium" not in asked_aspects("What is the bank account for the retiree plan premium?")
    assert "premium" not in asked_aspects("退休住院计划代扣金额最多能扣多少")  # the deduction, stated by [004]
    assert "card_loss" not in asked_aspects("社保卡状态是挂失，还能走社保卡参保吗")  # a status, not a lost card
    assert "card_time" not in asked_aspects("When can I submit the card application?")
    assert "address_hours" not in asked_aspects("office hours of the support phones")  # stated: [001]


def test_a_cell_belongs_to_the_programme_asked_about_or_the_one_the_aspect_implies():
    assert [c.program for c in asked_cells("卡大概几天能办好", [])] == ["member_card"]
    assert [(c.program, c.kind) for c in asked_cells("有免责期吗", ["retiree"])] == [("retiree", "stated")]
    assert [(c.program, c.kind) for c in asked_cells("有免责期吗", ["card_enrollment"])] == [("card_enrollment", "silent")]


@pytest.mark.parametrize("q, lang, notice", [
    ("会员服务卡提交办卡以后，大概几天能拿到卡？", "zh", "fact:mc_time_silent"),
    ("How long does the bank take before a member service card is ready?", "en", "fact:mc_time_silent"),
    ("职工住院以后，互助保障的保障金多长时间能给付到位？", "zh", "entry:gen_claims"),
    ("退休住院计划每个退休职工的保费是多少？", "zh", "fact:rt_premium_not_stated"),
    ("职工年中去世了，会员专享保障的费用可以退还吗", "zh", "fact:ce_leaver_refund_silent"),
    ("Our worker resigned in March; can we get the mutual-aid premium refunded?", "en", "fact:ma_leaver_refund_silent"),
    ("代扣申请截止时间已经过了，退休住院计划还能补提交吗", "zh", "fact:rt_deduct_apply_missed_silent"),
    ("互助保障超过15天才付款会怎么样", "zh", "fact:ma_late_payment_silent"),
    ("互助保障的职保会营业大厅周六开门吗", "zh", "fact:ma_hall_silent"),
    ("退休住院计划退多余款一般多久能到账", "zh", "fact:rt_refund_time_silent"),
])
def test_what_the_manual_never_says_gets_its_notice(q, lang, notice):
    out, _ = ask(q, lang)
    assert out.refused and out.reason == "silent" and out.notice is not None and out.notice.id == notice, (
        out.reason, out.notice and out.notice.id, out.best and out.best.id)
    assert out.answers == [] and out.contacts  # who to ask is named with it


@pytest.mark.parametrize("q, lang, facts", [
    ("会员卡办好了是邮寄到家还是去银行网点领？", "zh", ["银行"]),  # [003]: offline at the chosen bank outlet
    ("Who do I call about the member service card, is there a landline?", "en", ["63505704"]),  # [001] 技术支持
    ("委托代扣的批次审核通过了，代扣申请最晚什么时候交", "zh", ["6月4日"]),
    ("退休住院计划代扣金额最多能扣多少", "zh", ["450"]),
    ("What is the bank account for the retiree plan premium?", "en", ["31602300008023554"]),
    ("社保卡状态显示挂失，还能走社保卡参保吗", "zh", ["会员卡参保"]),
])
def test_what_the_manual_states_is_answered(q, lang, facts):
    assert_first_answer_holds(q, lang, facts)


def test_a_silent_cell_outranks_the_calendar_state_of_the_deadline_it_missed():
    # the calendar says when 4 June 16:00 is; what happens once it is missed, [004] does not say
    out, _ = ask("退休住院计划的代扣申请6月4日16点没赶上，还能补交吗？")
    assert out.refused and out.notice is not None and out.notice.id == "fact:rt_deduct_apply_missed_silent"


async def test_chat_says_the_manual_is_silent_and_who_to_ask(harness):
    out = await harness.send(830, "会员服务卡提交办卡以后，大概几天能拿到卡？")
    assert "手册未写明" in out[0].text and "来源：手册 [003]" in out[0].text, out[0].text
    out = await harness.send(831, "Our worker resigned in March; can we get the mutual-aid premium refunded?", lang="en")
    assert "does not say" in out[0].text and "12351" in out[0].text, out[0].text


def test_a_question_about_enrolling_is_not_another_topic_for_its_unknown_words():
    # most words in no document, no programme named: but 集中参保 is the manuals' own matter
    out, texts = ask("稀里糊涂把已经退休的人报进集中参保了，到时候能赔吗")
    assert out.reason != "unknown" and not out.refused, out.reason
    assert "不予给付" in texts[0], texts[0]


def test_new_retiree_names_the_retiree_plan_even_beside_a_person_who_retired():
    from domain.answers.understand import understand

    assert understand("老张2024年10月退休的，2025年他算不算新退休", "zh", TODAY).programs == ["retiree"]


def test_a_calendar_state_is_not_refused_for_a_word_of_the_askers_circumstance():
    out, texts = ask("今天6月30号，发完工资再弄退休住院计划集中参保，晚上七点还来得及吗")
    assert not out.refused and "17" in texts[0], (out.reason, texts and texts[0])
    out, _ = ask("今天6月30号，退休住院计划的加班费怎么算")  # asked about the other topic: still refused
    assert out.refused


@pytest.mark.parametrize("q, lang, notice", [
    ("会员专享基本保障A类，10月份给新同事参保，按半年收费的话多少钱", "zh", "fact:ce_half_year_silent"),
    ("Is there a half-year rate for type A member-exclusive protection for 5 people?", "en", "fact:ce_half_year_silent"),
    ("Can the member service card get discounts in shops?", "en", "entry:mc_card_benefits"),
    ("会员导入一次最多能导多少条？", "zh", "fact:gen_upload_limit_silent"),
    ("退休住院计划的参保名单表格有人数上限吗", "zh", "fact:rt_upload_limit_silent"),
    ("互助保障C3，职工去国外出差期间出了意外算不算", "zh", "fact:ma_cover_scope_silent"),
    ("退休住院计划对年龄有没有要求，90岁的能参加吗", "zh", "fact:rt_age_silent"),
    ("社保卡即时参保的钱最后汇到哪个账户", "zh", "fact:ss_account_silent"),
])
def test_more_of_what_the_manuals_never_say(q, lang, notice):
    assert_notice(q, lang, notice)


@pytest.mark.parametrize("q, lang, facts", [
    ("互助保障下半年即时参保按半年收费吗，A0多少", "zh", ["60"]),  # [002] states the half-year rate
    ("互助保障清册一个文件最多导入多少人", "zh", ["5000"]),
    ("互助保障有免责期吗", "zh", ["30"]),
    ("会员卡办卡时证件过期了怎么办", "zh", ["证件到期日"]),  # the ID's expiry, not the card's validity
])
def test_what_the_manuals_say_of_the_same_aspects_is_answered(q, lang, facts):
    assert_first_answer_holds(q, lang, facts)


def test_a_later_part_asks_of_the_first_parts_subject_but_a_question_of_its_own_is_answered():
    out, _ = ask("What is the street address of the mutual-aid centre business hall, and is it open on Saturdays?", "en")
    assert out.refused and out.notice is not None and out.notice.id == "fact:ma_hall_silent"
    assert asked_aspects("can we get it refunded", subject="Our worker resigned in March") == ("leaver_refund",)
    # the first part's subject does not make a later part ask for its aspect ("办卡要带什么材料" asks the documents)
    assert "card_time" not in asked_aspects("办卡要带什么材料", subject="会员卡多久能办好")
    engine = get_engine()
    parts = ["退休住院计划保费多少钱一个人", "代扣申请最晚什么时候交"]
    assert engine._silent_cell("？".join(parts), parts, ["retiree"], asked_cells(parts[0], ["retiree"])) is None


@pytest.mark.parametrize("q, lang, notice", [
    ("退休住院计划缴费凭证传上去以后几天能审核完", "zh", "fact:rt_voucher_review_silent"),
    ("会员卡参保，区局审核我们基层的批次要几天", "zh", "fact:ce_batch_review_silent"),
    ("撤销办卡批次的申请一般多久能批下来", "zh", "fact:mc_revoke_review_silent"),
    ("会员服务卡能不能指定招商银行来办？", "zh", "fact:mc_bank_silent"),
])
def test_what_the_manuals_never_say_of_reviews_and_banks(q, lang, notice):
    assert_notice(q, lang, notice)


@pytest.mark.parametrize("q, lang, facts", [
    ("退休住院计划参保编码申请提交后多久审核", "zh", ["1"]),  # [004]: 1 working day
    ("互助保障缴费凭证上传后多久审核", "zh", ["10"]),  # [002]: within 10 working days
    ("办卡批次去哪个银行网点办？", "zh", ["网点"]),  # the outlet chosen, its address shown ([003])
    ("The revocation of our card batch was approved; what happens to its people now?", "en", ["releas"]),
])
def test_reviews_and_outlets_the_manuals_state_are_answered(q, lang, facts):
    assert_first_answer_holds(q, lang, facts)


@pytest.mark.parametrize("q, lang", [
    ("上届奥运会中国拿了几块金牌", "zh"),
    ("Can our HR system integrate with the platform through an API?", "en"),
    ("新来的外籍员工工作签证怎么办", "zh"),
    ("区局错过了参保金额比例设置的时间会怎样", "zh"),
])
def test_other_topics_and_the_protections_unsaid_windows_are_refused(q, lang):
    out, _ = ask(q, lang)
    assert out.refused and out.answers == [], (out.reason, out.best and out.best.id)


def test_an_id_type_of_the_manuals_is_not_another_topic():
    out, _ = ask("员工用港澳居民居住证，互助保障导入时证件类型怎么填", "zh")
    assert not out.refused, out.reason


@pytest.mark.parametrize("q, lang, refused", [
    ("After a claim is approved, how many days until the mutual-aid benefit is paid?", "en", True),  # not a review
    ("退休住院计划代扣申请6月4号没提交上，之后还能补吗", "zh", True),
    ("We missed the June 4 deduction application deadline for the retiree plan. Can we still apply?", "en", True),
    ("会员卡办好了去哪里拿", "zh", False),  # [003]: at the chosen bank outlet
    ("会员卡办卡时选哪个网点", "zh", False),  # [003]: picked when the batch is submitted
])
def test_more_wordings_of_the_matrix(q, lang, refused):
    out, _ = ask(q, lang)
    assert out.refused is refused, (out.reason, out.notice and out.notice.id, out.best and out.best.id)


def test_a_question_naming_no_programme_gets_the_notice_when_every_programme_is_silent():
    # a refund when someone leaves: no manual says it, whichever programme
    assert {c.kind for c in asked_cells("员工走了，交的保费还能要回来不", [])} == {"silent"}
    out, _ = ask("员工走了，交的保费还能要回来不")
    assert out.refused and out.notice is not None and out.notice.doc.extra.get("silent")
    # paying late: [001] says what happens for the member protection, so a question naming none is answered as usual
    assert any(c.kind == "stated" for c in asked_cells("保费晚交几天有没有事", [])) is False
    assert asked_cells("保费晚交几天有没有事", []) == []


@pytest.mark.parametrize("q, lang", [
    ("即时参保多久以后才能理赔", "zh"),  # the waiting period, not a payout's time
    ("Cadre scheme or abroad cases", "en"),  # 出国: a retiree without social security ([004])
])
def test_words_of_a_stated_matter_do_not_ask_for_a_silent_one(q, lang):
    out, _ = ask(q, lang)
    assert not out.refused, (out.reason, out.notice and out.notice.id)


@pytest.mark.parametrize("q, lang, notice", [
    ("互助保障B1的22类重病都包括哪些？", "zh", "fact:ma_illness_list_silent"),
    ("A2住院补贴是从住院第一天开始算的吗", "zh", "fact:ma_daily_count_silent"),
    ("互助保障参保后员工需要参保证明，去哪开", "zh", "fact:ma_certificate_silent"),
    ("退休住院计划里“干保”是什么意思", "zh", "fact:rt_noss_case_silent"),
    ("退休住院计划每月几号从养老金扣钱", "zh", "fact:rt_deduct_day_silent"),
    ("退休计划代扣失败了，下个月还会自动再扣吗", "zh", "fact:rt_deduct_retry_silent"),
    ("会员卡参保里“有卡无保人员即时参保办理”具体步骤是什么", "zh", "fact:ce_instant_steps_silent"),
    ("For the member service card special channel, is a foreigner's passport accepted?", "en", "fact:mc_special_docs_silent"),
    ("Can a retiree join the retiree plan by himself, without the unit?", "en", "fact:rt_individual_silent"),
    ("社保卡封存了去哪里解封", "zh", "fact:ss_card_replace_silent"),
])
def test_what_the_manuals_never_say_of_terms_documents_and_days(q, lang, notice):
    assert_notice(q, lang, notice)


@pytest.mark.parametrize("q, lang, facts", [
    ("Four retirees' deductions failed with insufficient balance; who pays for them if we keep them?", "en",
     ["advances"]),  # [004]: the unit collects or advances; "balance" here is the failed deduction's
    ("退休住院计划代扣申请最晚是哪一天几点", "zh", ["6月4日"]),  # a deadline, stated
    ("忘了参保编码，保障单上能查到吗", "zh", ["参保编码"]),  # the certificate's code field, stated
    ("社保卡就业状态异常去哪确认", "zh", ["参保待确认名单"]),
])
def test_the_stated_neighbours_of_those_are_answered(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused, (out.reason, out.notice and out.notice.id)
    assert all(any(f in t for t in texts) for f in facts), texts


def test_a_unit_is_not_a_certificate():
    # "互助保障单位" holds 保障单's characters, "参保单位" 保单's
    assert "certificate" not in asked_aspects("互助保障单位改名要带什么材料")
    assert "certificate" not in asked_aspects("参保单位的名称写错了怎么改")


def test_a_time_told_or_a_count_to_be_seen_is_not_asked():
    from domain.answers import asked_kinds

    def kinds(q):
        return {k["kind"] for k in asked_kinds(q)}

    assert "duration" not in kinds("我退休好几年了，住院保障的钱是从养老金里扣还是单位出？")
    assert "duration" in kinds("退休住院计划审核要几年")  # still asked
    assert "count" not in kinds("我们在哪里看一个办卡批次已经办成功了几个人")
    assert "count" in kinds("一个批次最多能放几个人")


@pytest.mark.parametrize("q, lang, notice", [
    ("互助保障的电子专用收据多久能收到", "zh", "fact:ma_receipt_when_silent"),
    ("退休住院计划的电子票据开好以后发到哪", "zh", "fact:rt_receipt_when_silent"),
    ("会员比对模板要填哪些列", "zh", "fact:gen_compare_template_silent"),
    ("别的单位转过来的会员在会籍审核里怎么审", "zh", "fact:gen_membership_review_silent"),
    ("在申工社点了申请办卡以后下一步要填什么", "zh", "fact:mc_personal_no_detail"),
    ("After tapping apply for a card in 申工社, what do I fill in next?", "en", "fact:mc_personal_no_detail"),
])
def test_what_the_manuals_never_say_of_receipts_templates_and_the_personal_card(q, lang, notice):
    assert_notice(q, lang, notice)


@pytest.mark.parametrize("q, lang, facts", [
    ("互助保障专用收据可以开几张", "zh", ["多张"]),  # stated: several, any titles
    ("有会员服务卡的职工走哪个通道参保", "zh", ["会员"]),  # [000] 2.2: the member-card channel
    ("How do I see who in a card batch got a card?", "en", ["办理成功人数"]),  # [003] 3.
])
def test_receipts_channels_and_card_results_the_manuals_state_are_answered(q, lang, facts):
    assert_first_answer_holds(q, lang, facts)


@pytest.mark.parametrize("q, lang, refused", [
    ("员工离职了互助保障还有效吗", "zh", True),  # whether the cover goes on: [002] does not say
    ("Can I get a paper receipt instead of the electronic one for mutual aid?", "en", True),
    ("平台能在手机上操作吗", "zh", True),  # the manuals describe the platform in Chrome only
    ("员工年中离职了，互助保障已经交的保费能按月退一部分吗？", "zh", True),
    ("互助保障的优惠10元是每个人还是每个单位", "zh", False),  # the bundle discount's text holds 优惠
])
def test_cover_after_leaving_paper_receipts_phones_and_a_close_candidate_holding_the_word(q, lang, refused):
    out, texts = ask(q, lang)
    assert out.refused is refused, (out.reason, out.notice and out.notice.id, out.best and out.best.id)
    if not refused:
        assert "优惠" in texts[0], texts[0]


def test_a_procedure_asked_how_is_not_answered_by_a_neighbour_that_names_it():
    out, _ = ask("我上个月住院了，单位给我参加了互助保障，出院以后怎么申请理赔？要带哪些材料？")
    assert out.refused, (out.reason, out.best and out.best.id)
    # the benefit table's text holds 报销 ("住院能报销多少比例"): it still does not say how to claim
    out, _ = ask("互助保障A0住院报销的手续怎么办")
    assert out.refused, (out.reason, out.best and out.best.id)


def _locale_facts(lang):
    from pathlib import Path

    facts = {}
    for path in sorted((Path(__file__).resolve().parent.parent / "locales" / lang / "facts").glob("*.yaml")):
        for fact in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            facts[fact["id"]] = fact
    return facts


def test_no_cell_stays_unstated_and_every_silent_fact_is_written_in_both_languages():
    from domain.answers.sources import IMAGE_ONLY, SILENT_FACT

    # a manual is silent or it states; a silence with no notice yet was issue 17's gap
    assert [(name, p) for name, a in matrix().items() for p, c in a["cells"].items() if c.kind == "unstated"] == []
    zh, en = _locale_facts("zh"), _locale_facts("en")
    for name, aspect in matrix().items():
        for program, cell in aspect["cells"].items():
            if cell.kind != "silent" or not cell.value.startswith("fact:"):
                continue
            fid = cell.value.split(":", 1)[1]
            assert fid in zh and fid in en, (name, program, fid)
            assert zh[fid]["source"] == en[fid]["source"] and zh[fid]["program"] == en[fid]["program"], fid
            for fact in (zh[fid], en[fid]):  # says so in its own words (or only an image is there)
                assert fact.get("silent") or SILENT_FACT.search(fact["text"]) or IMAGE_ONLY.search(fact["text"]), fid
            assert zh[fid]["q"] and en[fid]["q"], fid


@pytest.mark.parametrize("q, lang, notice", [
    ("会员专享基本保障有年龄上限吗", "zh", "fact:ce_age_limit_silent"),
    ("Is there a maximum age for the social-security-card enrollment?", "en", "fact:ce_age_limit_silent"),
    ("会员专享保障个人能参加吗", "zh", "fact:ce_individual_silent"),
    ("会员专享保障的保障单在哪里打印", "zh", "fact:ce_certificate_silent"),
    ("Where do we get a proof of cover for the member-exclusive protection?", "en", "fact:ce_certificate_silent"),
    ("社保卡参保交完钱以后什么时候能收到收据", "zh", "fact:ce_receipt_silent"),
    ("When do we receive the invoice for the member-exclusive protection?", "en", "fact:ce_receipt_silent"),
    ("社保卡即时参保多划了参保款，能退回来吗", "zh", "fact:ce_overpay_refund_silent"),
    ("We overpaid the member-exclusive protection, can we get it back?", "en", "fact:ce_overpay_refund_silent"),
])
def test_what_the_protections_manuals_never_say_of_age_individuals_certificates_and_receipts(q, lang, notice):
    out, _ = ask(q, lang)
    assert out.refused and out.reason == "silent" and out.notice is not None and out.notice.id == notice, (
        out.reason, out.notice and out.notice.id, out.best and out.best.id)


def test_an_overpayment_the_manual_states_how_to_refund_is_answered_and_its_time_stays_silent():
    out, texts = ask("互助保障多交的钱怎么退")  # [002] 二（五）退款填报
    assert not out.refused, (out.reason, out.notice and out.notice.id)
    out, _ = ask("互助保障多交的钱几天能退回来")  # refund_time decides over overpayment_refund
    assert out.refused and out.notice is not None and out.notice.id == "fact:ma_refund_time_silent"


def test_a_follow_up_asks_of_the_previous_questions_subject():
    # "审核几天" after the unit's name change asks that review's time, which [004] states (1 working day)
    engine = get_engine()
    first = engine.answer("退休住院计划单位名称要改，怎么弄", "zh", today=TODAY)
    out = engine.answer("要审核几天", "zh", context=first.context, today=TODAY)
    texts = plain_answers(out, "zh")
    assert not out.refused and "1个工作日" in texts[0], (out.reason, out.notice and out.notice.id)
    # alone, the same words ask for the roster's review, which [004] does not state
    assert asked_aspects("要审核几天", subject="退休住院计划单位名称要改，怎么弄") == ("code_review_time",)


def test_a_question_naming_no_programme_of_what_every_manual_states_is_answered():
    assert {c.kind for c in asked_cells("Who do we ring about org codes?", [])} == {"stated"}
    out, texts = ask("Who should I ring about member management and org codes?", "en")
    assert not out.refused and "15026570341" in texts[0], (out.reason, out.notice and out.notice.id)


@pytest.mark.parametrize("q, lang", [
    ("Do I have to join a trade union to work in Shanghai?", "en"),  # joining the union: never described
    ("Where can I renew my passport?", "en"),
    ("驾照到期了去哪换", "zh"),
    ("会员专享保障的保费可以从工会经费里列支吗", "zh"),  # which budget pays: [001] never says
    ("How do type A and type B member-exclusive protection differ in coverage?", "en"),  # benefit terms: silent
    ("平台一般什么时候停机维护", "zh"),  # the platform's maintenance and failures: never described
    ("If the server goes down mid-upload, do we lose the data?", "en"),
    ("社保卡的密码忘记了去哪重置", "zh"),  # the social-security card's PIN: not the platform's
    ("退休住院计划的人住院了怎么赔", "zh"),  # what the plan pays: [004] never says
    ("灵活就业的会员每年要交多少会费", "zh"),
    ("养老金一般每月几号发放", "zh"),  # the pension's own payday: social insurance
    ("新员工的社保卡去哪申请", "zh"),  # the social-security card itself
    ("会员卡的密码忘了怎么办", "zh"),  # the bank card's PIN
])
def test_more_topics_outside_the_manuals_are_refused(q, lang):
    out, _ = ask(q, lang)
    assert out.refused and out.answers == [], (out.reason, out.best and out.best.id)


@pytest.mark.parametrize("q, lang, notice", [
    ("参保批次管理页面的集中参保统计表里有哪些内容", "zh", "fact:ce_screens_silent"),
    ("What does the payout query (给付信息查询) of the district union show?", "en", "fact:ce_screens_silent"),
    ("退休住院计划的经办人信息要填哪些项", "zh", "fact:rt_clerk_fields_silent"),  # [004]'s section is an image only
    ("单位破产了，互助保障还有效吗", "zh", "fact:ma_closure_silent"),
    ("If the company goes bankrupt, are the retirees in the retiree plan still covered?", "en", "fact:rt_closure_silent"),
    ("会员3月退休了，会员专享保障还能保到年底吗", "zh", "fact:ce_retire_midyear_silent"),
    ("区局工会的审核账号去哪申请", "zh", "fact:ce_review_account_silent"),
    ("Can the support staff speak English?", "en", "fact:gen_language_silent"),
    ("Is there an English version of the platform website?", "en", "fact:gen_language_silent"),
    ("退休住院计划代扣的钱是扣的哪张卡", "zh", "fact:rt_deduct_bank_silent"),
    ("在申工社能查询互助保障吗", "zh", "fact:gen_sgs_query_silent"),
    ("灵活就业D类指的是什么人", "zh", "fact:gen_contact_matters_silent"),
    ("会员去网点办卡需要带哪些证件", "zh", "fact:mc_materials_silent"),
    ("市总那部分钱多久划过来", "zh", "fact:ce_city_share_silent"),
    ("退休住院计划的缴费凭证扫描件能不能传pdf", "zh", "fact:gen_file_limit_silent"),
    ("会员导入一次能导多少人？我们有6000个会员", "zh", "fact:gen_upload_limit_silent"),  # not [002]'s 5,000 computed
    ("今年区里给我们基层定的分担比例是多少", "zh", "fact:ce_ratio_value_silent"),  # each district sets its own
    ("咨询范围里的新就业管理指的是什么", "zh", "fact:gen_contact_matters_silent"),
    ("互助保障的保障金是打给单位还是打给个人", "zh", "entry:gen_claims"),  # how a benefit is paid: claims, never described
    ("Is the retiree plan benefit paid as a lump sum?", "en", "entry:gen_claims"),
])
def test_what_the_manuals_never_say_of_screens_closures_accounts_and_the_bank(q, lang, notice):
    assert_notice(q, lang, notice)


@pytest.mark.parametrize("q, lang, facts", [
    ("集中参保统计表在哪里下载", "zh", ["参保批次管理"]),  # where it is, stated
    ("互助保障经办人填报要填哪些字段", "zh", ["经办人姓名"]),  # [002] lists them
    ("已经退休的人能参加互助保障吗", "zh", ["退休"]),  # joining as a retiree: stated, not a retirement during the cover
    ("集中参保通道关闭了怎么办", "zh", ["即时参保"]),  # a window closed is not a unit closed
    ("市总统一划拨多少钱", "zh", ["市总统一划拨"]),  # the split, stated
    ("退休住院计划经办人信息在哪改", "zh", ["【经办人信息】"]),  # the menu is stated, its section's fields are not
    ("系统维护通知在哪里看", "zh", ["通知"]),  # the workbench's notice list, stated
    ("What does 清册校验 mean in English on the platform?", "en", ["清册"]),  # a term asked, not the language offered
    ("区局给基层设承担比例在哪个菜单", "zh", ["保障金额设置"]),  # where the ratio is set, stated
    ("组织码管理在哪个菜单", "zh", ["组织码管理"]),  # the menu is named
    ("会员导入的文件要什么格式", "zh", [".xlsx"]),  # stated for the import
    ("导会员的文件传xls格式不行吗", "zh", [".xlsx"]),
    ("互助保障清册9000人要分几个文件", "zh", ["5000"]),  # [002]'s own limit, computed
    ("退休住院计划是不是在养老金发放日代扣", "zh", ["养老金发放日"]),  # [004]'s own words, not a pension's payment
    ("在申工社申请办卡的步骤", "zh", ["服务大厅"]),  # the way to 申请办卡 is stated; what follows it is not
    ("What are the steps to apply for the card in 申工社?", "en", ["服务大厅"]),
])
def test_the_stated_neighbours_of_screens_closures_and_retirements_are_answered(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused, (out.reason, out.notice and out.notice.id)
    assert all(any(f in t for t in texts) for f in facts), texts


def test_a_notice_of_silence_the_question_rules_out_is_not_its_answer():
    from domain.answers.refusal import notice_not_asked

    # the receipt's amount is stated ([004]); when it arrives is not: its notice is not the answer
    assert notice_not_asked("fact:rt_receipt_when_silent", "退休住院计划的收据金额有什么要求")
    assert not notice_not_asked("fact:rt_receipt_when_silent", "退休住院计划的收据什么时候能收到")
    # the deduction from the pension is stated; the premium is not (a half-year price is a premium too)
    assert notice_not_asked("fact:rt_premium_not_stated", "Can the premium be paid out of their pension?")
    assert not notice_not_asked("fact:rt_premium_not_stated", "How much is the retiree plan premium per person?")
    # the notices' own wordings are kept to their matter: a question of something near is not drawn to them
    for q, lang in (("Who enrolls retirees in the retiree plan?", "en"), ("办卡需要什么证件类型", "zh"),
                    ("Is the member protection valid for the whole year?", "en")):
        out, _ = ask(q, lang)
        assert not out.refused, (q, out.reason, out.notice and out.notice.id)
    out, texts = ask("退休住院计划票据能拆成两张开吗")  # several receipts: [004] 如需开多张…
    assert not out.refused and "新增" in texts[0], (out.reason, out.notice and out.notice.id)


def test_what_happened_told_first_does_not_make_a_stated_question_another_topic():
    # "出车祸" is what happened; the question asks the waiting period, which [002] states
    out, texts = ask("职工即时参保后骑车出了车祸住院，A2有免责期吗")
    assert not out.refused and "免责期" in texts[0], (out.reason, out.notice and out.notice.id)
    out, _ = ask("职工出了车祸住院，互助保障能赔吗")  # asked of the accident itself: still refused
    assert out.refused
    out, _ = ask("会员服务卡有没有年费、账户管理费？")  # one clause: the fee is what is asked
    assert out.refused


def test_a_headcount_is_no_person_enrolling_alone():
    assert "individual" not in asked_aspects("12个人参保，代扣成功8个人，单位还要缴多少")
    assert "individual" in asked_aspects("退休了个人能参加退休住院计划吗")


@pytest.mark.parametrize("q, lang, notice", [
    # a transfer's review: no programme named, the transfer is member management's
    ("会员转移申请提交以后一般多久能审核下来", "zh", "fact:gen_transfer_review_silent"),
    ("How soon is a member transfer request approved?", "en", "fact:gen_transfer_review_silent"),
    # whether a limit counts per year or per stay: the [002] table gives the sums only
    ("A2的住院限额是按年还是按次算", "zh", "fact:ma_bn_not_in_manual"),
    # money deducted twice from a pension, given back to the retiree: [004] refunds a unit's overpaid voucher only
    ("退休住院计划代扣扣了两次，钱怎么退给老人", "zh", "fact:rt_deduct_refund_silent"),
    ("The retiree plan deduction was taken twice from a pension, how is it refunded?", "en", "fact:rt_deduct_refund_silent"),
    # the district union's own account: [001] says only "划入所属区局（产业）工会账户"
    ("我们基层单位的参保费划入所属区局工会账户，账号是多少", "zh", "fact:ce_district_account_silent"),
    # where the union number comes from: a required column, never said where to find it
    ("会员导入要填工会编号，去哪找", "zh", "fact:gen_union_number_silent"),
    ("Where can we look up our union number for the member import?", "en", "fact:gen_union_number_silent"),
    # a late payment's money: only the enrollments' failure is stated
    ("会员专享保障区局逾期划款了，划过去的钱能退回吗", "zh", "fact:ce_late_refund_silent"),
    # leaving or retiring during the cover period: the coverage period itself is stated, not this
    ("会员专享保障期间会员辞职了，保障还管不管", "zh", "fact:ce_leaver_refund_silent"),
    ("退休住院计划保障期内老人过世，剩下的保费能退还吗", "zh", "fact:rt_leaver_refund_silent"),
    ("互助保障期内职工中途退休了，保障还管吗", "zh", "fact:ma_retire_midyear_silent"),
    # which cancers, a beneficiary, half the price, what a menu is for
    ("B2的女性癌指哪些癌", "zh", "fact:ma_illness_list_silent"),
    ("互助保障的疾病身故金给谁", "zh", "entry:gen_claims"),
    ("Who is the beneficiary of the mutual-aid accidental death benefit?", "en", "entry:gen_claims"),
    ("退休住院计划下半年参保是不是半价", "zh", "fact:rt_premium_not_stated"),
    ("会籍审核管理是用来干什么的", "zh", "fact:gen_membership_review_silent"),
])
def test_what_the_manuals_never_say_of_transfers_limits_deductions_and_accounts(q, lang, notice):
    assert_notice(q, lang, notice)


@pytest.mark.parametrize("q, lang, facts", [
    ("会员专享保障基层单位最晚什么时候把钱划到区局账户", "zh", ["12 月 25 日", "12月25日"]),  # by when: stated
    ("区局工会付款给中心的账户是什么", "zh", ["316023-03002745697"]),  # the district's own payment: stated
    ("退休住院计划委托代扣最多扣多少", "zh", ["450"]),  # "最多扣" is the deduction's cap, stated
    ("互助保障多付了保费，退款怎么填", "zh", ["退款"]),  # a unit's overpayment: [002] 退款填报
    ("A0的限额是多少", "zh", ["10万"]),  # the sum is stated; only its basis is not
    ("B0包括原位癌吗", "zh", ["原位癌"]),  # "含原位癌": stated
    ("互助保障集中参保的保障期是多久", "zh", ["12个月"]),  # the coverage period itself
    ("会员导入模板里工会编号是必填的吗", "zh", ["工会编号"]),  # the column is stated
])
def test_the_stated_neighbours_of_transfers_limits_deductions_and_accounts_are_answered(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused, (out.reason, out.notice and out.notice.id)
    assert any(f in texts[0] for f in facts), texts[0]


@pytest.mark.parametrize("q, lang", [
    ("上海职工医保的起付标准是多少", "zh"), ("职工医保缴费年限要满多少年", "zh"),
    ("单位没给我交互助保障，我能去告公司吗", "zh"), ("我们单位想成立一个工会，要走什么程序", "zh"),
    ("劳务派遣员工的互助保障由谁参保", "zh"), ("平台账号被锁了怎么解锁", "zh"),
    ("My platform account is locked out, when will it unlock?", "en"),
    ("What exactly does the retiree plan cover?", "en"),
    ("退休职工的养老金每月几号发", "zh"),
])
def test_more_topics_outside_the_manuals_are_refused(q, lang):
    out, _ = ask(q, lang)
    assert out.refused and out.answers == [], (out.reason, out.best and out.best.id)


def test_a_word_of_another_topic_holding_a_stated_one_stays_that_topic():
    # "医保个人账户" holds 账户 (the programme's account, stated), but paying from one is another matter
    out, _ = ask("互助保障的保费可以从医保个人账户里扣吗")
    assert out.refused
    out, texts = ask("互助保障的保费打到哪个账户")  # the account itself: stated
    assert not out.refused and "31602300008022150" in texts[0]


def test_next_years_dates_are_not_answered_with_a_past_years():
    out, _ = ask("明年退休住院计划集中参保几号开始")  # TODAY is 2026: the manual gives 2025's dates
    assert out.refused and out.reason == "year", (out.reason, out.best and out.best.id)
    out, texts = ask("退休住院计划集中参保几号开始")  # no year asked: the manual's own dates
    assert not out.refused and "5月12日" in texts[0], texts[0]
