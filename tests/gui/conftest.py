"""Real widgets (offscreen) over a real temporary demo database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from ui.main_window import MainWindow

from .helpers import open_window
from .platform_server import RestartableServer


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "desk.db")
    demo_data.fill(database, 300, seed=7)
    yield database
    database.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, db: Database, settings: QSettings) -> Iterator[MainWindow]:
    win = open_window(qtbot, db, settings)
    yield win
    win._context.tasks.wait_idle()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RestartableServer]:
    """A real reference platform on 127.0.0.1 with 60 demo customers (a module may define its own)."""
    platform = RestartableServer(tmp_path, customers=60)
    platform.start()
    yield platform
    platform.close()
