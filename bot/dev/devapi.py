"""A local stand-in for the Telegram Bot API over HTTP, on 127.0.0.1 only.

Used by ``unionbot cluster --fake-telegram`` (try the production shape offline, no token) and by
the cluster benchmark. It answers every method the bot uses with what Telegram would return and
keeps what was sent; nothing leaves the machine.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from aiohttp import web

BOT_USER = {"id": 42, "is_bot": True, "first_name": "工会服务助手", "username": "unionbot_local_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
SEND_METHODS = {"sendMessage", "sendDocument", "sendPhoto"}


class LocalBotApi:
    def __init__(self, on_send: Callable[[str, dict], None] | None = None, keep: int = 10_000,
                 on_message: Callable[[str, dict, dict], None] | None = None):
        self.on_send = on_send
        self.on_message = on_message  # (method, params, the message returned) for sends and edits
        self.keep = keep
        self.sent: list[tuple[str, dict]] = []  # the last ``keep`` sends
        self.counts: dict[str, int] = {}
        self._ids = itertools.count(1000)
        self.runner: web.AppRunner | None = None
        self.url: str | None = None

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        return {k: (v if isinstance(v, str) else "<file>") for k, v in form.items()}

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.counts[method] = self.counts.get(method, 0) + 1
        return web.json_response({"ok": True, "result": self.result(method, params)})

    def result(self, method: str, params: dict):
        if method == "getMe":
            return BOT_USER
        if method in SEND_METHODS or method.startswith("edit"):
            chat_id = int(params.get("chat_id") or 0)
            msg = {"message_id": int(params.get("message_id") or next(self._ids)), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "from": BOT_USER}
            if "text" in params:
                msg["text"] = params["text"]
            if method in SEND_METHODS:
                self.sent.append((method, params))
                if len(self.sent) > self.keep:
                    del self.sent[: len(self.sent) - self.keep]
            if self.on_send is not None:
                self.on_send(method, params)
            if self.on_message is not None:
                self.on_message(method, params, msg)
            return msg
        if method == "getUpdates":
            return []
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://{host}:{port}"
        return self.url

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
