"""Roster report page: the pre-check (domain/roster) as one job for the worker process, returning what
the page shows — the rows with problems (cells masked where they hold an ID or a phone), the cell of
each problem, its message and fix, the change the fixed file makes — and the annotated and fixed files."""

from __future__ import annotations

import base64
import html
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, Column, Text, delete
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.identity import mask_id, mask_phone
from domain.models import utcnow
from domain.repos import register_personal_data
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


# --- the latest check of each clerk, kept in the database -------------------------------------
#
# The page shows a check and offers its annotated and fixed files for download in later requests,
# which behind a balancer may reach another worker process: the outcome is kept in the shared
# database, encrypted as a whole (the files hold members' names and ID numbers), one row per clerk,
# replaced by the next check, and dropped after a day or when the clerk is forgotten.

KEEP_FOR = timedelta(days=1)


class KeptRosterCheck(SQLModel, table=True):
    __tablename__ = "webapp_roster_checks"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    sealed: str = Field(sa_column=Column(Text, nullable=False))  # the file name and the outcome, encrypted
    created_at: datetime = Field(default_factory=utcnow, index=True)


def _dump(name: str, outcome: WebRosterOutcome) -> str:
    data = asdict(outcome)
    data["report"] = base64.b64encode(outcome.report).decode("ascii") if outcome.report is not None else None
    data["fixed"] = [base64.b64encode(part).decode("ascii") for part in outcome.fixed]
    return json.dumps({"name": name, "outcome": data}, ensure_ascii=False)


def _load(text: str) -> tuple[str, WebRosterOutcome]:
    doc = json.loads(text)
    data = {f.name: doc["outcome"][f.name] for f in fields(WebRosterOutcome) if f.name in doc["outcome"]}
    data["report"] = base64.b64decode(data["report"]) if data.get("report") is not None else None
    data["fixed"] = [base64.b64decode(part) for part in data.get("fixed", [])]
    return doc["name"], WebRosterOutcome(**data)


async def keep_check(session: AsyncSession, cipher, user_id: int, name: str, outcome: WebRosterOutcome,
                     now: datetime | None = None) -> None:
    """Keep ``outcome`` as the clerk's latest check (the caller commits); expired ones of anyone go."""
    now = now or utcnow()
    await session.exec(delete(KeptRosterCheck).where(KeptRosterCheck.created_at < now - KEEP_FOR))
    row = await session.get(KeptRosterCheck, user_id)
    sealed = cipher.encrypt(_dump(name, outcome))
    if row is None:
        session.add(KeptRosterCheck(user_id=user_id, sealed=sealed, created_at=now))
    else:
        row.sealed, row.created_at = sealed, now
        session.add(row)


async def kept_check(session: AsyncSession, cipher, user_id: int,
                     now: datetime | None = None) -> tuple[str, WebRosterOutcome] | None:
    """The clerk's latest check of the last day, or None."""
    row = await session.get(KeptRosterCheck, user_id)
    if row is None:
        return None
    if row.created_at < (now or utcnow()) - KEEP_FOR:
        return None
    return _load(cipher.decrypt(row.sealed))


async def _export(session: AsyncSession, user_id: int) -> list[dict]:
    row = await session.get(KeptRosterCheck, user_id)
    # what is kept, not the members' data inside it: the clerk's own export is no roster
    return [{"kept_roster_check_at": row.created_at.isoformat()}] if row else []


async def _forget(session: AsyncSession, user_id: int) -> int:
    result = await session.exec(delete(KeptRosterCheck).where(KeptRosterCheck.user_id == user_id))
    return result.rowcount or 0


register_personal_data("webapp_roster_check", _export, _forget)
