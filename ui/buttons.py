"""Button data shared by a feature's router and the wiring that sends its messages (the scheduler's
reminders, the broadcast engine's progress): one definition, imported by both, so that bot/ never
reaches up into handlers/ for it."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class DoneCb(CallbackData, prefix="rdone"):
    """"Done, stop reminding me" under a reminder (handlers/reminders.py answers it)."""

    key: str
    leads: str  # lead names joined by "."


class BcCb(CallbackData, prefix="bc"):
    """The /broadcast form's and progress message's buttons (handlers/broadcast.py answers them)."""

    a: str  # aud / send / cancel / stop
    v: str = ""
