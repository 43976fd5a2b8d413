"""Helpers for the operations tests and the cluster benchmark: raw Telegram updates, the admin
unit form as a script, and a deliberately naive reminder job for the scheduler-role tests."""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import socket
import time
from pathlib import Path

from stdnum.cn import uscc as cn_uscc

from domain.identity import check_uscc

_ids = itertools.count(1)


def free_port_block(size: int, tries: int = 200) -> int:
    """The first of ``size`` consecutive TCP ports on 127.0.0.1 that are free right now.

    The cluster listens on a base port and the ones after it; asking the OS for one free port is not
    enough, and a port derived from the pid collides when two test runs' pids are close."""
    rng = random.SystemRandom()
    for _ in range(tries):
        base = rng.randrange(20000, 60000 - size)
        socks = []
        try:
            for port in range(base, base + size):
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                socks.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError(f"no {size} consecutive free ports found")


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
    """The admin /newunit form answered by ``user_id`` (an admin), all typed: a district union (no
    parent step), the level and the confirmation typed as their buttons' labels: 7 updates."""
    return ["/newunit", f"集群测试第{i}号公司工会", "区局(产业)工会", uscc_for(i), f"EC{i:05d}", f"浦东新区总工会{i}", "创建"]


# the prompts in order; the last two (the summary to confirm, the unit created) carry the answers
UNIT_FORM_PROMPTS = ["admin-ask-unit-name", "admin-ask-level", "admin-ask-uscc", "admin-ask-enroll-code",
                     "admin-ask-district", "admin-summary", "admin-unit-created"]


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


# --- status pushes: seeding and a process that dies half-way through its pushes ------------------


async def seed_card_applications(session, cipher, union: str, count: int, first_user: int = 10_000) -> list[int]:
    """``count`` members, each with one pending card application of the unit ``union``."""
    from stdnum.cn import ric

    from domain.cards import service
    from domain.models import User

    members = []
    for i in range(count):
        k = first_user + i  # distinct document numbers across calls with other first_user
        first = f"310115{1970 + k % 30}{1 + k % 12:02d}{1 + k % 28:02d}{k % 1000:03d}"
        number = first + ric.calc_check_digit(first + "0")
        uid = first_user + i
        session.add(User(id=uid, role="member", lang="zh"))
        await service.submit(session, cipher, uid, dict(
            kind="flexible", member_no=f"M{i:06d}", name="张三", doc_type="resident_id", doc_number=number,
            birth_date=None, gender=None, expiry="2035-01-01", mobile="13812345678",
            address="上海市浦东新区世纪大道100号", union=union, branch="上海银行浦东分行", outlet="陆家嘴网点",
            bank_phone="13812345678", channel="normal"))
        members.append(uid)
    return members


def push_batch_child() -> None:
    """``python -c 'from tests.ops_support import push_batch_child; push_batch_child()' DB RECORD CLERK N``:
    the clerk's system check is committed, its pushes start, and the process SIGKILLs itself as it
    is about to send push N+1 (its claim is in the delivery log, the message never left). Every push
    that did leave is appended to RECORD first."""
    import signal
    import sys
    from datetime import date

    from bot import pushes
    from bot.dev.testing import BotHarness
    from domain.cards import service
    from domain.models import User

    db_file, record, clerk_id, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

    async def main() -> None:
        async with BotHarness.create(Path(db_file).parent, database_url=f"sqlite+aiosqlite:///{db_file}") as h:
            original = h.session.make_request
            sent = [0]
            out = open(record, "a", encoding="utf-8")

            async def make_request(bot, method, timeout=None):
                if method.__api_method__ == "sendMessage" and method.chat_id != clerk_id:
                    if sent[0] == limit:
                        os.kill(os.getpid(), signal.SIGKILL)
                    result = await original(bot, method, timeout)
                    sent[0] += 1
                    out.write(f"{method.chat_id}\n")
                    out.flush()
                    os.fsync(out.fileno())
                    return result
                return await original(bot, method, timeout)

            h.session.make_request = make_request
            async with h.app.db.session() as s:
                await service.run_check(s, await s.get(User, clerk_id), date(2026, 11, 24))
                await s.commit()
            await pushes.deliver_pending(h.bot, h.app.db)  # the harness's sender: no waiting between pushes

    asyncio.run(main())
