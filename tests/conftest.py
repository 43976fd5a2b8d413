"""Shared fixtures: the bot harness, and PostgreSQL / Redis when the CI machine has them."""

from __future__ import annotations

import os
import socket
import uuid
from contextlib import asynccontextmanager

import pytest

from bot.dev.testing import BotHarness

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("TEST_PG_USER", "postgres")
PG_DB = os.environ.get("TEST_PG_DB", "test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
async def harness(tmp_path):
    async with BotHarness.create(tmp_path, admin_ids="1") as h:
        yield h


@asynccontextmanager
async def fresh_pg_database():
    """A new PostgreSQL database (dropped afterwards); skips, saying why, when there is no server."""
    if not _reachable(PG_HOST, PG_PORT):
        pytest.skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT}")
    import asyncpg

    name = "ub_" + uuid.uuid4().hex[:12]
    try:
        admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_DB)
    except Exception as exc:  # server up but refusing us
        pytest.skip(f"PostgreSQL on {PG_HOST}:{PG_PORT} refused the connection: {exc}")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        yield f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_DB)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def pg_url():
    async with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request, tmp_path):
    """Run a test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
        return
    async with fresh_pg_database() as url:
        yield url


@pytest.fixture
async def redis_url():
    host, port = "127.0.0.1", 6379
    if not _reachable(host, port):
        pytest.skip(f"Redis is not reachable on {host}:{port}")
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    await client.flushdb()
    await client.aclose()
    yield REDIS_URL
    client = Redis.from_url(REDIS_URL)
    await client.flushdb()
    await client.aclose()
