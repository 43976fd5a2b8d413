"""One aiogram Router per feature. Order matters: specific features first, free-text FAQ and
the fallback last."""

from __future__ import annotations

import importlib

from aiogram import Router

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
    "reminders",
    "events",
    "reminder_log",
    "calendar_admin",
    "broadcast",
    "faq",
    "fallback",
]


def feature_routers() -> list[Router]:
    """Fresh routers for one Dispatcher, one per feature, in order: each feature module records its
    handlers on a ``Feature`` named ``router`` (handlers/routing.py) that builds them anew."""
    return [importlib.import_module(f"handlers.{name}").router.build() for name in FEATURES]
