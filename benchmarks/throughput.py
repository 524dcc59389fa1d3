"""Throughput of the whole bot: 10,000 updates from 1,000 chats through a local Bot API server.

    python benchmarks/throughput.py                          # concurrent_updates 64 (ours)
    python benchmarks/throughput.py --concurrency 1 8 64 256 # the sweep behind that choice
    python benchmarks/throughput.py --updates 2000 --chats 200 --paced-rate 0   # quick look
    python benchmarks/throughput.py --floor      # also an echo bot: the framework's own cost
    python benchmarks/throughput.py --no-store   # without the curators' database
    python benchmarks/throughput.py --profile out.prof   # cProfile of the bot process

The real Application (`build_application`, the shipped pack, the curators' database in a
temporary folder, `runner.serve` with long polling) answers updates served by the fake Bot
API server of the tests (tests/fakes/botapi.py). The server runs in a child process, so the
bot's process spends its CPU on the bot only; both read the same monotonic clock.

Telegram's rate limits are switched off (`Tuning(rate_limit=False)`): the point is how fast
the bot itself is, to show that Telegram's ~30 messages per second, not the bot, is the limit.
Flood control stays on as deployed (10 questions per chat stay under its 20 a minute).

Phases, per `concurrent_updates` value:
  warm-up  200 updates (not measured): first-use costs out of the way.
  burst    every update queued at once; updates per second = updates / (last reply - first
           injection). Latencies here include waiting in the queue behind the burst.
  paced    `--paced-updates` (3,000) updates injected at `--paced-rate` per second (default
           100, over 3x what Telegram lets a bot send): latency from injection to the reply
           recorded by the server under a steady load below the bot's capacity.

Checks: every question update gets exactly one sendMessage in reply and every inline query
exactly one answerInlineQuery (none lost, none duplicated), and no request violates the Bot
API spec. The database's reply count is printed too (small talk is not counted); the burst ends when
the database writer has written its last record, if that comes after the last reply.

Why concurrent_updates matters (bot/tg/app.py): the Application uses ChatOrderedProcessor,
which runs up to `max_concurrent_updates` (Tuning, 64) updates at once but one chat's updates
in order (a follow-up must see the question before it). A handler spends most of its wall
time waiting for sendMessage, so the slots needed are (replies per second) x (round-trip
time), Little's law: Telegram's 30 msg/s at a 100-300 ms round trip needs 3-9, and a 429
retry_after or a slow request holds its slot for seconds. On loopback (a 1-2 ms round trip)
the sweep is flat from 4 to 256 slots with the aiohttp transport (bot/tg/transport.py); with
PTB's httpx, 4 slots were cheapest because httpcore's connection-pool bookkeeping grows with
the requests in flight. 4 slots would cap a real deployment at ~40 replies/s at 100 ms; 64
keep a stalled chat or a throttled group from holding up everyone else, and the bot is never
CPU-bound in production (Telegram lets it send 30 messages a second).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import yaml
from telegram import ReplyParameters, Update
from telegram.ext import ApplicationBuilder, InlineQueryHandler, MessageHandler, filters

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fakes, also in the server process (spawned, not forked)

from bot.config import Settings, default_pack_dirs  # noqa: E402 - after the path set-up
from bot.tg.app import CONNECTIONS, build_application, transport  # noqa: E402
from bot.tg.holder import ResponderHolder, load_responder  # noqa: E402
from bot.tg.limiter import PatientRateLimiter  # noqa: E402
from bot.tg.processor import ChatOrderedProcessor  # noqa: E402
from bot.tg.records import open_store  # noqa: E402
from bot.tg.runner import PTB_TIMEDELTA, serve  # noqa: E402
from bot.tg.tuning import Tuning  # noqa: E402
from tests.fakes import updates  # noqa: E402
from tests.fakes.botapi import BOT_USERNAME, TOKEN, FakeBotApi  # noqa: E402

TELEGRAM_RATE = 30
"""Messages per second Telegram lets one bot send (overall)."""
TARGET = 20 * TELEGRAM_RATE
WARM_UP = 200
DRIVE_TIMEOUT = 600.0
"""Seconds one phase may take before the run is declared stuck (a bounded wait)."""

EXTRA_QUESTIONS = [
    # small talk
    ("hello", "en"),
    ("thanks!", "en"),
    ("merhaba", "tr"),
    ("спасибо", "ru"),
    ("bye", "en"),
    # other languages and scripts we do not answer in
    ("Wann hat die Türkei Kasachstan anerkannt?", "en"),
    ("土耳其什么时候承认哈萨克斯坦？", "en"),
    ("متى اعترفت تركيا بكازاخستان؟", "en"),
    ("Quand la Turquie a-t-elle reconnu le Kazakhstan ?", "en"),
    # typos, noise, long and odd input
    ("wen did turky recognise kazakstan", "en"),
    ("stratejik ortaklik ne zmn imzalandi", "tr"),
    ("trade volume 2012 ?!?! 🇹🇷🇰🇿", "en"),
    ("<b>trade</b> &amp; investment", "en"),
    ("what " * 400, "en"),
]


@dataclass(frozen=True)
class Planned:
    """One update to inject: a text message (private or group) or an inline query."""

    kind: str  # private | group | inline
    chat: dict[str, Any]
    sender: dict[str, Any]
    text: str


def question_pool() -> list[tuple[str, str]]:
    """(question, sender language) pairs: the dev set (answerable, out of scope, tr/ru/kk)
    plus small talk, other languages and noise."""
    cases = yaml.safe_load((ROOT / "tests" / "data" / "dev.yaml").read_text(encoding="utf-8"))
    language = {"tr": "tr", "ru": "ru", "kk": "kk"}
    pool = [(case["q"], language.get(case["set"], "en")) for case in cases]
    return pool + EXTRA_QUESTIONS


def plan(updates_total: int, chats: int, seed: int, first_id: int) -> list[Planned]:
    """`updates_total` updates from `chats` chats, interleaved at random, each chat's in order.

    Chats: 85% private, 10% groups (asking with /ask@bot), 5% people using inline mode.
    """
    rng = random.Random(seed)
    pool = question_pool()
    per_chat = [updates_total // chats + (i < updates_total % chats) for i in range(chats)]
    queues: list[list[Planned]] = []
    for number, count in enumerate(per_chat):
        ident = first_id + number
        language = rng.choice(["en", "en", "en", "tr", "ru", "kk"])
        sender = updates.user(ident, language_code=language)
        roll = rng.random()
        if roll < 0.85:
            kind, chat = "private", updates.private_chat(ident)
        elif roll < 0.95:
            kind, chat = "group", updates.group_chat(-ident)
        else:
            kind, chat = "inline", updates.private_chat(ident)
        items = []
        for _ in range(count):
            question, _ = rng.choice(pool)
            text = f"/ask@{BOT_USERNAME} {question}" if kind == "group" else question
            items.append(Planned(kind, chat, sender, text))
        queues.append(items)
    order = [i for i, items in enumerate(queues) for _ in items]
    rng.shuffle(order)
    cursors = [0] * len(queues)
    planned = []
    for index in order:
        planned.append(queues[index][cursors[index]])
        cursors[index] += 1
    return planned


# ---- the server process -----------------------------------------------------------------


def server_process(conn: Connection) -> None:
    """The fake Bot API in its own process, driven by commands over `conn`."""
    asyncio.run(_server_loop(conn))


async def _server_loop(conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    api: FakeBotApi | None = None
    while True:
        command, argument = await loop.run_in_executor(None, conn.recv)
        if command == "start":
            api = FakeBotApi()
            await api.start()
            conn.send(api.base_url)
        elif command == "ready":
            assert api is not None
            conn.send(await _polling(api))
        elif command == "drive":
            assert api is not None
            planned, rate = argument
            conn.send(await _drive(api, planned, rate))
        elif command == "stop":
            if api is not None:
                await api.stop()
                api = None
            conn.send(True)
        elif command == "exit":
            conn.send(True)
            return


async def _polling(api: FakeBotApi) -> bool:
    """Wait until the bot polls (bounded)."""
    await api.wait_for(lambda: "getUpdates" in api.arrivals, 60, "polling")
    return True


async def _drive(api: FakeBotApi, planned: list[Planned], rate: float) -> dict[str, Any]:
    """Inject `planned` (all at once when `rate` is 0) and wait for every reply."""
    seen = len(api.requests)
    injected: dict[tuple[str, Any], float] = {}
    cpu = time.process_time()
    start = time.monotonic()
    for number, item in enumerate(planned):
        if rate:
            delay = start + number / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        if item.kind == "inline":
            query_id = f"iq-{id(item)}-{number}"
            await api.push(updates.inline_query(item.sender, item.text, query_id))
            injected[("inline", query_id)] = time.monotonic()
        else:
            sent = await api.push(
                {"message": updates.message(item.chat, item.text, sender=item.sender)}
            )
            key = (item.chat["id"], sent["message"]["message_id"])
            injected[("message", key)] = time.monotonic()
    replies: dict[tuple[str, Any], list[float]] = defaultdict(list)
    other: Counter[str] = Counter()
    deadline = time.monotonic() + DRIVE_TIMEOUT
    settled_at: float | None = None
    while time.monotonic() < deadline:
        for recorded in api.requests[seen:]:
            if recorded.method == "sendMessage" and recorded.ok:
                to = (recorded.params.get("reply_parameters") or {}).get("message_id")
                replies[("message", (int(recorded.params["chat_id"]), to))].append(recorded.at)
            elif recorded.method == "answerInlineQuery" and recorded.ok:
                replies[("inline", recorded.params["inline_query_id"])].append(recorded.at)
            elif recorded.method != "getUpdates":
                other[f"{recorded.method}{'' if recorded.ok else ' (failed)'}"] += 1
        seen = len(api.requests)
        if all(key in replies for key in injected):
            # Everything answered; linger a moment so that a duplicate would still show.
            settled_at = settled_at or time.monotonic()
            if time.monotonic() - settled_at > 0.5:
                break
        await asyncio.sleep(0.02)
    latencies = [replies[key][0] - at for key, at in injected.items() if replies.get(key)]
    last = max((times[0] for key, times in replies.items() if key in injected), default=start)
    return {
        "updates": len(injected),
        "first": start,
        "last": last,
        "latencies": latencies,
        "lost": sum(1 for key in injected if not replies.get(key)),
        "duplicated": sum(1 for key in injected if len(replies.get(key, ())) > 1),
        "unexpected": sum(1 for key in replies if key not in injected),
        "other": dict(other),
        "violations": list(api.violations[:5]),
        "violation_count": len(api.violations),
        "server_cpu": time.process_time() - cpu,
    }


# ---- the bot process --------------------------------------------------------------------


class Server:
    """The handle on the server process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=server_process, args=(child,), daemon=True)
        self.process.start()

    def call(self, command: str, argument: Any = None) -> Any:
        """Send one command and wait for its answer (bounded: the child answers or dies)."""
        self.conn.send((command, argument))
        while not self.conn.poll(1.0):
            if not self.process.is_alive():
                raise RuntimeError("the fake Bot API server process died")
        return self.conn.recv()

    async def acall(self, command: str, argument: Any = None) -> Any:
        """`call` without blocking the bot's event loop."""
        return await asyncio.to_thread(self.call, command, argument)

    def close(self) -> None:
        """Stop the child process."""
        self.call("exit")
        self.process.join(10)


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `samples`, in milliseconds."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))
    return ordered[rank] * 1000


