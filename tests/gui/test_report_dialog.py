"""Desk → Report: the day's work at this desk in the window — totals by staff and location, every action with its
outcome (a voucher the platform refused reads as refused, in red) — days moved with the arrow keys, and the report
exported as CSV, saved as PDF and printed, each through its own dialog as staff would."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_services_report import settle

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.services.desk import DeskServices
from frontdesk.services.report import local_midnight
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection, Voucher
from ui.context import DeskContext
from ui.look import tone
from ui.main_window import MainWindow
from ui.report_dialog import ReportDialog
from ui.report_document import report_document
from ui.report_rows import OUTCOME_COLUMN
from ui.sync_controller import SyncTiming
from ui.tasks import TaskRunner

from .platform_server import RestartableServer, desk_window, sync_and_wait, unused_code, wait_for_mode

SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Front desk 1", "Downtown")
DANA = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Front desk 1", "Downtown")
LONG_REFUSAL = ("Already used on 1 Nov at 13:58 at Riverside by another desk, which the platform heard of first. "
                "Nothing was changed; the customer keeps the voucher that was used there.")  # fmt: skip
QUIET = SyncTiming(interval_s=600, soon_s=0.2)  # syncs only when the test asks


def _rows(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _menu_action(window: MainWindow, menu: str, text: str) -> None:
    (found,) = [m for m in window.menuBar().actions() if m.text() == menu]
    (action,) = [a for a in found.menu().actions() if a.text() == text]
    action.trigger()


def _red_pixels(view: ReportDialog, row: int) -> int:
    """How many pixels of the row's outcome cell are drawn in the scheme's red, as it shows on screen."""
    cell = view.table.visualRect(view.table.model().index(row, OUTCOME_COLUMN))
    image: QImage = view.table.viewport().grab(cell).toImage()
    red = tone(False)

    def near(colour: QColor) -> bool:
        return all(abs(a - b) <= 24 for a, b in zip(colour.getRgb()[:3], red.getRgb()[:3], strict=True))

    return sum(near(image.pixelColor(x, y)) for y in range(image.height()) for x in range(image.width()))


def test_the_report_shows_todays_work_and_the_arrow_keys_move_its_days(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    with db.unit_of_work() as session:
        active = session.scalars(select(Connection.customer_id).where(Connection.status == "ACTIVE")).first()
    assert active is not None
    window._context.actions.mark_used(code=unused_code(db))  # Dana, at Downtown
    StaffActions(db, SAM, window._context.clock).change_program_status(active, ProgramStatus.INACTIVE)
    view = window.report
    with qtbot.waitSignal(view.loaded, timeout=5000):
        _menu_action(window, "&Desk", "&Report…")
    assert view.isVisible()
    today = window._context.clock.now().astimezone().date()
    assert view.days() == (today, today)
    marked, changed = _rows(view.table)
    assert marked[1:3] == ["Dana Reyes", "Downtown"] and marked[4].startswith("Redemption: voucher ")
    assert marked[5:] == ["UNUSED → USED", "", "Waiting to be sent"]
    assert changed[1:3] == ["Sam Lee", "not recorded"] and changed[4:6] == ["Status change", "ACTIVE → INACTIVE"]
    assert _rows(view.totals) == [
        ["Dana Reyes", "Downtown", "1", "0", "0", "0", "1", "0"],
        ["Sam Lee", "not recorded", "0", "0", "1", "0", "1", "0"],
        ["All staff", "", "1", "0", "1", "0", "2", "0"],
    ]
    assert view.summary.text().endswith("2 actions (1 redemption, 0 set back, 1 status change): 0 accepted, "
                                        "2 waiting to be sent, 0 refused by the platform.")  # fmt: skip
    assert view.note.isVisible() and "redemptions only" in view.note.text()

    view.first.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=5000):  # ↓ on "From": the report begins a day earlier
        qtbot.keyClick(view.first, Qt.Key.Key_Down)
    assert view.days() == (today - timedelta(days=1), today)
    assert view.table.model().rowCount() == 2 and view.table.model().index(0, 0).data().startswith(
        f"{today:%a} {today.day} "
    )
    for _ in range(3):  # ↑ on "From" past "To": "To" follows, so the range always reads forwards
        with qtbot.waitSignal(view.loaded, timeout=5000):
            qtbot.keyClick(view.first, Qt.Key.Key_Up)
    later = today + timedelta(days=2)
    assert view.days() == (later, later) and view.table.model().rowCount() == 0
    assert view.summary.text().endswith("Nothing was done at this desk on these days.")
    assert _rows(view.totals) == [["All staff", "", "0", "0", "0", "0", "0", "0"]]
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.keyClick(view.today, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Alt+T: Today
    assert view.days() == (today, today) and view.table.model().rowCount() == 2
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def _type_file_name(qtbot: QtBot, view: ReportDialog, button_name: str, path: Path) -> None:
    """Press the button; in the file dialog, go to the folder, type the file's name and press Save; wait until the
    file is written."""
    qtbot.mouseClick(getattr(view, button_name), Qt.MouseButton.LeftButton)
    dialog = view.export.file_dialog
    assert dialog is not None and dialog.isVisible()
    first, last = view.days()
    assert first == last and dialog.selectedFiles()[0].endswith(f"front-desk-report-{first}{path.suffix}")
    dialog.setDirectory(str(path.parent))
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.clear()
    qtbot.keyClicks(name, path.name)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(view.export.saved, timeout=5000, check_params_cb=lambda saved: saved == path):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_refused_redemption_reads_as_refused_and_leaves_as_csv_pdf_and_print(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    """Two desks accept the same voucher offline; the second to sync is refused, and its report says so — in the
    row, in red, in the totals and in every file it exports. The first desk's report shows it accepted."""
    first = desk_window(qtbot, tmp_path, server, "Desk A", timing=QUIET)
    second = desk_window(qtbot, tmp_path, server, "Desk B", timing=QUIET)
    wait_for_mode(qtbot, first, "online")
    wait_for_mode(qtbot, second, "online")
    code = unused_code(first._context.desk.db)
    server.stop()
    for window in (first, second):
        window._context.actions.mark_used(code=code)
    server.start()
    sync_and_wait(qtbot, first)
    sync_and_wait(qtbot, second)

    view = second.report
    with qtbot.waitSignal(view.loaded, timeout=5000):
        second.show_report()
    (row,) = _rows(view.table)
    assert row[4].startswith(f"Redemption: voucher {code} (")
    assert row[7].startswith("✗ Refused by the platform: Already used") and row[7].endswith("Nothing was changed.")
    qtbot.waitUntil(lambda: _red_pixels(view, 0) > 20, timeout=5000)  # drawn in red, not only said
    assert _rows(view.totals)[-1] == ["All staff", "", "1", "0", "0", "0", "0", "1"]
    with qtbot.waitSignal(first.report.loaded, timeout=5000):
        first.show_report()
    assert _rows(first.report.table)[0][7] == "✓ Accepted by the platform" and _red_pixels(first.report, 0) == 0

    _type_file_name(qtbot, view, "csv_button", tmp_path / "day.csv")
    with (tmp_path / "day.csv").open(encoding="utf-8-sig", newline="") as file:
        (written,) = list(csv.DictReader(file))
    assert (written["Action"], written["Subject"].split(" (")[0]) == ("Redemption", f"voucher {code}")
    assert written["Outcome"] == "Refused by the platform" and written["Platform's reason"].startswith("Already used")
    assert view.status.text() == f"Saved as {tmp_path / 'day.csv'}."

    assert view.report is not None
    printed = report_document(view.report, "Desk B", second._context.clock.now()).toPlainText()
    assert row[7] in printed and "End-of-day report" in printed  # what the PDF and the printer are given
    _type_file_name(qtbot, view, "pdf_button", tmp_path / "day.pdf")
    pdf = (tmp_path / "day.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and b"/Type /Page" in pdf

    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    printing = view.export.print_dialog
    assert printing is not None and printing.isVisible()
    printers = printing.findChild(QComboBox, "printers")  # never a real printer from a test: print to a file
    printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
    name = printing.findChild(QLineEdit, "filename")
    name.clear()
    qtbot.keyClicks(name, str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(view.export.said, timeout=10000, check_params_cb=lambda said: said != "Printing…"):
        qtbot.mouseClick(printing.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)  # fmt: skip
    assert view.status.text() == "Sent to the printer."
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF-")
    for window in (first, second):
        window.sync.shutdown()


class _Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def test_rows_scrolled_into_view_are_shown_whole(qtbot: QtBot, db: Database) -> None:
    """Rows are fitted to their wrapped text as they come into view (a long range is never measured whole)."""
    with db.unit_of_work() as session:
        codes = session.scalars(select(Voucher.code).where(Voucher.status == "UNUSED").order_by(Voucher.id)).all()
    start = local_midnight(date(2026, 11, 1), None) + timedelta(hours=8)
    clock = _Clock(start)
    for minutes, code in enumerate(codes[:100]):
        clock.moment = start + timedelta(minutes=minutes)
        StaffActions(db, DANA, clock).mark_used(code=code)
    settle(db, clock, refusal=LONG_REFUSAL)  # the day's last redemption
    view = ReportDialog(DeskContext(desk=DeskServices(db, clock), staff=DANA, tasks=TaskRunner()))
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_today()
    table, last = view.table, 99
    assert table.model().rowCount() == 100 and table.rowAt(table.viewport().height() - 1) < last  # below the view
    qtbot.waitUntil(lambda: table.rowHeight(0) >= table.sizeHintForRow(0), timeout=5000)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the last row
    qtbot.waitUntil(lambda: table.rowAt(table.viewport().height() - 1) == last, timeout=5000)
    assert table.model().index(last, OUTCOME_COLUMN).data() == f"✗ Refused by the platform: {LONG_REFUSAL}"
    qtbot.waitUntil(lambda: table.rowHeight(last) >= table.sizeHintForRow(last) > table.rowHeight(0), timeout=5000)
    assert _red_pixels(view, last) > 20
