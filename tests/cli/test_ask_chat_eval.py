"""`factbot ask`, `chat`, `eval`, `facts` on the shipped pack, as a user runs them."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli

ROOT = Path(__file__).resolve().parents[2]


def run(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ask_prints_answer_date_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["ask", "when", "was", "the", "strategic", "partnership", "signed"], capsys)
    assert code == 0
    assert "2009" in out
    assert "October 2009" in out
    assert "http" in out


def test_ask_json_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["ask", "--json", "When was the strategic partnership signed?"], capsys)
    record = json.loads(out)
    assert code == 0
    assert record["status"] == "answered"
    assert record["fact_id"] == "strategic-partnership"
    assert record["date"] == "2009-10-22"
    assert record["language"] == "en"
    assert record["source"]["url"].startswith("http")
    for key in ("question", "score", "answer", "date_text", "suggestions", "reason"):
        assert key in record


def test_batch_ask_reads_stdin_one_object_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "Когда Турция признала Казахстан?\n\nWhen did Turkey recognize Georgia?\nhello\n"
    code, out, _ = run(["ask", "--json"], capsys, lines, monkeypatch)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["status"] for r in records] == ["answered", "unknown", "unknown", "smalltalk"]
    assert records[0]["fact_id"] == "recognition"
    assert records[0]["language"] == "ru"
    assert records[1]["fact_id"] is None


def test_chat_json_keeps_context_and_resets_on_separator(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "What was the trade volume in 2012?\nand in 2019?\n---\nand in 2019?\n"
    code, out, _ = run(["chat", "--json"], capsys, lines, monkeypatch)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(records) == 3  # the separator prints nothing
    assert records[0]["fact_id"] == "trade-2012"
    assert records[1]["fact_id"] == "trade-2019-turkish-mfa"
    assert "2019" in records[1]["reason"]
    assert records[2]["status"] != "answered"


def test_eval_prints_sets_wrong_rate_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "- {set: a, q: 'When was the strategic partnership signed?',"
        " expect: [strategic-partnership]}\n"
        "- {set: a, q: 'When was the strategic partnership signed?', expect: [recognition]}\n"
        "- {set: b, q: 'What is the capital of France?', expect: []}\n",
        encoding="utf-8",
    )
    code, out, _ = run(["eval", str(questions)], capsys)
    assert code == 0
    assert "FAIL [a] 'When was the strategic partnership signed?'" in out
    assert re.search(r"set a\s+accuracy\s+50\.0% \(1/2\), wrong 1", out)
    assert re.search(r"set b\s+accuracy\s+100\.0% \(1/1\), wrong 0", out)
    assert "wrong-answer rate 33.3%" in out

    code, out, _ = run(["eval", str(questions), "--json"], capsys)
    report = json.loads(out)
    assert report["sets"]["a"] == {"correct": 1, "wrong": 1, "total": 2, "accuracy": 0.5}
    assert len(report["failures"]) == 1


def test_eval_of_a_missing_or_malformed_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["eval", str(tmp_path / "none.yaml")], capsys)[0] == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {set: a}\n", encoding="utf-8")
    code, _, err = run(["eval", str(bad)], capsys)
    assert code == 2
    assert "Traceback" not in err


def test_facts_json_lists_every_fact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["facts", "--json"], capsys)
    facts = json.loads(out)
    assert code == 0
    assert len(facts) >= 125
    ids = {fact["id"] for fact in facts}
    assert {"strategic-partnership", "trade-2012", "hlscc-2-2015"} <= ids
    assert all(fact["date"] or fact["as_of"] or fact.get("undated") for fact in facts)
    assert all(fact["sources"] and fact["sources"][0]["url"] for fact in facts)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([], capsys)[0] == 2
    assert run(["nonsense"], capsys)[0] == 2
    assert run(["ask"], capsys)[0] == 2


def test_python_dash_m_bot_is_the_same_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "2012 ticaret hacmi"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert (record["fact_id"], record["language"]) == ("trade-2012", "tr")


def test_readme_documents_every_subcommand() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    subcommands = next(
        action for action in parser._actions if action.__class__.__name__ == "_SubParsersAction"
    )
    for name in subcommands.choices:  # type: ignore[attr-defined]
        assert f"`factbot {name}" in readme, f"README does not document `factbot {name}`"


@pytest.mark.parametrize("before", [True, False])
def test_pack_folders_may_come_before_or_after_the_command(
    before: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folders = ["--intents", str(tmp_path / "missing")]
    command = ["ask", "trade volume"]
    args = [*folders, *command] if before else [command[0], *folders, command[1]]
    assert cli.main(args) == 1  # the missing folder was used, not the shipped pack
    assert "folder not found" in capsys.readouterr().err
