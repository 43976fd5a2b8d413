"""Settings from the environment and ``.env`` (pydantic-settings). See ``.env.example``."""

from __future__ import annotations

import os
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain import clock

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB_URL = "sqlite+aiosqlite:///./data/unionbot.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DB_URL
    telegram_api_url: str | None = None  # self-hosted Bot API server, e.g. http://127.0.0.1:8081
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_locale: Literal["zh", "en"] = "zh"
    timezone: str = "Asia/Shanghai"
    webhook_url: str | None = None  # public base URL, e.g. https://bot.example.org
    webhook_path: str = "/webhook"
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    redis_url: str | None = None
    webapp_url: str | None = None  # public HTTPS address of the Mini App (…/app/): the clerk menu's WebApp button
    data_key: SecretStr | None = None  # secret for encrypting personal data at rest
    data_dir: Path = Path("data")
    form_ttl_days: float = Field(default=30, ge=0)  # a form left untouched this long is deleted (0 = never)
    calendar_dir: Path | None = None  # deadline years loaded by admins (default <data_dir>/calendar)
    rates_dir: Path | None = None  # fee tables loaded by admins (default <data_dir>/rates)
    throttle_rate: float = Field(default=3.0, gt=0)  # messages per second allowed per user
    throttle_burst: int = Field(default=8, ge=1)
    log_level: str = "INFO"
    log_json: bool = False
    # Operations (bot/ops/ratelimit.py, bot/ops/leader.py, bot/ops/cluster.py; see deploy/README.md)
    outgoing_rate: float = Field(default=25.0, ge=0, le=1000)  # messages/s for the whole bot (Telegram: ~30); 0 = no pacing
    embedded_scheduler: bool = True  # webhook/polling process also runs the scheduler role (off for cluster workers)
    shutdown_timeout: float = Field(default=25.0, ge=0)  # seconds to finish in-flight updates at stop
    # Roster checks of uploaded files run in a worker process (bot/sandbox.py)
    roster_checks_per_minute: int = Field(default=5, ge=1)  # per user
    roster_worker_memory_mb: int = Field(default=1024, ge=256)  # address-space limit of the worker
    roster_worker_timeout: float = Field(default=60.0, gt=0)  # seconds per file, then the worker is killed
    roster_workers: int = Field(default=1, ge=1, le=8)  # checks running at once (others wait)
    # /metrics: with a token, every /metrics answers only "Authorization: Bearer <token>"; with a port,
    # a worker serves it on METRICS_HOST:METRICS_PORT instead of the webhook port. With neither, the
    # webhook port does not serve /metrics at all (404). bot/ops/metrics.py
    metrics_token: SecretStr | None = None
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = Field(default=None, ge=1, le=65535)

    @field_validator("calendar_dir", "rates_dir", mode="before")
    @classmethod
    def _empty_is_default(cls, value):
        return None if value is None or str(value).strip() == "" else value

    @property
    def calendar_folder(self) -> Path:
        return self.calendar_dir or self.data_dir / "calendar"

    @property
    def rates_folder(self) -> Path:
        return self.rates_dir or self.data_dir / "rates"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value):
        if value is None or value == "":
            return frozenset()
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s;]+", value.strip()) if p]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be Telegram user ids separated by commas, e.g. 123,456") from None
        return value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _db(cls, value: str) -> str:
        value = value.strip()
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not (value.startswith("sqlite+aiosqlite://") or value.startswith("postgresql+asyncpg://")):
            raise ValueError("must be sqlite+aiosqlite:///path or postgresql+asyncpg://user@host/db")
        return value

    @field_validator("webapp_url")
    @classmethod
    def _webapp_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith("https://"):
            raise ValueError("must be an https:// address (Telegram opens Mini Apps over HTTPS only)")
        return value

    @field_validator("telegram_api_url", "webhook_url", "redis_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^(https?|rediss?|unix)://", value):
            raise ValueError("must be a URL such as http://127.0.0.1:8081")
        return value.rstrip("/")

    @field_validator("metrics_port", "metrics_token", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if value is None or str(value).strip() == "" else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("1-256 characters of A-Z a-z 0-9 _ - (Telegram's rule)")
        return value

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() == "":
            return None
        if value is not None and not re.fullmatch(r"\d+:[A-Za-z0-9_-]+", value.get_secret_value()):
            raise ValueError("does not look like a bot token (123456:ABC-...)")
        return value

    @property
    def tz(self):
        """The platform's zone (domain.clock.TZ, pointed at TIMEZONE by load_settings)."""
        return clock.TZ

    def resolved_data_key(self) -> str:
        """DATA_KEY, or a random key kept in ``<data_dir>/.data_key`` for the embedded default."""
        if self.data_key is not None:
            return self.data_key.get_secret_value()
        path = self.data_dir / ".data_key"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        return key


class SettingsError(Exception):
    """One clear line saying which setting is wrong."""


def load_settings(**overrides) -> Settings:
    try:
        settings = Settings(**overrides)
        clock.use(settings.timezone)  # one clock: every module's TZ follows the setting
        return settings
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first.get("loc") else "?"
        msg = first.get("msg", "invalid").removeprefix("Value error, ")
        raise SettingsError(f"configuration error: {name}: {msg}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
