"""Colours, icons and small widgets shared by the panels; follows the system light/dark scheme."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon
from PySide6.QtWidgets import QLabel, QWidget

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus

W = TypeVar("W", bound=QWidget)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# (light background, dark background): readable text on both schemes.
_PROGRAM_COLOURS = {
    ProgramStatus.ACTIVE: ("#2f855a", "#48bb78"),
    ProgramStatus.PENDING: ("#b7791f", "#ecc94b"),
    ProgramStatus.IMPORTED: ("#4a5568", "#a0aec0"),
    ProgramStatus.INACTIVE: ("#c53030", "#fc8181"),
}
_VOUCHER_COLOURS = {
    VoucherStatus.UNUSED: ("#2f855a", "#48bb78"),
    VoucherStatus.USED: ("#4a5568", "#a0aec0"),
    VoucherStatus.ISSUED: ("#2b6cb0", "#63b3ed"),
    VoucherStatus.PROCESSING: ("#b7791f", "#ecc94b"),
    VoucherStatus.EXPIRED: ("#c53030", "#fc8181"),
    VoucherStatus.VOIDED: ("#c53030", "#fc8181"),
}
GOOD, BAD = "#2f855a", "#c53030"


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / f"{name}.svg"))


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def status_colour(status: ProgramStatus | VoucherStatus) -> QColor:
    table = _PROGRAM_COLOURS if isinstance(status, ProgramStatus) else _VOUCHER_COLOURS
    light, dark = table[status]  # type: ignore[index]
    return QColor(dark if is_dark() else light)


def badge(text: str, colour: QColor, parent: QWidget | None = None) -> QLabel:
    """A small rounded, coloured label: status at a glance, with the word too (never colour alone)."""
    label = QLabel(text, parent)
    fg = "#1a202c" if is_dark() else "#ffffff"
    label.setStyleSheet(
        f"QLabel {{ background: {colour.name()}; color: {fg}; border-radius: 8px; padding: 2px 8px;"
        " font-weight: 600; }"
    )
    label.setAccessibleName(f"Status: {text}")
    return label


def described(widget: W, name: str, tip: str) -> W:
    """Every control gets an accessible name and a tooltip."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget
