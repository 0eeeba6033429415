"""Engine set-up and the server's write clock.

Every write transaction starts by advancing the clock row. That one UPDATE serialises writers (SQLite's
write lock, a row lock on PostgreSQL), so stamps are handed out in commit order and are strictly
increasing: a pull whose cursor has passed a stamp can never see an older stamp appear later.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, case, create_engine, event, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from frontdesk.hub.models import Base, ServerClock, from_micros, to_micros
from frontdesk.hub.upgrade import upgrade

_BUSY_TIMEOUT_MS = 15_000


def database_url(text: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (taken as an SQLite file)."""
    return text if "://" in text else f"sqlite:///{text}"


def make_engine(db_url: str) -> Engine:
    url = make_url(database_url(db_url))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    # hide_parameters: SQL errors must never carry customer data into a log.
    engine = create_engine(
        url,
        hide_parameters=True,
        connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # an accepted change must survive a power cut
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def engine_for(db_url_or_engine: str | Engine) -> tuple[Engine, bool]:
    """The engine to use, and whether the caller made it here (and so must dispose of it)."""
    if isinstance(db_url_or_engine, Engine):
        return db_url_or_engine, False
    return make_engine(db_url_or_engine), True


def create_schema(engine: Engine) -> None:
    """Upgrade an older hub's tables, create missing ones and the clock row; safe to call on every start."""
    upgrade(engine)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        if conn.execute(select(ServerClock.id)).first() is None:
            conn.execute(insert(ServerClock).values(id=1, last_us=0))


def next_stamp(session: Session | Connection, now: datetime) -> datetime:
    """Take the write lock and return a last_mod_dt later than every stamp handed out before."""
    now_us = to_micros(now)
    bumped = ServerClock.last_us + 1
    session.execute(
        update(ServerClock).where(ServerClock.id == 1).values(last_us=case((bumped > now_us, bumped), else_=now_us))
    )
    return from_micros(session.execute(select(ServerClock.last_us).where(ServerClock.id == 1)).scalar_one())
