"""A small round-robin HTTP load balancer for the webhook workers (aiohttp).

Enough for the local cluster and for a single host: round robin over healthy backends, a health
check of each backend's ``/healthz`` every ``check_every`` seconds, and a failover to the next
backend when one refuses the connection or answers 503 (a worker that is stopping answers 503
before it handled anything, so retrying elsewhere cannot handle an update twice). Every request
gets an ``X-Request-Id`` that the worker puts in its log lines. In front of real traffic use
nginx/HAProxy/a cloud load balancer (deploy/README.md); this one exists so ``make cluster`` needs
nothing but Python.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets

import aiohttp
from aiohttp import web

log = logging.getLogger(__name__)

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}


class RoundRobinProxy:
    def __init__(self, backends: list[str], check_every: float = 2.0, timeout: float = 60.0):
        if not backends:
            raise ValueError("at least one backend")
        self.backends = [b.rstrip("/") for b in backends]
        self.healthy = {b: True for b in self.backends}
        self.check_every = check_every
        self.timeout = timeout
        self._next = itertools.count()
        self.client: aiohttp.ClientSession | None = None
        self.runner: web.AppRunner | None = None
        self._checker: asyncio.Task | None = None
        self.served = {b: 0 for b in self.backends}
        self.url: str | None = None

    def order(self) -> list[str]:
        """Backends to try for one request: the healthy ones in round-robin order, then the others
        (a backend marked down may have come back since the last check)."""
        healthy = [b for b in self.backends if self.healthy[b]]
        down = [b for b in self.backends if not self.healthy[b]]
        if not healthy:
            return down
        start = next(self._next) % len(healthy)
        return healthy[start:] + healthy[:start] + down

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.path == "/lb/status":
            return web.json_response({"backends": self.healthy, "served": self.served})
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        headers.setdefault("X-Request-Id", secrets.token_hex(6))
        last_error = "no backend"
        for backend in self.order():
            try:
                async with self.client.request(request.method, backend + request.rel_url.raw_path_qs,
                                               data=body, headers=headers) as resp:
                    if resp.status == 503 and request.path != "/healthz":
                        last_error = f"{backend} 503"
                        self.healthy[backend] = False
                        continue
                    payload = await resp.read()
                    self.served[backend] += 1
                    out = {k: v for k, v in resp.headers.items() if k.lower() not in HOP_BY_HOP}
                    return web.Response(status=resp.status, body=payload, headers=out)
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError) as exc:
                last_error = f"{backend} {type(exc).__name__}"
                self.healthy[backend] = False
        log.warning("no worker could take the request (%s)", last_error)
        return web.Response(status=502, text="no healthy worker")

    async def _check(self) -> None:
        while True:
            for backend in self.backends:
                try:
                    async with self.client.get(backend + "/healthz", timeout=aiohttp.ClientTimeout(total=3)) as resp:
                        self.healthy[backend] = resp.status == 200
                except Exception:
                    self.healthy[backend] = False
            await asyncio.sleep(self.check_every)

    async def start(self, host: str = "127.0.0.1", port: int = 8080) -> str:
        self.client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout),
                                            connector=aiohttp.TCPConnector(limit=200))
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self._checker = asyncio.create_task(self._check())
        self.url = f"http://{host}:{port}"
        return self.url

    async def stop(self) -> None:
        if self._checker is not None:
            self._checker.cancel()
            try:
                await self._checker
            except asyncio.CancelledError:
                pass
        if self.runner is not None:
            await self.runner.cleanup()
        if self.client is not None:
            await self.client.close()
