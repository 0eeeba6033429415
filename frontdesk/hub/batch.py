"""POST /v2/changes/: many desk changes in one request, each decided exactly as its own PATCH would be.

The changes are decided in order, each by the PATCH's own steps (role check, idempotency key, the rules of
changes.py, its stored answer), all in one write transaction: one commit for the batch instead of one per change
(a commit waits for the disk), with one write stamp. The rows and stored answers the batch names are read up
front, in two queries, and its writes go to the database together at the commit. A batch is applied whole or
not at all, so a connection lost half-way leaves either every answer stored (a resend replays them) or nothing
(a resend applies them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from frontdesk.hub.auth import Account
from frontdesk.hub.bodies import parse_json
from frontdesk.hub.changes import Acting, Outcome, change_connection, change_voucher, current_json, role_refusal
from frontdesk.hub.db import next_stamp
from frontdesk.hub.errors import ApiError, malformed, refusal
from frontdesk.hub.idempotency import MAX_KEY_LENGTH, Keyed, check_key, decide_once, fingerprint, in_write_transaction
from frontdesk.hub.models import MAX_ID, ConnectionRow, IdempotencyRecord, VoucherRow
from frontdesk.protocol.wire import JSON, ProtocolError
from frontdesk.protocol.wire_batch import BatchAnswer, BatchChange, ChangeAnswer, ChangeBatch

_APPLY: dict[str, Callable[..., Outcome]] = {"connections": change_connection, "vouchers": change_voucher}
_ROWS: dict[str, type[VoucherRow] | type[ConnectionRow]] = {"connections": ConnectionRow, "vouchers": VoucherRow}


def read_batch(raw: bytes) -> ChangeBatch:
    """The request body as a batch, or 422 invalid_body naming the first change that cannot be read (nothing
    of the batch is applied then)."""
    try:
        batch = ChangeBatch.from_json(parse_json(raw))
    except ProtocolError as error:
        raise malformed(error.detail) from None
    for n, change in enumerate(batch.changes):
        try:
            check_key(change.idempotency_key)
        except ApiError:
            raise malformed(
                f"body.changes[{n}].idempotency_key should be 1-{MAX_KEY_LENGTH} printable characters"
            ) from None
    return batch


def change_many(engine: Engine, account: Account, now: Callable[[], datetime], offline_window: timedelta,
                batch: ChangeBatch) -> JSON:  # fmt: skip
    """Decide every change of `batch` in order, each at its own moment of the hub's clock (as a PATCH sent
    after the one before would be); the answer holds each one's status and body."""
    allowed = [role_refusal(account, change.change) is None for change in batch.changes]

    def work(session: Session) -> list[ChangeAnswer]:
        # Something will be written: the write lock before the first read, as every writer here takes it.
        stamp = next_stamp(session, now()) if any(allowed) else now()
        rows = _rows(session, batch.changes, lock=any(allowed))
        stored = _stored_answers(session, account.id, {change.idempotency_key for change in batch.changes})
        answers = []
        for change in batch.changes:
            acting = Acting(account, now(), offline_window)
            answers.append(_decide(session, acting, stamp, change, rows, stored))
        return answers

    return BatchAnswer(tuple(in_write_transaction(engine, work))).to_json()


Rows = dict[tuple[str, int], VoucherRow | ConnectionRow]
Stored = dict[str, IdempotencyRecord | None]  # None once a change of this batch has stored an answer for the key


def _rows(session: Session, changes: Iterable[BatchChange], *, lock: bool) -> Rows:
    """The rows the changes name, read (and locked, when the batch will write) in one query per resource."""
    found: Rows = {}
    for resource, model in _ROWS.items():
        ids = sorted({c.object_id for c in changes if c.resource == resource and c.object_id <= MAX_ID})
        if ids:
            key = model.__mapper__.primary_key[0]
            query = select(model).where(key.in_(ids)).order_by(key)
            for row in session.scalars(query.with_for_update() if lock else query):
                found[resource, getattr(row, key.name)] = cast(VoucherRow | ConnectionRow, row)
    return found


def _stored_answers(session: Session, staff_id: int, keys: set[str]) -> Stored:
    query = select(IdempotencyRecord).where(IdempotencyRecord.staff_id == staff_id, IdempotencyRecord.key.in_(keys))
    return {record.key: record for record in session.scalars(query)}


def _decide(session: Session, acting: Acting, stamp: datetime, change: BatchChange, rows: Rows,
            stored: Stored) -> ChangeAnswer:  # fmt: skip
    key = change.idempotency_key
    refused = role_refusal(acting.account, change.change)
    if refused is not None:  # about who asks, not the object: not stored under the key (as for a PATCH)
        row = rows.get((change.resource, change.object_id))
        status, body = refusal(refused, current=None if row is None else current_json(row))
        return ChangeAnswer(key, status, False, body)
    if key in stored and stored[key] is None:  # a key this batch has already used: its answer is in the session
        stored[key] = session.get(IdempotencyRecord, (acting.account.id, key))
    apply = _APPLY[change.resource]
    keyed = Keyed(acting.account.id, key, fingerprint("PATCH", change.path, change.change.to_json()), acting.now)
    try:  # the fingerprint is the PATCH's: the same change sent as a PATCH replays this answer, and the other way
        answer = decide_once(
            session,
            stored.get(key),
            keyed,
            stamp,
            lambda inner, at: apply(inner, at, acting, change.object_id, change.change),
        )
    except ApiError as reused:  # idempotency_key_reused: refused before anything of this change was written
        return ChangeAnswer(key, reused.status, False, reused.body)
    if not answer.replayed:
        stored[key] = None
    return ChangeAnswer(key, answer.status, answer.replayed, answer.body)
