"""Roster pre-check through the real dispatcher: documents in, summary and annotated copy out."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from bot.dev.testing import BotHarness
from tests.roster_fixtures import MA_HEADER, MB_HEADER, mobile, mutual_aid_rows, ole_file, paced, resident_id, xlsx

CLERK = 501


async def become_clerk(h, uid=CLERK):
    await h.send(uid, "/start")
    await h.press(uid, "经办人")


@pytest.fixture
async def h(tmp_path):
    async with BotHarness.create(tmp_path) as harness:
        await become_clerk(harness)
        yield harness


def documents(out):
    return [o for o in out if o.method == "sendDocument"]


async def test_menu_entry_and_template_downloads(h):
    out = await h.send(CLERK, "/roster")
    assert "清册预检" in out[-1].text
    assert len([b for b in out[-1].button_texts if b.startswith("⬇️")]) == 3
    out = await h.press(CLERK, "互助保障")
    doc = documents(out)[0]
    assert doc.file_name.endswith("mutual-aid.xlsx")
    ws = load_workbook(io.BytesIO(doc.file_bytes)).active
    assert [c.value for c in ws[1]] == MA_HEADER
    # the main menu shows the entry once the label exists
    out = await h.send(CLERK, "/menu")
    assert any("清册预检" in b for b in out[-1].button_texts)
    out = await h.press(CLERK, "清册预检")
    assert "清册预检" in out[-1].text


async def test_clean_file_summary_and_annotated_copy(h):
    data = xlsx([MA_HEADER] + mutual_aid_rows(5, start=100))
    out = await h.send_document(CLERK, content=data, file_name="名单.xlsx")
    texts = [o.text for o in out]
    assert any("读取数据 5 行：错误 0 个" in x for x in texts)
    assert any("没有发现平台会拒收的问题" in x for x in texts)
    doc = documents(out)[0]
    assert doc.file_name == "名单-预检结果.xlsx"
    wb = load_workbook(io.BytesIO(doc.file_bytes))
    assert wb.worksheets[0]["H1"].value == "预检结果"
    assert wb.worksheets[0]["H2"].value == "✅ 通过"


async def test_defects_are_summarised_with_rows_and_masked(h):
    rows = mutual_aid_rows(6)
    rows[2][2] = rows[0][2]           # row 4 duplicates row 2
    rows[4][6] = "不清楚"             # row 6
    out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + rows), file_name="r.xlsx")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "错误 3 个" in summary  # both rows of the duplicate pair, and row 6
    assert "第 2 行 C 列" in summary and "第 4 行 C 列" in summary and "第 6 行 G 列" in summary
    assert "证件号码重复" in summary
    for r in rows:  # no document number or phone in the chat
        assert r[2] not in summary and r[5] not in summary
    wb = load_workbook(io.BytesIO(documents(out)[0].file_bytes))
    ws = wb.worksheets[0]
    assert ws["C4"].comment is not None and "第 2 行" in ws["C4"].comment.text
    assert ws["C2"].comment is not None and "第 4 行" in ws["C2"].comment.text
    assert ws["H4"].value.startswith("❌") and ws["H2"].value.startswith("❌")
    assert wb.worksheets[1].title == "汇总"


async def test_large_file_shows_progress_in_an_edited_message(h):
    data = xlsx([MA_HEADER] + mutual_aid_rows(3000))
    out = await h.send_document(CLERK, content=data, file_name="big.xlsx")
    edits = [o.text for o in out if o.method == "editMessageText"]
    assert any("正在检查" in x and "/ 3000" in x for x in edits)
    assert "读取数据 3000 行" in edits[-1]  # the status message ends as the summary
    assert documents(out)


async def test_each_stage_of_a_large_file_is_shown_then_the_summary(h, monkeypatch):
    """Check, fixed file, annotated copy and a conversion each edit the status message with what is
    being done (no edit interval here, and a job that pauses after each stage's first report)."""
    import functools

    from handlers import roster

    monkeypatch.setattr(roster, "PROGRESS_INTERVAL", 0.0)
    monkeypatch.setattr(roster, "CHECK_JOB", functools.partial(paced, "check_job"))
    monkeypatch.setattr(roster, "CONVERT_JOB", functools.partial(paced, "convert_job"))
    out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(3000)), file_name="big.xlsx")
    status_id = next(o.message_id for o in out if o.method == "sendMessage" and "正在读取" in o.text)
    edits = [o for o in out if o.method == "editMessageText"]
    assert {o.message_id for o in edits} == {status_id}  # one status message, edited
    texts = [o.text for o in edits]
    stages = ["正在检查", "正在生成可上传文件", "正在生成标注文件"]
    assert all(any(stage in x for x in texts) for stage in stages), texts
    firsts = [next(i for i, x in enumerate(texts) if stage in x) for stage in stages]
    assert firsts == sorted(firsts)  # in the order the work is done
    assert any("已写入" in x and "/ 3000 行" in x for x in texts)
    assert "读取数据 3000 行" in texts[-1] and "可上传文件" in texts[-1]
    assert [d.file_name for d in documents(out)] == ["big-预检结果.xlsx", "big-可上传.xlsx"]

    out = await h.press(CLERK, "转成退休住院计划名单")
    texts = [o.text for o in out if o.method == "editMessageText"]
    assert any("正在转换" in x and "/ 3000 行" in x for x in texts)
    assert "已转成" in texts[-1]
    assert documents(out)[0].file_name == "big-retiree.xlsx"


