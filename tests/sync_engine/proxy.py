"""A fault-injecting HTTP proxy on 127.0.0.1, between desks and the platform.

Each request gets one Fault: the next one queued in `script` if any, else one drawn from a seeded RNG (with
probability `rate`, among `faults`). Faults model what a desk's network and the hubs in between really do:
a request lost on the way, an answer lost after the platform applied the change, 5xx from the platform or a
gateway, an answer arriving after the desk gave up, a request delivered twice, and cut or garbled bodies.

One request per connection (every answer says `Connection: close`), forwarded with http.client; each
request's fault is recorded in `log` so a test can show which faults it went through.
"""

from __future__ import annotations

import http.client
import random
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


class Fault(StrEnum):
    PASS = "pass"
    DROP = "drop"  # the connection closes before the request reaches the platform
    CUT_REQUEST = "cut_request"  # half the request reaches the platform, then the connection dies
    LOSE_ANSWER = "lose_answer"  # forwarded (and applied), then the connection closes without an answer
    ERROR_500 = "error_500"  # the platform's 500, without the request ever being applied
    BAD_GATEWAY = "bad_gateway"  # forwarded and applied, but a gateway answers 502
    SLOW = "slow"  # forwarded and applied; the answer comes after the desk's timeout
    DUPLICATE = "duplicate"  # delivered twice at the same moment; the desk sees the second answer
    TRUNCATE = "truncate"  # the answer announces its full length but stops half-way
    GARBLE = "garble"  # a complete answer of the right length whose body is cut JSON padded with blanks
    HOLD = "hold"  # forwarded and applied; no answer until the proxy closes (scripted only: for kill tests)


ALL_FAULTS = tuple(f for f in Fault if f not in (Fault.PASS, Fault.HOLD))
Headers = list[tuple[str, str]]
Answer = tuple[int, str, Headers, bytes]  # status, reason, headers, body
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}


class Upstream:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80

    def forward(self, method: str, path: str, headers: Headers, body: bytes) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
            return response.status, response.reason, kept, data
        finally:
            connection.close()

    def cut(self, method: str, path: str, headers: Headers, body: bytes) -> None:
        """Send the headers and half the body, then close: the platform never gets the whole request."""
        with socket.create_connection((self.host, self.port), timeout=30) as sock:
            head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
            head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            sock.sendall(head.encode("latin-1") + body[: len(body) // 2])
            time.sleep(0.01)


def _answer(
    status: int, reason: str, headers: Iterable[tuple[str, str]], body: bytes, length: int | None = None
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
    lines += [f"Content-Length: {len(body) if length is None else length}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class FaultProxy:
    def __init__(self, upstream_url: str, *, seed: int = 0, rate: float = 0.0,
                 faults: Iterable[Fault] = ALL_FAULTS, slow_seconds: float = 1.0) -> None:  # fmt: skip
        self.upstream = Upstream(upstream_url)
        self.rng = random.Random(seed)
        self.rate = rate
        self.faults = tuple(faults)
        self.slow_seconds = slow_seconds
        self.script: deque[Fault] = deque()
        self.log: list[tuple[str, str, Fault]] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_any(self) -> None:
                proxy._handle(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_any

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)  # fmt: skip

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()

    def injected(self) -> Counter[Fault]:
        with self._lock:
            return Counter(fault for _, _, fault in self.log)

    def _choose(self, method: str, path: str) -> Fault:
        with self._lock:
            if self.script:
                fault = self.script.popleft()
            elif self.rate > 0 and self.rng.random() < self.rate:
                fault = self.rng.choice(self.faults)
            else:
                fault = Fault.PASS
            self.log.append((method, path, fault))
            return fault

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        request.close_connection = True
        body = request.rfile.read(int(request.headers.get("Content-Length") or 0))
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP]
        method, path = request.command, request.path
        fault = self._choose(method, path)
        try:
            reply = self._reply(fault, method, path, headers, body)
            if reply:
                request.wfile.write(reply)
                request.wfile.flush()
        except OSError:  # the desk already gave up (slow answers): that is the point
            pass

    def _reply(self, fault: Fault, method: str, path: str, headers: Headers, body: bytes) -> bytes:
        if fault is Fault.DROP:
            return b""
        if fault is Fault.CUT_REQUEST:
            self.upstream.cut(method, path, headers, body)
            return b""
        if fault is Fault.ERROR_500:
            return _answer(500, "Internal Server Error", [("Content-Type", "application/json")],
                           b'{"errors": {"__all__": [{"code": "server_error", "message": "Try again."}]}}')  # fmt: skip
        if fault is Fault.DUPLICATE:
            first: list[Answer] = []
            twin = threading.Thread(target=lambda: first.append(self.upstream.forward(method, path, headers, body)))
            twin.start()
            status, reason, answer_headers, data = self.upstream.forward(method, path, headers, body)
            twin.join()
        else:
            status, reason, answer_headers, data = self.upstream.forward(method, path, headers, body)
        if fault is Fault.LOSE_ANSWER:
            return b""
        if fault is Fault.HOLD:
            self._closing.wait()
            return b""
        if fault is Fault.BAD_GATEWAY:
            return _answer(502, "Bad Gateway", [("Content-Type", "text/html")], b"<html>502 Bad Gateway</html>")
        if fault is Fault.SLOW:
            time.sleep(self.slow_seconds)
        if fault is Fault.TRUNCATE:
            return _answer(status, reason, answer_headers, data[: len(data) // 2], length=len(data))
        if fault is Fault.GARBLE:
            data = data[: len(data) // 2] + b" " * (len(data) - len(data) // 2)
        return _answer(status, reason, answer_headers, data)
