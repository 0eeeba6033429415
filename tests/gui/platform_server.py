"""A reference platform server the tests can stop and start again on the same port (the network going
down and coming back), over a temp SQLite file with seeded demo data and the test staff accounts; and the
desk windows the sync tests open against it."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.hub import add_staff, create_app, make_engine, seed_demo
from frontdesk.hub.models import IdempotencyRecord
from frontdesk.services.desk import DeskServices
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.connect_dialog import ConnectDialog
from ui.main_window import MainWindow
from ui.sync_controller import SyncTiming, SyncView

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

    def changes_received(self) -> int:
        """How many staff actions reached this platform (each push leaves its idempotency key)."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(IdempotencyRecord)).scalar_one()


def desk_window(qtbot: QtBot, folder: Path, server: RestartableServer, desk: str, *,
                timing: SyncTiming | None = None) -> MainWindow:  # fmt: skip
    """A desk signed in as the manager, over its own database file in `folder`."""
    link = PlatformLink(server.url, timeout=2.0)
    grant = link.sign_in("manager", STAFF["manager"][0])
    staff = StaffMember(grant.staff.name, grant.staff.role, desk, "Downtown")
    db = Database(folder / f"{desk}.db")
    settings = QSettings(str(folder / f"{desk}.ini"), QSettings.Format.IniFormat)
    window = build_window(
        DeskServices(db, SystemClock()), staff, is_demo=False, settings=settings, link=link, timing=timing
    )
    qtbot.addWidget(window)
    window.show()
    return window


def wait_for_mode(qtbot: QtBot, window: MainWindow, mode: str) -> SyncView:
    qtbot.waitUntil(lambda: window.sync.view.mode == mode, timeout=15000)
    return window.sync.view


def sync_and_wait(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sync.synced, timeout=15000):
        window.sync.sync_now()


def close_desk(window: MainWindow) -> None:
    """Stop a window's background work and close its database (before its files are read or reopened)."""
    window.sync.shutdown()
    window._context.tasks.wait_idle()
    window._context.desk.db.close()


def unused_code(db: Database) -> str:
    with db.unit_of_work() as session:
        code = session.scalars(select(Voucher.code).where(Voucher.status == "UNUSED").order_by(Voucher.id)).first()
        assert code is not None
        return code


def sign_in(qtbot: QtBot, window: MainWindow, url: str, staff: str = "desk") -> ConnectDialog:
    """Desk → Connect to platform…, fill in the form, press Sign in and wait for the answer."""
    dialog = window.show_connect()
    dialog.url.setText(url)
    dialog.staff.setText(staff)
    dialog.password.setText(STAFF[staff][0])
    with qtbot.waitSignal(dialog.signed_in, timeout=10000):
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    return dialog


def close_window(qtbot: QtBot, window: MainWindow) -> str | None:
    """Close as staff do; with changes waiting, read the notice and press OK. Returns the notice's text."""
    window.close()
    box = window.notice_box
    if box is None:
        assert not window.isVisible()
        return None
    assert window.isVisible() and box.isVisible()  # not closed yet: staff read the notice first
    text = box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    return text
