"""The staff switch on a desk linked to a real platform (127.0.0.1): a PIN is set after the platform checks the
staff member's password, unlocks online and offline, and what the platform records names whoever was unlocked
(as the staff member; the account is the desk's own sign-in, whose token sends every change)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub.models import ChangeLog
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import Confirmation
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.main_window import MainWindow
from ui.sync_controller import SyncTiming

from .helpers import type_text
from .platform_server import STAFF, RestartableServer, sync_and_wait, wait_for_mode
from .test_lock_screen import mark_typed, pick_and_type_pin, press_ctrl_l, unlocked_as, who_acted

QUIET = SyncTiming(interval_s=3600, soon_s=3600)  # syncs only when the test asks
PIN = "48213579"  # long enough that no hex digest holds it by chance


def linked_desk(qtbot: QtBot, folder: Path, server: RestartableServer) -> tuple[MainWindow, Database]:
    """A desk signed in to the platform as the manager (its token sends every change), with the data pulled."""
    link = PlatformLink(server.url, timeout=2.0)
    grant = link.sign_in("manager", STAFF["manager"][0])
    staff = StaffMember(grant.staff.name, grant.staff.role, "Front desk 1", "Downtown")
    db = Database(folder / "desk.db")
    settings = QSettings(str(folder / "desk.ini"), QSettings.Format.IniFormat)
    window = build_window(DeskServices(db, SystemClock()), staff, is_demo=False, settings=settings, link=link,
                          timing=QUIET, catalog=list)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=15_000)
    wait_for_mode(qtbot, window, "online")
    return window, db


def set_pin_by_keys(qtbot: QtBot, window: MainWindow, name: str, password: str, pin: str, again: str) -> None:
    """The set-PIN page as staff fill it: name, Enter, password, Enter, PIN, Enter, PIN again, Enter."""
    screen = window.lock.screen
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1 and screen.setup_name.hasFocus(), timeout=5000)
    screen.setup_name.clear()
    type_text(qtbot, screen.setup_name, name)
    for field, text in ((screen.setup_name, ""), (screen.setup_password, password), (screen.setup_pin, pin),
                        (screen.setup_again, again)):  # fmt: skip
        qtbot.waitUntil(field.hasFocus, timeout=5000)
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)


def markable(db: Database, count: int) -> list[str]:
    now = datetime.now(UTC)
    with db.unit_of_work() as session:
        vouchers = session.scalars(select(Voucher).where(Voucher.status == VoucherStatus.UNUSED.value)).all()
        return [v.code for v in vouchers if v.expires_at is None or v.expires_at > now + timedelta(hours=1)][:count]


def hub_recorded(server: RestartableServer, key: str) -> tuple[str | None, str]:
    with server.engine.connect() as connection:
        row = connection.execute(select(ChangeLog.staff_name, ChangeLog.account)
                                 .where(ChangeLog.idempotency_key == key)).one()  # fmt: skip
        return row.staff_name, row.account


def pin_hashes(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT name, pin_hash FROM desk_staff").fetchall())
    finally:
        connection.close()


def test_pins_set_through_the_platform_switch_who_the_platform_records_online_and_offline(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window, db = linked_desk(qtbot, tmp_path, server)
    first, second, third = markable(db, 3)
    press_ctrl_l(qtbot, window)  # nobody has a PIN here: the screen asks for the platform password
    set_pin_by_keys(qtbot, window, "desk", STAFF["desk"][0], PIN, PIN)
    assert unlocked_as(qtbot, window, "desk").role is StaffRole.FRONT_DESK  # the platform's role for "desk"
    online = mark_typed(qtbot, window, first)
    assert online.answer is not None and online.answer.confirmation is Confirmation.CONFIRMED
    assert online.outbox_key is not None
    assert hub_recorded(server, online.outbox_key) == ("desk", "manager")

    press_ctrl_l(qtbot, window)
    qtbot.mouseClick(window.lock.screen.reset_button, Qt.MouseButton.LeftButton)  # a second person sets a PIN
    set_pin_by_keys(qtbot, window, "manager", STAFF["manager"][0], PIN, PIN)
    assert unlocked_as(qtbot, window, "manager").role is StaffRole.EMPLOYEE
    hashes = pin_hashes(db.path)
    assert set(hashes) == {"desk", "manager"} and hashes["desk"] != hashes["manager"]  # the same PIN, two salts
    assert not any(PIN in stored for stored in hashes.values())
    assert mark_typed(qtbot, window, second).result.name == "MARKED"

    server.stop()  # the network goes down: a PIN still unlocks, and the action waits in the outbox
    press_ctrl_l(qtbot, window)
    pick_and_type_pin(qtbot, window, "de", PIN)
    unlocked_as(qtbot, window, "desk")
    offline = mark_typed(qtbot, window, third)
    assert offline.answer is not None and offline.answer.confirmation is Confirmation.KEPT
    assert who_acted(db.path, third) == (("desk", "FRONT_DESK", "desk", "FRONT_DESK", "desk"),)
    server.start()
    sync_and_wait(qtbot, window)
    assert offline.outbox_key is not None
    assert hub_recorded(server, offline.outbox_key) == ("desk", "manager")
    assert who_acted(db.path, second)[0][:2] == ("manager", "EMPLOYEE")


def test_a_wrong_password_or_a_pin_typed_twice_differently_keeps_nothing(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window, db = linked_desk(qtbot, tmp_path, server)
    press_ctrl_l(qtbot, window)
    screen = window.lock.screen
    set_pin_by_keys(qtbot, window, "desk", "not-the-password", PIN, PIN)
    qtbot.waitUntil(lambda: "The staff name or password is wrong." in screen.setup_message.text(), timeout=10_000)
    assert not screen.setup_message.ok and screen.setup_password.text() == "" and screen.setup_password.hasFocus()
    QTest.keyClicks(screen.setup_password, STAFF["desk"][0])
    QTest.keyClick(screen.setup_password, Qt.Key.Key_Return)  # to the PIN, still typed
    assert screen.setup_pin.hasFocus() and screen.setup_pin.text() == PIN
    screen.setup_again.clear()
    QTest.keyClicks(screen.setup_again, "48213570")
    QTest.keyClick(screen.setup_again, Qt.Key.Key_Return)
    assert "The two PINs are not the same" in screen.setup_message.text() and screen.setup_pin.hasFocus()
    for field in (screen.setup_pin, screen.setup_again):
        QTest.keyClicks(field, "1111")
        QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "too easy to guess" in screen.setup_message.text(), timeout=10_000)
    assert window.lock.locked and pin_hashes(db.path) == {}
