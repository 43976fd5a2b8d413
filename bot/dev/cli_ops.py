"""Operations commands: ``unionbot scheduler``, ``unionbot lb``, ``unionbot cluster``.

* ``scheduler`` — the scheduler role: runs bot.scheduler.start_scheduler while it holds the
  PostgreSQL advisory lock; a second one stands by and takes over within seconds.
* ``lb`` — the small round-robin load balancer (bot/ops/lb.py) in front of webhook workers.
* ``cluster`` — the production shape on loopback: N webhook workers + one scheduler (+ one
  standby with ``--standby``) against PostgreSQL and Redis, with the load balancer in front.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("unionbot.cluster")

DEFAULT_CLUSTER_DB = "postgresql+asyncpg://postgres@127.0.0.1:5432/unionbot"
DEFAULT_CLUSTER_REDIS = "redis://127.0.0.1:6379/0"


def register(subparsers) -> None:
    p = subparsers.add_parser("scheduler", help="the reminder scheduler role (one active per database)")
    p.add_argument("--entry", default="bot.scheduler:start_scheduler",
                   help="module:function started while holding the role (default: %(default)s)")
    p.add_argument("--retry", type=float, default=1.0, help="seconds between a standby's attempts")
    p.add_argument("--heartbeat", type=float, default=2.0, help="seconds between the holder's checks")
    p.add_argument("--listen", help="host:port for /metrics and /healthz of this process (reminder counters live here)")
    p.set_defaults(func=cmd_scheduler)

    p = subparsers.add_parser("lb", help="round-robin load balancer in front of webhook workers")
    p.add_argument("--listen", default="127.0.0.1:8080", help="host:port (default %(default)s)")
    p.add_argument("--backend", action="append", required=True, help="worker base URL; repeat per worker")
    p.set_defaults(func=cmd_lb)

    p = subparsers.add_parser("cluster", help="webhook workers + scheduler + load balancer on loopback")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--port", type=int, default=8080, help="load balancer port; workers use the next ones")
    p.add_argument("--standby", action="store_true", help="also start a standby scheduler")
    p.add_argument("--fake-telegram", action="store_true",
                   help="answer Bot API calls locally (default when BOT_TOKEN is not set)")
    p.add_argument("--ready-file", help="write the load balancer URL here once everything is up")
    p.set_defaults(func=cmd_cluster)


# --- scheduler ------------------------------------------------------------------------------


def cmd_scheduler(args) -> int:
    from bot.dev.cli import settings_or_exit

    settings = settings_or_exit()
    return asyncio.run(run_scheduler(settings, args.entry, args.retry, args.heartbeat, args.listen))


async def scheduler_http(role, db, redis, listen: str, settings):
    """/metrics and /healthz of the scheduler process (the reminder counters are incremented here).
    /healthz is 200 for the holder and for a standby alike (both are healthy); it says which."""
    from aiohttp import web

    from bot.ops import metrics
    from bot.ops.cluster import health

    class _App:
        pass

    probe = _App()
    probe.db = db

    async def healthz(_request):
        status, body = await health(probe, redis)
        body["scheduler"] = "leader" if role.leader.is_set() else "standby"
        return web.json_response(body, status=status)

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics.metrics_view(settings))  # its own port; the token if set
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    host, port = _host_port(listen)
    await web.TCPSite(runner, host, port).start()
    log.info("scheduler metrics on http://%s:%s/metrics", host, port)
    return runner


async def run_scheduler(settings, entry: str, retry: float = 1.0, heartbeat: float = 2.0,
                        listen: str | None = None) -> int:
    from bot.run.app import build_bot
    from bot.ops.cluster import wait_for_stop_signal
    from bot.db import Database
    from bot.ops.leader import SchedulerRole, upgrade_locked
    from bot.logging_setup import setup_logging
    from bot.ops.metrics import install_request_ids
    from bot.ops.ratelimit import install_outgoing_limit

    setup_logging(settings.log_level, settings.log_json)
    install_request_ids()
    if settings.bot_token is None:
        log.warning("BOT_TOKEN is not set: reminders cannot reach Telegram")
    db = Database(settings.database_url)
    await upgrade_locked(db)
    bot = build_bot(settings)
    redis = None
    if settings.redis_url:
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url)
    install_outgoing_limit(bot, settings, redis)
    role = SchedulerRole(bot, db, settings, entry=entry, retry=retry, heartbeat=heartbeat)
    http = await scheduler_http(role, db, redis, listen, settings) if listen else None
    task = asyncio.create_task(role.run())
    stopper = asyncio.create_task(wait_for_stop_signal())
    try:
        done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        role.stop()
        await task
    finally:
        stopper.cancel()
        if http is not None:
            await http.cleanup()
        await bot.session.close()
        if redis is not None:
            await redis.aclose()
        await db.dispose()
    return 0


# --- load balancer ----------------------------------------------------------------------------


def _host_port(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    return host or "127.0.0.1", int(port)


def cmd_lb(args) -> int:
    from bot.logging_setup import setup_logging

    setup_logging("INFO")

    async def go():
        from bot.ops.cluster import wait_for_stop_signal
        from bot.ops.lb import RoundRobinProxy

        proxy = RoundRobinProxy(args.backend)
        host, port = _host_port(args.listen)
        url = await proxy.start(host, port)
        log.info("load balancer on %s -> %s", url, ", ".join(args.backend))
        try:
            await wait_for_stop_signal()
        finally:
            await proxy.stop()

    asyncio.run(go())
    return 0


# --- cluster --------------------------------------------------------------------------------


def _unionbot() -> list[str]:
    exe = Path(sys.executable).parent / "unionbot"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.dev.cli"]


async def ensure_pg_database(url: str) -> None:
    """Create the cluster's PostgreSQL database when it does not exist yet."""
    import asyncpg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if not u.drivername.startswith("postgresql"):
        return
    name = u.database
    admin = await asyncpg.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username,
                                  password=u.password, database="postgres", timeout=10)
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


