"""Defensive parsing: a malformed or truncated reply is a clear ProtocolError, never a crash or a silent skip.

A real server does not send these, so they come from httpx.MockTransport, or from a tiny raw socket
server for a reply cut off mid-body.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest

from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import USERS, VOUCHERS, ProtocolError, VoucherStatusChange
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import PlatformUnavailable, Unknown
from frontdesk.sync.retry import RetryPolicy

VOUCHER = {
    "voucher_id": 50000001,
    "user_id": 1,
    "business_id": 1,
    "title": "Free smoothie",
    "code": "50000001",
    "external_coupon_code": None,
    "status": "UNUSED",
    "points": 200,
    "created_dt": "2024-05-01T09:30:00.000000Z",
    "expires_dt": None,
    "used_dt": None,
    "used_location": None,
    "used_by_desk": None,
    "used_by_staff": None,
    "last_mod_dt": "2024-05-01T09:30:00.000000Z",
}
USER = {
    "user_id": 1,
    "first_name": "Ada",
    "last_name": "Lovelace",
    "emails": [{"email": "a@x.org", "is_primary": True}],
    "phone_number": None,
    "birthday": "1815-12-10",
    "member_number": None,
    "last_mod_dt": "2024-05-01T09:30:00Z",
}
META = {"limit": 100, "offset": 0, "total_count": 1, "next": None}


def replying(status: int, body: bytes) -> PlatformClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    return PlatformClient("http://platform.test", transport=transport, token="t", retry=RetryPolicy(attempts=1))


def page(*objects: object) -> bytes:
    return json.dumps({"meta": META, "objects": list(objects)}).encode()


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"meta": {"limit": 1', "not complete JSON"),
        (b"", "not complete JSON"),
        (b"\xff\xfe", "not complete JSON"),
        (b"[]", "page should be an object"),
        (json.dumps({"objects": []}).encode(), "page.meta is missing"),
        (json.dumps({"meta": META, "objects": {}}).encode(), "page.objects should be a list"),
        (page({**USER, "user_id": "1"}), "users[0].user_id should be a whole number, not str"),
        (page({**USER, "user_id": True}), "users[0].user_id should be a whole number, not bool"),
        (
            page(USER, {**USER, "last_mod_dt": "2024-05-01 09:30"}),
            "users[1].last_mod_dt is not an ISO-8601 time",
        ),
        (page({**USER, "birthday": "10/12/1815"}), "users[0].birthday is not a date"),
        (page({**USER, "emails": [{"email": "a@x.org"}]}), "users[0].emails[0].is_primary is missing"),
        (page({k: v for k, v in USER.items() if k != "last_name"}), "users[0].last_name is missing"),
        (page(None), "users[0] should be an object, not null"),
    ],
)
def test_malformed_pages_raise_protocol_error_naming_the_field(body: bytes, detail: str) -> None:
    with replying(200, body) as client, pytest.raises(ProtocolError) as caught:
        client.list_page(USERS)
    assert detail in caught.value.detail
    assert caught.value.message.startswith("The loyalty platform sent a reply this app cannot read")


def test_unknown_status_values_are_refused_not_guessed() -> None:
    body = json.dumps({**VOUCHER, "status": "REDEEMED"}).encode()
    with replying(200, body) as client, pytest.raises(ProtocolError, match="expected one of UNUSED, USED"):
        client.get_voucher(50000001)


def test_pages_out_of_last_mod_order_are_refused() -> None:
    later = {**USER, "user_id": 2, "last_mod_dt": "2024-06-01T00:00:00Z"}
    with replying(200, page(later, USER)) as client, pytest.raises(ProtocolError, match="order"):
        list(client.iter_pages(USERS))


def test_a_malformed_refusal_or_acceptance_of_a_change_is_a_protocol_error() -> None:
    change = VoucherStatusChange(VoucherStatus.USED)
    for status, body in [
        (409, b'{"errors": {}}'),
        (409, b"<html>Conflict</html>"),
        (200, b'{"voucher_id": 5}'),
    ]:
        with replying(status, body) as client, pytest.raises(ProtocolError):
            client.patch_voucher_status(1, change, idempotency_key="k")
    current = json.dumps({"errors": {"__all__": [{"code": "x", "message": "m"}]}, "current": {"voucher_id": 1}})
    with (
        replying(409, current.encode()) as client,
        pytest.raises(ProtocolError, match=r"error\.current\.user_id"),
    ):
        client.patch_voucher_status(1, change, idempotency_key="k")


@pytest.fixture
def cut_off_server() -> Iterator[Callable[[], str]]:
    """A raw socket server that promises 400 bytes of JSON, sends 30, then hangs up."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.05)  # so the loop notices `stop` promptly
    served = {"count": 0}
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                served["count"] += 1
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
                conn.sendall(head + json.dumps(VOUCHER).encode()[:30])

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield lambda: f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    listener.close()
    assert served["count"] >= 1


def test_a_reply_cut_off_mid_body_is_unknown_for_a_change_and_unavailable_for_a_read(
    cut_off_server: Callable[[], str],
) -> None:
    delays: list[float] = []
    with PlatformClient(cut_off_server(), token="t", retry=RetryPolicy(attempts=2), sleep=delays.append) as client:
        result = client.patch_voucher_status(1, VoucherStatusChange(VoucherStatus.USED), idempotency_key="k")
        assert isinstance(result, Unknown) and result.attempts == 2
        assert "no complete answer" in result.reason
        with pytest.raises(PlatformUnavailable):
            client.get(VOUCHERS, 1)
    assert len(delays) == 2  # one pause between the two tries of each request
