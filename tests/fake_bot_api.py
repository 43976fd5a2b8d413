"""A small fake Telegram Bot API server on 127.0.0.1 for HTTP-level tests (polling, fan-out)."""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web


class FakeBotApi:
    def __init__(self, updates: list[dict] | None = None):
        self.pending = list(updates or [])
        self.requests: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
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
        return web.json_response({"ok": True, "result": await self.result(method, params)})

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
            self.got_message.set()
            chat_id = int(params["chat_id"])
            return {"message_id": self._ids, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
                    "text": params.get("text", "")}
        return True

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        self.runner = web.AppRunner(app)
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


__all__ = ["FakeBotApi", "start_update", "json"]
