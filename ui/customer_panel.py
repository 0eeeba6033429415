"""The side panel: who the customer is, their loyalty program status (with the pencil) and vouchers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import Permission
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words
from frontdesk.services.dto import (
    Confirmation,
    CustomerDetail,
    CustomerSummary,
    PlatformAnswer,
    StatusChanged,
    VoucherChanged,
)  # fmt: skip
from ui.context import DeskContext
from ui.latest_only import LatestOnly
from ui.look import Badge, Notice, described, symbol
from ui.panel_keys import PanelKeys, focus_inside
from ui.shortcuts import CHANGE_STATUS, with_keys
from ui.status_editor import StatusEditor
from ui.voucher_list import VoucherList
from ui.words import long_day, number, say

EDIT_TIP = QT_TRANSLATE_NOOP("CustomerPanel", "Change this customer's loyalty program status")
MEMBERSHIP_TIP = QT_TRANSLATE_NOOP("CustomerPanel", "The customer's membership at the business, from its membership "
                                   "system. Only a customer whose membership is active can be set Active in the "
                                   "loyalty program.")  # fmt: skip
# The profile's lines, by the English name tests and code use for them, with the name staff read.
FIELDS = {
    "Emails": QT_TRANSLATE_NOOP("CustomerPanel", "Emails"),
    "Phone": QT_TRANSLATE_NOOP("CustomerPanel", "Phone"),
    "Birthday": QT_TRANSLATE_NOOP("CustomerPanel", "Birthday"),
    "Member number": QT_TRANSLATE_NOOP("CustomerPanel", "Member number"),
    "Membership": QT_TRANSLATE_NOOP("CustomerPanel", "Membership"),
    "Points": QT_TRANSLATE_NOOP("CustomerPanel", "Points"),
    "Home location": QT_TRANSLATE_NOOP("CustomerPanel", "Home location"),
}
_REFUSED = QT_TRANSLATE_NOOP("CustomerPanel", "✗ Refused by the loyalty platform: {not_done}. {why}")
_NOW = QT_TRANSLATE_NOOP("CustomerPanel", "{name} is now {after} (was {before})")
_NOT_SET = QT_TRANSLATE_NOOP("CustomerPanel", "{name} was not set {after}")
_MARKED = QT_TRANSLATE_NOOP("CustomerPanel", "“{title}” ({code}) marked as used")
_NOT_MARKED = QT_TRANSLATE_NOOP("CustomerPanel", "“{title}” ({code}) was not marked as used")
_SET_BACK = QT_TRANSLATE_NOOP("CustomerPanel", "“{title}” ({code}) set back to unused")
_NOT_SET_BACK = QT_TRANSLATE_NOOP("CustomerPanel", "“{title}” ({code}) was not set back to unused")
_WAITING = QT_TRANSLATE_NOOP("CustomerPanel", "{status} (waiting to sync)")


def answer_words(done: Words, not_done: Words, answer: PlatformAnswer) -> tuple[str, bool]:
    """What staff read after an action: the platform's word (confirmed, refused and why) or that it is only
    saved on this desk so far — never "done" for something the platform refused."""
    if answer.confirmation is Confirmation.REFUSED:
        return say(_REFUSED.fill(not_done=not_done, why=answer.message)), False
    return f"✓ {say(done)}. {say(answer.message)}", True


class CustomerPanel(QWidget):
    customer_changed = Signal(object)  # CustomerSummary, after a staff change
    loaded = Signal(object)  # CustomerDetail, after the panel shows it
    message_shown = Signal(str)
    back_to_search = Signal()  # Esc where there is nothing left to cancel

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.detail: CustomerDetail | None = None
        self._loads: LatestOnly[CustomerDetail] = LatestOnly(context.tasks)
        self._wanted: int | None = None  # the customer asked for last: shown, or on the way
        self._focus_on_load: int | None = None  # Enter opened this customer: the focus goes to them once shown
        self._pointed: tuple[int, int] | None = None  # (customer, voucher) to highlight: its code was searched
        self.pages = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("Choose a customer from the results to see their profile."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self._build_profile())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.keys = PanelKeys(self)

    def _build_profile(self) -> QWidget:
        page = QWidget(self)
        self.name = QLabel(page)
        big = self.name.font()  # a font, not a style sheet: a style sheet would keep the old scheme's text colour
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 1.8)
        big.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(big)
        self.name.setAccessibleName(self.tr("Customer name"))
        self.fields = {key: QLabel(page) for key in FIELDS}
        self.fields["Membership"].setToolTip(say(MEMBERSHIP_TIP))
        form = QFormLayout()
        for key, label in self.fields.items():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(say(FIELDS[key]))
            form.addRow(self.tr("{field}:").format(field=say(FIELDS[key])), label)
        self.status_row = QHBoxLayout()
        self.status_badge = Badge("", None, page)
        self.pencil = QToolButton(page)
        self.pencil.setIcon(symbol("pencil"))
        described(self.pencil, self.tr("Edit program status"), say(EDIT_TIP))
        self.pencil.clicked.connect(self._open_editor)
        self.status_row.addWidget(QLabel(self.tr("<b>Loyalty Program Status</b>"), page))
        self.status_row.addWidget(self.status_badge)
        self.status_row.addWidget(self.pencil)
        self.status_row.addStretch(1)
        self.editor = StatusEditor(page)
        self.editor.hide()
        self.editor.save_requested.connect(self._save_status)
        self.editor.cancelled.connect(self._close_editor)
        self.message = Notice(page)
        self.message.hide()
        self.vouchers = VoucherList(page)
        self.vouchers.mark_requested.connect(self._mark_used)
        self.vouchers.set_back_requested.connect(self._set_back)
        self.voucher_scroll = scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the vouchers' buttons, which scroll into view
        scroll.setWidget(self.vouchers)
        described(scroll, self.tr("Vouchers"),
                  self.tr("This customer's vouchers, newest first, each with what can be done with it"))  # fmt: skip
        layout = QVBoxLayout(page)
        layout.addWidget(self.name)
        layout.addLayout(form)
        layout.addLayout(self.status_row)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("<b>Vouchers</b>"), page))
        layout.addWidget(scroll, 1)
        return page

    # Loading -------------------------------------------------------------------------------------
    def open_customer(self, customer_id: int) -> None:
        desk = self._context.desk
        self._wanted = customer_id
        self._loads.request(lambda: desk.customer(customer_id), self._show, self._load_failed)

    def preview(self, customer_id: int) -> None:
        """The highlight in the results moved to this customer: show them, unless they are shown or on the way."""
        if customer_id != self._wanted:
            self.open_customer(customer_id)

    def focus_when_shown(self, customer_id: int) -> None:
        """Enter opened this customer: once they are shown, the keys go on in their profile."""
        self._focus_on_load = customer_id
        if self._loads.idle and self._showing(customer_id):
            self._focus_on_load = None
            self.keys.focus_first()

    def _load_failed(self, error: FrontDeskError) -> None:
        self._focus_on_load = None
        self._wanted = self.detail.summary.id if self.detail is not None else None
        self._show_error(error)

    def show_voucher(self, customer_id: int, voucher_id: int) -> None:
        """Open the customer with this voucher highlighted and scrolled into view (its code was searched for)."""
        self._pointed = (customer_id, voucher_id)
        self.open_customer(customer_id)

    def _point_at_voucher(self, customer_id: int) -> None:
        """Highlight the searched voucher while its customer is shown (reloads keep it); another customer drops it."""
        if self._pointed is not None and self._pointed[0] != customer_id:
            self._pointed = None
        card = self.vouchers.highlight(self._pointed[1] if self._pointed is not None else None)
        if card is not None:
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the new cards' places are known
            self.voucher_scroll.ensureWidgetVisible(card)

    def _show(self, detail: CustomerDetail) -> None:
        """Show the customer; a reload of the same one (every sync does one) updates in place, keeping what staff
        are in the middle of: an open status choice, a reason being typed, an action on its way."""
        same = self.detail is not None and self.detail.summary.id == detail.summary.id
        if not same:  # a message, a choice and typed reasons belong to the customer they were about
            self.message.hide()
            self.editor.hide()
            self.vouchers.clear()
        self.detail = detail
        s = detail.summary
        self.name.setText(s.name)
        values = {
            "Emails": ", ".join(detail.emails) or "—",
            "Phone": s.phone or "—",
            "Birthday": long_day(detail.birthday) if detail.birthday else "—",
            "Member number": s.member_number or "—",
            "Membership": say(detail.membership.label) if detail.membership else "—",
            "Points": number(detail.point_balance),
            "Home location": detail.home_location or "—",
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self._show_status(s)
        if self.editor.isVisibleTo(self):
            self.editor.follow(s.name, s.status, detail.status_choices)
        self.vouchers.show_vouchers(detail.vouchers, self._context.staff)
        self.pages.setCurrentIndex(1)
        self._point_at_voucher(s.id)
        self.keys.chain()
        if self._focus_on_load == s.id:
            self._focus_on_load = None
            self.keys.focus_first()
        self.loaded.emit(detail)

    def _show_status(self, summary: CustomerSummary) -> None:
        status = summary.status
        text = say(status.label) if status else self.tr("Not in the program")
        if summary.has_pending_change:
            text = say(_WAITING.fill(status=text))
        self.status_badge.show_status(text, status)
        self.status_badge.setToolTip(say(status.meaning) if status else self.tr("Not connected to the loyalty program"))
        why_not = self._context.staff.why_not(Permission.CHANGE_PROGRAM_STATUS)
        not_in_program = None if status else self.tr("Not in the loyalty program: there is no program status to "
                                                     "change here.")  # fmt: skip
        self.pencil.setEnabled(not_in_program is None and why_not is None)
        self.pencil.setToolTip(not_in_program or say(why_not or "") or with_keys(say(EDIT_TIP), CHANGE_STATUS))

    # Actions -------------------------------------------------------------------------------------
    def _open_editor(self) -> None:
        if self.detail and self.detail.summary.status and not self.editor.is_saving:
            self.editor.offer(self.detail.summary.status, self.detail.status_choices)
            self.editor.show()
            self.keys.chain()
            self.editor.focus_choice()

    def _close_editor(self) -> None:
        back = focus_inside(self.editor)
        self.editor.hide()
        if back:
            self.pencil.setFocus()

    def _showing(self, customer_id: int) -> bool:
        return self.detail is not None and self.detail.summary.id == customer_id

    def _save_status(self, target: ProgramStatus) -> None:
        if not self.detail:
            return
        customer_id, actions = self.detail.summary.id, self._context.actions
        self._context.tasks.submit(lambda: actions.change_program_status(customer_id, target), self._status_changed,
                                   lambda error: self._status_refused(customer_id, error))  # fmt: skip

    def _status_changed(self, change: StatusChanged) -> None:
        name, after = change.customer.name, change.after.label
        text, ok = answer_words(_NOW.fill(name=name, after=after, before=change.before.label),
                                _NOT_SET.fill(name=name, after=after), change.answer)  # fmt: skip
        self.say(text, ok=ok)
        self.customer_changed.emit(change.customer)
        if self._showing(change.customer.id):  # staff may have moved on to someone else meanwhile
            self.editor.set_saving(False)
            self._close_editor()
            self.open_customer(change.customer.id)

    def _status_refused(self, customer_id: int, error: FrontDeskError) -> None:
        self._show_error(error)
        if self._showing(customer_id):  # the choice stays open and follows the customer as they now are
            self.editor.set_saving(False)
            if focus_inside(self.editor):
                self.editor.focus_choice()
            self.open_customer(customer_id)

    def _mark_used(self, voucher_id: int) -> None:
        actions = self._context.actions
        self._context.tasks.submit(lambda: actions.mark_used(voucher_id=voucher_id), self._voucher_changed,
                                   lambda error: self._voucher_refused(voucher_id, error))  # fmt: skip

    def _set_back(self, voucher_id: int, reason: str) -> None:
        actions = self._context.actions
        self._context.tasks.submit(lambda: actions.set_back_to_unused(voucher_id, reason), self._voucher_changed,
                                   lambda error: self._voucher_refused(voucher_id, error))  # fmt: skip

    def _voucher_changed(self, change: VoucherChanged) -> None:
        card = self.vouchers.card_for(change.voucher.id)
        if card is not None:
            card.answered(change.voucher, self._context.staff)
        done, not_done = (_MARKED, _NOT_MARKED) if change.after.value == "USED" else (_SET_BACK, _NOT_SET_BACK)
        voucher = {"title": change.voucher.title, "code": change.voucher.code}
        text, ok = answer_words(done.fill(**voucher), not_done.fill(**voucher), change.answer)
        self.say(text, ok=ok)
        self.customer_changed.emit(change.customer)
        if self._showing(change.customer.id):
            self.open_customer(change.customer.id)

    def _voucher_refused(self, voucher_id: int, error: FrontDeskError) -> None:
        card = self.vouchers.card_for(voucher_id)
        if card is not None:
            card.answered(None, self._context.staff)
        self._show_error(error)
        if self.detail is not None:  # show the voucher as it now is (another desk's sync may have changed it)
            self.open_customer(self.detail.summary.id)

    def _show_error(self, error: FrontDeskError) -> None:
        self.say(say(error.message), ok=False)

    def say(self, text: str, *, ok: bool) -> None:
        """A calm inline message: green for done, red for refused, in plain words (no dialogs)."""
        self.message.say(text, ok=ok)
        self.message.show()
        self.message_shown.emit(text)
