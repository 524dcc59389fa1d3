"""Faults the fake Bot API can answer with instead of handling a request."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Fault:
    """What the server does instead of handling one request."""

    kind: str  # status | slow | reset | malformed
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0

    @classmethod
    def too_many(cls, retry_after: int = 1) -> Fault:
        """429 Too Many Requests with `retry_after` seconds."""
        return cls("status", 429, retry_after=retry_after)

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        """A 5xx answer."""
        return cls("status", status)

    @classmethod
    def conflict(cls) -> Fault:
        """409 Conflict, as when another getUpdates or a webhook is active."""
        return cls("status", 409)

    @classmethod
    def bad_request(cls) -> Fault:
        """400 Bad Request (not retryable)."""
        return cls("status", 400)

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        """Answer only after `seconds` (past the client's timeout), without handling it."""
        return cls("slow", delay=seconds)

    @classmethod
    def reset(cls) -> Fault:
        """Drop the connection without an answer."""
        return cls("reset")

    @classmethod
    def malformed(cls) -> Fault:
        """200 with a body that is not JSON."""
        return cls("malformed")


DESCRIPTIONS = {
    400: "Bad Request: injected fault",
    409: "Conflict: terminated by other getUpdates request",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def error_response(
    status: int, description: str, parameters: dict[str, Any] | None = None
) -> web.Response:
    """A Bot API error answer."""
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.Response(status=status, text=json.dumps(body), content_type="application/json")