def _die_with_parent() -> None:
    """Linux: a child gets SIGTERM if the launcher dies, even by SIGKILL (no orphaned workers)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def cluster_env(base: dict, **extra) -> dict:
    env = dict(base)
    env.update({k: str(v) for k, v in extra.items()})
    return env


async def run_cluster(workers: int = 2, port: int = 8080, standby: bool = False, fake_telegram: bool = False,
                      ready_file: str | None = None, stop: asyncio.Event | None = None) -> int:
    from bot.ops.cluster import wait_for_stop_signal
    from bot.db import Database
    from bot.dev.devapi import LocalBotApi
    from bot.ops.lb import RoundRobinProxy

    env = dict(os.environ)
    env.setdefault("DATABASE_URL", DEFAULT_CLUSTER_DB)
    env.setdefault("REDIS_URL", DEFAULT_CLUSTER_REDIS)
    env.setdefault("LOG_JSON", "true")
    env.setdefault("WEBHOOK_SECRET", secrets.token_urlsafe(24))
    if not env["DATABASE_URL"].startswith(("postgresql", "postgres")):
        print("cluster: DATABASE_URL must be PostgreSQL (several processes share it)", file=sys.stderr)
        return 2
    api = None
    if fake_telegram or not env.get("BOT_TOKEN"):
        api = LocalBotApi()
        env["TELEGRAM_API_URL"] = await api.start()
        env["BOT_TOKEN"] = env.get("BOT_TOKEN") or "123456:LOCAL-cluster-fake-telegram"
        print(f"cluster: Bot API answered locally at {env['TELEGRAM_API_URL']} (no Telegram)", flush=True)
    from bot.settings import load_settings

    settings = load_settings(database_url=env["DATABASE_URL"], redis_url=env["REDIS_URL"])
    await ensure_pg_database(settings.database_url)
    db = Database(settings.database_url)
    await db.upgrade()
    await db.dispose()

    procs: list[tuple[str, subprocess.Popen]] = []
    backends = []
    for i in range(workers):
        wport = port + 1 + i
        wenv = cluster_env(env, WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=wport, EMBEDDED_SCHEDULER="false",
                           METRICS_PORT=port + 11 + i)  # /metrics off the proxied webhook port
        procs.append((f"worker{i + 1}", subprocess.Popen([*_unionbot(), "webhook", "--no-set-webhook"], env=wenv,
                                                         preexec_fn=_die_with_parent)))
        backends.append(f"http://127.0.0.1:{wport}")
    for n, name in enumerate(["scheduler"] + (["scheduler-standby"] if standby else [])):
        listen = f"127.0.0.1:{port + workers + 1 + n}"
        procs.append((name, subprocess.Popen([*_unionbot(), "scheduler", "--listen", listen], env=env,
                                             preexec_fn=_die_with_parent)))
    proxy = RoundRobinProxy(backends)
    url = await proxy.start("127.0.0.1", port)
    try:
        await _wait_healthy(proxy, procs)
        print(f"cluster: load balancer {url}{settings.webhook_path} -> {', '.join(backends)}", flush=True)
        print(f"cluster: health {url}/healthz, metrics per worker http://127.0.0.1:{port + 11}/metrics, scheduler "
              f"http://127.0.0.1:{port + workers + 1}/metrics, status {url}/lb/status; Ctrl-C stops everything",
              flush=True)
        if env.get("WEBHOOK_URL") and api is None:
            await _set_webhook(env, settings)
        if ready_file:
            Path(ready_file).write_text(url)
        waiter = asyncio.create_task(stop.wait() if stop is not None else wait_for_stop_signal())
        watcher = asyncio.create_task(_watch(procs))
        done, _ = await asyncio.wait({waiter, watcher}, return_when=asyncio.FIRST_COMPLETED)
        for t in (waiter, watcher):
            t.cancel()
        if watcher in done:
            print("cluster: a process exited; stopping the others", file=sys.stderr, flush=True)
    finally:
        await proxy.stop()
        for _, p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for name, p in procs:
            try:
                await asyncio.to_thread(p.wait, 40)
            except subprocess.TimeoutExpired:
                print(f"cluster: {name} did not stop in time; killing it", file=sys.stderr)
                p.kill()
        if api is not None:
            await api.stop()
        print("cluster: stopped", flush=True)
    return 0


async def _wait_healthy(proxy, procs, timeout: float = 90.0) -> None:
    import aiohttp

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with aiohttp.ClientSession() as client:
        while loop.time() < deadline:
            for name, p in procs:
                if p.poll() is not None:
                    raise RuntimeError(f"{name} exited with {p.returncode} during start")
            ok = 0
            for backend in proxy.backends:
                try:
                    async with client.get(backend + "/healthz") as resp:
                        ok += resp.status == 200
                except aiohttp.ClientError:
                    pass
            if ok == len(proxy.backends):
                for b in proxy.backends:
                    proxy.healthy[b] = True
                return
            await asyncio.sleep(0.3)
    raise RuntimeError("workers did not become healthy in time")


async def _watch(procs) -> None:
    while all(p.poll() is None for _, p in procs):
        await asyncio.sleep(0.5)


async def _set_webhook(env: dict, settings) -> None:
    from pydantic import SecretStr

    from bot.run.app import build_bot

    bot = build_bot(settings.model_copy(update={"bot_token": SecretStr(env["BOT_TOKEN"])}))
    try:
        await bot.set_webhook(env["WEBHOOK_URL"] + settings.webhook_path, secret_token=env["WEBHOOK_SECRET"])
    finally:
        await bot.session.close()


def cmd_cluster(args) -> int:
    from bot.logging_setup import setup_logging

    setup_logging("INFO")
    try:
        return asyncio.run(run_cluster(args.workers, args.port, args.standby, args.fake_telegram, args.ready_file))
    except RuntimeError as exc:
        print(f"cluster: {exc}", file=sys.stderr)
        return 1
