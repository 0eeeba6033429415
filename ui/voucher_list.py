"""The customer's vouchers: one card each, with the one action its status allows (or why there is none).

Every sync reloads the open customer, so the list updates its cards in place (matched by voucher id): a reason
being typed keeps its text, focus and cursor, and a card whose action is on its way stays "Saving…" until the
answer comes, so a double-click acts once. While it is on its way the card itself holds the focus (a disabled
button would pass it on to the next voucher, where a second Enter would act on that one), and hands it to the
card's new action when the answer comes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.staff import Permission, StaffMember
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.dto import VoucherInfo
from ui.look import Notice, badge, described
from ui.shortcuts import CONFIRM, DROP_REASON, MARK_USED, SET_BACK, with_keys
from ui.words import day, say

_WAITING = QT_TRANSLATE_NOOP("VoucherCard", "{status} (waiting to sync)")


def _day(moment: datetime | None) -> str:
    return day(moment) if moment else "—"


class VoucherCard(QFrame):
    mark_requested = Signal(int)
    set_back_requested = Signal(int, str)

    def __init__(self, voucher: VoucherInfo, staff: StaffMember, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)  # long titles wrap instead of widening every card past the panel
        grid.addWidget(self.title, 0, 0)
        self.badge = badge("", voucher.status, self)
        grid.addWidget(self.badge, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(0, 1)
        self.dates = QLabel(self)
        self.dates.setWordWrap(True)
        grid.addWidget(self.dates, 1, 0, 1, 2)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        grid.addWidget(self.explanation, 2, 0, 1, 2)
        self.changed = Notice(self)
        self.changed.setAccessibleName(self.tr("Changed meanwhile"))
        self.changed.hide()
        grid.addWidget(self.changed, 3, 0, 1, 2)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why? e.g. marked by mistake"))
        described(self.reason, self.tr("Reason"),
                  self.tr("Required: why this voucher goes back to unused (kept in the log)"))  # fmt: skip
        self.reason.setToolTip(self.reason.toolTip() + " " + self.tr("{enter} sets it back, {esc} leaves it as it is.")
                               .format(enter=CONFIRM.key_text(), esc=DROP_REASON.key_text()))  # fmt: skip
        self.reason.hide()
        self.confirm = QPushButton(self.tr("Confirm"), self)
        described(self.confirm, self.tr("Confirm set back to unused"),
                  self.tr("Set the voucher back to unused with this reason"))  # fmt: skip
        self.confirm.setToolTip(with_keys(self.confirm.toolTip(), CONFIRM))
        self.confirm.setAutoDefault(True)  # Enter presses it when it has the focus
        self.confirm.hide()
        self.confirm.clicked.connect(self._confirm_set_back)
        self.reason.returnPressed.connect(self._confirm_set_back)
        self.reason.textChanged.connect(lambda _: self._enable())
        self.saving = QLabel(self.tr("Saving…"), self)
        self.saving.hide()
        self._button: QPushButton | None = None  # made when the voucher first has an action
        self._row = QHBoxLayout()
        self._row.addWidget(self.reason, 1)
        self._row.addWidget(self.confirm)
        self._row.addWidget(self.saving)
        grid.addLayout(self._row, 4, 0, 1, 2)
        self.is_saving = self._asking_reason = self._has_action = self._may_act = False
        self.highlighted = False  # the voucher whose code was searched for
        self.show_voucher(voucher, staff)

    @property
    def action(self) -> QPushButton | None:
        """The voucher's one action ("Mark as used" or "Set back to unused"), or None when it has none."""
        return self._button if self._has_action else None

    @property
    def can_act(self) -> bool:
        """Its action can be pressed now: there is one, this staff member may, and none is on its way."""
        return self._has_action and self._may_act and not self.is_saving

    def focus_order(self) -> list[QWidget]:
        return [self.reason, self.confirm, *([self._button] if self._button is not None else [])]

    def press(self) -> None:
        """Its action, from a shortcut: the focus comes here first, so staff see which voucher it is."""
        if self._button is not None and self.can_act:
            self._button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self._act()

    def show_voucher(self, voucher: VoucherInfo, staff: StaffMember) -> None:
        """Show the voucher as it is now, keeping whatever staff are in the middle of where it still applies."""
        self.voucher = voucher
        status = say(voucher.status.label)
        self.setAccessibleName(self.tr("Voucher {code}: {title}, {status}")
                               .format(code=voucher.code, title=voucher.title, status=status))  # fmt: skip
        self.title.setText(self.tr("<b>{title}</b> · code {code}").format(title=voucher.title, code=voucher.code))
        self.badge.show_status(say(_WAITING.fill(status=status)) if voucher.has_pending_change else status,
                               voucher.status)  # fmt: skip
        dates = {"created": _day(voucher.created_at), "expires": _day(voucher.expires_at)}
        used = self.tr(" · used {day}").format(day=_day(voucher.used_at)) if voucher.used_at else ""
        self.dates.setText(self.tr("Created {created} · expires {expires}").format(**dates) + used)
        self.explanation.setText(say(voucher.explanation))
        if voucher.can_mark_used:
            tip = self.tr("Mark voucher {code} as used now").format(code=voucher.code)
            self._offer(self.tr("Mark as used"), with_keys(tip, MARK_USED), None)
        elif voucher.can_set_back:
            why_not = staff.why_not(Permission.SET_VOUCHER_BACK_TO_UNUSED)
            tip = say(why_not) if why_not else with_keys(self.tr("Undo a mistaken mark; asks for a reason"), SET_BACK)
            self._offer(self.tr("Set back to unused"), tip, why_not)
        elif self._button is not None:
            self._button.hide()
            self._has_action = self._may_act = False
        if self._asking_reason and not self.is_saving and not voucher.can_set_back:
            self._close_reason()
            self.changed.say(self.tr("Changed meanwhile: this voucher is now {status}, so there is nothing to set "
                                     "back.").format(status=status), ok=False)  # fmt: skip
            self.changed.show()
        elif self._asking_reason and not self._may_act:  # another staff member signed in, who may not
            self._close_reason()
        self._enable()

    def set_highlighted(self, highlighted: bool) -> None:
        self.highlighted = highlighted
        self.setAccessibleDescription(self.tr("The voucher searched for") if highlighted else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.highlighted:  # the scheme's selection colour, looked up at paint time so a scheme switch follows
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6)
            painter.end()

    def _offer(self, text: str, tip: str, why_not: str | None) -> None:
        if self._button is None:
            self._button = QPushButton(self)
            self._button.setAutoDefault(True)  # Enter presses it when it has the focus
            self._button.clicked.connect(self._act)
            self._row.addWidget(self._button)
        self._button.setText(text)
        described(self._button, text, tip)
        self._button.show()
        self._has_action, self._may_act = True, why_not is None

    def set_saving(self, saving: bool) -> None:
        """While the action is on its way its buttons wait (a second click would act twice) and the row says so."""
        self.is_saving = saving
        self.saving.setVisible(saving)
        self.reason.setEnabled(not saving)
        self._enable()

    def answered(self, voucher: VoucherInfo | None, staff: StaffMember) -> None:
        """The action's answer: the voucher as it now is, or None when it was refused (the reason stays to fix)."""
        self.set_saving(False)
        if voucher is not None:
            self._close_reason()
        self.show_voucher(voucher or self.voucher, staff)
        if self._asking_reason:
            self.reason.setFocus()
        elif self.hasFocus() and self._button is not None and self.can_act:
            self._button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hold_focus(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._asking_reason and not self.is_saving:
            self._close_reason()
            return
        super().keyPressEvent(event)

    def _enable(self) -> None:
        if self._button is not None:
            self._button.setEnabled(self._may_act and not self.is_saving)
        self.confirm.setEnabled(not self.is_saving and bool(self.reason.text().strip()))

    def _act(self) -> None:
        if self.is_saving:
            return
        self.changed.hide()
        if self.voucher.can_mark_used:
            self._hold_focus()
            self.set_saving(True)
            self.mark_requested.emit(self.voucher.id)
        elif self.voucher.can_set_back:
            self._asking_reason = True
            self.reason.show()
            self.confirm.show()
            self.reason.setFocus()

    def _close_reason(self) -> None:
        typing = self.reason.hasFocus() or self.confirm.hasFocus()
        self._asking_reason = False
        self.reason.clear()
        self.reason.hide()
        self.confirm.hide()
        if typing:  # back to the button the reason was asked from
            (self._button if self._button is not None and self.can_act else self).setFocus()

    def _confirm_set_back(self) -> None:
        reason = self.reason.text().strip()
        if reason and not self.is_saving:
            self._hold_focus()
            self.set_saving(True)
            self.set_back_requested.emit(self.voucher.id, reason)


class VoucherList(QWidget):
    mark_requested = Signal(int)
    set_back_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.cards: list[VoucherCard] = []
        self.empty = QLabel(self.tr("No vouchers."), self)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def show_vouchers(self, vouchers: tuple[VoucherInfo, ...], staff: StaffMember) -> None:
        """Update in place: cards of vouchers still here are kept (with anything typed in them), vanished ones
        go, new ones are added where they belong."""
        kept = {card.voucher.id: card for card in self.cards}
        wanted = {voucher.id for voucher in vouchers}
        for voucher_id, card in list(kept.items()):
            if voucher_id not in wanted:
                self._layout.removeWidget(card)
                card.deleteLater()
                del kept[voucher_id]
        self.cards = []
        for position, voucher in enumerate(vouchers):
            found = kept.get(voucher.id)
            if found is None:
                card = VoucherCard(voucher, staff, self)
                card.mark_requested.connect(self.mark_requested)
                card.set_back_requested.connect(self.set_back_requested)
                self._layout.insertWidget(position, card)
                card.show()
            else:
                card = found
                card.show_voucher(voucher, staff)
                if self._layout.indexOf(card) != position:
                    self._layout.removeWidget(card)  # moving it keeps its parent, so focus and text stay
                    self._layout.insertWidget(position, card)
            self.cards.append(card)
        self.empty.setVisible(not vouchers)

    def clear(self) -> None:
        """Another customer: nothing typed for the last one belongs here."""
        for card in self.cards:
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = []

    def card_for(self, voucher_id: int) -> VoucherCard | None:
        return next((card for card in self.cards if card.voucher.id == voucher_id), None)

    def highlight(self, voucher_id: int | None) -> VoucherCard | None:
        """Mark this voucher's card (and no other) as the one searched for; its card, if it is in the list."""
        for card in self.cards:
            card.set_highlighted(card.voucher.id == voucher_id)
        return self.card_for(voucher_id) if voucher_id is not None else None
