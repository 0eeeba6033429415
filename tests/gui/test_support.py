"""Support: the rotating log file (never a token, password, PIN, email, code or a row's values, even inside a
traceback), the plain dialog an unhandled error shows (from a Qt slot or a worker thread) with details to copy,
and Help → About with versions, paths and "Copy diagnostics"."""

from __future__ import annotations

import logging
import platform
import sqlite3
import sys
import threading
from importlib import metadata
from pathlib import Path

import cv2
import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from ui.about_dialog import AboutDialog
from ui.main_window import MainWindow
from ui.support import LOG_NAME, CrashReporter, ErrorDialog, LogFile, log_file_in_use, start_logging

SECRETS = ("eyJhbGciOiJIUzI1NiJ9.s3cr3t", "hunter2", "4321", "50000003", "M0000007", "ana.silva@example.com", "'Ana'")


def _logged(logs: LogFile) -> str:
    assert logs.path is not None
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(logs.path.parent.glob(f"{LOG_NAME}*")))


def _database_error() -> IntegrityError:
    """A real SQLAlchemy error: its message quotes the row's values (an engine without hide_parameters)."""
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE people (email TEXT UNIQUE, first TEXT)"))
            row = {"email": "ana.silva@example.com", "first": "Ana"}
            connection.execute(text("INSERT INTO people VALUES (:email, :first)"), row)
            connection.execute(text("INSERT INTO people VALUES (:email, :first)"), row)
    except IntegrityError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("the second insert should have failed")


def test_the_log_file_never_holds_secrets_or_customer_data_and_rotates(tmp_path: Path) -> None:
    logs = start_logging(tmp_path / "logs", max_bytes=4000, backups=2)
    log = logging.getLogger("frontdesk.test_support")
    try:
        assert logs.path == tmp_path / "logs" / LOG_NAME and log_file_in_use() == logs.path
        log.info("signed in: Authorization: Bearer %s", SECRETS[0])
        log.info('answer {"access_token": "%s", "password": "%s"} pin=%s', SECRETS[0], SECRETS[1], SECRETS[2])
        log.info("marked voucher %s of member %s for %s", SECRETS[3], SECRETS[4], SECRETS[5])
        error = _database_error()
        assert "ana.silva@example.com" in str(error)  # what would reach the log without redaction
        log.error("saving failed", exc_info=error)
        first = _logged(logs)
        for secret in SECRETS:
            assert secret not in first, secret
        for kept in ("Authorization: <hidden> <hidden>", '"access_token": "<hidden>"', "pin=<hidden>",
                     "marked voucher <number> of member <number> for <email>", "IntegrityError",
                     "[parameters: hidden]", "ERROR frontdesk.test_support: saving failed"):  # fmt: skip
            assert kept in first, kept
        for n in range(200):
            log.info("sync %d: nothing new", n)
        files = sorted(p.name for p in logs.path.parent.iterdir())
        assert files == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2"]  # never more than two old files
        assert all((logs.path.parent / name).stat().st_size <= 4000 for name in files)
        assert "sync 199: nothing new" in logs.path.read_text(encoding="utf-8")
    finally:
        logs.close()
    assert log_file_in_use() is None and not set(logs.handlers) & set(logging.getLogger().handlers)


