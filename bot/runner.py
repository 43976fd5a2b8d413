"""Long polling and the aiohttp webhook server."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiohttp import web

from bot.app import App, build_bot, build_dispatcher, set_commands
from bot.db import Database
from bot.logging_setup import setup_logging
from bot.settings import Settings

log = logging.getLogger(__name__)


async def prepare(settings: Settings) -> tuple[App, Bot]:
    setup_logging(settings.log_level, settings.log_json)
    db = Database(settings.database_url)
    await db.upgrade()
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    return app, bot


async def on_startup(app: App, bot: Bot) -> None:
    await set_commands(bot, app.translator)
    try:
        from bot.scheduler import start_scheduler
    except ImportError:
        return
    app.extras["scheduler"] = await start_scheduler(bot, app.db, app.settings)


async def on_shutdown(app: App) -> None:
    scheduler = app.extras.get("scheduler")
    if scheduler is not None:
        scheduler.shutdown(wait=False)


async def run_polling(settings: Settings) -> None:
    app, bot = await prepare(settings)
    await bot.delete_webhook(drop_pending_updates=False)
    await on_startup(app, bot)
    try:
        await app.dispatcher.start_polling(bot, handle_signals=True)
    finally:
        await on_shutdown(app)
        await app.dispatcher.storage.close()
        await bot.session.close()
        await app.db.dispose()


def make_webhook_app(app: App, bot: Bot) -> web.Application:
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application

    web_app = web.Application()
    secret = app.settings.webhook_secret.get_secret_value() if app.settings.webhook_secret else None
    SimpleRequestHandler(dispatcher=app.dispatcher, bot=bot, secret_token=secret).register(
        web_app, path=app.settings.webhook_path
    )

    async def healthz(_request: web.Request) -> web.Response:
        from sqlalchemy import text

        try:
            async with app.db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            return web.json_response({"database": "down"}, status=503)
        return web.json_response({"database": "ok"})

    web_app.router.add_get("/healthz", healthz)
    setup_application(web_app, app.dispatcher, bot=bot)
    return web_app


async def run_webhook(settings: Settings, set_webhook: bool = True) -> None:
    import asyncio

    app, bot = await prepare(settings)
    await on_startup(app, bot)
    if set_webhook and settings.webhook_url:
        await bot.set_webhook(
            settings.webhook_url + settings.webhook_path,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    web_app = make_webhook_app(app, bot)
    runner = web.AppRunner(web_app, handle_signals=True)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook server on %s:%s%s", settings.webhook_host, settings.webhook_port, settings.webhook_path)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await on_shutdown(app)
        await app.db.dispose()
