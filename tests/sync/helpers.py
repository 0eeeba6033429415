"""The test platform: a real uvicorn server in a thread, and clients for it."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import uvicorn
from sqlalchemy import Engine
from starlette.applications import Starlette

from frontdesk.domain.staff import StaffRole
from frontdesk.hub.serving import server_config
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.retry import RetryPolicy
from sync.hub_requests import RawClient

# name -> (password, role). Cheap scrypt cost: these hashes only guard a temp file.
STAFF = {
    "desk": ("desk-pass", StaffRole.FRONT_DESK),
    "manager": ("manager-pass", StaffRole.EMPLOYEE),
    "admin": ("admin-pass", StaffRole.ADMIN),
}
NO_WAIT = RetryPolicy(attempts=1)


@contextlib.contextmanager
def serve(app: Starlette) -> Iterator[str]:
    """Run the hub `app` (from create_app) on uvicorn in a thread, set up as `frontdesk server` sets it up;
    yields its base URL and stops it cleanly afterwards."""
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on such sockets (else 40 ms Nagle stalls).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(server_config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test platform server did not start")
        time.sleep(0.005)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@dataclass
class Platform:
    base_url: str
    engine: Engine  # for remote changes (frontdesk.hub.remote) and for checking stored state

    def client(self, **options: Any) -> PlatformClient:
        options.setdefault("retry", NO_WAIT)
        return PlatformClient(self.base_url, timeout=10.0, **options)

    def signed_in(self, name: str = "desk", **options: Any) -> PlatformClient:
        client = self.client(**options)
        client.sign_in(name, STAFF[name][0])
        return client


def raw_client_of(platform: Platform, roles: Iterable[str]) -> RawClient:
    """A raw-socket client to this platform holding a signed-in token for each of these accounts."""
    tokens = {}
    for role in roles:
        with platform.signed_in(role) as client:
            assert client.token is not None
            tokens[role] = client.token
    address = urlsplit(platform.base_url)
    assert address.hostname is not None and address.port is not None
    return RawClient(address.hostname, address.port, tokens)
