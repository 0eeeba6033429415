"""A reference platform server the tests can stop and start again on the same port (the network going
down and coming back), over a temp SQLite file with seeded demo data and the test staff accounts."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from sqlalchemy import Engine

from frontdesk.domain.staff import StaffRole
from frontdesk.platform_server import add_staff, create_app, make_engine, seed_demo

STAFF = {"desk": ("desk-pass", StaffRole.FRONT_DESK), "manager": ("manager-pass", StaffRole.EMPLOYEE)}


class RestartableServer:
    def __init__(self, folder: Path, customers: int = 200) -> None:
        self.engine: Engine = make_engine(str(folder / "platform.db"))
        seed_demo(self.engine, customers=customers, seed=3)
        for name, (password, role) in STAFF.items():
            add_staff(self.engine, name, password, role, cost=2**10)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self._server = uvicorn.Server(uvicorn.Config(create_app(self.engine), log_level="warning", access_log=False))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("test platform did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=20)
            self._server = self._thread = None

    def close(self) -> None:
        self.stop()
        self.engine.dispose()
