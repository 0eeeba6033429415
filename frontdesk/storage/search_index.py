"""The FTS5 customer index: turning typed text into a safe MATCH query, and fast bulk loads."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from frontdesk.storage.models import DeskFact

FTS_TABLE = "customers_fts"
INSERT_TRIGGER = "customers_fts_ai"
EMAIL_TABLE = "customers_fts_email"  # trigram index of the e-mail columns: any fragment of 3+ characters
EMAIL_INSERT_TRIGGER = "customers_fts_email_ai"
MIN_FRAGMENT = 3  # the trigram tokenizer cannot match anything shorter
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


def email_fragment_expression(typed: str) -> str | None:
    """`derson13` → `"derson13"`: one quoted trigram phrase, which matches e-mail addresses holding the typed text
    anywhere (case folded); None for text with white space, fewer than 3 characters or unprintable ones. Inside
    the quotes nothing is syntax; a typed quote is doubled."""
    fragment = typed.strip()
    if len(fragment) < MIN_FRAGMENT or not fragment.isprintable() or any(ch.isspace() for ch in fragment):
        return None
    return '"' + fragment.replace('"', '""') + '"'


SUSPENDED_FACT = "search_index_suspended"
EMAIL_SUSPENDED_FACT = "email_index_suspended"
# (index, its insert trigger, the desk fact that keeps the trigger's SQL while it is suspended)
_INDEXES = ((FTS_TABLE, INSERT_TRIGGER, SUSPENDED_FACT), (EMAIL_TABLE, EMAIL_INSERT_TRIGGER, EMAIL_SUSPENDED_FACT))


def suspend_index(session: Session) -> None:
    """Stop per-row index upkeep for a large load (per-row upkeep costs ~10x one rebuild).

    Each insert trigger's own SQL is kept in desk_facts in the same transaction, so it is re-created verbatim,
    and a crash mid-load is repaired by `repair_index` the next time the database opens.
    """
    for _table, trigger, fact in _INDEXES:
        trigger_sql = session.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"), {"name": trigger}
        ).scalar_one_or_none()
        if trigger_sql is None:
            continue  # already suspended
        session.merge(DeskFact(key=fact, value=trigger_sql))
        session.execute(text(f"DROP TRIGGER {trigger}"))


AUTOMERGE = 4  # FTS5's own default: merge once 4 segments of a level are there


def merge_automatically(session: Session, *, on: bool) -> None:
    """Switch FTS5's automatic merging of both indexes' segments on (its default) or off (for a bulk build: kept in
    the index's own config table, so a crash leaves it off until resume_index puts it back)."""
    for table, _trigger, _fact in _INDEXES:
        session.execute(text(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', {AUTOMERGE if on else 0})"))


def resume_index(session: Session) -> None:
    """Rebuild each suspended index from the customers table and restore its per-row upkeep; automatic merging is
    off during the rebuild (as for a chunked build) and on afterwards, also after a crash left it off."""
    suspended = [(table, fact) for table, _trigger, key in _INDEXES if (fact := session.get(DeskFact, key))]
    if not suspended:
        return
    merge_automatically(session, on=False)
    for table, fact in suspended:
        session.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
        session.execute(text(fact.value))
        session.delete(fact)
    merge_automatically(session, on=True)


repair_index = resume_index  # on open: finish what a crashed load left suspended


def index_is_whole(session: Session) -> bool:
    """FTS5's own integrity check of both indexes, against the customers table too (rank 1): an index can be
    damaged while every page of the file is sound, and then a search fails or misses people. ~13 s at 1M
    customers for the word index: it runs only after a storage error, never on open."""
    try:
        for table, _trigger, _fact in _INDEXES:
            session.execute(text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"))
    except DBAPIError as error:
        if "malformed" in str(error.orig) or "corrupt" in str(error.orig):
            return False
        raise
    return True


def rebuild_index(session: Session) -> None:
    """Throw both indexes away and make them again from the customers table (~6 s at 1M customers for the word
    index)."""
    for table, _trigger, _fact in _INDEXES:
        session.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))


@contextmanager
def bulk_customer_load(session: Session) -> Iterator[None]:
    """Insert many customers in one transaction without per-row index upkeep, then rebuild once."""
    suspend_index(session)
    yield
    resume_index(session)
