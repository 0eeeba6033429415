"""The report's list of actions: a table model over the report's rows and a view that fits only the rows on
screen to their wrapped text. A month at a busy desk can hold tens of thousands of actions; measuring every row
(or building an item per cell) would freeze the window for seconds, measuring the visible ones costs nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from frontdesk.services.activity import Outcome
from frontdesk.services.report import Report
from ui.look import described, tone
from ui.report_document import ROW_COLUMNS, row_cells
from ui.words import say

REFUSED_ROLE = Qt.ItemDataRole.UserRole + 1  # True on every cell of a refused row
OUTCOME_COLUMN = ROW_COLUMNS.index("Outcome")
WIDEST = 300  # px; a wider text wraps
Index = QModelIndex | QPersistentModelIndex


class ReportRows(QAbstractTableModel):
    """A row's words are made when the view first asks for them, not for every row up front."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report: Report | None = None
        self._cells: dict[int, tuple[str, ...]] = {}

    def show(self, report: Report) -> None:
        self.beginResetModel()
        self._report, self._cells = report, {}
        self.endResetModel()

    def _row(self, row: int) -> tuple[str, ...]:
        cells = self._cells.get(row)
        if cells is None:
            assert self._report is not None
            cells = self._cells[row] = row_cells(self._report, self._report.rows[row])
        return cells

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() or self._report is None else len(self._report.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROW_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._row(index.row())[index.column()]
        if role == REFUSED_ROLE and self._report is not None:
            return self._report.rows[index.row()].outcome is Outcome.REFUSED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal:
            return say(ROW_COLUMNS[section])
        return None


class _RefusedInRed(QStyledItemDelegate):
    """Refused rows in the red of the scheme in use, picked when painted (a scheme change recolours them)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.data(REFUSED_ROLE):
            option.palette.setColor(QPalette.ColorRole.Text, tone(False))


class ReportRowsView(QTableView):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        described(self, self.tr("Every action"), self.tr("Every action on these days, oldest first"))
        self.rows = ReportRows(self)
        self.setModel(self.rows)
        self.setItemDelegate(_RefusedInRed(self))
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(OUTCOME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(200)  # a column's width from 200 rows, not from tens of thousands
        self._fit = QTimer(self)  # once the layout has settled: columns' final widths, then the rows in view
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self.fit_visible_rows)
        header.sectionResized.connect(self._fit.start)
        self.verticalScrollBar().valueChanged.connect(self._fit.start)

    def show_report(self, report: Report) -> None:
        self.rows.show(report)
        for column in range(OUTCOME_COLUMN):  # Qt samples the first rows; long texts wrap past WIDEST
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), WIDEST))
        self._fit.start()

    def fit_visible_rows(self) -> None:
        """Rows on screen as tall as their wrapped text (fitting one can push the next ones out of view)."""
        row, height = self.rowAt(0), self.viewport().height()
        while 0 <= row < self.rows.rowCount() and self.rowViewportPosition(row) < height:
            self.resizeRowToContents(row)
            row += 1

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit.start()
