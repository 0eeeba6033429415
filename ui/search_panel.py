"""Type-ahead search: a field and the result list. Results appear as you type; Enter opens a customer. A voucher
code opens its owner at once, with that voucher highlighted in the profile."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP, either
from frontdesk.services.dto import CustomerSummary, SearchResult, VoucherHit
from ui.context import DeskContext
from ui.look import described, symbol
from ui.results_model import ResultDelegate, ResultsModel
from ui.shortcuts import SEARCH, with_keys
from ui.words import say

_MOVE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
SearchFunction = Callable[[str], SearchResult]


def count_words(count: int, more: bool) -> str:
    """How many were found, in words: "1 customer.", "3 customers.", "50+ customers"."""
    if more:
        return say(QT_TRANSLATE_NOOP("SearchPanel", "{count}+ customers.").fill(count=count))
    return say(either(count, QT_TRANSLATE_NOOP("SearchPanel", "{count} customer."),
                      QT_TRANSLATE_NOOP("SearchPanel", "{count} customers.")))  # fmt: skip


class SearchPanel(QWidget):
    customer_opened = Signal(int)
    voucher_opened = Signal(int, int)  # customer id, voucher id: a voucher code was searched for
    customer_highlighted = Signal(int)  # the highlight moved to another customer: the profile shows them
    entered = Signal(int)  # Enter opened this customer: the keys go on in their profile
    results_shown = Signal(object)  # SearchResult, after the list has been updated (tests, status line)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *,
                 search: SearchFunction | None = None) -> None:  # fmt: skip
        """`search` runs on a worker thread for each keystroke (the desk's search; tests may wrap it)."""
        super().__init__(parent)
        self._context = context
        self._search_function = search or context.desk.search
        self._hit: VoucherHit | None = None  # the voucher the shown results' query names
        self._opened_for: str | None = None  # the query whose voucher was opened: a refresh does not open it again
        self._highlighted: int | None = None  # the customer last highlighted, so shown in the profile
        self._shown_query: str | None = None  # the query of the results in the list
        self._quiet = False  # the list is being refilled: its highlight moves, staff did not move it
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Search by name, email, phone, member number or voucher code"))
        lens = self.field.addAction(symbol("search"), QLineEdit.ActionPosition.LeadingPosition)
        lens.setText(self.tr("Search"))
        lens.setToolTip(self.tr("Results appear as you type"))
        self.field.setClearButtonEnabled(True)
        described(
            self.field, self.tr("Customer search"), self.tr("Type part of a name, email, phone or a code. Esc clears.")
        )
        self.field.setToolTip(with_keys(self.field.toolTip(), SEARCH))
        self.model = ResultsModel()
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultDelegate(self.list))
        self.list.setUniformItemSizes(True)
        described(
            self.list, self.tr("Search results"), self.tr("Arrow keys move; Enter or a click opens the customer.")
        )
        self.hint = QLabel(self.tr("Start typing to find a customer."), self)
        self.hint.setAccessibleName(self.tr("Search status"))
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)  # room for the focus ring around the field and the list
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)
        self.list.clicked.connect(self._open_index)
        self.list.activated.connect(self._enter)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _MOVE_KEYS:
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter(self.list.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.field.clear()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}[Qt.Key(key)]
        current = self.list.currentIndex().row()
        target = max(0, min(rows - 1, (current if current >= 0 else -1) + step))
        self.list.setCurrentIndex(self.model.index(target))

    def _search(self, typed: str) -> None:
        search = self._search_function
        self._context.tasks.submit(lambda: search(typed), self._show, self._failed, channel="search")

    def _refill(self, result: SearchResult) -> None:
        """New results in the list; the highlighted customer (or the voucher's owner) stays highlighted."""
        highlighted = self.model.customer(self.list.currentIndex().row())
        self._quiet = True
        try:
            self.model.set_rows(result.customers)
            self._hit = hit = result.voucher
            if result.customers:
                ids = [c.id for c in result.customers]
                wanted = hit.customer_id if hit is not None else highlighted.id if highlighted is not None else None
                self.list.setCurrentIndex(self.model.index(ids.index(wanted) if wanted in ids else 0))
        finally:
            self._quiet = False

    def _show(self, result: SearchResult) -> None:
        self._refill(result)
        hit = result.voucher
        count = len(result.customers)
        if not result.query.strip():
            self.hint.setText(self.tr("Start typing to find a customer."))
        elif not count:
            self.hint.setText(self.tr("No customer matches “{query}”.").format(query=result.query))
        elif hit is not None:
            owner = next((c.name for c in result.customers if c.id == hit.customer_id), self.tr("its owner"))
            self.hint.setText(self.tr("{found} Voucher {code} is {owner}’s: it is highlighted in their profile.")
                              .format(found=count_words(count, result.more), code=hit.code, owner=owner))  # fmt: skip
        else:
            more = self.tr(" Keep typing to narrow it down.") if result.more else ""
            self.hint.setText(f"{count_words(count, result.more)}{more}")
        if hit is not None and result.query != self._opened_for:
            self._highlighted = hit.customer_id
            self.voucher_opened.emit(hit.customer_id, hit.voucher_id)
        elif result.query != self._shown_query:  # new results, not a refresh: the profile follows the highlight
            self._highlight_moved()
        self._opened_for = result.query if hit is not None else None
        self._shown_query = result.query
        self.results_shown.emit(result)

    def _failed(self, error: FrontDeskError) -> None:
        self.hint.setText(say(error.message))

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self._highlight_moved()

    def _highlight_moved(self) -> None:
        customer = self.model.customer(self.list.currentIndex().row())
        if customer is not None and customer.id != self._highlighted:
            self._highlighted = customer.id
            self.customer_highlighted.emit(customer.id)

    def _open_index(self, index: QModelIndex) -> int | None:
        customer = self.model.customer(index.row()) if index.isValid() else None
        if customer is None:
            return None
        if self._hit is not None and self._hit.customer_id == customer.id:
            self.voucher_opened.emit(customer.id, self._hit.voucher_id)
        else:
            self.customer_opened.emit(customer.id)
        return customer.id

    def _enter(self, index: QModelIndex) -> None:
        opened = self._open_index(index)
        if opened is not None:
            self.entered.emit(opened)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # from the results: back to the field, the query kept to type over
            self.focus_search()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        """Search again for what is typed (after a sync brought news), keeping the highlighted row."""
        if self.field.text().strip():
            self._search(self.field.text())

    def customer_changed(self, updated: CustomerSummary) -> None:
        self.model.replace_customer(updated)
