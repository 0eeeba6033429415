"""Every operation openapi.yaml says needs a token, against every way a caller can lack the right: no token, a
made-up one, an expired one, one its account's password change ended, and a role too low for the change. Each
is refused (401/403 with its code) and leaves every row of the hub as it was.

Staff accounts on this hub belong to no business (business and location only filter what a desk pulls:
hub/scope.py), so there is no "another business's account" to try.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy import Engine, select

from frontdesk.domain.staff import StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import add_staff, create_app, create_customer, create_voucher
from frontdesk.hub.auth import Account
from frontdesk.hub.changes import role_refusal
from frontdesk.hub.models import Base
from frontdesk.protocol.wire import ConnectionStatusChange, VoucherStatusChange
from sync.helpers import STAFF, serve

DOCUMENT: dict[str, Any] = yaml.safe_load((files("frontdesk.protocol") / "openapi.yaml").read_text(encoding="utf-8"))
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
CHANGES = {"ConnectionStatusChange": ConnectionStatusChange, "VoucherStatusChange": VoucherStatusChange}
BATCH = "ChangeBatch"  # POST /v2/changes/: each body below as a batch of one; its id and key are filled in when sent
BATCHED = {"connections": "ConnectionStatusChange", "vouchers": "VoucherStatusChange"}
LOWEST = Account(0, "desk", StaffRole.FRONT_DESK)
UNAUTHENTICATED = {
    "no token": (401, "token_missing"),
    "a made-up token": (401, "invalid_token"),
    "an expired token": (401, "token_expired"),
    "a token ended by a password change": (401, "invalid_token"),
}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    body: dict[str, object] | None


def _body_schema(operation: dict[str, Any]) -> str | None:
    if "requestBody" not in operation:
        return None
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return str(ref.rsplit("/", 1)[1])


def _bodies(schema_name: str) -> list[dict[str, object]]:
    """One body per status the schema allows, with every other text field filled in."""
    if schema_name == BATCH:
        return [{"changes": [{"resource": resource, "body": body}]} for resource, name in BATCHED.items()
                for body in _bodies(name)]  # fmt: skip
    schema = SCHEMAS[schema_name]["properties"]
    status = schema["status"]
    statuses = status["enum"] if "enum" in status else SCHEMAS[status["$ref"].rsplit("/", 1)[1]]["enum"]
    texts = {name: "Matrix" for name in schema if name not in ("status", "acted_at")}
    return [{"status": value, **texts} for value in statuses]


def _change_of(schema_name: str, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The change a body carries and its schema's name (a batch of one carries one)."""
    if schema_name != BATCH:
        return schema_name, body
    [item] = body["changes"]
    return BATCHED[item["resource"]], item["body"]


def _cases() -> Iterator[Any]:
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            if operation.get("security", DOCUMENT["security"]) == []:
                continue  # signing in needs no token
            name = _body_schema(operation)
            bodies = [None] if name is None else _bodies(name)
            for caller in UNAUTHENTICATED:
                body = bodies[0]
                yield pytest.param(Operation(method, path, body), caller, id=f"{operation['operationId']}-{caller}")
            for body in bodies if name is not None else []:
                kind, change = _change_of(name, body)
                if role_refusal(LOWEST, CHANGES[kind].from_json(change)) is not None:
                    case = Operation(method, path, body)
                    status = change["status"]
                    yield pytest.param(case, "too low a role", id=f"{operation['operationId']}-{status}-role")


CASES = list(_cases())


def test_the_matrix_covers_every_operation_and_a_role_refusal() -> None:
    operations = {(p, m) for p, item in DOCUMENT["paths"].items() for m in item if p != "/v2/oauth/token"}
    assert {(c.values[0].path, c.values[0].method) for c in CASES} == operations
    assert any(c.values[1] == "too low a role" for c in CASES)


@dataclass
class SteppedClock:
    moment: datetime

    def now(self) -> datetime:
        return self.moment


@dataclass(frozen=True)
class Hub:
    url: str
    engine: Engine
    ids: dict[str, int]  # collection -> an object of it (its voucher is USED, so it could be set back)
    tokens: dict[str, str]


def sign_in(url: str, name: str, password: str) -> str:
    form = {"grant_type": "password", "username": name, "password": password}
    reply = httpx.post(f"{url}/v2/oauth/token", data=form)
    assert reply.status_code == 200
    return str(reply.json()["access_token"])


@pytest.fixture
def hub(platform_db: Engine) -> Iterator[Hub]:
    clock = SteppedClock(datetime.now(UTC) - timedelta(days=40))
    with serve(create_app(platform_db, clock=clock)) as url:
        expired = sign_in(url, "admin", STAFF["admin"][0])
        clock.moment += timedelta(days=40)  # past the 30-day token life
        ended = sign_in(url, "manager", STAFF["manager"][0])
        add_staff(platform_db, "manager", "a-new-password", StaffRole.EMPLOYEE, cost=2**10)
        tokens = {
            "a made-up token": "not-a-token-the-hub-gave",
            "an expired token": expired,
            "a token ended by a password change": ended,
            "too low a role": sign_in(url, "desk", STAFF["desk"][0]),
        }
        user_id, connection_id = create_customer(platform_db, first_name="Matrix", last_name="Row")
        voucher_id = create_voucher(platform_db, user_id=user_id, status=VoucherStatus.USED)
        ids = {"users": user_id, "connections": connection_id, "vouchers": voucher_id}
        yield Hub(url, platform_db, ids, tokens)


def checksum(engine: Engine) -> str:
    """Every row of every hub table, in key order."""
    digest = hashlib.sha256()
    with engine.connect() as db:
        for table in Base.metadata.sorted_tables:
            rows = db.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(f"{table.name}:{[tuple(row) for row in rows]!r}\n".encode())
    return digest.hexdigest()


@pytest.mark.parametrize(("operation", "caller"), CASES)
def test_callers_without_the_right_are_refused_and_change_nothing(hub: Hub, operation: Operation, caller: str) -> None:
    collection = operation.path.split("/")[2]
    url = hub.url + operation.path.replace("{object_id}", str(hub.ids.get(collection)))
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    body: dict[str, Any] | None = operation.body
    batched = body is not None and "changes" in body
    if batched:  # a batch of one: the id of an object of its resource, and the key in the item
        [item] = body["changes"]
        body = {
            "changes": [{**item, "object_id": hub.ids[item["resource"]], "idempotency_key": headers["Idempotency-Key"]}]
        }
    if caller in hub.tokens:
        headers["Authorization"] = f"Bearer {hub.tokens[caller]}"
    before = checksum(hub.engine)
    reply = httpx.request(operation.method.upper(), url, json=body, headers=headers)
    expected = UNAUTHENTICATED.get(caller, (403, "role_not_allowed"))
    if batched and caller not in UNAUTHENTICATED:  # the batch is answered; its one change is refused
        assert reply.status_code == 200
        [answer] = reply.json()["results"]
        assert (answer["http_status"], answer["body"]["errors"]["__all__"][0]["code"]) == expected
    else:
        assert (reply.status_code, reply.json()["errors"]["__all__"][0]["code"]) == expected
    assert checksum(hub.engine) == before
