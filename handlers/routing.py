"""A router factory per feature: a feature module records its handlers once, at import, on a
``Feature``; ``Feature.build()`` makes a fresh aiogram ``Router`` with them for each Dispatcher
(aiogram lets a router have one parent, and tests, benchmarks and in-process workers build
several Dispatchers). Only aiogram's public API is used: ``Router()`` and ``observer.register``.

Synchronous filters are run on the event loop. aiogram sends every synchronous filter through
``asyncio.to_thread``: a bare state (``CardForm.name``), a magic filter (``F.text``) or a plain
function. Each is a thread hop that costs far more than the check itself, and a text message can
meet dozens of them on its way through the features. Every synchronous filter of the features is a
pure attribute check, so at registration it is wrapped in ``OnLoop``, an aiogram ``Filter``
(which aiogram awaits) that calls it directly. Rule for new code: a filter that does I/O is
written as ``async def``."""

from __future__ import annotations

import inspect
from typing import Any, Callable

from aiogram import Router
from aiogram.dispatcher.event.handler import CallableObject
from aiogram.filters import Filter
from aiogram.utils.magic_filter import MagicFilter

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


def on_loop(event_filter):
    """``event_filter`` as aiogram will await it: an aiogram ``Filter`` or an ``async def`` as it
    is, a magic filter or any other plain callable wrapped in ``OnLoop``."""
    if isinstance(event_filter, Filter) or inspect.iscoroutinefunction(event_filter):
        return event_filter
    if isinstance(event_filter, MagicFilter):
        return OnLoop(event_filter.resolve)
    return OnLoop(event_filter)


class _Registrar:
    """``feature.message(...)`` and friends: the decorator of one kind of update."""

    def __init__(self, feature: "Feature", event: str):
        self.feature, self.event = feature, event

    def __call__(self, *filters, flags: dict[str, Any] | None = None) -> Callable:
        def record(callback: Callable) -> Callable:
            self.feature.handlers.append((self.event, callback, tuple(on_loop(f) for f in filters), dict(flags or {})))
            return callback

        return record


class Feature:
    """One feature's handlers, in the order they were defined (aiogram tries them in that order)."""

    def __init__(self, name: str):
        self.name = name
        self.handlers: list[tuple[str, Callable, tuple, dict]] = []
        self.message = _Registrar(self, "message")
        self.callback_query = _Registrar(self, "callback_query")
        self.inline_query = _Registrar(self, "inline_query")

    def build(self) -> Router:
        router = Router(name=self.name)
        for event, callback, filters, flags in self.handlers:
            router.observers[event].register(callback, *filters, flags=dict(flags))
        return router
