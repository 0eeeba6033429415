"""The customer profile from the keyboard: where the focus goes when a customer is opened, the Tab order down the
profile (status, its choice, then each voucher), Enter on the pencil, Esc back to the search, and the shortcuts
that change the status (F2) and mark or set back "the selected voucher" (Ctrl+U, Ctrl+Shift+U).

The selected voucher is the one whose card has the focus; else the one whose code was searched for; else the only
one the action applies to. With several to choose from, nothing is done: the focus goes to the first of them and
the panel says how to pick one, so a shortcut never acts on a voucher staff did not mean."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.shortcuts import chain
from ui.voucher_list import VoucherCard
from ui.words import say

if TYPE_CHECKING:
    from ui.customer_panel import CustomerPanel

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def focus_inside(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def can_mark(card: VoucherCard) -> bool:
    return card.voucher.can_mark_used and card.can_act


def can_set_back(card: VoucherCard) -> bool:
    return card.voucher.can_set_back and card.can_act


class PanelKeys(QObject):
    def __init__(self, panel: CustomerPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        panel.installEventFilter(self)  # keys the focused control leaves alone come up to the panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._panel or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        panel = self._panel
        if event.key() in _ENTER and QApplication.focusWidget() is panel.pencil:
            panel.pencil.click()
            return True
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            # Inside the status choice or a reason field their own Esc closes them; from elsewhere, an open
            # choice is cancelled first, and the next Esc goes back to the search.
            if panel.editor.isVisibleTo(panel) and panel.editor.cancel.isEnabled():
                panel.editor.cancel.click()
            else:
                panel.back_to_search.emit()
            return True
        return False

    def chain(self) -> None:
        """Tab follows the eye down the profile: the pencil, the status choice when open, then every voucher."""
        panel = self._panel
        order: list[QWidget] = [panel.pencil, *panel.editor.focus_order()]
        for card in panel.vouchers.cards:
            order.extend(card.focus_order())
        chain(order)

    def focus_first(self) -> None:
        """The customer was opened with Enter: the searched-for voucher's action, else the pencil, else the first
        voucher with an action."""
        panel = self._panel
        cards = panel.vouchers.cards
        pointed = next((card for card in cards if card.highlighted and card.can_act), None)
        first = next((card for card in cards if card.can_act), None)
        if pointed is not None and pointed.action is not None:
            pointed.action.setFocus(Qt.FocusReason.TabFocusReason)
        elif panel.pencil.isEnabled():
            panel.pencil.setFocus(Qt.FocusReason.TabFocusReason)
        elif first is not None and first.action is not None:
            first.action.setFocus(Qt.FocusReason.TabFocusReason)

    def edit_status(self) -> None:
        panel = self._panel
        if panel.detail is None:
            return
        if not panel.pencil.isEnabled():
            panel.say(panel.pencil.toolTip(), ok=False)  # why not: not in the program, or not allowed
            return
        panel.pencil.click()

    def mark_selected(self) -> None:
        self._act(can_mark, self.tr("No voucher of this customer can be marked as used now."),
                  self.tr("{count} vouchers can be marked: Tab to the one you mean, then press Enter."))  # fmt: skip

    def set_back_selected(self) -> None:
        self._act(can_set_back, self.tr("No voucher of this customer can be set back to unused now."),
                  self.tr("{count} vouchers can be set back: Tab to the one you mean, then press Enter."))  # fmt: skip

    def _act(self, can: Callable[[VoucherCard], bool], none: str, several: str) -> None:
        panel = self._panel
        if panel.detail is None:
            return
        cards = panel.vouchers.cards
        focused = next((card for card in cards if focus_inside(card)), None)
        pointed = next((card for card in cards if card.highlighted), None)
        candidates = [card for card in cards if can(card)]
        chosen = focused if focused is not None else pointed if pointed is not None and can(pointed) else None
        if chosen is None and len(candidates) == 1:
            chosen = candidates[0]
        if chosen is not None and chosen.is_saving:
            return  # on its way already; its answer will show
        if chosen is not None and can(chosen):
            chosen.press()
        elif chosen is not None:
            panel.say(self.tr("This voucher is {status}: that cannot be done with it.").format(
                status=say(chosen.voucher.status.label)), ok=False)  # fmt: skip
        elif candidates:
            action = candidates[0].action
            if action is not None:
                action.setFocus(Qt.FocusReason.TabFocusReason)
            panel.say(several.format(count=len(candidates)), ok=False)
        else:
            panel.say(none, ok=False)
