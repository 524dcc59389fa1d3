"""Builders for the updates Telegram sends: messages, channel posts, buttons, inline queries."""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

from tests.fakes.botapi import BOT_ID, BOT_USERNAME

_message_ids = itertools.count(1)
_ENTITY = re.compile(r"(?P<command>^/\w+(?:@\w+)?)|(?P<mention>@\w+)")

BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Factbot", "username": BOT_USERNAME}


def user(user_id: int = 1001, language_code: str = "en") -> dict[str, Any]:
    """A human Telegram user."""
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": f"U{user_id}",
        "language_code": language_code,
    }


def private_chat(user_id: int = 1001) -> dict[str, Any]:
    """The private chat with a user."""
    return {"id": user_id, "type": "private", "first_name": f"U{user_id}"}


def group_chat(chat_id: int = -1001, *, forum: bool = False) -> dict[str, Any]:
    """A supergroup (a forum when `forum`)."""
    chat = {"id": chat_id, "type": "supergroup", "title": "Friends of Türkiye and Kazakhstan"}
    if forum:
        chat["is_forum"] = True
    return chat


def channel_chat(chat_id: int = -100777) -> dict[str, Any]:
    """A channel."""
    return {"id": chat_id, "type": "channel", "title": "TR-KZ news"}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities(text: str) -> list[dict[str, Any]]:
    """The bot_command and mention entities Telegram would attach to `text`."""
    found = []
    for match in _ENTITY.finditer(text):
        kind = "bot_command" if match.group("command") else "mention"
        found.append(
            {"type": kind, "offset": _utf16(text[: match.start()]), "length": _utf16(match.group())}
        )
    return found


def message(
    chat: dict[str, Any],
    text: str,
    *,
    sender: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
    thread_id: int | None = None,
) -> dict[str, Any]:
    """A text message (a channel post when `chat` is a channel: no sender)."""
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat,
        "text": text,
    }
    if chat["type"] == "channel":
        body["sender_chat"] = chat
    else:
        body["from"] = sender or user(chat["id"] if chat["type"] == "private" else 1001)
    if found := entities(text):
        body["entities"] = found
    if reply_to is not None:
        body["reply_to_message"] = reply_to
    if thread_id is not None:
        body["message_thread_id"] = thread_id
        body["is_topic_message"] = True
    return body


def bot_message(chat: dict[str, Any], message_id: int, text: str = "…") -> dict[str, Any]:
    """A message the bot sent earlier (to reply to)."""
    return {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": chat,
        "from": BOT_USER,
        "text": text,
    }


def callback_query(
    sender: dict[str, Any], data: str, on: dict[str, Any] | None, query_id: str = "cbq-1"
) -> dict[str, Any]:
    """A button press on message `on` (None: a press on an inline-mode message)."""
    query: dict[str, Any] = {"id": query_id, "from": sender, "chat_instance": "ci-1", "data": data}
    if on is None:
        query["inline_message_id"] = "inline-msg-1"
    else:
        query["message"] = on
    return {"callback_query": query}


def inline_query(sender: dict[str, Any], text: str, query_id: str = "iq-1") -> dict[str, Any]:
    """An inline query `@bot text`."""
    return {"inline_query": {"id": query_id, "from": sender, "query": text, "offset": ""}}


def chosen_inline_result(sender: dict[str, Any], result_id: str, query: str) -> dict[str, Any]:
    """The user picked inline result `result_id` (feedback must be on for Telegram to send it)."""
    return {"chosen_inline_result": {"result_id": result_id, "from": sender, "query": query}}


def bot_added(chat: dict[str, Any], by: dict[str, Any] | None = None) -> dict[str, Any]:
    """The bot became a member of `chat`."""
    return {
        "my_chat_member": {
            "chat": chat,
            "from": by or user(),
            "date": int(time.time()),
            "old_chat_member": {"user": BOT_USER, "status": "left"},
            "new_chat_member": {"user": BOT_USER, "status": "member"},
        }
    }
