"""Requests of every shape for the hub, as raw bytes over a socket (no client library tidies them first), and
the rule every answer must keep: below 500, and an error in the protocol's words.

Shared by tests/sync/test_platform_fuzz.py (a short run in every test run) and bench/fuzz_hub.py (the long run
by hand). Bodies carry lone surrogates (as `\\ud800` escapes and as raw bytes), NUL characters, numbers beyond
64 bits, times at the ends of the calendar, nesting thousands deep and sizes past the hub's limit; paths,
query strings and headers carry the same kinds of text, percent-encoded or as bytes.
"""

from __future__ import annotations

import json
import socket
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from importlib.resources import files
from typing import Any
from urllib.parse import quote_from_bytes

import yaml  # type: ignore[import-untyped]
from hypothesis import strategies as st

VOUCHER_IDS = range(50_000_001, 50_000_100)  # the first vouchers seed_demo makes
CONNECTION_IDS = range(1, 60)
ROLES = ("desk", "manager", "admin")
_TOKEN = b"\x00token:"  # stands for a signed-in account's token until the request is sent
_DOCUMENT: dict[str, Any] = yaml.safe_load((files("frontdesk.protocol") / "openapi.yaml").read_text(encoding="utf-8"))
ERROR_CODES = frozenset(_DOCUMENT["components"]["schemas"]["ErrorCode"]["enum"])


@dataclass(frozen=True)
class RawRequest:
    method: bytes
    target: bytes
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    def encode(self, host: bytes, tokens: dict[str, str]) -> bytes:
        lines = [self.method + b" " + self.target + b" HTTP/1.1", b"Host: " + host]
        for name, value in self.headers:
            if value.startswith(_TOKEN):
                value = b"Bearer " + tokens[value[len(_TOKEN) :].decode()].encode()
            lines.append(name + b": " + value)
        lines.append(b"Content-Length: " + str(len(self.body)).encode())
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[bytes, bytes]
    body: bytes
    to_head: bool = False  # an answer to HEAD has no body to check

    def problem(self) -> str | None:
        """What is wrong with this answer, or None: below 500, and a JSON error carries a documented code."""
        if self.status >= 500:
            return f"answered {self.status}: {self.body[:300]!r}"
        if (
            self.status >= 400
            and not self.to_head
            and self.headers.get(b"content-type", b"").startswith(b"application/json")
        ):
            try:
                code = json.loads(self.body)["errors"]["__all__"][0]["code"]
            except (ValueError, KeyError, IndexError, TypeError):
                return f"a {self.status} without the protocol's error body: {self.body[:300]!r}"
            if code not in ERROR_CODES:
                return f"a {self.status} with the undocumented code {code!r}"
        return None


@dataclass
class RawClient:
    """HTTP/1.1 over one kept-alive connection, reopened whenever the hub closes it."""

    host: str
    port: int
    tokens: dict[str, str]
    timeout: float = 30.0
    closed_unanswered: int = 0  # requests the hub closed the connection on without an answer
    _sock: socket.socket | None = field(default=None, repr=False)
    _buffer: bytes = b""

    def send(self, request: RawRequest) -> Reply | None:
        reused = self._sock is not None
        reply = self._exchange(request)
        if reply is None and reused:  # the hub had closed the idle connection (keep-alive timeout): once more
            reply = self._exchange(request)
        if reply is None:
            self.closed_unanswered += 1
        return reply

    def _exchange(self, request: RawRequest) -> Reply | None:
        sock = self._connected()
        try:
            sock.sendall(request.encode(self.host.encode(), self.tokens))
            reply = self._read(request.method == b"HEAD")
        except ConnectionError:
            reply = None
        if reply is None or reply.headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return reply

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock, self._buffer = None, b""

    def _connected(self) -> socket.socket:
        if self._sock is None:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        return self._sock

    def _fill(self) -> bool:
        assert self._sock is not None
        chunk = self._sock.recv(65536)
        self._buffer += chunk
        return bool(chunk)

    def _read(self, head_only: bool) -> Reply | None:
        while b"\r\n\r\n" not in self._buffer:
            if not self._fill():
                return None
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.split(b"\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        status = int(status_line.split()[1])
        if head_only or status in (204, 304):
            return Reply(status, headers, b"", to_head=head_only)
        if b"content-length" in headers:
            size = int(headers[b"content-length"])
            while len(self._buffer) < size and self._fill():
                pass
            body, self._buffer = self._buffer[:size], self._buffer[size:]
        else:  # an answer without a length ends when the hub closes the connection
            while self._fill():
                pass
            body, self._buffer = self._buffer, b""
            headers[b"connection"] = b"close"
        return Reply(status, headers, body)


# -- what goes in them -------------------------------------------------------------------------------------------

_ODD = "\x00\ud800\udbff\udc00\udfff\ufffe\uffff\u202e\u0660\U0001f600"  # NUL, surrogates, non-characters, ...
texts = st.text(st.characters() | st.sampled_from(_ODD), max_size=30)
_offsets = st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59))
moments = st.builds(
    lambda moment, offset: moment.replace(tzinfo=timezone(offset)).isoformat(),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    _offsets,
) | st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-01-01", "yesterday", ""])
numbers = st.integers(-(2**80), 2**80) | st.floats() | st.sampled_from([2**63, -(2**63) - 1, 10**400])
scalars = st.none() | st.booleans() | numbers | texts | moments
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=12
)
_recently = st.timedeltas(min_value=-timedelta(days=30), max_value=timedelta(days=30))
_STATUSES = ["USED", "UNUSED", "VOIDED", "ACTIVE", "INACTIVE", "PENDING", "IMPORTED", "used"]
change_bodies = st.fixed_dictionaries(
    {},
    optional={
        "status": st.sampled_from(_STATUSES) | json_values,
        "desk": texts | json_values,
        "staff_name": texts,
        "location": texts,
        "reason": texts,
        "acted_at": st.builds(lambda ago: (datetime.now(UTC) - ago).isoformat(), _recently) | moments,
    },
)


