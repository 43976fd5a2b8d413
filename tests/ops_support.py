"""Helpers for the operations tests and the cluster benchmark: raw Telegram updates, the admin
unit form as a script, and a deliberately naive reminder job for the scheduler-role tests."""

from __future__ import annotations

import asyncio
import itertools
import os
import time

from stdnum.cn import uscc as cn_uscc

from domain.identity import check_uscc

_ids = itertools.count(1)


def next_update_id() -> int:
    return next(_ids)


def uscc_for(i: int) -> str:
    base = f"91310000MA1{i:06d}"
    code = base + cn_uscc.calc_check_digit(base)
    assert check_uscc(code).ok, code
    return code


def message_update(update_id: int, user_id: int, text: str, lang: str = "zh") -> dict:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "u", "language_code": lang},
            "text": text,
            "entities": entities,
        },
    }


def unit_form(user_id: int, i: int) -> list[str]:
    """The admin /newunit form answered by ``user_id`` (an admin): 5 updates."""
    return ["/newunit", f"集群测试第{i}号公司工会", uscc_for(i), f"EC{i:05d}", f"浦东新区总工会{i}"]


UNIT_FORM_PROMPTS = ["admin-ask-unit-name", "admin-ask-uscc", "admin-ask-enroll-code", "admin-ask-district",
                     "admin-unit-created"]


# --- a reminder job for the scheduler-role tests (``unionbot scheduler --entry tests.ops_support:start_job``)

JOB_DDL = [
    "CREATE TABLE IF NOT EXISTS ops_reminders (id serial PRIMARY KEY, due_at timestamptz NOT NULL, sent_by int)",
    "CREATE TABLE IF NOT EXISTS ops_deliveries (reminder_id int NOT NULL, pid int NOT NULL, "
    "at timestamptz NOT NULL DEFAULT now())",
]


async def start_job(bot, db, settings):
    """Every 50 ms: deliver the due reminders. Naive on purpose: SELECT then INSERT with no row
    lock or unique key, so two concurrent schedulers WOULD deliver a reminder twice; only the
    scheduler role's advisory lock keeps it exactly-once. Each delivery is recorded and marked
    in one transaction, so a kill between reminders loses nothing."""
    from sqlalchemy import text

    pid = os.getpid()

    async def loop():
        while True:
            async with db.engine.connect() as conn:
                due = (await conn.execute(text(
                    "SELECT id FROM ops_reminders WHERE sent_by IS NULL AND due_at <= now() ORDER BY id LIMIT 10"
                ))).scalars().all()
            for rid in due:
                await asyncio.sleep(0.005)  # the Bot API call would be here
                async with db.engine.begin() as conn:
                    await conn.execute(text("INSERT INTO ops_deliveries (reminder_id, pid) VALUES (:r, :p)"),
                                       {"r": rid, "p": pid})
                    await conn.execute(text("UPDATE ops_reminders SET sent_by = :p WHERE id = :r"), {"r": rid, "p": pid})
            await asyncio.sleep(0.05)

    return asyncio.create_task(loop())
