"""Changes sent many to a request (POST /v2/changes/): packing them into a body the platform takes, and reading
each change's answer exactly as the answer to its own PATCH is read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.protocol.wire import CONNECTIONS, VOUCHERS, ErrorBody, ProtocolError, Resource
from frontdesk.protocol.wire_batch import BATCH_MAX_BYTES, BATCH_MAX_CHANGES, BatchAnswer, BatchChange
from frontdesk.sync.results import Accepted, PushResult, Refused, T, Unknown
from frontdesk.sync.retry import RETRY_STATUSES

RESOURCES: dict[str, Resource[Any]] = {"connections": CONNECTIONS, "vouchers": VOUCHERS}
_OPEN, _CLOSE = b'{"changes":[', b"]}"


def pack(changes: Sequence[BatchChange], max_bytes: int = BATCH_MAX_BYTES) -> tuple[int, bytes]:
    """How many of `changes`, from the first, fit in one request, and its body; 0 when the first alone is larger
    than a batch may be (it goes on its own, as a PATCH)."""
    size, parts = len(_OPEN) + len(_CLOSE), list[bytes]()
    for change in changes[:BATCH_MAX_CHANGES]:
        part = json.dumps(change.to_json(), separators=(",", ":")).encode()
        size += len(part) + (1 if parts else 0)
        if size > max_bytes:
            break
        parts.append(part)
    return len(parts), _OPEN + b",".join(parts) + _CLOSE


def answer_of(resource: Resource[T], status: int, data: object, replayed: bool) -> PushResult[T]:
    """A change's answer from its HTTP status and body: applied (the object), or refused (the error, and the
    object as the platform holds it when it says)."""
    if status == 200:
        return Accepted(resource.parse(data, resource.name[:-1]), replayed)
    error = ErrorBody.from_json(data)
    current = None if error.current is None else resource.parse(error.current, "error.current")
    return Refused(status, error.first.code, error.first.message, current)


def read_answers(sent: Sequence[BatchChange], answer: BatchAnswer) -> list[PushResult[Any]]:
    """One result per change sent, in order. A change answered with a status worth another try is Unknown: it
    is sent again, with its key, in a later push."""
    if len(answer.results) != len(sent):
        raise ProtocolError(f"{len(answer.results)} answers to {len(sent)} changes")
    results: list[PushResult[Any]] = []
    for n, (change, item) in enumerate(zip(sent, answer.results, strict=True)):
        if item.idempotency_key != change.idempotency_key:
            raise ProtocolError(f"answer.results[{n}] is the answer to another change")
        if item.http_status in RETRY_STATUSES:
            reason = QT_TRANSLATE_NOOP("Sync", "the platform answered HTTP {status}").fill(status=str(item.http_status))
            results.append(Unknown(reason, 1))
        else:
            results.append(answer_of(RESOURCES[change.resource], item.http_status, item.body, item.replayed))
    return results
