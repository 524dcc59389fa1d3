"""`factbot check`: exit 0 for a valid pack, 1 with `path:line:col: message` lines, 2 for usage."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import cli
from tests.fakes.pack import Pack


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    created = Pack.create(tmp_path)
    # `check` also wants every fact reachable: give the pack's second fact an intent.
    intents = tmp_path / "intents" / "visits.yaml"
    intents.write_text(
        intents.read_text(encoding="utf-8")
        + "  - id: key-partner\n    facts: [key-partner]\n    keywords:\n      - [partner]\n",
        encoding="utf-8",
    )
    return created


def test_valid_pack_exits_0(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(pack.cli_args("check")) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "knowledge pack OK" in captured.err


def test_data_errors_exit_1_with_one_line_each(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    pack.edit("knowledge/visits.yaml", 'as_of: "2013"', 'as_of: "2013-02-30"')
    pack.edit("knowledge/sources.yaml", "https://example.org/relations", "ftp://example.org")
    pack.edit("intents/visits.yaml", "[$turkey]", "[$turkiye]")

    assert cli.main(pack.cli_args("check")) == 1

    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "intents/visits.yaml:7:10: intent 'erdogan-visit': unknown alias '$turkiye' "
        "(did you mean '$turkey'?)",
        "knowledge/sources.yaml:5:10: source 'mfa-2013': url 'ftp://example.org' "
        "is not an http(s) address",
        "knowledge/visits.yaml:19:12: fact 'key-partner': as_of '2013-02-30' is not a valid "
        "date: 2013-02 has days 1 to 28",
    ]
    assert "3 problem(s) found." in captured.err


def test_syntax_error_exits_1(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    pack.write("intents/visits.yaml", "intents:\n  - id: [x\n")
    assert cli.main(pack.cli_args("check")) == 1
    assert capsys.readouterr().out.startswith("intents/visits.yaml:3:1: YAML syntax error: ")


def test_missing_folder_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "--knowledge", str(tmp_path / "k"), "--intents", str(tmp_path / "i")]
    assert cli.main(args) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"i:1:1: folder not found: {tmp_path / 'i'}",
        f"k:1:1: folder not found: {tmp_path / 'k'}",
    ]


def test_usage_error_exits_2(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*pack.cli_args("check"), "--no-such-flag"]) == 2
    assert "unrecognized arguments: --no-such-flag" in capsys.readouterr().err


def test_example_problems_are_placed_on_the_example_line(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    pack.edit(
        "intents/visits.yaml",
        "      - [$turkey]\n",
        "      - [$turkey]\n    examples:\n"
        '      en: ["When did Erdogan visit Turkey?", "weather"]\n',
    )
    assert cli.main(pack.cli_args("check")) == 1
    assert capsys.readouterr().out.splitlines() == [
        "intents/visits.yaml:9:46: intent 'erdogan-visit': example 'weather' "
        "not answered (best score 0.0)"
    ]


def test_facts_no_intent_reaches_are_reported(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    pack.edit("intents/visits.yaml", "facts: [key-partner]", "facts: [erdogan-visit-2012]")
    assert cli.main(pack.cli_args("check")) == 1
    out = capsys.readouterr().out
    assert "fact 'key-partner': no intent reaches it" in out


def test_facts_command_on_an_invalid_pack_exits_1(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    pack.edit("knowledge/visits.yaml", 'as_of: "2013"', 'as_of: "2013-13"')
    assert cli.main(pack.cli_args("facts")) == 1
    err = capsys.readouterr().err
    assert "knowledge/visits.yaml:19:12: fact 'key-partner': as_of '2013-13'" in err
    assert "1 problem(s)" in err
