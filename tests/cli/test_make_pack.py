"""The synthetic pack generator of the contract: its packs load and answer like any other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.core.answers import Responder
from bot.core.loader import load_pack

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_pack.py"


def test_make_pack_writes_a_pack_every_command_can_load(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--facts", "40", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "wrote 40 facts" in done.stderr
    kb = load_pack(tmp_path / "knowledge", tmp_path / "intents")
    assert len(kb.facts) == 40
    # Its example questions reach their facts, as the shipped pack's do.
    responder = Responder(kb)
    intent = next(iter(kb.intents.values()))
    reply = responder.reply(intent.examples["en"][0])
    assert reply.status == "answered"
    assert reply.fact is not None and reply.fact.id in intent.facts
