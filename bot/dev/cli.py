"""The ``unionbot`` command: chat, run, webhook, db, i18n, unit, export-user, plus feature subcommands."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys

from bot.settings import Settings, SettingsError, load_settings

# Feature CLI modules (bot/cli_<feature>.py), each with register(subparsers).
CLI_MODULES = ["cli_cards", "cli_calc", "cli_roster", "cli_faq", "cli_deadlines", "cli_rates", "cli_ops", "cli_web"]


def settings_or_exit(**overrides) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None


def draft_refused(args, path, command: str) -> bool:
    """``<command> draft FILE --year YYYY``: True (the reason printed) when no year is given or FILE
    exists without --force — the calendar's and the fee tables' drafts alike."""
    if not args.year:
        print(f"error: {command} draft needs --year YYYY (the protection year to draft)", file=sys.stderr)
        return True
    if path.exists() and not args.force:
        print(f"error: {path} exists (add --force to overwrite)", file=sys.stderr)
        return True
    return False


def read_input(path) -> bytes | None:
    """A file named on the command line, or None (the reason printed)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"error: {exc.strerror}: {path}", file=sys.stderr)
        return None


def emit(payload, as_json: bool) -> None:
    if as_json:
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(payload)


# --- commands -----------------------------------------------------------------


def cmd_chat(args) -> int:
    from bot.dev.console import run_console
    from bot.logging_setup import setup_logging

    settings = settings_or_exit()
    setup_logging("WARNING")
    run_console(settings, args.user_id, args.lang)
    return 0


def _require_token(settings: Settings) -> None:
    if settings.bot_token is None:
        print("configuration error: BOT_TOKEN: required for this command (see .env.example)", file=sys.stderr)
        raise SystemExit(2)


def cmd_run(args) -> int:
    from bot.run.runner import run_polling

    settings = settings_or_exit()
    _require_token(settings)
    asyncio.run(run_polling(settings))
    return 0


def cmd_webhook(args) -> int:
    from bot.run.runner import run_webhook

    settings = settings_or_exit()
    _require_token(settings)
    if not settings.webhook_secret:
        print("configuration error: WEBHOOK_SECRET: required for the webhook server", file=sys.stderr)
        return 2
    asyncio.run(run_webhook(settings, set_webhook=not args.no_set_webhook))
    return 0


def cmd_db(args) -> int:
    from bot.db import Database

    settings = settings_or_exit()

    async def go():
        db = Database(settings.database_url)
        try:
            if args.action == "upgrade":
                await db.upgrade()
            print("database at revision(s): " + ", ".join(sorted(await db.current_heads())))
        finally:
            await db.dispose()

    asyncio.run(go())
    return 0


def cmd_i18n(args) -> int:
    from ui.i18n import Translator

    problems = Translator().check()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print("locales ok: zh and en catalogs parse and have the same message ids")
    return 0


def cmd_unit(args) -> int:
    from bot.db import Database
    from bot.dev.testing import BOT_USERNAME
    from domain.repos import INVITE_TTL, DomainError, create_invite, create_unit, list_units

    settings = settings_or_exit()
    bot_name = args.bot_username or BOT_USERNAME

    async def go() -> int:
        db = Database(settings.database_url)
        await db.upgrade()
        try:
            async with db.session() as session:
                if args.action == "list":
                    rows = [u.model_dump(mode="json") for u in await list_units(session)]
                    emit(rows if args.json else "\n".join(f"{r['id']}. {r['name']} {r['uscc'] or ''}" for r in rows), args.json)
                    return 0
                try:
                    if args.action == "create":
                        unit = await create_unit(session, args.name, uscc=args.uscc, enroll_code=args.enroll_code,
                                                 district=args.district, level=args.level, parent_id=args.parent)
                        unit_id = unit.id
                    else:
                        unit_id = args.id
                    invite = await create_invite(session, unit_id, None)
                except DomainError as exc:
                    print(f"error: {exc.code} {exc.params or ''}", file=sys.stderr)
                    return 1
                await session.commit()
                link = f"https://t.me/{bot_name}?start={invite.code}"
                emit({"unit_id": unit_id, "invite": link, "expires_at": invite.expires_at.isoformat(),
                      "valid_days": INVITE_TTL.days} if args.json else f"unit {unit_id}\ninvite: {link}", args.json)
                return 0
        finally:
            await db.dispose()

    return asyncio.run(go())


