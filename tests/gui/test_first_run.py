"""The first run with no configuration anywhere: the demo hub starts on 127.0.0.1, the desk signs in as demo staff
and syncs from it, under the Demo banner. The data folder and the hub's port come in as parameters."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from frontdesk.app import connect
from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.desk_state import platform_of
from frontdesk.storage.database import Database
from ui.app import open_desk, run_window
from ui.main_window import MainWindow
from ui.support import log_file_in_use
from ui.sync_controller import SyncView

from .helpers import type_query
from .platform_server import wait_for_mode


def _window_settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


def test_connect_with_no_platform_starts_the_demo_hub_and_signs_in_as_demo_staff(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    connected = connect(DeskSettings(), folder=folder, hub_port=0)
    assert connected.hub is not None and connected.hub.process is not None  # this desk started it
    try:
        assert connected.link.url == connected.hub.url and connected.link.url.startswith("http://127.0.0.1:")
        assert connected.db_path == folder / "demo-desk.db" and (folder / "demo-hub.db").exists()
        assert (connected.staff.name, connected.staff.desk) == ("Demo Staff", "Demo desk 1")
        db = Database(connected.db_path)
        try:
            summary = connected.link.sync(db, SystemClock())
            assert summary.complete and summary.pulled["users"] > 1000  # signed in by itself, pulled the demo
        finally:
            db.close()
        port = int(connected.hub.url.rsplit(":", 1)[1])
        second = connect(DeskSettings(), folder=folder, db_path=tmp_path / "desk-b.db", hub_port=port)
        assert second.hub is not None and second.hub.process is None  # a second desk joins the running hub
        assert second.link.url == connected.hub.url and second.staff.desk == "Demo desk desk-b"
    finally:
        connected.hub.stop()


def test_open_desk_on_a_fresh_machine_shows_the_demo_working(qtbot: QtBot, tmp_path: Path) -> None:
    desk = open_desk(["--settings", str(tmp_path / "settings.json")], window_settings=_window_settings(tmp_path),
                     folder=tmp_path / "data", hub_port=0)  # fmt: skip
    window = desk.window
    qtbot.addWidget(window)
    try:
        window.show()
        assert desk.hub is not None and window._context.is_demo
        assert desk.services.database_path == tmp_path / "data" / "demo-desk.db"
        (banner,) = [label for label in window.findChildren(QLabel) if label.accessibleName() == "Demo banner"]
        assert banner.isVisible() and banner.text().startswith("Demo — ")
        wait_for_mode(qtbot, window, "online")
        assert window.staff_label.text().startswith("Demo Staff")
        result = type_query(qtbot, window, "a")
        assert len(result.customers) == 50 and result.more
        assert platform_of(desk.services.db) == desk.hub.url  # the demo database belongs to the demo hub only
    finally:
        window.close()
        desk.close()


def test_run_window_opens_the_demo_and_ends_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    """All of run_window; only the application's own exec() is replaced by a loop that ends when the window
    closes (quitting the test session's application would break the tests after this one)."""
    seen: list[SyncView] = []
    deadline = time.monotonic() + 30
    loop = QEventLoop()

    def close_when_online() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].sync.view.mode == "online":
            seen.append(windows[0].sync.view)
            windows[0].close()  # as staff do: nothing is waiting, so it closes at once
        if seen or time.monotonic() > deadline:  # past the deadline, the assertions below say what was missing
            loop.quit()
            return
        QTimer.singleShot(50, close_when_online)

    def event_loop() -> int:
        QTimer.singleShot(50, close_when_online)
        return loop.exec()

    switch_interval, hooks = sys.getswitchinterval(), (sys.excepthook, threading.excepthook)
    try:
        code = run_window(["--settings", str(tmp_path / "settings.json")], window_settings=_window_settings(tmp_path),
                          folder=tmp_path / "data", hub_port=0, event_loop=event_loop)  # fmt: skip
    finally:
        sys.setswitchinterval(switch_interval)
    assert code == 0
    assert len(seen) == 1 and seen[0].last_good_sync is not None and seen[0].waiting == 0
    assert not [t for t in threading.enumerate() if t.name == "demo-hub"]  # the hub stopped with the window
    logged = (tmp_path / "data" / "logs" / "frontdesk.log").read_text(encoding="utf-8")
    assert "INFO ui.sync_controller: sync: " in logged  # the window's log went to the file beside its data
    assert log_file_in_use() is None and (sys.excepthook, threading.excepthook) == hooks  # both ended with it
    db = Database(tmp_path / "data" / "demo-desk.db")
    try:
        assert platform_of(db) is not None
    finally:
        db.close()
