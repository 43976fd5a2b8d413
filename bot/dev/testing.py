"""A Telegram stand-in: an aiogram session that answers every Bot API call locally.

Used by the console chat (``unionbot chat``), the tests and the benchmarks, so all of them drive
the SAME dispatcher, middlewares and handlers as production, with no network and no token.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    InlineKeyboardMarkup,
    InlineQuery,
    InputFile,
    Message,
    Update,
)
from aiogram.types import User as TgUser

BOT_ID = 42
BOT_USERNAME = "unionbot_local_bot"
SENDING = {
    "sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup",
    "sendSticker", "copyMessage", "forwardMessage",
}


@dataclass
class Call:
    """One outgoing Bot API call as the fake server saw it."""

    method: str
    params: dict[str, Any]
    result: Any = None
    file_name: str | None = None
    file_bytes: bytes | None = None

    @property
    def chat_id(self) -> int | None:
        cid = self.params.get("chat_id")
        return int(cid) if isinstance(cid, (int, str)) and str(cid).lstrip("-").isdigit() else None

    @property
    def text(self) -> str | None:
        return self.params.get("text") or self.params.get("caption")

    @property
    def keyboard(self) -> list[list[dict]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard") or markup.get("keyboard") or []

    @property
    def buttons(self) -> list[dict]:
        return [b for row in self.keyboard for b in row]


class FakeTelegramSession(BaseSession):
    """Records every API call and returns what Telegram would, through aiogram's own parsing."""

    def __init__(self, fail: dict[str, list[dict]] | None = None):
        super().__init__()
        self.calls: list[Call] = []
        self.messages: dict[tuple[int, int], dict] = {}  # (chat id, message id) -> message json
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (name, content)
        self._ids = itertools.count(1000)
        self.fail = fail or {}  # method -> queue of error payloads to return first
        self.blocked: set[int] = set()  # chats that blocked the bot: every send to them gets a 403
        self.listeners: list = []

    async def close(self) -> None:  # nothing to close
        return None

    async def stream_content(self, url: str, headers=None, timeout: int = 30, chunk_size: int = 65536,
                             raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        file_id = url.rsplit("/", 1)[-1]
        _, content = self.files[file_id]
        for i in range(0, len(content), chunk_size):
            yield content[i : i + chunk_size]

    def add_file(self, name: str, content: bytes) -> str:
        file_id = f"file{next(self._ids)}"
        self.files[file_id] = (name, content)
        return file_id

    async def _read_input_file(self, value: InputFile) -> bytes:
        chunks = [chunk async for chunk in value.read(None)]
        return b"".join(chunks)

    async def make_request(self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None) -> TelegramType:
        name = method.__api_method__
        params: dict[str, Any] = {}
        file_name = file_bytes = None
        for key, value in method.model_dump(warnings=False, exclude_none=True).items():
            raw = getattr(method, key, None)
            if isinstance(raw, Default):
                continue
            if isinstance(raw, InputFile):
                file_name = raw.filename or key
                file_bytes = await self._read_input_file(raw)
                params[key] = {"file_name": file_name}
            elif value is not None:
                params[key] = json.loads(json.dumps(value, default=str))
        call = Call(name, params, file_name=file_name, file_bytes=file_bytes)
        self.calls.append(call)
        queued = self.fail.get(name)
        if params.get("chat_id") in self.blocked and name.startswith("send"):
            queued = [{"error_code": 403, "description": "Forbidden: bot was blocked by the user"}]
        if queued:
            payload = queued.pop(0)
            content = json.dumps({"ok": False, **payload})
            return self.check_response(bot=bot, method=method, status_code=payload.get("error_code", 400), content=content).result
        result = self._result(name, params, call)
        call.result = result
        for listener in self.listeners:
            listener(call)
        return self.check_response(bot=bot, method=method, status_code=200, content=json.dumps({"ok": True, "result": result})).result

    def _bot_user(self) -> dict:
        return {"id": BOT_ID, "is_bot": True, "first_name": "工会服务助手", "username": BOT_USERNAME,
                "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": True}

    def _result(self, name: str, params: dict, call: Call) -> Any:
        if name == "getMe":
            return self._bot_user()
        if name in ("sendMessage", "sendDocument", "sendPhoto", "sendSticker"):
            chat_id = int(params["chat_id"])
            msg = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": self._bot_user(),
            }
            if name == "sendMessage":
                msg["text"] = params.get("text", "")
            if name == "sendDocument":
                file_id = self.add_file(call.file_name or "file", call.file_bytes or b"")
                msg["document"] = {"file_id": file_id, "file_unique_id": file_id, "file_name": call.file_name}
                if params.get("caption"):
                    msg["caption"] = params["caption"]
            if params.get("reply_markup") and "inline_keyboard" in params["reply_markup"]:
                msg["reply_markup"] = params["reply_markup"]
            self.messages[(chat_id, msg["message_id"])] = msg
            return msg
        if name in ("editMessageText", "editMessageReplyMarkup", "editMessageCaption"):
            if "inline_message_id" in params:
                return True
            key = (int(params["chat_id"]), int(params["message_id"]))
            msg = dict(self.messages.get(key) or {
                "message_id": key[1], "date": int(time.time()),
                "chat": {"id": key[0], "type": "private"}, "from": self._bot_user(),
            })
            if "text" in params:
                msg["text"] = params["text"]
            if params.get("reply_markup"):
                msg["reply_markup"] = params["reply_markup"]
            else:
                msg.pop("reply_markup", None)
            self.messages[key] = msg
            return msg
        if name == "getFile":
            file_id = params["file_id"]
            name_, content = self.files.get(file_id, ("", b""))
            return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(content), "file_path": file_id}
        if name == "deleteMessage":
            self.messages.pop((int(params["chat_id"]), int(params["message_id"])), None)
            return True
        if name == "getUpdates":
            return []
        if name == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, answerInlineQuery, ...

    # -- helpers for tests --------------------------------------------------
    def sent_to(self, chat_id: int) -> list[Call]:
        return [c for c in self.calls if c.method in SENDING and c.chat_id == chat_id]


