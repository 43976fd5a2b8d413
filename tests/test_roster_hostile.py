"""Hostile workbooks (issue 12): refused with a clear message before any grid is built, in a
worker process with a memory and time limit, while the bot keeps answering everybody else."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from bot.sandbox import Sandbox, SandboxError
from bot.dev.testing import BotHarness
from domain.roster import CheckOptions, check_roster
from domain.spreadsheet import WorkbookError, guard_workbook, neutralise
from tests.roster_fixtures import (
    MA_HEADER,
    add,
    hog_check,
    hog_memory,
    raise_value_error,
    sleep_forever,
    slow_check,
    vm_peak,
    billion_laughs_xlsx,
    external_link_xlsx,
    formula_xlsx,
    lying_member_xlsx,
    mutual_aid_rows,
    ole_file,
    raw_xlsx,
    sheet_xml,
    sparse_rows_xlsx,
    xlsx,
    xxe_xlsx,
    zip_bomb_xlsx,
)

ROOT = Path(__file__).resolve().parents[1]
CLERK = 601
OTHER = 602

# name -> (builder, file-level code, words of the zh message the clerk reads)
HOSTILE = {
    "sparse rows": (sparse_rows_xlsx, "file.too_many_rows", "表格用到了 1048576 行"),
    "lying member size": (lying_member_xlsx, "file.corrupt", "文件已损坏"),
    "zip bomb": (zip_bomb_xlsx, "file.zip_bomb", "解压后异常巨大"),
    "xxe": (xxe_xlsx, "file.xml_entities", "DTD"),
    "billion laughs": (billion_laughs_xlsx, "file.xml_entities", "DTD"),
    "external links": (external_link_xlsx, "file.external_links", "外部链接"),
    "password": (lambda: ole_file(encrypted=True), "file.encrypted", "设置了打开密码"),
}


def unreadable_code(data: bytes) -> str:
    result = check_roster(data, "mutual-aid", CheckOptions())
    assert not result.readable and result.exit_code == 2 and result.issues == []
    return result.file_issues[0].code


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_hostile_workbook_is_refused_with_its_code_and_little_memory(name):
    build, code, _ = HOSTILE[name]
    data = build()
    tracemalloc.start()
    try:
        assert unreadable_code(data) == code
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1048576, f"{name}: {peak / 1048576:.0f} MiB"


def test_the_sparse_row_file_is_tiny_and_claims_a_huge_grid():
    data = sparse_rows_xlsx(64)
    assert len(data) < 2048
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert b'r="1048576"' in zf.read("xl/worksheets/sheet1.xml")


def test_the_lying_member_really_holds_more_than_it_declares():
    data = lying_member_xlsx(real_bytes=8 * 1048576, declared=1024)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        assert info.file_size == 1024 and info.compress_size > 1024 * 4
    assert unreadable_code(data) == "file.corrupt"


@pytest.mark.parametrize("body,code", [
    # a row number far away, cells without an address
    (b'<row r="900000"><c t="inlineStr"><is><t>x</t></is></c></row>', "file.too_many_rows"),
    # rows without a number follow each other: 20,001 of them
    (b"<row/>" * 20001, "file.too_many_rows"),
    # a number written with a character reference
    (b'<row r="&#49;048576"><c r="A&#49;048576"><v>1</v></c></row>', "file.too_many_rows"),
    # a namespace prefix on the main namespace
    (b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="1">'
     b'<x:c r="XFD1"><x:v>1</x:v></x:c></x:row>', "file.too_many_columns"),
    # the address repeated: the last one is far
    (b'<row r="1"><c r="A1" r="A1048576"><v>1</v></c></row>', "file.too_many_rows"),
    # 65 cells in a row, addressed one after another without addresses
    (b'<row r="1">' + b"<c><v>1</v></c>" * 65 + b"</row>", "file.too_many_columns"),
])
def test_sheet_bounds_hold_whatever_the_xml_claims(body, code):
    assert unreadable_code(raw_xlsx(sheet_xml(body))) == code


def test_dimension_is_bounded_too():
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><dimension ref="A1:BL1048576"/><sheetData><row r="1"><c r="A1" '
           b't="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    assert unreadable_code(raw_xlsx(xml)) == "file.too_many_rows"


def test_bzip2_and_lzma_members_are_refused_before_inflating():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_LZMA) as zf:
        zf.writestr("xl/workbook.xml", b"<workbook/>")
    assert unreadable_code(out.getvalue()) == "file.corrupt"


def test_ordinary_files_pass_the_guard_unchanged():
    data = xlsx([MA_HEADER] + mutual_aid_rows(50), title_rows=[["2026年名单"]])
    guard_workbook(data)
    result = check_roster(data, "mutual-aid", CheckOptions())
    assert result.readable and result.rows == 50


def test_calendar_and_outlet_uploads_use_the_same_guard():
    from domain.calendar import CalendarError, parse_calendar_xlsx
    from domain.cards.catalogue import parse_catalogue_xlsx
    from domain.repos import DomainError

    for data in (sparse_rows_xlsx(), lying_member_xlsx(8 * 1048576), xxe_xlsx(), external_link_xlsx()):
        with pytest.raises(WorkbookError):
            guard_workbook(data)
        with pytest.raises(CalendarError):
            parse_calendar_xlsx(data)
        with pytest.raises(DomainError):
            parse_catalogue_xlsx(data)


def test_one_formula_neutraliser():
    assert [neutralise(v) for v in ("=1+1", "+86", "-3", "@x", "\tA", "张三", 5, None)] == [
        "'=1+1", "'+86", "'-3", "'@x", "'\tA", "张三", 5, None]
    import domain.cards.service as cards
    import domain.roster.report as report

    assert not hasattr(cards, "neutralise")  # the card bank roster calls domain.spreadsheet's
    assert report.neutralise is neutralise


# --- the worker process -------------------------------------------------------------------------


def test_the_worker_is_stopped_by_its_memory_and_time_limits_and_replaced():
    box = Sandbox(memory_mb=512, timeout=3, workers=1)
    try:
        seen = []
        assert asyncio.run(box.run(add, 2, 3, progress=lambda d, t: seen.append((d, t)))) == 5
        assert seen == [(1, 2)]
        pid = box._idle[0].process.pid
        with pytest.raises(SandboxError) as err:
            asyncio.run(box.run(hog_memory, 2048))  # 2 GiB under a 512 MiB address-space limit
        assert err.value.reason == "memory"
        with pytest.raises(SandboxError) as err:
            asyncio.run(box.run(sleep_forever))
        assert err.value.reason == "timeout"
        with pytest.raises(SandboxError) as err:
            asyncio.run(box.run(raise_value_error))
        assert err.value.reason == "failed"
        assert asyncio.run(box.run(add, 1, 1)) == 2  # a fresh worker after the killed ones
        assert asyncio.run(box.run(vm_peak)) <= 512  # its address space is capped
        assert box._idle[0].process.pid != pid
        assert box.failures == {"memory": 1, "timeout": 1, "failed": 1}
    finally:
        box.close()


# --- through the real dispatcher ----------------------------------------------------------------


async def become_clerk(h, uid=CLERK):
    await h.send(uid, "/start")
    await h.press(uid, "经办人")


def documents(out):
    return [o for o in out if o.method == "sendDocument"]


@pytest.fixture
async def h(tmp_path):
    async with BotHarness.create(tmp_path, roster_checks_per_minute=100) as harness:
        await become_clerk(harness)
        yield harness


@pytest.mark.parametrize("name", list(HOSTILE))
async def test_hostile_workbooks_in_chat_get_a_clear_message(h, name):
    build, _, words = HOSTILE[name]
    out = await h.send_document(CLERK, content=build(), file_name="bad.xlsx")
    assert "无法读取" in out[-1].text and words in out[-1].text
    assert not documents(out)


async def test_formulas_are_reported_in_chat(h):
    out = await h.send_document(CLERK, content=formula_xlsx(), file_name="f.xlsx")
    summary = next(o.text for o in out if "读取数据" in o.text)
    assert "单元格是公式" in summary and documents(out)


async def test_the_bot_answers_another_user_while_a_check_runs(h, tmp_path, monkeypatch):
    import handlers.roster as roster

    flags = tmp_path / "flags"
    flags.mkdir()
    monkeypatch.setattr(roster, "CHECK_JOB", slow_check)

    class Flagged:
        def __init__(self, box):
            self.box = box

        async def run(self, fn, *args, progress=None):
            return await self.box.run(fn, str(flags), *args, progress=progress)

    monkeypatch.setitem(h.dp.workflow_data, "roster_worker", Flagged(h.dp["roster_worker"]))
    task = asyncio.create_task(h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(3)),
                                               file_name="r.xlsx"))
    while not (flags / "started").exists():
        await asyncio.sleep(0.02)
    out = await h.send(OTHER, "/start")  # answered while the worker holds the clerk's file
    assert out and out[-1].text
    assert not task.done()
    (flags / "go").touch()
    out = await task
    assert any("读取数据 3 行" in o.text for o in out) and documents(out)


async def test_a_file_past_the_limits_cannot_be_checked_and_the_bot_goes_on(tmp_path, monkeypatch):
    import handlers.roster as roster

    hog = hog_check
    monkeypatch.setattr(roster, "CHECK_JOB", hog)
    async with BotHarness.create(tmp_path, roster_worker_memory_mb=384, roster_worker_timeout=20) as h:
        await become_clerk(h)
        out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="a.xlsx")
        assert "无法读取" in out[-1].text and "无法检查" in out[-1].text and not documents(out)
        monkeypatch.setattr(roster, "CHECK_JOB", roster.check_job)
        out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="a.xlsx")
        assert documents(out)
        await h.send(OTHER, "/start", lang="en")
        await h.press(OTHER, "clerk", lang="en")
        h.langs[OTHER] = "en"
        monkeypatch.setattr(roster, "CHECK_JOB", hog)
        out = await h.send_document(OTHER, content=xlsx([MA_HEADER] + mutual_aid_rows(1)), file_name="a.xlsx")
        assert "cannot be checked" in out[-1].text


async def test_checks_per_user_per_minute(tmp_path):
    async with BotHarness.create(tmp_path, roster_checks_per_minute=2) as h:
        await become_clerk(h)
        await become_clerk(h, OTHER)
        data = xlsx([MA_HEADER] + mutual_aid_rows(1))
        for _ in range(2):
            assert documents(await h.send_document(CLERK, content=data, file_name="a.xlsx"))
        out = await h.send_document(CLERK, content=data, file_name="a.xlsx")
        assert "一分钟内最多检查 2 个文件" in out[-1].text and "秒再发送" in out[-1].text
        assert not documents(out)
        assert not any(c.method == "getFile" for c in h.calls[-3:])  # refused before the download
        assert documents(await h.send_document(OTHER, content=data, file_name="a.xlsx"))  # per user


# --- the whole suite in a fresh bot process: its peak memory ---------------------------------------


async def _suite_in_this_process(tmp: str) -> dict:
    import resource

    figures = {}
    async with BotHarness.create(tmp, roster_checks_per_minute=1000) as h:
        await become_clerk(h)
        figures["ready_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        for n, (name, (_, _, words)) in enumerate(HOSTILE.items()):
            data = Path(tmp, f"hostile{n}.xlsx").read_bytes()  # built by the test process, not here
            started = time.perf_counter()
            out = await h.send_document(CLERK, content=data, file_name="bad.xlsx")
            figures[name] = {"seconds": round(time.perf_counter() - started, 2), "refused": words in out[-1].text,
                             "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
            del data, out
        out = await h.send_document(CLERK, content=xlsx([MA_HEADER] + mutual_aid_rows(5)), file_name="ok.xlsx")
        figures["afterwards"] = {"report": bool(documents(out))}
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return figures


def main() -> None:  # python -c "from tests.test_roster_hostile import main; main()" TMPDIR
    print(json.dumps(asyncio.run(_suite_in_this_process(sys.argv[1]))))


def test_hostile_suite_peak_memory_of_the_bot_process(tmp_path):
    """The bot process (the worker is a child, killed by its own limit) does not grow with them."""
    for n, (build, _, _) in enumerate(HOSTILE.values()):
        (tmp_path / f"hostile{n}.xlsx").write_bytes(build())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", "from tests.test_roster_hostile import main; main()", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    print(figures)
    assert all(figures[name]["refused"] for name in HOSTILE), figures
    assert figures["afterwards"]["report"]
    # the hostile files cost the bot process next to nothing beyond its own start (about 240 MB on
    # 2026-12-02, which the roster does not control); the absolute figure is in the README
    assert figures["peak_rss_mb"] - figures["ready_rss_mb"] < 50, figures


def test_a_warmed_worker_is_ready_for_the_next_job():
    from tests.roster_fixtures import add as add_job

    box = Sandbox(memory_mb=512, timeout=30)
    try:
        box.warm(add_job, 1, 2)
        deadline = time.monotonic() + 120
        while not box._idle and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(box._idle) == 1
        pid = box._idle[0].process.pid
        box.warm(add_job, 1, 2)  # one is idle: nothing more is started
        assert asyncio.run(box.run(add_job, 2, 2)) == 4
        assert box._idle[0].process.pid == pid
    finally:
        box.close()
