"""Opening the desk database: SQLite pragmas, migrations on start-up, one session per unit of work."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.errors import StorageError
from frontdesk.storage.search_index import repair_index

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
OUR_MARKERS = frozenset({"alembic_version", "customers"})  # every Front Desk database has had both


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the window read while a sync writes; FULL makes a commit survive power loss (DESIGN.md §4).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA cache_size=-32000")  # 32 MB: keeps the search index's hot pages in memory
    cursor.close()


def explain_storage_failure(error: BaseException, path: Path) -> StorageError:
    """Turn a driver error into words a receptionist understands; the details go to the log."""
    text = str(getattr(error, "orig", error)).lower()
    log.warning("database error on %s: %s", path.name, type(getattr(error, "orig", error)).__name__)
    if isinstance(error, OSError):  # the file system refused before SQLite was asked
        message = f"The desk database {path} cannot be opened (check the file and its folder's permissions)."
    elif "locked" in text or "busy" in text:
        message = "The desk database is busy (another Front Desk may be using it). Please try again in a moment."
    elif "disk is full" in text or "database or disk is full" in text:
        message = "The computer's disk is full, so nothing could be saved. Free some space and try again."
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = f"The file {path} is not a Front Desk database or is damaged."
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        message = f"The desk database {path} cannot be written (check the folder's permissions)."
    else:
        message = "The desk database could not be used. Nothing was changed; please try again."
    return StorageError(message)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    """Every schema revision this version can open (its own and all earlier ones)."""
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a database from any earlier version opens in this one."""
    config = _alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _read_only_uri(path: Path) -> str:
    """A read-only URI. A WAL-mode file with no -wal beside it is closed by everyone and whole in itself: read
    it as immutable, so not even the -shm file a WAL reader otherwise needs appears next to it."""
    with path.open("rb") as file:
        wal_mode = file.read(20)[18:20] == b"\x02\x02"  # header bytes 18-19: file format versions, 2 = WAL
    idle = not path.with_name(f"{path.name}-wal").exists()
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if wal_mode and idle else "")


def check_is_ours(path: Path, *, create: bool) -> None:
    """Refuse a file that is not a Front Desk database before anything writes to it: the look is read-only,
    so someone else's file is left exactly as it was. With `create`, a missing or empty file is fine."""
    if not path.exists() or (create and path.stat().st_size == 0):
        return
    with closing(sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        names = {name for name in names if not name.startswith("sqlite_")}
        if create and not names:
            return
        if not OUR_MARKERS.issubset(names):
            what = "it holds other data" if names else "it is empty"
            raise StorageError(f"The file {path} is not a Front Desk database ({what}); it was left as it is.")
        revisions = {revision for (revision,) in connection.execute("SELECT version_num FROM alembic_version")}
    if not revisions or not revisions <= known_revisions():
        raise StorageError(
            f"The desk database {path} was made by a newer version of Front Desk (or is damaged); "
            "open it with that version."
        )


class Database:
    """The desk's SQLite file. Every service call opens its own short session through `unit_of_work`."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        try:
            self._prepare(create)
        except (OSError, sqlite3.Error) as error:
            raise explain_storage_failure(error, self.path) from error
        self.engine = create_engine(f"sqlite:///{self.path}")
        event.listen(self.engine, "connect", _set_pragmas)
        try:
            migrate(self.engine)
        except (DBAPIError, sqlite3.Error) as error:  # a damaged file fails inside the connect hook
            self.engine.dispose()
            raise explain_storage_failure(error, self.path) from error
        except CommandError as error:  # a revision no migration knows; check_is_ours normally says so first
            self.engine.dispose()
            raise StorageError(f"The desk database {self.path} has a schema this version does not know.") from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.unit_of_work() as session:
            repair_index(session)

    def _prepare(self, create: bool) -> None:
        """Plain-words refusals for a path that cannot be (or must not be) opened as the desk database."""
        if self.path.is_dir():
            raise StorageError(f"The path {self.path} is a folder; name a database file inside it.")
        if not create and not self.path.exists():
            raise StorageError(f"There is no Front Desk database at {self.path}.")
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                raise StorageError(
                    f"The folder {self.path.parent} cannot be created, so the desk database cannot be made there."
                ) from None
        check_is_ours(self.path, create=create)

    @contextmanager
    def unit_of_work(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls everything back if it raises.

        `write=True` for every check-then-write: SQLite's default transaction reads first and takes the write
        lock only at the first write, so two desks' processes (or two threads) could both pass the same check
        ("the voucher is unused") and both write. BEGIN IMMEDIATE takes the lock before the first read, so the
        second writer waits (busy timeout) and then reads what the first one committed."""
        try:
            with self._sessions.begin() as session:
                if write:
                    # pysqlite leaves BEGIN to us when we say it first; the session's commit ends it as usual.
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except DBAPIError as error:
            raise explain_storage_failure(error, self.path) from error

    def close(self) -> None:
        self.engine.dispose()
