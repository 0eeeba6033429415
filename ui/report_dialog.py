"""Desk → Report: the end-of-day report for a day or a range of days — totals by staff and location, then every
action with what became of it (refused ones in words, with ✗ and the scheme's red) — exported as CSV, saved as
PDF or printed (ui/report_export.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.report import Report
from ui.context import DeskContext
from ui.day_field import DayField
from ui.look import described
from ui.report_document import TOTAL_COLUMNS, ReportText, headers, summary, total_cells
from ui.report_export import ReportExport
from ui.report_rows import ReportRowsView
from ui.words import say


def _table(columns: tuple[str, ...], name: str, tip: str, parent: QWidget) -> QTableWidget:
    table = described(QTableWidget(0, len(columns), parent), name, tip)
    table.setHorizontalHeaderLabels(headers(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], *, bold_last: bool = False,
          counts_from: int | None = None) -> None:  # fmt: skip
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if counts_from is not None and column >= counts_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(text)
            if bold_last and row == len(rows) - 1:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, column, item)


class ReportDialog(QDialog):
    loaded = Signal(object)  # Report, once the tables show it

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.report: Report | None = None
        self.setWindowTitle(self.tr("End-of-day report"))
        self.resize(1180, 680)
        self.first = self._day_field(self.tr("From"), self.tr("The first day of the report"))
        self.last = self._day_field(self.tr("To"), self.tr("The last day of the report (included)"))
        self.today = described(QPushButton(self.tr("&Today"), self), self.tr("Today"), self.tr("Show today's report"))
        self.export = ReportExport(lambda: self.report, lambda: self._context.staff.desk, context.clock, context.tasks,
                                   self)  # fmt: skip
        buttons = ((self.tr("Export &CSV…"), self.tr("Save every action as a CSV file"), self.export.ask_csv),
                   (self.tr("Save as P&DF…"), self.tr("Save the report as a PDF file"), self.export.ask_pdf),
                   (self.tr("&Print…"), self.tr("Print the report"), self.export.ask_print))  # fmt: skip
        self.csv_button, self.pdf_button, self.print_button = (QPushButton(text, self) for text, _, _ in buttons)
        self.totals = _table(
            TOTAL_COLUMNS,
            self.tr("Totals by staff and location"),
            self.tr("What each staff member did at each location, and what became of it"),
            self,
        )
        self.totals.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table = ReportRowsView(self)
        self.summary, self.note, self.status = QLabel(self), QLabel(self), QLabel(self)
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        for label, field in ((self.tr("From:"), self.first), (self.tr("To:"), self.last)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(field)
        bar.addWidget(self.today)
        bar.addStretch(1)
        for button, (text, tip, slot) in zip((self.csv_button, self.pdf_button, self.print_button), buttons,
                                             strict=True):  # fmt: skip
            described(button, text.replace("&", "").rstrip("…"), tip).setEnabled(False)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        for part, stretch in ((self.summary, 0), (self.totals, 0), (self.note, 0), (self.table, 1), (self.status, 0)):
            layout.addWidget(part, stretch)
        self.today.clicked.connect(self.show_today)
        self.first.dateChanged.connect(lambda: self._days_changed(self.first, self.last, later=False))
        self.last.dateChanged.connect(lambda: self._days_changed(self.last, self.first, later=True))
        self.export.said.connect(self.status.setText)
        self._set_days(self._today(), self._today())

    def _day_field(self, name: str, tip: str) -> DayField:
        return described(
            DayField(self), name, self.tr("{tip}; ↑ and ↓ move it a day (on the month or year: those)").format(tip=tip)
        )

    def _today(self) -> date:
        return self._context.clock.now().astimezone().date()

    def _set_days(self, first: date, last: date) -> None:
        for field, day in ((self.first, first), (self.last, last)):
            field.blockSignals(True)
            field.setDate(QDate(day.year, day.month, day.day))
            field.blockSignals(False)

    def days(self) -> tuple[date, date]:
        first, last = self.first.date(), self.last.date()
        return date(first.year(), first.month(), first.day()), date(last.year(), last.month(), last.day())

    def _days_changed(self, moved: DayField, other: DayField, *, later: bool) -> None:
        """A day moved past the other one takes it along, so the range always reads forwards."""
        if (moved.date() < other.date()) if later else (moved.date() > other.date()):
            other.blockSignals(True)
            other.setDate(moved.date())
            other.blockSignals(False)
        self.reload()

    def show_today(self) -> None:
        self._set_days(self._today(), self._today())
        self.reload()

    def refresh(self) -> None:
        """After a sync: show what became of each action now. Nothing to do while closed."""
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        (first, last), desk = self.days(), self._context.desk
        self.status.setText(self.tr("Loading…"))
        self._context.tasks.submit(lambda: desk.report(first, last), self._show, self._error, channel="report")

    def _show(self, report: Report) -> None:
        self.report = report
        totals = [*report.by_staff, report.overall]
        _fill(self.totals, [total_cells(t) for t in totals], bold_last=True, counts_from=2)
        self.totals.resizeRowsToContents()
        rows = sum(self.totals.rowHeight(r) for r in range(self.totals.rowCount()))
        height = self.totals.horizontalHeader().height() + rows + 2 * self.totals.frameWidth()
        self.totals.setFixedHeight(min(height, 220))
        self.table.show_report(report)
        self.summary.setText(f"<b>{say(report.period)}</b> — {summary(report)}")
        unrecorded = any(r.location is None for r in report.rows)
        self.note.setText(ReportText().note())
        self.note.setVisible(unrecorded)
        self.status.setText(self.tr("Times are in this computer's local time."))
        for button in (self.csv_button, self.pdf_button, self.print_button):
            button.setEnabled(True)
        self.loaded.emit(report)

    def _error(self, error: FrontDeskError) -> None:
        self.status.setText(say(error.message))
