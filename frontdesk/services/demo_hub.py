"""The demo hub: the reference platform as its own process on 127.0.0.1 with demo data, so a first run with no
platform configured shows search, status changes, scanning and sync working at once.

A desk finds the hub already answering on its port, or starts it (`frontdesk server --demo-customers …`). The
hub outlives the desk that started it while another desk still syncs with it, and stops by itself once no desk
has used it for a while (--idle-exit), so two desks can be watched producing (and detecting) a double
redemption and closed in any order.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffRole

log = logging.getLogger(__name__)
DEMO_PORT = 8765
DEMO_CUSTOMERS = 5000
DEMO_STAFF = ("Demo Staff", "demo", StaffRole.EMPLOYEE)  # the demo hub's published account (hub/demo.py)
DEMO_IDLE_S = 600.0  # desks sync every minute: ten quiet minutes mean every desk has closed
START_WAIT_S = 120.0  # a first start seeds the demo customers before it answers


@dataclass
class DemoHub:
    url: str
    process: subprocess.Popen[bytes] | None  # None when another desk's hub was already serving
    private: bool = False  # on a port of its own (0: any free port): no other desk can find it

    def stop(self) -> None:
        """This desk is done with the hub. A shared hub keeps serving the other desks and stops by itself once
        idle; a private one (no other desk can find it) stops now."""
        if self.private:
            self.shutdown()

    def shutdown(self) -> None:
        """Stop the hub this desk started now (tests, tools); one another desk started is left alone."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        httpx.get(f"{url}/v2/openapi.yaml", timeout=2.0)  # any answer at all: a server is there
    except httpx.HTTPError:
        return False
    return True


def start_demo_hub(db_path: Path, port: int = DEMO_PORT, *, customers: int = DEMO_CUSTOMERS,
                   idle_s: float = DEMO_IDLE_S) -> DemoHub:  # fmt: skip
    """Join the hub answering on `port`, or start one serving `db_path` (seeded on first use). Port 0: a hub of
    this desk's own on any free port (tests)."""
    url = f"http://127.0.0.1:{port}"
    if port and _answers(url):
        log.info("demo hub already running on port %d; joining it", port)
        return DemoHub(url, None)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    port_file = Path(tempfile.mkdtemp(prefix="frontdesk-hub-")) / "port"
    command = [sys.executable, "-m", "frontdesk.cli", "server", "--db", str(db_path), "--port", str(port),
               "--demo-customers", str(customers), "--idle-exit", str(idle_s),
               "--port-file", str(port_file)]  # fmt: skip
    with db_path.with_name(db_path.stem + ".log").open("ab") as output:  # the hub's own log, for support
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)  # fmt: skip  # closing the desk's terminal leaves it be
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if port_file.exists() and port_file.read_text(encoding="utf-8").strip():
            url = f"http://127.0.0.1:{port_file.read_text(encoding='utf-8').strip()}"
            if _answers(url):
                return DemoHub(url, process, private=port == 0)
        elif port and process.poll() is not None and _answers(url):  # another desk's hub won the port meanwhile
            return DemoHub(url, None)
        time.sleep(0.1)
    process.kill()
    raise FrontDeskError(f"The demo platform did not start (see {db_path.stem}.log beside {db_path.name}).",
                         code="demo_hub_failed")  # fmt: skip
