"""Roster report page: the pre-check (domain/roster) as one job for the worker process, returning what
the page shows — the rows with problems (cells masked where they hold an ID or a phone), the cell of
each problem, its message and fix, the change the fixed file makes — and the annotated and fixed files."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.identity import mask_id, mask_phone
from domain.roster.checker import CheckOptions, check_roster, forget_numbers
from domain.roster.reader import col_letter

MAX_ROWS_SHOWN = 1000  # the page lists this many rows with problems; the annotated file has them all
_MASK = {"id_number": mask_id, "phone": mask_phone}


@dataclass(slots=True)
class WebRosterOutcome:
    readable: bool
    kind: str | None = None
    needs_kind: bool = False
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    message: str = ""  # why the file cannot be read, and what to do
    header: list[str] = field(default_factory=list)  # column letters' headers as in the file
    problems: list[dict] = field(default_factory=list)  # rows with problems, in row order
    file_issues: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)  # {code, severity, label, count}
    report: bytes | None = None
    fixed: list[bytes] = field(default_factory=list)
    fixes: int = 0
    left_out: int = 0
    shown: int = 0


def _cell(value, key: str | None) -> str:
    text = "" if value is None else str(value)
    return _MASK[key](text) if key in _MASK and text else text


def web_check_job(progress: Callable[[int, int], None] | None, data: bytes, kind: str | None, options: CheckOptions,
                  make_texts: Callable[[str], object], lang: str) -> WebRosterOutcome:
    try:
        return _job(progress, data, kind, options, make_texts(lang))
    finally:
        forget_numbers()


def _job(progress, data: bytes, kind: str | None, options: CheckOptions, t) -> WebRosterOutcome:
    from domain.roster.fixer import fix_roster
    from domain.roster.report import issue_text, rule_label, write_report

    result = check_roster(data, kind, options, progress)
    out = WebRosterOutcome(result.readable, result.kind, result.needs_kind, result.rows, result.errors, result.warnings)
    if not result.readable:
        issue = result.file_issues[0]
        out.message = issue_text(t, issue)
        return out
    if result.needs_kind:
        return out
    fixed = fix_roster(result, options)
    out.fixes, out.left_out = len(fixed.fixes), len(fixed.left_out)
    out.fixed = fixed.parts if fixed.rows_written else []
    out.report = write_report(result, t, progress, fixed=fixed)
    keys = {col: key for key, col in result.columns.items()}  # 1-based column -> template key
    sheet = result.sheet
    width = sheet.width if sheet else 0
    if sheet is not None and result.header_row:
        head = sheet.rows[result.header_row - 1]
        out.header = [_cell(head[j] if j < len(head) else None, None) for j in range(width)]
    changes = {(f.row, f.column): f for f in fixed.fixes}
    counts = Counter((i.code, i.severity) for i in result.all_issues)
    labels = {}
    for i in result.all_issues:
        labels.setdefault((i.code, i.severity), rule_label(t, i))
    out.rules = [{"code": c, "severity": s, "label": labels[(c, s)], "count": n}
                 for (c, s), n in sorted(counts.items(), key=lambda x: (x[0][1] != "error", -x[1], x[0][0]))]
    out.file_issues = [{"code": i.code, "severity": i.severity, "message": issue_text(t, i)} for i in result.file_issues]
    by_row: dict[int, list] = {}
    for i in result.issues:
        if i.row is not None:
            by_row.setdefault(i.row, []).append(i)
    for row in sorted(by_row)[:MAX_ROWS_SHOWN]:
        values = sheet.rows[row - 1] if sheet and row - 1 < len(sheet.rows) else []
        issues = []
        for i in by_row[row]:
            fix = changes.get((row, i.column)) if i.column else None
            after = None if fix is None else _cell(fix.after, i.key)
            issues.append({"code": i.code, "severity": i.severity, "column": i.column,
                           "message": issue_text(t, i, with_fix=False), "fix": html.unescape(t.err(i.fix, **i.params)),
                           "fixed_to": after})
        out.problems.append({"row": row, "cells": [_cell(values[j] if j < len(values) else None, keys.get(j + 1))
                                                   for j in range(width)],
                             "columns": [col_letter(j + 1) for j in range(width)], "issues": issues})
    out.shown = len(out.problems)
    return out
