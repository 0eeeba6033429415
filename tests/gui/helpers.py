"""Driving the window the way a receptionist does, waiting on the signals the panels emit."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import CustomerDetail, SearchResult
from frontdesk.storage.database import Database
from ui.app import build_window
from ui.main_window import MainWindow

EMPLOYEE = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Front desk 1", "Downtown")


def open_window(qtbot: QtBot, db: Database, settings: QSettings, staff: StaffMember = EMPLOYEE) -> MainWindow:
    window = build_window(DeskServices(db, SystemClock()), staff, is_demo=True, settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> SearchResult:
    """Type like a person (one key at a time) and return the results that finally show."""
    window.search.field.clear()
    with qtbot.waitSignal(window.search.results_shown, timeout=5000, check_params_cb=lambda r: r.query == text) as got:
        qtbot.keyClicks(window.search.field, text)
    result: SearchResult = got.args[0]
    return result


def type_text(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type into a field and wait until it shows the text. Keys typed faster than a person can are first held
    by the USB-scanner detector (ui/wedge_filter.py) and handed back a few milliseconds later."""
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: field.text().endswith(text), timeout=2000)


def open_customer(qtbot: QtBot, window: MainWindow, customer_id: int) -> CustomerDetail:
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        window.customer.open_customer(customer_id)
    detail: CustomerDetail = got.args[0]
    return detail
