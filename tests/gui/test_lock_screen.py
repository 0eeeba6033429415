"""The quick staff switch on a real window (offscreen) over a real desk file, driven with real key events: Ctrl+L
covers every customer detail, a PIN unlocks as its owner (online or offline), wrong PINs are refused and slowed
down, and every action after a switch carries the new staff member's name in the audit log and the outbox."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain import pins
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.dto import ScanOutcome, ScanResult
from frontdesk.services.staff_pins import StaffPins
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.idle_watch import IdleWatch
from ui.main_window import MainWindow

from .helpers import EMPLOYEE, open_customer, type_query, type_text
from .test_scan_page import _scanner_keys

if TYPE_CHECKING:
    from conftest import FixedClock

ANA, BEN = "Ana Lima", "Ben Okafor"


@pytest.fixture
def clock() -> FixedClock:
    """Now, held still: the demo vouchers are valid, and waits pass only when a test moves the clock."""
    from conftest import FixedClock

    return FixedClock(datetime.now(UTC))


@pytest.fixture
def staff_pins(db: Database, clock: FixedClock) -> StaffPins:
    desk_pins = StaffPins(db, clock)
    desk_pins.set_pin(ANA, StaffRole.FRONT_DESK, "4821")
    desk_pins.set_pin(BEN, StaffRole.ADMIN, "7395")
    return desk_pins


def open_desk(qtbot: QtBot, db: Database, settings: QSettings, clock: FixedClock,
              desk_settings: DeskSettings | None = None) -> MainWindow:  # fmt: skip
    window = build_window(DeskServices(db, clock), EMPLOYEE, is_demo=True, settings=settings, catalog=list,
                          desk_settings=desk_settings)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts and the focus need the active window, which offscreen comes a bit later
    qtbot.waitUntil(window.isActiveWindow, timeout=15_000)
    return window


def press_ctrl_l(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+L wherever the focus is; returns once the lock screen shows the desk's staff."""
    with qtbot.waitSignal(window.lock.staff_listed, timeout=5000):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.lock.screen.isVisible()


def listed(qtbot: QtBot, window: MainWindow, count: int) -> None:
    qtbot.waitUntil(lambda: window.lock.screen.staff_list.count() == count, timeout=5000)


def type_pin(qtbot: QtBot, window: MainWindow, pin: str) -> None:
    screen = window.lock.screen
    qtbot.waitUntil(lambda: screen.pin.isEnabled() and screen.pin.hasFocus(), timeout=5000)
    QTest.keyClicks(screen.pin, pin)
    QTest.keyClick(screen.pin, Qt.Key.Key_Return)


def pick_and_type_pin(qtbot: QtBot, window: MainWindow, typed_name: str, pin: str) -> None:
    """As staff do: the first letters of the name, Enter (the PIN field takes the focus), the PIN, Enter."""
    screen = window.lock.screen
    qtbot.waitUntil(screen.name.hasFocus, timeout=5000)
    type_text(qtbot, screen.name, typed_name)
    QTest.keyClick(screen.name, Qt.Key.Key_Return)
    type_pin(qtbot, window, pin)


def unlocked_as(qtbot: QtBot, window: MainWindow, name: str) -> StaffMember:
    qtbot.waitUntil(lambda: not window.lock.locked, timeout=10_000)
    staff = window._context.staff
    assert staff.name == name
    return staff


def refusal(qtbot: QtBot, window: MainWindow, words: str) -> str:
    message = window.lock.screen.message
    qtbot.waitUntil(lambda: words in message.text(), timeout=10_000)
    assert window.lock.locked and not message.ok  # said in red, and nothing opened
    return message.text()


