"""Making and upgrading the desk's schema: the engine with its pragmas, Alembic migrations in one transaction,
and a new desk file made whole before it appears under its name."""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from frontdesk.storage.file_check import BUSY_TIMEOUT_MS, MIGRATIONS


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any, *, durable: bool = True) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the window read while a sync writes; FULL makes a commit survive power loss. NORMAL (not durable)
    # skips the flush at each commit: after a power cut the file is still whole, only its last commits are gone.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA cache_size=-32000")  # 32 MB: keeps the search index's hot pages in memory
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a database from any earlier version opens in this one.

    All of it in one transaction, begun explicitly: pysqlite runs CREATE, DROP and ALTER outside any transaction
    it began itself, so a full disk or a kill part-way used to leave half a schema with no revision recorded."""
    config = alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:  # the usual case reads, and takes no write lock
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        if MigrationContext.configure(connection).get_current_revision() == head:
            return  # another process finished it while this one waited for the lock
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def desk_engine(path: Path, *, durable: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas if durable else functools.partial(_set_pragmas, durable=False))
    return engine


def create_whole(path: Path) -> None:
    """Make a new desk file in one step: built under a temporary name beside it and linked into place only when
    whole, so a full disk or a kill never leaves a half-made desk file behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.new")
    try:
        engine = desk_engine(temporary)
        try:
            migrate(engine)
        finally:
            engine.dispose()  # the last connection folds the WAL into the file
        with contextlib.suppress(FileExistsError):  # never over a file another process made meanwhile
            os.link(temporary, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
