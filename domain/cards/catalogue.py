"""The bank's issuing branches and outlets (发卡支行 / 经办网点) the card form and the batch form offer.

The manuals name no bank: the shipped list (domain/data/cards/bank_outlets.yaml) is a fictional sample
and is said to be one until an admin imports the bank's list (``unionbot cards import-outlets``)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cards.models import BankOutlet
from domain.repos import DomainError

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "cards" / "bank_outlets.yaml"


def parse_catalogue_yaml(text: str) -> list[dict]:
    data = yaml.safe_load(text) or []
    rows = []
    for n, block in enumerate(data, 1):
        if not isinstance(block, dict) or not block.get("district") or not block.get("branch"):
            raise DomainError("card.catalogue_row", row=n)
        for outlet in block.get("outlets") or []:
            if not isinstance(outlet, dict) or not outlet.get("name"):
                raise DomainError("card.catalogue_row", row=n)
            rows.append({"district": str(block["district"]), "branch": str(block["branch"]),
                         "outlet": str(outlet["name"]), "address": outlet.get("address")})
    if not rows:
        raise DomainError("card.catalogue_empty")
    return rows


def parse_catalogue_xlsx(content: bytes) -> list[dict]:
    from openpyxl import load_workbook

    from domain.spreadsheet import guard_workbook

    try:
        guard_workbook(content)  # size, format, encryption and zip-bomb checks first
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise DomainError("card.catalogue_unreadable") from exc
    rows = []
    sheet = wb.worksheets[0]
    header = None
    for n, values in enumerate(sheet.iter_rows(values_only=True, max_row=5001, max_col=8), 1):
        cells = ["" if v is None else str(v).strip() for v in values]
        if header is None:
            header = [c.lower() for c in cells]
            need = {"district", "branch", "outlet"}
            if not need <= set(header):
                raise DomainError("card.catalogue_header")
            continue
        if not any(cells):
            continue
        row = dict(zip(header, cells))
        if not (row.get("district") and row.get("branch") and row.get("outlet")):
            raise DomainError("card.catalogue_row", row=n)
        rows.append({k: row.get(k) or None for k in ("district", "branch", "outlet", "address")})
    wb.close()
    if not rows:
        raise DomainError("card.catalogue_empty")
    return rows


async def replace_catalogue(session: AsyncSession, rows: list[dict]) -> int:
    await session.exec(delete(BankOutlet))
    for row in rows:
        session.add(BankOutlet(**row))
    return len(rows)


@lru_cache(maxsize=1)
def _sample_keys() -> frozenset[tuple[str, str, str]]:
    rows = parse_catalogue_yaml(CATALOGUE.read_text(encoding="utf-8"))
    return frozenset((r["district"], r["branch"], r["outlet"]) for r in rows)


def is_sample(outlets: list[BankOutlet]) -> bool:
    """True while the catalogue is still the shipped, fictional sample (the manuals name no bank):
    members and clerks are told so until an admin imports the bank's list."""
    return {(o.district, o.branch, o.outlet) for o in outlets} == _sample_keys()


async def catalogue(session: AsyncSession) -> list[BankOutlet]:
    rows = list((await session.exec(select(BankOutlet).order_by(BankOutlet.id))).all())
    if not rows:  # first use: the shipped sample
        await replace_catalogue(session, parse_catalogue_yaml(CATALOGUE.read_text(encoding="utf-8")))
        await session.flush()
        rows = list((await session.exec(select(BankOutlet).order_by(BankOutlet.id))).all())
    return rows


async def outlet(session: AsyncSession, outlet_id: str) -> BankOutlet | None:
    """The catalogue's outlet a button names by its id (as the button's text holds it); None when it
    is no longer there (the catalogue was replaced since)."""
    return next((o for o in await catalogue(session) if str(o.id) == outlet_id), None)
