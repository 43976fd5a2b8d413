"""Async database engine and sessions (SQLite + aiosqlite by default, PostgreSQL + asyncpg)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def sync_url(url: str) -> str:
    """The same database for synchronous drivers (APScheduler's job store)."""
    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        return u.set(drivername="sqlite").render_as_string(hide_password=False)
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


class Database:
    """Owns the engine; hands out sessions; runs migrations."""

    def __init__(self, url: str, echo: bool = False):
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.drivername.startswith("sqlite")
        kwargs: dict = {"echo": echo}
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessionmaker = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)

    def session(self) -> AsyncSession:
        return self.sessionmaker()

    def alembic_config(self) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    async def upgrade(self, revision: str = "heads") -> None:
        """Apply migrations (every feature branch head)."""
        cfg = self.alembic_config()

        def run(connection) -> None:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

        async with self.engine.begin() as conn:
            await conn.run_sync(run)

    async def current_heads(self) -> set[str]:
        from alembic.runtime.migration import MigrationContext

        async with self.engine.connect() as conn:
            return await conn.run_sync(lambda c: set(MigrationContext.configure(c).get_current_heads()))

    async def dispose(self) -> None:
        await self.engine.dispose()
