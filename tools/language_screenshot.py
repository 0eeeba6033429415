"""docs/spanish-window.png: a demo desk whose settings say Spanish, made by tools/screenshots.py after its other
pictures (the language is the whole application's, so it goes last).

The desk syncs with the same demo hub, searches for a customer with a used and an unused voucher, opens them and
opens the pencil's status choice: the menus, the profile, the vouchers, the status bar, days and numbers all in Spanish,
at the same size as docs/window.png, to show that the longer Spanish texts fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.demo_hub import DEMO_STAFF
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.dto import CustomerSummary
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Customer, Voucher
from ui.app import build_window
from ui.main_window import MainWindow

Sync = Callable[[QApplication, MainWindow], None]


def _id(summary: CustomerSummary | None) -> int | None:
    return summary.id if summary is not None else None


def spanish_page(app: QApplication, folder: Path, hub_url: str, out: Path, sync: Sync) -> None:
    staff_name, password, role = DEMO_STAFF
    link = PlatformLink(hub_url, demo_login=(staff_name, password))
    settings = QSettings(str(folder / "es.ini"), QSettings.Format.IniFormat)
    staff = StaffMember("Lucía Fernández", StaffRole(role), "Recepción 2", "Downtown")
    services = DeskServices(Database(folder / "desk-es.db"), SystemClock())
    window = build_window(services, staff, is_demo=True, settings=settings, link=link,
                          desk_settings=DeskSettings(language="es"))  # fmt: skip
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    sync(app, window)
    with services.db.unit_of_work() as session:
        both = (select(Voucher.customer_id).where(Voucher.status.in_(("USED", "UNUSED"))).group_by(Voucher.customer_id)
                .having(func.count(func.distinct(Voucher.status)) == 2))  # fmt: skip
        customer = session.scalars(select(Customer).where(Customer.id.in_(both)).order_by(Customer.id)).first()
        assert customer is not None
        customer_id, name = customer.id, f"{customer.first_name} {customer.last_name}"
    QTest.keyClicks(window.search.field, name)
    results, panel = window.search.model, window.customer
    for _ in range(200):  # at most 10 s: the results come, then the highlighted customer is shown
        row = next((row for row in range(results.rowCount()) if _id(results.customer(row)) == customer_id), None)
        if row is not None and window.search.list.currentIndex().row() != row:
            window.search.list.setCurrentIndex(results.index(row))  # as the arrow keys would
        if panel.detail is not None and panel.detail.summary.id == customer_id:
            break
        QTest.qWait(50)
    panel.pencil.click()
    QTest.qWait(300)
    window.grab().save(str(out / "spanish-window.png"))
    window.close()
    window._context.tasks.wait_idle()