def test_a_log_folder_that_cannot_be_made_leaves_the_console_log(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    (tmp_path / "a file").write_text("not a folder")
    logs = start_logging(tmp_path / "a file" / "logs")
    try:
        assert logs.path is None and len(logs.handlers) == 1 and log_file_in_use() is None
        assert f"no log file: the folder {tmp_path / 'a file' / 'logs'} cannot be written" in caplog.text
    finally:
        logs.close()


@pytest.fixture
def reporter(tmp_path: Path) -> tuple[CrashReporter, LogFile]:
    logs = start_logging(tmp_path / "logs")
    crashes = CrashReporter(logs.path)
    hooks = (sys.excepthook, threading.excepthook)
    crashes.install()
    yield crashes, logs
    crashes.uninstall()
    logs.close()
    assert (sys.excepthook, threading.excepthook) == hooks  # put back as they were


def _shown(qtbot: QtBot, crashes: CrashReporter) -> ErrorDialog:
    qtbot.waitUntil(lambda: crashes.dialog is not None and crashes.dialog.isVisible(), timeout=5000)
    assert crashes.dialog is not None
    return crashes.dialog


def test_an_error_in_a_qt_slot_shows_a_plain_dialog_is_logged_and_the_window_goes_on(
    qtbot: QtBot, reporter: tuple[CrashReporter, LogFile]
) -> None:
    crashes, logs = reporter
    button = QPushButton("Mark")
    qtbot.addWidget(button)
    button.show()
    clicks: list[int] = []

    def mark() -> None:
        clicks.append(1)
        raise LookupError(f"voucher {SECRETS[3]} of {SECRETS[5]} is not here")

    button.clicked.connect(mark)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _shown(qtbot, crashes)
    assert dialog.windowTitle() == "Front Desk — something went wrong"
    assert dialog.message.text().startswith("Something went wrong in Front Desk. What was already saved stays saved.")
    assert dialog.message.text().endswith(f"The details were written to the log file {logs.path}.")
    details = dialog.details.toPlainText()
    assert details.startswith("Traceback") and "in mark" in details
    assert details.endswith("LookupError: voucher <number> of <email> is not here\n")
    qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # again: the same dialog says so, no second one
    qtbot.waitUntil(lambda: dialog.times == 2, timeout=5000)
    assert dialog.message.text().endswith("It happened 2 times.") and crashes.dialog is dialog
    assert len([w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]) == 1
    logged = _logged(logs)
    assert logged.count("CRITICAL ui.support: unhandled error") == 2 and "in mark" in logged
    assert SECRETS[3] not in logged and SECRETS[5] not in logged

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the program is still running and answering
    assert len(clicks) == 3
    _shown(qtbot, crashes)


def test_an_error_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot: QtBot, reporter: tuple[CrashReporter, LogFile]
) -> None:
    crashes, logs = reporter

    def print_labels() -> None:
        raise OSError("the label printer is gone")

    worker = threading.Thread(target=print_labels, name="label printer")
    worker.start()
    worker.join()
    dialog = _shown(qtbot, crashes)
    assert dialog.thread() is QApplication.instance().thread()
    details = dialog.details.toPlainText()
    assert details.startswith("In label printer:\nTraceback") and "OSError: the label printer is gone" in details
    assert "CRITICAL ui.support: unhandled error in label printer" in _logged(logs)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def _shown_values(about: AboutDialog) -> dict[str, str]:
    return {label.accessibleName(): label.text() for label in about.findChildren(QLabel) if label.accessibleName()}


def test_about_names_versions_and_paths_and_copies_them_for_support(qtbot: QtBot, tmp_path: Path) -> None:
    logs = start_logging(tmp_path / "logs")
    try:
        about = AboutDialog(tmp_path / "desk.db", tmp_path / "settings.json", log_file_in_use())
    finally:
        logs.close()
    qtbot.addWidget(about)
    about.show()
    shown = _shown_values(about)
    assert shown == {
        "Front Desk": metadata.version("frontdesk"),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "SQLite": sqlite3.sqlite_version,
        "OpenCV": cv2.__version__,
        "zxing-cpp": metadata.version("zxing-cpp"),
        "System": platform.platform(),
        "Database": str(tmp_path / "desk.db"),
        "Settings": str(tmp_path / "settings.json"),
        "Log folder": str(tmp_path / "logs"),
    }
    qtbot.mouseClick(about.copy, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied == [f"{name}: {value}" for name, value in shown.items()] and about.copied.text() == "Copied."
    without = AboutDialog(tmp_path / "desk.db", None, None)  # a window opened without settings file or log
    qtbot.addWidget(without)
    assert _shown_values(without)["Settings"] == "none (this window does not save settings)"
    assert _shown_values(without)["Log folder"] == "none (no log file is being written)"


def test_help_about_opens_from_the_menu_with_this_windows_database(qtbot: QtBot, window: MainWindow) -> None:
    (help_menu,) = [m for m in window.menuBar().actions() if m.text() == "&Help"]
    (about_action,) = [a for a in help_menu.menu().actions() if a.text() == "&About Front Desk"]
    assert about_action.statusTip()
    about_action.trigger()
    about = window.about
    assert about is not None and about.isVisible() and about.windowTitle() == "About Front Desk"
    assert _shown_values(about)["Database"] == str(window._context.desk.db.path)
    qtbot.keyClick(about, Qt.Key.Key_Escape)
    assert not about.isVisible()
