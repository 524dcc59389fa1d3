"""Timings and limits of the Telegram adapter (tests shrink them; production reads Settings)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings


@dataclass(frozen=True, slots=True)
class Tuning:
    """How long to wait, how often to retry, how much to allow."""

    http_timeout: float = 10.0
    """Seconds before a Bot API request counts as timed out."""
    poll_timeout: int = 30
    """Seconds one long-polling getUpdates call waits for updates."""
    send_attempts: int = 5
    """Tries for one request that fails with a 5xx, a timeout, a reset or a garbled answer."""
    retry_after_attempts: int = 5
    """Tries for one request that Telegram answers with 429 retry_after."""
    backoff_first: float = 0.5
    backoff_cap: float = 30.0
    rate_limit: bool = True
    """Throttle to Telegram's limits (30 messages/s, 20/minute per group) before sending."""
    flood_user: int = 20
    """Questions one user may ask per window before being asked to slow down."""
    flood_chat: int = 20
    """Questions one group may ask per window (Telegram lets a bot post 20 a minute there)."""
    flood_window: float = 60.0
    max_concurrent_updates: int = 64
    """Updates handled at once; updates of one chat still run one after another."""
    inline_settle: float = 3.0
    """Seconds an inline query waits before it is recorded for the curators: Telegram sends
    one query per keystroke pause, and only the one the person finished typing counts."""

    @classmethod
    def from_settings(cls, settings: Settings) -> Tuning:
        """Production tuning, with the timeouts from the environment."""
        return cls(http_timeout=settings.http_timeout, poll_timeout=settings.poll_timeout)