def max_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process (all threads) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run_one(
    server: Server,
    settings: Settings,
    holder: ResponderHolder,
    concurrency: int,
    measured: list[Planned],
    paced: list[Planned],
    warm: list[Planned],
    rate: float,
    floor: bool = False,
    with_store: bool = True,
) -> None:
    """Serve the bot (or, with `floor`, an echo bot) with `concurrency` slots, run the
    phases, print the figures."""
    base_url = await server.acall("start")
    settings = Settings(
        settings.knowledge_dir,
        settings.intents_dir,
        settings.data_dir / f"c{concurrency}{'-floor' if floor else ''}",
        token=TOKEN,
        api_base_url=base_url,
    )
    tuning = Tuning(
        http_timeout=10.0, poll_timeout=1, rate_limit=False, max_concurrent_updates=concurrency
    )
    store = open_store(settings) if with_store and not floor else None
    app = (
        echo_application(settings, tuning)
        if floor
        else build_application(settings, holder, tuning, store)
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, settings, tuning, stop))
    try:
        await server.acall("ready")
        await server.acall("drive", (warm, 0))
        cpu = cpu_seconds()
        burst = await server.acall("drive", (measured, 0))
        if store is not None:
            # The burst ends when its last record is written too, not just its last reply:
            # a writer that fell behind would be a backlog growing without bound.
            await asyncio.to_thread(store.flush)
            burst["written"] = time.monotonic()
        burst_cpu = cpu_seconds() - cpu
        steady = await server.acall("drive", (paced, rate)) if paced else None
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)
        await server.acall("stop")
    recorded = store.stats().week.total if store is not None else None
    if store is not None:
        store.close()
    label = (
        f"PTB floor (echo bot), concurrent_updates={concurrency}"
        if floor
        else (f"factbot, concurrent_updates={concurrency}")
    )
    report(label, burst, burst_cpu, steady, rate, recorded)


