"""The card form as data (domain/cards/form.py): order, skip rule, derived values, the typed answers,
and /apply picking a form up at whichever step it waits at."""

from __future__ import annotations

import pytest

from domain.cards import form
from domain.cards.status import TRANSITIONS
from domain.repos import DomainError
from tests.test_cards import FORM, MAN_1990, _step, with_union


def test_order_and_the_nationality_skip_live_in_one_place():
    resident = {"doc_type": "resident_id"}
    passport = {"doc_type": "passport"}
    assert form.next_step("doc_number", resident) == "expiry" and form.next_step("expiry", resident) == "mobile"
    assert form.next_step("expiry", passport) == "nationality"
    assert "nationality" not in form.fields_for(resident) and "nationality" in form.fields_for(passport)
    assert form.next_step("bank_phone", resident) == "summary"
    assert form.next_step("name", {"editing": True}) == "summary"


def test_withdrawable_statuses_come_from_the_status_machine():
    assert form.WITHDRAWABLE == {"pending", "checked_ok", "checked_fail"}
    assert all(TRANSITIONS[(s, "withdrawn")] for s in form.WITHDRAWABLE)


def test_typed_answers_derive_the_channel_and_refuse_an_incomplete_form():
    data = dict(kind="flexible", member_no="M1", name="张三", doc_type="resident_id", doc_number=MAN_1990,
                expiry="长期", mobile="13812345678", address="上海市浦东新区世纪大道100号", union="某工会",
                branch="上海银行", outlet="陆家嘴", bank_phone="13812345678", state_only="ignored")
    assert form.CardAnswers.from_form(data).channel == "normal"
    assert form.CardAnswers.from_form(dict(data, rare=True)).channel == "special"
    with pytest.raises(DomainError) as missing:
        form.CardAnswers.from_form({k: v for k, v in data.items() if k != "address"})
    assert missing.value.code == "card.form_incomplete" and missing.value.params == {"field": "address"}
    result, update = form.check_text("name", "张三", {"rare_declared": True})
    assert result.ok and update == {"name": "张三", "rare": True}  # the member said it has a rare character
    # issue 18 item 5: a flag kept from an earlier name does not survive a plain name typed again
    result, update = form.check_text("name", "张三", {"rare": True, "rare_declared": False})
    assert update == {"name": "张三", "rare": False}


async def _state(h, uid):
    return await h.dp.fsm.get_context(h.bot, uid, uid).get_state()


async def test_apply_resumes_every_step_where_it_is(harness):
    """Issue 13 item 16: /apply at the eligibility question or at the birth-date confirmation
    restarted the form at the member number. At every step, /apply asks that step again."""
    uid = 2600
    await with_union(harness)
    seen = []
    for item in FORM:
        await _step(harness, uid, item)
        if item == "浦东新区":
            continue  # the district list is part of the outlet step (asked again as a whole)
        before = await _state(harness, uid)
        out = await harness.send(uid, "/apply")
        assert await _state(harness, uid) == before, (item, before)
        assert "继续" in out[0].text or before == "CardForm:kind", out[0].text
        seen.append(before.split(":")[1])
    assert {"eligibility", "doc_confirm", "summary"} <= set(seen)
    assert set(seen) >= set(form.STEPS) - {"nationality"}  # a resident ID: no nationality step
    out = await _step(harness, uid, "✅ 确认提交")
    assert "申请已提交" in out[-1].text


def test_a_refused_move_names_the_statuses_in_the_readers_language():
    """Statuses are spelled once, in the catalogs: the domain's error names them by message."""
    from ui.i18n import get_translator
    from domain.cards.status import check_transition

    with pytest.raises(DomainError) as refused:
        check_transition("issued", "pending", "clerk")
    translator = get_translator()
    assert "“已办卡”改为“待办中”" in translator.err("zh", refused.value.code, **refused.value.params)
    assert '"card issued (已办卡)" to "pending (待办中)"' in translator.err("en", refused.value.code, **refused.value.params)
