"""The report as a CSV file: one row per action, with what became of it and why, in the desk's local time.

Text that people typed (names, reasons, the platform's words) could start like a spreadsheet formula; such a
cell gets a leading apostrophe, so opening the file never runs anything. The file is written next to its final
name and moved into place, so a failed export never leaves half a file over an earlier one."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.report import Report, ReportRow

HEADER = ("Date", "Time", "Staff", "Role", "Desk", "Location", "Customer number", "Customer", "Action", "Subject",
          "From", "To", "Staff reason", "Outcome", "Platform's reason")  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def csv_rows(report: Report) -> list[tuple[str, ...]]:
    """The header, then one tuple of cells per action (oldest first)."""
    return [HEADER, *(_cells(report, row) for row in report.rows)]


def _cells(report: Report, row: ReportRow) -> tuple[str, ...]:
    at = report.local(row.at)
    texts = (row.staff_name, row.staff_role.replace("_", " ").lower(), row.desk, row.location or "")
    return (f"{at:%Y-%m-%d}", f"{at:%H:%M:%S}", *(_cell(t) for t in texts), str(row.customer_id),
            _cell(row.customer_name), row.kind.value, _cell(row.subject), row.from_value, row.to_value,
            _cell(row.reason), row.outcome.value, _cell(row.refusal))  # fmt: skip


def write_csv(report: Report, path: Path) -> int:
    """Write the report to `path` (UTF-8 with a byte-order mark, which spreadsheets need to read accents).
    Returns how many actions were written; a file that cannot be written is an InvalidInput in plain words."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Report", "Cannot save the report as {path}: the folder {folder} does not exist.").fill(
                path=str(path), folder=str(folder)
            )
        )
    rows = csv_rows(report)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with open(handle, "w", encoding="utf-8-sig", newline="") as file:
                csv.writer(file).writerows(rows)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = (
            error.strerror.lower() if error.strerror else QT_TRANSLATE_NOOP("Report", "the file could not be written")
        )
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Report", "Cannot save the report as {path}: {reason}.").fill(
                path=str(path), reason=reason
            )
        ) from None
    return len(rows) - 1
