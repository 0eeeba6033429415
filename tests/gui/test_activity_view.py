"""The Activity view: this desk's audit log in the window, filtered by customer number and staff name as typed;
each row says what became of the action, and a voucher the platform refused reads as refused, in red."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection, Voucher
from ui.activity_view import OUTCOME_COLUMN, ActivityView
from ui.look import is_dark, tone
from ui.main_window import MainWindow
from ui.sync_controller import SyncTiming

from .helpers import type_text
from .platform_server import RestartableServer, desk_window, sync_and_wait, unused_code, wait_for_mode

SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Front desk 2", "Downtown")
QUIET = SyncTiming(interval_s=600, soon_s=0.2)  # syncs only when the test asks


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


def _refreshed(qtbot: QtBot, view: ActivityView) -> list[list[str]]:
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.refresh()
    return _rows(view.table)


def _shown_whole(table: QTableWidget) -> bool:
    """Every row is as tall as its wrapped text needs: nothing cut off with "…"."""
    return all(table.rowHeight(row) >= table.sizeHintForRow(row) for row in range(table.rowCount()))


def _go_dark() -> None:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2d2d2d"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.WindowText, "#e8e8e8")):  # fmt: skip
        palette.setColor(role, QColor(colour))
    QApplication.setPalette(palette)


def _red_pixels(view: ActivityView, row: int, red: QColor | None = None) -> int:
    """How many pixels of the row's outcome cell are drawn in this red (the scheme's), as it shows on screen."""
    table = view.table
    cell = table.visualItemRect(table.item(row, OUTCOME_COLUMN))
    image: QImage = table.viewport().grab(cell).toImage()
    red = red or tone(False)

    def near(colour: QColor) -> bool:
        return all(abs(a - b) <= 24 for a, b in zip(colour.getRgb()[:3], red.getRgb()[:3], strict=True))

    return sum(near(image.pixelColor(x, y)) for y in range(image.height()) for x in range(image.width()))


def test_the_activity_view_lists_and_filters_this_desks_audit_log(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    dana_customer, sam_customer = _two_actions(window, db)
    view = window.activity
    window.show_activity()
    qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=5000)
    rows = _rows(view.table)
    assert [r[1] for r in rows] == ["Sam Lee (front desk)", "Dana Reyes (employee)"]  # newest first
    assert rows[0][2] == "Front desk 2" and rows[0][4] == "Changed program status"
    assert rows[0][5] == "ACTIVE → INACTIVE" and rows[0][7] == "Waiting to be sent"
    assert rows[0][3].endswith(f"(#{sam_customer})") and view.status.text() == "2 entries"

    type_text(qtbot, view.staff, "Dana Reyes")
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert _rows(view.table)[0][3].endswith(f"(#{dana_customer})") and view.status.text() == "1 entry"

    view.staff.clear()
    type_text(qtbot, view.customer, str(sam_customer))
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and _rows(view.table)[0][1].startswith("Sam"), timeout=5000)
    type_text(qtbot, view.staff, "Dana Reyes")  # both filters: Dana never touched Sam's customer
    qtbot.waitUntil(lambda: view.table.rowCount() == 0 and view.status.text() == "Nothing yet.", timeout=5000)

    view.staff.clear()
    view.customer.clear()
    type_text(qtbot, view.customer, "12a")
    qtbot.waitUntil(lambda: view.status.text() == "A customer number is digits only.", timeout=5000)


def test_a_voucher_the_platform_refused_reads_as_refused_with_its_code_and_the_platforms_reason(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    """Two desks accept the same voucher offline; the second to sync is refused. Its Activity says so — never
    "marked" alone — and keeps saying so, with who looked at it, after the refusal is acknowledged."""
    first = desk_window(qtbot, tmp_path, server, "Desk A", timing=QUIET)
    second = desk_window(qtbot, tmp_path, server, "Desk B", timing=QUIET)
    wait_for_mode(qtbot, first, "online")
    wait_for_mode(qtbot, second, "online")
    code = unused_code(first._context.desk.db)
    with second._context.desk.db.unit_of_work() as session:
        title = session.scalars(select(Voucher.title).where(Voucher.code == code)).one()
    server.stop()
    for window in (first, second):
        window._context.actions.mark_used(code=code)  # both desks accept the voucher while offline
    view = second.activity
    second.show_activity()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    marked = f"Marked voucher {code} ({title}) used"
    assert _rows(view.table)[0][4:] == [marked, "UNUSED → USED", "", "Waiting to be sent"]
    assert _red_pixels(view, 0) == 0

    server.start()
    sync_and_wait(qtbot, first)
    sync_and_wait(qtbot, second)
    (row,) = _refreshed(qtbot, view)  # the open view shows what the sync settled
    assert row[4] == marked
    assert row[7].startswith("✗ Refused by the platform: Already used") and "Nothing was changed." in row[7]
    assert view.table.item(0, 4).toolTip() == f"{marked} — {row[7].removeprefix('✗ ')}"
    assert view.status.text() == "1 entry, 1 refused by the platform"
    assert _red_pixels(view, 0) > 20  # drawn in red, not only said
    qtbot.waitUntil(lambda: _shown_whole(view.table), timeout=5000)
    view.grab().save(str(tmp_path / "activity-refused.png"))
    width, height = view.table.columnWidth(OUTCOME_COLUMN), view.table.rowHeight(0)
    view.resize(view.width() - width // 2, view.height())  # narrower: the outcome wraps onto more lines…
    qtbot.waitUntil(lambda: view.table.columnWidth(OUTCOME_COLUMN) < width, timeout=5000)
    qtbot.waitUntil(lambda: view.table.rowHeight(0) > height and _shown_whole(view.table), timeout=5000)  # …shown

    first.show_activity()
    qtbot.waitUntil(lambda: first.activity.table.rowCount() == 1, timeout=5000)
    assert _rows(first.activity.table)[0][4:] == [marked, "UNUSED → USED", "", "✓ Accepted by the platform"]
    assert _red_pixels(first.activity, 0) == 0

    second.show_conflicts()
    qtbot.waitUntil(lambda: len(second.conflicts.cards) == 1, timeout=5000)
    with qtbot.waitSignal(second.conflicts.loaded, timeout=5000):
        qtbot.mouseClick(second.conflicts.cards[0].ack, Qt.MouseButton.LeftButton)
    (row,) = _refreshed(qtbot, view)
    assert row[7].startswith("✗ Refused by the platform: Already used")  # still refused: the record is true
    assert row[7].endswith(f"Acknowledged by {second._context.staff.name}.")
    assert _red_pixels(view, 0) > 20
    qtbot.waitUntil(lambda: _shown_whole(view.table), timeout=5000)

    light_red = tone(False)
    _go_dark()  # the scheme changes while the view is open: the row is painted anew in the dark scheme's red
    try:
        dark_red = tone(False)
        assert is_dark() and dark_red != light_red
        qtbot.waitUntil(lambda: _red_pixels(view, 0, dark_red) > 20, timeout=5000)
        assert _red_pixels(view, 0, light_red) == 0
    finally:
        QApplication.setPalette(QPalette())
    for window in (first, second):
        window.sync.shutdown()
