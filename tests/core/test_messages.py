"""Interface strings: four languages each, English fallback, placeholders filled."""

from __future__ import annotations

import re

import pytest

from bot.core.messages import _STRINGS, keys, message, pick_language
from bot.core.models import LANGUAGES


@pytest.mark.parametrize("key", sorted(keys()))
def test_every_string_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    placeholders = {
        language: set(re.findall(r"{(\w+)}", _STRINGS[key][language])) for language in LANGUAGES
    }
    assert set(_STRINGS[key]) == set(LANGUAGES)
    assert all(p == placeholders["en"] for p in placeholders.values())
    assert all(_STRINGS[key][language].strip() for language in LANGUAGES)


def test_fields_are_filled_and_unknown_language_falls_back_to_english() -> None:
    assert message("page", "ru", page=2, pages=5) == "Страница 2 из 5"
    assert message("thanks", "de") == "You're welcome!"


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("tr", "tr"),
        ("ru-RU", "ru"),
        ("kk", "kk"),
        ("KK_kz", "kk"),
        ("de", "en"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_pick_language(code: str | None, language: str) -> None:
    assert pick_language(code) == language
