"""What the status bar shows about this desk's data: changes waiting, open conflicts, last good sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict, DeskFact, OutboxEntry
from frontdesk.sync.engine import LAST_GOOD_SYNC


@dataclass(frozen=True, slots=True)
class DeskState:
    waiting: int
    open_conflicts: int
    last_good_sync: datetime | None


def read_desk_state(db: Database) -> DeskState:
    with db.unit_of_work() as session:
        waiting = session.scalar(select(func.count()).where(OutboxEntry.state == "PENDING")) or 0
        conflicts = session.scalar(select(func.count()).where(Conflict.acknowledged_at.is_(None))) or 0
        fact = session.get(DeskFact, LAST_GOOD_SYNC)
        return DeskState(waiting, conflicts, datetime.fromisoformat(fact.value) if fact else None)
