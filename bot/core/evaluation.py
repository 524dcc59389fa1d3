"""Run question sets and conversation sets against a Responder and score the replies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from bot.core.answers import Responder, Turn
from bot.core.models import Reply


class EvalFileError(ValueError):
    """The evaluation file is not a question set or a conversation set."""


@dataclass(frozen=True, slots=True)
class Case:
    """One question with the fact ids it may be answered with ([] = must not answer)."""

    set: str
    question: str
    expect: tuple[str, ...]
    conversation: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A case and what the bot did with it."""

    case: Case
    reply: Reply

    @property
    def answered_id(self) -> str | None:
        """The fact the bot answered with, if it answered."""
        return self.reply.fact.id if self.reply.status == "answered" and self.reply.fact else None

    @property
    def correct(self) -> bool:
        """Answered with an expected fact, or refused when nothing was expected."""
        if not self.case.expect:
            return self.answered_id is None
        ids = [self.answered_id, *(fact.id for fact in self.reply.facts)]
        return any(
            fact_id is not None and fnmatchcase(fact_id, pattern)
            for fact_id in ids
            for pattern in self.case.expect
        )

    @property
    def wrong(self) -> bool:
        """Answered, but not with an expected fact."""
        return self.answered_id is not None and not self.correct


@dataclass(slots=True)
class Report:
    """Accuracy per set, the wrong-answer rate and every failing case."""

    outcomes: list[Outcome] = field(default_factory=list)

    def by_set(self) -> dict[str, tuple[int, int, int]]:
        """set -> (correct, wrong, total)."""
        counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for outcome in self.outcomes:
            row = counts[outcome.case.set]
            row[0] += outcome.correct
            row[1] += outcome.wrong
            row[2] += 1
        return {name: (c, w, t) for name, (c, w, t) in sorted(counts.items())}

    @property
    def accuracy(self) -> float:
        """Share of all cases handled correctly."""
        return sum(o.correct for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def wrong_rate(self) -> float:
        """Share of all cases answered with a wrong fact."""
        return sum(o.wrong for o in self.outcomes) / max(1, len(self.outcomes))

    def failures(self) -> list[Outcome]:
        """The cases the bot got wrong or missed."""
        return [o for o in self.outcomes if not o.correct]

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready summary with the failing cases."""
        return {
            "accuracy": round(self.accuracy, 4),
            "wrong_rate": round(self.wrong_rate, 4),
            "total": len(self.outcomes),
            "sets": {
                name: {"correct": c, "wrong": w, "total": t, "accuracy": round(c / t, 4)}
                for name, (c, w, t) in self.by_set().items()
            },
            "failures": [
                {
                    "set": o.case.set,
                    "conversation": o.case.conversation,
                    "question": o.case.question,
                    "expect": list(o.case.expect),
                    "status": o.reply.status,
                    "fact_id": o.answered_id,
                    "score": o.reply.score,
                    "reason": o.reply.reason,
                }
                for o in self.failures()
            ],
        }


def load_cases(path: Path) -> list[Case] | list[tuple[str, list[Case]]]:
    """Question cases, or named conversations of cases, from a YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvalFileError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise EvalFileError(f"{path}: expected a non-empty list of cases or conversations")
    try:
        if all(isinstance(item, dict) and "turns" in item for item in data):
            return [
                (
                    str(item.get("name", f"conversation {n}")),
                    [
                        Case(
                            str(item.get("set") or item.get("language") or "conversation"),
                            str(turn["q"]),
                            tuple(turn.get("expect") or ()),
                            str(item.get("name", n)),
                        )
                        for turn in item["turns"]
                    ],
                )
                for n, item in enumerate(data, 1)
            ]
        return [
            Case(str(item.get("set", "default")), str(item["q"]), tuple(item.get("expect") or ()))
            for item in data
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise EvalFileError(f"{path}: a case lacks `q` or is malformed ({exc})") from exc


def evaluate(responder: Responder, path: Path) -> Report:
    """Run every case of the file; conversations keep context from turn to turn."""
    loaded = load_cases(path)
    report = Report()
    for item in loaded:
        if isinstance(item, Case):
            report.outcomes.append(Outcome(item, responder.reply(item.question)))
            continue
        previous: Turn | None = None
        for case in item[1]:
            reply, turn = responder.converse(case.question, previous)
            previous = turn
            report.outcomes.append(Outcome(case, reply))
    return report
