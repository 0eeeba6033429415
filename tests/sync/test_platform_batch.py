"""POST /v2/changes/: many changes in one request, each decided in order exactly as its own PATCH would be —
its own key (replayed, scoped to the account, shared with PATCHes), its own refusal, the account recorded —
and a batch that cannot be read as a whole is refused in the protocol's words with nothing applied."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub.idempotency import MAX_KEY_LENGTH
from frontdesk.hub.models import ChangeLog
from frontdesk.hub.remote import create_customer, create_voucher
from frontdesk.protocol.wire import ConnectionStatusChange, VoucherStatusChange
from frontdesk.protocol.wire_batch import (
    BATCH_MAX_BYTES,
    BATCH_MAX_CHANGES,
    CHANGES_PATH,
    BatchAnswer,
    BatchChange,
    ChangeAnswer,
    ChangeBatch,
)
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted, PushResult, Refused
from sync.helpers import Platform, raw_client_of
from sync.hub_requests import VOUCHER_IDS, RawClient, RawRequest, change_bodies, json_values, texts

USE = VoucherStatusChange(VoucherStatus.USED, location="Downtown", desk="Desk 1", staff_name="Sam")
BACK = VoucherStatusChange(VoucherStatus.UNUSED, reason="scanned the wrong card", desk="Desk 1")


def key() -> str:
    return str(uuid.uuid4())


def voucher(platform: Platform) -> int:
    user_id, _ = create_customer(platform.engine, first_name="Grace", last_name="Hopper")
    return create_voucher(platform.engine, user_id=user_id, now=datetime.now(UTC) - timedelta(days=1))


def connection(platform: Platform, status: ProgramStatus = ProgramStatus.ACTIVE) -> int:
    return create_customer(platform.engine, first_name="Ada", last_name="Lovelace", status=status)[1]


def marking(voucher_id: int, change: VoucherStatusChange = USE, idempotency_key: str | None = None) -> BatchChange:
    return BatchChange(idempotency_key or key(), "vouchers", voucher_id, change)


def setting(connection_id: int, status: ProgramStatus, idempotency_key: str | None = None) -> BatchChange:
    return BatchChange(idempotency_key or key(), "connections", connection_id, ConnectionStatusChange(status))


def post(platform: Platform, client: PlatformClient, body: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.token}"}
    return httpx.post(f"{platform.base_url}{CHANGES_PATH}", json=body, headers=headers, timeout=60)


def patch(client: PlatformClient, sent: BatchChange) -> PushResult[Any]:
    """The same change as its own PATCH."""
    if isinstance(sent.change, VoucherStatusChange):
        return client.patch_voucher_status(sent.object_id, sent.change, idempotency_key=sent.idempotency_key)
    return client.patch_connection_status(sent.object_id, sent.change, idempotency_key=sent.idempotency_key)


def batch_of(*changes: BatchChange) -> dict[str, Any]:
    return {"changes": [change.to_json() for change in changes]}


def change_log(platform: Platform, keys: list[str]) -> list[tuple[str, str, str]]:
    """(key, status it moved to, account) of each change the hub applied for `keys`, in the order applied."""
    query = select(ChangeLog.idempotency_key, ChangeLog.to_status, ChangeLog.account).where(
        ChangeLog.idempotency_key.in_(keys)
    )
    with platform.engine.connect() as db:
        return [(key, status, account) for key, status, account in db.execute(query.order_by(ChangeLog.id))]


def test_the_document_says_what_the_wire_types_send() -> None:
    document = yaml.safe_load((files("frontdesk.protocol") / "openapi.yaml").read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    one = marking(1)
    answer = ChangeAnswer("k", 200, False, {})
    for name, sent in [("BatchChange", one), ("ChangeBatch", ChangeBatch((one,))), ("ChangeAnswer", answer),
                       ("BatchAnswer", BatchAnswer((answer,)))]:  # fmt: skip
        assert set(schemas[name]["required"]) == set(schemas[name]["properties"]) == set(sent.to_json())
    assert schemas["ChangeBatch"]["properties"]["changes"]["maxItems"] == BATCH_MAX_CHANGES
    assert schemas["BatchChange"]["properties"]["idempotency_key"]["maxLength"] == MAX_KEY_LENGTH


def test_each_change_is_applied_in_order_and_answered_with_its_object(platform: Platform, desk: PlatformClient) -> None:
    with platform.signed_in("manager") as manager:
        voucher_id, connection_id = voucher(platform), connection(platform)
        sent = [  # the same voucher and customer back and forth: any other order is refused somewhere
            marking(voucher_id),
            marking(voucher_id, BACK),
            marking(voucher_id),
            setting(connection_id, ProgramStatus.INACTIVE),
            setting(connection_id, ProgramStatus.PENDING),
            setting(connection_id, ProgramStatus.ACTIVE),
        ]
        results = manager.push_changes(sent)
    assert results is not None and all(isinstance(r, Accepted) and not r.replayed for r in results)
    objects = [r.object for r in results if isinstance(r, Accepted)]
    assert [o.status.value for o in objects] == ["USED", "UNUSED", "USED", "INACTIVE", "PENDING", "ACTIVE"]
    keys = [c.idempotency_key for c in sent]
    wanted = ["USED", "UNUSED", "USED", "INACTIVE", "PENDING", "ACTIVE"]
    assert change_log(platform, keys) == [(k, s, "manager") for k, s in zip(keys, wanted, strict=True)]
    assert desk.get_voucher(voucher_id) == objects[2] and desk.get_connection(connection_id) == objects[5]
    assert len({o.last_mod_dt for o in objects}) == 1  # one commit, one stamp


def test_a_batch_sent_again_is_answered_with_the_first_answers_and_applied_once(
    platform: Platform, desk: PlatformClient
) -> None:
    first_voucher, second_voucher = voucher(platform), voucher(platform)
    sent = [marking(first_voucher), marking(second_voucher), marking(first_voucher)]  # the third is refused
    first = post(platform, desk, batch_of(*sent))
    again = post(platform, desk, batch_of(*sent))
    assert first.status_code == again.status_code == 200
    first_answers, repeated = first.json()["results"], again.json()["results"]
    assert [a["http_status"] for a in first_answers] == [200, 200, 409]
    assert [a["replayed"] for a in first_answers] == [False, False, False]
    assert [a["replayed"] for a in repeated] == [True, True, True]
    assert [(a["http_status"], a["body"]) for a in repeated] == [(a["http_status"], a["body"]) for a in first_answers]
    assert [k for k, _, _ in change_log(platform, [c.idempotency_key for c in sent])] == [
        sent[0].idempotency_key,
        sent[1].idempotency_key,
    ]


def test_a_key_is_one_change_whether_it_comes_in_a_batch_or_a_patch(platform: Platform, desk: PlatformClient) -> None:
    batched, patched = voucher(platform), voucher(platform)
    through_batch, through_patch = key(), key()
    results = desk.push_changes([marking(batched, idempotency_key=through_batch)])
    assert results is not None and isinstance(results[0], Accepted)
    replayed = desk.patch_voucher_status(batched, USE, idempotency_key=through_batch)
    assert isinstance(replayed, Accepted) and replayed.replayed and replayed.object == results[0].object

    alone = desk.patch_voucher_status(patched, USE, idempotency_key=through_patch)
    results = desk.push_changes([marking(patched, idempotency_key=through_patch)])
    assert results is not None and isinstance(alone, Accepted)
    assert results == [Accepted(alone.object, replayed=True)]
    elsewhere = VoucherStatusChange(VoucherStatus.USED, location="Uptown")
    other_change = desk.push_changes([marking(patched, elsewhere, idempotency_key=through_patch)])
    assert other_change is not None and isinstance(other_change[0], Refused)
    assert (other_change[0].http_status, other_change[0].code) == (422, "idempotency_key_reused")
    assert len(change_log(platform, [through_batch, through_patch])) == 2


def test_refused_and_applied_changes_mixed_each_get_the_answer_a_patch_gets(
    platform: Platform, desk: PlatformClient
) -> None:
    used, unused, reused_key = voucher(platform), voucher(platform), key()
    inactive = connection(platform, ProgramStatus.INACTIVE)
    assert isinstance(desk.patch_voucher_status(used, USE, idempotency_key=reused_key), Accepted)
    long_ago = datetime.now(UTC) - timedelta(days=30)
    sent = [
        marking(used),  # 409: someone used it first, and who
        marking(unused),  # 200
        marking(unused, BACK),  # 403: a FRONT_DESK account may not set a voucher back (not stored)
        marking(10**12),  # 404: no such voucher
        setting(inactive, ProgramStatus.ACTIVE),  # 409: must be re-invited first
        marking(unused, idempotency_key=reused_key),  # 422: that key marked another voucher
        BatchChange(key(), "connections", inactive, ConnectionStatusChange(ProgramStatus.PENDING, acted_at=long_ago)),
        setting(inactive, ProgramStatus.PENDING),  # 200
    ]
    results = desk.push_changes(sent)
    assert results is not None
    codes = [(r.http_status, r.code) if isinstance(r, Refused) else 200 for r in results]
    assert codes == [(409, "voucher_not_unused"), 200, (403, "role_not_allowed"), (404, "not_found"),
                     (409, "transition_not_allowed"), (422, "idempotency_key_reused"), (409, "acted_at_too_old"),
                     200]  # fmt: skip
    for change, result in zip(sent, results, strict=True):  # each refusal is what its own PATCH answers now
        if isinstance(result, Refused):
            assert patch(desk, change) == result
    refusal = results[0]
    assert isinstance(refusal, Refused) and refusal.current == desk.get_voucher(used)
    second_try = desk.push_changes([sent[2]])  # a role refusal was not stored: the same key is decided again
    assert second_try is not None and isinstance(second_try[0], Refused) and second_try[0].code == "role_not_allowed"
    applied = [k for k, _, _ in change_log(platform, [c.idempotency_key for c in sent])]
    assert applied == [reused_key, sent[1].idempotency_key, sent[7].idempotency_key]  # the PATCH before, and two


def test_the_same_key_from_another_account_is_another_change(platform: Platform, desk: PlatformClient) -> None:
    first, second, shared = voucher(platform), voucher(platform), key()
    with platform.signed_in("manager") as manager:
        mine = desk.push_changes([marking(first, idempotency_key=shared)])
        theirs = manager.push_changes([marking(second, idempotency_key=shared)])
    assert mine is not None and theirs is not None
    assert isinstance(mine[0], Accepted) and isinstance(theirs[0], Accepted) and not theirs[0].replayed
    assert sorted(account for _, _, account in change_log(platform, [shared])) == ["desk", "manager"]


def test_more_changes_than_a_batch_may_hold_are_refused_and_nothing_is_applied(
    platform: Platform, desk: PlatformClient
) -> None:
    voucher_id = voucher(platform)
    sent = [marking(voucher_id)] + [setting(10**12 + n, ProgramStatus.ACTIVE) for n in range(BATCH_MAX_CHANGES)]
    reply = post(platform, desk, batch_of(*sent))
    error = reply.json()["errors"]["__all__"][0]
    assert (reply.status_code, error["code"]) == (422, "invalid_body")
    assert error["message"] == (
        f"The request could not be read: it holds {BATCH_MAX_CHANGES + 1} changes; at most {BATCH_MAX_CHANGES}"
        " go in one request."
    )
    assert change_log(platform, [sent[0].idempotency_key]) == []
    assert post(platform, desk, batch_of(*sent[:BATCH_MAX_CHANGES])).status_code == 200  # the most it may hold


MALFORMED: dict[str, tuple[Any, str]] = {  # a second change that cannot be read, and what the answer names
    "no key": ({"resource": "vouchers", "object_id": 1, "body": USE.to_json()}, "changes[1].idempotency_key is"),
    "an empty key": ({**marking(1).to_json(), "idempotency_key": " "}, "changes[1].idempotency_key should be 1-200"),
    "a key too long": ({**marking(1).to_json(), "idempotency_key": "k" * 201}, "changes[1].idempotency_key should"),
    "an unknown resource": ({**marking(1).to_json(), "resource": "users"}, "changes[1].resource is 'users'"),
    "a negative id": ({**marking(1).to_json(), "object_id": -1}, "changes[1].object_id should be 0 or more"),
    "an id that is text": ({**marking(1).to_json(), "object_id": "1"}, "changes[1].object_id should be a whole"),
    "a status no desk sets": ({**marking(1).to_json(), "body": {"status": "VOIDED"}}, "changes[1].body.status may"),
    "a label with NUL": ({**marking(1).to_json(), "body": {"status": "USED", "desk": "a\x00b"}}, "no database can"),
    "no body": ({"idempotency_key": "k", "resource": "vouchers", "object_id": 1}, "changes[1].body is missing"),
    "a list for a change": ([], "body.changes[1] should be an object, not list"),
}  # fmt: skip


@pytest.mark.parametrize("case", MALFORMED)
def test_a_change_that_cannot_be_read_refuses_the_batch_in_the_protocols_words(
    platform: Platform, desk: PlatformClient, case: str
) -> None:
    voucher_id = voucher(platform)
    bad, named = MALFORMED[case]
    good = marking(voucher_id).to_json()
    reply = post(platform, desk, {"changes": [good, bad]})
    error = reply.json()["errors"]["__all__"][0]
    assert (reply.status_code, error["code"]) == (422, "invalid_body")
    assert error["message"].startswith("The request could not be read: ") and named in error["message"]
    assert change_log(platform, [str(good["idempotency_key"])]) == []  # the good change was not applied either


@pytest.mark.parametrize(
    ("body", "named"),
    [(b"[1, 2", "the body is not JSON"), (b"[]", "body should be an object"), (b'{"changes": {}}', "a list"),
     (b'{"changes": []}', "body.changes holds no change"), (b'{"change": []}', "body.changes is missing")],
)  # fmt: skip
def test_a_body_that_is_no_batch_is_refused_in_the_protocols_words(
    platform: Platform, desk: PlatformClient, body: bytes, named: str
) -> None:
    headers = {"Authorization": f"Bearer {desk.token}", "Content-Type": "application/json"}
    reply = httpx.post(f"{platform.base_url}{CHANGES_PATH}", content=body, headers=headers)
    error = reply.json()["errors"]["__all__"][0]
    assert (reply.status_code, error["code"]) == (422, "invalid_body") and named in error["message"]


def test_a_batch_has_its_own_larger_body_limit(platform: Platform, desk: PlatformClient) -> None:
    """A PATCH body stops at 64 KiB; a batch may be up to BATCH_MAX_BYTES, and one declared larger is refused
    before it is read."""
    labelled = ConnectionStatusChange(ProgramStatus.ACTIVE, desk="D" * 100, staff_name="S" * 100)
    sent = [BatchChange(key(), "connections", 10**12 + n, labelled) for n in range(400)]
    body = json.dumps(batch_of(*sent)).encode()
    assert 64 * 1024 < len(body) <= BATCH_MAX_BYTES
    headers = {"Authorization": f"Bearer {desk.token}", "Content-Type": "application/json"}
    reply = httpx.post(f"{platform.base_url}{CHANGES_PATH}", content=body, headers=headers, timeout=60)
    assert reply.status_code == 200 and [a["http_status"] for a in reply.json()["results"]] == [404] * 400

    address = urlsplit(platform.base_url)
    assert address.hostname is not None and address.port is not None
    head = (f"POST {CHANGES_PATH} HTTP/1.1\r\nHost: {address.hostname}\r\nAuthorization: Bearer {desk.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {BATCH_MAX_BYTES + 1}\r\n\r\n")  # fmt: skip
    with socket.create_connection((address.hostname, address.port), timeout=20) as sock:
        sock.sendall(head.encode() + b'{"changes": [')
        received = b""
        while chunk := sock.recv(65536):  # the hub answers and closes without waiting for the rest
            received += chunk
    status_line, _, rest = received.partition(b"\r\n")
    error = json.loads(rest.partition(b"\r\n\r\n")[2])["errors"]["__all__"][0]
    assert status_line.split()[1] == b"413" and error["code"] == "body_too_large"
    assert f"{BATCH_MAX_BYTES:,} bytes" in error["message"]


# -- anything at all -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_client(platform: Platform) -> Iterator[RawClient]:
    client = raw_client_of(platform, ("desk", "manager"))
    yield client
    client.close()


items = st.fixed_dictionaries(
    {},
    optional={
        "idempotency_key": st.uuids().map(str) | texts | json_values,
        "resource": st.sampled_from(["vouchers", "connections", "users"]) | json_values,
        "object_id": st.integers(-5, 60) | st.sampled_from(VOUCHER_IDS) | st.integers(0, 2**80) | json_values,
        "body": change_bodies | json_values,
    },
)
batches = st.fixed_dictionaries({"changes": st.lists(items, max_size=6) | json_values}) | json_values


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(batch=batches, role=st.sampled_from(["desk", "manager"]))
def test_any_batch_is_answered_below_500_in_the_protocols_words(raw_client: RawClient, batch: Any, role: str) -> None:
    body = json.dumps(batch).encode("utf-8", "surrogatepass")
    headers = ((b"Authorization", b"\x00token:" + role.encode()), (b"Content-Type", b"application/json"))
    reply = raw_client.send(RawRequest(b"POST", CHANGES_PATH.encode(), headers, body))
    assert reply is not None and reply.problem() is None, f"{reply and reply.problem()} for {body[:500]!r}"
    assert reply.status in (200, 422)  # signed in, and small: answered, or refused as a batch it cannot read
    if reply.status == 200:  # every change answered, each in the words of its PATCH
        answers = json.loads(reply.body)["results"]
        assert len(answers) == len(batch["changes"])
        for answer in answers:
            assert answer["http_status"] in (200, 403, 404, 409, 422)
            if answer["http_status"] != 200:
                assert answer["body"]["errors"]["__all__"][0]["code"] in (
                    "role_not_allowed", "not_found", "transition_not_allowed", "membership_not_active",
                    "voucher_not_unused", "voucher_expired", "voucher_not_used", "reason_required",
                    "acted_at_too_old", "idempotency_key_reused",
                )  # fmt: skip
