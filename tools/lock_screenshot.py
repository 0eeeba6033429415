"""docs/lock-screen.png: a demo desk locked with Ctrl+L, made by tools/screenshots.py after its other pictures.

The demo hub's two staff accounts set their PINs (the hub checks their password, as it would a real platform's);
then the desk is locked and someone picks Front Desk Demo and types a wrong PIN: the lock screen lists the desk's
staff, hides every customer, and says how many tries are left before the desk makes them wait."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from frontdesk.services.staff_pins import StaffPins
from ui.main_window import MainWindow

DEMO_PINS = (("Demo Staff", "4821"), ("Front Desk Demo", "7395"))  # the hub's demo accounts, password "demo"


def _wait(app: QApplication, signal: object, ms: int = 10_000) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def lock_page(app: QApplication, window: MainWindow, hub_url: str, out: Path) -> None:
    pins = StaffPins.of(window._context.desk)
    for name, pin in DEMO_PINS:
        pins.set_pin_with_platform(hub_url, name, "demo", pin)
    window.activateWindow()
    QTest.qWait(200)
    window.lock.lock()  # what Ctrl+L does
    _wait(app, window.lock.staff_listed)
    screen = window.lock.screen
    QTest.keyClick(screen.name, Qt.Key.Key_Return)  # whoever set a PIN last is first in the list, and chosen
    QTest.keyClicks(screen.pin, "1111")
    QTest.keyClick(screen.pin, Qt.Key.Key_Return)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(10_000)
    while "not right" not in screen.message.text() and deadline.isActive():
        QTest.qWait(50)
    window.grab().save(str(out / "lock-screen.png"))