def visible_texts(window: MainWindow) -> list[str]:
    """Every text a person could read in the window now: labels, fields, list rows and the title."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    return texts


def markable_codes(db: Database, clock: FixedClock, count: int) -> list[str]:
    with db.unit_of_work() as session:
        vouchers = session.scalars(select(Voucher).where(Voucher.status == VoucherStatus.UNUSED.value)).all()
        return [v.code for v in vouchers if v.expires_at is None or v.expires_at > clock.now()][:count]


def mark_typed(qtbot: QtBot, window: MainWindow, code: str) -> ScanOutcome:
    window.show_scan()
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=10_000) as shown:
        window.scan.field.setText(code)
        QTest.keyClick(window.scan.field, Qt.Key.Key_Return)
    outcome: ScanOutcome = shown.args[0]
    return outcome


def who_acted(path: Path, code: str) -> tuple[tuple[object, ...], ...]:
    """(audit staff, audit role, outbox staff, outbox role, the staff name sent to the platform) for the voucher."""
    connection = sqlite3.connect(path)
    try:
        return tuple(connection.execute(
            "SELECT a.staff_name, a.staff_role, o.staff_name, o.staff_role, json_extract(o.payload, '$.staff_name')"
            " FROM audit_log a JOIN outbox o ON o.key = a.outbox_key JOIN vouchers v ON v.id = a.target_id"
            " WHERE a.target_kind = 'voucher' AND v.code = ?", (code,)).fetchall())  # fmt: skip
    finally:
        connection.close()


def test_ctrl_l_covers_every_customer_detail_and_pauses_every_command(
    qtbot: QtBot, db: Database, settings: QSettings, clock: FixedClock
) -> None:
    window = open_desk(qtbot, db, settings, clock)
    assert not window.lock.locked  # nobody has a PIN here yet: the desk opens as before
    found = type_query(qtbot, window, "a")
    detail = open_customer(qtbot, window, found.customers[0].id)
    name = f"{detail.summary.first_name} {detail.summary.last_name}"
    window.show_activity()
    assert any(name in text for text in visible_texts(window)) and window.activity.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=15_000)
    press_ctrl_l(qtbot, window)
    assert window.lock.locked
    assert not any(name in text for text in visible_texts(window))
    assert not (window.search.isVisible() or window.customer.isVisible() or window.activity.isVisible())
    assert window.windowTitle() == "Front Desk — Front desk 1 — Locked"
    assert window.staff_label.text() == "Locked: unlock with your PIN"
    actions = {a.text(): a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}
    assert actions["&Quit"].isEnabled()
    assert not any(a.isEnabled() for text, a in actions.items() if text in ("&Activity…", "&Report…", "&Sync now"))
    screen = window.lock.screen  # nobody has a PIN yet: the screen opens on setting one
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1, timeout=5000)
    assert "Nobody has a PIN on this desk yet" in screen.setup_message.text() and screen.setup_name.hasFocus()
    for keys in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_F):  # the pages' shortcuts open nothing while locked
        qtbot.keyClick(screen.setup_name, keys, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(window.sync_status.conflicts, Qt.MouseButton.LeftButton)  # the status bar's conflicts link
    assert not window.conflicts.isVisible()
    assert not any(name in text for text in visible_texts(window)) and screen.isVisible()
    assert (
        actions["&Lock desk"].toolTip().endswith("(Ctrl+L)") and actions["&Lock desk"].shortcut().toString() == "Ctrl+L"
    )


def test_the_right_pin_unlocks_as_its_owner_with_the_role_the_platform_gave(
    qtbot: QtBot, db: Database, settings: QSettings, clock: FixedClock, staff_pins: StaffPins
) -> None:
    window = open_desk(qtbot, db, settings, clock)
    assert window.lock.locked and not window.search.isVisible()  # staff have PINs here: it opens locked
    listed(qtbot, window, 2)
    clock.moment += timedelta(minutes=1)
    pick_and_type_pin(qtbot, window, "ben", "7395")
    assert unlocked_as(qtbot, window, BEN) == StaffMember(BEN, StaffRole.ADMIN, "Front desk 1", "Downtown")
    assert window.windowTitle() == "Front Desk — Front desk 1 — Ben Okafor (Admin)"
    assert window.staff_label.text().startswith("Ben Okafor · Admin")
    assert window.search.isVisible() and window.search.field.hasFocus()
    press_ctrl_l(qtbot, window)
    assert window.lock.screen.staff_list.item(0).text().startswith(BEN)  # whoever unlocked last comes first
    qtbot.waitUntil(window.lock.screen.name.hasFocus, timeout=5000)
    QTest.keyClick(window.lock.screen.name, Qt.Key.Key_Down)  # the arrow keys pick from the list
    QTest.keyClick(window.lock.screen.name, Qt.Key.Key_Return)
    type_pin(qtbot, window, "4821")
    assert unlocked_as(qtbot, window, ANA).role is StaffRole.FRONT_DESK  # a PIN brings only the role it was given


def test_wrong_pins_are_refused_in_words_and_then_slowed_down(
    qtbot: QtBot, db: Database, settings: QSettings, clock: FixedClock, staff_pins: StaffPins
) -> None:
    window = open_desk(qtbot, db, settings, clock)
    listed(qtbot, window, 2)
    pick_and_type_pin(qtbot, window, "an", "7395")  # Ben's PIN is not Ana's
    refusal(qtbot, window, "That PIN is not right for Ana Lima. 3 more tries before the desk makes you wait.")
    assert window.lock.screen.pin.text() == "" and window.lock.screen.name.text() == ANA
    for left in ("2 more tries", "1 more try"):
        type_pin(qtbot, window, "1357")
        refusal(qtbot, window, left)
    type_pin(qtbot, window, "1357")
    refusal(qtbot, window, "Too many wrong PINs for Ana Lima: try again in 30 seconds.")
    type_pin(qtbot, window, "4821")  # even the right one waits
    refusal(qtbot, window, "Too many wrong PINs for Ana Lima. Try again in 30 seconds")
    assert not window.search.isVisible()
    clock.moment += pins.FIRST_WAIT + timedelta(seconds=1)
    type_pin(qtbot, window, "4821")
    unlocked_as(qtbot, window, ANA)


def test_a_name_nobody_has_is_said_at_once(qtbot: QtBot, db: Database, settings: QSettings, clock: FixedClock,
                                           staff_pins: StaffPins) -> None:  # fmt: skip
    window = open_desk(qtbot, db, settings, clock)
    listed(qtbot, window, 2)
    screen = window.lock.screen
    type_text(qtbot, screen.name, "Zoe")
    assert all(screen.staff_list.item(row).isHidden() for row in range(2))
    QTest.keyClick(screen.name, Qt.Key.Key_Return)
    refusal(qtbot, window, "Nobody of that name has a PIN on this desk")
    assert screen.name.hasFocus()


def test_each_action_after_a_switch_carries_the_new_staff_member(
    qtbot: QtBot, db: Database, settings: QSettings, clock: FixedClock, staff_pins: StaffPins
) -> None:
    first, second = markable_codes(db, clock, 2)
    window = open_desk(qtbot, db, settings, clock)
    listed(qtbot, window, 2)
    pick_and_type_pin(qtbot, window, "ana", "4821")
    unlocked_as(qtbot, window, ANA)
    assert mark_typed(qtbot, window, first).result is ScanResult.MARKED
    press_ctrl_l(qtbot, window)
    assert not window.scan.isVisible()
    pick_and_type_pin(qtbot, window, "ben", "7395")
    unlocked_as(qtbot, window, BEN)
    assert window.scan.isVisible()  # back on the page they left, its field ready
    assert mark_typed(qtbot, window, second).result is ScanResult.MARKED
    assert who_acted(db.path, first) == ((ANA, "FRONT_DESK", ANA, "FRONT_DESK", ANA),)
    assert who_acted(db.path, second) == ((BEN, "ADMIN", BEN, "ADMIN", BEN),)


def test_a_scanner_burst_while_locked_marks_nothing(qtbot: QtBot, db: Database, settings: QSettings,
                                                    clock: FixedClock, staff_pins: StaffPins) -> None:  # fmt: skip
    [code] = markable_codes(db, clock, 1)
    window = open_desk(qtbot, db, settings, clock)
    listed(qtbot, window, 2)
    _scanner_keys(window.lock.screen.name, code)
    qtbot.wait(300)  # a scan would have been handed to the scan page by now
    assert window.scan.history.count() == 0 and window.lock.locked
    assert who_acted(db.path, code) == ()


def test_after_idle_minutes_the_desk_locks_itself(qtbot: QtBot, db: Database, settings: QSettings,
                                                  clock: FixedClock, staff_pins: StaffPins) -> None:  # fmt: skip
    window = open_desk(qtbot, db, settings, clock, desk_settings=DeskSettings(auto_lock_minutes=5))
    listed(qtbot, window, 2)
    pick_and_type_pin(qtbot, window, "ana", "4821")
    unlocked_as(qtbot, window, ANA)
    idle = window.lock.idle
    assert idle is not None and idle.seconds == 300
    idle.last_input -= 301  # five minutes without a key, as the watch counts them
    qtbot.waitUntil(lambda: window.lock.locked, timeout=10_000)
    assert not window.search.isVisible()


def test_a_key_starts_the_idle_count_again(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    now = [1000.0]
    watch = IdleWatch(field, 60, check_ms=10, clock=lambda: now[0])
    fired: list[float] = []
    watch.idle.connect(lambda: fired.append(now[0]))
    now[0] += 59
    QTest.keyClick(field, Qt.Key.Key_A)
    now[0] += 59
    qtbot.wait(100)  # the watch looked several times: 59 s since the key is not idle
    assert fired == []
    now[0] += 2
    qtbot.waitUntil(lambda: fired == [1120.0], timeout=5000)