def _dumps(value: object, ascii_only: bool) -> bytes:
    # allow_nan: Infinity and NaN are what a careless client sends; surrogatepass: a lone surrogate's own bytes.
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def _nested(depth: int) -> bytes:
    return b'{"status": "USED", "x": ' + b"[" * depth + b"]" * depth + b"}"


bodies = st.one_of(
    st.builds(_dumps, change_bodies | json_values, st.booleans()),
    st.binary(max_size=200),
    st.integers(1, 40_000).map(_nested),
    st.integers(60_000, 120_000).map(lambda size: b'{"status": "USED", "pad": "' + b"x" * size + b'"}'),
    st.integers(4_000, 60_000).map(lambda digits: b'{"status": "USED", "n": ' + b"9" * digits + b"}"),
)


def _encoded(text: str) -> str:
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


_ids = st.sampled_from(VOUCHER_IDS) | st.sampled_from(CONNECTION_IDS) | st.integers(0, 2**80)
_segments = _ids.map(str) | texts.map(_encoded) | st.sampled_from(["", "%00", "%ED%A0%80", "..", "0x10", "+1"])
_PARAMS = ["limit", "offset", "last_mod_dt__gte", "last_mod_dt__lt", "after_id", "business", "location", "user_id"]
_query_values = _ids.map(str) | texts | moments | st.sampled_from(["-1", "1e3", " 5", "%zz"])
queries = st.lists(st.tuples(st.sampled_from([*_PARAMS, "status"]) | texts, _query_values), max_size=5).map(
    lambda pairs: "&".join(f"{_encoded(k)}={_encoded(v)}" for k, v in pairs)
)
_COLLECTIONS = ["users", "connections", "vouchers", "nothing"]
paths = st.one_of(
    st.builds(lambda c, s: f"/v2/{c}/{s}/", st.sampled_from(_COLLECTIONS), _segments),
    st.builds(lambda c: f"/v2/{c}/", st.sampled_from(_COLLECTIONS)),
    st.just("/v2/oauth/token"),
    st.lists(_segments, max_size=4).map(lambda parts: "/" + "/".join(parts)),
)
targets = st.builds(lambda path, query: (path + ("?" + query if query else "")).encode("ascii"), paths, queries)
_latin1 = st.binary(max_size=60).map(lambda raw: bytes(b for b in raw if b not in b"\r\n"))
_header_names = st.text(string.ascii_letters + string.digits + "-!#$%&'*+.^_`|~", min_size=1, max_size=20)
authorizations = st.sampled_from([_TOKEN + role.encode() for role in ROLES]) | st.builds(
    lambda raw: b"Bearer " + raw, _latin1
)
_keys = st.uuids().map(lambda u: str(u).encode()) | _latin1 | st.integers(190, 400).map(lambda n: b"k" * n)
headers = st.tuples(
    st.lists(st.tuples(st.just(b"Authorization"), authorizations), max_size=1),
    st.lists(st.tuples(st.just(b"Idempotency-Key"), _keys), max_size=1),
    st.lists(st.tuples(st.just(b"Content-Type"), st.sampled_from([b"application/json", b"text/plain"]) | _latin1)),
    st.lists(st.tuples(_header_names.map(str.encode), _latin1), max_size=3),
).map(lambda groups: tuple(pair for group in groups for pair in group))
_methods = st.sampled_from([b"GET", b"PATCH", b"POST", b"PUT", b"DELETE", b"HEAD", b"OPTIONS"])


def _form(fields: dict[str, str]) -> bytes:
    return "&".join(f"{_encoded(k)}={_encoded(v)}" for k, v in fields.items()).encode("ascii")


sign_ins = st.builds(
    lambda form: RawRequest(
        b"POST", b"/v2/oauth/token", ((b"Content-Type", b"application/x-www-form-urlencoded"),), form
    ),
    st.fixed_dictionaries(
        {"grant_type": st.just("password") | texts},
        optional={"username": st.sampled_from(ROLES) | texts, "password": texts, "client_id": texts},
    ).map(_form)
    | st.binary(max_size=300),
)
changes = st.builds(
    lambda kind, object_id, auth, key, body: RawRequest(
        b"PATCH",
        f"/v2/{kind}/{object_id}/".encode(),
        ((b"Authorization", auth), (b"Idempotency-Key", key), (b"Content-Type", b"application/json")),
        body,
    ),
    st.sampled_from(["vouchers", "connections"]),
    _ids,
    authorizations,
    _keys,
    bodies,
)
reads = st.builds(
    lambda target, auth: RawRequest(b"GET", target, ((b"Authorization", auth),), b""), targets, authorizations
)
anything = st.builds(RawRequest, _methods | _header_names.map(str.encode), targets, headers, bodies)
requests = st.one_of(changes, reads, sign_ins, anything)
