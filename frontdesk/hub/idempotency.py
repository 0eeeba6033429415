"""At-most-once changes: each account's Idempotency-Key is stored with its first answer, in the change's transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.hub.db import next_stamp
from frontdesk.hub.errors import ApiError
from frontdesk.hub.models import IdempotencyRecord
from frontdesk.protocol.wire import JSON

MAX_KEY_LENGTH = 200

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
    for _ in range(2):
        try:
            return _attempt(engine, staff_id, key, print_, now, decide)
        except IntegrityError:
            # Only reachable if two writers raced past the clock lock (not on SQLite or PostgreSQL as used
            # here): the other one stored the key first, so the next attempt replays its answer.
            continue
    raise ApiError(503, "busy", "The platform is busy. Please try again.")


def _attempt(engine: Engine, staff_id: int, key: str, print_: str, now: datetime, decide: Decide) -> Answer:
    with Session(engine, info={"idempotency_key": key}) as session, session.begin():
        stamp = next_stamp(session, now)  # first statement: takes the write lock, so duplicates queue here
        stored = session.get(IdempotencyRecord, (staff_id, key))
        if stored is not None:
            if stored.fingerprint != print_:
                raise ApiError(
                    422, "idempotency_key_reused", "This change key was already used for a different change."
                )
            return Answer(stored.status_code, json.loads(stored.body), replayed=True)
        status, body = decide(session, stamp)
        session.add(
            IdempotencyRecord(
                staff_id=staff_id,
                key=key,
                fingerprint=print_,
                status_code=status,
                body=json.dumps(body),
                created_at=now,
            )
        )
    return Answer(status, body, replayed=False)
