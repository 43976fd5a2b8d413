"""The broadcast's progress message (sent / failed / remaining, with a Stop button): the /broadcast
form (handlers/broadcast.py) sends it, the broadcast engine (bot/broadcasts.py) edits it."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from ui.buttons import BcCb


def stop_keyboard(t, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=t("bc-btn-stop"), callback_data=BcCb(a="stop", v=str(broadcast_id)).pack())]])


def progress_text(t, broadcast_id: int, sent: int, failed: int, remaining: int, final: str | None = None) -> str:
    head = t({"done": "bc-done", "cancelled": "bc-cancelled-final"}[final], id=broadcast_id) if final \
        else t("bc-running", id=broadcast_id)
    return head + "\n" + t("bc-progress", sent=sent, failed=failed, remaining=remaining)
