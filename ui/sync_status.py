"""The always-visible sync state in the status bar: online/offline/syncing, changes waiting, last good
sync, open conflicts (click to see them), and "Sync now"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.look import BAD, GOOD, described
from ui.sync_controller import SyncView

_MODES = {
    "not_connected": ("#718096", "Not connected to a platform"),
    "syncing": ("#2b6cb0", "Syncing…"),
    "online": (GOOD, "Online"),
    "offline": ("#b7791f", "Offline — working on this computer"),
    "signed_out": (BAD, "Signed out — sign in to sync"),
}


class SyncStatus(QWidget):
    conflicts_clicked = Signal()
    sync_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QLabel(self)
        described(self.mode, "Connection", "Whether this desk can reach the loyalty platform")
        self.waiting = QLabel(self)
        described(self.waiting, "Changes waiting", "Staff changes saved here and not yet accepted by the platform")
        self.last_sync = QLabel(self)
        described(self.last_sync, "Last good sync", "When everything was last sent and received")
        self.conflicts = QPushButton(self)
        self.conflicts.setFlat(True)
        described(self.conflicts, "Open conflicts", "Changes the platform refused; click to see and acknowledge them")
        self.conflicts.clicked.connect(self.conflicts_clicked)
        self.sync = QPushButton("Sync now", self)
        described(self.sync, "Sync now", "Send waiting changes and fetch news from the platform now")
        self.sync.clicked.connect(self.sync_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.mode, self.waiting, self.last_sync, self.conflicts, self.sync):
            layout.addWidget(widget)
        self.show_view(SyncView("not_connected", 0, 0, None))

    def show_view(self, view: SyncView) -> None:
        colour, text = _MODES[view.mode]
        self.mode.setText(f"<span style='color:{colour}'>●</span> {text}")
        if view.problem:
            self.mode.setToolTip(view.problem)
        self.waiting.setText(f"{view.waiting} change{'s' if view.waiting != 1 else ''} waiting")
        when = f"{view.last_good_sync.astimezone():%H:%M}" if view.last_good_sync else "never"
        self.last_sync.setText(f"Last sync: {when}")
        self.conflicts.setText(f"{view.open_conflicts} conflict{'s' if view.open_conflicts != 1 else ''}")
        self.conflicts.setStyleSheet(f"color: {BAD}; font-weight: 600;" if view.open_conflicts else "")
        self.sync.setEnabled(view.mode not in ("not_connected", "syncing"))
