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

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from frontdesk.protocol.wire import Cursor
from frontdesk.storage import cursors as stored
from frontdesk.storage import replica_store
from frontdesk.storage.database import Database
from frontdesk.storage.replica_store import Row
from frontdesk.sync.scope import HORIZON_FACT
from frontdesk.sync.wire_rows import Key

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
        cursor = stored.cursor_of(session, name)
        horizon = stored.fact(session, HORIZON_FACT + name)
    return PullState(
        None if cursor is None else Cursor(*cursor), None if horizon is None else datetime.fromisoformat(horizon)
    )


def save(session: Session, name: str, cursor: Cursor | None, horizon: datetime | None) -> None:
    if cursor is not None:
        stored.save_cursor(session, name, cursor.last_mod_dt, cursor.id)
    if horizon is not None:
        stored.save_fact(session, HORIZON_FACT + name, horizon.isoformat())


def drop_known(db: Database, name: str, rows: list[Row], keys: list[Key], upto: Cursor) -> tuple[list[Row], list[Key]]:
    """`rows` (and their keys) without the re-read ones (at or before `upto`) that the desk already holds as they
    are: same id, same last_mod_dt (the row's last column)."""
    end = (upto.last_mod_dt, upto.id)
    again = [row[0] for row, key in zip(rows, keys, strict=True) if key <= end]
    if not again:
        return rows, keys
    with db.unit_of_work() as session:
        held = replica_store.held_stamps(session, name, again)
    kept = [(row, key) for row, key in zip(rows, keys, strict=True) if key > end or held.get(row[0], 0) != row[-1]]
    return [row for row, _ in kept], [key for _, key in kept]