def echo_application(settings: Settings, tuning: Tuning) -> Any:
    """The same Application set-up as build_application (rate limiter, per-chat ordering,
    HTTP transport and timeouts) with one handler that replies "ok" and one that answers
    inline queries with nothing: what python-telegram-bot and its HTTP client cost without
    factbot."""
    assert settings.token and settings.api_base_url
    app = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .rate_limiter(PatientRateLimiter(tuning))
        .concurrent_updates(ChatOrderedProcessor(tuning.max_concurrent_updates))
        .request(transport(tuning, CONNECTIONS))
        .get_updates_request(transport(tuning, 1))
        .build()
    )

    async def echo(update: Update, context: Any) -> None:
        if update.effective_message is not None:
            await update.effective_message.reply_text(
                "ok",
                reply_parameters=ReplyParameters(update.effective_message.message_id),
            )

    async def nothing(update: Update, context: Any) -> None:
        if update.inline_query is not None:
            await update.inline_query.answer([])

    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(InlineQueryHandler(nothing))
    return app


def report(
    label: str,
    burst: dict[str, Any],
    cpu: float,
    steady: dict[str, Any] | None,
    rate: float,
    recorded: int | None,
) -> None:
    """Print one configuration's figures."""
    count = burst["updates"]
    elapsed = max(burst["last"], burst.get("written", 0.0)) - burst["first"]
    per_second = count / elapsed if elapsed > 0 else float("inf")
    verdict = "meets" if per_second >= TARGET else "MISSES"
    print(label)
    print(
        f"  burst : {count:,} updates in {elapsed:6.2f} s = {per_second:7.1f} updates/s "
        f"= {per_second / TELEGRAM_RATE:5.1f}x Telegram's {TELEGRAM_RATE} msg/s "
        f"({verdict} the {TARGET}/s target)"
    )
    print(
        f"          CPU: bot {cpu:6.2f} s = {cpu / count * 1000:5.2f} ms per update; "
        f"fake server {burst['server_cpu']:6.2f} s (other process)"
    )
    print(f"          latency (queueing included) {_latencies(burst['latencies'])}")
    if steady is not None:
        print(
            f"  paced : {steady['updates']:,} updates at {rate:g}/s, latency "
            f"{_latencies(steady['latencies'])}"
        )
    for name, phase in (("burst", burst), ("paced", steady)):
        if phase is None:
            continue
        print(
            f"  {name} replies: lost {phase['lost']}, duplicated {phase['duplicated']}, "
            f"unexpected {phase['unexpected']}, Bot API violations {phase['violation_count']}"
            + (f" {phase['violations']}" if phase["violations"] else "")
            + (f", other calls {phase['other']}" if phase["other"] else "")
        )
    if recorded is not None:
        print(f"  database: {recorded:,} replies counted, warm-up included (small talk is not)")
    if "written" in burst:
        behind = max(0.0, burst["written"] - burst["last"]) * 1000
        print(f"  database writer: done {behind:.0f} ms after the burst's last reply")
    print(f"  peak RSS of the bot process so far: {max_rss_mib():.0f} MiB")


