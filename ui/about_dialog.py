"""Help → About Front Desk: the versions support asks for first (the app, Python, Qt and PySide6, SQLite, OpenCV,
zxing-cpp), where this desk keeps its database, settings and log, and "Copy diagnostics" to paste all of it into
a message. Nothing here is secret: no token, password or customer data. The dialog speaks the staff's language;
the copied diagnostics stay in English, for support."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from ui.words import say

NOT_INSTALLED = QT_TRANSLATE_NOOP("AboutDialog", "not installed")


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return NOT_INSTALLED


def _opencv() -> str:
    try:
        import cv2  # already loaded by the scan page; imported here only to ask its version
    except ImportError:
        return NOT_INSTALLED
    return str(cv2.__version__)


def versions() -> tuple[tuple[str, str], ...]:
    return (("Front Desk", _installed("frontdesk")),
            ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
            ("Qt", qVersion()), ("PySide6", PySide6.__version__), ("SQLite", sqlite3.sqlite_version),
            ("OpenCV", _opencv()), ("zxing-cpp", _installed("zxing-cpp")),
            (QT_TRANSLATE_NOOP("AboutDialog", "System"), platform.platform()))  # fmt: skip


def paths(database: Path, settings: Path | None, log_file: Path | None) -> tuple[tuple[str, str], ...]:
    return ((QT_TRANSLATE_NOOP("AboutDialog", "Database"), str(database)),
            (QT_TRANSLATE_NOOP("AboutDialog", "Settings"), str(settings) if settings
             else QT_TRANSLATE_NOOP("AboutDialog", "none (this window does not save settings)")),
            (QT_TRANSLATE_NOOP("AboutDialog", "Log folder"), str(log_file.parent) if log_file
             else QT_TRANSLATE_NOOP("AboutDialog", "none (no log file is being written)")))  # fmt: skip


def diagnostics(database: Path, settings: Path | None, log_file: Path | None) -> str:
    """Everything the About box shows, as plain text lines."""
    return "\n".join(f"{name}: {value}" for name, value in (*versions(), *paths(database, settings, log_file)))


class AboutDialog(QDialog):
    def __init__(self, database: Path, settings: Path | None, log_file: Path | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Front Desk"))
        self.text = diagnostics(database, settings, log_file)
        about = self.tr("The reception desk for a loyalty program: customers, program status, vouchers.")
        heading = QLabel(f"<h2>Front Desk {_installed('frontdesk')}</h2><p>{about}</p>", self)
        form = QFormLayout()
        for name, value in (*versions(), *paths(database, settings, log_file)):
            shown = QLabel(say(value), self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(say(name))
            form.addRow(self.tr("{name}:").format(name=say(name)), shown)
        self.copy = QPushButton(self.tr("&Copy diagnostics"), self)
        self.copy.setToolTip(self.tr("Copy versions and paths, to paste into a message to support"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setDefault(True)
        self.copied = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.copy.clicked.connect(self.copy_diagnostics)
        self.close_button.clicked.connect(self.accept)

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.copied.setText(self.tr("Copied."))
