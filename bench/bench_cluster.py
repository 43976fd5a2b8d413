"""Load run of the production shape on loopback: 1,000 simulated users complete a multi-step form
concurrently through HTTP webhooks to two worker processes (``unionbot webhook``) sharing
PostgreSQL and Redis, then the same run against one worker for the scaling ratio.

The Bot API is a local stand-in on 127.0.0.1 (bot/dev/devapi.py) in this process; every user posts
an answer, waits for the worker's HTTP answer (workers answer after handling) and checks that the
bot's reply is the next step of the form. Like Telegram (setWebhook max_connections <= 100), the
simulated sender keeps at most 100 HTTP requests in flight. Figures: updates/s, end-to-end p50/p99 per update
(client side), handler p50/p99 (the workers' unionbot_handler_seconds histogram), errors.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379; without them it
says so and stops. Every loop is bounded; worker processes are stopped at the end.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

USERS = int(os.environ.get("BENCH_CLUSTER_USERS", "1000"))
CONNECTIONS = int(os.environ.get("BENCH_CLUSTER_CONNECTIONS", "100"))
RUN_TIMEOUT = 600.0
PG = ("127.0.0.1", 5432)
REDIS_URL = "redis://127.0.0.1:6379/14"
TOKEN = "123456:BENCH-cluster_token"
ROOT = Path(__file__).resolve().parents[1]
BASE_UID = 5_000_000


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unionbot() -> list[str]:
    exe = Path(sys.executable).parent / "unionbot"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.dev.cli"]


def card_form(n: int) -> list[str]:
    """One member's card application: answers and button labels, as tests/scripts/card_session.txt."""
    from datetime import date, timedelta

    from stdnum.cn import ric

    born = date(1970, 1, 1) + timedelta(days=n * 7)
    first17 = f"310101{born:%Y%m%d}{n % 1000:03d}"
    return ["/apply", "关联企业会员（在单位工会入会）", "我有会员编号，还没有会员服务卡", f"M2024{n:05d}", "张三", "居民身份证",
            first17 + ric.calc_check_digit(first17 + "0"), "✅ 正确", "2031-12-31", f"138{n:08d}",
            "上海市浦东新区世纪大道100号", CARD_UNIT, "浦东新区", "上海银行浦东分行 · 陆家嘴网点",
            "同上（用刚才的手机号）", "✅ 确认提交"]


CARD_UNIT = "上海某某快递服务工会"
METRICS_TOKEN = secrets.token_urlsafe(16)


def script(uid: int, i: int) -> list[str]:
    return card_form(i)


def quantile_from_buckets(buckets: list[tuple[float, float]], q: float) -> float:
    """Linear interpolation inside cumulative Prometheus buckets [(upper bound, count)]."""
    total = buckets[-1][1]
    if total == 0:
        return float("nan")
    rank = q * total
    prev_bound, prev_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if bound == float("inf"):
                return prev_bound
            span = count - prev_count
            return prev_bound + (bound - prev_bound) * ((rank - prev_count) / span if span else 0)
        prev_bound, prev_count = bound, count
    return prev_bound


