"""The `factbot` command: the only module that prints to the terminal or exits."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO, TypeVar

from bot.config import Settings, environment
from bot.core.errors import PackError
from bot.core.loader import load_pack
from bot.core.models import KnowledgeBase, Reply
from bot.store import Store, StoreError, database_path

if TYPE_CHECKING:
    from bot.core.answers import Responder

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


class _Record(Protocol):
    def as_json(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=_Record)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit code 2 and no traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(f"factbot: error: {message}")


def _pack_options(default: str | None) -> _Parser:
    pack = _Parser(add_help=False)
    pack.add_argument(
        "--knowledge", metavar="DIR", default=default, help="knowledge folder (default: shipped)"
    )
    pack.add_argument(
        "--intents", metavar="DIR", default=default, help="intents folder (default: shipped)"
    )
    return pack


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar of every subcommand."""
    parser = _Parser(prog="factbot", description=__doc__, parents=[_pack_options(None)])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # After the command too; left out there, they keep what was given before it.
    pack = _pack_options(argparse.SUPPRESS)

    ask = sub.add_parser("ask", parents=[pack], help="answer one question (or stdin lines)")
    ask.add_argument("--json", action="store_true", help="print JSON objects")
    ask.add_argument("--lang", help="reply language when the question does not tell")
    ask.add_argument("question", nargs="*", help="the question; none with --json reads stdin")

    chat = sub.add_parser("chat", parents=[pack], help="talk to the bot in the terminal")
    chat.add_argument("--json", action="store_true", help="one message per stdin line, JSON out")
    chat.add_argument("--lang", help="reply language when the question does not tell")

    sub.add_parser("check", parents=[pack], help="validate knowledge/ and intents/")

    evaluate = sub.add_parser("eval", parents=[pack], help="run a question or conversation set")
    evaluate.add_argument("file", help="YAML question set (dev.yaml format) or conversations")
    evaluate.add_argument("--json", action="store_true", help="print a JSON report")

    facts = sub.add_parser("facts", parents=[pack], help="list every fact")
    facts.add_argument("--json", action="store_true", help="print a JSON array")

    sub.add_parser("run", parents=[pack], help="run the Telegram bot")

    unanswered = sub.add_parser("unanswered", parents=[pack], help="questions the bot missed")
    unanswered.add_argument(
        "--since", type=_positive, default=30, metavar="DAYS", help="last DAYS days (30)"
    )
    unanswered.add_argument("--json", action="store_true", help="print a JSON array")
    feedback = sub.add_parser("feedback", parents=[pack], help="facts by 👎 presses")
    feedback.add_argument("--json", action="store_true", help="print a JSON array")
    stale = sub.add_parser("stale", parents=[pack], help="facts whose sources are old")
    stale.add_argument("--years", type=_positive, default=5, metavar="N", help="older than N (5)")
    stale.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse flags, run the command, turn errors into exit codes."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    settings = Settings.from_env(
        environment(), knowledge_dir=args.knowledge, intents_dir=args.intents
    )
    try:
        return _COMMANDS[args.command](args, settings, sys.stdout)
    except PackError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(
            f"factbot: the knowledge pack has {len(exc.errors)} problem(s); "
            "fix them and run `factbot check`.",
            file=sys.stderr,
        )
        return EXIT_DATA
    except StoreError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _load(settings: Settings) -> KnowledgeBase:
    return load_pack(settings.knowledge_dir, settings.intents_dir)


def _responder(settings: Settings) -> Responder:
    from bot.core.bulk import lasting
    from bot.core.packcache import PackCache

    with lasting():
        return PackCache(settings.cache_dir).responder(settings.knowledge_dir, settings.intents_dir)


