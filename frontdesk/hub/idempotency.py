"""At-most-once changes: each account's Idempotency-Key is stored with its first answer, in the change's transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.hub.db import next_stamp
from frontdesk.hub.errors import ApiError
from frontdesk.hub.models import IdempotencyRecord
from frontdesk.protocol.wire import JSON

MAX_KEY_LENGTH = 200
T = TypeVar("T")

# Given the open session and the write stamp, apply (or refuse) the change: (HTTP status, body).
Decide = Callable[[Session, datetime], tuple[int, JSON]]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: JSON
    replayed: bool


def check_key(key: str | None) -> str:
    if key is None or not key.strip():
        raise ApiError(400, "idempotency_key_missing", "Every change needs an Idempotency-Key header.")
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ApiError(400, "idempotency_key_invalid", f"The Idempotency-Key must be 1-{MAX_KEY_LENGTH} characters.")
    return key


def fingerprint(method: str, path: str, body: JSON) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def run_once(engine: Engine, staff_id: int, key: str, print_: str, now: datetime, decide: Decide) -> Answer:
    """Replay the stored answer for the account's `key`, or decide now and store it atomically with the change."""

    def work(session: Session) -> Answer:
        stamp = next_stamp(session, now)  # first statement: takes the write lock, so duplicates queue here
        stored = session.get(IdempotencyRecord, (staff_id, key))
        return decide_once(session, stored, Keyed(staff_id, key, print_, now), stamp, decide)

    return in_write_transaction(engine, work)


def in_write_transaction(engine: Engine, work: Callable[[Session], T]) -> T:
    """`work` in one write transaction, whose first statement takes the write lock (next_stamp)."""
    for _ in range(2):
        try:
            with Session(engine) as session, session.begin():
                return work(session)
        except IntegrityError:
            # Only reachable if two writers raced past the clock lock (not on SQLite or PostgreSQL as used
            # here): the other one stored the key first, so the next attempt replays its answer.
            continue
    raise ApiError(503, "busy", "The platform is busy. Please try again.")


@dataclass(frozen=True, slots=True)
class Keyed:
    """One change as its idempotency key sees it: whose key, the key, the change's fingerprint, when it came."""

    staff_id: int
    key: str
    fingerprint: str
    now: datetime


def decide_once(session: Session, stored: IdempotencyRecord | None, keyed: Keyed, stamp: datetime,
                decide: Decide) -> Answer:  # fmt: skip
    """Inside a write transaction: the answer `stored` for the account's key (looked up in this transaction), or
    `decide` now and store its answer with the change. Raises 422 idempotency_key_reused, having stored nothing,
    for a key that was used for another change."""
    if stored is not None:
        if stored.fingerprint != keyed.fingerprint:
            raise ApiError(422, "idempotency_key_reused", "This change key was already used for a different change.")
        return Answer(stored.status_code, json.loads(stored.body), replayed=True)
    session.info["idempotency_key"] = keyed.key  # the change log records which key made the change
    status, body = decide(session, stamp)
    session.add(
        IdempotencyRecord(
            staff_id=keyed.staff_id,
            key=keyed.key,
            fingerprint=keyed.fingerprint,
            status_code=status,
            body=json.dumps(body),
            created_at=keyed.now,
        )
    )
    return Answer(status, body, replayed=False)
