"""Malformed requests get a 4xx in the protocol's words, never a 500 an obedient desk would send again for ever:
text no database can store, bodies nested too deep or too large, requests that never finish arriving, and clients
that hang up halfway."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import Engine

from frontdesk.hub import create_app, create_customer, create_voucher
from frontdesk.hub.bodies import MAX_DEPTH
from frontdesk.hub.settings import HubSettings
from frontdesk.sync.client import PlatformClient
from sync.helpers import STAFF, Platform, serve

SURROGATE = "\\ud800"  # as JSON text: the escape of a lone UTF-16 surrogate


def code_of(reply: httpx.Response) -> tuple[int, str]:
    return reply.status_code, reply.json()["errors"]["__all__"][0]["code"]


def send_raw(platform: Platform, desk: PlatformClient, path: str, body: bytes) -> httpx.Response:
    headers = {
        "Authorization": f"Bearer {desk.token}",
        "Idempotency-Key": str(uuid.uuid4()),
        "Content-Type": "application/json",
    }
    return httpx.patch(f"{platform.base_url}{path}", content=body, headers=headers, timeout=30)


@pytest.fixture
def made(platform: Platform) -> tuple[int, int]:
    """(voucher_id, connection_id) of a fresh customer."""
    user_id, connection_id = create_customer(platform.engine, first_name="Mal", last_name="Formed")
    return create_voucher(platform.engine, user_id=user_id), connection_id


@pytest.mark.parametrize("field", ["desk", "staff_name", "location", "reason"])
def test_a_lone_surrogate_in_a_stored_label_is_refused_not_a_server_error(
    platform: Platform, desk: PlatformClient, made: tuple[int, int], field: str
) -> None:
    voucher_id, connection_id = made
    body = f'{{"status": "USED", "{field}": "Desk {SURROGATE} 1"}}'.encode()
    reply = send_raw(platform, desk, f"/v2/vouchers/{voucher_id}/", body)
    assert code_of(reply) == (422, "invalid_body")
    assert "no database can store" in reply.json()["errors"]["__all__"][0]["message"]
    voucher = desk.get_voucher(voucher_id)
    assert voucher is not None and voucher.status == "UNUSED"
    if field in ("desk", "staff_name"):
        body = f'{{"status": "INACTIVE", "{field}": "{SURROGATE}"}}'.encode()
        assert code_of(send_raw(platform, desk, f"/v2/connections/{connection_id}/", body)) == (422, "invalid_body")


def test_surrogates_written_as_raw_bytes_or_in_keys_are_refused_too(
    platform: Platform, desk: PlatformClient, made: tuple[int, int]
) -> None:
    voucher_id, _ = made
    raw_utf8 = b'{"status": "USED", "desk": "\xed\xa0\x80"}'  # the surrogate's bytes, which json.loads lets through
    in_a_key = f'{{"status": "USED", "{SURROGATE}": 1}}'.encode()
    for body in (raw_utf8, in_a_key):
        assert code_of(send_raw(platform, desk, f"/v2/vouchers/{voucher_id}/", body)) == (422, "invalid_body")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 30_000])
def test_a_body_nested_too_deep_is_refused(
    platform: Platform, desk: PlatformClient, made: tuple[int, int], depth: int
) -> None:
    voucher_id, _ = made
    body = b'{"status": "USED", "extra": ' + b"[" * depth + b"]" * depth + b"}"
    reply = send_raw(platform, desk, f"/v2/vouchers/{voucher_id}/", body)
    assert code_of(reply) == (422, "invalid_body")
    assert f"nested more than {MAX_DEPTH} levels" in reply.json()["errors"]["__all__"][0]["message"]


def test_an_ordinary_body_nested_within_the_limit_is_read(
    platform: Platform, desk: PlatformClient, made: tuple[int, int]
) -> None:
    voucher_id, _ = made
    nested = b'{"status": "USED", "extra": ' + b"[" * (MAX_DEPTH - 2) + b"]" * (MAX_DEPTH - 2) + b"}"
    assert send_raw(platform, desk, f"/v2/vouchers/{voucher_id}/", nested).status_code == 200


# Raw sockets: a client that says it will send 50 MB, sends half a request, or hangs up halfway.


@pytest.fixture
def quick_hub(platform_db: Engine) -> Iterator[tuple[str, int]]:
    """A hub with a 1-second request timeout: (host, port)."""
    with serve(create_app(platform_db, settings=HubSettings(request_timeout=1.0))) as url:
        parts = urlsplit(url)
        assert parts.hostname is not None and parts.port is not None
        yield parts.hostname, parts.port


def token_for(address: tuple[str, int]) -> str:
    with PlatformClient(f"http://{address[0]}:{address[1]}") as client:
        return client.sign_in("desk", STAFF["desk"][0]).access_token


def request_head(address: tuple[str, int], token: str, extra: str) -> bytes:
    return (
        f"PATCH /v2/vouchers/1/ HTTP/1.1\r\nHost: {address[0]}\r\nAuthorization: Bearer {token}\r\n"
        f"Idempotency-Key: {uuid.uuid4()}\r\nContent-Type: application/json\r\n{extra}\r\n"
    ).encode()


def answer(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (the socket's timeout is a test failure)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def one_answer(sock: socket.socket) -> bytes:
    """One answer on a connection that stays open: its head, and as much body as its Content-Length says."""
    received = b""

    def more() -> bytes:
        chunk = sock.recv(65536)
        assert chunk, f"the hub closed the connection after {received[:80]!r}"
        return chunk

    while b"\r\n\r\n" not in received:
        received += more()
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))[15:])
    while len(body) < length:
        body += more()
    return head + b"\r\n\r\n" + body


def status_and_code(reply: bytes) -> tuple[int, str]:
    head, _, body = reply.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    return status, httpx.Response(status, content=body).json()["errors"]["__all__"][0]["code"]


def test_a_body_declared_too_large_is_refused_before_it_is_read(quick_hub: tuple[str, int]) -> None:
    token = token_for(quick_hub)
    with socket.create_connection(quick_hub, timeout=20) as sock:
        sock.sendall(request_head(quick_hub, token, "Content-Length: 50000000\r\n") + b'{"status": ')
        reply = answer(sock)  # 49,999,989 bytes were never sent: the answer cannot have waited for them
    assert status_and_code(reply) == (413, "body_too_large")
    assert b"connection: close" in reply.lower()


def test_a_streamed_body_is_refused_once_it_passes_the_limit(quick_hub: tuple[str, int]) -> None:
    token = token_for(quick_hub)
    limit = HubSettings().max_body_bytes
    with socket.create_connection(quick_hub, timeout=20) as sock:
        sock.sendall(request_head(quick_hub, token, "Transfer-Encoding: chunked\r\n"))
        chunk = b" " * 16384
        for _ in range(limit // len(chunk) + 1):  # one chunk past the limit, and no end of the body
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        reply = answer(sock)
    assert status_and_code(reply) == (413, "body_too_large")


def test_a_body_a_little_too_large_is_answered_and_the_connection_stays_usable(quick_hub: tuple[str, int]) -> None:
    """Closing a connection on unread bytes resets it, and the 413 can be lost with it: a client would see a
    network failure and send the same body again, for ever. So the rest of such a body is read and dropped."""
    token = token_for(quick_hub)
    body = b'{"status": "USED", "reason": "' + b"x" * HubSettings().max_body_bytes + b'"}'
    with socket.create_connection(quick_hub, timeout=20) as sock:
        sock.sendall(request_head(quick_hub, token, f"Content-Length: {len(body)}\r\n") + body)
        first = one_answer(sock)
        sock.sendall(f"GET /v2/users/?limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
        second = one_answer(sock)
    assert status_and_code(first) == (413, "body_too_large")
    assert second.startswith(b"HTTP/1.1 200 ")


def test_a_body_that_stops_arriving_is_answered_408_and_the_connection_closed(quick_hub: tuple[str, int]) -> None:
    token = token_for(quick_hub)
    with socket.create_connection(quick_hub, timeout=20) as sock:
        sock.sendall(request_head(quick_hub, token, "Content-Length: 100\r\n") + b'{"status": ')
        reply = answer(sock)
    assert status_and_code(reply) == (408, "request_timeout")


@pytest.mark.parametrize(
    "sent",
    [b"", b"PATCH /v2/vouchers/1/ HTTP/1.1\r\nHost: x\r\n", b"GET /v2/us"],
    ids=["nothing", "half the headers", "half a request line"],
)
def test_connections_that_never_send_a_whole_request_are_closed(quick_hub: tuple[str, int], sent: bytes) -> None:
    sockets = [socket.create_connection(quick_hub, timeout=20) for _ in range(20)]
    try:
        for sock in sockets:
            sock.sendall(sent)
        assert [answer(sock) for sock in sockets] == [b""] * 20  # closed by the server, without a word
    finally:
        for sock in sockets:
            sock.close()


def test_a_trickle_of_header_bytes_does_not_keep_a_connection_open(quick_hub: tuple[str, int]) -> None:
    with socket.create_connection(quick_hub, timeout=20) as sock:
        closed = False
        for byte in b"GET /v2/users/ HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200:
            try:
                sock.sendall(bytes([byte]))
            except OSError:  # the server closed it: what this test is waiting for
                closed = True
                break
            time.sleep(0.05)  # 200 bytes at 20 a second: well past the 1-second deadline
        assert closed or answer(sock) == b""


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def hub_log() -> Iterator[Records]:
    """Records of the hub's own logger and of uvicorn's (which logs an app's unhandled errors)."""
    records = Records()
    loggers = [logging.getLogger("frontdesk.hub"), logging.getLogger("uvicorn.error")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(records)
        logger.setLevel(logging.DEBUG)
    yield records
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(records)
        logger.setLevel(level)


def test_a_client_hanging_up_halfway_is_one_info_line(quick_hub: tuple[str, int], hub_log: Records) -> None:
    token = token_for(quick_hub)
    with socket.create_connection(quick_hub, timeout=20) as sock:
        sock.sendall(request_head(quick_hub, token, "Content-Length: 100\r\n") + b'{"status": "USED", ')
        time.sleep(0.2)  # let the hub start reading the body
    deadline = time.monotonic() + 20
    while not any("hung up" in r.getMessage() for r in hub_log.records) and time.monotonic() < deadline:
        time.sleep(0.05)
    messages = [(r.levelno, r.getMessage()) for r in hub_log.records if r.levelno >= logging.INFO]
    assert messages == [
        (logging.INFO, "The client hung up before its request arrived whole (PATCH /v2/vouchers/{id}/).")
    ]
    assert not any(r.exc_info for r in hub_log.records)
