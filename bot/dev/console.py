"""``unionbot chat``: talk to the real Dispatcher in a terminal, no Telegram and no token.

Type text to send it. The bot's buttons are numbered: type the number (or the button's text) to
press one of the latest message with buttons; every message with buttons is printed with its own
number (``bot #4: …``), and ``#4 2`` (or ``#4 button text``) presses a button of that older message.
A line starting with a quote (``'10``) is sent as text without the quote, so a number question can be
answered while buttons are on screen. ``/file PATH`` sends a document, ``/as USER_ID`` switches to another user,
``/tick [YYYY-MM-DD HH:MM]`` runs the reminder job once as if it were that moment (default: now) and
shows what it sends, ``/quit`` leaves. Documents the bot sends are saved under ``<data dir>/downloads`` and their path printed.
Works with piped stdin, so sessions can be scripted.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

from aiogram.types import Message

from bot import pushes, startup
from bot.run.app import build_bot, build_dispatcher, set_commands
from bot.db import Database
from bot.settings import Settings
from bot.dev.testing import SENDING, Call, FakeTelegramSession, UpdateFactory

TAG = re.compile(r"</?(b|i|u|s|code|pre|a)( [^>]*)?>")


def plain(text: str) -> str:
    import html

    return html.unescape(TAG.sub("", text or ""))


class Console:
    def __init__(self, settings: Settings, user_id: int, lang: str, out=None, explicit_lang: bool = False):
        self.explicit_lang = explicit_lang
        # one person at a keyboard (or a script): flood control would only get in the way
        settings = settings.model_copy(update={"throttle_rate": 1e6, "throttle_burst": 10**6})
        self.settings = settings
        self.user_id = user_id
        self.lang = lang
        self.out = out or sys.stdout
        self.updates = UpdateFactory()
        self.session = FakeTelegramSession()
        self.session.listeners.append(self._on_call)
        self.downloads = Path(settings.data_dir) / "downloads"
        self.keyboards: dict[int, Call] = {}  # user id -> last message with buttons
        self.numbered: dict[int, list[Call]] = {}  # user id -> every message with buttons, #1 first
        self.langs: dict[int, str] = {user_id: lang}

    def echo(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _on_call(self, call: Call) -> None:
        if call.method not in SENDING:
            if call.method == "answerCallbackQuery" and call.params.get("text"):
                self.echo(f"  [{plain(call.params['text'])}]")
            return
        if call.chat_id != self.user_id:
            self.echo(f"  (→ user {call.chat_id}) {plain(call.text or '')}")
            return
        prefix = "bot (edited)" if call.method.startswith("edit") else "bot"
        buttons = call.buttons
        if buttons:
            kept = self.numbered.setdefault(self.user_id, [])
            kept.append(call)
            prefix += f" #{len(kept)}"
        if call.text:
            self.echo(f"{prefix}: {plain(call.text)}")
        elif buttons:
            self.echo(f"{prefix}:")
        if call.file_bytes is not None:
            self.downloads.mkdir(parents=True, exist_ok=True)
            path = self.downloads / (call.file_name or "file.bin")
            path.write_bytes(call.file_bytes)
            self.echo(f"  [file saved: {path}]")
        if buttons:
            self.keyboards[self.user_id] = call
            for i, b in enumerate(buttons, 1):
                self.echo(f"  [{i}] {b.get('text')}")

    async def run(self, lines) -> None:
        db = Database(self.settings.database_url)
        await db.upgrade()
        app = build_dispatcher(self.settings, db)
        bot = build_bot(self.settings, session=self.session)
        await set_commands(bot, app.translator)
        if self.explicit_lang:
            await self._store_lang(db)
        self.echo(app.translator.t(self.lang, "console-banner", user=self.user_id))
        startup.ready()
        try:
            for raw in lines:
                line = raw.rstrip("\n")
                if not line.strip():
                    continue
                self.echo(f"you ({self.user_id}): {line}")
                if line.strip() in ("/quit", "/exit"):
                    break
                if line.strip().split()[0] == "/tick":
                    await self._tick(line.strip()[5:].strip(), bot, db)
                    continue
                if line.strip().startswith("/as "):
                    await self._switch(line.strip()[4:].split(), db)
                    continue
                update = self._to_update(line.strip())
                if update is not None:
                    await app.dispatcher.feed_update(bot, update)
                    await pushes.wait_idle()  # the pushes this update committed print before the next line
        finally:
            from bot.broadcasts import drain

            await drain(60)  # a broadcast started in the console finishes (and is shown) before we leave
            await pushes.drain(60)
            await app.dispatcher.storage.close()
            await db.dispose()

    async def _tick(self, when: str, bot, db: Database) -> None:
        """One run of the reminder job (the scheduler is not started in the console, so nothing
        arrives on its own): what would be sent at ``when``, to everyone subscribed here."""
        from datetime import datetime

        from bot import scheduler

        try:
            now = (datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=self.settings.tz) if when
                   else datetime.now(self.settings.tz))
        except ValueError:
            self.echo("  [usage: /tick [YYYY-MM-DD HH:MM]]")
            return
        scheduler.attach(bot, db, self.settings)
        sent = await scheduler.dispatch_due(now)
        await pushes.wait_idle()  # status pushes left queued are shown before the prompt returns
        self.echo(f"  [reminder run at {now:%Y-%m-%d %H:%M}: {sent} sent]")

    async def _store_lang(self, db: Database) -> None:
        """``--lang`` wins over a language stored by an earlier session."""
        from domain.repos import get_or_create_user, set_user_lang

        async with db.session() as session:
            user, _ = await get_or_create_user(session, self.user_id, self.lang, self.settings.admin_ids)
            await set_user_lang(session, user, self.lang)
            await session.commit()
        if db.user_cache is not None:  # the update path caches user rows: read this one again
            db.user_cache.drop(self.user_id)

    async def _switch(self, arg: list[str], db: Database) -> None:
        """``/as USER_ID [zh|en]``: play another user; a language given is stored for them, also when
        they already exist with another one (as /lang would)."""
        if not arg or not arg[0].lstrip("-").isdigit() or len(arg) > 2 or (len(arg) == 2 and arg[1] not in ("zh", "en")):
            self.echo("  [usage: /as USER_ID [zh|en]]")
            return
        self.user_id = int(arg[0])
        if len(arg) == 2:
            self.langs[self.user_id] = arg[1]
            previous, self.lang = self.lang, arg[1]
            try:
                await self._store_lang(db)
            finally:
                self.lang = previous
        self.echo(f"  [now user {self.user_id}]")

    def _to_update(self, line: str):
        lang = self.langs.get(self.user_id, self.lang)
        if line.startswith("/file "):
            path = Path(line[6:].strip()).expanduser()
            if not path.is_file():
                self.echo(f"  [no such file: {path}]")
                return None
            content = path.read_bytes()
            file_id = self.session.add_file(path.name, content)
            return self.updates.document(self.user_id, file_id, path.name, len(content), lang)
        if line.startswith(("'", "’", "‘")):  # a quote: the rest is text, even a bare number
            return self.updates.message(self.user_id, line[1:], lang)
        call = self.keyboards.get(self.user_id)
        picked = re.fullmatch(r"#(\d+)\s+(.+)", line)
        if picked:  # "#N 2" / "#N text": a button of an earlier message, numbered as printed
            kept = self.numbered.get(self.user_id, [])
            number = int(picked.group(1))
            if not 1 <= number <= len(kept):
                self.echo(f"  [no message #{number} with buttons]")
                return None
            call, line = kept[number - 1], picked.group(2).strip()
        if call is not None:
            buttons = [b for b in call.buttons if "callback_data" in b]
            chosen = None
            if line.isdigit() and 1 <= int(line) <= len(call.buttons):
                b = call.buttons[int(line) - 1]
                chosen = b if "callback_data" in b else None
                if chosen is None and b.get("url"):
                    self.echo(f"  [link: {b['url']}]")
                    return None
            else:
                chosen = next((b for b in buttons if b["text"] == line), None)
            if chosen is not None:
                msg = Message.model_validate(call.result) if isinstance(call.result, dict) else None
                if msg is not None:
                    return self.updates.callback(self.user_id, chosen["callback_data"], msg, lang)
            if picked:
                self.echo(f"  [message #{picked.group(1)} has no button {line}]")
                return None
        return self.updates.message(self.user_id, line, lang)


def run_console(settings: Settings, user_id: int, lang: str | None, stream=None) -> None:
    console = Console(settings, user_id, lang or settings.default_locale, explicit_lang=lang is not None)
    stream = stream or sys.stdin
    if stream.isatty():
        console.echo("(type /quit to leave)")
    asyncio.run(console.run(stream))
