"""Long polling and the aiohttp webhook server."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiohttp import web

from bot import startup
from bot.run.app import App, build_bot, build_dispatcher, set_commands
from bot.db import Database
from bot.logging_setup import setup_logging
from bot.settings import Settings

log = logging.getLogger(__name__)


async def prepare(settings: Settings) -> tuple[App, Bot]:
    from bot.ops.leader import upgrade_locked
    from bot.ops.metrics import install_request_ids
    from bot.ops.ratelimit import install_outgoing_limit, shared_redis

    setup_logging(settings.log_level, settings.log_json)
    install_request_ids()
    db = Database(settings.database_url)
    await upgrade_locked(db)  # several workers may start at once: one migrates, the others wait
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    install_outgoing_limit(bot, settings, shared_redis(settings, app.storage) if settings.redis_url else None)
    return app, bot


async def on_startup(app: App, bot: Bot) -> None:
    await set_commands(bot, app.translator)
    if app.settings.embedded_scheduler:  # guarded by the PostgreSQL advisory lock (bot/ops/leader.py)
        from bot.ops.leader import start_role_task

        app.extras["scheduler_role"] = start_role_task(bot, app.db, app.settings)


async def on_shutdown(app: App) -> None:
    from bot import pushes
    from bot.broadcasts import drain

    await drain(app.settings.shutdown_timeout)
    await pushes.drain(app.settings.shutdown_timeout)
    role = app.extras.pop("scheduler_role", None)
    if role is not None:
        from bot.ops.leader import stop_role_task

        await stop_role_task(*role)


async def run_polling(settings: Settings) -> None:
    app, bot = await prepare(settings)
    await bot.delete_webhook(drop_pending_updates=False)
    await on_startup(app, bot)
    startup.ready()
    try:
        await app.dispatcher.start_polling(bot, handle_signals=True)
    finally:
        await on_shutdown(app)
        await app.dispatcher.storage.close()
        await bot.session.close()
        await app.db.dispose()


def make_webhook_app(app: App, bot: Bot) -> web.Application:
    """Webhook path, /healthz and /metrics; ordered per chat across workers (see bot/ops/cluster.py);
    the clerks' Mini App under /app (bot/webapp/)."""
    from bot.ops.cluster import make_webhook_app as build
    from bot.webapp import mount

    web_app = build(app, bot)
    mount(web_app, app, bot)
    return web_app


async def run_webhook(settings: Settings, set_webhook: bool = True) -> None:
    app, bot = await prepare(settings)
    await on_startup(app, bot)
    if set_webhook and settings.webhook_url:
        await bot.set_webhook(
            settings.webhook_url + settings.webhook_path,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    from bot.ops.cluster import wait_for_stop_signal

    web_app = make_webhook_app(app, bot)
    # SIGTERM/SIGINT: stop listening, finish the updates in flight (bot/ops/cluster.py), then close.
    runner = web.AppRunner(web_app, handle_signals=False, shutdown_timeout=settings.shutdown_timeout)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook server on %s:%s%s", settings.webhook_host, settings.webhook_port, settings.webhook_path)
    startup.ready()
    metrics_runner = None
    if settings.metrics_port is not None:
        from bot.ops.metrics import make_metrics_app

        metrics_runner = web.AppRunner(make_metrics_app(settings), access_log=None)
        await metrics_runner.setup()
        await web.TCPSite(metrics_runner, settings.metrics_host, settings.metrics_port).start()
        log.info("metrics on http://%s:%s/metrics", settings.metrics_host, settings.metrics_port)
    try:
        await wait_for_stop_signal()
        log.info("stop signal: finishing in-flight updates")
    finally:
        if metrics_runner is not None:
            await metrics_runner.cleanup()
        await runner.cleanup()
        await on_shutdown(app)
        await app.db.dispose()
