"""``unionbot cards import-outlets FILE`` (xlsx or YAML): replace the bank branch/outlet catalogue."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


def cmd_import_outlets(args) -> int:
    from bot.dev.cli import settings_or_exit
    from bot.db import Database
    from domain.cards import catalogue as outlets_catalogue
    from domain.repos import DomainError

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            rows = outlets_catalogue.parse_catalogue_yaml(path.read_text(encoding="utf-8"))
        else:
            rows = outlets_catalogue.parse_catalogue_xlsx(path.read_bytes())
    except DomainError as exc:
        print(f"error: {exc.code} {exc.params or ''}", file=sys.stderr)
        return 1
    settings = settings_or_exit()

    async def go() -> int:
        db = Database(settings.database_url)
        await db.upgrade()
        try:
            async with db.session() as session:
                count = await outlets_catalogue.replace_catalogue(session, rows)
                await session.commit()
        finally:
            await db.dispose()
        print(f"imported {count} outlets in {len({r['district'] for r in rows})} districts")
        return 0

    return asyncio.run(go())


def register(subparsers) -> None:
    p = subparsers.add_parser("cards", help="member service card administration")
    sub = p.add_subparsers(dest="cards_command", required=True)
    imp = sub.add_parser("import-outlets", help="replace the issuing branch / outlet catalogue (xlsx or YAML)")
    imp.add_argument("file")
    imp.set_defaults(func=cmd_import_outlets)
