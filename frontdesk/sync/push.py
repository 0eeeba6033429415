"""Pushing the outbox: staff actions in order, each with its own idempotency key, hundreds to a request.

Accepted → settled and the platform's answer stored. Refused → settled as a conflict for a person, with
the platform's reason and its current state. Unknown (timeout, network) → left waiting, to be sent again
with the same key; later actions wait behind it so their order is kept.

Actions go to the platform in batches (POST /v2/changes/), which it decides in order, each as its own PATCH;
a platform without batches gets one PATCH per action (the client remembers), and so do the actions of a
batch the platform refused as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from frontdesk.domain.clock import Clock
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import CONNECTIONS, VOUCHERS, ConnectionStatusChange, Resource, VoucherStatusChange
from frontdesk.protocol.wire_batch import BATCH_MAX_CHANGES, BatchChange
from frontdesk.storage import outbox
from frontdesk.storage.database import Database
from frontdesk.storage.models import OutboxEntry
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.push_answers import Answered, PushTally, no_answer, record
from frontdesk.sync.results import Accepted, PushResult, Refused, Unknown

__all__ = ["PushTally", "push_outbox"]


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _change(entry: OutboxEntry) -> BatchChange:
    """The outbox entry as the change the platform is sent, keyed by the entry's key."""
    p = entry.payload
    acted_at = _moment(p.get("acted_at"))
    desk, staff = str(p.get("desk") or entry.desk), str(p.get("staff_name") or entry.staff_name)
    if entry.kind == "program_status":
        change = ConnectionStatusChange(ProgramStatus(str(p["status"])), desk, staff, acted_at)
        return BatchChange(entry.key, CONNECTIONS.name, entry.target_id, change)
    location = str(p["location"]) if p.get("location") else None
    reason = str(p["reason"]) if p.get("reason") else None
    voucher_change = VoucherStatusChange(VoucherStatus(str(p["status"])), location, reason, desk, staff, acted_at)
    return BatchChange(entry.key, VOUCHERS.name, entry.target_id, voucher_change)


def _send(client: PlatformClient, entry: OutboxEntry) -> PushResult[Any]:
    sent = _change(entry)
    if isinstance(sent.change, ConnectionStatusChange):
        return client.patch_connection_status(sent.object_id, sent.change, idempotency_key=sent.idempotency_key)
    return client.patch_voucher_status(sent.object_id, sent.change, idempotency_key=sent.idempotency_key)


def _with_current(client: PlatformClient, entry: OutboxEntry, result: Accepted[Any] | Refused[Any]) -> Answered:
    """A refusal that did not say how the platform holds the object: asked for it, for the conflict."""
    if isinstance(result, Refused) and result.current is None and result.http_status != 404:
        resource: Resource[Any] = CONNECTIONS if entry.kind == "program_status" else VOUCHERS
        return entry, Refused(result.http_status, result.code, result.message, client.get(resource, entry.target_id))
    return entry, result


def _waiting(db: Database, after_seq: int, last_seq: int | None, limit: int) -> list[OutboxEntry]:
    """Up to `limit` waiting actions after `after_seq` (and not after `last_seq`), in the order staff made them."""
    with db.unit_of_work() as session:
        entries = outbox.waiting_entries(session, after_seq, last_seq, limit)
        session.expunge_all()
    return entries


def push_outbox(db: Database, client: PlatformClient, clock: Clock, *, should_stop: Any = None,
                tally: PushTally | None = None, last_seq: int | None = None) -> PushTally:  # fmt: skip
    """Send every waiting action in order (up to `last_seq` when given: one action's confirmation sends it and
    whatever waits before it, never what came after). Counts go into `tally` as each answer is stored, so a
    caller that sees an error raised half-way (a garbled reply, signed out) still knows what was settled first.

    The next batch (or action) is sent only once the platform has answered every action before it (so it decides
    them in order), but it is sent while those answers are being stored: the platform works while the desk
    writes. A crash in between leaves both waiting; both are sent again with their keys and the platform replays
    its answers.
    """
    tally = tally if tally is not None else PushTally()
    stopped: Callable[[], bool] = should_stop or (lambda: False)
    if not stopped():
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
            if client.takes_batches:
                _push_batches(db, client, clock, sender, stopped, tally, last_seq)
            else:
                _push_one_by_one(db, client, clock, sender, stopped, tally, last_seq)
    with db.unit_of_work() as session:
        tally.waiting = outbox.count_waiting(session)
    return tally


def _push_batches(db: Database, client: PlatformClient, clock: Clock, sender: ThreadPoolExecutor,
                  stopped: Callable[[], bool], tally: PushTally, last_seq: int | None) -> None:  # fmt: skip
    def send(entries: list[OutboxEntry]) -> Future[list[PushResult[Any]] | None] | None:
        return sender.submit(client.push_changes, [_change(e) for e in entries]) if entries else None

    batch = _waiting(db, 0, last_seq, BATCH_MAX_CHANGES)
    in_flight = send(batch)
    while in_flight is not None:
        results = in_flight.result()  # AuthRequired, ProtocolError: raised here, after the batch before is stored
        if results is None:  # one PATCH each: this batch's actions, or every action if the platform has no batches
            upto = batch[-1].seq if client.takes_batches else last_seq
            if not _push_one_by_one(db, client, clock, sender, stopped, tally, upto) or not client.takes_batches:
                return
            batch = _waiting(db, batch[-1].seq, last_seq, BATCH_MAX_CHANGES)
            in_flight = send(batch)
            continue
        answered: list[Answered] = []
        unknown = None
        # Fewer results than actions: the rest did not fit in the request and go in the next one.
        for entry, result in zip(batch, results, strict=False):
            if isinstance(result, Unknown):  # it and everything after it wait for the next push
                unknown = entry, result
                break
            answered.append(_with_current(client, entry, result))
        following = _waiting(db, answered[-1][0].seq, last_seq, BATCH_MAX_CHANGES) if answered else []
        in_flight = None if unknown is not None or stopped() else send(following)
        record(db, clock, tally, answered)
        if unknown is not None:
            no_answer(db, tally, unknown[0].seq, unknown[1])
        batch = following


def _next_pending(db: Database, after_seq: int) -> OutboxEntry | None:
    with db.unit_of_work() as session:
        seq = outbox.next_waiting_seq(session, after_seq)
        entry = None if seq is None else session.get(OutboxEntry, seq)
        if entry is not None:
            session.expunge(entry)
        return entry


def _push_one_by_one(db: Database, client: PlatformClient, clock: Clock, sender: ThreadPoolExecutor,
                     stopped: Callable[[], bool], tally: PushTally, last_seq: int | None) -> bool:  # fmt: skip
    """One PATCH per waiting action, up to `last_seq`. False when it stopped early (no answer, or asked to)."""
    entry = _next_pending(db, 0)
    if entry is None or (last_seq is not None and entry.seq > last_seq):
        return True
    in_flight: Future[PushResult[Any]] | None = sender.submit(_send, client, entry)
    while in_flight is not None:
        assert entry is not None
        result = in_flight.result()  # AuthRequired, ProtocolError: raised here, after the one before is stored
        if isinstance(result, Unknown):
            no_answer(db, tally, entry.seq, result)
            return False
        answered = _with_current(client, entry, result)
        if stopped():
            record(db, clock, tally, [answered])
            return False
        last = last_seq is not None and entry.seq >= last_seq
        entry = None if last else _next_pending(db, entry.seq)
        in_flight = None if entry is None else sender.submit(_send, client, entry)
        record(db, clock, tally, [answered])
    return True
