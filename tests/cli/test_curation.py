"""`factbot unanswered`, `factbot feedback` and `factbot stale`: the curators' reports."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bot import cli
from bot.config import default_pack_dirs
from bot.core.answers import Responder
from bot.core.loader import load_pack
from bot.store import Store, database_path, normalised
from tests.fakes.pack import COMMON, INTENTS, VISITS, Pack

QUESTIONS = [
    ("What is the capital of Peru?", "private"),
    ("what is the capital of peru", "group"),
    ("What's the capital of Peru?", "inline"),
    ("When did Turkey recognize Georgia?", "private"),
    ("When did Turkey recognise Georgia", "supergroup"),
    ("Türkiye Gürcistan'ı ne zaman tanıdı?", "private"),
    ("Есть ли у Турции дипломатические отношения с Арменией?", "channel"),
    ("who invented the telephone", "private"),
    ("When did Yerkebulan Sapiyev first come to Turkey?", "private"),
    ("When was the strategic partnership signed?", "private"),
    ("When did Turkey recognize Kazakhstan's independence?", "group"),
    ("hello", "private"),
]


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_pack(*default_pack_dirs()))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("FACTBOT_DATA_DIR", str(folder))
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_unanswered_json_reports_what_the_real_bot_could_not_answer(
    responder: Responder, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = [(responder.reply(question), chat) for question, chat in QUESTIONS]
    with Store.in_dir(data_dir) as store:
        for reply, chat in replies:
            store.record_question(reply, chat)

    code, out, _ = run(capsys, "unanswered", "--json")

    assert code == 0
    groups = json.loads(out)
    missed = [(r, chat) for r, chat in replies if r.status in ("unknown", "suggest")]
    answered = [r for r, _ in replies if r.status == "answered"]
    assert answered, "the shipped pack answers the strategic partnership question"
    assert sum(group["count"] for group in groups) == len(missed)
    reported = Counter(v for group in groups for v in group["variants"])
    assert set(reported) == {normalised(r.question) for r, _ in missed}
    for reply in answered:
        assert normalised(reply.question) not in reported
    counts = [group["count"] for group in groups]
    assert counts == sorted(counts, reverse=True)

    # Out-of-scope questions are never answered; their wordings group together.
    def group_of(question: str) -> dict[str, object]:
        text = normalised(question)
        return next(group for group in groups if text in group["variants"])

    peru = group_of("What is the capital of Peru?")
    assert peru["count"] == 3 and peru == group_of("What's the capital of Peru?")
    assert peru["chat_types"] == {"group": 1, "inline": 1, "private": 1}
    georgia = group_of("When did Turkey recognize Georgia?")
    assert georgia == group_of("When did Turkey recognise Georgia")
    assert georgia["chat_types"] == {"group": 1, "private": 1}
    assert georgia["languages"] == {"en": 2}

    # A question answered with suggestions keeps its best candidate and score.
    for reply, _ in missed:
        group = group_of(reply.question)
        if reply.status == "suggest" and group["count"] == 1:
            best = reply.suggestions[0]
            assert (group["fact_id"], group["score"]) == (best.fact_id, round(best.score, 1))
        if reply.status == "unknown" and group["count"] == 1:
            assert group["fact_id"] is None


def test_unanswered_text_output(
    responder: Responder, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.in_dir(data_dir) as store:
        for question in (
            "What is the capital of Peru?",
            "what's the capital of peru",
            "WHAT IS THE CAPITAL OF PERU?",
        ):
            store.record_question(responder.reply(question), "private")

    code, out, err = run(capsys, "unanswered", "--since", "7")

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "    3  what is the capital of peru?"
    assert lines[1].startswith("       languages en 3; chats private 3")
    assert "3 question(s) in 1 group(s), last 7 day(s)" in err


def test_feedback_reports_votes_most_down_first(
    responder: Responder, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partnership = responder.reply("When was the strategic partnership signed?")
    recognition = responder.reply("When did Turkey recognize Kazakhstan's independence?")
    assert partnership.fact is not None and recognition.fact is not None
    with Store.in_dir(data_dir) as store:
        store.record_feedback(partnership.fact.id, helpful=True)
        store.record_feedback(partnership.fact.id, helpful=True)
        store.record_feedback(recognition.fact.id, helpful=False)
        store.record_feedback(recognition.fact.id, helpful=True)

    code, out, _ = run(capsys, "feedback", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"fact_id": recognition.fact.id, "up": 1, "down": 1},
        {"fact_id": partnership.fact.id, "up": 2, "down": 0},
    ]

    code, out, err = run(capsys, "feedback")
    assert code == 0
    header, first, second = out.splitlines()
    assert header.split() == ["fact", "down", "up"]
    assert first.split() == [recognition.fact.id, "1", "1"]
    assert second.split() == [partnership.fact.id, "0", "2"]
    assert "2 fact(s) with feedback" in err


def test_without_a_database_the_reports_are_empty(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("unanswered", "feedback"):
        code, out, err = run(capsys, command, "--json")
        assert (code, json.loads(out)) == (0, [])
        assert f"no database at {database_path(data_dir)}" in err
    assert not data_dir.exists(), "reading must not create the data directory"


def test_a_damaged_database_exits_1_with_a_message(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    code, out, err = run(capsys, "unanswered")
    assert (code, out) == (1, "")
    assert err.startswith("factbot: ") and "not a database" in err
    assert "Traceback" not in err


def test_bad_since_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "unanswered", "--since", "0")
    assert code == 2
    assert "--since" in err


# --- stale ------------------------------------------------------------------------------------

TODAY = date.today()
OLD, RECENT = TODAY.year - 10, TODAY.year - 2

SOURCES = f"""\
sources:
  - id: mfa-old
    publisher: Example Ministry of Foreign Affairs
    title: Relations between the two countries
    url: https://example.org/relations
    published: "{OLD}"
    published_estimate: true
    language: en
  - id: stats-recent
    publisher: Example Statistics Office
    title: Foreign trade
    url: https://example.org/trade
    published: "{RECENT}-03-01"
    published_estimate: false
    language: en
  - id: news-old
    publisher: Example News
    title: Trade report
    url: https://example.org/news
    published: "{OLD}-06"
    published_estimate: false
    language: en
