"""Pushing the outbox: one staff action per request, in order, each with its own idempotency key.

Accepted → settled and the platform's answer stored. Refused → settled as a conflict for a person, with
the platform's reason and its current state. Unknown (timeout, network) → left waiting, to be sent again
with the same key; later actions wait behind it so their order is kept.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from frontdesk.domain.clock import Clock
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import CONNECTIONS, VOUCHERS, ConnectionStatusChange, VoucherStatusChange
from frontdesk.storage import outbox
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict, OutboxEntry
from frontdesk.storage.outbox import OutboxState
from frontdesk.sync import replica
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted, PushResult, Refused, Unknown

log = logging.getLogger(__name__)


@dataclass
class PushTally:
    pushed: int = 0
    refused: int = 0
    waiting: int = 0
    stopped_by: str | None = None  # plain words when the push stopped early (offline)
    refused_keys: list[str] = field(default_factory=list)  # settled as refused by this push, in order


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _send(client: PlatformClient, entry: OutboxEntry) -> PushResult[Any]:
    p = entry.payload
    acted_at = _moment(p.get("acted_at"))
    desk, staff = str(p.get("desk") or entry.desk), str(p.get("staff_name") or entry.staff_name)
    if entry.kind == "program_status":
        change = ConnectionStatusChange(ProgramStatus(str(p["status"])), desk, staff, acted_at)
        return client.patch_connection_status(entry.target_id, change, idempotency_key=entry.key)
    location = str(p["location"]) if p.get("location") else None
    reason = str(p["reason"]) if p.get("reason") else None
    voucher_change = VoucherStatusChange(VoucherStatus(str(p["status"])), location, reason, desk, staff, acted_at)
    return client.patch_voucher_status(entry.target_id, voucher_change, idempotency_key=entry.key)


def _settle(db: Database, clock: Clock, entry_seq: int, result: Accepted[Any] | Refused[Any]) -> bool:
    """Record the platform's answer in one transaction: entry state, replica row, conflict. False when another
    push (the background sync and an action's own confirmation can send the same entry) settled it first: the
    platform replayed the same answer to both, and it is recorded once."""
    with db.unit_of_work(write=True) as session:
        entry = session.get(OutboxEntry, entry_seq)
        assert entry is not None
        if entry.state != OutboxState.PENDING:
            return False
        resource = "connections" if entry.kind == "program_status" else "vouchers"
        platform_object = result.object if isinstance(result, Accepted) else result.current
        if platform_object is not None:
            replica.store(session, resource, replica.rows_for(resource, [platform_object]), except_key=entry.key)
        entry.state = OutboxState.ACCEPTED if isinstance(result, Accepted) else OutboxState.REFUSED
        entry.finished_at = clock.now()
        if isinstance(result, Refused):
            session.add(Conflict(created_at=clock.now(), outbox_key=entry.key, kind=entry.kind,
                                 target_id=entry.target_id, customer_id=entry.customer_id, code=result.code,
                                 message=result.message, wanted=str(entry.payload.get("status")),
                                 acted_at=entry.created_at, desk=entry.desk, staff_name=entry.staff_name,
                                 platform_state=platform_object.to_json() if platform_object else {}))  # fmt: skip
    return True


def _fetch_current(client: PlatformClient, entry: OutboxEntry) -> Any:
    resource = CONNECTIONS if entry.kind == "program_status" else VOUCHERS
    return client.get(resource, entry.target_id)


def _next_pending(db: Database, after_seq: int) -> OutboxEntry | None:
    with db.unit_of_work() as session:
        seq = outbox.next_waiting_seq(session, after_seq)
        entry = None if seq is None else session.get(OutboxEntry, seq)
        if entry is not None:
            session.expunge(entry)
        return entry


def push_outbox(db: Database, client: PlatformClient, clock: Clock, *, should_stop: Any = None,
                tally: PushTally | None = None, last_seq: int | None = None) -> PushTally:  # fmt: skip
    """Send every waiting action in order (up to `last_seq` when given: one action's confirmation sends it and
    whatever waits before it, never what came after). Counts go into `tally` as each answer is stored, so a
    caller that sees an error raised half-way (a garbled reply, signed out) still knows what was settled first.

    The next action is sent only once the platform has answered the one before it (so it decides them in
    order), but it is sent while that answer is being stored: the platform works while the desk writes. A crash
    in between leaves both waiting; both are sent again with their keys and the platform replays its answers.
    """
    tally = tally if tally is not None else PushTally()
    stopped = should_stop or (lambda: False)
    entry = None if stopped() else _next_pending(db, 0)
    if entry is None or (last_seq is not None and entry.seq > last_seq):
        return tally
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
        in_flight: Future[PushResult[Any]] | None = sender.submit(_send, client, entry)
        while in_flight is not None:
            assert entry is not None
            result = in_flight.result()  # AuthRequired, ProtocolError: raised here, after the one before is stored
            if isinstance(result, Unknown):
                with db.unit_of_work(write=True) as session:
                    waiting = session.get(OutboxEntry, entry.seq)
                    assert waiting is not None
                    waiting.attempts += 1
                    waiting.last_error = result.reason
                tally.stopped_by = result.reason
                log.info("push paused after %d attempts: %s", result.attempts, result.reason)
                break
            if isinstance(result, Refused) and result.current is None and result.http_status != 404:
                result = Refused(result.http_status, result.code, result.message, _fetch_current(client, entry))
            last = stopped() or (last_seq is not None and entry.seq >= last_seq)
            answered, entry = entry, None if last else _next_pending(db, entry.seq)
            in_flight = None if entry is None else sender.submit(_send, client, entry)
            if not _settle(db, clock, answered.seq, result):
                continue
            if isinstance(result, Accepted):
                tally.pushed += 1
            else:
                tally.refused += 1
                tally.refused_keys.append(answered.key)
                log.info("platform refused an action (%s)", result.code)
    with db.unit_of_work() as session:
        tally.waiting = outbox.count_waiting(session)
    return tally
