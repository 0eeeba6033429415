"""Opening the desk database: SQLite pragmas, migrations on start-up, one session per unit of work."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.errors import StorageError
from frontdesk.storage.search_index import repair_index

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


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
    if "locked" in text or "busy" in text:
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


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a database from any earlier version opens in this one."""
    config = _alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """The desk's SQLite file. Every service call opens its own short session through `unit_of_work`."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StorageError(f"There is no Front Desk database at {self.path}.")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(f"sqlite:///{self.path}")
        event.listen(self.engine, "connect", _set_pragmas)
        try:
            migrate(self.engine)
        except (DBAPIError, sqlite3.Error) as error:  # a damaged file fails inside the connect hook
            self.engine.dispose()
            raise explain_storage_failure(error, self.path) from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.unit_of_work() as session:
            repair_index(session)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls everything back if it raises."""
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as error:
            raise explain_storage_failure(error, self.path) from error

    def close(self) -> None:
        self.engine.dispose()
