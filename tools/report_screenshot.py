"""docs/report.png: desk B's end-of-day report for yesterday, made by tools/screenshots.py after its other pictures.

Three staff members redeem vouchers, change statuses and set one voucher back during the day; desk A used one of
those vouchers a few minutes before desk B did, so the platform refuses desk B's redemption; the last actions of
the day have not been sent yet. Actions are dated yesterday (inside the platform's offline window), so the
report shows a whole day whatever time the tool runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.services.report import Report, local_midnight
from frontdesk.storage.models import Connection, Voucher
from ui.main_window import MainWindow


class _Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


Sync = Callable[[QApplication, MainWindow], None]


def report_page(app: QApplication, first: MainWindow, second: MainWindow, out: Path, sync: Sync) -> None:
    day = (datetime.now().astimezone() - timedelta(days=1)).date()
    start = local_midnight(day, None)
    db = second._context.desk.db
    with db.unit_of_work() as session:
        codes = session.scalars(select(Voucher.code).where(Voucher.status == "UNUSED", Voucher.created_at < start)
                                .order_by(Voucher.id.desc()).limit(7)).all()  # fmt: skip
        members = session.scalars(select(Connection.customer_id).where(Connection.status == "ACTIVE")
                                  .order_by(Connection.id.desc()).limit(2)).all()  # fmt: skip
    desk = second._context.staff.desk
    dana = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, desk, "Downtown")
    sam = StaffMember("Sam Lee", StaffRole.FRONT_DESK, desk, "Downtown")
    kim = StaffMember("Kim Ito", StaffRole.FRONT_DESK, desk, "Downtown")
    clock = _Clock(start)

    def at(hour: int, minute: int, staff: StaffMember) -> StaffActions:
        clock.moment = start + timedelta(hours=hour, minutes=minute)
        return StaffActions(db, staff, clock)

    first_clock = _Clock(start + timedelta(hours=10, minutes=58))  # desk A uses codes[2] first
    StaffActions(first._context.desk.db, first._context.staff, first_clock).mark_used(code=codes[2])
    sync(app, first)
    marked = at(9, 5, dana).mark_used(code=codes[0])
    at(9, 40, sam).mark_used(code=codes[1])
    at(10, 15, dana).change_program_status(members[0], ProgramStatus.INACTIVE)
    at(11, 2, kim).mark_used(code=codes[2])  # desk B has not heard of desk A's redemption yet
    at(12, 30, sam).mark_used(code=codes[3])
    at(13, 10, dana).set_back_to_unused(marked.voucher.id, "Customer changed their mind")
    sync(app, second)
    at(14, 45, kim).mark_used(code=codes[4])
    at(15, 20, sam).change_program_status(members[1], ProgramStatus.INACTIVE)
    at(16, 5, kim).mark_used(code=codes[5])  # these three wait for the next sync

    view = second.report
    second.show_report()
    loop = QEventLoop()

    def shown(report: Report) -> None:
        if report.first_day == report.last_day == day:
            view.resize(view.width(), 600)  # the day's rows, without a screenful of empty table below
            view.table.setFocus()
            QTimer.singleShot(400, loop.quit)  # let the rows take their final heights

    view.loaded.connect(shown)
    view.first.setDate(QDate(day.year, day.month, day.day))
    view.last.setDate(QDate(day.year, day.month, day.day))
    QTimer.singleShot(20000, loop.quit)
    loop.exec()
    view.grab().save(str(out / "report.png"))
    view.close()
    sync(app, second)  # sends the waiting ones, so the window closes without a notice
