"""The report's way out of the window: a CSV file, a PDF file (Qt's printing into a file) or the printer. File
and print dialogs open without blocking the window; what is written is the report the dialog shows.

Laying out and printing a document takes seconds (about 2.5 s for 500 actions, 20 s for 5,000), so files are
written and pages printed on the task runner's background thread: QPainter may paint onto a QPrinter in any
thread, and the document is made in the thread that prints it. The window stays responsive meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.report import Report
from frontdesk.services.report_csv import write_csv
from ui.report_document import landscape, report_document, save_pdf
from ui.tasks import TaskRunner
from ui.words import say


def file_name(report: Report, suffix: str) -> str:
    first, last = report.first_day.isoformat(), report.last_day.isoformat()
    return f"front-desk-report-{first if first == last else f'{first}-to-{last}'}.{suffix}"


class ReportExport(QObject):
    saved = Signal(object)  # the Path just written
    said = Signal(str)  # what happened, in words, for the dialog's status line

    def __init__(self, report: Callable[[], Report | None], desk: Callable[[], str], clock: Clock, tasks: TaskRunner,
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self._report = report
        self._desk = desk
        self._clock = clock
        self._tasks = tasks
        self._parent = parent
        self.file_dialog: QFileDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self._printer: QPrinter | None = None

    def ask_csv(self) -> None:
        self._ask_file(self.tr("Export CSV"), self.tr("CSV files (*.csv)"), "csv", self.write_csv)

    def ask_pdf(self) -> None:
        self._ask_file(self.tr("Save as PDF"), self.tr("PDF files (*.pdf)"), "pdf", self.write_pdf)

    def _ask_file(self, title: str, kinds: str, suffix: str, then: Callable[[Path], None]) -> None:
        report = self._report()
        if report is None:
            return
        dialog = QFileDialog(self._parent, title, str(Path.home() / file_name(report, suffix)), kinds)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
        self.file_dialog = dialog
        dialog.open()

    def write_csv(self, path: Path) -> None:
        self._write(path, lambda report: write_csv(report, path))

    def write_pdf(self, path: Path) -> None:
        desk, now = self._desk(), self._clock.now()
        self._write(path, lambda report: save_pdf(report_document(report, desk, now), path))

    def _write(self, path: Path, write: Callable[[Report], object]) -> None:
        report = self._report()
        if report is None:
            return
        self.said.emit(self.tr("Saving {name}…").format(name=path.name))
        self._tasks.submit(lambda: write(report), lambda _: self._written(path), self._failed, background=True)

    def _written(self, path: Path) -> None:
        self.said.emit(self.tr("Saved as {path}.").format(path=path))
        self.saved.emit(path)

    def _failed(self, error: FrontDeskError) -> None:
        self.said.emit(say(error.message))

    def ask_print(self) -> None:
        """The system's print dialog; printing starts when staff confirm it."""
        self._printer = landscape(QPrinter(QPrinter.PrinterMode.HighResolution))
        dialog = QPrintDialog(self._printer, self._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self._print)
        self.print_dialog = dialog
        dialog.show()

    def _print(self) -> None:
        report, printer, desk, now = self._report(), self._printer, self._desk(), self._clock.now()
        if report is None or printer is None:
            return
        self.said.emit(self.tr("Printing…"))
        # The task holds this printer until it is done, even if staff start another print meanwhile.
        self._tasks.submit(
            lambda: report_document(report, desk, now).print_(printer),
            lambda _: self.said.emit(self.tr("Sent to the printer.")),
            self._failed,
            background=True,
        )
