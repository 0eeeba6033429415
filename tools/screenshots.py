"""Make the README's screenshots with the app's own widgets, offscreen, over a fresh demo hub.

    .venv/bin/python tools/screenshots.py [OUT_DIR]

Two demo desks sync with one hub; both accept the same voucher before syncing, so the second one shows
the conflict as staff would see it. The first desk then scans another voucher from a generated video played
as its camera (after a refused typed code), for the scan page. Last, desk B's end-of-day report for yesterday
(tools/report_screenshot.py), desk B locked with Ctrl+L (tools/lock_screenshot.py), and a third desk in Spanish
(tools/language_screenshot.py).
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

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.scanning.catalog import file_choice
from frontdesk.services.demo_hub import DEMO_STAFF, start_demo_hub
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import ScanOutcome, ScanSource
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.scanning import synth  # the test suite's voucher pictures
from tools.language_screenshot import spanish_page
from tools.lock_screenshot import lock_page
from tools.report_screenshot import report_page


def settle(app: QApplication, ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def desk(folder: Path, url: str, name: str) -> MainWindow:
    """A demo desk; its camera is folder/voucher.avi, written once there is a voucher to show."""
    staff_name, password, role = DEMO_STAFF
    link = PlatformLink(url, demo_login=(staff_name, password))
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    staff = StaffMember("Dana Reyes" if name == "A" else "Sam Lee", StaffRole(role), f"Front desk {name}", "Downtown")
    services = DeskServices(Database(folder / f"desk-{name}.db"), SystemClock())
    window = build_window(services, staff, is_demo=True, settings=settings, link=link,
                          catalog=lambda: [file_choice(folder / "voucher.avi")])  # fmt: skip
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


def unused_voucher(window: MainWindow, skip: str = "") -> tuple[str, int]:
    with window._context.desk.db.unit_of_work() as session:
        query = select(Voucher).where(Voucher.status == "UNUSED", Voucher.code != skip).order_by(Voucher.id)
        voucher = session.scalars(query).first()
        assert voucher is not None
        return voucher.code, voucher.customer_id


def scan_page(app: QApplication, window: MainWindow, folder: Path, used: str, out: Path) -> None:
    code, _owner = unused_voucher(window, skip=used)
    synth.write_voucher_video(folder / "voucher.avi", "code128", frames=90, appear_from=20, fps=15.0, text=code)
    loop = QEventLoop()
    window.scan.outcome_shown.connect(lambda *_: loop.quit())
    window.show_scan()
    window.scan.handle_code(used, ScanSource.TYPED)  # the voucher both desks used: a red line in the list
    loop.exec()

    def from_camera(outcome: ScanOutcome, _captured_at: object) -> None:
        if outcome.source is ScanSource.CAMERA:
            loop.quit()

    window.scan.outcome_shown.connect(from_camera)
    QTimer.singleShot(20000, loop.quit)
    loop.exec()
    settle(app, 150)
    window.grab().save(str(out / "scan.png"))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hub = start_demo_hub(folder / "hub.db", port=0)
        first, second = desk(folder, hub.url, "A"), desk(folder, hub.url, "B")
        for window in (first, second):  # both desks pull the demo customers (waits for each sync, not a guess)
            sync(app, window)
        code, customer_id = unused_voucher(first)
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
        shortcuts = second.show_shortcuts()  # Help → Keyboard shortcuts
        settle(app, 200)
        shortcuts.grab().save(str(out / "shortcuts.png"))
        shortcuts.close()
        scan_page(app, first, folder, code, out)
        report_page(app, first, second, out, sync)
        lock_page(app, second, hub.url, out)  # it leaves desk B locked
        spanish_page(app, folder, hub.url, out, sync)  # last: the language is the whole application's
        for window in (first, second):
            window.close()
            window._context.tasks.wait_idle()
        hub.shutdown()
    print(f"wrote {out}: window, conflicts, status-bar, shortcuts, scan, report, lock-screen, spanish-window (.png)")


if __name__ == "__main__":
    main()
