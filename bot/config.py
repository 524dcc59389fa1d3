"""Settings, read once from the environment and command-line flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_pack_dirs() -> tuple[Path, Path]:
    """The shipped knowledge and intents folders (inside the wheel, or in a source checkout)."""
    installed = _PACKAGE_DIR / "_data"
    if (installed / "knowledge").is_dir():
        return installed / "knowledge", installed / "intents"
    checkout = _PACKAGE_DIR.parent
    return checkout / "knowledge", checkout / "intents"


def default_data_dir(env: Mapping[str, str]) -> Path:
    """Where the bot keeps its SQLite database unless FACTBOT_DATA_DIR says otherwise."""
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "factbot"


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """Where built packs are kept unless FACTBOT_CACHE_DIR says otherwise."""
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factbot"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, fixed for the life of the process."""

    knowledge_dir: Path
    intents_dir: Path
    data_dir: Path
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    port: int = 8443
    listen: str = "0.0.0.0"  # webhook mode must be reachable from outside a container
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    http_timeout: float = 10.0
    """Seconds before a Bot API request counts as timed out (then it is retried)."""
    poll_timeout: int = 30
    """Seconds one long-polling getUpdates call may wait for updates."""
    feedback_buttons: bool = True
    """Show 👍/👎 under answers in private chats (FACTBOT_FEEDBACK_BUTTONS=0 turns them off)."""
    retention_days: int = 180
    """Unanswered questions and counters older than this many days are forgotten."""
    retention_rows: int = 50_000
    """At most this many unanswered questions are kept (the oldest go first)."""
    cache_dir: Path | None = None
    """Where built packs are kept for a faster next start; None keeps none."""

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str],
        *,
        knowledge_dir: str | None = None,
        intents_dir: str | None = None,
    ) -> Settings:
        """Build settings from environment variables, flags taking precedence."""
        shipped_knowledge, shipped_intents = default_pack_dirs()
        knowledge = knowledge_dir or env.get("FACTBOT_KNOWLEDGE_DIR")
        intents = intents_dir or env.get("FACTBOT_INTENTS_DIR")
        data_dir = env.get("FACTBOT_DATA_DIR")
        return cls(
            knowledge_dir=Path(knowledge) if knowledge else shipped_knowledge,
            intents_dir=Path(intents) if intents else shipped_intents,
            data_dir=Path(data_dir) if data_dir else default_data_dir(env),
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
            webhook_url=env.get("FACTBOT_WEBHOOK_URL") or None,
            webhook_secret=env.get("FACTBOT_WEBHOOK_SECRET") or None,
            port=_int(env.get("FACTBOT_PORT"), 8443),
            listen=env.get("FACTBOT_LISTEN") or "0.0.0.0",  # see above
            admin_ids=_ids(env.get("FACTBOT_ADMIN_IDS", "")),
            log_level=(env.get("FACTBOT_LOG_LEVEL") or "INFO").upper(),
            http_timeout=_float(env.get("FACTBOT_HTTP_TIMEOUT"), 10.0),
            poll_timeout=_int(env.get("FACTBOT_POLL_TIMEOUT"), 30),
            feedback_buttons=_flag(env.get("FACTBOT_FEEDBACK_BUTTONS"), True),
            retention_days=max(1, _int(env.get("FACTBOT_RETENTION_DAYS"), 180)),
            retention_rows=max(1, _int(env.get("FACTBOT_RETENTION_ROWS"), 50_000)),
            cache_dir=_cache_dir(env),
        )


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    """FACTBOT_CACHE_DIR, the default when unset, None when set empty (no cache)."""
    if "FACTBOT_CACHE_DIR" not in env:
        return default_cache_dir(env)
    value = env["FACTBOT_CACHE_DIR"].strip()
    return Path(value) if value else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _float(text: str | None, default: float) -> float:
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if value > 0 else default


def _flag(text: str | None, default: bool) -> bool:
    value = (text or "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return default


def _ids(text: str) -> frozenset[int]:
    return frozenset(
        int(part) for part in text.replace(" ", "").split(",") if part.lstrip("-").isdigit()
    )


def environment() -> Mapping[str, str]:
    """The process environment (read at the edge, never at import time)."""
    return os.environ
