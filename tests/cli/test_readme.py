"""The README tells the truth: every environment variable the code reads is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "bot").rglob("*.py"))
    used = set(re.findall(r"\b(?:FACTBOT|TELEGRAM)_[A-Z_]+\b", code))
    assert used, "no environment variables found: the pattern is wrong"
    missing = sorted(name for name in used if f"`{name}`" not in readme)
    assert missing == []


def test_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)
    assert len(commands) == 2
    assert "factbot ask" in commands[0]
    assert "pytest" in commands[1]
