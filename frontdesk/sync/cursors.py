"""Where each resource's pull stands, and how far back the next pull must look (docs/architecture.md §5: the overlap).

The cursor is the (last_mod_dt, id) of the last object stored. On the real platform a change can be stamped
before it commits, so an object can appear *behind* a cursor after the pull that passed its place. Only a
change that commits after a pull began can do that, and its stamp is at most OVERLAP older than its commit.
So with each cursor the desk keeps the horizon: the platform's clock (its HTTP Date) when the pull that
stored the cursor began. Anything that pull may have missed is stamped at or after `horizon - OVERLAP`, and
the next pull re-reads from there when that is before the cursor. Re-read objects the desk already holds
unchanged (same id and last_mod_dt) are dropped before storing, so they cost no write and do not count as
pulled; the rest are upserted as usual, and a change still waiting to be pushed is never overwritten
(replica.store).

Once a pull has begun OVERLAP after the newest stamp, the next one asks from the cursor exactly: a sync
with nothing new re-reads nothing. Without a horizon (no Date header) the desk re-reads OVERLAP before the
cursor every time. An older horizon is always safe, so a missing Date keeps the previous one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from frontdesk.protocol.wire import Cursor
from frontdesk.storage.database import Database
from frontdesk.storage.models import DeskFact, SyncCursor
from frontdesk.sync import replica
from frontdesk.sync.scope import HORIZON_FACT

# Commit latency (stamp → commit) plus clock skew between the platform's Date and its stamps, plus the
# Date header's one-second resolution.
OVERLAP = timedelta(seconds=5)


@dataclass(frozen=True, slots=True)
class PullState:
    cursor: Cursor | None
    horizon: datetime | None  # the platform's clock when the pull that stored `cursor` began

    def plan(self, overlap: timedelta = OVERLAP) -> tuple[Cursor | None, Cursor | None]:
        """(where to ask from, end of the re-read window or None when there is nothing to re-read)."""
        if self.cursor is None:
            return None, None
        since = (self.cursor.last_mod_dt if self.horizon is None else self.horizon) - overlap
        if since > self.cursor.last_mod_dt:
            return self.cursor, None
        return Cursor(since, 0), self.cursor  # id 0: every object stamped at or after `since`


def load_state(db: Database, name: str) -> PullState:
    with db.unit_of_work() as session:
        row = session.get(SyncCursor, name)
        fact = session.get(DeskFact, HORIZON_FACT + name)
    cursor = Cursor(row.last_mod_dt, row.last_id) if row and row.last_mod_dt else None
    return PullState(cursor, None if fact is None else datetime.fromisoformat(fact.value))


def save(session: Session, name: str, cursor: Cursor | None, horizon: datetime | None) -> None:
    if cursor is not None:
        session.merge(SyncCursor(resource=name, last_mod_dt=cursor.last_mod_dt, last_id=cursor.id))
    if horizon is not None:
        session.merge(DeskFact(key=HORIZON_FACT + name, value=horizon.isoformat()))


_HELD = {
    name: text(f"SELECT id, last_mod_dt FROM {table.name} WHERE id IN (SELECT value FROM json_each(:ids))")
    for name, table in replica.TABLES.items()
}


def drop_known(db: Database, name: str, objects: Sequence[Any], upto: Cursor) -> list[Any]:
    """`objects` without the re-read ones (at or before `upto`) that the desk already holds as they are."""
    again = [o for o in objects if Cursor(o.last_mod_dt, o.id) <= upto]
    if not again:
        return list(objects)
    with db.unit_of_work() as session:
        rows = session.execute(_HELD[name], {"ids": json.dumps([o.id for o in again])}).all()
    held: dict[int, str | None] = {int(row[0]): row[1] for row in rows}
    known = {o.id for o in again if held.get(o.id) == replica.stamp_text(o.last_mod_dt)}
    return [o for o in objects if o.id not in known or Cursor(o.last_mod_dt, o.id) > upto]
