"""Time to load (parse, validate, freeze) a knowledge pack, shipped and synthetic.

    python benchmarks/load.py                    # shipped pack, then 1,000 / 10,000 facts
    python benchmarks/load.py --sizes 10000 --runs 5

Prints the best wall-clock and CPU time of several runs per pack. CPU time is the fairer
number on a shared machine: wall time also counts waiting for other processes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_pack import make_pack  # the benchmark folder is not a package

from bot.config import default_pack_dirs
from bot.core.loader import load_pack


def best_of(runs: int, knowledge: Path, intents: Path) -> tuple[float, float, int]:
    """Best wall and CPU seconds of `runs` loads, and the number of facts."""
    walls, cpus, facts = [], [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        kb = load_pack(knowledge, intents)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        facts = len(kb.facts)
    return min(walls), min(cpus), facts


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per pack."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    packs = [("shipped", *default_pack_dirs())]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            out = Path(tmp) / str(size)
            make_pack(size, out)
            packs.append((f"{size} facts", out / "knowledge", out / "intents"))
        for name, knowledge, intents in packs:
            wall, cpu, facts = best_of(args.runs, knowledge, intents)
            print(f"{name:>14}: {facts:6d} facts  wall {wall:6.3f} s  cpu {cpu:6.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
