"""Where the keys go: the highlighted result is the customer shown (without a queue of loads behind a held key),
Tab follows the eye down the profile, and whatever has the focus is seen to have it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import CustomerDetail
from frontdesk.storage.database import Database
from ui.app import build_window
from ui.main_window import MainWindow

from .helpers import EMPLOYEE
from .keys import CTRL, SHIFT, activate, focus


def _highlighted(window: MainWindow) -> int:
    customer = window.search.model.customer(window.search.list.currentIndex().row())
    assert customer is not None
    return customer.id


def _shows(window: MainWindow, customer_id: int) -> bool:
    detail = window.customer.detail
    return detail is not None and detail.summary.id == customer_id


def test_moving_the_highlight_shows_that_customer(qtbot: QtBot, window: MainWindow) -> None:
    keys = activate(qtbot, window)
    keys.press(Qt.Key.Key_F, CTRL)
    result = keys.type("jo")
    assert result is not None and len(result.customers) >= 4
    qtbot.waitUntil(lambda: _shows(window, result.customers[0].id), timeout=5000)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
        keys.press(key)
        wanted = _highlighted(window)
        qtbot.waitUntil(lambda: _shows(window, wanted), timeout=5000)  # noqa: B023 - waited for at once
        assert window.customer.name.text() == next(c.name for c in result.customers if c.id == wanted)
    assert _highlighted(window) == result.customers[2].id
    assert window.search.field.hasFocus()  # the keys stay in the search: typing goes on narrowing it


@dataclass(frozen=True)
class FirstLoadHeld(DeskServices):
    """The real desk services, except that the first customer load waits until the test lets it finish (a cold
    disk): meanwhile staff hold Down."""

    release: threading.Event = field(default_factory=threading.Event)
    loads: list[int] = field(default_factory=list)

    def customer(self, customer_id: int) -> CustomerDetail:
        self.loads.append(customer_id)
        if len(self.loads) == 1:
            assert self.release.wait(10), "the test never let the first load finish"
        return super().customer(customer_id)


@pytest.fixture
def held(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[tuple[MainWindow, FirstLoadHeld]]:
    desk = FirstLoadHeld(db, SystemClock())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(desk, EMPLOYEE, is_demo=True, settings=settings)
    qtbot.addWidget(window)
    window.show()
    yield window, desk
    desk.release.set()  # never leave a worker waiting
    window._context.tasks.wait_idle()


def test_a_held_key_loads_the_customer_it_stops_on_not_every_one_on_the_way(
    qtbot: QtBot, held: tuple[MainWindow, FirstLoadHeld]
) -> None:
    window, desk = held
    keys = activate(qtbot, window)
    keys.press(Qt.Key.Key_F, CTRL)
    result = keys.type("jo")
    assert result is not None and len(result.customers) >= 8
    qtbot.waitUntil(lambda: len(desk.loads) == 1, timeout=5000)  # the first result's load, held
    for _ in range(len(result.customers) - 1):  # a key repeat down the whole list while that load is held
        keys.press(Qt.Key.Key_Down)
    qtbot.wait(50)
    assert window.search.list.currentIndex().row() == len(result.customers) - 1  # the window kept up
    assert desk.loads == [result.customers[0].id]  # nothing piled up behind the held load
    desk.release.set()
    last = result.customers[-1].id
    qtbot.waitUntil(lambda: _shows(window, last), timeout=5000)
    assert window._context.tasks.wait_idle(5000)
    assert desk.loads == [result.customers[0].id, last]  # the one held, then the one the key stopped on


def test_tab_follows_the_eye_down_the_profile(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    keys = activate(qtbot, window)
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type("M0000001")
    qtbot.waitUntil(lambda: _shows(window, 1), timeout=5000)
    panel, editor = window.customer, window.customer.editor
    keys.press(Qt.Key.Key_Tab)
    assert focus() is window.search.list
    keys.press(Qt.Key.Key_Tab)
    assert focus() is panel.pencil
    keys.press(Qt.Key.Key_Return)
    first_option = next(iter(editor.options.values()))
    actions = [card.action for card in panel.vouchers.cards if card.action is not None and card.action.isEnabled()]
    assert actions
    assert focus() is first_option
    keys.press(Qt.Key.Key_Space)  # a status chosen: Save can be pressed, so Tab stops there too
    for expected in (editor.cancel, editor.save, *actions):
        keys.press(Qt.Key.Key_Tab)
        assert focus() is expected, (focus().accessibleName(), expected.accessibleName())
    for expected in (*reversed(actions[:-1]), editor.save):
        keys.press(Qt.Key.Key_Tab, SHIFT)
        assert focus() is expected


def _ring_pixels(widget: QWidget) -> tuple[int, int]:
    """(pixels in the highlight colour, all pixels) in the 2-pixel band just outside `widget`, as shown."""
    parent = widget.parentWidget()
    assert parent is not None
    image = parent.grab().toImage()
    inner = widget.geometry()
    outer = inner.adjusted(-2, -2, 2, 2)
    colour = widget.palette().color(QPalette.ColorRole.Highlight).rgb()
    band = [QPoint(x, y) for y in range(outer.top(), outer.bottom() + 1) for x in range(outer.left(), outer.right() + 1)
            if not inner.contains(x, y) and image.rect().contains(x, y)]  # fmt: skip
    return sum(1 for p in band if image.pixelColor(p).rgb() == colour), len(band)


def _ringed(widget: QWidget) -> bool:
    coloured, band = _ring_pixels(widget)
    return coloured >= 0.9 * band


def test_a_focused_button_or_choice_is_ringed_and_an_unfocused_one_is_not(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    keys = activate(qtbot, window)
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type("M0000001")
    qtbot.waitUntil(lambda: _shows(window, 1), timeout=5000)
    panel, editor = window.customer, window.customer.editor
    keys.press(Qt.Key.Key_F2)
    option = next(iter(editor.options.values()))
    assert option.hasFocus() and _ringed(option)
    keys.press(Qt.Key.Key_Space)  # chosen: Save can be pressed
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    assert editor.save.hasFocus()
    editor.grab().save(str(tmp_path / "save-focused.png"))
    assert _ringed(editor.save) and _ring_pixels(editor.cancel)[0] == 0 and _ring_pixels(option)[0] == 0
    keys.press(Qt.Key.Key_Tab, SHIFT)
    assert editor.cancel.hasFocus()
    editor.grab().save(str(tmp_path / "cancel-focused.png"))
    assert _ringed(editor.cancel) and _ring_pixels(editor.save)[0] == 0
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    card = next(card for card in panel.vouchers.cards if card.action is not None and card.action.hasFocus())
    assert card.action is not None and _ringed(card.action)
