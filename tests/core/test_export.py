"""`factbot facts --json` records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import cli
from bot.core.export import facts_json
from tests.fakes.pack import Pack


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    return Pack.create(tmp_path)


def test_facts_json_records(pack: Pack) -> None:
    pack.edit(
        "knowledge/visits.yaml",
        "    people: [erdogan]\n",
        "    people: [erdogan]\n"
        "    figures:\n"
        "      - {value: 3.1, unit: billion USD, label: total}\n"
        "    conflicts_with:\n"
        "      - {fact: key-partner, note: Another source.}\n",
    )
    visit, partner = facts_json(pack.load())
    assert visit == {
        "id": "erdogan-visit-2012",
        "topic": "visits",
        "answer": "Prime Minister Erdoğan visited Kazakhstan on 22-24 May 2012.",
        "answers": {
            "en": "Prime Minister Erdoğan visited Kazakhstan on 22-24 May 2012.",
            "tr": "Başbakan Erdoğan 22-24 Mayıs 2012'de Kazakistan'ı ziyaret etti.",
            "ru": "Премьер-министр Эрдоган посетил Казахстан 22-24 мая 2012 года.",
            "kk": "Премьер-министр Ердоған 2012 жылғы 22-24 мамырда Қазақстанға барды.",
        },
        "date": "2012-05-22/2012-05-24",
        "date_precision": "range",
        "as_of": None,
        "undated": False,
        "about": None,
        "date_text": "22–24 May 2012",
        "sources": [
            {
                "id": "mfa-2013",
                "publisher": "Example Ministry of Foreign Affairs",
                "title": "Relations between the two countries",
                "url": "https://example.org/relations",
                "published": "2013",
                "published_estimate": True,
            }
        ],
        "figures": [{"value": 3.1, "unit": "billion USD", "label": "total"}],
        "conflicts_with": [{"fact": "key-partner", "note": "Another source."}],
        "languages": ["en", "tr", "ru", "kk"],
        "disputed": False,
    }
    assert partner["date"] is None
    assert partner["date_precision"] is None
    assert partner["as_of"] == "2013"
    assert partner["date_text"] == "as of 2013"


def test_facts_json_day_precision_and_undated(pack: Pack) -> None:
    pack.edit("knowledge/visits.yaml", 'date: "2012-05-22/2012-05-24"', 'date: "2012-05-22"')
    pack.edit("knowledge/visits.yaml", 'as_of: "2013"', "as_of: undated")
    visit, partner = facts_json(pack.load())
    assert (visit["date"], visit["date_precision"]) == ("2012-05-22", "day")
    assert (partner["as_of"], partner["undated"], partner["date_text"]) == (None, True, "undated")


def test_facts_command_prints_the_json_array(
    pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([*pack.cli_args("facts"), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [record["id"] for record in records] == ["erdogan-visit-2012", "key-partner"]
