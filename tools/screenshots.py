"""Make the README's screenshots with the app's own widgets, offscreen, over fresh demo data.

    .venv/bin/python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from ui.app import build_window


def settle(app: QApplication, ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "demo.db")
        demo_data.fill(db, 5000)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        staff = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Front desk 1", "Downtown")
        window = build_window(db, staff, is_demo=True, settings=settings)
        window.resize(1280, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        QTest.keyClicks(window.search.field, "mar")  # customer 1 (Marie) holds a voucher in every status
        settle(app)
        rows = window.search.model
        first = next(r for r in range(rows.rowCount()) if (c := rows.customer(r)) is not None and c.id == 1)
        window.search.list.setCurrentIndex(rows.index(first))
        QTest.keyClick(window.search.field, Qt.Key.Key_Return)
        settle(app)
        window.customer._open_editor()
        settle(app)
        window.grab().save(str(out / "window.png"))
        window.close()
        window._context.tasks.wait_idle()
        db.close()
    print(f"wrote {out / 'window.png'}")


if __name__ == "__main__":
    main()
