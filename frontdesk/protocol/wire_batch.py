"""Many changes in one request (POST /v2/changes/): each the PATCH a desk would send, with its own
Idempotency-Key, and each with its own answer — the status and body that PATCH would have got.

One request per change costs a round trip and, on the platform, a commit each; a desk coming back online with
thousands of actions sends them a few hundred at a time instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from frontdesk.protocol.wire_changes import ConnectionStatusChange, VoucherStatusChange
from frontdesk.protocol.wire_fields import Fields, ProtocolError
from frontdesk.protocol.wire_objects import JSON

CHANGES_PATH = "/v2/changes/"
BATCH_MAX_CHANGES = 500
# A change is a few hundred bytes (its reason is free text): 500 of them fit with room to spare.
BATCH_MAX_BYTES = 1024 * 1024

Change = VoucherStatusChange | ConnectionStatusChange
_PARSERS: dict[str, Callable[[object, str], Change]] = {
    "connections": ConnectionStatusChange.from_json,
    "vouchers": VoucherStatusChange.from_json,
}


@dataclass(frozen=True, slots=True)
class BatchChange:
    """One change of a batch: what `PATCH /v2/{resource}/{object_id}/` with this key and body would send."""

    idempotency_key: str
    resource: str  # "connections" or "vouchers"
    object_id: int
    change: Change

    @property
    def path(self) -> str:
        """The path of the PATCH this change stands for (its idempotency fingerprint is that PATCH's)."""
        return f"/v2/{self.resource}/{self.object_id}/"

    @classmethod
    def from_json(cls, data: object, where: str) -> BatchChange:
        f = Fields(data, where)
        key = f.text("idempotency_key")
        resource = f.text("resource")
        parse = _PARSERS.get(resource)
        if parse is None:
            raise ProtocolError(f"{where}.resource is {resource[:40]!r}, expected connections or vouchers")
        object_id = f.integer("object_id")
        if object_id < 0:
            raise ProtocolError(f"{where}.object_id should be 0 or more")
        return cls(key, resource, object_id, parse(f.raw("body"), f"{where}.body"))

    def to_json(self) -> JSON:
        return {
            "idempotency_key": self.idempotency_key,
            "resource": self.resource,
            "object_id": self.object_id,
            "body": self.change.to_json(),
        }


@dataclass(frozen=True, slots=True)
class ChangeBatch:
    """POST /v2/changes/ body: 1 to BATCH_MAX_CHANGES changes, applied in this order."""

    changes: tuple[BatchChange, ...]

    @classmethod
    def from_json(cls, data: object) -> ChangeBatch:
        items = Fields(data, "body").items("changes")
        if not items:
            raise ProtocolError("body.changes holds no change")
        if len(items) > BATCH_MAX_CHANGES:
            raise ProtocolError(f"it holds {len(items):,} changes; at most {BATCH_MAX_CHANGES} go in one request")
        return cls(tuple(BatchChange.from_json(item, f"body.changes[{i}]") for i, item in enumerate(items)))

    def to_json(self) -> JSON:
        return {"changes": [change.to_json() for change in self.changes]}


@dataclass(frozen=True, slots=True)
class ChangeAnswer:
    """What the PATCH of one change would have answered: its HTTP status, its body (the object, or an error body
    with `current`), and whether it is the stored answer to an earlier send of the key (Idempotent-Replayed)."""

    idempotency_key: str
    http_status: int
    replayed: bool
    body: JSON

    @classmethod
    def from_json(cls, data: object, where: str) -> ChangeAnswer:
        f = Fields(data, where)
        body = f.raw("body")
        if not isinstance(body, dict):
            raise ProtocolError(f"{where}.body should be an object")
        return cls(f.text("idempotency_key"), f.integer("http_status"), f.boolean("replayed"), body)

    def to_json(self) -> JSON:
        return {
            "idempotency_key": self.idempotency_key,
            "http_status": self.http_status,
            "replayed": self.replayed,
            "body": self.body,
        }


@dataclass(frozen=True, slots=True)
class BatchAnswer:
    """POST /v2/changes/ answer: one ChangeAnswer per change sent, in the order sent."""

    results: tuple[ChangeAnswer, ...]

    @classmethod
    def from_json(cls, data: object) -> BatchAnswer:
        items = Fields(data, "answer").items("results")
        return cls(tuple(ChangeAnswer.from_json(item, f"answer.results[{i}]") for i, item in enumerate(items)))

    def to_json(self) -> JSON:
        return {"results": [result.to_json() for result in self.results]}
