"""The roster check as one job for a worker process: check, chat summary and annotated copy.

``check_job(progress, data, kind, options, make_texts, lang, ask_member_type)`` runs where the
untrusted file is opened (``bot.sandbox`` runs it in a process with a memory and time limit) and
returns a small, picklable :class:`CheckOutcome`: texts and file bytes, never the sheet's cells.
``make_texts(lang)`` builds the translator there (a module-level function, so it pickles).
``progress(done, total, stage)`` names the stage ("check", "fix", "report", "convert") so the
chat can say what is being done.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.roster.checker import CheckOptions, Issue, RosterResult, check_roster, forget_numbers

FIRST_ISSUES = 5
RULE_LINES = 10


@dataclass(slots=True)
class CheckOutcome:
    kind: str | None
    readable: bool
    needs_kind: bool = False
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    summary: str = ""  # chat summary (HTML), or the "cannot read" text
    report: bytes | None = None
    fixed: list[bytes] = field(default_factory=list)  # the file(s) ready to upload, when any row could go in
    fixed_rows: int = 0
    fixes: int = 0
    left_out: int = 0
    as_of: str | None = None
    codes: list[str] = field(default_factory=list)  # every issue code, in order (for tests and logs)


def _staged(progress: Callable[..., None] | None, stage: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(done, total, stage)


def check_job(progress: Callable[[int, int], None] | None, data: bytes, kind: str | None, options: CheckOptions,
              make_texts: Callable[[str], object], lang: str, ask_member_type: bool) -> CheckOutcome:
    try:
        return _check_job(progress, data, kind, options, make_texts(lang), ask_member_type)
    finally:
        forget_numbers()


def _check_job(progress, data: bytes, kind: str | None, options: CheckOptions, t, ask_member_type: bool) -> CheckOutcome:
    from domain.roster.report import write_report

    result = check_roster(data, kind, options, _staged(progress, "check"))
    outcome = CheckOutcome(result.kind, result.readable, result.needs_kind, result.rows, result.errors,
                           result.warnings, as_of=result.as_of.isoformat() if result.as_of else None,
                           codes=[i.code for i in result.all_issues])
    if not result.readable:
        issue = result.file_issues[0]
        outcome.summary = t("roster-cannot-read", reason=t.err(issue.code, **issue.params),
                            fix=t.err(issue.fix, **issue.params))
        return outcome
    if result.needs_kind or (result.kind == "members" and ask_member_type):
        return outcome  # the clerk is asked first; the file is checked again with the answer
    from domain.roster.fixer import fix_roster

    fixed = fix_roster(result, options, progress=_staged(progress, "fix"))
    outcome.fixed_rows, outcome.fixes, outcome.left_out = fixed.rows_written, len(fixed.fixes), len(fixed.left_out)
    if fixed.rows_written:
        outcome.fixed = fixed.parts
    outcome.summary = summary_text(result, t)
    outcome.report = write_report(result, t, _staged(progress, "report"), fixed=fixed)
    return outcome


def _rule_title(t, issue: Issue) -> str:
    from domain.roster.report import rule_label

    return html.escape(rule_label(t, issue), quote=False)  # the chat text is HTML


def summary_text(result: RosterResult, t) -> str:
    """Rows read, errors and warnings by rule, the first few problems with their row numbers."""
    lines = [t("roster-summary-head", kind=t(f"roster-kind-{result.kind}"), rows=result.rows,
               errors=result.errors, warnings=result.warnings)]
    if result.errors:
        lines.append(t("roster-summary-has-errors"))
    elif result.warnings:
        lines.append(t("roster-summary-only-warnings"))
    else:
        lines.append(t("roster-summary-clean"))
    for issue in result.file_issues[:8]:
        lines.append(t("roster-summary-file-line", severity=t(f"roster-severity-{issue.severity}"),
                       message=t.err(issue.code, **issue.params) + " → " + t.err(issue.fix, **issue.params)))
    if result.issues:
        groups: dict[tuple, list[Issue]] = defaultdict(list)
        for issue in result.issues:
            groups[(issue.code, issue.severity, issue.params.get("column"))].append(issue)
        ordered = sorted(groups.values(), key=lambda g: (g[0].severity != "error", -len(g)))
        lines.append("")
        lines.append(t("roster-summary-by-rule"))
        for group in ordered[:RULE_LINES]:
            lines.append(t("roster-summary-rule-line", severity=t(f"roster-severity-{group[0].severity}"),
                           message=_rule_title(t, group[0]), count=len(group)))
        lines.append("")
        lines.append(t("roster-summary-first"))
        first = sorted(result.issues, key=lambda i: (i.severity != "error", i.row or 0))[:FIRST_ISSUES]
        for issue in sorted(first, key=lambda i: i.row or 0):
            lines.append(t("roster-summary-issue-line", row=issue.row, column=issue.column or "-",
                           message=t.err(issue.code, **issue.params)))
        if len(result.issues) > FIRST_ISSUES:
            lines.append(t("roster-summary-more", count=len(result.issues) - FIRST_ISSUES))
    tail = []
    if result.kind == "mutual-aid" and result.as_of is not None:
        if len(result.age_dates) > 1:
            tail += ["", t("roster-summary-as-of-both", start=result.as_of.isoformat(),
                           today=result.age_dates[0].isoformat() if result.age_dates[0] != result.as_of
                           else result.age_dates[-1].isoformat())]
        else:
            tail += ["", t("roster-summary-as-of", date=result.as_of.isoformat())]
    while len("\n".join(lines + tail)) > 4000 and len(lines) > 2:
        lines.pop()  # whole lines only: never cut inside markup
    return "\n".join(lines + tail)


def convert_job(progress, data: bytes, from_kind: str, to_kind: str):
    """The file read as *from_kind*, written on the *to_kind* template (``convert.Converted``), or
    None when it cannot be read any more."""
    from domain.roster.convert import convert_roster

    try:
        result = check_roster(data, from_kind, CheckOptions(), _staged(progress, "check"))
        if not result.readable or result.needs_kind:
            return None
        return convert_roster(result, to_kind, progress=_staged(progress, "convert"))
    finally:
        forget_numbers()


def warm_job(progress, make_texts: Callable[[str], object], lang: str) -> bool:
    """Loads what a check needs (readers, writers, the message catalog) in a fresh worker."""
    import openpyxl  # noqa: F401
    import phonenumbers  # noqa: F401
    import python_calamine  # noqa: F401
    import xlsxwriter  # noqa: F401

    from domain.roster import fixer, report  # noqa: F401

    make_texts(lang)("roster-report-title")
    return True
