"""The curators' reports as terminal lines (pure: the CLI prints them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core.staleness import StaleFact
from bot.store.reports import FactFeedback, Group


def unanswered_lines(groups: Sequence[Group]) -> list[str]:
    """Each group: its count and example, then languages, chats, other wordings, best fact."""
    lines: list[str] = []
    for group in groups:
        lines.append(f"{group.count:5}  {group.example}")
        about = f"languages {_counts(group.languages)}; chats {_counts(group.chat_types)}"
        if group.fact_id:
            about += f"; closest fact {group.fact_id} ({group.score:g})"
        lines.append(f"       {about}")
        lines.extend(f"       also: {variant}" for variant in group.variants[1:4])
        if len(group.variants) > 4:
            lines.append(f"       … and {len(group.variants) - 4} more wordings")
    return lines


def feedback_lines(rows: Sequence[FactFeedback]) -> list[str]:
    """A table of facts with their 👎 and 👍 counts, the most 👎 first."""
    if not rows:
        return []
    width = max(len("fact"), *(len(row.fact_id) for row in rows))
    lines = [f"{'fact':{width}}  {'down':>5}  {'up':>5}"]
    lines.extend(f"{row.fact_id:{width}}  {row.down:5}  {row.up:5}" for row in rows)
    return lines


def stale_lines(stale: Sequence[StaleFact]) -> list[str]:
    """Each stale fact: its newest source's date and id, oldest first."""
    lines = []
    for item in stale:
        published = item.source.published.iso() if item.source.published else "?"
        estimate = " (estimated)" if item.source.published_estimate else ""
        lines.append(f"{published:10}  {item.fact.id}  source {item.source.id}{estimate}")
    return lines


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items())
