"""Coverage-guided fuzzing of the core over the shipped pack: Responder.reply,
Conversations.reply (follow-ups), render.to_html and render.to_text.

atheris is a by-hand tool, not a project dependency; install it into the venv first:

    /work/venv/bin/pip install atheris
    python benchmarks/fuzz_responder.py                       # 120 s, a fresh seeded corpus
    python benchmarks/fuzz_responder.py -max_total_time=600 CORPUS_DIR
    python benchmarks/fuzz_responder.py crash-<sha1>          # replay one crashing input
    python benchmarks/fuzz_responder.py --fallback --seconds=120   # without atheris

Flags starting with one dash go to libFuzzer (-max_total_time, -runs, -timeout, -jobs...).
When atheris cannot be imported, or with --fallback, a random-mutation loop (no coverage
feedback) runs the same checks for --seconds seconds.

Every input must pass, for every reply: no exception; status in the allowed set; every HTML
message valid Telegram HTML per tests/fakes/telegram_html.py and at most 4096 UTF-16 code
units as sent (stricter than Telegram, which counts after parsing the tags); the plain text
encodable as UTF-8 (the terminal prints it).

Input format (so that seeds are readable): byte 0 picks the language hint (none, en, tr, ru,
kk); byte 1, as b % 64 = r, repeats each message 1 + r*r times (up to 3,970: libFuzzer grows
inputs slowly, this reaches messages far longer than Telegram's 4,096 characters within
seconds; capped at 100,000 characters); byte 2 is reserved; the rest is UTF-8 (invalid bytes
become lone surrogates) split at NUL into up to four messages of one conversation.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fakes.telegram_html

try:
    import atheris
except ImportError:  # the fallback loop below needs no atheris
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["bot"]):
        from bot.config import default_pack_dirs
        from bot.core.answers import Responder
        from bot.core.context import Conversations
        from bot.core.loader import load_pack
        from bot.core.models import Reply
        from bot.core.render import to_html, to_text, utf16_len
else:
    from bot.config import default_pack_dirs
    from bot.core.answers import Responder
    from bot.core.context import Conversations
    from bot.core.loader import load_pack
    from bot.core.models import Reply
    from bot.core.render import to_html, to_text, utf16_len

from tests.fakes.telegram_html import html_problems  # noqa: E402 - after the path set-up

LANGUAGE_HINTS = (None, "en", "tr", "ru", "kk")
STATUSES = frozenset({"answered", "suggest", "unknown", "smalltalk"})
MAX_HTML = 4096
MAX_CHARS = 100_000
MAX_MESSAGES = 4
EXTRA_SEEDS = (
    "",
    "   ",
    "hello",
    "/ask@otherbot when was the strategic partnership signed",
    "/ask@factbot_test_bot",
    "<b>trade</b> &amp; <a href='javascript:alert(1)'>volume</a> 2012",
    "**strategic** _partnership_ `signed` [link](http://x)",
    "‏متى اعترفت تركيا بكازاخستان؟‎",
    "trade\u200d\u200dvolume\u200b 2012 \ufeff",
    "Türki̇ye Kazakistan'ı ne zaman tanıdı",
    "👩‍👩‍👧‍👦🇹🇷🇰🇿 trade",
    "e\u0301\u0301\u0301 strategic partnership",
    "\x00\x01\x07 control \x1b[31m characters",
    "when was it signed\x00and the trade volume?\x00in 2012\x00and 2022",
    "What is the capital of France?",
    "Кто изобрёл телефон?",
)


def decode(data: bytes) -> tuple[str | None, list[str]]:
    """The language hint and the conversation's messages that `data` stands for."""
    hint = LANGUAGE_HINTS[data[0] % len(LANGUAGE_HINTS)] if data else None
    repeat = 1 + (data[1] % 64 if len(data) > 1 else 0) ** 2
    text = data[3:].decode("utf-8", "surrogateescape")
    messages = [(part * repeat)[:MAX_CHARS] for part in text.split("\x00")[:MAX_MESSAGES]]
    return hint, messages


def encode(hint: str | None, text: str, repeat_code: int = 0) -> bytes:
    """A seed input in the format `decode` reads (the text repeated 1 + code² times)."""
    return bytes([LANGUAGE_HINTS.index(hint), repeat_code, 0]) + text.encode("utf-8")


def check(reply: Reply, responder: Responder, where: str) -> None:
    """Every promise a reply makes, or AssertionError naming the broken one."""
    assert reply.status in STATUSES, f"{where}: status {reply.status!r}"
    messages = to_html(reply, responder.kb)
    assert messages, f"{where}: no HTML message"
    for number, message in enumerate(messages):
        size = utf16_len(message)
        assert size <= MAX_HTML, f"{where}: HTML message {number} is {size} UTF-16 units"
        problems = html_problems(message)
        assert not problems, f"{where}: HTML message {number}: {problems}"
    to_text(reply, responder.kb).encode("utf-8")


