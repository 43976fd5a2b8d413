"""``unionbot web``: the clerks' Mini App served alone (polling mode and local use).

``--dev-user ID`` signs a session for that user with the local console token, so a developer can
open http://HOST:PORT/app/dev in a browser; it refuses to start that way with a real BOT_TOKEN
(a session signed with the real token would be as good as Telegram's)."""

from __future__ import annotations

import asyncio
import sys


def cmd_web(args) -> int:
    from bot.dev.cli import settings_or_exit

    settings = settings_or_exit()
    if args.dev_user is not None and settings.bot_token is not None:
        print("unionbot web --dev-user works only without BOT_TOKEN (the local console token): "
              "with a real token, open the Mini App from Telegram", file=sys.stderr)
        return 2
    asyncio.run(_serve(settings, args.host, args.port, args.dev_user))
    return 0


async def _serve(settings, host: str, port: int, dev_user: int | None) -> None:
    from aiohttp import web

    from bot.run.app import build_bot, build_dispatcher
    from bot.ops.cluster import wait_for_stop_signal
    from bot.db import Database
    from bot.ops.leader import upgrade_locked
    from bot.logging_setup import setup_logging
    from bot.webapp import standalone

    setup_logging(settings.log_level, settings.log_json)
    db = Database(settings.database_url)
    await upgrade_locked(db)
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    runner = web.AppRunner(standalone(app, bot, dev_user=dev_user))
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    where = f"http://{host}:{port}/app/" + ("dev" if dev_user is not None else "")
    print(f"Mini App on {where}" + (f" (signed in as {dev_user})" if dev_user is not None else ""), flush=True)
    try:
        await wait_for_stop_signal()
    finally:
        await runner.cleanup()
        await bot.session.close()
        await app.dispatcher.storage.close()
        await db.dispose()


def register(subparsers) -> None:
    p = subparsers.add_parser("web", help="the clerks' Mini App alone (http://127.0.0.1:8081/app/)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8081)
    p.add_argument("--dev-user", type=int, help="sign a local session for this Telegram user id (no BOT_TOKEN only)")
    p.set_defaults(func=cmd_web)
