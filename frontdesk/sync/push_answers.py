"""Storing the platform's answers to pushed actions on the desk, and counting them for the sync's summary."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.domain.clock import Clock
from frontdesk.storage import outbox
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict, OutboxEntry
from frontdesk.storage.outbox import OutboxState
from frontdesk.sync import replica
from frontdesk.sync.results import Accepted, Refused, Unknown

log = logging.getLogger(__name__)
Answered = tuple[OutboxEntry, Accepted[Any] | Refused[Any]]  # an action and the platform's definite answer


@dataclass
class PushTally:
    pushed: int = 0
    refused: int = 0
    waiting: int = 0
    stopped_by: str | None = None  # plain words when the push stopped early (offline)
    refused_keys: list[str] = field(default_factory=list)  # settled as refused by this push, in order


def _settle(session: Session, now: datetime, entry: OutboxEntry, result: Accepted[Any] | Refused[Any],
            replica_rows: dict[str, list[replica.Row]]) -> dict[str, object]:  # fmt: skip
    """The platform's answer to a waiting entry: its conflict when refused, the row for the replica, and the
    entry's new state (to be written)."""
    resource = "connections" if entry.kind == "program_status" else "vouchers"
    platform_object = result.object if isinstance(result, Accepted) else result.current
    if platform_object is not None:
        replica_rows[resource] += replica.rows_for(resource, [platform_object])
    if isinstance(result, Refused):
        outbox.add_conflict(session, Conflict(created_at=now, outbox_key=entry.key, kind=entry.kind,
                             target_id=entry.target_id, customer_id=entry.customer_id, code=result.code,
                             message=result.message, wanted=str(entry.payload.get("status")),
                             acted_at=entry.created_at, desk=entry.desk, staff_name=entry.staff_name,
                             platform_state=platform_object.to_json() if platform_object else {}))  # fmt: skip
    state = OutboxState.ACCEPTED if isinstance(result, Accepted) else OutboxState.REFUSED
    return {"seq": entry.seq, "state": state.value, "finished_at": now}


def record(db: Database, clock: Clock, tally: PushTally, answered: Sequence[Answered]) -> None:
    """Store the answers in one transaction (all or none: a crash leaves them waiting, and the platform replays
    them), then count what this push settled. An entry another push (the background sync and an action's own
    confirmation can send the same entry) settled first is left as it is: the platform replayed the same answer
    to both, and it is recorded once.

    The platform's objects go into the replica once their entries are settled, in the order answered, unless
    another staff change to the same row is still waiting (replica.store): the row ends as the last answer
    left it, as when each answer is stored on its own."""
    if not answered:
        return
    rows: dict[str, list[replica.Row]] = {"connections": [], "vouchers": []}
    with db.unit_of_work(write=True) as session:
        seqs = [entry.seq for entry, _ in answered]
        waiting = outbox.still_waiting(session, seqs)
        settled = [entry.seq in waiting for entry, _ in answered]
        now = clock.now()
        changes = [_settle(session, now, entry, result, rows) for entry, result in answered if entry.seq in waiting]
        outbox.settle(session, changes)
        for resource, platform_rows in rows.items():  # settled entries no longer hold their rows back
            replica.store(session, resource, platform_rows)
    for (entry, result), mine in zip(answered, settled, strict=True):
        if not mine:
            continue
        if isinstance(result, Accepted):
            tally.pushed += 1
        else:
            tally.refused += 1
            tally.refused_keys.append(entry.key)
            log.info("platform refused an action (%s)", result.code)


def no_answer(db: Database, tally: PushTally, entry_seq: int, result: Unknown) -> None:
    with db.unit_of_work(write=True) as session:
        outbox.note_no_answer(session, entry_seq, result.reason)
    tally.stopped_by = result.reason
    log.info("push paused after %d attempts: %s", result.attempts, result.reason)
