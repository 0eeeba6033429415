"""`frontdesk server` in a process of its own for the benchmarks, so the hub's work never shares their GIL."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def hub_process(db: Path, log: Path, *options: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """Start the hub over `db` (its output to `log`), wait until it answers and yield (process, port); stop it
    cleanly afterwards."""
    port = free_port()
    command: Sequence[str] = [sys.executable, str(ROOT / "main.py"), "server", "--db", str(db), "--port", str(port),
                              *options]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as probe:
            while True:
                with contextlib.suppress(httpx.TransportError):
                    if probe.get("/v2/users/").status_code == 401:
                        break
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the hub did not start:\n{log.read_text()}")
                time.sleep(0.05)
        yield server, port
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
