"""The current protection year (as of 2 December 2026): every calculator, guide date, /status
deadline and deadline list answers for it with the latest manual year's figures carried over, and
says so in one line; admins are told what is missing; fee tables load through draft -> check -> load."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.calc import coverage, member_basic_fee, mutual_aid_fee, retiree_deduction, roster_numbers
from domain.calc.common import CalcError
from domain.calc.data import offered_years, program_data, year_for
from ui.i18n import BoundTranslator, get_translator

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def december_2026(monkeypatch):
    monkeypatch.setattr("domain.clock.today", lambda: TODAY)
    monkeypatch.setattr("domain.clock.now", lambda: datetime(2026, 12, 2, 10, 0, tzinfo=TZ))


def t(lang="zh"):
    return BoundTranslator(get_translator(), lang)


def carried(issues) -> list[dict]:
    return [i.params for i in issues if i.code == "calc.carried_over"]


def test_mutual_aid_premium_for_2026_uses_2023_figures_and_says_so():
    r = mutual_aid_fee("A0,B0,C0,A3,B3,C3", insured=4, start=TODAY)
    assert r.year == 2026 and r.tier == "full" and r.end == date(2027, 6, 30) and r.total == 4780
    assert carried(r.warnings) == [{"year": 2023, "target": 2026}]
    from ui.calc_render import mutual_aid_text

    text = mutual_aid_text(t(), r)
    assert "按 2023 年手册标准计算，请以当年通知为准" in text and "2026 保障年度" in text
    assert "Calculated with the 2023 manual's figures" in mutual_aid_text(t("en"), r)
    half = mutual_aid_fee("A0", insured=1, start=date(2027, 2, 1))  # second half of the 2026 year
    assert half.year == 2026 and half.tier == "half" and half.total == 60


def test_a_loaded_year_has_no_carried_note():
    r = mutual_aid_fee("A0", insured=1, start=date(2023, 9, 15))
    assert r.year == 2023 and carried(r.warnings) == []


def test_far_future_is_still_an_error():
    with pytest.raises(CalcError):
        mutual_aid_fee("A0", insured=1, start=date(2031, 9, 1))


def test_member_basic_fee_defaults_to_the_current_year():
    r = member_basic_fee("A", 31)
    assert r.year == 2026 and r.period == (date(2026, 1, 1), date(2026, 12, 31)) and r.total == 806
    assert carried(r.warnings) == [{"year": 2024, "target": 2026}]
    assert member_basic_fee("A", 31, year=2027).year == 2027


def test_retiree_deduction_defaults_to_the_current_year():
    r = retiree_deduction(300, 13, succeeded=9)
    assert r.year == 2026 and carried(r.warnings) == [{"year": 2025, "target": 2026}] and r.unit_pays == 3150


def test_coverage_instant_and_collective_in_2026():
    c = coverage("retiree", "instant", submitted=date(2026, 12, 1))
    assert (c.year, c.start, c.end, c.claims_from["plan"]) == (2026, TODAY, date(2027, 6, 30), date(2027, 1, 1))
    assert carried(c.warnings) == [{"year": 2025, "target": 2026}]
    m = coverage("mutual-aid", "instant", submitted=date(2026, 12, 1), items="A0,B0")
    assert m.year == 2026 and m.end == date(2027, 6, 30) and m.claims_from == {"A0": date(2027, 1, 1),
                                                                                 "B0": date(2027, 1, 31)}
    # collective enrollment in December is for next year's member protection (its window opened in October)
    mb = coverage("member-basic", "collective", submitted=TODAY)
    assert (mb.year, mb.start, mb.end) == (2027, date(2027, 1, 1), date(2027, 12, 31))
    # mutual aid's collective window of 2027 opens in June: in December the year under way is 2026
    assert coverage("mutual-aid", "collective", submitted=TODAY, items="A0").year == 2026
    assert coverage("mutual-aid", "collective", submitted=date(2027, 6, 10), items="A0").year == 2027


def test_roster_numbers_current_year_and_headcount_sign():
    r = roster_numbers("mutual_aid", planned=115, last_year=100)
    assert r.year == 2026 and carried(r.warnings) == [{"year": 2023, "target": 2026}]
    assert r.checks[0]["change_pct"] == 15
    from ui.calc_render import numbers_text

    text = numbers_text(t(), r)
    assert "上年 100 人 → 今年 115 人，变化 +15%" in text and "-15" not in text
    down = numbers_text(t(), roster_numbers("mutual_aid", planned=85, last_year=100))
    assert "变化 -15%" in down


def test_pickers_offer_the_current_year():
    assert 2026 in offered_years("mutual_aid") and 2026 in offered_years("retiree")
    assert {2026, 2027} <= set(offered_years("member_basic"))  # December: next year's collective enrollment
    assert program_data("mutual_aid", 2026).carried_from == 2023
    assert year_for("retiree", TODAY).raw["instant_opens"] == date(2026, 7, 1)


def test_guide_dates_follow_the_guides_protection_year():
    from domain.guides.loader import load_guides
    from handlers.guides import guide_year, step_text

    zh = load_guides("zh")
    g = zh["member_card_district"]
    assert guide_year(g) == 2027
    texts = [step_text(t(), g, i, 2027) for i in range(len(g.steps))]
    joined = "\n".join(texts)
    assert "2026-12-26 至 2026-12-31" in joined and "2022-12-26" not in joined and "[[" not in joined
    assert "日期按 2023 年手册推算到 2027 保障年度，请以当年通知为准" in joined
    ma = load_guides("en")["mutual_aid_collective"]
    assert guide_year(ma) == 2026
    en = "\n".join(step_text(t("en"), ma, i, 2026) for i in range(len(ma.steps)))
    assert "2026-06-01 to 2026-06-30" in en and "2023-06-01" not in en
    rt = zh["retiree_deduction"]
    joined = "\n".join(step_text(t(), rt, i, guide_year(rt)) for i in range(len(rt.steps)))
    assert "2026-06-04 16:00" in joined and "按 2025 年手册" in joined


def test_every_guide_date_token_resolves():
    from domain.guides.dates import fill, tokens
    from domain.guides.loader import load_guides

    for lang in ("zh", "en"):
        for guide in load_guides(lang).values():
            for step in guide.steps:
                for text in (step.where, step.do, step.check):
                    if tokens(text):
                        assert "[[" not in fill(text, 2026, lang)[0], (guide.id, step.id)


def test_status_deadline_is_the_coming_one():
    from domain.programs.machine import describe

    d = describe("retiree", "centre_approved", "deduction").deadline
    assert d["value"]["date"] == date(2027, 6, 4) and d["stale"] is True and d["year"] == 2025
    from handlers.status import status_text

    text = status_text(t(), "retiree", "centre_approved", "deduction")
    assert "2027-06-04 16:00" in text and "按 2025 年手册的日期推算，请以当年通知为准" in text


def test_deadline_list_has_coming_dates_estimated():
    from domain.calendar import carried_over, load_calendar

    cal = load_calendar()
    now = datetime(2026, 12, 2, 10, 0, tzinfo=TZ)
    est = carried_over(cal.deadlines, now)
    assert est and all(d.due >= now and d.carried_from for d in est)
    by_id = {d.id: d for d in est}
    assert by_id["mp2027_district_submit"].due.date() == date(2026, 12, 31)
    assert by_id["rt2027_deduction_application"].due.date() == date(2027, 6, 4)
    assert by_id["ma2027_collective_window"].carried_from == 2023


async def test_deadlines_chat_shows_the_current_year(harness):
    from tests.test_guides_chat import make_clerk

    await make_clerk(harness, 760)
    text = (await harness.send(760, "/deadlines"))[0].text
    assert "2026-12-25" in text and "按 2023 年手册的日期推算，请以当年通知为准" in text
    assert "尚未导入新年度" not in text


async def test_admin_sees_missing_data_in_calendar(harness):
    text = (await harness.send(1, "/calendar"))[0].text
    assert "本保障年度尚缺的数据" in text
    assert "日历：互助保障 2026 保障年度（现按 2023 年推算" in text
    assert "费率：互助保障项目2020 2026 保障年度（现按 2023 年标准" in text


async def test_admins_told_once_a_day(harness):
    from bot.data_notice import notify_admins
    from domain.calendar import load_calendar

    calls = []

    class FakeSender:
        db = harness.app.db

        async def fan_out(self, key, lead, recipients, text_for):
            calls.append((key, lead, recipients, await text_for(recipients[0])))

            class R:
                sent = len(recipients)
            return R()

    settings = harness.app.settings
    cal = load_calendar()
    early = datetime(2026, 12, 2, 7, 30, tzinfo=TZ)
    assert await notify_admins(early, cal, settings, FakeSender(), get_translator()) == 0 and calls == []
    assert await notify_admins(datetime(2026, 12, 2, 9, 5, tzinfo=TZ), cal, settings, FakeSender(), get_translator()) == 1
    key, lead, recipients, text = calls[0]
    assert key == "missing-data:2026-12-02" and lead == "daily" and recipients == [1]
    assert "本保障年度尚缺的数据" in text


def test_rates_draft_check_load(tmp_path, monkeypatch, capsys):
    from bot.dev import cli
    from domain.calc import data

    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    try:
        assert cli.main(["rates", "draft", "r.yaml", "--year", "2026"]) == 0
        draft = (tmp_path / "r.yaml").read_text(encoding="utf-8")
        assert "draft: true" in draft and "start: 2026-07-01" in draft
        assert cli.main(["rates", "check", "r.yaml"]) == 1
        assert cli.main(["rates", "load", "r.yaml"]) == 1
        assert "is a draft" in capsys.readouterr().err
        assert not (tmp_path / "data" / "rates" / "2026.yaml").exists()
        (tmp_path / "r.yaml").write_text(draft.replace("draft: true\n", "").replace("A0:\n      full: 120",
                                                                                    "A0:\n      full: 130"),
                                         encoding="utf-8")
        assert cli.main(["rates", "check", "r.yaml"]) == 0
        assert cli.main(["rates", "load", "r.yaml"]) == 0
        assert (tmp_path / "data" / "rates" / "2026.yaml").exists()
        r = mutual_aid_fee("A0", insured=1, start=TODAY)
        assert r.total == 130 and carried(r.warnings) == []
        assert ("mutual_aid", 2026, 2023) not in data.missing_current()
        (tmp_path / "bad.yaml").write_text("year: 2026\nretiree: {period: {start: 2026-07-01, end: 2026-01-01}}\n",
                                           encoding="utf-8")
        assert cli.main(["rates", "load", "bad.yaml"]) == 1
        assert mutual_aid_fee("A0", insured=1, start=TODAY).total == 130  # a bad file changed nothing
    finally:
        data.use_folder(None)
