"""The report as a printable document: the same totals and rows as the dialog, for paper or a PDF file through
Qt's own printing (QTextDocument onto a QPrinter). Refused actions read as refused — in words, with ✗, in red."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from frontdesk.domain.errors import InvalidInput
from frontdesk.services.activity import Outcome
from frontdesk.services.report import ActionKind, Report, ReportRow, Totals
from ui.look import BAD

NOT_RECORDED = "not recorded"
TOTAL_COLUMNS = ("Staff", "Location", "Redemptions", "Set back", "Status changes", "Accepted", "Waiting", "Refused")
ROW_COLUMNS = ("When", "Staff", "Location", "Customer", "Action", "Change", "Reason", "Outcome")
MARKS = {Outcome.WAITING: "", Outcome.ACCEPTED: "✓ ", Outcome.REFUSED: "✗ "}


def total_cells(totals: Totals) -> tuple[str, ...]:
    name = totals.staff_name or "All staff"
    location = totals.location or ("" if not totals.staff_name else NOT_RECORDED)
    counts = (totals.redemptions, totals.set_backs, totals.status_changes, totals.accepted, totals.waiting,
              totals.refused)  # fmt: skip
    return (name, location, *(str(count) for count in counts))


def when(report: Report, row: ReportRow) -> str:
    """The local time; with the day too when the report spans several days."""
    at = report.local(row.at)
    return f"{at:%H:%M}" if report.first_day == report.last_day else f"{at:%a} {at.day} {at:%b %H:%M}"


def row_cells(report: Report, row: ReportRow) -> tuple[str, ...]:
    customer = f"{row.customer_name} (#{row.customer_id})"
    return (when(report, row), row.staff_name, row.location or NOT_RECORDED, customer,
            row.kind.value if row.kind is ActionKind.STATUS_CHANGE else f"{row.kind.value}: {row.subject}",
            row.change, row.reason,
            f"{MARKS[row.outcome]}{row.outcome_words}")  # fmt: skip


def summary(report: Report) -> str:
    """One line: how many actions, of which kinds, and what became of them."""
    t = report.overall
    if not t.actions:
        return "Nothing was done at this desk on these days."
    kinds = (f"{t.redemptions} redemption{'s' * (t.redemptions != 1)}, {t.set_backs} set back, "
             f"{t.status_changes} status change{'s' * (t.status_changes != 1)}")  # fmt: skip
    outcomes = f"{t.accepted} accepted, {t.waiting} waiting to be sent, {t.refused} refused by the platform"
    return f"{t.actions} action{'s' * (t.actions != 1)} ({kinds}): {outcomes}."


def _table(header: tuple[str, ...], rows: list[tuple[tuple[str, ...], str]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in header)  # in <thead>: repeated on each page
    body = "".join(f"<tr{style}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>" for cells, style in rows)
    return (
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><thead><tr>{head}</tr></thead>{body}</table>"
    )


def report_html(report: Report, desk: str, made_at: datetime) -> str:
    totals = [(total_cells(t), "") for t in report.by_staff]
    totals.append((total_cells(report.overall), " style='font-weight:bold'"))
    rows = [(row_cells(report, r), f" style='color:{BAD}'" if r.outcome is Outcome.REFUSED else "")
            for r in report.rows]  # fmt: skip
    note = ""
    if any(r.location is None for r in report.rows):
        note = f"<p><i>Location is recorded for redemptions only; other actions say “{NOT_RECORDED}”.</i></p>"
    local = made_at.astimezone()
    made = f"{local.day} {local:%b %Y %H:%M}"
    return (f"<h2>End-of-day report — {escape(report.period)}</h2>"
            f"<p>{escape(desk)} · made {escape(made)} · times in this computer's local time</p>"
            f"<p>{escape(summary(report))}</p><h3>Totals by staff and location</h3>{_table(TOTAL_COLUMNS, totals)}"
            f"{note}<h3>Every action</h3>{_table(ROW_COLUMNS, rows) if rows else '<p>None.</p>'}")  # fmt: skip


def report_document(report: Report, desk: str, made_at: datetime) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(report_html(report, desk, made_at))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"End-of-day report — {report.period}")
    return document


def landscape(printer: QPrinter) -> QPrinter:
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))  # fmt: skip
    return printer


def save_pdf(document: QTextDocument, path: Path) -> None:
    """Print the document into a PDF file; one that cannot be written is an InvalidInput in plain words."""
    if not path.parent.is_dir():
        raise InvalidInput(f"Cannot save the report as {path}: the folder {path.parent} does not exist.")
    printer = landscape(QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    document.print_(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise InvalidInput(f"Cannot save the report as {path}: the file could not be written.")
