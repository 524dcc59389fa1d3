"""The fake Bot API's own checks are real: they catch what Telegram would reject."""

from __future__ import annotations

import pytest

from tests.fakes.spec import request_problems
from tests.fakes.telegram_html import html_problems

KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "x" * 65}]]}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<div>hi</div>", "tag <div> is not allowed"),
        ("a < b", "unescaped '<' in text"),
        ("fish &chips", "unescaped '&' in text"),
        ("&nbsp;", "unsupported entity &nbsp;"),
        ("<b>bold", "unclosed tags ['b']"),
        ("<b><i>x</b></i>", "</b> does not close the open tag ['i']"),
        ('<a href="x" onclick="y">z</a>', "attribute 'onclick' not allowed on <a>"),
        ('<span class="red">x</span>', "<span> needs class=tg-spoiler"),
        ("  ", "message text is empty"),
        ("x" * 4097, "text longer than 4096 characters"),
    ],
)
def test_html_checker_rejects(text: str, problem: str) -> None:
    assert problem in html_problems(text)


def test_html_checker_accepts_telegram_html() -> None:
    text = (
        '<b>a</b> <i>b</i> <a href="https://x.org/?a=1&amp;b=2">c</a> &lt;&gt;&amp;&quot; &#128512;'
    )
    assert html_problems(text) == []
    assert html_problems("😀" * 2048) == []


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("sendMesage", {"chat_id": 1, "text": "x"}, "unknown method sendMesage"),
        ("sendMessage", {"text": "x"}, "sendMessage: missing required parameter chat_id"),
        (
            "sendMessage",
            {"chat_id": 1, "text": "x", "colour": "red"},
            "sendMessage: unknown parameter colour",
        ),
        ("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": KEYBOARD}, "callback_data"),
        ("sendMessage", {"chat_id": 1, "text": "<p>x</p>", "parse_mode": "HTML"}, "tag <p>"),
        ("sendMessage", {"chat_id": True, "text": "x"}, "expected Integer"),
        (
            "answerInlineQuery",
            {"inline_query_id": "1", "results": [{"type": "article", "id": "1", "title": "t"}]},
            "missing field input_message_content",
        ),
    ],
)
def test_spec_checker_rejects(method: str, params: dict, problem: str) -> None:
    problems = request_problems(method, params)
    assert any(problem in p for p in problems), problems


def test_spec_checker_accepts_a_full_request() -> None:
    params = {
        "chat_id": -100,
        "text": "<b>x</b>",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
        "reply_parameters": {"message_id": 5, "allow_sending_without_reply": True},
        "reply_markup": {"inline_keyboard": [[{"text": "Next ›", "callback_data": "t:en:2:"}]]},
    }
    assert request_problems("sendMessage", params) == []
