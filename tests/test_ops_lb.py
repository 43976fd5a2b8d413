"""The small load balancer: round robin, a stopping worker's 503 or a dead worker goes to the next
one, request ids added, and nothing to send to gives 502."""

from __future__ import annotations

import socket

import aiohttp
from aiohttp import web

from bot.ops.lb import RoundRobinProxy


async def _backend(name: str, status: int = 200, seen: list | None = None):
    async def handle(request: web.Request) -> web.Response:
        if seen is not None and request.method == "POST":
            seen.append((name, request.headers.get("X-Request-Id"), await request.read()))
        return web.json_response({"worker": name}, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


async def test_round_robin_failover_and_request_ids():
    seen: list = []
    r1, u1 = await _backend("a", seen=seen)
    r2, u2 = await _backend("b", seen=seen)
    r3, u3 = await _backend("stopping", status=503)
    proxy = RoundRobinProxy([u1, u2, u3, _closed_port()], check_every=3600)
    url = await proxy.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as client:
            workers = []
            for i in range(8):
                async with client.post(url + "/webhook", data=f"update {i}".encode()) as resp:
                    assert resp.status == 200
                    workers.append((await resp.json())["worker"])
        assert set(workers) == {"a", "b"} and workers.count("a") >= 3 and workers.count("b") >= 3
        assert sorted(body for _, _, body in seen) == sorted(f"update {i}".encode() for i in range(8))
        assert all(rid and len(rid) == 12 for _, rid, _ in seen)
        assert proxy.healthy[u3] is False
    finally:
        await proxy.stop()
        for r in (r1, r2, r3):
            await r.cleanup()


async def test_no_worker_gives_502():
    proxy = RoundRobinProxy([_closed_port()], check_every=3600)
    url = await proxy.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as client:
            async with client.post(url + "/webhook", data=b"{}") as resp:
                assert resp.status == 502
    finally:
        await proxy.stop()
