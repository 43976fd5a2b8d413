"""One aiogram Router per feature. Order matters: specific features first, free-text FAQ and
the fallback last."""

from __future__ import annotations

import importlib

from aiogram import Router

FEATURES = [
    "start",
    "admin",
    "card",
    "card_clerk",
    "guides",
    "status",
    "calc",
    "roster",
    "deadlines",
    "broadcast",
    "faq",
    "fallback",
]


def feature_routers() -> list[Router]:
    routers = []
    for name in FEATURES:
        try:
            module = importlib.import_module(f"handlers.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"handlers.{name}":
                raise
            continue  # feature not merged yet
        router: Router = module.router
        # Feature routers are module singletons, but tests, benchmarks and in-process workers build
        # several Dispatchers. aiogram lets a router have one parent; every middleware here is a
        # dispatcher-level outer middleware, so the parent link is bookkeeping and can be re-pointed.
        router._parent_router = None
        inline_sync_filters(router)
        routers.append(router)
    return routers


def inline_sync_filters(router: Router) -> int:
    """Run the routers' plain (non-async) filters on the event loop instead of in a thread.

    aiogram runs every synchronous filter through ``asyncio.to_thread``: a bare state
    (``CardForm.name``), a magic filter (``F.text``) or a plain function. Each is a thread hop
    that costs far more than the check itself, and a text message can meet dozens of them on its
    way through the features. Every synchronous filter here is a pure attribute check, so it is
    wrapped in a coroutine that calls it directly. Rule for new code: a filter that does I/O is
    written as ``async def``. Idempotent; returns how many filters were wrapped."""
    wrapped = 0
    for each in router.chain_tail:
        for observer in each.observers.values():
            handler_objects = [observer._handler, *observer.handlers]
            for handler in handler_objects:
                for event_filter in handler.filters or ():
                    if event_filter.awaitable:
                        continue
                    event_filter.callback = _on_loop(event_filter.callback)
                    event_filter.awaitable = True  # keeps the parameters read off the original
                    wrapped += 1
    return wrapped


def _on_loop(check):
    async def run_inline(*args, **kwargs):
        return check(*args, **kwargs)

    return run_inline
