"""Checks Bot API requests against the machine-readable specification (tests/data/botapi.json)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from tests.fakes.telegram_html import html_problems

SPEC_PATH = Path(__file__).resolve().parent.parent / "data" / "botapi.json"
_MUST_BE = re.compile(r"must be (\w+)")


@cache
def spec() -> dict[str, Any]:
    """The Bot API specification."""
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def decode_params(method: str, raw: dict[str, Any], *, form: bool) -> dict[str, Any]:
    """Request parameters as values: form fields hold JSON for everything but strings."""
    if not form:
        return dict(raw)
    fields = {f["name"]: f["types"] for f in spec()["methods"].get(method, {}).get("fields", [])}
    decoded: dict[str, Any] = {}
    for name, value in raw.items():
        types = fields.get(name, [])
        if types == ["String"] or not isinstance(value, str):
            decoded[name] = value
            continue
        try:
            decoded[name] = json.loads(value)
        except ValueError:
            decoded[name] = value
    return decoded


def request_problems(method: str, params: dict[str, Any]) -> list[str]:
    """Why `method(params)` violates the spec: unknown method or parameter, missing ones,
    wrong types, invalid HTML, oversized callback data or inline result ids."""
    described = spec()["methods"].get(method)
    if described is None:
        return [f"unknown method {method}"]
    fields = {f["name"]: f for f in described.get("fields", [])}
    problems = [f"{method}: unknown parameter {name}" for name in params if name not in fields]
    for name, field in fields.items():
        if field["required"] and name not in params:
            problems.append(f"{method}: missing required parameter {name}")
        elif name in params:
            problems += _value_problems(params[name], field["types"], f"{method}.{name}")
    problems += _content_problems(method, params)
    return problems


def _content_problems(method: str, params: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if params.get("parse_mode") == "HTML" and isinstance(params.get("text"), str):
        problems += [f"{method}.text: {p}" for p in html_problems(params["text"])]
    markup = params.get("reply_markup")
    if isinstance(markup, dict):
        problems += _keyboard_problems(markup, method)
    if method == "answerInlineQuery" and isinstance(params.get("results"), list):
        results = params["results"]
        ids = [r.get("id") for r in results if isinstance(r, dict)]
        if len(results) > 50:
            problems.append("answerInlineQuery: more than 50 results")
        if len(set(ids)) != len(ids):
            problems.append("answerInlineQuery: duplicate result ids")
        for result in results:
            if not isinstance(result, dict):
                continue
            if len(str(result.get("id", "")).encode()) > 64:
                problems.append("answerInlineQuery: result id longer than 64 bytes")
            content = result.get("input_message_content") or {}
            if content.get("parse_mode") == "HTML":
                text = content.get("message_text", "")
                problems += [f"inline result {result.get('id')}: {p}" for p in html_problems(text)]
            if isinstance(result.get("reply_markup"), dict):
                problems += _keyboard_problems(result["reply_markup"], method)
    return problems


def _keyboard_problems(markup: dict[str, Any], method: str) -> list[str]:
    problems = []
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                problems.append(f"{method}: callback_data {data!r} not 1-64 bytes")
            if not str(button.get("text", "")).strip():
                problems.append(f"{method}: button without text")
    return problems


def _value_problems(value: Any, types: list[str], where: str) -> list[str]:
    attempts = [_type_problems(value, name, where) for name in types]
    if any(not attempt for attempt in attempts):
        return []
    return min(attempts, key=len)


def _type_problems(value: Any, name: str, where: str) -> list[str]:
    if name.startswith("Array of "):
        if not isinstance(value, list):
            return [f"{where}: expected an array"]
        inner = name.removeprefix("Array of ")
        return [
            p
            for i, item in enumerate(value)
            for p in _value_problems(item, [inner], f"{where}[{i}]")
        ]
    scalar = {
        "String": lambda v: isinstance(v, str),
        "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "Boolean": lambda v: isinstance(v, bool),
        "InputFile": lambda v: isinstance(v, str),
    }
    if name in scalar:
        return [] if scalar[name](value) else [f"{where}: expected {name}, got {value!r:.40}"]
    described = spec()["types"].get(name)
    if described is None:
        return [f"{where}: unknown type {name}"]
    if "subtypes" in described:
        return _value_problems(value, described["subtypes"], where)
    if not isinstance(value, dict):
        return [f"{where}: expected a {name} object"]
    fields = {f["name"]: f for f in described.get("fields", [])}
    problems = [f"{where}: unknown field {key} of {name}" for key in value if key not in fields]
    for key, field in fields.items():
        if key not in value:
            if field["required"]:
                problems.append(f"{where}: missing field {key} of {name}")
            continue
        must = _MUST_BE.search(field.get("description", ""))
        if key == "type" and must and value[key] != must.group(1):
            problems.append(f"{where}: type {value[key]!r} is not {must.group(1)}")
        problems += _value_problems(value[key], field["types"], f"{where}.{key}")
    return problems
