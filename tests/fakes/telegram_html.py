"""Telegram's HTML parse mode, as a checker: allowed tags, escaping, nesting, length."""

from __future__ import annotations

import html
from html.parser import HTMLParser

MAX_TEXT = 4096

_ALLOWED: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "span": frozenset({"class"}),
    "tg-spoiler": frozenset(),
    "a": frozenset({"href"}),
    "tg-emoji": frozenset({"emoji-id"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
}
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED:
            self.problems.append(f"tag <{tag}> is not allowed")
            return
        for name, value in attrs:
            if name not in _ALLOWED[tag]:
                self.problems.append(f"attribute {name!r} not allowed on <{tag}>")
            if tag == "span" and value != "tg-spoiler":
                self.problems.append("<span> needs class=tg-spoiler")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> without href")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/> is not allowed")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close the open tag {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                self.problems.append(f"unescaped {char!r} in text")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _ENTITIES:
            self.problems.append(f"unsupported entity &{name};")
        self.visible.append(_ENTITIES.get(name, "?"))

    def handle_charref(self, name: str) -> None:
        self.visible.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.problems.append("comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declarations are not allowed")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instructions are not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("unknown declarations are not allowed")


def html_problems(text: str) -> list[str]:
    """Why Telegram would reject `text` in HTML parse mode (empty list when it is fine)."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.rawdata:
        checker.problems.append(f"unparsed trailing text {checker.rawdata[:20]!r}")
    if checker.stack:
        checker.problems.append(f"unclosed tags {checker.stack}")
    visible = "".join(checker.visible)
    if not visible.strip():
        checker.problems.append("message text is empty")
    if len(visible.encode("utf-16-le", "surrogatepass")) // 2 > MAX_TEXT:
        checker.problems.append(f"text longer than {MAX_TEXT} characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        checker.problems.append("text is not valid UTF-8 (lone surrogate)")
    return checker.problems


def visible_text(text: str) -> str:
    """What the user sees of an HTML text (tags dropped, entities decoded)."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    return "".join(checker.visible)
