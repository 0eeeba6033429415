"""The always-visible sync state in the status bar: online/offline/syncing (with a first load's progress),
changes waiting, last good sync, open conflicts (click to see them), and "Sync now"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from frontdesk.domain.clock import Clock
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from ui.look import BAD, GOOD, described
from ui.sync_controller import SyncView
from ui.words import day, number, say, short_day, time_of_day

_MODES = {
    "not_connected": ("#718096", QT_TRANSLATE_NOOP("SyncStatus", "Not connected to a platform")),
    "syncing": ("#2b6cb0", QT_TRANSLATE_NOOP("SyncStatus", "Syncing…")),
    "online": (GOOD, QT_TRANSLATE_NOOP("SyncStatus", "Online")),
    "offline": ("#b7791f", QT_TRANSLATE_NOOP("SyncStatus", "Offline — working on this computer")),
    "signed_out": (BAD, QT_TRANSLATE_NOOP("SyncStatus", "Signed out — sign in to sync")),
    "other_platform": (BAD, QT_TRANSLATE_NOOP("SyncStatus", "Not syncing — this data belongs to another platform")),
}
CONNECTION_TIP = QT_TRANSLATE_NOOP("SyncStatus", "Whether this desk can reach the loyalty platform")
# A first load's two steps: the customers, then their program statuses and vouchers (pulled side by side).
_LOAD_STEPS = (
    (("users",), QT_TRANSLATE_NOOP("SyncStatus", "loading customers: {done}")),
    (("connections", "vouchers"), QT_TRANSLATE_NOOP("SyncStatus", "loading program statuses and vouchers: {done}")),
)
SYNCABLE = ("online", "offline")  # signed out or the wrong platform: a sync could not help


def sync_time(moment: datetime | None, now: datetime) -> str:
    """Local time in the locale's words: 14:05 today, 03 Nov 14:05 on another day this year, 03 Nov 2025 14:05
    in an earlier year."""
    if moment is None:
        return say(QT_TRANSLATE_NOOP("SyncStatus", "never"))
    local, today = moment.astimezone(), now.astimezone()
    if local.date() == today.date():
        return time_of_day(local)
    return f"{short_day(local) if local.year == today.year else day(local)} {time_of_day(local)}"


class SyncStatus(QWidget):
    conflicts_clicked = Signal()
    sync_clicked = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.mode = QLabel(self)
        described(self.mode, self.tr("Connection"), say(CONNECTION_TIP))
        self.waiting = QLabel(self)
        described(
            self.waiting,
            self.tr("Changes waiting"),
            self.tr("Staff changes saved here and not yet accepted by the platform"),
        )
        self.last_sync = QLabel(self)
        described(self.last_sync, self.tr("Last good sync"), self.tr("When everything was last sent and received"))
        self.conflicts = QPushButton(self)
        self.conflicts.setFlat(True)
        described(
            self.conflicts,
            self.tr("Open conflicts"),
            self.tr("Changes the platform refused; click to see and acknowledge them"),
        )
        self.conflicts.clicked.connect(self.conflicts_clicked)
        self.sync = QPushButton(self.tr("Sync now"), self)
        described(self.sync, self.tr("Sync now"), self.tr("Send waiting changes and fetch news from the platform now"))
        self.sync.clicked.connect(self.sync_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.mode, self.waiting, self.last_sync, self.conflicts, self.sync):
            layout.addWidget(widget)
        self._loaded: dict[str, tuple[int, int | None]] = {}  # a first load's progress: resource -> (done, total)
        self._mode = "not_connected"
        self.show_view(SyncView("not_connected", 0, 0, None))

    def show_progress(self, resource: str, done: int, total: int | None) -> None:
        """A first load's progress report (resource, objects stored so far, the platform's count if it gave one):
        shown after "Syncing…" until the sync ends, as a percentage of the step it belongs to."""
        self._loaded[resource] = (done, total)
        if self._mode == "syncing":
            self._show_mode()

    def _progress_words(self) -> str:
        """The latest step with a report: 'loading customers: 42 %' (or a count, when no total is known)."""
        for resources, words in reversed(_LOAD_STEPS):
            reports = [self._loaded[r] for r in resources if r in self._loaded]
            if not reports:
                continue
            done = sum(d for d, _ in reports)
            totals = [t for _, t in reports]
            if len(reports) == len(resources) and all(totals):
                share = min(99, 100 * done // sum(t for t in totals if t))  # 100 % only once the sync says it ended
                return say(words).format(done=self.tr("{percent} %").format(percent=number(share)))
            return say(words).format(done=number(done))
        return ""

    def _show_mode(self) -> None:
        colour, text = _MODES[self._mode]
        progress = self._progress_words() if self._mode == "syncing" else ""
        shown = f"{say(text)} — {progress}" if progress else say(text)
        self.mode.setText(f"<span style='color:{colour}'>●</span> {shown}")

    def show_view(self, view: SyncView) -> None:
        if view.mode != self._mode:
            self._loaded.clear()  # a sync began or ended: a load reports afresh (a late report is not carried over)
        self._mode = view.mode
        self._show_mode()
        self.mode.setToolTip(say(view.problem or CONNECTION_TIP))  # a problem that is over leaves the tooltip too
        self.waiting.setText(self.tr("%n change(s) waiting", "", view.waiting))
        self.last_sync.setText(
            self.tr("Last sync: {when}").format(when=sync_time(view.last_good_sync, self._clock.now()))
        )
        self.conflicts.setText(self.tr("%n conflict(s)", "", view.open_conflicts))
        self.conflicts.setStyleSheet(f"color: {BAD}; font-weight: 600;" if view.open_conflicts else "")
        self.sync.setEnabled(view.mode in SYNCABLE)
