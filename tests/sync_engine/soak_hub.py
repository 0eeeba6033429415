"""The hub as a process of its own, to be killed with SIGKILL and started again on the same file and port.

The process runs the real `frontdesk server` (main.main with its arguments), forked from a forkserver that has
already imported the code, so a restart costs milliseconds instead of a Python start-up. Desk processes of the
soak come from the same forkserver (crash_child.py).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import os
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from frontdesk.domain.staff import StaffRole
from frontdesk.hub import add_staff, create_schema, make_engine

FORKS = multiprocessing.get_context("forkserver")
ROOT = Path(__file__).resolve().parents[2]
# name -> (password, role); a cheap scrypt cost, as these hashes only guard a temporary file
ACCOUNTS = {"desk": ("desk-pass", StaffRole.FRONT_DESK), "manager": ("manager-pass", StaffRole.EMPLOYEE)}


# Everything `frontdesk server` imports, imported once: a restarted hub reads no source file, so it starts in
# milliseconds and runs the same code as the first one.
HUB_MODULES = ["main", "frontdesk.cli", "frontdesk.hub.serving", "frontdesk.hub.settings"]


def start_forkserver(preload: Sequence[str]) -> None:
    """Start the forkserver with the hub's modules and `preload` imported. Python 3.11's forkserver ignores the
    parent's sys.path when preloading, so the repository and tests/ go in through PYTHONPATH for its start only."""
    FORKS.set_forkserver_preload([*HUB_MODULES, *preload])
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"), *([before] if before else [])])
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def make_hub_file(path: Path) -> None:
    """An empty hub database with the staff accounts."""
    engine = make_engine(str(path))
    try:
        create_schema(engine)
        for name, (password, role) in ACCOUNTS.items():
            add_staff(engine, name, password, role, cost=2**10)
    finally:
        engine.dispose()  # the last connection closing folds the WAL back into the file


def copy_database(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _end_when_orphaned() -> None:
    """End this child as soon as the soak process is gone (killed, too), instead of serving or syncing for ever.
    The forkserver is no help: every child holds its lifeline open, so it outlives the soak while they run."""
    soak = multiprocessing.parent_process()
    assert soak is not None, "only for a child of the soak"

    def watch() -> None:
        multiprocessing.connection.wait([soak.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def orphan_guarded(target: Callable[..., None], *args: Any) -> None:
    """Run `target` in a forked child that ends by itself once the soak is gone."""
    _end_when_orphaned()
    target(*args)


def serve_hub(db_path: str, port: int, log_path: str) -> None:
    """The child: `frontdesk server --db PATH --port P`, its output in the log file."""
    import main

    _end_when_orphaned()
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.exit(main.main(["server", "--db", db_path, "--port", str(port), "--host", "127.0.0.1"]))


class HubProcess:
    """One hub database file served on one port by a process that can be killed and started again."""

    def __init__(self, db_path: Path, log_path: Path) -> None:
        self.db_path, self.log_path, self.port = db_path, log_path, free_port()
        self.process: BaseProcess | None = None
        self.kills = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> None:
        self.process = FORKS.Process(target=serve_hub, args=(str(self.db_path), self.port, str(self.log_path)),
                                     daemon=True)  # fmt: skip
        self.process.start()
        deadline = time.monotonic() + timeout
        while not self._listening():
            if not self.process.is_alive() or time.monotonic() > deadline:
                tail = self.log_path.read_text(errors="replace")[-600:] if self.log_path.exists() else ""
                self.stop()
                raise RuntimeError(f"the hub did not start on port {self.port}: {tail}")
            time.sleep(0.005)

    def _listening(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL, wherever the hub is: nothing of it runs after this returns."""
        assert self.process is not None and self.process.pid is not None and self.process.is_alive()
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(timeout=30)
        if self.process.exitcode != -signal.SIGKILL:
            raise RuntimeError(f"the hub ended by itself (exit {self.process.exitcode}) before it was killed")
        self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive() and self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.join(timeout=30)
        self.process = None
