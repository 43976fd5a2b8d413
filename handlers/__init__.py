"""One aiogram Router per feature. Order matters: specific features first, free-text FAQ and
the fallback last."""

from __future__ import annotations

import importlib

from aiogram import Router
from aiogram.dispatcher.event.handler import CallableObject, FilterObject
from aiogram.filters import Filter

FEATURES = [
    "start",
    "admin",
    "admin_menu",
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
    """Fresh routers for one Dispatcher, one per feature, in order. A feature module defines its
    handlers on a module-level ``router``; that router is the definition and is never attached
    itself: each call builds new routers with the same handlers (aiogram lets a router have one
    parent, and tests, benchmarks and in-process workers build several Dispatchers)."""
    routers = []
    for name in FEATURES:
        module = importlib.import_module(f"handlers.{name}")
        router = router_like(module.router)
        inline_sync_filters(router)
        routers.append(router)
    return routers


def router_like(template: Router) -> Router:
    """A new router with ``template``'s handlers, filters and flags (aiogram's public observers and
    ``register``); the features define no observer-level filters, middlewares or sub-routers."""
    if template.sub_routers:
        raise ValueError(f"router {template.name!r}: sub-routers are not copied")
    router = Router(name=template.name)
    for event, observer in template.observers.items():
        target = router.observers[event]
        for handler in observer.handlers:
            raw = [f.magic if f.magic is not None else f.callback for f in handler.filters or ()]
            target.register(handler.callback, *raw, flags=dict(handler.flags))
    return router


def inline_sync_filters(router: Router) -> int:
    """Run the routers' plain (non-async) filters on the event loop instead of in a thread.

    aiogram runs every synchronous filter through ``asyncio.to_thread``: a bare state
    (``CardForm.name``), a magic filter (``F.text``) or a plain function. Each is a thread hop
    that costs far more than the check itself, and a text message can meet dozens of them on its
    way through the features. Every synchronous filter here is a pure attribute check, so it is
    replaced by an aiogram ``Filter`` (which aiogram awaits) that calls it directly. Rule for new
    code: a filter that does I/O is written as ``async def``. Idempotent; returns how many
    filters were replaced."""
    wrapped = 0
    for each in router.chain_tail:
        for observer in each.observers.values():
            for handler in observer.handlers:
                filters = handler.filters or []
                for i, event_filter in enumerate(filters):
                    if event_filter.awaitable:
                        continue
                    filters[i] = FilterObject(OnLoop(event_filter.callback))
                    wrapped += 1
    return wrapped


class OnLoop(Filter):
    """A synchronous filter run on the event loop, given the arguments it asks for (as aiogram
    would give them); its result (True/False or a dict of values) is passed on unchanged."""

    def __init__(self, check):
        self.check = CallableObject(check)

    async def __call__(self, *args, **kwargs):
        wanted = kwargs if self.check.varkw else {k: kwargs[k] for k in self.check.params if k in kwargs}
        return self.check.callback(*args, **wanted)

    def __str__(self) -> str:
        return f"OnLoop({self.check.callback!r})"
