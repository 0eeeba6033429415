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
from frontdesk.domain.staff import StaffRole
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.activity import ActivityEntry, Outcome
from ui.context import DeskContext
from ui.look import described, icon, tone
from ui.words import say, short_day, time_of_day

COLUMNS = ("When", "Staff", "Desk", "Customer", "What", "Change", "Reason", "Outcome")
_HEADERS = (QT_TRANSLATE_NOOP("ActivityView", "When"), QT_TRANSLATE_NOOP("ActivityView", "Staff"),
            QT_TRANSLATE_NOOP("ActivityView", "Desk"), QT_TRANSLATE_NOOP("ActivityView", "Customer"),
            QT_TRANSLATE_NOOP("ActivityView", "What"), QT_TRANSLATE_NOOP("ActivityView", "Change"),
            QT_TRANSLATE_NOOP("ActivityView", "Reason"), QT_TRANSLATE_NOOP("ActivityView", "Outcome"))  # fmt: skip
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
        self.setWindowTitle(self.tr("Activity on this desk"))
        self.resize(1180, 560)
        self.customer = QLineEdit(self)
        self.customer.setPlaceholderText(self.tr("customer number"))
        described(
            self.customer, self.tr("Filter by customer"), self.tr("Show only this customer's entries (their number)")
        )
        self.staff = QLineEdit(self)
        self.staff.setPlaceholderText(self.tr("staff name"))
        described(self.staff, self.tr("Filter by staff"), self.tr("Show only what this staff member did"))
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([say(name) for name in _HEADERS])
        self.table.setAccessibleName(self.tr("Activity log"))
        self.table.setToolTip(
            self.tr("This desk's audit log, newest first: who did what, when, why, and what became of it")
        )
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
        filters.addWidget(QLabel(self.tr("Customer:"), self))
        filters.addWidget(self.customer)
        filters.addWidget(QLabel(self.tr("Staff:"), self))
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
            self.status.setText(self.tr("A customer number is digits only."))
            return
        customer_id = int(text) if text else None
        staff, desk = self.staff.text().strip() or None, self._context.desk
        self._context.tasks.submit(lambda: desk.activity(customer_id=customer_id, staff_name=staff), self._show,
                                   self._error, channel="activity")  # fmt: skip

    def _show(self, entries: tuple[ActivityEntry, ...]) -> None:
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            values = (f"{short_day(e.at)} {time_of_day(e.at)}", f"{e.staff_name} ({_role(e.staff_role)})",
                      e.desk, f"{say(e.customer_name)} (#{e.customer_id})", say(e.what), say(e.change), e.reason,
                      f"{_MARKS[e.outcome]}{say(e.outcome_words)}")  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(REFUSED_ROLE, e.outcome is Outcome.REFUSED)
                item.setToolTip(say(e.summary))
                if column == OUTCOME_COLUMN and e.outcome is Outcome.WAITING:
                    item.setIcon(icon("pending"))
                self.table.setItem(row, column, item)
        for column in range(OUTCOME_COLUMN):
            self.table.resizeColumnToContents(column)
            widest = _WIDEST.get(column)
            if widest is not None and self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        self._fit_rows.start()
        self.status.setText(self._count(entries))
        self.loaded.emit(entries)

    def _error(self, error: FrontDeskError) -> None:
        self.status.setText(say(error.message))

    def _count(self, entries: tuple[ActivityEntry, ...]) -> str:
        if not entries:
            return self.tr("Nothing yet.")
        words = self.tr("%n entries", "", len(entries))
        refused = sum(e.outcome is Outcome.REFUSED for e in entries)
        return self.tr("{entries}, %n refused by the platform", "", refused).format(entries=words) if refused else words


def _role(role: str) -> str:
    """The staff member's role as the log recorded it, in words ("front desk")."""
    try:
        return say(StaffRole(role).label).lower()
    except ValueError:
        return role.replace("_", " ").lower()
