"""The FTS5 customer index: turning typed text into a safe MATCH query, and fast bulk loads."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

FTS_TABLE = "customers_fts"
INSERT_TRIGGER = "customers_fts_ai"
# Letters, digits, private-use and (to Python's tables) unassigned characters: unicode61 keeps them in tokens.
_TOKEN_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Co", "Cn"}


def query_words(typed: str) -> list[str]:
    """Split typed text at white space and ASCII punctuation; each word becomes one quoted MATCH term, so user
    input is never FTS5 syntax, and "john smi" or "555-01" match across columns and separators.

    Anything else (case, accents, other scripts) is left to the tokenizer, which folds and splits a quoted term
    exactly as it did the index. Mirroring it here fails: SQLite's Unicode tables are not Python's, and Python
    lower-cases “İsmail” to i + a combining dot. A word with no letter or digit at all (“@”, “’”) is dropped.
    """
    spaced = "".join(ch if ch.isalnum() or not ch.isascii() else " " for ch in typed)
    return [word for word in spaced.split() if any(unicodedata.category(ch) in _TOKEN_CATEGORIES for ch in word)]


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