def make_target(responder: Responder) -> Callable[[bytes], None]:
    """The function that tests one input."""

    def test_one_input(data: bytes) -> None:
        hint, messages = decode(data)
        check(responder.reply(messages[0], language=hint), responder, "reply")
        conversation = Conversations()
        for number, text in enumerate(messages):
            reply = conversation.reply(responder, ("chat",), text, language=hint)
            check(reply, responder, f"conversation message {number}")

    return test_one_input


def seeds() -> list[bytes]:
    """The dev question set in every hint, plus odd input of every kind."""
    cases = yaml.safe_load((ROOT / "tests" / "data" / "dev.yaml").read_text(encoding="utf-8"))
    found = [encode(hint, case["q"]) for case in cases for hint in (None, "en")]
    found += [encode("tr", text) for text in EXTRA_SEEDS]
    found.append(encode(None, "trade volume 2012 ", repeat_code=63))  # 71,460 characters
    found.append(encode("ru", "когда <b>&amp; ", repeat_code=40))
    return found


def run_atheris(argv: list[str], target: Callable[[bytes], None]) -> None:
    """Hand over to libFuzzer (it exits the process when done)."""
    assert atheris is not None
    flags = [arg for arg in argv[1:] if arg.startswith("-")]
    paths = [arg for arg in argv[1:] if not arg.startswith("-")]
    if not any(flag.startswith(("-max_total_time=", "-runs=")) for flag in flags):
        flags.append("-max_total_time=120")  # bounded unless told otherwise
    if not any(flag.startswith("-timeout=") for flag in flags):
        flags.append("-timeout=10")  # one input taking 10 s is a finding (slow long input)
    if not any(flag.startswith("-max_len=") for flag in flags):
        flags.append("-max_len=8192")
    flags.append("-print_final_stats=1")
    if not paths:
        corpus = Path(tempfile.mkdtemp(prefix="factbot-fuzz-"))
        for number, seed in enumerate(seeds()):
            (corpus / f"seed-{number:04d}").write_bytes(seed)
        print(f"corpus: {corpus} ({len(seeds())} seeds)", file=sys.stderr)
        paths = [str(corpus)]
    atheris.Setup([argv[0], *flags, *paths], target)
    atheris.Fuzz()


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One random mutation: flip, insert, delete, splice or repeat bytes."""
    buffer = bytearray(data or b"\x00\x00\x00")
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        at = rng.randrange(len(buffer) + 1)
        if choice < 0.25 and buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        elif choice < 0.5:
            piece = rng.choice(
                [b"<", b">", b"&", b"\x00", b"\xed\xa0\x80", b"\xff", "́".encode(), b"2012"]
            )
            buffer[at:at] = piece
        elif choice < 0.7 and len(buffer) > 3:
            del buffer[at : at + rng.randint(1, 8)]
        elif choice < 0.9:
            other = rng.choice(pool)
            buffer[at:at] = other[3 + rng.randrange(max(1, len(other) - 3)) :]
        else:
            buffer[1] = rng.randrange(256)
    return bytes(buffer[:8192])


def run_fallback(seconds: float, target: Callable[[bytes], None]) -> None:
    """Random mutation of the seeds for `seconds` seconds (no coverage feedback)."""
    rng = random.Random(1)
    pool = seeds()
    for seed in pool:
        target(seed)
    runs, deadline = len(pool), time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = mutate(rng, rng.choice(pool), pool)
        try:
            target(data)
        except BaseException:
            crash = Path(f"crash-fallback-{runs}")
            crash.write_bytes(data)
            print(f"crash after {runs} runs; input written to {crash}", file=sys.stderr)
            raise
        runs += 1
        if runs % 50 == 0 and len(pool) < 5000:
            pool.append(data)
    print(f"fallback loop: {runs} runs in {seconds:g} s, no failure")


def main(argv: list[str]) -> None:
    """Load the shipped pack once, then fuzz."""
    fallback = "--fallback" in argv or atheris is None
    seconds = next((float(a.split("=", 1)[1]) for a in argv if a.startswith("--seconds=")), 120)
    argv = [a for a in argv if not a.startswith("--")]
    started = time.perf_counter()
    responder = Responder(load_pack(*default_pack_dirs()))
    print(
        f"shipped pack: {len(responder.kb.facts)} facts, loaded in "
        f"{time.perf_counter() - started:.1f} s; "
        f"{'random-mutation fallback' if fallback else 'atheris (libFuzzer)'}",
        file=sys.stderr,
    )
    target = make_target(responder)
    if fallback:
        run_fallback(seconds, target)
    else:
        run_atheris(argv, target)


if __name__ == "__main__":
    main(sys.argv)
