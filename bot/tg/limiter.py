"""Outgoing requests: Telegram's rate limits, 429 retry_after, and retries of transient faults."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import AIORateLimiter

from bot.tg.tuning import Tuning

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


def transient(error: TelegramError) -> bool:
    """True for faults worth retrying: 5xx, timeouts, resets, and answers that are not JSON."""
    if isinstance(error, BadRequest):
        return False
    if isinstance(error, NetworkError):
        return True
    return type(error) is TelegramError and isinstance(error.__cause__, ValueError)


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter (throttling, 429 retry_after) that also retries transient faults.

    Retrying is safe because Telegram has no partial success: a request that failed with a
    5xx, a reset or a timeout before an answer is sent again, and Bot API answers that were
    delivered are never retried.
    """

    def __init__(self, tuning: Tuning) -> None:
        rate = 1 if tuning.rate_limit else 0
        super().__init__(
            overall_max_rate=30 * rate,
            group_max_rate=20 * rate,
            max_retries=tuning.retry_after_attempts,
        )
        self._attempts = tuning.send_attempts
        self._first = tuning.backoff_first
        self._cap = tuning.backoff_cap

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        """Send through the rate limiter; back off and resend after a transient fault."""
        delay = self._first
        for attempt in range(1, self._attempts + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except TelegramError as error:
                if attempt == self._attempts or not transient(error):
                    raise
                log.warning(
                    "%s failed (%s: %s); retry %d of %d in %.1f s",
                    endpoint,
                    type(error).__name__,
                    error,
                    attempt,
                    self._attempts - 1,
                    delay,
                )
            await asyncio.sleep(delay)
            delay = min(self._cap, delay * 2)
        raise AssertionError("unreachable: the last attempt returns or raises")
