"""Main menus and the command list (setMyCommands). Features add their entries here."""

from __future__ import annotations

from datetime import datetime, timezone

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain import clock



def local_stamp(moment: datetime) -> str:
    """A stored moment (UTC) as people in Shanghai read it: ``2026-12-01 19:30``."""
    if moment.tzinfo is None:  # some drivers hand back UTC without its zone
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(clock.TZ).strftime("%Y-%m-%d %H:%M")


class MenuCb(CallbackData, prefix="m"):
    item: str


# (item, message id of the button text). A feature's router handles MenuCb(item=...).
MEMBER_MENU: list[tuple[str, str]] = [
    ("card_apply", "menu-card-apply"),
    ("card_status", "menu-card-status"),
    ("deadlines", "menu-deadlines"),
    ("reminders", "menu-reminders"),
    ("faq", "menu-faq"),
]
CLERK_MENU: list[tuple[str, str]] = [
    ("guides", "menu-guides"),
    ("status", "menu-status"),
    ("calc", "menu-calc"),
    ("roster", "menu-roster"),
    ("applications", "menu-applications"),
    ("deadlines", "menu-deadlines"),
    ("events", "menu-events"),
    ("reminders", "menu-reminders"),
    ("faq", "menu-faq"),
]

# (command, description message id), shown in Telegram's menu per language.
COMMANDS: list[tuple[str, str]] = [
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("apply", "cmd-apply"),
    ("mycard", "cmd-mycard"),
    ("guides", "cmd-guides"),
    ("status", "cmd-status"),
    ("calc", "cmd-calc"),
    ("roster", "cmd-roster"),
    ("applications", "cmd-applications"),
    ("deadlines", "cmd-deadlines"),
    ("reminders", "cmd-reminders"),
    ("events", "cmd-events"),
    ("unsubscribe", "cmd-unsubscribe"),
    ("faq", "cmd-faq"),
    ("lang", "cmd-lang"),
    ("cancel", "cmd-cancel"),
    ("privacy", "cmd-privacy"),
    ("forget", "cmd-forget"),
]


def menu_keyboard(t, mode: str) -> InlineKeyboardMarkup:
    items = CLERK_MENU if mode == "clerk" else MEMBER_MENU
    rows = [[InlineKeyboardButton(text=t(key), callback_data=MenuCb(item=item).pack())] for item, key in items
            if t.translator.has(key, "zh")]
    other = "member" if mode == "clerk" else "clerk"
    rows.append([InlineKeyboardButton(text=t(f"menu-switch-{other}"), callback_data=MenuCb(item=f"mode_{other}").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def back_button(t) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t("menu-back"), callback_data=MenuCb(item="home").pack())
