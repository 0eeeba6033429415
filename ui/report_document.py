"""The report as a printable document: the same totals and rows as the dialog, for paper or a PDF file through
Qt's own printing (QTextDocument onto a QPrinter). Refused actions read as refused — in words, with ✗, in red."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.activity import Outcome
from frontdesk.services.report import ActionKind, Report, ReportRow, Totals
from ui.look import BAD
from ui.words import day, number, say, short_weekday, time_of_day

NOT_RECORDED = QT_TRANSLATE_NOOP("ReportDocument", "not recorded")
TOTAL_COLUMNS = (
    QT_TRANSLATE_NOOP("ReportDocument", "Staff"),
    QT_TRANSLATE_NOOP("ReportDocument", "Location"),
    QT_TRANSLATE_NOOP("ReportDocument", "Redemptions"),
    QT_TRANSLATE_NOOP("ReportDocument", "Set back"),
    QT_TRANSLATE_NOOP("ReportDocument", "Status changes"),
    QT_TRANSLATE_NOOP("ReportDocument", "Accepted"),
    QT_TRANSLATE_NOOP("ReportDocument", "Waiting"),
    QT_TRANSLATE_NOOP("ReportDocument", "Refused"),
)
ROW_COLUMNS = (
    QT_TRANSLATE_NOOP("ReportDocument", "When"),
    QT_TRANSLATE_NOOP("ReportDocument", "Staff"),
    QT_TRANSLATE_NOOP("ReportDocument", "Location"),
    QT_TRANSLATE_NOOP("ReportDocument", "Customer"),
    QT_TRANSLATE_NOOP("ReportDocument", "Action"),
    QT_TRANSLATE_NOOP("ReportDocument", "Change"),
    QT_TRANSLATE_NOOP("ReportDocument", "Reason"),
    QT_TRANSLATE_NOOP("ReportDocument", "Outcome"),
)
MARKS = {Outcome.WAITING: "", Outcome.ACCEPTED: "✓ ", Outcome.REFUSED: "✗ "}


def headers(columns: tuple[str, ...]) -> list[str]:
    return [say(column) for column in columns]


def total_cells(totals: Totals) -> tuple[str, ...]:
    name = totals.staff_name or say(QT_TRANSLATE_NOOP("ReportDocument", "All staff"))
    location = totals.location or ("" if not totals.staff_name else say(NOT_RECORDED))
    counts = (totals.redemptions, totals.set_backs, totals.status_changes, totals.accepted, totals.waiting,
              totals.refused)  # fmt: skip
    return (name, location, *(number(count) for count in counts))


def when(report: Report, row: ReportRow) -> str:
    """The local time; with the day too when the report spans several days."""
    at = report.local(row.at).replace(tzinfo=None)  # the report's wall clock, as it is
    if report.first_day == report.last_day:
        return time_of_day(at)
    return f"{short_weekday(at)} {time_of_day(at)}"


def row_cells(report: Report, row: ReportRow) -> tuple[str, ...]:
    customer = f"{say(row.customer_name)} (#{row.customer_id})"
    kind = say(row.kind.words)
    return (when(report, row), row.staff_name, row.location or say(NOT_RECORDED), customer,
            kind if row.kind is ActionKind.STATUS_CHANGE else f"{kind}: {say(row.subject)}",
            say(row.change), row.reason,
            f"{MARKS[row.outcome]}{say(row.outcome_words)}")  # fmt: skip


class ReportText(QObject):
    """The report's sentences; counted words come through tr() for the language's plural forms."""

    def summary(self, report: Report) -> str:
        t = report.overall
        if not t.actions:
            return self.tr("Nothing was done at this desk on these days.")
        kinds = self.tr("{redemptions}, {set_backs} set back, {status_changes}").format(
            redemptions=self.tr("%n redemption(s)", "", t.redemptions), set_backs=number(t.set_backs),
            status_changes=self.tr("%n status change(s)", "", t.status_changes))  # fmt: skip
        outcomes = self.tr("{accepted} accepted, {waiting} waiting to be sent, {refused} refused by the platform")
        outcomes = outcomes.format(accepted=number(t.accepted), waiting=number(t.waiting), refused=number(t.refused))
        return self.tr("%n action(s) ({kinds}): {outcomes}.", "", t.actions).format(kinds=kinds, outcomes=outcomes)

    def note(self) -> str:
        return self.tr("Location is recorded for redemptions only; other actions say “{not_recorded}”.").format(
            not_recorded=say(NOT_RECORDED))  # fmt: skip

    def title(self, report: Report) -> str:
        return self.tr("End-of-day report — {days}").format(days=say(report.period))

    def html(self, report: Report, desk: str, made_at: datetime) -> str:
        totals = [(total_cells(t), "") for t in report.by_staff]
        totals.append((total_cells(report.overall), " style='font-weight:bold'"))
        rows = [(row_cells(report, r), f" style='color:{BAD}'" if r.outcome is Outcome.REFUSED else "")
                for r in report.rows]  # fmt: skip
        note = f"<p><i>{escape(self.note())}</i></p>" if any(r.location is None for r in report.rows) else ""
        made = self.tr("{desk} · made {day} {time} · times in this computer's local time").format(
            desk=desk, day=day(made_at), time=time_of_day(made_at))  # fmt: skip
        every = _table(headers(ROW_COLUMNS), rows) if rows else f"<p>{escape(self.tr('None.'))}</p>"
        return (f"<h2>{escape(self.title(report))}</h2><p>{escape(made)}</p><p>{escape(self.summary(report))}</p>"
                f"<h3>{escape(self.tr('Totals by staff and location'))}</h3>{_table(headers(TOTAL_COLUMNS), totals)}"
                f"{note}<h3>{escape(self.tr('Every action'))}</h3>{every}")  # fmt: skip


def summary(report: Report) -> str:
    """One line: how many actions, of which kinds, and what became of them."""
    return ReportText().summary(report)


def _table(header: list[str], rows: list[tuple[tuple[str, ...], str]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in header)  # in <thead>: repeated on each page
    body = "".join(f"<tr{style}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>" for cells, style in rows)
    return (
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><thead><tr>{head}</tr></thead>{body}</table>"
    )


def report_html(report: Report, desk: str, made_at: datetime) -> str:
    return ReportText().html(report, desk, made_at)


def report_document(report: Report, desk: str, made_at: datetime) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(report_html(report, desk, made_at))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, ReportText().title(report))
    return document


def landscape(printer: QPrinter) -> QPrinter:
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))  # fmt: skip
    return printer


def save_pdf(document: QTextDocument, path: Path) -> None:
    """Print the document into a PDF file; one that cannot be written is an InvalidInput in plain words."""
    if not path.parent.is_dir():
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Report", "Cannot save the report as {path}: the folder {folder} does not exist.").fill(
                path=str(path), folder=str(path.parent)
            )
        )
    printer = landscape(QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    document.print_(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Report", "Cannot save the report as {path}: {reason}.").fill(
                path=str(path), reason=QT_TRANSLATE_NOOP("Report", "the file could not be written")
            )
        )
