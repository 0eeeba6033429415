"""A keyboard for the window tests: real key events, sent where the focus is (as a keyboard sends them), and
counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.services.dto import SearchResult
from ui.main_window import MainWindow

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


class Keyboard:
    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot, self.window = qtbot, window
        self.pressed: list[str] = []  # every key pressed, by name, in order

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO) -> None:
        QTest.keyClick(focus(), key, modifiers)
        self.pressed.append(f"{modifiers.name}+{key.name}" if modifiers != NO else str(key.name))

    def type(self, text: str) -> SearchResult | None:
        """Type text where the focus is (not counted: it is what is searched for or written, not a command).
        In the search field, the results for it are waited for and returned."""
        field = focus()
        assert isinstance(field, QLineEdit)
        if field is not self.window.search.field:
            QTest.keyClicks(field, text)
            self.qtbot.waitUntil(lambda: field.text().endswith(text), timeout=2000)
            return None
        wanted = field.text() + text if not field.selectedText() else text
        with self.qtbot.waitSignal(self.window.search.results_shown, timeout=5000,
                                   check_params_cb=lambda r: r.query == wanted) as got:  # fmt: skip
            QTest.keyClicks(field, text)  # keys typed this fast are held by the scanner detector, then given back
        result: SearchResult = got.args[0]
        return result


def activate(qtbot: QtBot, window: MainWindow) -> Keyboard:
    """Shortcuts answer only in the active window, which offscreen comes a moment after show()."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=15_000)
    return Keyboard(qtbot, window)
