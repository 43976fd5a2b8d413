"""A small fake Telegram Bot API server on 127.0.0.1 for HTTP-level tests (polling, fan-out, crash
tests). Like Telegram it takes at most ``limit`` messages in any rolling second from the bot
(30 by default) and answers the rest with 429 and ``retry_after``; it records every message that
arrived (what a crash test counts). ``hold(params)`` lets a test keep the answer to a message that
did arrive (a process is then killed with its send on the wire)."""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Callable

from aiohttp import web

LIMIT = 30  # messages per rolling second, as Telegram enforces for one bot


class FakeBotApi:
    def __init__(self, updates: list[dict] | None = None, limit: int | None = LIMIT, retry_after: int = 1):
        self.pending = list(updates or [])
        self.requests: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
        self.arrived: list[float] = []  # time.monotonic() of each message in ``sent``
        self.rejected = 0  # 429 answers
        self.limit, self.retry_after = limit, retry_after
        self.window: deque[float] = deque()
        self.hold: Callable[[dict], bool] | None = None  # True: the message arrived, its answer waits
        self.held = asyncio.Event()  # set when a message is being held
        self.got_message = asyncio.Event()
        self._ids = 500
        self.runner: web.AppRunner | None = None
        self.port: int | None = None

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            form = await request.post()
            params = {k: (v if isinstance(v, str) else "<file>") for k, v in form.items()}
        self.requests.append((method, params))
        if method == "sendMessage" and self.limit is not None and not self._admit():
            self.rejected += 1
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": f"Too Many Requests: retry after {self.retry_after}",
                                      "parameters": {"retry_after": self.retry_after}}, status=429)
        result = await self.result(method, params)
        if method == "sendMessage" and self.hold is not None and self.hold(params):
            self.held.set()
            await asyncio.Event().wait()  # never answered: the sender dies waiting (or the server stops)
        return web.json_response({"ok": True, "result": result})

    def _admit(self) -> bool:
        now = time.monotonic()
        while self.window and now - self.window[0] >= 1.0:
            self.window.popleft()
        if len(self.window) >= self.limit:
            return False
        self.window.append(now)
        return True

    async def result(self, method: str, params: dict):
        if method == "getMe":
            return {"id": 42, "is_bot": True, "first_name": "工会服务助手", "username": "unionbot_local_bot"}
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            ready = [u for u in self.pending if u["update_id"] >= offset]
            if not ready:
                await asyncio.sleep(0.05)
            return ready
        if method == "sendMessage":
            self._ids += 1
            self.sent.append(params)
            self.arrived.append(time.monotonic())
            self.got_message.set()
            chat_id = int(params["chat_id"])
            return {"message_id": self._ids, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
                    "text": params.get("text", "")}
        return True

    def max_per_second(self) -> int:
        """The most messages that arrived in any rolling second (the limit holds: <= ``limit``)."""
        best, start = 0, 0
        for end, moment in enumerate(self.arrived):
            while moment - self.arrived[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        self.runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()


def start_update(update_id: int, user_id: int, text: str, lang: str = "zh") -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "u", "language_code": lang},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else [],
        },
    }


__all__ = ["FakeBotApi", "LIMIT", "start_update", "json"]
