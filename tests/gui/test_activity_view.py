"""The Activity view: this desk's audit log in the window, filtered by customer number and staff name as typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection
from ui.main_window import MainWindow

from .helpers import type_text

SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Front desk 2", "Downtown")


def _rows(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _two_actions(window: MainWindow, db: Database) -> tuple[int, int]:
    """Dana (the window's staff member) and Sam each change a different customer's status."""
    with db.unit_of_work() as session:
        active = session.scalars(select(Connection).where(Connection.status == "ACTIVE").order_by(Connection.id))
        first, second = active.all()[:2]
        ids = first.customer_id, second.customer_id
    window._context.actions.change_program_status(ids[0], ProgramStatus.INACTIVE)
    StaffActions(db, SAM, window._context.clock).change_program_status(ids[1], ProgramStatus.INACTIVE)
    return ids


def test_the_activity_view_lists_and_filters_this_desks_audit_log(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    dana_customer, sam_customer = _two_actions(window, db)
    view = window.activity
    window.show_activity()
    qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=5000)
    rows = _rows(view.table)
    assert [r[1] for r in rows] == ["Sam Lee (front desk)", "Dana Reyes (employee)"]  # newest first
    assert rows[0][2] == "Front desk 2" and rows[0][4] == "changed program status"
    assert rows[0][5] == "ACTIVE → INACTIVE" and rows[0][7] == "waiting"
    assert rows[0][3].endswith(f"(#{sam_customer})") and view.status.text() == "2 entries"

    type_text(qtbot, view.staff, "Dana Reyes")
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert _rows(view.table)[0][3].endswith(f"(#{dana_customer})") and view.status.text() == "1 entry"
    view.grab().save(str(tmp_path / "activity.png"))

    view.staff.clear()
    type_text(qtbot, view.customer, str(sam_customer))
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and _rows(view.table)[0][1].startswith("Sam"), timeout=5000)
    type_text(qtbot, view.staff, "Dana Reyes")  # both filters: Dana never touched Sam's customer
    qtbot.waitUntil(lambda: view.table.rowCount() == 0 and view.status.text() == "Nothing yet.", timeout=5000)

    view.staff.clear()
    view.customer.clear()
    type_text(qtbot, view.customer, "12a")
    qtbot.waitUntil(lambda: view.status.text() == "A customer number is digits only.", timeout=5000)
