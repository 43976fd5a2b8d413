"""Main menus and the command list (setMyCommands). Features add their entries here."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import yaml

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from domain import clock

LOCALES = Path(__file__).resolve().parents[1] / "locales"


def local_stamp(moment: datetime) -> str:
    """A stored moment (UTC) as people in Shanghai read it: ``2026-12-01 19:30``."""
    if moment.tzinfo is None:  # some drivers hand back UTC without its zone
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(clock.TZ).strftime("%Y-%m-%d %H:%M")


def local_day(moment: datetime) -> str:
    """The Shanghai day of a stored moment, for what people record by the day (no invented hour)."""
    return local_stamp(moment)[:10]


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


def menu_keyboard(t, mode: str, webapp_url: str | None = None, admin: bool = False) -> InlineKeyboardMarkup:
    """The menu; a clerk's starts with the Mini App's WebApp button when its public URL is set, and an
    administrator's (either mode) ends with the admin menu."""
    items = CLERK_MENU if mode == "clerk" else MEMBER_MENU
    rows = [[InlineKeyboardButton(text=t("wa-menu-button"), web_app=WebAppInfo(url=webapp_url))]] if (
        mode == "clerk" and webapp_url) else []
    rows += [[InlineKeyboardButton(text=t(key), callback_data=MenuCb(item=item).pack())] for item, key in items
            if t.translator.has(key, "zh")]
    if admin:  # the admin menu (handlers/admin_menu.py), for administrators in either mode
        rows.append([InlineKeyboardButton(text=t("menu-admin"), callback_data=MenuCb(item="admin").pack())])
    other = "member" if mode == "clerk" else "clerk"
    rows.append([InlineKeyboardButton(text=t(f"menu-switch-{other}"), callback_data=MenuCb(item=f"mode_{other}").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def back_button(t) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t("menu-back"), callback_data=MenuCb(item="home").pack())


@lru_cache(maxsize=4)
def _districts(lang: str) -> dict[str, str]:
    path = LOCALES / lang / "places" / "districts.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def district_name(t, name: str) -> str:
    """A district of the bank catalogue in the reader's language: English "Pudong New Area (浦东新区)"
    where a translation exists, else the catalogue's name as it is."""
    english = _districts(t.lang).get(name)
    return f"{english} ({name})" if english else name


_SOFT_END = " \t\n,;:.，；：。、·-–—/（(【“\""


def shorten(text: str, limit: int = 60) -> str:
    """``text`` fitted into ``limit`` characters for a button or a preview: cut at a word boundary
    (Latin words are never split; Chinese may be cut between any two characters) and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if cut[-1].isascii() and cut[-1].isalnum() and text[limit - 1].isascii() and text[limit - 1].isalnum():
        boundary = max(cut.rfind(" "), max((cut.rfind(c) for c in _SOFT_END if c != " "), default=-1))
        if boundary >= limit // 2:
            cut = cut[:boundary]
        else:  # one very long word: keep what fits before it
            cut = cut.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") or cut
    return cut.rstrip(_SOFT_END) + "…"


