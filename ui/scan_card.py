"""What one scan did, big enough to read from a step away: green for done, red for "nothing changed", and the
list of this session's scans underneath."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.dto import Confirmation, PlatformAnswer, RefusalNotice, ScanOutcome, ScanResult
from ui.look import described, is_dark, tone
from ui.words import say, time_of_day

_READY = ("#2b6cb0", "#63b3ed")  # blue: found, waiting for staff, or a member card (light scheme, dark scheme)
_HEADLINES = {
    ScanResult.MARKED: QT_TRANSLATE_NOOP("ScanCard", "✓ Marked as used"),
    ScanResult.READY: QT_TRANSLATE_NOOP("ScanCard", "Ready — press Enter to mark as used"),
    ScanResult.REFUSED: QT_TRANSLATE_NOOP("ScanCard", "✗ Not marked — this voucher cannot be used"),
    ScanResult.NOT_FOUND: QT_TRANSLATE_NOOP("ScanCard", "✗ Not found on this desk"),
    ScanResult.MEMBER: QT_TRANSLATE_NOOP("ScanCard", "Member card"),
    ScanResult.UNREADABLE: QT_TRANSLATE_NOOP("ScanCard", "✗ Not a voucher code"),
    ScanResult.FAILED: QT_TRANSLATE_NOOP("ScanCard", "✗ Not saved"),
}
_SHORT = {
    ScanResult.MARKED: QT_TRANSLATE_NOOP("ScanCard", "✓ marked"),
    ScanResult.READY: QT_TRANSLATE_NOOP("ScanCard", "waiting for Enter"),
    ScanResult.REFUSED: QT_TRANSLATE_NOOP("ScanCard", "✗ not usable"),
    ScanResult.NOT_FOUND: QT_TRANSLATE_NOOP("ScanCard", "✗ not found"),
    ScanResult.MEMBER: QT_TRANSLATE_NOOP("ScanCard", "member card"),
    ScanResult.UNREADABLE: QT_TRANSLATE_NOOP("ScanCard", "✗ unreadable"),
    ScanResult.FAILED: QT_TRANSLATE_NOOP("ScanCard", "✗ not saved"),
}
_SOURCES = {
    "camera": QT_TRANSLATE_NOOP("ScanCard", "camera"),
    "scanner": QT_TRANSLATE_NOOP("ScanCard", "USB scanner"),
    "typed": QT_TRANSLATE_NOOP("ScanCard", "typed"),
}
_KEPT_HEADLINE = QT_TRANSLATE_NOOP("ScanCard", "✓ Marked on this desk — not confirmed by the platform yet")
_REFUSED_BY_PLATFORM = QT_TRANSLATE_NOOP("ScanCard", "✗ Refused by the loyalty platform — not marked")
_REFUSED_LATER = QT_TRANSLATE_NOOP(
    "ScanCard", "Refused later by the loyalty platform: {reason} The voucher was not used here."
)


def headline(outcome: ScanOutcome) -> str:
    """The card's big line: a mark the platform has not confirmed reads differently from a confirmed one."""
    answer = outcome.answer
    if answer is not None and answer.confirmation is Confirmation.REFUSED:
        return say(_REFUSED_BY_PLATFORM)
    if outcome.result is ScanResult.MARKED and answer is not None and not answer.confirmed:
        return say(_KEPT_HEADLINE)
    if outcome.result is ScanResult.MEMBER and outcome.customer is not None:
        return say(QT_TRANSLATE_NOOP("ScanCard", "Member card: {customer}").fill(customer=outcome.customer.name))
    return say(_HEADLINES[outcome.result])


def short(outcome: ScanOutcome) -> str:
    answer = outcome.answer
    if answer is not None and answer.confirmation is Confirmation.REFUSED:
        return say(QT_TRANSLATE_NOOP("ScanCard", "✗ refused by the platform"))
    if outcome.result is ScanResult.MARKED and answer is not None and not answer.confirmed:
        return say(QT_TRANSLATE_NOOP("ScanCard", "✓ marked, waiting to sync"))
    return say(_SHORT[outcome.result])


def refused_later(outcome: ScanOutcome, notice: RefusalNotice) -> ScanOutcome:
    """The same scan, as it turned out: the platform refused what the desk had shown as marked."""
    return dataclasses.replace(
        outcome,
        result=ScanResult.REFUSED,
        message=_REFUSED_LATER.fill(reason=notice.reason),
        answer=PlatformAnswer(Confirmation.REFUSED, notice.reason),
    )


def outcome_colour(outcome: ScanOutcome) -> QColor:
    if outcome.result in (ScanResult.READY, ScanResult.MEMBER):  # neither done nor refused: the customer's turn
        return QColor(_READY[1] if is_dark() else _READY[0])
    return tone(outcome.ok)


class _Headline(QLabel):
    """Big, bold and in the card's signal colour of the moment (the default text colour before any scan)."""

    def __init__(self, card: ScanCard) -> None:
        super().__init__(card)
        self._card = card
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.setFont(font)
        self.setWordWrap(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self._card.colour() or self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self.text())
        painter.end()