async def test_unknown_header_asks_for_the_kind(h):
    header = ["姓名", "证件类型", "证件号码", "出生日期", "性别", "手机号"]
    rows = [["张三", "身份证", resident_id(date(1950, 1, 1), True), None, None, mobile(i)] for i in range(2)]
    rows[1][2] = resident_id(date(1951, 1, 1), False)
    rows[1][5] = rows[0][5]
    out = await h.send_document(CLERK, content=xlsx([header] + rows), file_name="x.xlsx")
    assert "看不出是哪一种模板" in out[-1].text
    assert not documents(out)
    kind_keyboard = h.last_with_buttons(CLERK)
    out = await h.press(CLERK, "退休住院计划")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "手机号重复" in summary and "第 3 行" in summary
    assert documents(out)
    # the choice is used up
    out = await h.press_data(CLERK, kind_keyboard.buttons[0]["callback_data"], kind_keyboard)
    assert h.answers()[-1].params.get("show_alert")


async def test_member_import_asks_for_the_member_type(h):
    row = ["会员甲", "身份证", resident_id(date(1990, 1, 1), True), mobile(1), "男", "某工会", "G1", "", "企业职工", "", "短"]
    out = await h.send_document(CLERK, content=xlsx([MB_HEADER, row]), file_name="m.xlsx")
    assert "会员数据类型" in out[-1].text
    out = await h.press(CLERK, "灵活就业类")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "会员标签不是灵活就业标签" in summary
    out = await h.send_document(CLERK, content=xlsx([MB_HEADER, row]), file_name="m.xlsx")
    out = await h.press(CLERK, "关联企业类")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "不足6个字" in summary and "会员标签" not in summary


@pytest.mark.parametrize("content,expected", [
    (b"just text", "不是 Excel 工作簿"),
    (ole_file(encrypted=False), "旧版 .xls"),
    (ole_file(encrypted=True), "设置了打开密码"),
    (b"PK\x03\x04garbage", "已损坏"),
    (xlsx([]), "工作表是空的"),
    (xlsx([["随便", "什么"]]), "找不到名单表头"),
])
async def test_hostile_files_get_a_clear_message(h, content, expected):
    out = await h.send_document(CLERK, content=content, file_name="bad.xlsx")
    assert expected in out[-1].text
    assert "无法读取" in out[-1].text
    assert not documents(out)
    # the bot is still fine afterwards
    out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="ok.xlsx")
    assert documents(out)


