"""USB keyboard-wedge scanners, wherever the focus is in the window: an application event filter around
frontdesk.scanning.WedgeDetector.

A key typed after a pause reaches its widget at once, so people's typing is never delayed. Keys that follow
it as fast as a scanner's are held back; a burst at a scanner's steady rhythm that ends in Enter is a scan
(emitted as `scanned`), and the field that got its first key is put back as it was, so nothing of the scan stays
typed. A person's quick keys vary from one to the next, so they are handed back, however fast. Anything else is
handed back to the widget it was meant for, in order, as ordinary typing. Password fields are left alone: a
password manager's auto-type is a fast burst ending in Enter too, and must never be shown as a "code".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from frontdesk.scanning import ENTER, WedgeDetector, WedgeOutcome

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_COMMAND_MODIFIERS |= Qt.KeyboardModifier.MetaModifier


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


@dataclass
class _FieldState:
    """A text field as it was before a key that may start a scan, to put it back if it does."""

    field: QLineEdit | None
    text: str = ""
    cursor: int = 0
    selection: tuple[int, int] = (-1, 0)

    @classmethod
    def of(cls, widget: QWidget) -> _FieldState:
        if not isinstance(widget, QLineEdit):
            return cls(None)  # a list or a button: its first key did no lasting harm
        return cls(
            widget, widget.text(), widget.cursorPosition(), (widget.selectionStart(), len(widget.selectedText()))
        )

    def restore(self) -> None:
        if self.field is None:
            return
        self.field.setText(self.text)
        start, length = self.selection
        if start >= 0 and length:
            self.field.setSelection(start, length)
        else:
            self.field.setCursorPosition(self.cursor)


class WedgeFilter(QObject):
    """Install with `QApplication.instance().installEventFilter(...)`; watches key presses inside `scope`."""

    scanned = Signal(str)  # the raw burst, without Enter; the scan service cleans and checks it

    def __init__(self, scope: QWidget, *, detector: WedgeDetector | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        super().__init__(scope)
        self._scope = scope
        # The scan service cleans codes, so the detector passes the burst on untouched.
        self.detector = detector or WedgeDetector(normalize=lambda burst: burst)
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._lead: _FieldState | None = None
        self._replaying = False
        self._last_at = self._last_arrival = 0.0  # key time of the newest held key, and our clock when it came
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._flush_due)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        target = self._target(watched)
        if target is None:
            return False
        char = self._as_scanner_key(event)
        if char is None:  # arrows, shortcuts, function keys: typing context changed, give held keys back first
            if self.detector.holding:
                self._apply(self.detector.interrupt())
            return False
        # Real key events carry the window system's time; synthetic ones (tests, accessibility tools) do not.
        at = event.timestamp() / 1000 if event.timestamp() else self._clock()
        outcome = self.detector.feed(char, at)
        if not outcome.consumed and char != ENTER:  # delivered now; it may turn out to start a scan
            self._apply(outcome)
            self._lead = _FieldState.of(target)
            self._last_at, self._last_arrival = at, self._clock()
            return False
        if outcome.consumed and outcome.scan is None and outcome.error is None:
            self._apply(outcome)
            self._held.append(_HeldKey(target, event.key(), event.modifiers(), event.text()))
            self._last_at, self._last_arrival = at, self._clock()
            self._flush.start(round(self.detector.hold_gap * 1000) + 2)
            return True
        self._apply(outcome)
        return outcome.consumed

    def _target(self, watched: QObject) -> QWidget | None:
        """The widget a key press is for, once per press (an app filter also sees each parent it bubbles to)."""
        focus = QApplication.focusWidget()
        if not isinstance(watched, QWidget) or watched is not (focus or watched.window()):
            return None
        if watched.window() is not self._scope:
            return None
        if isinstance(watched, QLineEdit) and watched.echoMode() != QLineEdit.EchoMode.Normal:
            return None
        return watched

    @staticmethod
    def _as_scanner_key(event: QKeyEvent) -> str | None:
        if event.modifiers() & _COMMAND_MODIFIERS:
            return None
        if event.key() in _ENTER_KEYS:
            return ENTER
        text = event.text()
        return text if len(text) == 1 and text.isprintable() else None

    def _apply(self, outcome: WedgeOutcome) -> None:
        """Hand back held keys the detector says were typing; on a scan, drop them and report it."""
        if outcome.retract and self._lead is not None:
            self._lead.restore()
        count = len(outcome.replay)
        given_back, self._held = self._held[:count], self._held[count:]
        self._replay(given_back)
        if outcome.scan is not None or outcome.error is not None:
            self._held.clear()
            self._flush.stop()
            if outcome.scan is not None:
                self.scanned.emit(outcome.scan)
        if not self.detector.holding:
            self._flush.stop()

    def _replay(self, keys: list[_HeldKey]) -> None:
        self._replaying = True
        try:
            for held in keys:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(held.target, QKeyEvent(kind, held.key, held.modifiers, held.text))
        finally:
            self._replaying = False

    def _flush_due(self) -> None:
        """No key came within the scanner's gap: what is held was typing. Times stay in the keys' own clock."""
        now = self._last_at + (self._clock() - self._last_arrival)
        self._apply(self.detector.flush(now))
        if self.detector.holding:  # the timer fired a little early for that clock: look again shortly
            self._flush.start(round(self.detector.hold_gap * 1000) + 2)
