"""Roster pre-check on a 5,000-row mutual-aid roster.

Prints, from the same run and the same file: a plain openpyxl read-only load (open + read every
row's values) beside the full check (container guards + read + every rule), the check plus the
fixed file (issue 15), their ratios (target at most 1.5), the time to write the annotated copy,
and peak memory (traced Python allocations of the check, of the check + fixed file, of the report;
the process's max RSS).
"""

from __future__ import annotations

import io
import random
import resource
import statistics
import time
import tracemalloc
from datetime import date

from openpyxl import Workbook, load_workbook
from stdnum.cn import ric

from domain.roster import CheckOptions, check_roster
from domain.roster.checker import forget_numbers
from domain.roster.fixer import fix_roster
from domain.roster.report import write_report

ROWS = 5000
REPEAT = 5
HEADER = ["*姓名", "*证件类型 (身份证、非身份证)", "*证件号码",
          "出生日期(非身份证类型为必填) 格式例如(1990-01-01)", "性别 (非身份证类型为必填)", "手机号", "*是否有社保"]


def build_roster(rows: int = ROWS, seed: int = 7) -> bytes:
    """A realistic roster: mostly resident IDs, some non-ID rows, ~1% planted defects."""
    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(HEADER)
    for i in range(rows):
        birth = date(rnd.randint(1966, 2003), rnd.randint(1, 12), rnd.randint(1, 28))
        body = f"310104{birth:%Y%m%d}{rnd.randint(0, 999):03d}"
        number = body + ric.calc_check_digit(body + "0")
        phone = f"1{rnd.choice('3589')}{rnd.randint(0, 999_999_999):09d}"
        ss = "是" if rnd.random() < 0.9 else "否"
        if i % 50 == 7:
            ws.append([f"员工{i}", "非身份证", f"E{i:08d}", birth.isoformat(), rnd.choice("男女"), phone, ss])
        elif i % 100 == 13:
            ws.append([f"员工{i}", "身份证", number[:-1] + ("0" if number[-1] != "0" else "1"), None, None, phone, ss])
        else:
            ws.append([f"员工{i}", "身份证", number, None, None, phone if rnd.random() < 0.8 else None, ss])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def plain_load(data: bytes) -> int:
    wb = load_workbook(io.BytesIO(data), read_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    data = build_roster()
    options = CheckOptions(as_of=date(2025, 7, 1))
    plain_load(data)
    result = check_roster(data, "mutual-aid", options)  # warm-up (stdnum's region table, imports)
    plain, check = [], []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        plain_load(data)
        plain.append(time.perf_counter() - t0)
        forget_numbers()  # every timed run starts with no remembered ID or phone check
        t0 = time.perf_counter()
        result = check_roster(data, "mutual-aid", options)
        check.append(time.perf_counter() - t0)
    plain_s, check_s = statistics.median(plain), statistics.median(check)
    fix_times = []
    for _ in range(3):
        forget_numbers()
        t0 = time.perf_counter()
        checked = check_roster(data, "mutual-aid", options)
        fixed = fix_roster(checked, options)
        fix_times.append(time.perf_counter() - t0)
    fix_s = statistics.median(fix_times)

    tracemalloc.start()
    check_roster(data, "mutual-aid", options)
    _, check_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    forget_numbers()
    tracemalloc.start()
    fix_roster(check_roster(data, "mutual-aid", options), options)
    _, fix_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    report_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        report = write_report(result)
        report_times.append(time.perf_counter() - t0)
    tracemalloc.start()
    write_report(result)
    _, report_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"roster: {result.rows} data rows, file {len(data) / 1024:.0f} KiB, "
          f"{result.errors} errors / {result.warnings} warnings found")
    print(f"plain openpyxl read-only load: {plain_s * 1000:.0f} ms (median of {REPEAT})")
    print(f"full pre-check:                {check_s * 1000:.0f} ms (median of {REPEAT})")
    print(f"ratio check / plain load:      {check_s / plain_s:.2f} (target <= 1.5)")
    print(f"check + fixed file:            {fix_s * 1000:.0f} ms (median of 3; {fixed.rows_written} rows written, "
          f"{len(fixed.fixes)} changes, {len(fixed.left_out)} rows left out)")
    print(f"ratio check+fix / plain load:  {fix_s / plain_s:.2f} (target <= 1.5)")
    print(f"annotated report writing:      {statistics.median(report_times) * 1000:.0f} ms, {len(report) / 1024:.0f} KiB")
    print(f"peak Python memory: check {check_peak / 1048576:.1f} MiB, check + fixed file {fix_peak / 1048576:.1f} MiB, report {report_peak / 1048576:.1f} MiB; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
