"""Notices when nobody has pressed a key or clicked in Front Desk for a while (the desk's auto-lock)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleWatch(QObject):
    """`idle` fires once the application has had no key, click, wheel or touch for `seconds`; any of them starts the
    count again. It looks every `check_ms` (a few seconds late at most: a lock, not an alarm clock)."""

    idle = Signal()

    def __init__(self, window: QWidget, seconds: float, *, check_ms: int = 5000,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        super().__init__(window)
        self.seconds = seconds
        self._clock = clock
        self.last_input = clock()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._look)
        self._timer.start(check_ms)
        app = QApplication.instance()
        if app is not None:  # a filter on the application sees keys wherever the focus is in the window
            app.installEventFilter(self)

    def restart(self) -> None:
        self.last_input = self._clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:  # in any of Front Desk's windows: its dialogs too
            self.last_input = self._clock()
        return False

    def _look(self) -> None:
        if self._clock() - self.last_input >= self.seconds:
            self.last_input = self._clock()  # once per quiet spell
            self.idle.emit()
