"""A real Bot API HTTP server on 127.0.0.1 for tests: records requests, injects faults."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes.faults import DESCRIPTIONS, Fault, error_response
from tests.fakes.spec import decode_params, request_problems

TOKEN = "123456789:AAF-fake-SECRET-token_for_tests"
BOT_ID = 123456789
BOT_USERNAME = "factbot_test_bot"


@dataclass
class Recorded:
    """One request the server received."""

    method: str
    params: dict[str, Any]
    fault: Fault | None
    ok: bool
    at: float
    result: Any = None


@dataclass
class FakeBotApi:
    """The server. Start with `async with FakeBotApi() as api:`; point the bot at `base_url`."""

    token: str = TOKEN
    can_read_all_group_messages: bool = False
    port: int = 0
    requests: list[Recorded] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    arrivals: list[str] = field(default_factory=list)
    """Methods in the order their requests arrived (a long poll is recorded only when done)."""

    def __post_init__(self) -> None:
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(
            lambda: itertools.count(1000)
        )
        self._changed = asyncio.Condition()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.confirmed = 0

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Listen on 127.0.0.1 (`port`, or a free one)."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        server = site._server  # the bound socket tells which free port was chosen
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop listening; long polls return at once."""
        self._closing.set()
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The `base_url` for python-telegram-bot (`.../bot`, token appended by the library)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- what tests do -------------------------------------------------------------------

    def inject(self, method: str, *faults: Fault) -> None:
        """Answer the next calls of `method` ("*" for any) with `faults`, in order."""
        self._faults[method].extend(faults)

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates; gives it the next update_id."""
        update = {"update_id": next(self._update_ids), **update}
        for key in ("message", "channel_post", "edited_message"):
            if key in update:
                chat = update[key]["chat"]
                self.chats[chat["id"]] = chat
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return update

    def next_update_id(self) -> int:
        """An update id for an update delivered by webhook instead of getUpdates."""
        return next(self._update_ids)

    async def deliver_webhook(self, update: dict[str, Any], secret: str | None = "") -> int:
        """POST an update to the registered webhook; `secret` None sends no header."""
        headers = {}
        real = self.webhook.get("secret_token")
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret or real or ""
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.webhook["url"], json=update, headers=headers) as response,
        ):
            return response.status

    def calls(self, method: str, *, ok: bool = True) -> list[Recorded]:
        """Requests of `method` that succeeded (or, with ok=False, all of them)."""
        return [r for r in self.requests if r.method == method and (r.ok or not ok)]

    def sent(self, chat_id: int | None = None) -> list[Recorded]:
        """Messages successfully sent (to `chat_id`)."""
        return [
            r
            for r in self.calls("sendMessage")
            if chat_id is None or r.params["chat_id"] == chat_id
        ]

    def replies_to(self, chat_id: int, message_id: int) -> list[Recorded]:
        """Messages sent in reply to one message."""
        return [
            r
            for r in self.sent(chat_id)
            if (r.params.get("reply_parameters") or {}).get("message_id") == message_id
        ]

    async def wait_for(
        self, condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition"
    ) -> Any:
        """Wait until `condition()` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not (value := condition()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out waiting for {what}; got {self.summary()}")
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    continue
            return value

    def summary(self) -> list[str]:
        """One short line per recorded request (for assertion messages)."""
        return [
            f"{r.method}{'!' + r.fault.kind if r.fault else ''}"
            f"({str(r.params.get('text', r.params.get('chat_id', '')))[:40]!r})"
            for r in self.requests
        ]

    # ---- the server ----------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        async with self._changed:
            self.arrivals.append(method)
            self._changed.notify_all()
        params = await self._params(request, method)
        if request.match_info["token"] != self.token:
            return error_response(401, "Unauthorized")
        fault = self._faults[method].popleft() if self._faults[method] else None
        if fault is None and self._faults["*"] and method != "getUpdates":
            fault = self._faults["*"].popleft()
        if fault is not None:
            await self._record(Recorded(method, params, fault, False, time.monotonic()))
            return await self._fault(request, fault)
        problems = request_problems(method, params)
        if problems:
            self.violations.extend(problems)
            await self._record(Recorded(method, params, None, False, time.monotonic()))
            return error_response(400, "Bad Request: " + "; ".join(problems))
        handler = getattr(self, "_m_" + method, None)
        result = await handler(params) if handler else True
        if isinstance(result, web.Response):
            await self._record(Recorded(method, params, None, False, time.monotonic()))
            return result
        await self._record(Recorded(method, params, None, True, time.monotonic(), result))
        return web.json_response({"ok": True, "result": result})

    async def _params(self, request: web.Request, method: str) -> dict[str, Any]:
        if request.content_type == "application/json":
            return decode_params(method, await request.json(), form=False)
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            return decode_params(method, {k: str(v) for k, v in form.items()}, form=True)
        form = await request.post()
        query = dict(request.query)
        query.update({k: str(v) for k, v in form.items()})
        return decode_params(method, query, form=True)

    async def _record(self, recorded: Recorded) -> None:
        async with self._changed:
            self.requests.append(recorded)
            self._changed.notify_all()

    async def _fault(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        if fault.kind == "slow":
            await asyncio.sleep(fault.delay)
            return error_response(504, "Gateway Timeout")
        if fault.kind == "reset":
            assert request.transport is not None
            request.transport.abort()
            return web.Response(status=500)
        if fault.kind == "malformed":
            return web.Response(text='{"ok": tr', content_type="application/json")
        description = DESCRIPTIONS.get(fault.status, "Error").format(retry_after=fault.retry_after)
        extra = {"retry_after": fault.retry_after} if fault.retry_after else None
        return error_response(fault.status, description, extra)

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook.get("url"):
            return error_response(
                409, "Conflict: can't use getUpdates method while webhook is active"
            )
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        async with self._changed:
            if offset:
                self.confirmed = max(self.confirmed, offset)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    break
            return self._updates[:limit]

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Factbot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": True,
        }

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": self.chats.get(chat_id) or _chat(chat_id),
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Factbot",
                "username": BOT_USERNAME,
            },
            "text": params["text"],
        }
        if "message_thread_id" in params:
            message["message_thread_id"] = params["message_thread_id"]
            message["is_topic_message"] = True
        return message

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        if "inline_message_id" in params:
            return True
        chat_id = int(params["chat_id"])
        return {
            "message_id": params["message_id"],
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": self.chats.get(chat_id) or _chat(chat_id),
            "text": params["text"],
        }

    async def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        user = {"id": int(params["user_id"]), "is_bot": False, "first_name": "Member"}
        return {"status": "member", "user": user}

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = dict(params)
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {}
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "User"}
    return {"id": chat_id, "type": "supergroup", "title": "Group"}