@dataclass
class Outgoing:
    text: str
    buttons: list[dict] = field(default_factory=list)
    message_id: int | None = None
    method: str = "sendMessage"
    file_name: str | None = None
    file_bytes: bytes | None = None

    @property
    def button_texts(self) -> list[str]:
        return [b.get("text", "") for b in self.buttons]


class UpdateFactory:
    """Builds the updates a Telegram client would send."""

    def __init__(self):
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    def user(self, user_id: int, lang: str | None = "zh") -> TgUser:
        return TgUser(id=user_id, is_bot=False, first_name=f"user{user_id}", language_code=lang)

    def message(self, user_id: int, text: str | None = None, lang: str | None = "zh", chat_id: int | None = None, **extra) -> Update:
        chat_id = chat_id if chat_id is not None else user_id
        chat = Chat(id=chat_id, type="private" if chat_id > 0 else "group")
        msg = Message(
            message_id=next(self._message_ids), date=int(time.time()), chat=chat,
            from_user=self.user(user_id, lang), text=text, **extra,
        )
        return Update(update_id=next(self._update_ids), message=msg)

    def callback(self, user_id: int, data: str, message: Message, lang: str | None = "zh") -> Update:
        cq = CallbackQuery(
            id=str(next(self._update_ids)), from_user=self.user(user_id, lang),
            chat_instance="ci", data=data, message=message,
        )
        return Update(update_id=next(self._update_ids), callback_query=cq)

    def document(self, user_id: int, file_id: str, file_name: str, size: int, lang: str | None = "zh",
                 mime: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") -> Update:
        doc = Document(file_id=file_id, file_unique_id=file_id, file_name=file_name, file_size=size, mime_type=mime)
        return self.message(user_id, None, lang, document=doc)

    def inline(self, user_id: int, query: str, lang: str | None = "zh") -> Update:
        iq = InlineQuery(id=str(next(self._update_ids)), from_user=self.user(user_id, lang), query=query, offset="")
        return Update(update_id=next(self._update_ids), inline_query=iq)


class VirtualClock:
    """Time for the harness's sender: its waits (rate limit, one message a second per chat) pass at once."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)


class BotHarness:
    """Feeds text, button presses and documents into the real Dispatcher; records what the bot sends."""

    def __init__(self, app, bot: Bot, session: FakeTelegramSession):
        self.app = app
        self.dp = app.dispatcher
        self.bot = bot
        self.session = session
        self.updates = UpdateFactory()
        self.langs: dict[int, str | None] = {}

    @classmethod
    @asynccontextmanager
    async def create(cls, tmp_path: Path | str | None = None, settings=None, db=None, storage=None, **overrides):
        from bot.run.app import build_bot, build_dispatcher
        from bot.db import Database
        from bot.settings import load_settings

        if settings is None:
            base = Path(tmp_path) if tmp_path is not None else Path("data")
            defaults = {
                "database_url": f"sqlite+aiosqlite:///{base / 'test.db'}",
                "data_key": "test-data-key",
                "data_dir": base,
                "throttle_rate": 1000.0,
                "throttle_burst": 1000,
                "redis_url": None,
                "bot_token": None,
            }
            defaults.update(overrides)
            settings = load_settings(**defaults)
        own_db = db is None
        db = db or Database(settings.database_url)
        if own_db:
            await db.upgrade()
        app = build_dispatcher(settings, db, storage=storage)
        session = FakeTelegramSession()
        bot = build_bot(settings, session=session)
        from bot.sender import Sender, set_shared_sender

        clock = VirtualClock()
        set_shared_sender(Sender(bot, db, clock=clock, sleep=clock.sleep))
        harness = cls(app, bot, session)
        try:
            yield harness
        finally:
            await app.dispatcher.storage.close()
            if own_db:
                await db.dispose()

    @property
    def calls(self) -> list[Call]:
        return self.session.calls

    async def feed(self, update: Update) -> None:
        """One update, and the status pushes its commit queued (delivered after it, as in production)."""
        from bot import pushes

        await self.dp.feed_update(self.bot, update)
        await pushes.wait_idle()

    async def send(self, user_id: int, text: str, lang: str | None = None) -> list[Outgoing]:
        before = len(self.session.calls)
        await self.feed(self.updates.message(user_id, text, lang or self.langs.get(user_id, "zh")))
        return self._new(user_id, before)

    async def send_update(self, user_id: int, update: Update) -> list[Outgoing]:
        before = len(self.session.calls)
        await self.feed(update)
        return self._new(user_id, before)

    async def send_document(self, user_id: int, path: Path | str | None = None, content: bytes | None = None,
                            file_name: str | None = None, lang: str | None = None) -> list[Outgoing]:
        if content is None:
            content = Path(path).read_bytes()
        file_name = file_name or (Path(path).name if path else "file.xlsx")
        file_id = self.session.add_file(file_name, content)
        before = len(self.session.calls)
        await self.feed(self.updates.document(user_id, file_id, file_name, len(content), lang or self.langs.get(user_id, "zh")))
        return self._new(user_id, before)

    def last_with_buttons(self, user_id: int) -> Call | None:
        for call in reversed(self.session.sent_to(user_id)):
            if call.buttons and call.method in ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument"):
                return call
        return None

    async def press(self, user_id: int, button: str | int, lang: str | None = None) -> list[Outgoing]:
        """Press a button (by index, exact text, or text fragment) on the user's latest keyboard."""
        call = self.last_with_buttons(user_id)
        if call is None:
            raise AssertionError(f"user {user_id} has no message with buttons")
        buttons = [b for b in call.buttons if "callback_data" in b]
        if isinstance(button, int):
            chosen = buttons[button]
        else:
            exact = [b for b in buttons if b["text"] == button]
            partial = [b for b in buttons if button in b["text"]]
            if not (exact or partial):
                raise AssertionError(f"no button {button!r} in {[b['text'] for b in buttons]}")
            chosen = (exact or partial)[0]
        return await self.press_data(user_id, chosen["callback_data"], call, lang)

    async def press_data(self, user_id: int, data: str, call: Call | None = None, lang: str | None = None) -> list[Outgoing]:
        call = call or self.last_with_buttons(user_id)
        msg = Message.model_validate(call.result, context={"bot": self.bot}) if isinstance(call.result, dict) else None
        if msg is None:
            raise AssertionError("the keyboard message has no result to press on")
        before = len(self.session.calls)
        await self.feed(self.updates.callback(user_id, data, msg, lang or self.langs.get(user_id, "zh")))
        return self._new(user_id, before)

    def _new(self, user_id: int, before: int) -> list[Outgoing]:
        out = []
        for call in self.session.calls[before:]:
            if call.method in SENDING and call.chat_id == user_id:
                out.append(Outgoing(call.text or "", call.buttons, (call.result or {}).get("message_id") if isinstance(call.result, dict) else None,
                                    call.method, call.file_name, call.file_bytes))
        return out

    def replies(self, user_id: int) -> list[str]:
        return [c.text or "" for c in self.session.sent_to(user_id)]

    def last(self, user_id: int) -> Outgoing | None:
        calls = self.session.sent_to(user_id)
        if not calls:
            return None
        c = calls[-1]
        return Outgoing(c.text or "", c.buttons, None, c.method, c.file_name, c.file_bytes)

    def answers(self) -> list[Call]:
        return [c for c in self.session.calls if c.method == "answerCallbackQuery"]
