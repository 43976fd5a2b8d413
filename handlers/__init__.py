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
        routers.append(router)
    return routers
