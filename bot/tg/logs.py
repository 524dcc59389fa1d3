"""Logging for the bot: one stderr handler, quiet HTTP libraries, secrets redacted."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

from bot.config import Settings

REDACTED = "[REDACTED]"
_QUIET = ("httpx", "httpcore", "apscheduler", "aiohttp.access", "tornado.access")
"""Libraries that log every request URL at INFO; the Bot API URL contains the token."""


class RedactingFilter(logging.Filter):
    """Replaces secrets in a record's message, arguments, traceback and stack text."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        found: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            found.update({secret, secret.replace(":", "%3A"), secret.partition(":")[2]})
        # Short fragments would redact ordinary words; a token's secret part is 35 characters.
        self._secrets = sorted((s for s in found if len(s) >= 8), key=len, reverse=True)

    def redact(self, text: str) -> str:
        """`text` with every secret replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place so that every later handler sees it redacted."""
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            text = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(text), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Send log records to `stream` (stderr), redacted; returns the handler to remove later."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter([settings.token, settings.webhook_secret]))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(settings.log_level if settings.log_level in _LEVELS else "INFO")
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
