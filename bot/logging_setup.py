"""Logging that never writes personal data: ID numbers and phone numbers are redacted."""

from __future__ import annotations

import json
import logging
import sys

from domain import privacy


def redact(text: str) -> str:
    """ID, phone and document numbers in any spelling become [ID], [PHONE], [DOC] (domain.privacy)."""
    return privacy.redact(text, style="tag")


class RedactingFormatter(logging.Formatter):
    """Formats normally (traceback included), then removes anything that looks like personal data."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for extra in ("request_id", "update_id", "ref"):
            if hasattr(record, extra):
                payload[extra] = getattr(record, extra)
        if record.exc_info:
            payload["traceback"] = self.formatException(record.exc_info)
        return redact(json.dumps(payload, ensure_ascii=False))


def setup_logging(level: str = "INFO", json_logs: bool = False, stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonFormatter() if json_logs else RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
