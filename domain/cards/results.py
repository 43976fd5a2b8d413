"""The bank's results of a card batch read from a sheet (.xlsx) instead of one tap per person.

The manuals give no format for the bank's feedback ([003] only: "办卡成功后，在“办理成功人数”列会显示办卡成功数量"),
so the sheet is the bot's own: the bank roster the clerk downloaded, with its 办理结果 column filled
in (成功 / 失败) and, for a failure, 失败原因. Rows are matched to the batch's people by the document
number (by its keyed hash, never compared in the clear elsewhere); everything that cannot be used is
reported with its row number and nothing is guessed."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cards.batches import close_if_complete, scoped_batch
from domain.cards.changes import MOVED, move_many, tell
from domain.cards.models import CardApplication
from domain.identity import normalize_text
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import DomainError

RESULT_COLUMN = "办理结果"
REASON_COLUMN = "失败原因"
SUCCESS = frozenset({"成功", "办卡成功", "已办卡", "是", "✅", "success", "ok", "yes", "issued"})
FAILURE = frozenset({"失败", "办卡失败", "未办成", "否", "❌", "fail", "failed", "no"})


@dataclass
class SheetRow:
    row: int  # as Excel shows it
    doc_number: str
    outcome: str | None  # "issued" / "failed" / None (blank: not in yet)
    reason: str | None = None
    raw: str = ""


@dataclass
class ImportReport:
    issued: int = 0
    failed: int = 0
    blank: int = 0
    unknown_rows: list[int] = field(default_factory=list)  # no such person in this batch
    bad_rows: list[int] = field(default_factory=list)  # a result that is neither 成功 nor 失败
    already: int = 0  # the person already had a result
    closed: bool = False
    changes: list = field(default_factory=list)


def _cells(content: bytes, max_rows: int = 20_005, max_cols: int = 40) -> list[list]:
    """The first sheet's values, row by row as Excel numbers them (``[0]`` is row 1), after every
    guard of domain/spreadsheet.py; read with python-calamine, as the roster checker reads."""
    import python_calamine

    from domain.spreadsheet import guard_workbook

    guard_workbook(content)  # size, format, encryption and zip-bomb checks before any reader
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    # the whole grid from A1 (not from the first used cell), so row numbers are Excel's
    return [row[:max_cols] for row in sheet.to_python(skip_empty_area=False, nrows=max_rows)]


def _text(value) -> str:
    """A cell as the text a person typed: a whole number without ".0", no formula apostrophe."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())  # a date cell reads as openpyxl gave it
    return normalize_text(str(value)).strip().lstrip("'")


def read_sheet(content: bytes) -> list[SheetRow]:
    """The result rows of an uploaded sheet; DomainError when it is not a usable result sheet."""
    try:
        table = _cells(content)
    except Exception as exc:
        raise DomainError("card.results_unreadable") from exc
    header, rows = None, []
    for n, values in enumerate(table, 1):
        cells = [_text(v) for v in values]
        if header is None:
            if "证件号码" in cells and RESULT_COLUMN in cells:
                header = {name: i for i, name in enumerate(cells) if name}
            continue
        if not any(cells):
            continue
        doc = cells[header["证件号码"]].replace(" ", "").upper() if header["证件号码"] < len(cells) else ""
        raw = cells[header[RESULT_COLUMN]] if header[RESULT_COLUMN] < len(cells) else ""
        reason_at = header.get(REASON_COLUMN)
        reason = cells[reason_at][:200] if reason_at is not None and reason_at < len(cells) and cells[reason_at] else None
        key = raw.lower()
        outcome = "issued" if key in SUCCESS else "failed" if key in FAILURE else None
        rows.append(SheetRow(n, doc, outcome, reason, raw))
    if header is None:
        raise DomainError("card.results_header")
    return rows


async def import_results(session: AsyncSession, cipher: DataCipher, clerk: User, batch_id: int,
                         content: bytes) -> ImportReport:
    """Record every result of the sheet for the batch's people still waiting for one; the batch
    closes itself when the last one is in. The members are told through the outbox."""
    batch = await scoped_batch(session, clerk, batch_id)
    rows = await asyncio.to_thread(read_sheet, content)  # the guards and the reader keep the event loop free
    people = {a.doc_hash: a for a in (await session.exec(
        select(*MOVED, CardApplication.doc_hash, CardApplication.branch, CardApplication.outlet)
        .where(CardApplication.batch_id == batch.id).order_by(CardApplication.id))).all()}
    report = ImportReport()
    moves, moved = [], set()
    for r in rows:
        if not r.doc_number:
            report.unknown_rows.append(r.row)
            continue
        app = people.get(cipher.lookup_hash(r.doc_number))
        if app is None:
            report.unknown_rows.append(r.row)
            continue
        if r.outcome is None:
            if r.raw:
                report.bad_rows.append(r.row)
            else:
                report.blank += 1
            continue
        if app.status != "submitted" or app.id in moved:  # a result already in (or twice in the sheet)
            report.already += 1
            continue
        moved.add(app.id)
        moves.append((app, r.outcome, None if r.outcome == "issued" else (r.reason or "card.bank_failed")))
        report.issued += r.outcome == "issued"
        report.failed += r.outcome == "failed"
    report.changes = await tell(session, clerk, await move_many(session, moves, "clerk", clerk.id))
    await session.flush()
    report.closed = await close_if_complete(session, batch.id)
    return report
