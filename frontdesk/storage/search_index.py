"""The FTS5 customer index: turning typed text into a safe MATCH query, and fast bulk loads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

FTS_TABLE = "customers_fts"
INSERT_TRIGGER = "customers_fts_ai"
# unicode61 splits on anything that is not a letter or digit (underscore included); mirror it exactly,
# so every query word becomes one quoted token and user input can never be FTS5 syntax.
_WORD = re.compile(r"[^\W_]+")


def query_words(typed: str) -> list[str]:
    return _WORD.findall(typed.lower())


def match_expression(typed: str) -> str | None:
    """`john smi` → `"john"* AND "smi"*`; `555-01` → `"555"* AND "01"*`; None when nothing is searchable."""
    words = query_words(typed)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


@contextmanager
def bulk_customer_load(session: Session) -> Iterator[None]:
    """Insert many customers without the per-row index trigger, then rebuild the index once.

    Per-row trigger upkeep costs ~10x a single rebuild. The trigger's own stored SQL is re-created
    verbatim, so its definition lives only in the migration. Runs inside the caller's transaction.
    """
    trigger_sql = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": INSERT_TRIGGER},
    ).scalar_one()
    session.execute(text(f"DROP TRIGGER {INSERT_TRIGGER}"))
    yield
    session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
    session.execute(text(trigger_sql))
