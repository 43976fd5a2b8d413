"""Data rights in the production shape: ``unionbot export-user`` and /forget on PostgreSQL (with
the FSM in Redis)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from redis.asyncio import Redis

from bot.db import Database
from bot.settings import load_settings
from bot.dev.testing import BotHarness
from domain.models import Invite, User
from domain.repos import PERSONAL_DATA, create_invite, create_unit, register_personal_data
from domain.repos import export_user as export_user_in_process

ROOT = Path(__file__).resolve().parents[1]
UNIONBOT = Path(sys.executable).parent / "unionbot"


def export_user(pg_url: str, user_id: int, cwd: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "REDIS_"))}
    env["DATABASE_URL"] = pg_url
    done = subprocess.run([str(UNIONBOT), "export-user", str(user_id)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


async def test_export_user_and_forget_on_postgresql(pg_url, redis_url, tmp_path):
    settings = load_settings(database_url=pg_url, redis_url=redis_url, data_key="k", data_dir=tmp_path,
                             admin_ids="8000", throttle_rate=1000.0, throttle_burst=1000, bot_token=None)
    db = Database(pg_url)
    await db.upgrade()
    exported_by_feature = []

    async def export(session, user_id):
        exported_by_feature.append(user_id)
        return [{"note": "feature rows of this person"}]

    async def forget(session, user_id):
        return 2

    register_personal_data("zz_ops_test", export, forget)
    try:
        async with BotHarness.create(settings=settings, db=db) as h:
            async with db.session() as s:
                unit = await create_unit(s, "数据权利测试工会")
                invite = await create_invite(s, unit.id, None)
                await s.commit()
            await h.send(8001, f"/start {invite.code}")
            await h.send(8001, "/lang")
            data = export_user(pg_url, 8001, tmp_path)
            assert data["user"]["id"] == 8001 and data["user"]["role"] == "clerk"
            assert data["user"]["unit_id"] == unit.id
            async with db.session() as s:  # feature registries are walked on PostgreSQL too
                assert (await export_user_in_process(s, 8001))["zz_ops_test"] == [{"note": "feature rows of this person"}]

            await h.send(8000, "/newunit")  # admin mid-form: FSM state in Redis
            redis = Redis.from_url(redis_url)
            try:
                assert [k async for k in redis.scan_iter("fsm:*:8000:8000:*")]
                await h.send(8001, "/forget")
                await h.press(8001, 0)  # confirm
                assert h.last(8001).text == h.app.translator.t("zh", "forget-done")
            finally:
                await redis.aclose()
            async with db.session() as s:
                assert await s.get(User, 8001) is None
                assert await s.get(Invite, invite.code) is None  # the redeemed invite named the person
            gone = export_user(pg_url, 8001, tmp_path)
            assert gone["user"] is None
    finally:
        PERSONAL_DATA.pop("zz_ops_test", None)
        await db.dispose()