def parse_histogram(text: str, name: str) -> list[tuple[float, float]]:
    out: dict[float, float] = {}
    for line in text.splitlines():
        if line.startswith(name + "_bucket{"):
            le = line.split('le="', 1)[1].split('"', 1)[0]
            out[float("inf") if le == "+Inf" else float(le)] = float(line.rsplit(" ", 1)[1])
    return sorted(out.items())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _create_db() -> tuple[str, str]:
    import asyncpg

    name = "ub_bench_" + uuid.uuid4().hex[:10]
    admin = await asyncpg.connect(host=PG[0], port=PG[1], user="postgres", database="postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return name, f"postgresql+asyncpg://postgres@{PG[0]}:{PG[1]}/{name}"


async def _drop_db(name: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(host=PG[0], port=PG[1], user="postgres", database="postgres")
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


async def run(workers: int) -> dict:
    import aiohttp
    from redis.asyncio import Redis

    from bot.db import Database
    from bot.dev.devapi import LocalBotApi
    replies: dict[int, list[str]] = {}

    def on_send(method: str, params: dict) -> None:
        if method == "sendMessage":
            replies.setdefault(int(params["chat_id"]), []).append(params.get("text", ""))

    keyboards: dict[int, tuple[int, dict[str, str]]] = {}  # chat -> (message id, button text -> data)

    def on_message(method: str, params: dict, msg: dict) -> None:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if markup and markup.get("inline_keyboard"):
            buttons = {b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row
                       if "callback_data" in b}
            keyboards[int(params["chat_id"])] = (msg["message_id"], buttons)
        if method.startswith("edit"):
            replies.setdefault(int(params["chat_id"]), []).append(params.get("text", ""))

    api = LocalBotApi(on_send=on_send, keep=0, on_message=on_message)
    api_url = await api.start()
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    db_name, db_url = await _create_db()
    db = Database(db_url)
    await db.upgrade()
    from domain.repos import create_unit

    async with db.session() as session:
        await create_unit(session, CARD_UNIT)
        await session.commit()
    await db.dispose()
    secret = secrets.token_urlsafe(16)
    uids = [BASE_UID + n for n in range(USERS)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "REDIS_", "WEBHOOK_", "TELEGRAM_"))}
    env.update(DATABASE_URL=db_url, REDIS_URL=REDIS_URL, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api_url,
               WEBHOOK_SECRET=secret, ADMIN_IDS=",".join(map(str, uids)), EMBEDDED_SCHEDULER="false",
               LOG_LEVEL="WARNING", THROTTLE_RATE="1000", THROTTLE_BURST="1000", OUTGOING_RATE="0", DATA_KEY="bench",
               METRICS_TOKEN=METRICS_TOKEN)  # /metrics is on the webhook port only behind a bearer token
    ports = [_free_port() for _ in range(workers)]
    logs = [tempfile.TemporaryFile() for _ in ports]  # a file, never a pipe nobody reads
    procs = [subprocess.Popen([*_unionbot(), "webhook", "--no-set-webhook"], cwd=ROOT,
                              env={**env, "WEBHOOK_PORT": str(p)}, stdout=subprocess.DEVNULL, stderr=log)
             for p, log in zip(ports, logs)]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    latencies: list[float] = []
    errors: list[str] = []
    try:
        # Telegram delivers a bot's updates over at most 100 simultaneous connections
        # (setWebhook max_connections, default 40): the simulated Telegram side does the same.
        connector = aiohttp.TCPConnector(limit=0)
        in_flight = asyncio.Semaphore(CONNECTIONS)
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as client:
            for _ in range(600):  # workers up
                ok = 0
                for base in bases:
                    try:
                        async with client.get(base + "/healthz") as resp:
                            ok += resp.status == 200
                    except aiohttp.ClientError:
                        pass
                if ok == workers:
                    break
                if any(p.poll() is not None for p in procs):
                    raise RuntimeError("a worker exited: " + _tail(logs[0]))
                await asyncio.sleep(0.2)
            else:
                raise RuntimeError("workers did not start")
            update_ids = iter(range(1, 10_000_000))
            from tests.ops_support import message_update

            def update_for(uid: int, text: str) -> dict:
                kb = keyboards.get(uid)
                if kb is not None and text in kb[1]:
                    uid_ = next(update_ids)
                    return {"update_id": uid_, "callback_query": {
                        "id": str(uid_), "chat_instance": "ci", "data": kb[1][text],
                        "from": {"id": uid, "is_bot": False, "first_name": "u", "language_code": "zh"},
                        "message": {"message_id": kb[0], "date": int(time.time()), "text": "…",
                                    "chat": {"id": uid, "type": "private"},
                                    "from": {"id": 42, "is_bot": True, "first_name": "bot"}}}}
                return message_update(next(update_ids), uid, text)

            async def user(n: int, uid: int) -> None:
                for k, text in enumerate(script(uid, n)):
                    base = bases[(n + k) % workers]
                    async with in_flight:  # latency counts from the moment "Telegram" sends
                        started = time.perf_counter()
                        try:
                            async with client.post(base + "/webhook", json=update_for(uid, text),
                                                   headers={"X-Telegram-Bot-Api-Secret-Token": secret}) as resp:
                                await resp.read()
                                status = resp.status
                        except Exception as exc:  # counted, never raised
                            errors.append(f"{type(exc).__name__}")
                            return
                        latencies.append(time.perf_counter() - started)
                    if status != 200:
                        errors.append(f"HTTP {status}")
                        return
                if not any("申请已提交" in r for r in replies.get(uid, [])[-2:]):
                    errors.append("card application not submitted")
                    if os.environ.get("BENCH_CLUSTER_DEBUG"):
                        print("\n---\n".join(replies.get(uid, [])[-4:]), keyboards.get(uid), file=sys.stderr)

            started = time.perf_counter()
            await asyncio.wait_for(asyncio.gather(*(user(n, uid) for n, uid in enumerate(uids))), RUN_TIMEOUT)
            wall = time.perf_counter() - started
            handler = []
            for base in bases:
                async with client.get(base + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}) as resp:
                    handler.append(parse_histogram(await resp.text(), "unionbot_handler_seconds"))
                if not handler[-1]:
                    raise SystemExit(f"{base}/metrics gave no unionbot_handler_seconds histogram (HTTP {resp.status})")
            merged = [(b, sum(h[i][1] for h in handler)) for i, (b, _) in enumerate(handler[0])]
        async with (await _engine_session(db_url)) as conn:
            from sqlalchemy import text as sql

            created = (await conn.execute(sql("SELECT count(*) FROM card_applications"))).scalar()
        if created != USERS:
            errors.append(f"{USERS - created} forms did not complete")
        return {
            "workers": workers, "updates": len(latencies), "wall": wall, "ups": len(latencies) / wall,
            "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
            "h50": quantile_from_buckets(merged, 0.5), "h99": quantile_from_buckets(merged, 0.99),
            "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
        }
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if errors or os.environ.get("BENCH_CLUSTER_LOGS"):
            for i, log in enumerate(logs):
                print(f"worker {i + 1} log tail: {_tail(log)}")
        for log in logs:
            log.close()
        await redis.flushdb()
        await redis.aclose()
        await api.stop()
        await _drop_db(db_name)