async def test_oversized_upload_is_refused_before_download(h):
    from aiogram.types import Document

    update = h.updates.message(CLERK, None, "zh", document=Document(
        file_id="nope", file_unique_id="nope", file_name="huge.xlsx", file_size=20 * 1048576))
    out = await h.send_update(CLERK, update)
    assert "文件太大" in out[-1].text and "20 MB" in out[-1].text
    assert not any(c.method == "getFile" for c in h.calls)


async def test_members_cannot_use_it_and_english_works(tmp_path):
    async with BotHarness.create(tmp_path) as h:
        await h.send(7, "/start")
        await h.press(7, "会员")
        out = await h.send_document(7, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="a.xlsx")
        assert "经办人功能" in out[-1].text and not documents(out)
        out = await h.send_document(7, content=b"%PDF-1.4", file_name="photo.pdf")
        assert "经办人功能" not in out[-1].text  # not a spreadsheet: the fallback answers
        await h.send(8, "/start", lang="en")
        await h.press(8, "clerk", lang="en")
        h.langs[8] = "en"
        rows = mutual_aid_rows(2)
        rows[1][6] = "maybe"
        out = await h.send_document(8, content=xlsx([MA_HEADER] + rows), file_name="a.xlsx")
        summary = next(o.text for o in out if "data rows read" in o.text)
        assert "Row 3, column G" in summary
        assert documents(out)[0].file_name == "a-checked.xlsx"


async def test_clerk_can_change_the_age_reference_date(h):
    woman = resident_id(date(1970, 7, 2), male=False)  # 55 on 2025-07-02
    rows = [["甲", "身份证", woman, None, None, None, "否"]]
    data = xlsx([MA_HEADER] + rows)
    out = await h.send_document(CLERK, content=data, file_name="age.xlsx")
    first = next(o for o in out if "读取数据" in o.text)
    assert "无社保且超龄" in first.text  # default reference date: start of the current protection year
    assert any("基准日" in b for b in first.button_texts)
    out = await h.press(CLERK, "基准日")
    assert "YYYY-MM-DD" in out[-1].text
    out = await h.send(CLERK, "2025/07/01")
    assert "日期格式不对" in out[-1].text
    out = await h.send(CLERK, "2025-07-01")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "错误 0 个" in summary and "年龄按 2025-07-01 计算" in summary
    out = await h.send(CLERK, "2025-07-03")  # the form is over: plain text goes elsewhere
    assert not any("读取数据" in o.text for o in out)
    await h.press(CLERK, "基准日")
    out = await h.send(CLERK, "2025-07-03")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "无社保且超龄" in summary and "错误 1 个" in summary


async def test_download_failure_asks_to_resend(h):
    h.session.fail["getFile"] = [{"error_code": 400, "description": "Bad Request: file is too big"}]
    out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="a.xlsx")
    assert "没有下载成功" in out[-1].text and not documents(out)
    out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="a.xlsx")
    assert documents(out)


async def test_the_clerk_gets_the_annotated_copy_and_the_file_ready_to_upload(h):
    rows = mutual_aid_rows(4)
    rows[0][2] = rows[0][2][:6] + " " + rows[0][2][6:]  # fixed: space removed
    rows[1][6] = "不知道"                                  # left out: needs a person
    out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + rows, title_rows=[["名单"]]), file_name="名单.xlsx")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "可上传文件「名单-可上传.xlsx」" in summary and "3 行，修改 1 处" in summary and "未放入 1 行" in summary
    docs = documents(out)
    assert [d.file_name for d in docs] == ["名单-预检结果.xlsx", "名单-可上传.xlsx"]
    from domain.roster import CheckOptions, check_roster

    again = check_roster(docs[1].file_bytes, "mutual-aid", CheckOptions())
    assert again.rows == 3 and again.errors == 0
    report = load_workbook(io.BytesIO(docs[0].file_bytes))
    assert [ws.title for ws in report.worksheets] == ["Sheet1", "汇总", "未放入可上传文件的行", "修改清单"]


