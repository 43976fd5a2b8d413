"""The design card's boundaries. Floors, top down: bot/ (wiring) -> handlers/ (feature routers) ->
ui/ (what people read and press) -> domain/ (rules); bot/ also uses ui/ and domain/. No floor
imports one above it: domain/ never imports Telegram, ui/, handlers/ or bot/; ui/ never imports
handlers/ or bot/; handlers/ never import bot/ (they are given what they need, handlers/ports.py);
bot/ imports handlers/ only where the dispatcher is built."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("aiogram", "bot", "handlers", "ui", "aiohttp", "telegram")
CODE = ("domain", "ui", "handlers", "bot")  # the project's code folders


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_never_imports_telegram_or_wiring():
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & set(FORBIDDEN))
        for p in (ROOT / "domain").rglob("*.py")
        if _imports(p) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_bot_imports_handlers_only_where_the_dispatcher_is_built():
    """bot/ is the lower floor (wiring): it reaches the feature routers only to build the dispatcher."""
    offenders = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "bot").rglob("*.py")
                       if "handlers" in _imports(p) and p.relative_to(ROOT).as_posix() != "bot/run/app.py")
    assert offenders == []


def _offenders(folder: str, floors: set[str]) -> dict[str, list[str]]:
    return {str(p.relative_to(ROOT)): sorted(_imports(p) & floors)
            for p in (ROOT / folder).rglob("*.py") if _imports(p) & floors}


def test_handlers_never_import_the_wiring():
    """handlers/ sit above nothing of bot/: settings, the roster worker and the broadcast engine reach
    them as workflow data (handlers/ports.py), texts and button data from ui/."""
    assert _offenders("handlers", {"bot"}) == {}


def test_ui_imports_neither_handlers_nor_the_wiring():
    assert _offenders("ui", {"bot", "handlers"}) == {}


def test_the_import_checks_see_imports_inside_functions(tmp_path):
    path = tmp_path / "late.py"
    path.write_text("def f():\n    from bot.sender import Sender\n    import handlers.menu\n", encoding="utf-8")
    assert _imports(path) == {"bot", "handlers"}


async def test_the_dispatcher_gives_handlers_what_their_ports_name(tmp_path):
    """What handlers/ports.py names is in the dispatcher's workflow data, with what the interface
    asks for (the handlers' only way to the settings, the roster worker and the broadcast engine)."""
    from bot.dev.testing import BotHarness
    from handlers.ports import Broadcasts, Config, Worker

    async with BotHarness.create(tmp_path) as h:
        assert isinstance(h.dp["settings"], Config)
        assert isinstance(h.dp["roster_worker"], Worker)
        assert isinstance(h.dp["broadcasts"], Broadcasts)


def test_every_feature_module_exposes_a_router():
    import importlib

    from handlers import FEATURES
    from handlers.routing import Feature

    for name in FEATURES:
        if (ROOT / "handlers" / f"{name}.py").exists():
            assert hasattr(importlib.import_module(f"handlers.{name}"), "router")
    # every module that defines handlers is a feature of the dispatcher (none is left out)
    defining = sorted(p.stem for p in (ROOT / "handlers").glob("*.py")
                      if isinstance(getattr(importlib.import_module(f"handlers.{p.stem}"), "router", None), Feature))
    assert defining == sorted(FEATURES)


def _filters(router):
    for each in router.chain_tail:
        for observer in each.observers.values():
            for handler in observer.handlers:
                yield from handler.filters or ()


def _awaited(callback) -> bool:
    """What aiogram awaits on the loop: a ``Filter`` (its ``__call__`` is async) or an ``async def``."""
    import inspect

    from aiogram.filters import Filter

    return isinstance(callback, Filter) or inspect.iscoroutinefunction(callback)


def test_no_feature_filter_is_sent_to_a_thread():
    """aiogram runs plain filters through asyncio.to_thread; the features' are run on the loop."""
    from handlers import feature_routers

    routers = feature_routers()
    checked = [f for router in routers for f in _filters(router)]
    assert len(checked) > 50  # the walk reaches the features' state and magic filters
    assert [f.callback for f in checked if not _awaited(f.callback)] == []


def test_each_dispatcher_gets_fresh_routers():
    """A router has one parent: two dispatchers (tests, benchmarks, in-process workers) each
    build their own, with the same handlers in the same order."""
    from handlers import feature_routers

    first, second = feature_routers(), feature_routers()
    assert all(a is not b for a, b in zip(first, second))
    assert [[h.callback for h in r.message.handlers] for r in first] == \
        [[h.callback for h in r.message.handlers] for r in second]


def test_no_aiogram_private_attribute_is_touched():
    """Routers are built with aiogram's public API (a router factory per feature), nothing of
    aiogram's inside is rewritten."""
    patterns = ("_parent_router", "observer._handler", ".awaitable", "FilterObject(", "HandlerObject(")
    offenders = [f"{p.relative_to(ROOT)}: {pat}" for folder in ("handlers", "ui", "bot")
                 for p in (ROOT / folder).rglob("*.py") for pat in patterns
                 if pat in p.read_text(encoding="utf-8")]
    assert offenders == []


async def test_inlined_filters_keep_their_meaning_and_never_touch_a_thread(monkeypatch):
    import asyncio

    from aiogram import Dispatcher, F
    from aiogram.fsm.context import FSMContext
    from aiogram.fsm.state import State, StatesGroup
    from aiogram.fsm.storage.memory import MemoryStorage

    from bot.dev.testing import FakeTelegramSession, UpdateFactory
    from bot.run.app import build_bot
    from bot.settings import load_settings
    from handlers.routing import Feature, OnLoop

    class Form(StatesGroup):
        name = State()

    seen = []
    feature = Feature("test")

    def long_text(message) -> bool:  # a plain function filter
        return len(message.text or "") > 3

    @feature.message(Form.name, F.text.as_("text"), long_text)
    async def named(message, text: str, state: FSMContext) -> None:
        seen.append(("named", text))
        await state.clear()

    @feature.message(F.text == "go")
    async def go(message, state: FSMContext) -> None:
        seen.append(("go", message.text))
        await state.set_state(Form.name)

    @feature.message()
    async def other(message) -> None:
        seen.append(("other", message.text))

    router = feature.build()
    assert sum(isinstance(f.callback, OnLoop) for f in _filters(router)) == 4
    assert sum(isinstance(f.callback, OnLoop) for f in _filters(feature.build())) == 4  # each build alike

    async def no_threads(*args, **kwargs):
        raise AssertionError("a filter went to a thread")

    monkeypatch.setattr(asyncio, "to_thread", no_threads)
    dp = Dispatcher(storage=MemoryStorage())
    dp.include_router(router)
    bot = build_bot(load_settings(data_key="t", redis_url=None), session=FakeTelegramSession())
    factory = UpdateFactory()
    for text in ("hello", "go", "abc", "王小明同学"):
        await dp.feed_update(bot, factory.message(7, text))
    # "abc" is in the state but too short: no handler of the form takes it, the catch-all does
    assert seen == [("other", "hello"), ("go", "go"), ("other", "abc"), ("named", "王小明同学")]


def test_dates_are_shanghai_dates_not_the_servers():
    """A server on UTC is still on yesterday between 00:00 and 08:00 Shanghai time: code asks
    domain.clock.today(), never date.today()."""
    offenders = [str(p.relative_to(ROOT)) for folder in CODE
                 for p in (ROOT / folder).rglob("*.py") if "date.today()" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_clock_today_is_the_shanghai_date(monkeypatch):
    from datetime import datetime, timezone

    import domain.clock as clock

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 30, 17, 30, tzinfo=timezone.utc).astimezone(tz)

    monkeypatch.setattr(clock, "datetime", Frozen)
    assert clock.today().isoformat() == "2026-12-01"  # 01:30 in Shanghai


def test_the_zone_is_named_only_by_the_clock_and_the_settings():
    """One clock: a module that needs the platform's zone uses domain.clock.TZ (pointed at the
    settings' TIMEZONE), never a zone of its own."""
    allowed = {"domain/clock.py", "bot/settings.py"}
    offenders = [str(p.relative_to(ROOT)) for folder in CODE
                 for p in (ROOT / folder).rglob("*.py")
                 if p.relative_to(ROOT).as_posix() not in allowed
                 and ("ZoneInfo(" in (text := p.read_text(encoding="utf-8")) or '"Asia/Shanghai"' in text)]
    assert offenders == []


def test_programme_ids_are_listed_once():
    """One vocabulary: the programme groups and their other spellings live in domain/vocabulary.py;
    a module takes its group from there instead of writing its own tuple or alias map."""
    import re

    own = re.compile(r"^(?:[A-Z_]*PROGRAMS|[A-Z_]*ALIASES|CALCULATORS)\s*=\s*[({]", re.M)
    offenders = [str(p.relative_to(ROOT)) for folder in CODE
                 for p in (ROOT / folder).rglob("*.py")
                 if p.relative_to(ROOT).as_posix() != "domain/vocabulary.py" and own.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_one_date_reader():
    """Typed and written dates are read by domain.clock.parse_date only (the roster checker's strict
    ISO rule is a check of the file, not a reader)."""
    import re

    reader = re.compile(r"""re\.compile\(r["']\^\(\\d\{4\}\)\[""")
    offenders = [str(p.relative_to(ROOT)) for folder in CODE
                 for p in (ROOT / folder).rglob("*.py")
                 if p.relative_to(ROOT).as_posix() != "domain/clock.py" and reader.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
