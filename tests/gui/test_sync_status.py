"""The status bar's sync state (tooltip after recovery, the date of a last sync that was not today), the Demo
banner, and closing the window with changes waiting (the real closeEvent: the notice first, then the close)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk import DeskServices
from frontdesk.storage.database import Database
from ui.app import build_window
from ui.main_window import MainWindow
from ui.sync_controller import SyncView
from ui.sync_status import CONNECTION_TIP, SyncStatus, sync_time

from .helpers import open_window
from .platform_server import unused_code

NOON = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def test_a_problem_that_is_over_leaves_the_tooltip(qtbot: QtBot) -> None:
    status = SyncStatus(Clock(NOON))
    qtbot.addWidget(status)
    status.show_view(SyncView("offline", 2, 0, None, "The loyalty platform did not answer (timeout)."))
    assert status.mode.toolTip() == "The loyalty platform did not answer (timeout)."
    assert status.sync.isEnabled()  # "Sync now" is offered while offline
    status.show_view(SyncView("online", 0, 0, NOON))
    assert status.mode.toolTip() == CONNECTION_TIP
    status.show_view(SyncView("signed_out", 1, 0, NOON, "Sign in with Desk → Connect to platform… to sync."))
    assert "Signed out — sign in to sync" in status.mode.text() and not status.sync.isEnabled()


def test_last_sync_shows_the_date_when_it_was_not_today(qtbot: QtBot) -> None:
    local_noon = NOON.astimezone()
    assert sync_time(None, NOON) == "never"
    assert sync_time(NOON, NOON + timedelta(minutes=5)) == f"{local_noon:%H:%M}"
    assert sync_time(NOON - timedelta(days=3), NOON) == f"{local_noon - timedelta(days=3):%d %b %H:%M}"
    assert sync_time(NOON - timedelta(days=400), NOON).endswith(f"{(local_noon - timedelta(days=400)):%Y %H:%M}")
    status = SyncStatus(Clock(NOON + timedelta(days=2)))
    qtbot.addWidget(status)
    status.show_view(SyncView("offline", 0, 0, NOON))
    assert status.last_sync.text() == f"Last sync: {local_noon:%d %b %H:%M}"


def test_the_demo_banner_shows_only_on_a_demo_desk(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    demo = open_window(qtbot, db, QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    (banner,) = [label for label in demo.findChildren(QLabel) if label.accessibleName() == "Demo banner"]
    assert banner.isVisible() and "generated demo data" in banner.text()
    assert banner.geometry().bottom() < demo.tabs.geometry().top()  # above the pages, not hidden behind them
    demo.grab().save(str(tmp_path / "demo.png"))
    demo._context.tasks.wait_idle()
    real = build_window(DeskServices(db, SystemClock()), demo._context.staff, is_demo=False,
                        settings=QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))  # fmt: skip
    qtbot.addWidget(real)
    assert [label for label in real.findChildren(QLabel) if label.accessibleName() == "Demo banner"] == []
    real._context.tasks.wait_idle()


def test_closing_with_changes_waiting_says_they_are_kept_and_then_closes(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    window._context.actions.mark_used(code=unused_code(window._context.desk.db))
    window.sync.staff_acted()
    qtbot.waitUntil(lambda: window.sync.view.waiting == 1, timeout=5000)
    assert not window.close()  # the close waits for the notice
    box = window.notice_box
    assert box is not None and box.isVisible() and window.isVisible()
    assert box.text().startswith("1 change is saved on this computer and will be sent to the loyalty platform")
    assert "Nothing is lost." in box.text() and settings.value("window/geometry") is None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert settings.value("window/geometry") is not None  # closed for real: the window's place was saved


def test_closing_with_nothing_waiting_closes_at_once(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window._context.tasks.busy(), timeout=5000)
    assert window.close() and window.notice_box is None and not window.isVisible()


def test_a_first_load_shows_how_far_it_has_come_until_the_sync_ends(qtbot: QtBot) -> None:
    status = SyncStatus(Clock(NOON))
    qtbot.addWidget(status)
    status.show_view(SyncView("syncing", 0, 0, None))
    status.show_progress("users", 420_000, 1_000_000)
    assert status.mode.text().endswith("Syncing… — loading customers: 42 %")
    status.show_view(SyncView("syncing", 0, 0, None))  # the view refreshed during the sync keeps the progress
    assert "loading customers: 42 %" in status.mode.text()
    status.show_progress("users", 1_000_000, 1_000_000)
    assert "loading customers: 99 %" in status.mode.text()  # 100 % only once the sync says it ended
    status.show_progress("connections", 600_000, 1_000_000)  # the vouchers' count is not known yet
    assert "loading program statuses and vouchers: 600,000" in status.mode.text()
    status.show_progress("vouchers", 400_000, 1_500_000)
    assert "loading program statuses and vouchers: 40 %" in status.mode.text()
    status.show_view(SyncView("online", 0, 0, NOON))
    assert "loading" not in status.mode.text() and "Online" in status.mode.text()
    status.show_progress("vouchers", 1_500_000, 1_500_000)  # a report that arrives after the end is not shown
    assert "loading" not in status.mode.text()
    status.show_view(SyncView("syncing", 0, 0, NOON))  # nor carried into the next sync
    assert status.mode.text().endswith("Syncing…")


def test_the_windows_status_bar_shows_the_progress_its_sync_reports_from_its_own_thread(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, db, settings)
    with qtbot.waitSignal(window.sync.view_changed, timeout=5000):  # the desk's state, read as the window opened
        pass
    window.sync.view_changed.emit(SyncView("syncing", 0, 0, None))  # as the controller says when a sync starts
    reporter = threading.Thread(target=window.sync.progress.emit, args=("users", 250, 1000))  # as a sync runs
    reporter.start()
    reporter.join()
    qtbot.waitUntil(lambda: "loading customers: 25 %" in window.sync_status.mode.text(), timeout=3000)
