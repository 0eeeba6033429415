"""The demo hub: the reference platform server, run in the background on 127.0.0.1 with demo data, so a
first run with no platform configured shows search, status changes, scanning and sync working at once.

A second desk started on the same machine finds the hub already listening and syncs with it too, so two
desks can be watched producing (and detecting) a double redemption.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from frontdesk.domain.staff import StaffRole
from frontdesk.platform_server import add_staff, create_app, make_engine, seed_demo
from frontdesk.platform_server.db import create_schema
from frontdesk.platform_server.models import StaffAccount

log = logging.getLogger(__name__)
DEMO_PORT = 8765
DEMO_CUSTOMERS = 5000
DEMO_STAFF = ("Demo Staff", "demo", StaffRole.EMPLOYEE)  # name, password, role: demo data only


@dataclass
class DemoHub:
    url: str
    server: uvicorn.Server | None  # None when another desk's hub is serving
    thread: threading.Thread | None

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=10)


LAST_SEEDED = ("Front Desk Demo", "demo", StaffRole.FRONT_DESK)  # added last: its account marks a finished seed


def _seeded(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.scalar(select(StaffAccount.id).where(StaffAccount.name == LAST_SEEDED[0])) is not None


def _prepare(db_path: Path, customers: int) -> None:
    """Seed the hub's file unless an earlier start finished seeding it. A seed cut off half-way (the app
    closed or crashed during the first start) leaves no marker account, so the file is made again."""
    if db_path.exists():
        engine = make_engine(str(db_path))
        try:
            create_schema(engine)
            if _seeded(engine):
                return
        finally:
            engine.dispose()
        log.info("demo hub data %s was not finished; seeding it again", db_path.name)
        for leftover in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    engine = make_engine(str(db_path))
    try:
        create_schema(engine)
        seed_demo(engine, customers=customers, seed=1)
        for name, password, role in (DEMO_STAFF, LAST_SEEDED):
            add_staff(engine, name, password, role)
    finally:
        engine.dispose()


def start_demo_hub(db_path: Path, port: int = DEMO_PORT, *, customers: int = DEMO_CUSTOMERS) -> DemoHub:
    """Serve the demo platform from `db_path` (seeded on first use), or join the hub already on `port`."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.bind(("127.0.0.1", port))  # port 0: any free port (tests)
    except OSError:
        sock.close()
        log.info("demo hub already running on port %d; joining it", port)
        return DemoHub(f"http://127.0.0.1:{port}", None, None)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _prepare(db_path, customers)
    server = uvicorn.Server(uvicorn.Config(create_app(str(db_path)), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="demo-hub", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    return DemoHub(url, server, thread)
