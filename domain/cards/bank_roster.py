"""The bank roster of a card batch (打印清册): the one export with full document numbers and phones."""

from __future__ import annotations

import asyncio
import io

from sqlalchemy import Row
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cards.models import CardApplication, CardBatch
from domain.privacy import DataCipher


# the bank roster: every field of the application the bank needs, the phone it calls about
# collection, and the batch's contact ([003] 提交办卡: 联系人 / 联系方式 "便于银行联系领卡")
ROSTER_COLUMNS = ["序号", "会员编号", "姓名", "证件类型", "证件号码", "证件到期日", "国籍", "手机号码",
                  "工作单位详细地址", "所在工会", "发卡支行", "经办网点", "办理通道", "银行联系电话",
                  "联系人", "联系方式", "办理结果", "失败原因"]  # the last two: the bank's result, read back by cards/results.py


# what the bank roster reads of each person: rows of columns, not ORM objects (10,000 of them are
# read in a fifth of the time)
_ROSTERED = (CardApplication.id, CardApplication.member_no, CardApplication.name, CardApplication.doc_type,
             CardApplication.doc_enc, CardApplication.expiry, CardApplication.nationality, CardApplication.mobile_enc,
             CardApplication.address, CardApplication.union_name, CardApplication.branch, CardApplication.outlet,
             CardApplication.channel, CardApplication.bank_phone_enc)


async def roster_rows(session: AsyncSession, batch_id: int) -> list[Row]:
    """The people of a batch as the bank roster needs them (``roster_xlsx``), in the batch's order."""
    stmt = select(*_ROSTERED).where(CardApplication.batch_id == batch_id).order_by(CardApplication.id)
    return list((await session.exec(stmt)).all())


def roster_xlsx(batch: CardBatch, apps: list[CardApplication] | list[Row], cipher: DataCipher) -> bytes:
    """The bank roster (打印清册): the one export with full document numbers and phones. Written with
    XlsxWriter in constant-memory mode (each row streamed out as it is written, inline strings, as
    the roster fixer writes), every text cell through the one formula neutraliser, nothing turned
    into a number, a formula or a link."""
    import xlsxwriter

    from domain.cards.validation import DOC_TYPES
    from domain.spreadsheet import neutralise

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("办卡清册")
    write = ws.write_string
    write(0, 0, neutralise(f"批次编号 {batch.ref}"))
    write(0, 1, neutralise(f"{batch.branch} / {batch.outlet}"))
    for j, header in enumerate(ROSTER_COLUMNS):
        write(1, j, header)
    contact, contact_phone = neutralise(batch.contact), neutralise(cipher.decrypt(batch.contact_phone_enc))
    decrypt = cipher.decrypt
    for n, a in enumerate(apps, 1):
        row = n + 1
        ws.write_number(row, 0, n)
        for j, value in enumerate((
                a.member_no or "", a.name, DOC_TYPES.get(a.doc_type, a.doc_type), decrypt(a.doc_enc), a.expiry,
                a.nationality or "中国", decrypt(a.mobile_enc), a.address, a.union_name, a.branch, a.outlet,
                "特殊" if a.channel == "special" else "普通", decrypt(a.bank_phone_enc), contact, contact_phone), 1):
            if value:  # blank cells (and 办理结果 / 失败原因, left for the bank) are not written
                write(row, j, neutralise(value))
    wb.close()
    return out.getvalue()


async def roster_file(session: AsyncSession, batch: CardBatch, cipher: DataCipher) -> tuple[bytes, int]:
    """The batch's bank roster and how many people it lists. The workbook is written in a worker
    thread: 10,000 people take about a second of Python that would otherwise hold the event loop,
    and with it every other chat and the pushes going out meanwhile."""
    people = await roster_rows(session, batch.id)
    return await asyncio.to_thread(roster_xlsx, batch, people, cipher), len(people)
