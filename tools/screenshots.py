"""Make the README's screenshots with the app's own widgets, offscreen, over a fresh demo hub.

    .venv/bin/python tools/screenshots.py [OUT_DIR]

Two demo desks sync with one hub; both accept the same voucher before syncing, so the second one shows
the conflict as staff would see it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.demo_hub import DEMO_STAFF, start_demo_hub
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.main_window import MainWindow


def settle(app: QApplication, ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def desk(folder: Path, url: str, name: str) -> MainWindow:
    staff_name, password, role = DEMO_STAFF
    link = PlatformLink(url, demo_login=(staff_name, password))
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    staff = StaffMember("Dana Reyes" if name == "A" else "Sam Lee", StaffRole(role), f"Front desk {name}", "Downtown")
    window = build_window(Database(folder / f"desk-{name}.db"), staff, is_demo=True, settings=settings, link=link)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    return window


def sync(app: QApplication, window: MainWindow) -> None:
    loop = QEventLoop()
    window.sync.synced.connect(loop.quit)
    window.sync.sync_now()
    QTimer.singleShot(20000, loop.quit)
    loop.exec()
    settle(app, 300)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hub = start_demo_hub(folder / "hub.db", port=0)
        first, second = desk(folder, hub.url, "A"), desk(folder, hub.url, "B")
        settle(app, 3000)  # both desks pull the demo customers
        with first._context.db.unit_of_work() as session:
            voucher = session.scalars(select(Voucher).where(Voucher.status == "UNUSED").order_by(Voucher.id)).first()
            assert voucher is not None
            code, customer_id = voucher.code, voucher.customer_id
        for window in (first, second):  # both accept it before either has synced
            window._context.actions.mark_used(code=code)
        settle(app)
        sync(app, first)
        sync(app, second)
        QTest.keyClicks(second.search.field, "a")
        settle(app)
        second.customer.open_customer(customer_id)
        settle(app)
        second.grab().save(str(out / "window.png"))
        second.show_conflicts()
        settle(app)
        second.conflicts.grab().save(str(out / "conflicts.png"))
        second.statusBar().grab().save(str(out / "status-bar.png"))
        for window in (first, second):
            window.close()
            window._context.tasks.wait_idle()
        hub.stop()
    print(f"wrote {out}/window.png, conflicts.png, status-bar.png")


if __name__ == "__main__":
    main()
