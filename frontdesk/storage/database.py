"""Opening the desk database: SQLite pragmas, migrations on start-up, damage checks, one session per unit of work."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.util import CommandError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.errors import FrontDeskError, StorageError
from frontdesk.storage import integrity
from frontdesk.storage.failures import explain_storage_failure, failure_kind
from frontdesk.storage.file_check import BUSY_TIMEOUT_MS, MIGRATIONS, FileState, inspect_file, restart_unfinished
from frontdesk.storage.schema import create_whole, desk_engine, migrate
from frontdesk.storage.search_index import index_is_whole, rebuild_index, repair_index

__all__ = ["BUSY_TIMEOUT_MS", "MIGRATIONS", "Database", "explain_storage_failure"]
log = logging.getLogger(__name__)


class Database:
    """The desk's SQLite file. Every service call opens its own short session through `unit_of_work`.

    A file found damaged (on open, before the first write, after a storage error) is never read, written or
    synced again through this object: every unit of work raises StorageError with code "database_damaged"."""

    def __init__(self, path: Path | str, *, create: bool = True,
                 check_whole_up_to: int = integrity.WHOLE_FILE_ON_OPEN_BYTES,
                 durable: bool = True) -> None:  # fmt: skip
        """`check_whole_up_to`: the largest file (bytes) checked whole on open; a larger one is checked in part
        then, and whole before its first write. `durable=False`: this handle's commits are not flushed to the disk
        one by one (a power cut may take its last ones back, never leaves the file broken): for a first load, whose
        batches are pulled again after such a loss; staff actions always go through a durable handle."""
        self.path = Path(path)
        self._damaged = False
        self._whole_checked = False  # a large file is checked whole before its first write
        self._check_lock = threading.Lock()
        try:
            state = self._prepare(create)
            if state is FileState.NEW and not self.path.exists():
                create_whole(self.path)
            elif state is FileState.UNFINISHED:
                log.warning("%s: finishing a schema that was cut off while it was first made", self.path.name)
                restart_unfinished(self.path)
        except (OSError, sqlite3.Error, DBAPIError) as error:
            raise explain_storage_failure(error, self.path) from error
        self.engine = desk_engine(self.path, durable=durable)
        try:
            self._check_on_open(check_whole_up_to)
            migrate(self.engine)
        except (DBAPIError, sqlite3.Error) as error:  # a damaged file fails inside the connect hook
            self.engine.dispose()
            raise (integrity.damaged(self.path) if integrity.says_damaged(error) else
                   explain_storage_failure(error, self.path)) from error  # fmt: skip
        except CommandError as error:  # a revision no migration knows; inspect_file normally says so first
            self.engine.dispose()
            raise StorageError(f"The desk database {self.path} has a schema this version does not know.") from error
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.unit_of_work() as session:
            repair_index(session)

    def _prepare(self, create: bool) -> FileState:
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
        return inspect_file(self.path, create=create)

    def _check_on_open(self, whole_up_to: int) -> None:
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        with self.engine.connect() as connection:
            found, whole = integrity.problems_on_open(connection, whole=size <= whole_up_to)
        if found:
            self._found_damage(found)
        self._whole_checked = whole

    def _found_damage(self, found: list[str]) -> None:
        integrity.report(self.path, found)
        self._damaged = True
        raise integrity.damaged(self.path)

    def check_whole(self) -> None:
        """quick_check of the whole file, once per Database (a large file is checked in part on open). Raises
        StorageError "database_damaged" when it is damaged."""
        if self._damaged:
            raise integrity.damaged(self.path)
        with self._check_lock:
            if self._whole_checked:
                return
            try:
                with self.engine.connect() as connection:
                    found = integrity.problems(connection)
            except DBAPIError as error:
                raise self._after_error(error) from error
            if found:
                self._found_damage(found)
            self._whole_checked = True

    @contextmanager
    def unit_of_work(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls everything back if it raises.

        `write=True` for every check-then-write: SQLite's default transaction reads first and takes the write
        lock only at the first write, so two desks' processes (or two threads) could both pass the same check
        ("the voucher is unused") and both write. BEGIN IMMEDIATE takes the lock before the first read, so the
        second writer waits (busy timeout) and then reads what the first one committed."""
        if self._damaged:
            raise integrity.damaged(self.path)
        if write and not self._whole_checked:
            self.check_whole()
        try:
            with self._sessions.begin() as session:
                if write:
                    # pysqlite leaves BEGIN to us when we say it first; the session's commit ends it as usual.
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except DBAPIError as error:
            raise self._after_error(error) from error
        except FrontDeskError:
            raise
        except Exception as error:  # rows a damaged page turned to garbage fail in surprising ways: look first
            if self._is_damaged_now():
                raise integrity.damaged(self.path) from error
            raise

    def _is_damaged_now(self) -> bool:
        try:
            with self.engine.connect() as connection:
                found = integrity.problems(connection)
        except DBAPIError as error:
            found = [str(error.orig)] if integrity.says_damaged(error) else []
        if found:
            integrity.report(self.path, found)
            self._damaged = True
        return bool(found)

    def _after_error(self, error: DBAPIError) -> StorageError:
        """A storage error: a damaged file is named as such (and used no more); a search index damaged on sound
        pages is rebuilt; anything else is explained in plain words."""
        kind = failure_kind(error)
        if kind in ("damaged", "io", "other") and self._is_damaged_now():
            return integrity.damaged(self.path)
        if kind == "damaged" and self._rebuilt_search_index():
            return integrity.index_rebuilt()
        return explain_storage_failure(error, self.path)

    def _rebuilt_search_index(self) -> bool:
        """Every page is sound, yet SQLite called something damaged: FTS5 says so of its own index."""
        try:
            with self._sessions.begin() as session:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                if index_is_whole(session):
                    return False
                log.warning("%s: the search index was damaged; rebuilding it", self.path.name)
                rebuild_index(session)
                return True
        except DBAPIError:
            log.warning("%s: the search index could not be checked or rebuilt", self.path.name)
            return False

    def close(self) -> None:
        self.engine.dispose()
