"""Write a synthetic knowledge pack of N facts with their intents, for benchmarks.

    python benchmarks/make_pack.py --facts 10000 /tmp/pack
    factbot --knowledge /tmp/pack/knowledge --intents /tmp/pack/intents ask "..."

Each fact gets a made-up subject of three pseudo-words; its intent requires the subject's two
rarest words and boosts the third, so questions look like the real ones in shape and the
vocabulary grows with the pack the way a real one would.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

SYLLABLES = [
    "ka",
    "za",
    "kh",
    "ta",
    "ri",
    "ne",
    "mo",
    "lu",
    "pa",
    "se",
    "vi",
    "do",
    "ra",
    "ko",
    "tu",
    "ny",
    "ba",
    "le",
    "mi",
    "so",
    "ar",
    "en",
    "ul",
    "ot",
    "ik",
    "zan",
    "tor",
    "mek",
    "bay",
    "sul",
    "dar",
    "kan",
    "tem",
    "gul",
    "bek",
    "nur",
    "ast",
    "aly",
    "tash",
    "kent",
]
SHIPPED = Path(__file__).resolve().parents[1]


def pseudo_word(rng: random.Random) -> str:
    """A pronounceable made-up word of two to four syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_pack(facts: int, out: Path, seed: int = 7) -> None:
    """Write OUT/knowledge and OUT/intents for `facts` synthetic facts."""
    rng = random.Random(seed)
    knowledge, intents = out / "knowledge", out / "intents"
    knowledge.mkdir(parents=True, exist_ok=True)
    intents.mkdir(parents=True, exist_ok=True)
    sources = [
        {
            "id": f"source-{n}",
            "publisher": f"Publisher {n}",
            "title": f"Synthetic report {n}",
            "url": f"https://example.org/report/{n}",
            "published": str(2000 + n % 25),
            "published_estimate": False,
            "language": "en",
        }
        for n in range(max(1, facts // 50))
    ]
    fact_rows, intent_rows = [], []
    for n in range(facts):
        subject = [pseudo_word(rng) for _ in range(3)]
        year = 1992 + n % 34
        fact_id = f"fact-{n:06d}"
        text = " ".join(subject)
        fact_rows.append(
            {
                "id": fact_id,
                "topic": "synthetic",
                "answer": {
                    "en": f"The {text} agreement was signed in {year}.",
                    "tr": f"{text} anlaşması {year} yılında imzalandı.",
                    "ru": f"Соглашение {text} подписано в {year} году.",
                    "kk": f"{text} келісіміне {year} жылы қол қойылды.",
                },
                "date": str(year),
                "sources": [sources[n % len(sources)]["id"]],
            }
        )
        intent_rows.append(
            {
                "id": f"intent-{n:06d}",
                "facts": [fact_id],
                "keywords": [[subject[0]], [subject[1]]],
                "boost": [subject[2], "agreement", "signed"],
                "examples": {"en": [f"When was the {text} agreement signed?"]},
            }
        )
    dump(knowledge / "sources.yaml", {"sources": sources})
    dump(knowledge / "synthetic.yaml", {"facts": fact_rows})
    dump(intents / "synthetic.yaml", {"intents": intent_rows})
    common = SHIPPED / "intents" / "common.yaml"
    if common.exists():
        shutil.copy(common, intents / "common.yaml")
        # The shipped featured intents do not exist in a synthetic pack.
        data = yaml.safe_load(common.read_text(encoding="utf-8"))
        data["featured"] = [row["id"] for row in intent_rows[:3]]
        data["unanswerable"] = _expanded(data.get("unanswerable", []))
        data["framing"] = _expanded(data.get("framing", []))
        data["uncovered"] = _expanded(data.get("uncovered", []))
        dump(intents / "common.yaml", data)


def _expanded(entries: list[str]) -> list[str]:
    """The entries with each `$alias` written out: its list may be defined in another file of
    the shipped pack, which a synthetic pack does not have."""
    aliases: dict[str, list[str]] = {}
    for path in sorted((SHIPPED / "intents").glob("*.yaml")):
        aliases.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("aliases") or {})
    found: list[str] = []
    for entry in entries:
        found.extend(aliases.get(entry[1:], []) if entry.startswith("$") else [entry])
    return found


def dump(path: Path, data: object) -> None:
    """Write YAML the way curators do: UTF-8, block style, 2-space indent."""
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, required=True, help="number of facts")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument("out", type=Path, help="output folder")
    args = parser.parse_args(argv)
    if args.facts < 1:
        parser.error("--facts must be at least 1")
    make_pack(args.facts, args.out, args.seed)
    print(
        f"wrote {args.facts} facts to {args.out}/knowledge and {args.out}/intents", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
