"""What a file is before the desk opens it: new, a Front Desk database, one whose schema was cut off while it was
first made, or someone else's. The look is read-only, so a file that is not ours is left exactly as it was."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from enum import Enum
from pathlib import Path

from alembic.script import ScriptDirectory

from frontdesk.domain.errors import StorageError
from frontdesk.storage.models import Base
from frontdesk.storage.search_index import FTS_TABLE

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
VERSION_TABLE = "alembic_version"
OUR_MARKERS = frozenset({VERSION_TABLE, "customers"})  # every finished Front Desk database has had both
# Table name -> its columns at the newest revision (earlier revisions had fewer). The search index's tables are
# FTS5's own: their columns are not ours to name.
OUR_COLUMNS = {name: frozenset(table.columns.keys()) for name, table in Base.metadata.tables.items()}
VERSION_COLUMNS = frozenset({"version_num"})


class FileState(Enum):
    NEW = "new"  # missing, empty, or an SQLite file without tables: the schema is made from scratch
    OURS = "ours"  # a Front Desk database at a revision this version knows
    UNFINISHED = "unfinished"  # our tables, cut off (full disk, a kill) before the first revision was recorded


def known_revisions() -> set[str]:
    """Every schema revision this version can open (its own and all earlier ones)."""
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def read_only_uri(path: Path) -> str:
    """A read-only URI. A WAL-mode file with no -wal beside it is closed by everyone and whole in itself: read
    it as immutable, so not even the -shm file a WAL reader otherwise needs appears next to it."""
    with path.open("rb") as file:
        wal_mode = file.read(20)[18:20] == b"\x02\x02"  # header bytes 18-19: file format versions, 2 = WAL
    idle = not path.with_name(f"{path.name}-wal").exists()
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if wal_mode and idle else "")


def _is_our_table(connection: sqlite3.Connection, name: str) -> bool:
    if name.startswith(FTS_TABLE):
        return True
    columns = VERSION_COLUMNS if name == VERSION_TABLE else OUR_COLUMNS.get(name)
    if columns is None:
        return False
    return {column for (_, column, *_) in connection.execute(f'PRAGMA table_info("{name}")')} <= columns


def rows_in_our_tables(connection: sqlite3.Connection, tables: set[str]) -> int:
    """Rows a person or a sync put there (the search index's bookkeeping rows do not count)."""
    data = [name for name in tables if name in OUR_COLUMNS]
    return sum(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in data)


def unfinished_schema(connection: sqlite3.Connection) -> bool:
    """Only our tables and no revision recorded: a schema cut off while it was first made. Whether it may be
    started again depends on its rows (`rows_in_our_tables`): a restart must never throw a row away."""
    kinds = dict(connection.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    tables = {name for name, kind in kinds.items() if kind == "table"}
    if "view" in kinds.values() or not tables or not all(_is_our_table(connection, name) for name in tables):
        return False
    return VERSION_TABLE not in tables or not connection.execute(f"SELECT 1 FROM {VERSION_TABLE}").fetchone()


def inspect_file(path: Path, *, create: bool) -> FileState:
    """Refuse a file that is not a Front Desk database before anything writes to it. With `create`, a missing or
    empty file is fine."""
    if not path.exists() or (create and path.stat().st_size == 0):
        return FileState.NEW
    with closing(sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        names = {name for name in names if not name.startswith("sqlite_")}
        if create and not names:
            return FileState.NEW
        if unfinished_schema(connection):
            if rows_in_our_tables(connection, names):
                raise StorageError(
                    f"The desk database {path} was never finished being set up, yet it holds data; "
                    "it was left as it is. Ask your support contact to look at it."
                )
            return FileState.UNFINISHED
        if not OUR_MARKERS.issubset(names):
            what = "it holds other data" if names else "it is empty"
            raise StorageError(f"The file {path} is not a Front Desk database ({what}); it was left as it is.")
        revisions = {revision for (revision,) in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")}
    if not revisions or not revisions <= known_revisions():
        raise StorageError(
            f"The desk database {path} was made by a newer version of Front Desk (or is damaged); "
            "open it with that version."
        )
    return FileState.OURS


def restart_unfinished(path: Path) -> None:
    """Drop what a cut-off first set-up left, so the migrations can make the schema from the start. Looked at
    again under the write lock: only a schema that is still unfinished and still empty is dropped."""
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not unfinished_schema(connection) or rows_in_our_tables(connection, names):
                raise StorageError(f"The desk database {path} changed while it was being opened; please try again.")
            if FTS_TABLE in names:  # its shadow tables go with it
                connection.execute(f"DROP TABLE {FTS_TABLE}")
            shadows_gone = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
            for name in sorted(names & shadows_gone):
                if not name.startswith("sqlite_"):
                    connection.execute(f'DROP TABLE "{name}"')
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
