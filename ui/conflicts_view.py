"""Conflicts: each refused staff action in plain words, with "Acknowledge" and, where it makes sense,
"Try again" (re-apply a status change against the platform's new state)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.conflicts import ConflictInfo, ConflictsOverview
from ui.context import DeskContext
from ui.look import BAD, GOOD, described
from ui.words import say

STAYS = QT_TRANSLATE_NOOP("ConflictsView", "The conflict stays in the list until someone acknowledges it.")


class ConflictCard(QFrame):
    acknowledge_requested = Signal(int)
    try_again_requested = Signal(int)

    def __init__(self, info: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Conflict: {headline}").format(headline=say(info.headline)))
        layout = QVBoxLayout(self)
        self.headline = QLabel(f"<b style='color:{BAD}'>{say(info.headline)}</b>", self)
        self.story = QLabel(say(info.explanation), self)
        self.story.setWordWrap(True)
        layout.addWidget(self.headline)
        layout.addWidget(self.story)
        row = QHBoxLayout()
        row.addStretch(1)
        self.retry: QPushButton | None = None
        if info.can_try_again:
            self.retry = QPushButton(self.tr("Try again"), self)
            described(
                self.retry,
                self.tr("Try again"),
                self.tr("Apply the same status change again, checked against the new status"),
            )
            self.retry.clicked.connect(lambda: self.try_again_requested.emit(info.id))
            row.addWidget(self.retry)
        self.ack = QPushButton(self.tr("Acknowledge"), self)
        described(self.ack, self.tr("Acknowledge"), self.tr("I have read this; remove it from the list"))
        self.ack.clicked.connect(lambda: self.acknowledge_requested.emit(info.id))
        row.addWidget(self.ack)
        layout.addLayout(row)


class ConflictsView(QDialog):
    changed = Signal()  # a conflict was acknowledged or re-applied
    loaded = Signal(object)  # tuple[ConflictInfo, ...]

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Conflicts — changes the platform refused"))
        self.resize(720, 480)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.cards_box = QWidget(self)
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.addStretch(1)
        self.cards: list[ConflictCard] = []
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Open conflicts"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_box)
        self.empty = QLabel(self)  # what the record holds when nothing is open, once loaded
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)

    def reload(self) -> None:
        desk = self._context.desk
        self._context.tasks.submit(desk.conflicts, self._show, self._error, channel="conflicts")

    def _show(self, overview: ConflictsOverview) -> None:
        conflicts = overview.open
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        for position, info in enumerate(conflicts):
            card = ConflictCard(info, self.cards_box)
            card.acknowledge_requested.connect(self._acknowledge)
            card.try_again_requested.connect(self._try_again)
            self.cards_layout.insertWidget(position, card)
            self.cards.append(card)
        self.empty.setText(say(overview.nothing_open))
        self.empty.setVisible(not conflicts)
        self.loaded.emit(conflicts)

    def _acknowledge(self, conflict_id: int) -> None:
        c = self._context
        c.tasks.submit(lambda: c.desk.acknowledge(conflict_id, c.staff), lambda _: self._done(None),
                       self._error)  # fmt: skip

    def _try_again(self, conflict_id: int) -> None:
        c = self._context
        c.tasks.submit(lambda: c.desk.try_again(conflict_id, c.staff),
                       lambda change: self._done(self.tr("{customer} is now {status}; it will be sent at the next "
                                                         "sync.").format(customer=change.customer.name,
                                                                         status=say(change.after.label))),
                       lambda error: self._error(FrontDeskError(self.tr("Not applied: {reason} {stays}").format(
                           reason=say(error.message), stays=say(STAYS)))))  # fmt: skip

    def _done(self, text: str | None) -> None:
        self.message.setStyleSheet(f"color: {GOOD};")
        self.message.setText(text or "")
        self.changed.emit()
        self.reload()

    def _error(self, error: FrontDeskError) -> None:
        self.message.setStyleSheet(f"color: {BAD};")
        self.message.setText(say(error.message))
