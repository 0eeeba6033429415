"""The always-visible sync state in the status bar: online/offline/syncing, changes waiting, last good
sync, open conflicts (click to see them), and "Sync now"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from frontdesk.domain.clock import Clock
from ui.look import BAD, GOOD, described
from ui.sync_controller import SyncView

_MODES = {
    "not_connected": ("#718096", "Not connected to a platform"),
    "syncing": ("#2b6cb0", "Syncing…"),
    "online": (GOOD, "Online"),
    "offline": ("#b7791f", "Offline — working on this computer"),
    "signed_out": (BAD, "Signed out — sign in to sync"),
    "other_platform": (BAD, "Not syncing — this data belongs to another platform"),
}
CONNECTION_TIP = "Whether this desk can reach the loyalty platform"
SYNCABLE = ("online", "offline")  # signed out or the wrong platform: a sync could not help


def sync_time(moment: datetime | None, now: datetime) -> str:
    """Local time: 14:05 today, 03 Nov 14:05 on another day this year, 03 Nov 2025 14:05 in an earlier year."""
    if moment is None:
        return "never"
    local, today = moment.astimezone(), now.astimezone()
    if local.date() == today.date():
        return f"{local:%H:%M}"
    return f"{local:%d %b %H:%M}" if local.year == today.year else f"{local:%d %b %Y %H:%M}"


class SyncStatus(QWidget):
    conflicts_clicked = Signal()
    sync_clicked = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.mode = QLabel(self)
        described(self.mode, "Connection", CONNECTION_TIP)
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
        self.mode.setToolTip(view.problem or CONNECTION_TIP)  # a problem that is over leaves the tooltip too
        self.waiting.setText(f"{view.waiting} change{'s' if view.waiting != 1 else ''} waiting")
        self.last_sync.setText(f"Last sync: {sync_time(view.last_good_sync, self._clock.now())}")
        self.conflicts.setText(f"{view.open_conflicts} conflict{'s' if view.open_conflicts != 1 else ''}")
        self.conflicts.setStyleSheet(f"color: {BAD}; font-weight: 600;" if view.open_conflicts else "")
        self.sync.setEnabled(view.mode in SYNCABLE)
