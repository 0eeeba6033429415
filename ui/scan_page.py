"""Mark Perks as Used: the camera picture, a typed-code field, the result card and this session's scans.

Codes come from the camera (CameraFeed), from a USB scanner (WedgeFilter, wherever the focus is) or from the
field; each goes to ScanDesk on a worker thread and comes back as one ScanOutcome. With "Confirm with Enter"
a usable voucher waits on the card until staff press Enter (or the button); otherwise it is marked at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.scanning.catalog import SourceChoice
from frontdesk.services.dto import RefusalNotice, ScanOutcome, ScanResult, ScanSource
from frontdesk.services.scan_desk import ScanDesk, excerpt
from ui.camera_feed import CameraFeed, FoundCode, PreviewFrame
from ui.context import DeskContext
from ui.look import Notice, described
from ui.scan_card import ScanCard, ScanHistory, outcome_colour
from ui.scan_preview import PreviewView
from ui.sound import Chime
from ui.words import say

STILL_WORKS = QT_TRANSLATE_NOOP("ScanPage", "The USB scanner and typed codes still work.")
SourceCatalog = Callable[[], list[SourceChoice]]  # probes devices: called on a worker thread


class ScanPage(QWidget):
    customer_changed = Signal(object)  # CustomerSummary, after a voucher was marked here
    open_customer = Signal(int)
    search_requested = Signal(str)
    outcome_shown = Signal(object, object)  # ScanOutcome, perf_counter() of the frame it came from (camera) or None

    def __init__(self, context: DeskContext, settings: QSettings, catalog: SourceCatalog, chime: Chime,
                 feed: CameraFeed | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._context, self._settings, self._catalog, self._chime = context, settings, catalog, chime
        self.feed = feed or CameraFeed(context.clock, parent=self)
        self.choices: list[SourceChoice] = []
        self.pending: ScanOutcome | None = None
        self._listed = False
        self._camera_error: str | None = None
        self.sources = described(QComboBox(self), self.tr("Camera"),
                                 self.tr("Which camera (or video file) to scan with"))  # fmt: skip
        self.sources.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start_button = described(QPushButton(self.tr("Start camera"), self), self.tr("Start camera"),
                                      self.tr("Start scanning"))  # fmt: skip
        self.start_button.clicked.connect(self.start_camera)
        self.look_button = described(QPushButton(self.tr("Look for cameras"), self), self.tr("Look for cameras"),
                                     self.tr("Look again for cameras, e.g. after plugging one in"))  # fmt: skip
        self.look_button.clicked.connect(self.list_sources)
        self.mode = described(
            QComboBox(self),
            self.tr("When a voucher is scanned"),
            self.tr("Mark a usable voucher at once, or show it and mark it when you press Enter"),
        )
        self.mode.addItems([self.tr("Mark at once"), self.tr("Confirm with Enter")])
        self.mode.setCurrentIndex(1 if self._settings.value("scan/confirm_first", False, type=bool) else 0)
        self.mode.currentIndexChanged.connect(lambda i: self._settings.setValue("scan/confirm_first", i == 1))
        self.preview = PreviewView(self)
        self.camera_message = Notice(self)
        self.camera_message.setAccessibleName(self.tr("Camera status"))
        self.field = described(
            QLineEdit(self), self.tr("Voucher code"), self.tr("Type the code printed under the barcode, then Enter")
        )
        self.field.setPlaceholderText(self.tr("Type a voucher code and press Enter"))
        self.field.returnPressed.connect(self._enter)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.field, self.cancel_pending)
        self.card = ScanCard(self)
        self.card.confirm_requested.connect(self.confirm)
        self.card.open_customer.connect(self.open_customer)
        self.card.search_requested.connect(self.search_requested)
        self.history = ScanHistory(self)
        self._layout()
        self.feed.preview.connect(self._show_preview)
        self.feed.code_found.connect(self._camera_code)
        self.feed.failed.connect(self._camera_failed)
        self.feed.stopped.connect(self._camera_stopped)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Camera:"), self), self.sources, self.start_button, self.look_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(bar)
        left.addWidget(self.preview, 1)
        left.addWidget(self.camera_message)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel(self.tr("When a voucher is read:"), self))
        mode_row.addWidget(self.mode, 1)
        right = QVBoxLayout()
        right.addLayout(mode_row)
        right.addWidget(self.field)
        right.addWidget(self.card)
        right.addWidget(QLabel(self.tr("<b>Scans this session</b>"), self))
        right.addWidget(self.history, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        QVBoxLayout(self).addLayout(body, 1)

    # Codes from anywhere -------------------------------------------------------------------------
    def handle_code(self, raw: str, source: ScanSource, captured_at: float | None = None) -> None:
        desk, confirm_first = ScanDesk(self._context.actions), self.mode.currentIndex() == 1
        self._run(lambda: desk.scan(raw, source, confirm_first=confirm_first), excerpt(raw), source, captured_at)

    def confirm(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        desk = ScanDesk(self._context.actions)
        self._run(lambda: desk.mark(pending.code, pending.source), pending.code, pending.source, None)

    def cancel_pending(self) -> None:
        self.field.clear()
        if self.pending is not None:
            self.pending = None
            self.card.confirm.hide()
            self.card.message.setText(self.tr("Not marked: cancelled. Scan the voucher again to use it."))

    def _enter(self) -> None:
        typed = self.field.text()
        if typed.strip():
            self.field.clear()
            self.handle_code(typed, ScanSource.TYPED)
        else:
            self.confirm()

    def _run(self, work: Callable[[], ScanOutcome], code: str, source: ScanSource, captured_at: float | None) -> None:
        """Scans are never stale: each runs and is shown, so no channel (which would drop older ones)."""

        def failed(error: FrontDeskError) -> None:
            self._show(ScanOutcome(ScanResult.FAILED, code, source, error.message, self._context.clock.now()), None)

        self._context.tasks.submit(work, lambda outcome: self._show(outcome, captured_at), failed)

    def _show(self, outcome: ScanOutcome, captured_at: float | None) -> None:
        self.pending = outcome if outcome.result is ScanResult.READY else None
        self.card.show_outcome(outcome)
        self.history.add(outcome)
        if self.preview.outline is not None and outcome.source is ScanSource.CAMERA:
            self.preview.mark_code(self.preview.outline, outcome_colour(outcome))
        if outcome.result not in (ScanResult.READY, ScanResult.MEMBER):  # a member card is no success or refusal
            self._chime.play(outcome.ok)
        if outcome.result is ScanResult.MARKED and outcome.customer is not None:
            self.customer_changed.emit(outcome.customer)
        if self.pending is not None:
            self.field.setFocus()
        self.outcome_shown.emit(outcome, captured_at)

    def show_refusals(self, notices: tuple[RefusalNotice, ...]) -> bool:
        """Refusals that came with a sync: every row and the card that showed them as marked turn red."""
        shown = False
        for notice in notices:
            shown = self.history.refuse(notice) | shown
            shown = self.card.refuse(notice) | shown
        return shown

    # The camera ----------------------------------------------------------------------------------
    def list_sources(self) -> None:
        self.camera_message.setText(self.tr("Looking for cameras…"))
        self.preview.show_placeholder(self.tr("Looking for cameras…"))
        self._context.tasks.submit(self._catalog, self._listed_sources, self._camera_failed)

    def _listed_sources(self, choices: list[SourceChoice]) -> None:
        self.choices, self._listed = choices, True
        self.sources.clear()
        self.sources.addItems([say(choice.description) for choice in choices])
        keys = [choice.key for choice in choices]
        saved = self._settings.value("scan/source", "")
        self.sources.setCurrentIndex(keys.index(saved) if saved in keys else 0)
        self.start_button.setEnabled(bool(choices))
        if not choices:
            self.preview.show_placeholder(self.tr("No camera. {still_works}").format(still_works=say(STILL_WORKS)))
            self._say_camera(self.tr("No camera was found. Plug one in and press “Look for cameras”. {still_works}")
                             .format(still_works=say(STILL_WORKS)), False)  # fmt: skip
        elif self.isVisible():
            self.start_camera()

    def start_camera(self) -> None:
        index = self.sources.currentIndex()
        if not 0 <= index < len(self.choices):
            return
        choice = self.choices[index]
        self._settings.setValue("scan/source", choice.key)
        self.preview.show_placeholder(self.tr("Starting the camera…"))
        self._camera_error = None
        self.start_button.setText(self.tr("Restart camera"))
        self.feed.start(choice.make())
        self._say_camera(self.tr("Scanning with {camera}: hold the voucher's code up to it.")
                         .format(camera=say(choice.description)), True)  # fmt: skip

    def _show_preview(self, frame: PreviewFrame) -> None:
        self.preview.show_frame(frame)
        self.feed.preview_shown()

    def _camera_code(self, found: FoundCode) -> None:
        self.preview.mark_code(found.code.position, QColor("#ecc94b"))
        self.handle_code(found.code.text, ScanSource.CAMERA, found.captured_at or time.perf_counter())

    def _camera_failed(self, error: FrontDeskError) -> None:
        self._camera_error = say(error.message)
        self.preview.show_placeholder(self._camera_error)
        self.start_button.setText(self.tr("Start camera again"))
        self._say_camera(self.tr("{problem} {still_works}").format(problem=self._camera_error,
                                                                    still_works=say(STILL_WORKS)), False)  # fmt: skip

    def _camera_stopped(self) -> None:
        if self._camera_error is None:
            self.start_button.setText(self.tr("Start camera"))

    def _say_camera(self, text: str, ok: bool) -> None:
        self.camera_message.say(text, ok=ok)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:
            self.list_sources()
        elif self.choices and not self.feed.running:
            self.start_camera()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.feed.stop()  # give the webcam back to other programs while staff work elsewhere
