"""The USB-scanner filter on real Qt key events with realistic timings: a scanner's burst is a scan and never
reaches the field; people's typing always does, in order; password fields are left alone."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.wedge_filter import WedgeFilter

SCANNER_GAP = 0.004  # seconds between keys of a USB scanner
PERSON_GAP = 0.150


class KeyClock:
    """The time the filter reads for each synthetic key (real key events carry the window system's time)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Desk:
    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.window = QWidget()
        self.field = QLineEdit(self.window)
        self.other = QLineEdit(self.window)
        self.password = QLineEdit(self.window)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout = QVBoxLayout(self.window)
        for widget in (self.field, self.other, self.password):
            layout.addWidget(widget)
        self.clock = KeyClock()
        self.filter = WedgeFilter(self.window, clock=self.clock)
        self.scans: list[str] = []
        self.filter.scanned.connect(self.scans.append)
        QApplication.instance().installEventFilter(self.filter)  # type: ignore[union-attr]
        qtbot.addWidget(self.window)
        self.window.show()
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow, timeout=5000)
        self.field.setFocus()

    def keys(self, target: QWidget, text: str, gap: float, *, enter: bool = False) -> None:
        for char in text:
            self.clock.now += gap
            QTest.keyClick(target, char)
        if enter:
            self.clock.now += gap
            QTest.keyClick(target, Qt.Key.Key_Return)

    def jittered(self, target: QWidget, text: str, rng: random.Random, gap: tuple[float, float],
                 jitter: float = 0.0) -> None:  # fmt: skip
        """`text` and Enter, each key `gap` after the last and moved by up to `jitter` (a loaded machine)."""
        for key in [*text, Qt.Key.Key_Return]:
            self.clock.now += max(0.0, rng.uniform(*gap) + rng.uniform(-jitter, jitter))
            QTest.keyClick(target, key)

    def settle(self) -> None:
        """Time passes with no key: held keys are handed back."""
        self.clock.now += 1.0
        self.qtbot.wait(60)


@pytest.fixture
def desk(qtbot: QtBot) -> Iterator[Desk]:
    made = Desk(qtbot)
    yield made
    QApplication.instance().removeEventFilter(made.filter)  # type: ignore[union-attr]


def test_a_scanner_burst_is_a_scan_and_types_nothing(desk: Desk) -> None:
    desk.keys(desk.field, "]C050012345", SCANNER_GAP, enter=True)
    assert desk.scans == ["]C050012345"]
    desk.settle()
    assert desk.field.text() == ""


def test_a_person_typing_is_never_swallowed(desk: Desk) -> None:
    desk.keys(desk.field, "olivia.k@gmail", PERSON_GAP, enter=True)
    desk.settle()
    assert desk.field.text() == "olivia.k@gmail" and desk.scans == []


@pytest.mark.parametrize(("gap", "jitter"), [((0.020, 0.100), 0.0), ((0.020, 0.040), 0.008)],
                         ids=["60 ms give or take 40", "bursts of 20-40 ms, jittered"])  # fmt: skip
def test_quick_typing_on_a_loaded_machine_is_never_a_scan(desk: Desk, gap: tuple[float, float], jitter: float) -> None:
    """Real key presses at a person's uneven pace, some as close together as a slow scanner's: every one reaches
    the field, in order, and nothing is taken for a scan."""
    rng = random.Random(21)
    for text in ["margaret.oconnor@example.com", "50012345", "smith jo", "M0004242", "derson13", "SPRING-7F3K2Q"]:
        for _ in range(6):
            desk.field.clear()
            desk.jittered(desk.field, text, rng, gap, jitter)
            desk.settle()
            assert desk.field.text() == text
    assert desk.scans == []


def test_a_scanner_at_a_steady_slow_rate_is_a_scan(desk: Desk) -> None:
    """16 ms a key (a scanner polled at 125 Hz), give or take a millisecond: steady, so a scan."""
    rng = random.Random(22)
    desk.jittered(desk.field, "M0004242", rng, (0.015, 0.017))
    desk.settle()
    assert desk.scans == ["M0004242"] and desk.field.text() == ""


def test_fast_typing_without_enter_arrives_in_order_a_moment_later(desk: Desk) -> None:
    desk.keys(desk.field, "smith", SCANNER_GAP)  # as fast as a scanner, but no Enter: typing after all
    assert desk.field.text() == "s"  # the first key shows at once; the rest is held while it might be a scan
    desk.settle()
    assert desk.field.text() == "smith" and desk.scans == []


def test_a_key_after_a_pause_shows_at_once(desk: Desk) -> None:
    for char in "jo":
        desk.clock.now += PERSON_GAP
        QTest.keyClick(desk.field, char)
        assert desk.field.text().endswith(char)  # no waiting for a timer: type-ahead search starts at once


def test_a_scan_leaves_the_field_as_it_was(desk: Desk) -> None:
    desk.field.setText("john")
    desk.field.selectAll()  # Ctrl+F selects the search text; a scan must not replace it
    desk.keys(desk.field, "50012345", SCANNER_GAP, enter=True)
    assert desk.scans == ["50012345"]
    assert (desk.field.text(), desk.field.selectedText()) == ("john", "john")
    desk.field.setCursorPosition(2)
    desk.field.deselect()
    desk.keys(desk.field, "SPRING-7F3K2Q", SCANNER_GAP, enter=True)
    assert (desk.field.text(), desk.field.cursorPosition()) == ("john", 2)


def test_a_scan_in_the_middle_of_typing(desk: Desk) -> None:
    desk.keys(desk.field, "jo", PERSON_GAP)
    desk.clock.now += PERSON_GAP
    desk.keys(desk.field, "50012345", SCANNER_GAP, enter=True)
    desk.settle()
    desk.keys(desk.field, "hn", PERSON_GAP)
    desk.settle()
    assert desk.scans == ["50012345"] and desk.field.text() == "john"


def test_another_key_hands_held_keys_back_first(desk: Desk) -> None:
    desk.keys(desk.field, "abc", SCANNER_GAP)
    QTest.keyClick(desk.field, Qt.Key.Key_Home)  # the cursor moves after "abc" was typed, not before
    desk.keys(desk.field, "X", PERSON_GAP)
    desk.settle()
    assert desk.field.text() == "Xabc"


def test_held_keys_go_back_to_the_field_they_were_typed_in(desk: Desk) -> None:
    desk.keys(desk.field, "ab", SCANNER_GAP)
    desk.other.setFocus()
    desk.settle()
    assert (desk.field.text(), desk.other.text()) == ("ab", "")


def test_a_password_managers_auto_type_is_left_alone(desk: Desk) -> None:
    desk.password.setFocus()
    desk.keys(desk.password, "s3cret-Passw0rd", SCANNER_GAP, enter=True)
    assert desk.scans == [] and desk.password.text() == "s3cret-Passw0rd"


def test_shortcuts_are_not_scanner_keys(desk: Desk) -> None:
    desk.field.setText("hello")
    desk.field.selectAll()
    desk.clock.now += SCANNER_GAP
    QTest.keyClick(desk.field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)  # cut
    assert desk.field.text() == "" and desk.scans == []


def test_two_scans_back_to_back(desk: Desk) -> None:
    desk.keys(desk.field, "50012345", SCANNER_GAP, enter=True)
    desk.clock.now += 0.3
    desk.keys(desk.field, "SPRING-7F3K2Q", SCANNER_GAP, enter=True)
    assert desk.scans == ["50012345", "SPRING-7F3K2Q"]
