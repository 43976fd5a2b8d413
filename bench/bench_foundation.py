"""Updates per second for a 3-step form: the full middleware stack with the database FSM storage
on SQLite, beside bare aiogram with MemoryStorage on the same form and the same fake Telegram.

The full stack runs the form's plain filters (``Form.name``, ``F.text``) on the event loop, as
every feature's ``Feature`` does (handlers/routing.py); stock aiogram sends each through a thread. The
second ratio compares with bare aiogram given the same treatment, i.e. the cost of the stack."""

from __future__ import annotations

import asyncio
import gc
import tempfile
import time
from pathlib import Path

from aiogram import Dispatcher, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import Message

from bot.run.app import build_bot, build_dispatcher
from bot.db import Database
from bot.settings import load_settings
from bot.dev.testing import FakeTelegramSession, UpdateFactory
from handlers.routing import Feature

USERS = 400
ROUNDS = 3


class Form(StatesGroup):
    name = State()
    phone = State()
    address = State()


def form_router(on_loop: bool = False) -> Router:
    """The form on a plain aiogram router, or (``on_loop``) recorded on a Feature as the features are."""
    router = Feature("bench-form") if on_loop else Router(name="bench-form")

    @router.message(Command("form"))
    async def start(message: Message, state: FSMContext) -> None:
        await state.set_state(Form.name)
        await message.answer("name?")

    @router.message(Form.name, F.text)
    async def name(message: Message, state: FSMContext) -> None:
        await state.update_data(name=message.text)
        await state.set_state(Form.phone)
        await message.answer("phone?")

    @router.message(Form.phone, F.text)
    async def phone(message: Message, state: FSMContext) -> None:
        await state.update_data(phone=message.text)
        await state.set_state(Form.address)
        await message.answer("address?")

    @router.message(Form.address, F.text)
    async def address(message: Message, state: FSMContext) -> None:
        data = await state.update_data(address=message.text)
        await state.clear()
        await message.answer(f"done {len(data)}")

    return router.build() if on_loop else router


def updates(factory: UpdateFactory, base: int):
    batch = []
    for step in ("/form", "张三", "13812345678", "上海市浦东新区世纪大道100号"):
        for uid in range(base, base + USERS):
            batch.append(factory.message(uid, step))
    return batch


async def drive(dp: Dispatcher, bot, batch) -> float:
    gc.collect()
    started = time.perf_counter()
    for update in batch:
        await dp.feed_update(bot, update)
    return len(batch) / (time.perf_counter() - started)


async def run() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="unionbot-bench-"))
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp / 'bench.db'}", data_key="bench",
                             throttle_rate=1e6, throttle_burst=10**6, redis_url=None, data_dir=tmp)
    db = Database(settings.database_url)
    await db.upgrade()
    full_form = form_router(on_loop=True)  # as every feature router is built
    app = build_dispatcher(settings, db, first=[full_form])
    full_bot = build_bot(settings, session=FakeTelegramSession())

    bare = Dispatcher(storage=MemoryStorage())
    bare.include_router(form_router())
    bare_bot = build_bot(settings, session=FakeTelegramSession())
    # The same bare dispatcher with its filters run on the loop: what the stack itself costs.
    inlined = Dispatcher(storage=MemoryStorage())
    inlined_form = form_router(on_loop=True)
    inlined.include_router(inlined_form)
    inlined_bot = build_bot(settings, session=FakeTelegramSession())

    factory = UpdateFactory()
    # Warm-up round: imports, first connections, and the users' first contact (registration),
    # which happens once per person; the timed rounds are returning users filling the form.
    first_contact = await drive(app.dispatcher, full_bot, updates(factory, 1000))
    await drive(bare, bare_bot, updates(factory, 1000))
    await drive(inlined, inlined_bot, updates(factory, 1000))

    full_rates, bare_rates, inlined_rates = [], [], []
    for _ in range(ROUNDS):
        bare_rates.append(await drive(bare, bare_bot, updates(factory, 1000)))
        inlined_rates.append(await drive(inlined, inlined_bot, updates(factory, 1000)))
        full_rates.append(await drive(app.dispatcher, full_bot, updates(factory, 1000)))
    full, bare_rate, inlined_rate = max(full_rates), max(bare_rates), max(inlined_rates)
    sent = sum(1 for c in full_bot.session.calls if c.method == "sendMessage")
    errors = sum(1 for c in full_bot.session.calls if c.method == "sendMessage" and "参考编号" in (c.text or ""))
    print(f"3-step form, {USERS} users x 4 updates, best of {ROUNDS} rounds, one core:")
    print(f"  bare aiogram + MemoryStorage          : {bare_rate:8.0f} updates/s")
    print(f"  bare aiogram, filters on the loop     : {inlined_rate:8.0f} updates/s")
    print(f"  full stack + database FSM on SQLite   : {full:8.0f} updates/s")
    print(f"  ratio full/bare                       : {full / bare_rate:8.2f}   (target >= 0.5; full >= 1000/s)")
    print(f"  ratio full/bare with the same filters : {full / inlined_rate:8.2f}   (the middleware stack and the"
          " database FSM alone)")
    print(f"  full stack, round with first contacts : {first_contact:8.0f} updates/s (registers {USERS} new users)")
    print(f"  replies sent by the full stack        : {sent:8d}   error replies: {errors}")
    if errors:
        raise SystemExit("the full stack answered with errors: the figures above are not valid")
    await db.dispose()


def main() -> None:
    import logging
    import os

    cores = os.sched_getaffinity(0) if hasattr(os, "sched_setaffinity") else None
    if cores:  # "on one core": the event loop and the SQLite thread share it
        os.sched_setaffinity(0, {min(cores)})

    logging.disable(logging.CRITICAL)  # the error middleware's log would swamp the figures
    try:
        asyncio.run(run())
    finally:
        logging.disable(logging.NOTSET)
        if cores:
            os.sched_setaffinity(0, cores)


if __name__ == "__main__":
    main()
