"""Prometheus metrics, request ids in logs, and the update middleware that feeds both.

Every process (webhook worker, scheduler, polling bot) counts into prometheus_client's default
registry; the webhook server exposes it on ``/metrics``. Other modules (the reminder sender, the
outgoing rate limiter) increment the counters below through the small helper functions, so they
never need to know label names.

Logs never carry personal data: one access line per update says its request id, update id,
event type, handling time and outcome, nothing about the user or the text.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest

access_log = logging.getLogger("unionbot.access")

# --- the metrics -----------------------------------------------------------------

UPDATES = Counter("unionbot_updates_total", "Telegram updates handled, by event type", ["event"])
UPDATE_ERRORS = Counter("unionbot_update_errors_total", "Updates whose handler raised, by event type", ["event"])
HANDLER_SECONDS = Histogram(
    "unionbot_handler_seconds",
    "Time to handle one update (middlewares + handler), seconds",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
IN_FLIGHT = Gauge("unionbot_updates_in_flight", "Updates being handled right now")
GATE_WAITS = Counter("unionbot_gate_waits_total", "Updates that waited for an earlier update of the same chat (cluster mode)")
DUPLICATES = Counter("unionbot_duplicate_updates_total", "Update ids delivered again and dropped (cluster mode)")
THROTTLED = Counter("unionbot_throttled_total", "Incoming events dropped by per-user flood control")
REMINDERS_SENT = Counter("unionbot_reminders_sent_total", "Reminders delivered", ["kind"])
REMINDERS_FAILED = Counter("unionbot_reminders_failed_total", "Reminders that could not be delivered", ["kind", "reason"])
DELIVERIES_UNCERTAIN = Counter(
    "unionbot_deliveries_uncertain_total",
    "Deliveries taken over from a process that died with the message on the wire (sent again: may arrive twice)")
TELEGRAM_429 = Counter("unionbot_telegram_429_total", "Bot API answers 'Too Many Requests' (retry_after)", ["method"])
TELEGRAM_ERRORS = Counter("unionbot_telegram_errors_total", "Bot API calls that failed, by method", ["method"])
OUTGOING_WAIT = Histogram(
    "unionbot_outgoing_wait_seconds",
    "Time a send waited for the global outgoing rate limit",
    buckets=(0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SCHEDULER_LEADER = Gauge("unionbot_scheduler_leader", "1 while this process holds the scheduler lock")


def reminder_sent(kind: str = "reminder") -> None:
    """For the reminder sender: one reminder delivered."""
    REMINDERS_SENT.labels(kind=kind).inc()


def reminder_failed(kind: str = "reminder", reason: str = "error") -> None:
    """For the reminder sender: one reminder not delivered (reason: blocked, bad_request, error...)."""
    REMINDERS_FAILED.labels(kind=kind, reason=reason).inc()


def delivery_uncertain() -> None:
    """A delivery taken over from a process that died while its message was on the wire."""
    DELIVERIES_UNCERTAIN.inc()


def telegram_429(method: str = "sendMessage") -> None:
    TELEGRAM_429.labels(method=method).inc()


def render_metrics() -> tuple[bytes, str]:
    """The Prometheus text exposition of this process: (body, content type)."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def metrics_view(settings):
    """The aiohttp handler of GET /metrics: with METRICS_TOKEN set, only a request carrying
    ``Authorization: Bearer <token>`` gets the page (401 otherwise; Prometheus: ``authorization:
    {credentials: <token>}`` or ``bearer_token``)."""
    import hmac

    from aiohttp import web

    token = settings.metrics_token.get_secret_value().encode() if settings.metrics_token else None

    async def view(request: web.Request) -> web.Response:
        if token is not None:
            given = request.headers.get("Authorization", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token):
                return web.Response(status=401, text="metrics need the METRICS_TOKEN bearer token\n",
                                    headers={"WWW-Authenticate": "Bearer"})
        body, content_type = render_metrics()
        return web.Response(body=body, headers={"Content-Type": content_type})

    return view


def metrics_on_webhook_port(settings) -> bool:
    """A worker serves /metrics next to the webhook only behind the token and with no port of its own."""
    return settings.metrics_token is not None and settings.metrics_port is None


def make_metrics_app(settings):
    """The separate /metrics server of a worker (METRICS_HOST:METRICS_PORT)."""
    from aiohttp import web

    app = web.Application()
    app.router.add_get("/metrics", metrics_view(settings))
    return app


# --- request ids -------------------------------------------------------------------

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
current_update_id: ContextVar[int | None] = ContextVar("current_update_id", default=None)


def new_request_id() -> str:
    return secrets.token_hex(6)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` / ``update_id`` of the update being handled to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        rid = request_id.get()
        if rid is not None and not hasattr(record, "request_id"):
            record.request_id = rid
        uid = current_update_id.get()
        if uid is not None and not hasattr(record, "update_id"):
            record.update_id = uid
        return True


def install_request_ids() -> None:
    """Attach the request-id filter to the root handlers (after ``setup_logging``); keep the
    per-start migration chatter and per-request HTTP access lines (client addresses) out of the
    log: the update access line above is the request log."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())


# --- the middleware ----------------------------------------------------------------

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def event_type(update: Update) -> str:
    return update.event_type if isinstance(update, Update) else type(update).__name__.lower()


class MetricsMiddleware(BaseMiddleware):
    """Update-level: request id, count, latency, errors, one access log line.

    Registered just inside ``ErrorMiddleware``, so it sees the handler's exception (counts it and
    re-raises for the error notice) and the error log line carries the same request id.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        kind = event_type(event)
        update_id = getattr(event, "update_id", None)
        if request_id.get() is None or current_update_id.get() != update_id:
            request_id.set(new_request_id())  # the webhook server sets it earlier, per request
        current_update_id.set(update_id)
        IN_FLIGHT.inc()
        started = time.perf_counter()
        outcome = "ok"
        try:
            return await handler(event, data)
        except Exception:
            outcome = "error"
            UPDATE_ERRORS.labels(event=kind).inc()
            raise
        finally:
            elapsed = time.perf_counter() - started
            IN_FLIGHT.dec()
            UPDATES.labels(event=kind).inc()
            HANDLER_SECONDS.observe(elapsed)
            if access_log.isEnabledFor(logging.INFO):
                access_log.info("update handled event=%s ms=%.1f outcome=%s", kind, elapsed * 1000, outcome)
