"""Every surface reads right: one test per wording defect found in December 2026, the scan of every
catalog and data text for internal words, and English plurals."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.dev.textscan import INTERNAL_WORDS, scan_catalogs, scan_text
from ui.i18n import BoundTranslator, MessageRef, get_translator

ROOT = Path(__file__).resolve().parents[1]


def t(lang="zh"):
    return BoundTranslator(get_translator(), lang)


# --- the scan ------------------------------------------------------------------------------------

def test_no_internal_word_slug_or_file_name_in_any_catalog_or_data_text():
    assert scan_catalogs() == []


def test_the_scan_finds_what_it_is_for():
    assert "OCR" in scan_text("手册 OCR 中 A0 与附加疾病身故")
    assert "推测" in scan_text("手册未说明（推测不再代扣）")
    assert "行政区划表" in scan_text("在当年的行政区划表中找不到")
    assert "mutual_aid" in scan_text("还没有 mutual_aid 的数据")
    assert any(w.endswith("2026.yaml") for w in scan_text("（domain/data/programs/2026.yaml）"))
    assert "ss-import" in scan_text("相关常见问题主题：ss-import, member-data-type")
    assert scan_text("按 2023 年手册标准计算，请以当年通知为准。发送 /calendar 或写信 kefubu@shzbh.org.cn") == []
    assert "OCR" in INTERNAL_WORDS  # the one word list the knowledge base scan uses too


# --- one test per defect ----------------------------------------------------------------------------

def test_headcount_change_has_the_right_sign():
    from ui.calc_render import numbers_text
    from domain.calc import roster_numbers

    up = numbers_text(t(), roster_numbers("mutual_aid", planned=115, last_year=100, year=2023))
    assert "100 人 → 今年 115 人，变化 +15%" in up
    assert "变化 -15%" in numbers_text(t(), roster_numbers("mutual_aid", planned=85, last_year=100, year=2023))


def test_same_reason_as_above_is_only_said_under_the_same_reason():
    from domain.programs.machine import PROGRAMS, decide, load_machine
    from domain.programs.texts import status_texts
    from handlers.status import status_text

    for lang, same in (("zh", "原因同上。"), ("en", "same reason as above.")):
        names = {v: k for k, v in status_texts(lang)["actions"].items()}

        def action_of(item: str, names=names) -> str:  # the longest action name the line starts with
            bare = re.sub(r"([】”\u4e00-\u9fff]) \([^()]*\)", r"\1", item[2:])  # without the English glosses
            return names[max((n for n in names if bare.startswith(n) or item[2:].startswith(n)), key=len)]
        for program in PROGRAMS:
            machine = load_machine(program)
            for sid in machine.statuses:
                lines = status_text(t(lang), program, sid, None).split("\n")
                items = [ln for ln in lines if ln.startswith("• ")]
                for prev, line in zip(items, items[1:]):
                    if line.endswith(same):
                        this, above = action_of(line), action_of(prev)
                        assert decide(program, sid, this).reason == decide(program, sid, above).reason, (program, sid)
    text = status_text(t(), "mutual_aid", "roster_pending", None)
    assert "【保障项目选择】：原因同上" in text
    assert text.index("【保障项目选择】") < text.index("• 【批次撤回】")  # grouped under 【上传附件】's reason


def test_retiree_deduction_done_does_not_contradict_itself():
    from handlers.status import status_text

    for lang in ("zh", "en"):
        text = status_text(t(lang), "retiree", "deduction_done", "deduction")
        assert "只能【批次删除】" not in text and "only 【批次删除】" not in text
    assert "代扣完成后不能删除批次" in status_text(t(), "retiree", "deduction_done", "deduction")


def test_no_internal_words_in_the_named_messages():
    from domain.calendar import load_calendar

    assert "OCR" not in t()("err-calc-waiting-disputed") and "OCR" not in t("en")("err-calc-waiting-disputed")
    assert "当年的行政区划表" not in t()("err-id-birthplace-unknown")
    missed = [d.missed["zh"] + d.missed["en"] for d in load_calendar().deadlines]
    assert not any("推测" in m or "presumably" in m for m in missed)


async def test_a_recorded_day_gets_no_invented_hour(harness):
    from bot import scheduler
    from domain.calendar import load_calendar
    from domain.reminders import store
    from domain.reminders.events import unit_deadlines
    from tests.test_guides_chat import make_clerk

    unit_id = await make_clerk(harness, 780)
    await harness.send(780, "/events")
    await harness.press(780, "互助保障 · 已提交参保清册")
    day = (datetime.now(harness.app.settings.tz) - timedelta(days=2)).date()
    await harness.send(780, day.isoformat())
    text = (await harness.send(780, "/events"))[0].text
    assert f"{day.isoformat()}" in text and f"{day.isoformat()} 12:00" not in text
    scheduler.attach(harness.bot, harness.app.db, harness.app.settings)
    cal = load_calendar()
    async with harness.app.db.session() as s:
        events = await store.unit_events(s, unit_id)
    d = unit_deadlines(cal.rules, events, cal.workdays)[0]
    reminder = scheduler.reminder_text(get_translator(), "zh", d)
    assert f"按您单位记录的 {day.isoformat()} 计算" in reminder and "12:00" not in reminder


def test_english_plurals():
    en = t("en")
    assert en("cc-ask-outlet", count=1).startswith("1 checked application will")
    assert en("cc-ask-outlet", count=3).startswith("3 checked applications")
    assert "1 person," in en("bc-preview", audience="members", count=1)
    assert "2 people," in en("bc-preview", audience="members", count=2)
    assert "1 person enrolled" in en("calc-rt-lines", people=1, ok=1, amount="300", failed=0, total="450",
                                     premium="450", deducted="300", unit="150", unit_people=1)
    assert "(for 1 person)" in en("calc-rt-lines", people=1, ok=1, amount="300", failed=0, total="450",
                                  premium="450", deducted="300", unit="150", unit_people=1)
    assert en("calc-mb-title", type="A", year=2026, people=1).endswith("1 person")
    assert "2025" in en("cal-ask", years="2025")  # a number is not grouped ("2,025")
    assert t()("calc-mb-title", type="A", year=2026, people=12345).endswith("12345 人")


def test_english_catalog_counts_go_through_plural_selectors():
    nouns = r"people|persons|applications|days|deadlines|rules|steps|units|members|clerks|recipients"
    bare = re.compile(r"\{ \$\w+ \} (?:checked )?(?:" + nouns + r")\b")
    for path in (ROOT / "locales" / "en").glob("*.ftl"):
        if path.name == "roster.ftl":  # the roster report's wording is reworked on its own branch
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "[other]" in line:
                continue
            assert not bare.search(line), f"{path.name}:{n}: {line.strip()}"


def test_buttons_are_shortened_at_a_word_boundary_with_an_ellipsis():
    from handlers.menu import shorten

    title = "Member-exclusive protection, review and submission (secondary and district/industry unions)"
    short = shorten(title, 60)
    assert short.endswith("…") and len(short) <= 60 and title.startswith(short[:-1])
    assert title[len(short) - 1] in " ,(" or not title[len(short) - 1].isalnum()
    assert shorten("会员专享基本保障" * 10, 20) == ("会员专享基本保障" * 3)[:19] + "…"
    assert shorten("short") == "short"


def test_card_status_in_english_has_one_set_of_brackets():
    en = t("en")
    line = en("card-status-line", ref="KA1", status=MessageRef("card-st-submitted"), channel=en("card-channel-normal"))
    assert "normal channel" in line and ") (" not in line


def test_district_pickers_are_glossed_in_english():
    from handlers.menu import district_name

    assert district_name(t("en"), "浦东新区") == "Pudong New Area (浦东新区)"
    assert district_name(t(), "浦东新区") == "浦东新区"
    assert district_name(t("en"), "某某区") == "某某区"  # no translation: as the catalogue has it


def test_status_labels_are_glossed_in_english():
    from handlers.status import programs_kb, status_text

    text = status_text(t("en"), "retiree", "deduction_done", "deduction")
    assert "代扣完成,点击继续办理参保 (deduction finished, click to continue)" in text
    assert "(deduction finished" not in status_text(t(), "retiree", "deduction_done", "deduction")
    assert programs_kb(t("en")) is not None


def test_platform_button_in_an_english_reminder_is_glossed():
    from domain.calendar import load_calendar

    notes = [r.note.get("en", "") for r in load_calendar().rules if "提交确认保费" in r.note.get("en", "")]
    assert notes and all("提交确认保费 (confirming the premium)" in n for n in notes)
    assert "(confirming the premium)" in t("en")("calc-ma-pay", days=15, name="x", number="1", bank="b")


def test_console_as_switches_the_language_of_an_existing_user(tmp_path):
    from tests.test_foundation_transport import _cli

    run = _cli(["chat"], tmp_path, "/start\n/as 10001 en\n/start\n/as 10001 zh\n/start\n")
    assert run.returncode == 0, run.stderr
    greetings = re.findall(r"您好，我是工会服务助手|Hello, I am the Union Service Assistant", run.stdout)
    assert greetings == ["您好，我是工会服务助手", "Hello, I am the Union Service Assistant", "您好，我是工会服务助手"]
    assert "usage: /as" in _cli(["chat"], tmp_path, "/as 10001 fr\n").stdout


def test_member_basic_title_names_the_type_once():
    from ui.calc_render import member_basic_text
    from domain.calc import member_basic_fee

    r = member_basic_fee("A", 31, year=2024)
    zh = member_basic_text(t(), r)
    assert "会员专享基本保障 A 类" in zh and "A类会员专享基本保障" not in zh
    en = member_basic_text(t("en"), r)
    assert "type A" in en and "A类" not in en


async def test_the_mode_question_asks_what_its_buttons_answer(harness):
    await harness.send(790, "/start")
    await harness.press(790, "🧾 我是工会经办人")
    await harness.press(790, "🧭 我在哪一步")
    out = await harness.press(790, "退休住院计划")
    assert "缴费方式" in out[-1].text and "集中参保还是即时参保" not in out[-1].text
    assert {"委托代扣款缴费", "单位缴费凭证"} <= set(out[-1].button_texts)
    await harness.send(790, "/status")
    out = await harness.press(790, "互助保障项目2020")
    assert "集中参保还是即时参保" in out[-1].text


async def test_a_type_is_never_offered_and_then_said_to_have_no_fee(harness, monkeypatch):
    monkeypatch.setattr("domain.clock.today", lambda: date(2026, 12, 2))
    await harness.send(791, "/calc")
    await harness.press(791, "会员专享基本保障分摊")
    out = await harness.press(791, "2026")
    buttons = out[-1].button_texts
    assert "A 类（26 元/人）" in buttons and "A+ 类（按本区【保障金额设置】）" in buttons
    out = await harness.press(791, "A+ 类（按本区【保障金额设置】）")
    assert "手册示例标准" not in out[-1].button_texts  # no manual figure offered for A+


def test_every_platform_name_in_english_text_has_a_gloss():
    import glob

    import yaml

    glossary = yaml.safe_load((ROOT / "locales" / "en" / "glossary.yaml").read_text(encoding="utf-8"))
    names = set()
    for path in [*glob.glob(str(ROOT / "locales/en/*.ftl")), *glob.glob(str(ROOT / "locales/en/*.yaml")),
                 *glob.glob(str(ROOT / "locales/en/guides/*.yaml"))]:
        names |= set(re.findall(r"【([^】]+)】(?!\s*\()", Path(path).read_text(encoding="utf-8")))
    assert names - set(glossary) == set()


def test_gloss_after_the_first_appearance_only_in_english():
    from handlers.guides import step_text
    from ui.gloss import gloss
    from domain.guides.loader import load_guides

    text = gloss(t("en"), "First click 【批次撤回】, then 【批次撤回】 again; 【确定】 (OK).")
    assert text == "First click 【批次撤回】 (withdraw the batch), then 【批次撤回】 again; 【确定】 (OK)."
    assert gloss(t("en"), "Withdraw the batch 【批次撤回】") == "Withdraw the batch 【批次撤回】"
    assert gloss(t(), "点【批次撤回】") == "点【批次撤回】"
    # a quoted name too, unless it stands in brackets after its English name
    assert gloss(t("en"), "Click “提交审核”.") == "Click “提交审核” (submit for review)."
    assert gloss(t("en"), "Submit for review (“提交审核”).") == "Submit for review (“提交审核”)."
    # a name written bare is glossed when the whole Chinese run is the name, not inside a longer one
    assert gloss(t("en"), "Sub-menus: 卡片信息管理, 待办会员列表.") == \
        "Sub-menus: 卡片信息管理 (card info management), 待办会员列表 (pending member list)."
    assert gloss(t("en"), "the list (待办会员列表)") == "the list (待办会员列表)"
    g = load_guides("en")["mutual_aid_collective"]
    step = next(i for i, s in enumerate(g.steps) if "【提交确认保费】" in s.do + s.check + s.where)
    assert "【提交确认保费】 (confirm the premium)" in step_text(t("en"), g, step, 2026)


def test_every_bracketed_platform_label_of_a_chinese_text_is_in_its_english_twin():
    # an English answer is only of use on the Chinese screen if it names the button as the screen does:
    # "Submit roster (【清册提交】)"; a formula in brackets (…/…) is the manual's arithmetic, not a label
    import yaml

    missing = []
    for kind in ("facts", "kb"):
        for zh_file in sorted((ROOT / "locales" / "zh" / kind).glob("*.yaml")):
            en = {e["id"]: e for e in yaml.safe_load((ROOT / "locales" / "en" / kind / zh_file.name).read_text("utf-8"))}
            for entry in yaml.safe_load(zh_file.read_text("utf-8")):
                zh_text = entry.get("text") or entry.get("answer") or ""
                en_text = en[entry["id"]].get("text") or en[entry["id"]].get("answer") or ""
                missing += [(entry["id"], label) for label in re.findall(r"【([^】/]+)】", zh_text) if label not in en_text]
    assert missing == []


def test_an_english_answer_glosses_the_chinese_names_it_quotes():
    from domain.answers import get_engine
    from ui.answer_render import plain_answers

    out = get_engine().answer("How do I submit a card batch revocation?", "en")
    text = plain_answers(out, "en")[0]
    assert "“提交审核” (submit for review)" in text or "Submit for review (提交审核)" in text, text
    zh = plain_answers(get_engine().answer("办卡批次怎么撤销", "zh"), "zh")[0]
    assert "(submit for review)" not in zh