def cmd_export_user(args) -> int:
    from bot.db import Database
    from domain.repos import export_user

    settings = settings_or_exit()

    async def go():
        db = Database(settings.database_url)
        await db.upgrade()
        try:
            async with db.session() as session:
                data = await export_user(session, args.user_id)
        finally:
            await db.dispose()
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))

    asyncio.run(go())
    return 0


CORE_COMMANDS = ("chat", "run", "webhook", "db", "i18n", "unit", "export-user")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """All commands; for one of ``CORE_COMMANDS`` the feature CLI modules (spreadsheets, FAQ index,
    cluster tooling) are not imported at all, so ``unionbot chat`` / ``run`` start without them."""
    parser = argparse.ArgumentParser(prog="unionbot", description="工会服务助手 / Union Service Assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("chat", help="local console chat with the real handlers (no Telegram, no token)")
    p.add_argument("--user-id", type=int, default=10001)
    p.add_argument("--lang", choices=["zh", "en"])
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("run", help="long polling (BOT_TOKEN, optional TELEGRAM_API_URL)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("webhook", help="aiohttp webhook server (WEBHOOK_URL, WEBHOOK_SECRET)")
    p.add_argument("--no-set-webhook", action="store_true", help="do not call setWebhook at start")
    p.set_defaults(func=cmd_webhook)

    p = sub.add_parser("db", help="database migrations")
    p.add_argument("action", choices=["upgrade", "current"])
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("i18n", help="check the Fluent catalogs under locales/")
    p.add_argument("action", choices=["check"])
    p.set_defaults(func=cmd_i18n)

    p = sub.add_parser("unit", help="union organisations and clerk invites")
    p.add_argument("action", choices=["create", "invite", "list"])
    p.add_argument("--name")
    p.add_argument("--uscc")
    p.add_argument("--enroll-code")
    p.add_argument("--district")
    p.add_argument("--level", default="grassroots", choices=["grassroots", "secondary", "district"])
    p.add_argument("--parent", type=int)
    p.add_argument("--id", type=int)
    p.add_argument("--bot-username")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_unit)

    p = sub.add_parser("export-user", help="everything kept about one person, as JSON")
    p.add_argument("user_id", type=int)
    p.set_defaults(func=cmd_export_user)

    if argv and argv[0] in CORE_COMMANDS:
        return parser
    for name in CLI_MODULES:
        importlib.import_module(f"bot.dev.{name}").register(sub)
    return parser


# Commands that keep running: they start with the garbage collector paused until they are ready
# (bot/startup.py), the others leave it alone.
LONG_RUNNING = ("chat", "run", "webhook")


def main(argv: list[str] | None = None) -> int:
    from bot import startup

    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command in LONG_RUNNING:
        startup.pause()
    try:
        return _main(parser, args)
    finally:
        startup.ready(warm=False)  # a start that failed or ended early: collection is on again


def _main(parser, args) -> int:
    if args.command == "unit" and args.action == "create" and not args.name:
        parser.error("unit create needs --name")
    if args.command == "unit" and args.action == "invite" and not args.id:
        parser.error("unit invite needs --id")
    try:  # fee tables an admin loaded (unionbot rates load) count for every command, e.g. unionbot fee
        from domain.calc.data import use_folder

        use_folder(load_settings().rates_folder)
    except SettingsError:
        pass  # a command that needs the settings says what is wrong itself
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
