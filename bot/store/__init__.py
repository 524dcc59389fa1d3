"""The curators' database: what people asked and could not get answered, and their feedback.

Standard library sqlite3 only, never telegram: the adapter and the CLI both use it.
"""

from bot.store.database import (
    DATABASE_NAME,
    ChatType,
    Retention,
    Store,
    StoreError,
    database_path,
    normalised,
)
from bot.store.reports import Counts, FactFeedback, Group, Stats

__all__ = [
    "DATABASE_NAME",
    "ChatType",
    "Counts",
    "FactFeedback",
    "Group",
    "Retention",
    "Stats",
    "Store",
    "StoreError",
    "database_path",
    "normalised",
]
