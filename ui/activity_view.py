"""Activity: this desk's audit log, newest first, filterable by customer and staff member."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.activity import ActivityEntry, list_activity
from ui.context import DeskContext
from ui.look import described

COLUMNS = ("When", "Staff", "Desk", "Customer", "What", "Change", "Reason", "Sync")
_SYNC_WORDS = {"PENDING": "waiting", "ACCEPTED": "accepted", "REFUSED": "refused (see conflicts)"}


class ActivityView(QDialog):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Activity on this desk")
        self.resize(960, 520)
        self.customer = QLineEdit(self)
        self.customer.setPlaceholderText("customer number")
        described(self.customer, "Filter by customer", "Show only this customer's entries (their number)")
        self.staff = QLineEdit(self)
        self.staff.setPlaceholderText("staff name")
        described(self.staff, "Filter by staff", "Show only what this staff member did")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Activity log")
        self.table.setToolTip("This desk's audit log, newest first: who did what, when, and why")
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

    def reload(self) -> None:
        text = self.customer.text().strip()
        if text and not text.isdigit():
            self.status.setText("A customer number is digits only.")
            return
        customer_id = int(text) if text else None
        staff, db = self.staff.text().strip() or None, self._context.db
        self._context.tasks.submit(lambda: list_activity(db, customer_id=customer_id, staff_name=staff), self._show,
                                   self._error, channel="activity")  # fmt: skip

    def _show(self, entries: tuple[ActivityEntry, ...]) -> None:
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            values = (f"{e.at.astimezone():%d %b %H:%M}", f"{e.staff_name} ({e.staff_role.replace('_', ' ').lower()})",
                      e.desk, f"{e.customer_name} (#{e.customer_id})", e.what, e.change, e.reason,
                      _SYNC_WORDS.get(e.sync_state, e.sync_state))  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        count = len(entries)
        self.status.setText(f"{count} entr{'ies' if count != 1 else 'y'}" if entries else "Nothing yet.")

    def _error(self, error: FrontDeskError) -> None:
        self.status.setText(error.message)
