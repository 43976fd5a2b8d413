"""The annotated copy of a checked roster, and empty templates per kind (openpyxl).

Text comes from the caller's translator ``t`` (``t(message_id, **params)`` and
``t.err(code, **params)``, the same object handlers get); without one, codes are written.
"""

from __future__ import annotations

import html
import io
from collections import defaultdict
from collections.abc import Callable
from datetime import time, timedelta

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from domain.roster.checker import Issue, RosterResult
from domain.roster.config import RosterConfig, load_config
from domain.roster.reader import col_letter
from domain.spreadsheet import neutralise

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
OK_FILL = PatternFill("solid", fgColor="C6EFCE")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
AUTHOR = "unionbot"
MAX_COMMENT = 2000
MAX_STATUS = 1000


class CodeTexts:
    """Fallback translator: writes message ids / codes and their parameters."""

    lang = "codes"

    def __call__(self, key: str, **params) -> str:
        return key + (" " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")

    def err(self, code: str, **params) -> str:
        return self(code, **params)


def issue_text(t, issue: Issue, with_fix: bool = True) -> str:
    """Plain text (for cells, comments and JSON): the translator's HTML escaping is undone."""
    text = t.err(issue.code, **issue.params)
    if with_fix:
        text += " → " + t.err(issue.fix, **issue.params)
    return html.unescape(text)


def rule_label(t, issue: Issue) -> str:
    """A rule's short label (``roster-rule-<code>``) for counts by rule; the issue's own message
    where a rule has no label (file-level issues, listed whole)."""
    key = "roster-rule-" + issue.code.replace(".", "-").replace("_", "-")
    translator = getattr(t, "translator", None)
    if translator is not None and translator.has(key, t.lang):
        return html.unescape(t(key, **issue.params))
    return html.unescape(t.err(issue.code, **issue.params))


def _safe_value(ws, value):
    """A value for the copy: text that looks like a formula stays text (domain.spreadsheet)."""
    if isinstance(value, (time, timedelta)):
        return str(value)
    return neutralise(value)


def _as_cell(ws, value):
    return value if isinstance(value, Cell) else WriteOnlyCell(ws, value)


def write_report(result: RosterResult, t=None, progress: Callable[[int, int], None] | None = None,
                 fixed=None) -> bytes:
    """Copy of the checked sheet: faulty cells filled and commented with the fix, a status
    column, and a summary sheet. With *fixed* (a ``fixer.FixResult``) also the rows left out of
    the fixed file with their reasons, and every change made (row, column, before, after).
    Only for readable results."""
    if result.sheet is None or result.header_row is None:
        raise ValueError("nothing to annotate: the file was not read")
    t = t or CodeTexts()
    sheet = result.sheet
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=(sheet.name or "Sheet")[:31])
    status_col = max(sheet.width, max(result.columns.values(), default=1)) + 1
    for j in range(1, status_col):
        ws.column_dimensions[col_letter(j)].width = 18
    ws.column_dimensions[col_letter(status_col)].width = 60

    by_row: dict[int, list[Issue]] = defaultdict(list)
    for issue in result.issues:
        if issue.row is not None:
            by_row[issue.row].append(issue)
    header_row = result.header_row
    total = len(sheet.rows)
    for idx, row in enumerate(sheet.rows, start=1):
        if progress is not None and idx % 1000 == 0:
            progress(idx, total)
        cells = [_safe_value(ws, v) for v in row]
        cells += [None] * (status_col - 1 - len(cells))
        if idx == header_row:
            cells = [_as_cell(ws, v) for v in cells]
            for c in cells:
                c.font = BOLD
                c.fill = HEADER_FILL
            status = WriteOnlyCell(ws, t("roster-report-status-header"))
            status.font = BOLD
            status.fill = HEADER_FILL
            cells.append(status)
        elif idx > header_row and any(v is not None for v in row):
            issues = by_row.get(idx, [])
            per_cell: dict[str, list[Issue]] = defaultdict(list)
            for issue in issues:
                per_cell[issue.column or ""].append(issue)
            for letter, group in per_cell.items():
                if not letter:
                    continue
                j = _col_number(letter)
                if j > len(cells):
                    continue
                cell = cells[j - 1] = _as_cell(ws, cells[j - 1])
                cell.fill = ERROR_FILL if any(i.severity == "error" for i in group) else WARNING_FILL
                text = "\n".join(issue_text(t, i) for i in group)
                cell.comment = Comment(text[:MAX_COMMENT], AUTHOR, width=320, height=140)
            errors = sum(1 for i in issues if i.severity == "error")
            warnings = len(issues) - errors
            if errors:
                label, fill = t("roster-report-row-errors", errors=errors, warnings=warnings), ERROR_FILL
            elif warnings:
                label, fill = t("roster-report-row-warnings", warnings=warnings), WARNING_FILL
            else:
                label, fill = t("roster-report-row-ok"), OK_FILL
            details = "; ".join(f"{i.column or '-'}: {issue_text(t, i, with_fix=False)}" for i in issues)
            status = WriteOnlyCell(ws, (label + (" — " + details if details else ""))[:MAX_STATUS])
            status.fill = fill
            status.alignment = WRAP
            cells.append(status)
        ws.append(cells)

    _write_summary(wb, result, t)
    if fixed is not None:
        _write_fixed_sheets(wb, fixed, t)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _write_summary(wb: Workbook, result: RosterResult, t) -> None:
    ws = wb.create_sheet(title=t("roster-report-summary-sheet")[:31])
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 60

    def bold_row(*values):
        cells = []
        for v in values:
            c = WriteOnlyCell(ws, v)
            c.font = BOLD
            cells.append(c)
        ws.append(cells)

    bold_row(t("roster-report-title"))
    ws.append([t("roster-report-kind"), t(f"roster-kind-{result.kind}")])
    ws.append([t("roster-report-rows"), result.rows])
    ws.append([t("roster-report-errors"), result.errors])
    ws.append([t("roster-report-warnings"), result.warnings])
    if result.as_of is not None:
        ws.append([t("roster-report-as-of"), result.as_of.isoformat()])
    ws.append([])
    if result.file_issues:
        bold_row(t("roster-report-file-issues"), t("roster-report-severity"))
        for issue in result.file_issues:
            ws.append([issue_text(t, issue), t(f"roster-severity-{issue.severity}")])
        ws.append([])
    bold_row(t("roster-report-rule"), t("roster-report-severity"), t("roster-report-count"), t("roster-report-first-rows"))
    first_rows: dict[tuple[str, str], list[int]] = defaultdict(list)
    samples: dict[tuple[str, str], Issue] = {}
    for issue in result.issues:
        key = (issue.code, issue.severity)
        samples.setdefault(key, issue)
        if len(first_rows[key]) < 10 and issue.row not in first_rows[key]:
            first_rows[key].append(issue.row)
    for code, severity, count in result.by_rule():
        sample = samples.get((code, severity))
        if sample is None:
            continue  # file-level, listed above
        fix = html.unescape(t.err(sample.fix, **sample.params))
        ws.append([neutralise(rule_label(t, sample) + " → " + fix), t(f"roster-severity-{severity}"), count,
                   ", ".join(str(r) for r in first_rows[(code, severity)])])
    if not result.all_issues:
        ws.append([t("roster-report-clean")])


