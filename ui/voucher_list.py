"""The customer's vouchers: one card each, with the one action its status allows (or why there is none)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.staff import Permission, StaffMember
from frontdesk.services.dto import VoucherInfo
from ui.look import badge, described


def _day(moment: datetime | None) -> str:
    return f"{moment.astimezone():%d %b %Y}" if moment else "—"


class VoucherCard(QFrame):
    mark_requested = Signal(int)
    set_back_requested = Signal(int, str)

    def __init__(self, voucher: VoucherInfo, staff: StaffMember, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voucher = voucher
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Voucher {voucher.code}: {voucher.title}, {voucher.status.label}")
        grid = QGridLayout(self)
        title = QLabel(f"<b>{voucher.title}</b> · code {voucher.code}", self)
        title.setWordWrap(True)  # long titles wrap instead of widening every card past the panel
        grid.addWidget(title, 0, 0)
        status_text = voucher.status.label + (" (waiting to sync)" if voucher.has_pending_change else "")
        self.badge = badge(status_text, voucher.status, self)
        grid.addWidget(self.badge, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(0, 1)
        dates = f"Created {_day(voucher.created_at)} · expires {_day(voucher.expires_at)}"
        if voucher.used_at:
            dates += f" · used {_day(voucher.used_at)}"
        dates_label = QLabel(dates, self)
        dates_label.setWordWrap(True)
        grid.addWidget(dates_label, 1, 0, 1, 2)
        self.explanation = QLabel(voucher.explanation, self)
        self.explanation.setWordWrap(True)
        grid.addWidget(self.explanation, 2, 0, 1, 2)
        self.action: QPushButton | None = None
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Why? e.g. marked by mistake")
        described(self.reason, "Reason", "Required: why this voucher goes back to unused (kept in the log)")
        self.reason.hide()
        self.confirm = QPushButton("Confirm", self)
        described(self.confirm, "Confirm set back to unused", "Set the voucher back to unused with this reason")
        self.confirm.hide()
        self.confirm.clicked.connect(self._confirm_set_back)
        self.reason.returnPressed.connect(self._confirm_set_back)
        self.reason.textChanged.connect(lambda text: self.confirm.setEnabled(bool(text.strip())))
        if voucher.can_mark_used:
            self.action = QPushButton("Mark as used", self)
            described(self.action, "Mark as used", f"Mark voucher {voucher.code} as used now")
            self.action.clicked.connect(lambda: self.mark_requested.emit(voucher.id))
        elif voucher.can_set_back:
            self.action = QPushButton("Set back to unused", self)
            why_not = staff.why_not(Permission.SET_VOUCHER_BACK_TO_UNUSED)
            described(self.action, "Set back to unused", why_not or "Undo a mistaken mark; asks for a reason")
            self.action.setEnabled(why_not is None)
            self.action.clicked.connect(self._ask_reason)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.confirm)
        if self.action is not None:
            row.addWidget(self.action)
        grid.addLayout(row, 3, 0, 1, 2)

    def _ask_reason(self) -> None:
        self.reason.show()
        self.confirm.show()
        self.confirm.setEnabled(False)
        self.reason.setFocus()

    def _confirm_set_back(self) -> None:
        if self.reason.text().strip():
            self.set_back_requested.emit(self.voucher.id, self.reason.text().strip())


class VoucherList(QWidget):
    mark_requested = Signal(int)
    set_back_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.cards: list[VoucherCard] = []
        self.empty = QLabel("No vouchers.", self)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def show_vouchers(self, vouchers: tuple[VoucherInfo, ...], staff: StaffMember) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        for position, voucher in enumerate(vouchers):
            card = VoucherCard(voucher, staff, self)
            card.mark_requested.connect(self.mark_requested)
            card.set_back_requested.connect(self.set_back_requested)
            self._layout.insertWidget(position, card)
            self.cards.append(card)
        self.empty.setVisible(not vouchers)

    def card_for(self, voucher_id: int) -> VoucherCard | None:
        return next((card for card in self.cards if card.voucher.id == voucher_id), None)