async def test_convert_a_checked_member_list_to_a_mutual_aid_roster(h):
    woman = resident_id(date(1990, 5, 6), male=False)
    row = ["会员甲", "身份证", woman, mobile(1), "女", "某工会", "G1", "", "", "", "上海市黄浦区人民大道200号"]
    await h.send_document(CLERK, content=xlsx([MB_HEADER, row]), file_name="会员.xlsx")
    out = await h.press(CLERK, "关联企业类")
    assert any("转成互助保障名单" in b for o in out for b in o.button_texts)
    out = await h.press(CLERK, "转成互助保障名单")
    text = next(o.text for o in out if "已转成" in o.text)
    assert "1 人" in text and "出生日期" in text and "*是否有社保" in text
    doc = documents(out)[0]
    assert doc.file_name == "会员-mutual-aid.xlsx"
    ws = load_workbook(io.BytesIO(doc.file_bytes)).worksheets[0]
    assert [c.value for c in ws[1]] == MA_HEADER and ws["D2"].value == "1990-05-06"


async def test_progress_edits_are_throttled_in_order_and_stop_under_flood_control():
    """_Progress on a fake clock: the first report edits at once, later ones only after the
    interval and only once the previous edit is done, never the same text twice, and nothing more
    after Telegram answered 429."""
    import asyncio

    from aiogram.exceptions import TelegramRetryAfter
    from aiogram.methods import EditMessageText

    from ui.i18n import translator_for as translator
    from handlers import roster

    class Status:
        def __init__(self):
            self.texts, self.flood, self.gate = [], False, asyncio.Event()
            self.gate.set()

        async def edit_text(self, text, **kw):
            await self.gate.wait()
            if self.flood:
                raise TelegramRetryAfter(EditMessageText(text=text), "Too Many Requests", retry_after=5)
            self.texts.append(text)

    now = [100.0]
    status = Status()
    progress = roster._Progress(asyncio.get_running_loop(), status, translator("zh"),
                                clock=lambda: now[0])

    async def edits_done():
        for fut in progress.futures:
            while not fut.done():
                await asyncio.sleep(0.01)

    async def report(done, total=5000, stage="check"):
        await asyncio.to_thread(progress, done, total, stage)
        await edits_done()

    await report(250)
    await report(500)                      # within the interval: no edit
    now[0] += roster.PROGRESS_INTERVAL
    await report(750)
    now[0] += roster.PROGRESS_INTERVAL
    await report(750)                      # the same text again: no edit
    await report(999, total=999)           # a small file: never
    assert status.texts == ["⏳ 正在检查：250 / 5000 行…", "⏳ 正在检查：750 / 5000 行…"]

    status.gate.clear()                    # an edit on its way holds the next one back
    await asyncio.to_thread(progress, 1000, 5000, "fix")
    now[0] += roster.PROGRESS_INTERVAL
    await asyncio.to_thread(progress, 1500, 5000, "fix")
    status.gate.set()
    await edits_done()
    assert status.texts[2:] == ["⏳ 正在生成可上传文件：已写入 1000 / 5000 行…"]

    status.flood = True
    now[0] += roster.PROGRESS_INTERVAL
    await report(2000, stage="report")     # answered 429
    status.flood = False
    now[0] += roster.PROGRESS_INTERVAL
    await report(3000, stage="report")     # progress has given up
    assert len(status.texts) == 3 and progress.stopped

    # the work is done while an edit still waits: settle cancels it, later reports edit nothing
    late = roster._Progress(asyncio.get_running_loop(), status, translator("en"), clock=lambda: now[0])
    status.gate.clear()
    await asyncio.to_thread(late, 4000, 5000, "convert")
    await late.settle()
    status.gate.set()
    now[0] += roster.PROGRESS_INTERVAL
    await asyncio.to_thread(late, 4500, 5000, "convert")
    await asyncio.sleep(0.05)
    assert len(status.texts) == 3 and late.futures[0].cancelled() and len(late.futures) == 1