def _write_fixed_sheets(wb: Workbook, fixed, t) -> None:
    ws = wb.create_sheet(title=t("roster-report-left-out-sheet")[:31])
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 90
    head = [WriteOnlyCell(ws, t("roster-report-row")), WriteOnlyCell(ws, t("roster-report-reason"))]
    for c in head:
        c.font = BOLD
    ws.append(head)
    for row, issues in fixed.left_out:
        ws.append([row, neutralise("; ".join(f"{i.column or '-'}: {issue_text(t, i)}" for i in issues))])
    if not fixed.left_out:
        ws.append([None, t("roster-report-none-left-out")])
    ws = wb.create_sheet(title=t("roster-report-fixes-sheet")[:31])
    for letter, width in zip("ABCDE", (10, 8, 30, 30, 30)):
        ws.column_dimensions[letter].width = width
    head = [WriteOnlyCell(ws, t(k)) for k in ("roster-report-row", "roster-report-column", "roster-report-header",
                                             "roster-report-before", "roster-report-after")]
    for c in head:
        c.font = BOLD
    ws.append(head)
    for f in fixed.fixes:
        ws.append([f.row, f.column, f.header, neutralise(f.before), neutralise(f.after)])


def write_template(kind: str, t=None, config: RosterConfig | None = None) -> bytes:
    """An empty roster template of *kind*, headers exactly as the platform's template, document
    number and phone columns formatted as text, dropdowns for the fixed-value columns."""
    config = config or load_config()
    tpl = config.templates[kind]
    t = t or CodeTexts()
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    rows = 5001
    for j, col in enumerate(tpl.columns, start=1):
        letter = col_letter(j)
        cell = ws.cell(row=1, column=j, value=col.header)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        hint_id = f"roster-template-hint-{col.key.replace('_', '-')}"
        hint = t(hint_id)
        if hint and hint != hint_id:
            cell.comment = Comment(hint, AUTHOR, width=260, height=100)
        ws.column_dimensions[letter].width = max(14, min(40, len(col.header) * 2))
        if col.text:
            for r in range(2, rows + 1):
                ws.cell(row=r, column=j).number_format = "@"
        choices = None
        if col.key == "id_type":
            choices = tpl.id_types
        elif col.key == "gender":
            choices = tuple(config.genders)
        elif col.key == "social_security":
            choices = config.yes_no
        if choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=not col.required)
            dv.add(f"{letter}2:{letter}{rows}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