def _latencies(samples: list[float]) -> str:
    if not samples:
        return "n/a"
    return (
        f"p50 {percentile(samples, 50):7.1f} ms  p90 {percentile(samples, 90):7.1f} ms  "
        f"p99 {percentile(samples, 99):7.1f} ms  max {max(samples) * 1000:7.1f} ms"
    )


async def main_async(args: argparse.Namespace) -> None:
    """Load the pack once, then measure each concurrency setting."""
    knowledge, intents = default_pack_dirs()
    started = time.perf_counter()
    responder = load_responder(Settings(knowledge, intents, Path(".")))
    loaded = time.perf_counter() - started
    holder = ResponderHolder(responder)
    measured = plan(args.updates, args.chats, args.seed, 1_000_000)
    paced_chats = max(1, args.chats * args.paced_updates // args.updates)
    paced = (
        plan(args.paced_updates, paced_chats, args.seed + 1, 2_000_000)
        if args.paced_rate and args.paced_updates
        else []
    )
    kinds = Counter(item.kind for item in measured)
    print(
        f"shipped pack: {len(responder.kb.facts)} facts, loaded and indexed in {loaded:.1f} s; "
        f"RSS {max_rss_mib():.0f} MiB after loading"
    )
    print(
        f"{args.updates:,} updates from {args.chats:,} chats ({kinds['private']:,} private, "
        f"{kinds['group']:,} group /ask, {kinds['inline']:,} inline); rate limiter off; "
        f"curators' database {'off' if args.no_store else 'on'}; "
        f"Python {sys.version.split()[0]}"
    )
    server = Server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(knowledge, intents, Path(tmp))
            runs = [(c, False) for c in args.concurrency]
            runs += [(c, True) for c in args.concurrency if args.floor]
            for number, (concurrency, floor) in enumerate(runs, 1):
                # Fresh chats for every run: no conversation or flood state carries over.
                warm = plan(WARM_UP, WARM_UP // 2, args.seed + 2, 3_000_000 + number * 1000)
                await run_one(
                    server,
                    settings,
                    holder,
                    concurrency,
                    _renumber(measured, number),
                    _renumber(paced, number),
                    warm,
                    args.paced_rate,
                    floor,
                    not args.no_store,
                )
    finally:
        server.close()


def _renumber(planned: list[Planned], run: int) -> list[Planned]:
    """The same plan from other chat ids (each run meets its chats for the first time, as
    flood control and conversations expect)."""
    shift = run * 10_000_000

    def moved(chat: dict[str, Any]) -> dict[str, Any]:
        step = shift if chat["id"] > 0 else -shift
        return {**chat, "id": chat["id"] + step}

    return [
        Planned(
            item.kind,
            moved(item.chat),
            {**item.sender, "id": item.sender["id"] + shift},
            item.text,
        )
        for item in planned
    ]


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--chats", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[64])
    parser.add_argument(
        "--paced-rate", type=float, default=100.0, help="updates/s of the paced phase (0: skip)"
    )
    parser.add_argument("--paced-updates", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-store", action="store_true", help="run factbot without the curators' database"
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also run an echo bot on the same set-up: the framework's own cost",
    )
    parser.add_argument(
        "--profile", metavar="FILE", help="write a cProfile of the bot process to FILE"
    )
    args = parser.parse_args(argv)
    if args.updates < 1 or args.chats < 1 or min(args.concurrency) < 1:
        parser.error("--updates, --chats and --concurrency must be at least 1")
    os.environ.setdefault(PTB_TIMEDELTA, "1")  # as `factbot run` does
    if not args.profile:
        asyncio.run(main_async(args))
        return 0
    profile = cProfile.Profile()
    profile.runcall(asyncio.run, main_async(args))
    profile.dump_stats(args.profile)
    print(f"profile written to {args.profile} (python -m pstats {args.profile})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
