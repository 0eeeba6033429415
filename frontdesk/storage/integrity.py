"""Noticing a damaged desk database before it is read, written or synced: SQLite's quick_check.

quick_check reads every page: at 1,000,000 customers (750 MB) it took 1.3-3 s, too long for every start of the
window or of a command. So on open it checks the whole file only when the file is small (5,000 customers: ~20 ms;
40,000 customers, 32 MB: ~50 ms), and otherwise the desk's own tables — the changes, audit log and conflicts no
platform can give back — which take a millisecond. A large file is checked whole before its first write
(Database.check_whole) and again after any storage error.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection

from frontdesk.domain.errors import StorageError

log = logging.getLogger(__name__)
DAMAGED = "database_damaged"
INDEX_REBUILT = "search_index_rebuilt"
WHOLE_FILE_ON_OPEN_BYTES = 32 * 2**20  # ~40,000 customers
DESK_OWN_TABLES = ("outbox", "audit_log", "conflicts", "sync_cursors", "desk_facts", "desk_staff", "alembic_version")
DAMAGE_WORDS = ("malformed", "corrupt", "not a database")  # SQLite's words for SQLITE_CORRUPT and SQLITE_NOTADB


def damaged(path: Path) -> StorageError:
    return StorageError(
        f"The desk database {path} is damaged, so Front Desk will not read, change or sync it. Keep the file "
        "(it may hold changes not yet sent to the platform) and ask your support contact for help.",
        code=DAMAGED,
    )


def index_rebuilt() -> StorageError:
    return StorageError("The customer search was damaged and has been rebuilt. Please try again.", code=INDEX_REBUILT)


def says_damaged(error: BaseException) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return any(words in text for words in DAMAGE_WORDS)


def problems(connection: Connection, table: str | None = None) -> list[str]:
    """What quick_check finds wrong (nothing when the file, or `table` and its indexes, is whole)."""
    pragma = "PRAGMA quick_check" if table is None else f'PRAGMA quick_check("{table}")'
    found = [str(line) for (line,) in connection.exec_driver_sql(pragma)]
    return [] if found == ["ok"] else found


def problems_on_open(connection: Connection, *, whole: bool) -> tuple[list[str], bool]:
    """(what is wrong, whether the whole file was checked): the whole file, or the desk's own tables (those an
    earlier revision does not have yet are skipped)."""
    if whole:
        return problems(connection), True
    present = {name for (name,) in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    return [line for table in DESK_OWN_TABLES if table in present for line in problems(connection, table)], False


def report(path: Path, found: list[str]) -> None:
    """Log what was found (page and cell numbers, never a row's content) for support."""
    log.warning("%s failed SQLite's quick_check (%d problems), first: %s", path.name, len(found), found[0][:300])
