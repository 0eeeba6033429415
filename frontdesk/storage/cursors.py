"""Where each resource's pull stands, as the desk keeps it: the (last_mod_dt, id) cursor in sync_cursors and the
small facts beside it in desk_facts (the horizon of each cursor, the scope they were pulled with). What they
mean, and when a pull re-reads or starts again, is frontdesk/sync's (cursors.py, scope.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from frontdesk.storage.models import DeskFact, SyncCursor


def cursor_of(session: Session, resource: str) -> tuple[datetime, int] | None:
    """(last_mod_dt, last id) of the last object stored for `resource`; None before its first pull."""
    row = session.get(SyncCursor, resource)
    return (row.last_mod_dt, row.last_id) if row is not None and row.last_mod_dt is not None else None


def save_cursor(session: Session, resource: str, last_mod_dt: datetime, last_id: int) -> None:
    session.merge(SyncCursor(resource=resource, last_mod_dt=last_mod_dt, last_id=last_id))


def fact(session: Session, key: str) -> str | None:
    found = session.get(DeskFact, key)
    return None if found is None else found.value


def save_fact(session: Session, key: str, value: str) -> None:
    session.merge(DeskFact(key=key, value=value))


def forget_cursors(session: Session, fact_prefix: str) -> None:
    """Every cursor, and every fact whose key starts with `fact_prefix` (the facts kept with the cursors)."""
    session.execute(delete(SyncCursor))
    session.execute(delete(DeskFact).where(DeskFact.key.startswith(fact_prefix)))
