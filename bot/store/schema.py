"""Numbered schema migrations of the curators' database, applied at start-up."""

from __future__ import annotations

import sqlite3

# Migration N (1-based) brings the schema from version N-1 to N. Append only: never edit a
# migration that has shipped, add the next one. Nothing here may hold a user id, a name or a
# chat id: the database records what was asked, never who asked or where.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        # Questions the bot could not answer (unknown) or answered only with suggestions.
        # `candidates` is a JSON array of [fact_id, score] pairs, best first.
        """CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            asked_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('suggest', 'unknown')),
            text TEXT NOT NULL,
            language TEXT NOT NULL,
            chat_type TEXT NOT NULL
                CHECK (chat_type IN ('private', 'group', 'channel', 'inline')),
            candidates TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX questions_asked_at ON questions (asked_at)",
        # Replies per hour (`YYYY-MM-DDTHH`, UTC) and status: counters only, no text.
        """CREATE TABLE reply_counts (
            hour TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('answered', 'suggest', 'unknown')),
            count INTEGER NOT NULL,
            PRIMARY KEY (hour, status)
        ) WITHOUT ROWID""",
        # Answers per UTC day and fact.
        """CREATE TABLE fact_counts (
            day TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (day, fact_id)
        ) WITHOUT ROWID""",
        # 👍 / 👎 presses per UTC day and fact (per day so that retention by age applies).
        """CREATE TABLE feedback (
            day TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            up INTEGER NOT NULL DEFAULT 0,
            down INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, fact_id)
        ) WITHOUT ROWID""",
    ),
)

LATEST = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The database was written by a newer factbot than this one."""

    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(
            f"database schema version {found} is newer than this factbot understands "
            f"({LATEST}); upgrade factbot"
        )


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration the database lacks; return the schema version it is now at.

    The connection must be in autocommit mode (isolation_level=None): each migration runs in
    its own BEGIN IMMEDIATE transaction, so two processes starting together cannot both apply
    it, and a crash mid-migration leaves the previous version intact.
    """
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    version = _version(connection)
    if version > LATEST:
        raise SchemaTooNew(version)
    while version < LATEST:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = _version(connection)  # another process may have migrated meanwhile
            if version < LATEST:
                for statement in MIGRATIONS[version]:
                    connection.execute(statement)
                version += 1
                connection.execute("DELETE FROM schema_version")
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return version


def _version(connection: sqlite3.Connection) -> int:
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0
