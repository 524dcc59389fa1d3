"""Latency of the Responder per question, next to a naive rapidfuzz baseline in the same run.

    python benchmarks/latency.py                 # shipped pack, then 1,000 / 10,000 facts
    python benchmarks/latency.py --sizes 1000 10000 100000

For each pack it prints load+index time, median and p99 per question for factbot and for
`rapidfuzz.process.extractOne` over every example question (the naive baseline), their
ratio, and the peak memory (tracemalloc) of loading and indexing.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_pack import make_pack

from bot.config import default_pack_dirs
from bot.core.answers import Responder
from bot.core.loader import load_pack
from bot.core.text import fold

SHIPPED_QUESTIONS = [
    "When was the strategic partnership signed?",
    "trade volume 2012",
    "Türkiye Kazakistan'ı ne zaman tanıdı?",
    "Когда подписали стратегическое партнерство?",
    "second HLSCC meeting",
    "When did Turkey recognize Georgia?",
    "hello",
    "what was the trade volume between turkey and kazakhstan in 2019",
    "Tokayev state visit to Turkey 2022",
    "Who is the Turkish ambassador to Kazakhstan?",
]


def timed(function: Callable[[str], object], questions: list[str], rounds: int) -> list[float]:
    """Per-question latencies in milliseconds over `rounds` passes."""
    samples = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter()
            function(question)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    """The 99th percentile."""
    return statistics.quantiles(samples, n=100)[98]


def bench(label: str, knowledge: Path, intents: Path, questions: list[str], rounds: int) -> None:
    """Load, index and time one pack."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    kb = load_pack(knowledge, intents)
    responder = Responder(kb)
    load_s = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    responder.reply("warm up")
    examples = [ex for intent in kb.intents.values() for ex in intent.examples.get("en", ())]
    folded = [fold(example) for example in examples]

    def naive(question: str) -> object:
        return process.extractOne(fold(question), folded, scorer=fuzz.WRatio)

    ours = timed(responder.reply, questions, rounds)
    base = timed(naive, questions, max(1, rounds // 10) if len(examples) > 5000 else rounds)
    print(
        f"{label:>14}: facts {len(kb.facts):>6}  load+index {load_s:6.2f} s  "
        f"peak {peak / 2**20:6.1f} MiB | factbot median {statistics.median(ours):6.3f} ms "
        f"p99 {p99(ours):6.3f} ms | naive extractOne median {statistics.median(base):7.3f} ms "
        f"p99 {p99(base):7.3f} ms | ratio (naive/factbot median) "
        f"{statistics.median(base) / statistics.median(ours):6.1f}x"
    )


def synthetic_questions(knowledge_text: str, count: int, seed: int = 3) -> list[str]:
    """Questions over a synthetic pack: its example questions, some with a typo."""
    rng = random.Random(seed)
    lines = [
        line.split("- ", 1)[1] for line in knowledge_text.splitlines() if "When was the" in line
    ]
    picked = rng.sample(lines, min(count, len(lines)))
    return [q if i % 3 else q.replace("a", "", 1) for i, q in enumerate(picked)] + ["hello"]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    knowledge, intents = default_pack_dirs()
    bench("shipped", knowledge, intents, SHIPPED_QUESTIONS, args.rounds)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_pack(size, Path(tmp))
            text = (Path(tmp) / "intents" / "synthetic.yaml").read_text(encoding="utf-8")
            questions = synthetic_questions(text, 50)
            bench(f"{size} facts", Path(tmp) / "knowledge", Path(tmp) / "intents", questions, 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