def _cmd_check(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.core.checks import check_pack

    errors = check_pack(settings.knowledge_dir, settings.intents_dir)
    for error in errors:
        print(error, file=out)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return EXIT_DATA
    print("knowledge pack OK", file=sys.stderr)
    return EXIT_OK


def _cmd_facts(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.core.export import facts_json

    kb = _load(settings)
    records = facts_json(kb)
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for record in records:
            print(f"{record['id']:40} {record['date'] or record['as_of'] or ''}", file=out)
    return EXIT_OK


def _cmd_ask(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    responder = _responder(settings)
    if args.question:
        _print_reply(
            responder.reply(" ".join(args.question), language=args.lang), responder, args.json, out
        )
        return EXIT_OK
    if not args.json:
        print(
            "factbot ask: give a question, or --json to read questions from stdin", file=sys.stderr
        )
        return EXIT_USAGE
    for line in sys.stdin:
        _print_reply(responder.reply(line.strip(), language=args.lang), responder, True, out)
    return EXIT_OK


def _cmd_chat(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.core.context import Conversations

    responder = _responder(settings)
    conversations = Conversations()
    interactive = not args.json and sys.stdin.isatty()
    if interactive:
        print("Ask about Turkey–Kazakhstan relations (empty line or Ctrl-D to quit).", file=out)
    while True:
        if interactive:
            try:
                line = input("> ")
            except EOFError:
                return EXIT_OK
            if not line.strip():
                return EXIT_OK
        else:
            raw = sys.stdin.readline()
            if not raw:
                return EXIT_OK
            line = raw.rstrip("\n")
        if line.strip() == "---":
            conversations.forget("terminal")
            continue
        reply = conversations.reply(responder, "terminal", line.strip(), language=args.lang)
        _print_reply(reply, responder, args.json, out)
        if not args.json:
            print(file=out)  # a blank line between one reply and the next question


def _cmd_eval(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from pathlib import Path

    from bot.core.evaluation import EvalFileError, evaluate

    responder = _responder(settings)
    try:
        report = evaluate(responder, Path(args.file))
    except EvalFileError as exc:
        print(f"factbot eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump(report.as_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    for outcome in report.failures():
        case = outcome.case
        got = outcome.answered_id or outcome.reply.status
        print(
            f"FAIL [{case.set}] {case.question!r}: expected {list(case.expect) or 'no answer'}, "
            f"got {got} (score {outcome.reply.score}; {outcome.reply.reason})",
            file=out,
        )
    for name, (correct, wrong, total) in report.by_set().items():
        print(
            f"set {name:10} accuracy {correct / total:6.1%} ({correct}/{total}), wrong {wrong}",
            file=out,
        )
    print(
        f"overall accuracy {report.accuracy:.1%}, wrong-answer rate {report.wrong_rate:.1%} "
        f"({len(report.outcomes)} cases)",
        file=out,
    )
    return EXIT_OK


def _print_reply(reply: Reply, responder: Responder, as_json: bool, out: TextIO) -> None:
    if as_json:
        from bot.core.record import to_json

        print(json.dumps(to_json(reply, responder.kb), ensure_ascii=False), file=out, flush=True)
        return
    from bot.core.render import to_text

    print(to_text(reply, responder.kb), file=out, flush=True)


def _cmd_run(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if not settings.token:
        print(
            "factbot: TELEGRAM_BOT_TOKEN is not set; create a bot with @BotFather "
            "and export its token, e.g. `TELEGRAM_BOT_TOKEN=... factbot run`.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from bot.tg.runner import StartupError, run  # telegram loads only for this command

    try:
        asyncio.run(run(settings))
    except StartupError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _cmd_unanswered(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.store.terminal import unanswered_lines

    groups = _read_store(settings, lambda store: store.unanswered(args.since))
    asked = sum(group.count for group in groups)
    summary = f"{asked} question(s) in {len(groups)} group(s), last {args.since} day(s)"
    return _report(groups, args.json, unanswered_lines, summary, out)


def _cmd_feedback(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.store.terminal import feedback_lines

    rows = _read_store(settings, lambda store: store.feedback())
    return _report(rows, args.json, feedback_lines, f"{len(rows)} fact(s) with feedback", out)


def _cmd_stale(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from datetime import date

    from bot.core.staleness import stale_facts
    from bot.store.terminal import stale_lines

    stale = stale_facts(_load(settings), args.years, date.today())
    summary = f"{len(stale)} fact(s) with sources older than {args.years} year(s)"
    return _report(stale, args.json, stale_lines, summary, out)


def _read_store(settings: Settings, query: Callable[[Store], list[T]]) -> list[T]:
    """What `query` reads from the bot's database; nothing when the bot has not made one."""
    path = database_path(settings.data_dir)
    if not path.exists():
        print(f"factbot: no database at {path} yet (see FACTBOT_DATA_DIR)", file=sys.stderr)
        return []
    with Store(path) as store:
        return query(store)


def _dump(records: list[dict[str, Any]], out: TextIO) -> None:
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _report(
    items: Sequence[R],
    as_json: bool,
    lines: Callable[[Sequence[R]], list[str]],
    summary: str,
    out: TextIO,
) -> int:
    """A curator's report: JSON records, or text lines and a one-line summary on stderr."""
    if as_json:
        _dump([item.as_json() for item in items], out)
        return EXIT_OK
    for line in lines(items):
        print(line, file=out)
    print(summary, file=sys.stderr)
    return EXIT_OK


_COMMANDS = {
    "ask": _cmd_ask,
    "chat": _cmd_chat,
    "check": _cmd_check,
    "eval": _cmd_eval,
    "facts": _cmd_facts,
    "run": _cmd_run,
    "unanswered": _cmd_unanswered,
    "feedback": _cmd_feedback,
    "stale": _cmd_stale,
}
