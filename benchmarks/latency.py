"""Latency of the Responder per question, next to a naive rapidfuzz baseline in the same run.

    python benchmarks/latency.py                 # shipped pack, then 1,000 / 10,000 facts
    python benchmarks/latency.py --sizes 1000 10000 100000

For each pack it prints load and index time (the rules' index, then the index of the facts'
texts that the bot builds at start-up, `Responder.warm()`; and a next start of the same pack
from the pack cache, bot/core/packcache.py), each timed as the bot starts (bulk.lasting: no
collector while the pack is built, which it then sets aside), median and p99 per question for
factbot (first pass: cold caches; second pass: warm) and for `rapidfuzz.process.extractOne`
with WRatio over every example question (the naive baseline), their ratio, and the peak
memory (tracemalloc) of loading and indexing.
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

import yaml
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_pack import make_pack

from bot.config import default_pack_dirs
from bot.core.answers import Responder
from bot.core.bulk import lasting
from bot.core.gazetteer import foreign_places
from bot.core.loader import load_pack
from bot.core.packcache import PackCache
from bot.core.text import fold

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def shipped_questions() -> list[str]:
    """Every question of the development and tuning sets (four languages, in and out of scope)."""
    return [
        str(case["q"])
        for name in ("dev.yaml", "tune.yaml")
        for case in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    ]


def timed(function: Callable[[str], object], questions: list[str]) -> list[float]:
    """Per-question latencies in milliseconds, one pass."""
    samples = []
    for question in questions:
        start = time.perf_counter()
        function(question)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    """The 99th percentile."""
    return statistics.quantiles(samples, n=100)[98]


def describe(samples: list[float]) -> str:
    """Median and p99 of latencies."""
    return f"median {statistics.median(samples):7.3f} ms p99 {p99(samples):7.3f} ms"


def bench(label: str, knowledge: Path, intents: Path, questions: list[str]) -> None:
    """Load and index (timed, then again under tracemalloc for peak memory); time questions."""
    gc.collect()
    # As the bot starts (bot.cli, bot.tg.holder): the collector paused while the pack is
    # built, which is then set aside from its full passes (bulk.lasting), so that no full
    # pass over the pack lands in the build's time or in some question's.
    with lasting():
        start = time.perf_counter()
        kb = load_pack(knowledge, intents)
        loaded = time.perf_counter()
        responder = Responder(kb)
        indexed = time.perf_counter()
        responder.warm()  # what the bot does at start-up: the facts' text index
        warmed = time.perf_counter()
    examples = [ex for intent in kb.intents.values() for ex in intent.examples.get("en", ())]
    folded = [fold(example) for example in examples]

    def naive(question: str) -> object:
        return process.extractOne(fold(question), folded, scorer=fuzz.WRatio)

    cold = timed(responder.reply, questions)
    warm = timed(responder.reply, questions)
    base = timed(naive, questions)
    del responder, kb
    gc.unfreeze()
    gc.collect()
    with tempfile.TemporaryDirectory() as folder:
        PackCache(Path(folder)).responder(knowledge, intents)  # builds and stores it
        gc.collect()
        start_cached = time.perf_counter()
        with lasting():
            PackCache(Path(folder)).responder(knowledge, intents)  # the next start: read back
        cached = time.perf_counter() - start_cached
    gc.unfreeze()
    gc.collect()
    tracemalloc.start()
    Responder(load_pack(knowledge, intents)).warm()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label}: {len(questions)} questions | load {loaded - start:5.2f} s, index "
        f"{indexed - loaded:5.2f} s + text index {warmed - indexed:5.2f} s = "
        f"{warmed - start:5.2f} s; next start from the pack cache {cached:5.2f} s; "
        f"peak {peak / 2**20:6.1f} MiB (tracemalloc)\n"
        f"    factbot first pass   {describe(cold)}\n"
        f"    factbot second pass  {describe(warm)}\n"
        f"    naive extractOne     {describe(base)}\n"
        f"    ratio naive/factbot (median, first pass) "
        f"{statistics.median(base) / statistics.median(cold):5.1f}x"
    )


def synthetic_questions(intents_text: str, count: int, seed: int = 3) -> list[str]:
    """Questions over a synthetic pack: its example questions, a third with a typo."""
    rng = random.Random(seed)
    lines = [line.split("- ", 1)[1] for line in intents_text.splitlines() if "When was the" in line]
    picked = rng.sample(lines, min(count, len(lines)))
    return [q if i % 3 else q.replace("a", "", 1) for i, q in enumerate(picked)] + ["hello"]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    args = parser.parse_args(argv)
    knowledge, intents = default_pack_dirs()
    # The gazetteer (CLDR, ISO, GeoNames) is built once per process, whatever the pack.
    start = time.perf_counter()
    foreign_places()
    print(f"gazetteer (once per process): {time.perf_counter() - start:5.2f} s")
    bench("shipped pack", knowledge, intents, shipped_questions())
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_pack(size, Path(tmp))
            text = (Path(tmp) / "intents" / "synthetic.yaml").read_text(encoding="utf-8")
            questions = synthetic_questions(text, 200)
            bench(f"{size} facts", Path(tmp) / "knowledge", Path(tmp) / "intents", questions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
