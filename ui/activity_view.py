"""Activity: this desk's audit log, newest first, filterable by customer and staff member. Each row says what
became of the action; a refused one reads as refused — in words, with ✗, and in the scheme's red."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.activity import ActivityEntry, Outcome
from ui.context import DeskContext
from ui.look import described, icon, tone

COLUMNS = ("When", "Staff", "Desk", "Customer", "What", "Change", "Reason", "Outcome")
OUTCOME_COLUMN = COLUMNS.index("Outcome")
_WIDEST = {COLUMNS.index("Customer"): 200, COLUMNS.index("What"): 320, COLUMNS.index("Reason"): 200}  # then wrap
REFUSED_ROLE = Qt.ItemDataRole.UserRole + 1  # True on every cell of a refused row
_MARKS = {Outcome.WAITING: "", Outcome.ACCEPTED: "✓ ", Outcome.REFUSED: "✗ "}


class _RefusedInRed(QStyledItemDelegate):
    """Refused rows in the red of the scheme in use, picked when painted so a scheme change recolours them."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(REFUSED_ROLE):
            option.palette.setColor(QPalette.ColorRole.Text, tone(False))


class ActivityView(QDialog):
    loaded = Signal(object)  # tuple[ActivityEntry, ...], once the rows show them

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Activity on this desk")
        self.resize(1180, 560)
        self.customer = QLineEdit(self)
        self.customer.setPlaceholderText("customer number")
        described(self.customer, "Filter by customer", "Show only this customer's entries (their number)")
        self.staff = QLineEdit(self)
        self.staff.setPlaceholderText("staff name")
        described(self.staff, "Filter by staff", "Show only what this staff member did")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Activity log")
        self.table.setToolTip("This desk's audit log, newest first: who did what, when, why, and what became of it")
        self.table.setItemDelegate(_RefusedInRed(self.table))
        self.table.setWordWrap(True)
        # The outcome, wrapped, takes the width the other columns leave; rows grow to show it whole.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OUTCOME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # Row heights follow the columns' final widths: fitted once the layout has settled, not at each step.
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(self._fit_rows.start)
        self.status = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Customer:", self))
        filters.addWidget(self.customer)
        filters.addWidget(QLabel("Staff:", self))
        filters.addWidget(self.staff)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.customer.textChanged.connect(self.reload)
        self.staff.textChanged.connect(self.reload)

    def refresh(self) -> None:
        """After a sync or an acknowledgement: show what became of each entry now. Nothing to do while closed
        (opening the view reloads it)."""
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        text = self.customer.text().strip()
        if text and not text.isdigit():
            self.status.setText("A customer number is digits only.")
            return
        customer_id = int(text) if text else None
        staff, desk = self.staff.text().strip() or None, self._context.desk
        self._context.tasks.submit(lambda: desk.activity(customer_id=customer_id, staff_name=staff), self._show,
                                   self._error, channel="activity")  # fmt: skip

    def _show(self, entries: tuple[ActivityEntry, ...]) -> None:
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            values = (f"{e.at.astimezone():%d %b %H:%M}", f"{e.staff_name} ({e.staff_role.replace('_', ' ').lower()})",
                      e.desk, f"{e.customer_name} (#{e.customer_id})", e.what, e.change, e.reason,
                      f"{_MARKS[e.outcome]}{e.outcome_words}")  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(REFUSED_ROLE, e.outcome is Outcome.REFUSED)
                item.setToolTip(e.summary)
                if column == OUTCOME_COLUMN and e.outcome is Outcome.WAITING:
                    item.setIcon(icon("pending"))
                self.table.setItem(row, column, item)
        for column in range(OUTCOME_COLUMN):
            self.table.resizeColumnToContents(column)
            widest = _WIDEST.get(column)
            if widest is not None and self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        self._fit_rows.start()
        self.status.setText(_count(entries))
        self.loaded.emit(entries)

    def _error(self, error: FrontDeskError) -> None:
        self.status.setText(error.message)


def _count(entries: tuple[ActivityEntry, ...]) -> str:
    if not entries:
        return "Nothing yet."
    count = len(entries)
    words = f"{count} entr{'ies' if count != 1 else 'y'}"
    refused = sum(e.outcome is Outcome.REFUSED for e in entries)
    return f"{words}, {refused} refused by the platform" if refused else words
