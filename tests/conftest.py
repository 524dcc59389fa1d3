"""Settings for the whole test suite."""

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, never speed (timings live in benchmarks/): a busy 2-core CI
# machine must not turn a slow example into a failure.
settings.register_profile("factbot", deadline=None)
settings.load_profile("factbot")


@pytest.fixture(scope="session")
def pack_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pack cache for the session's commands (never the user's ~/.cache)."""
    return tmp_path_factory.mktemp("pack-cache")


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch: pytest.MonkeyPatch, pack_cache_dir: Path) -> None:
    monkeypatch.setenv("FACTBOT_CACHE_DIR", str(pack_cache_dir))
