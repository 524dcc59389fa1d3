"""Reply -> the `ask --json` object of the contract."""

from __future__ import annotations

from typing import Any

from bot.core.dates import fact_date_text
from bot.core.models import KnowledgeBase, Reply


def to_json(reply: Reply, kb: KnowledgeBase) -> dict[str, Any]:
    """The contract's JSON object for a reply (see CONTRACT.md)."""
    fact = reply.fact
    source = None
    date = None
    date_text = None
    answer = None
    if fact is not None:
        answer = fact.text(reply.language)
        when = fact.when
        date = when.iso() if when else None
        date_text = fact_date_text(fact, reply.language)
        primary = kb.sources.get(fact.sources[0]) if fact.sources else None
        if primary is not None:
            source = {
                "id": primary.id,
                "publisher": primary.publisher,
                "title": primary.title,
                "url": primary.url,
                "published": primary.published.iso() if primary.published else None,
                "published_estimate": primary.published_estimate,
            }
    return {
        "question": reply.question,
        "status": reply.status,
        "fact_id": fact.id if fact is not None else None,
        "score": reply.score,
        "language": reply.language,
        "answer": answer,
        "date": date,
        "date_text": date_text,
        "source": source,
        "conflicts": [
            {
                "fact_id": other.id,
                "answer": other.text(reply.language),
                "sources": list(other.sources),
            }
            for other in reply.conflicts
        ],
        "facts": [item.id for item in reply.facts],
        "suggestions": [
            {"fact_id": s.fact_id, "question": s.question, "score": s.score}
            for s in reply.suggestions
        ],
        "understood": reply.understood,
        "smalltalk": reply.smalltalk,
        "reason": reply.reason,
    }