def _tail(fh, size: int = 1500) -> str:
    fh.flush()
    fh.seek(0, os.SEEK_END)
    fh.seek(max(0, fh.tell() - size))
    return fh.read().decode(errors="replace")


class _Conn:
    def __init__(self, url):
        from sqlalchemy.ext.asyncio import create_async_engine

        self.engine = create_async_engine(url)

    async def __aenter__(self):
        self.conn = await self.engine.connect()
        return self.conn

    async def __aexit__(self, *exc):
        await self.conn.close()
        await self.engine.dispose()


async def _engine_session(url):
    return _Conn(url)


def _line(r: dict) -> str:
    return (f"{r['workers']} worker(s): {r['updates']} updates in {r['wall']:.1f} s = {r['ups']:.0f} updates/s; "
            f"end-to-end p50 {r['p50'] * 1000:.1f} ms p99 {r['p99'] * 1000:.1f} ms; "
            f"handler p50 {r['h50'] * 1000:.1f} ms p99 {r['h99'] * 1000:.1f} ms; errors {r['errors']}"
            + (f" {r['error_kinds']}" if r["errors"] else ""))


def main() -> None:
    if not _reachable(*PG):
        print(f"bench_cluster skipped: PostgreSQL is not reachable on {PG[0]}:{PG[1]}")
        return
    if not _reachable("127.0.0.1", 6379):
        print("bench_cluster skipped: Redis is not reachable on 127.0.0.1:6379")
        return
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    steps = len(script(BASE_UID, 0))
    print("form: member card application form (handlers/card.py), answers and button presses, "
          f"{steps} updates per user, {USERS} users at once, webhooks over HTTP on 127.0.0.1 "
          f"(at most {CONNECTIONS} connections in flight, like Telegram's max_connections), "
          f"PostgreSQL + Redis, fake Bot API on loopback, {os.cpu_count()} CPU(s) shared by everything")
    two = asyncio.run(run(2))
    print(_line(two))
    one = asyncio.run(run(1))
    print(_line(one))
    print(f"scaling ratio (2 workers / 1 worker updates/s): {two['ups'] / one['ups']:.2f}")


if __name__ == "__main__":
    main()