"""


def _trade(fact_id: str, year: int, source: str) -> str:
    return f"""\
  - id: {fact_id}
    topic: trade
    answer:
      en: Trade was 1 billion dollars in {year}.
      tr: Ticaret {year} yılında 1 milyar dolardı.
      ru: Товарооборот в {year} году составил 1 млрд долларов.
      kk: {year} жылы сауда 1 млрд доллар болды.
    as_of: "{year}"
    sources: [{source}]
"""


TRADE_INTENTS = """\
  - id: trade-volume
    facts: [trade-old, trade-recent]
    default: latest
    keywords:
      - [trade, ticaret]
  - id: trade-old-only
    facts: [trade-older-report]
    keywords:
      - [report]
"""


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    pack = Pack.create(tmp_path / "pack")
    pack.write("knowledge/sources.yaml", SOURCES)
    pack.write("knowledge/visits.yaml", VISITS.replace("mfa-2013", "mfa-old"))
    pack.write(
        "knowledge/trade.yaml",
        "facts:\n"
        + _trade("trade-old", OLD - 1, "news-old")
        + _trade("trade-recent", RECENT, "stats-recent")
        + _trade("trade-older-report", OLD - 2, "news-old"),
    )
    pack.write("intents/visits.yaml", INTENTS + TRADE_INTENTS)
    pack.write("intents/common.yaml", COMMON)
    assert pack.errors() == []
    return pack


def test_stale_lists_old_facts_but_not_figures_with_newer_values(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *pack.cli_args("stale"), "--json")

    assert code == 0
    stale = json.loads(out)
    # trade-old has a newer value in its family (trade-recent), so it is not stale;
    # trade-recent's source is about two years old; the rest rely on ten-year-old sources.
    assert [item["fact_id"] for item in stale] == [
        "trade-older-report",
        "erdogan-visit-2012",
        "key-partner",
    ]
    assert stale[0]["source"] == {
        "id": "news-old",
        "published": f"{OLD}-06",
        "published_estimate": False,
    }
    assert stale[1]["date"] == "2012-05-22/2012-05-24"


def test_stale_years_moves_the_cut_off(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *pack.cli_args("stale"), "--years", "11")
    assert (code, out) == (0, "")
    assert "0 fact(s) with sources older than 11 year(s)" in err

    code, out, _ = run(capsys, *pack.cli_args("stale"), "--years", "1")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == [
        "trade-older-report",
        "erdogan-visit-2012",
        "key-partner",
        "trade-recent",
    ]
    assert out.splitlines()[1] == f"{OLD}        erdogan-visit-2012  source mfa-old (estimated)"


def test_stale_on_a_broken_pack_exits_1(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    pack.edit("knowledge/trade.yaml", "sources: [stats-recent]", "sources: [missing]")
    code, _, err = run(capsys, *pack.cli_args("stale"))
    assert code == 1
    assert "missing" in err