class ScanCard(QWidget):
    confirm_requested = Signal()
    open_customer = Signal(int)
    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome: ScanOutcome | None = None
        self.setAccessibleName(self.tr("Scan result"))
        self.headline = _Headline(self)
        self.headline.setText(self.tr("Scan a voucher, or type its code."))
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # codes and names are shown as text, never markup
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Scan message"))
        self.confirm = QPushButton(self.tr("Mark as used (Enter)"), self)
        described(self.confirm, self.tr("Mark as used"), self.tr("Mark this voucher as used now"))
        self.confirm.clicked.connect(self.confirm_requested)
        self.customer = QPushButton(self.tr("Open customer"), self)
        described(self.customer, self.tr("Open customer"), self.tr("Show this customer's profile"))
        self.customer.clicked.connect(self._open_customer)
        self.search = QPushButton(self.tr("Search customers"), self)
        described(
            self.search,
            self.tr("Search customers for this code"),
            self.tr("Look for the customer by this code or by name"),
        )
        self.search.clicked.connect(lambda: self.outcome and self.search_requested.emit(self.outcome.code))
        buttons = QHBoxLayout()
        for button in (self.confirm, self.customer, self.search):
            button.hide()
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(self.headline, 0, 0)
        grid.addWidget(self.details, 1, 0)
        grid.addWidget(self.message, 2, 0)
        grid.addLayout(buttons, 3, 0)
        grid.setContentsMargins(12, 10, 12, 10)

    def show_outcome(self, outcome: ScanOutcome) -> None:
        self.outcome = outcome
        self.headline.setText(headline(outcome))
        source, at = say(_SOURCES[outcome.source.value]), time_of_day(outcome.at, seconds=True)
        lines = [self.tr("Code {code} · {source} · {time}").format(code=outcome.code, source=source, time=at)]
        if outcome.customer is not None:
            lines.insert(0, self.tr("Customer: {customer}").format(customer=outcome.customer.name))
        if outcome.voucher is not None:
            lines.insert(1, self.tr("Reward: {title}").format(title=outcome.voucher.title))
        if outcome.before is not None and outcome.after is not None and outcome.before != outcome.after:
            lines.append(self.tr("Status: {before} → {after}").format(before=say(outcome.before.label),
                                                                       after=say(outcome.after.label)))  # fmt: skip
        elif outcome.voucher is not None:
            lines.append(self.tr("Status: {status} (unchanged)").format(status=say(outcome.voucher.status.label)))
        self.details.setText("\n".join(lines))
        self.message.setText(say(outcome.message))
        self.confirm.setVisible(outcome.result is ScanResult.READY)
        self.customer.setVisible(outcome.customer is not None)
        self.search.setVisible(outcome.result is ScanResult.NOT_FOUND)
        self.update()
        self.headline.update()

    def refuse(self, notice: RefusalNotice) -> bool:
        """If the card shows the action the platform refused, it turns red and says so; whether it did."""
        if self.outcome is None or self.outcome.outbox_key != notice.outbox_key:
            return False
        self.show_outcome(refused_later(self.outcome, notice))
        return True

    def colour(self) -> QColor | None:
        """The signal colour of the scheme in use, worked out at paint time so a light/dark switch follows."""
        return outcome_colour(self.outcome) if self.outcome is not None else None

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = self.colour()
        border = colour or self.palette().color(QPalette.ColorRole.Mid)
        wash = QColor(border)
        wash.setAlpha(30 if colour else 0)  # a faint wash of the signal colour reads on light and dark alike
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 3))
        painter.setBrush(wash)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 10, 10)
        painter.end()

    def _open_customer(self) -> None:
        if self.outcome is not None and self.outcome.customer is not None:
            self.open_customer.emit(self.outcome.customer.id)


class ScanHistory(QListWidget):
    """This session's scans, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        described(self, self.tr("Scans this session"), self.tr("Every scan since Front Desk started, newest first"))
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outcomes: list[ScanOutcome] = []

    def add(self, outcome: ScanOutcome) -> None:
        self.outcomes.insert(0, outcome)
        self.insertItem(0, QListWidgetItem())
        self._show_row(0)

    def _show_row(self, row: int) -> None:
        outcome = self.outcomes[row]
        parts = [outcome.voucher.title if outcome.voucher else "", outcome.customer.name if outcome.customer else ""]
        what = " · ".join(part for part in [*parts, outcome.code] if part)
        item = self.item(row)
        item.setText(f"{time_of_day(outcome.at, seconds=True)}  {short(outcome)} — {what}")
        item.setIcon(_dot(outcome_colour(outcome)))
        item.setToolTip(say(outcome.message))

    def refuse(self, notice: RefusalNotice) -> bool:
        """Turn the rows of the refused action red; whether any row showed it."""
        rows = [row for row, outcome in enumerate(self.outcomes) if outcome.outbox_key == notice.outbox_key]
        for row in rows:
            self.outcomes[row] = refused_later(self.outcomes[row], notice)
            self._show_row(row)
        return bool(rows)


def _dot(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)
