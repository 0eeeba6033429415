"""A red banner across the window for refusals that arrived after the desk had shown an action as done.

It names the customer and the voucher (or status) and the platform's reason, and stays until someone
acknowledges it — here, or in the Conflicts view — so a late "no" can never pass unseen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.services.dto import RefusalNotice
from ui.look import described, tone
from ui.words import say


class RefusalBanner(QWidget):
    acknowledge_requested = Signal(object)  # tuple of conflict ids shown
    conflicts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notices: dict[str, RefusalNotice] = {}  # by outbox key, in arrival order
        self.setAccessibleName(self.tr("Refused by the platform"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # names and codes are text, never markup
        self.acknowledge = described(
            QPushButton(self.tr("Acknowledge"), self),
            self.tr("Acknowledge refusals"),
            self.tr("I have seen this; remove it from the window (it stays in Activity)"),
        )
        self.acknowledge.clicked.connect(lambda: self.acknowledge_requested.emit(self.conflict_ids()))
        self.details = described(QPushButton(self.tr("Conflicts…"), self), self.tr("Show conflicts"),
                                 self.tr("Open the list of conflicts"))  # fmt: skip
        self.details.clicked.connect(self.conflicts_requested)
        buttons = QVBoxLayout()
        buttons.addWidget(self.acknowledge)
        buttons.addWidget(self.details)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.hide()

    def add(self, notices: tuple[RefusalNotice, ...]) -> None:
        for notice in notices:
            self.notices[notice.outbox_key] = notice
        self._render()

    def keep_only(self, open_keys: set[str]) -> None:
        """Drop what was acknowledged elsewhere (the Conflicts view, another window)."""
        self.notices = {key: notice for key, notice in self.notices.items() if key in open_keys}
        self._render()

    def conflict_ids(self) -> tuple[int, ...]:
        return tuple(notice.conflict_id for notice in self.notices.values())

    def _render(self) -> None:
        lines = [f"✗ {say(notice.headline)}. {say(notice.reason)}" for notice in reversed(self.notices.values())]
        if len(lines) > 3:
            more = len(lines) - 3
            lines = [*lines[:3], self.tr("… and %n more (see Conflicts).", "", more)]
        self.text.setText("\n".join(lines))
        self.setVisible(bool(self.notices))

    def paintEvent(self, event: QPaintEvent) -> None:
        red = tone(False)
        wash = QColor(red)
        wash.setAlpha(40)  # a faint red wash reads on light and dark schemes alike
        painter = QPainter(self)
        painter.fillRect(self.rect(), wash)
        painter.fillRect(0, 0, 6, self.height(), red)
        painter.end()
