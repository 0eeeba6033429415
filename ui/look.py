"""Colours, icons and small widgets shared by the panels; they follow the light/dark scheme at run time.

A scheme change reaches the widgets as a new application palette (Qt sends every widget a PaletteChange
and repaints it). So the colours here are chosen when something is painted, from the palette in use, and
the widgets that carry them (Badge, Notice, the result list's delegate) paint them themselves instead of
baking them into a style sheet when they are built.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QWidget

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus

W = TypeVar("W", bound=QWidget)
Status = ProgramStatus | VoucherStatus | None  # None: not in the program
RESOURCES = Path(__file__).resolve().parent / "resources"  # package data: shipped in the wheel

# (light scheme, dark scheme). Light: white text on a deep colour; dark: dark text on a light one.
# Every pair keeps at least 4.5:1 contrast with its text (tests/gui/test_window_scheme.py checks it).
_NEUTRAL = ("#4a5568", "#a0aec0")
_PROGRAM_COLOURS = {
    ProgramStatus.ACTIVE: ("#2f855a", "#48bb78"),
    ProgramStatus.PENDING: ("#975a16", "#ecc94b"),
    ProgramStatus.IMPORTED: _NEUTRAL,
    ProgramStatus.INACTIVE: ("#c53030", "#fc8181"),
}
_VOUCHER_COLOURS = {
    VoucherStatus.UNUSED: ("#2f855a", "#48bb78"),
    VoucherStatus.USED: _NEUTRAL,
    VoucherStatus.ISSUED: ("#2b6cb0", "#63b3ed"),
    VoucherStatus.PROCESSING: ("#975a16", "#ecc94b"),
    VoucherStatus.EXPIRED: ("#c53030", "#fc8181"),
    VoucherStatus.VOIDED: ("#c53030", "#fc8181"),
}
_BADGE_TEXT = ("#ffffff", "#1a202c")
_SYMBOL = ("#5f6b7a", "#c3cad3")
_TONES = {True: ("#2f855a", "#68d391"), False: ("#c53030", "#fc8181")}
GOOD, BAD = "#2f855a", "#c53030"  # light-scheme tones, for text that is not re-coloured on a scheme change


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / f"{name}.svg"))


class _SymbolEngine(QIconEngine):
    """A one-colour SVG drawn in the current scheme's icon colour each time it is painted."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._renderer = QSvgRenderer(path)

    def clone(self) -> QIconEngine:
        return _SymbolEngine(self._path)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, painter.device().devicePixelRatioF()))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        colour = _pick(_SYMBOL)
        if mode is QIcon.Mode.Disabled:
            colour.setAlphaF(0.45)
        painter = QPainter(image)
        self._renderer.render(painter)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap


def symbol(name: str) -> QIcon:
    """A monochrome icon from ui/resources/ (pencil, search, scan) that follows the light/dark scheme."""
    return QIcon(_SymbolEngine(str(RESOURCES / f"{name}.svg")))


def is_dark() -> bool:
    """Whether the palette in use is dark. The palette, not QStyleHints.colorScheme(): it is what our colours
    sit on, it changes with the scheme, and it stays light where a style ignores a dark scheme."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def _pick(pair: tuple[str, str]) -> QColor:
    return QColor(pair[1] if is_dark() else pair[0])


def status_colour(status: Status) -> QColor:
    if status is None:
        return _pick(_NEUTRAL)
    return _pick(_PROGRAM_COLOURS[status] if isinstance(status, ProgramStatus) else _VOUCHER_COLOURS[status])


def badge_text_colour() -> QColor:
    """The text on a status badge: readable on every status colour of the current scheme."""
    return _pick(_BADGE_TEXT)


def tone(ok: bool) -> QColor:
    """Green for done, red for refused, bright enough to see on a dark window too."""
    return _pick(_TONES[ok])


class Badge(QLabel):
    """A small rounded, coloured label: status at a glance, with the word too (never colour alone).
    Painted with the colours of the moment, so it follows a scheme change."""

    def __init__(self, text: str, status: Status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(9, 3, 9, 3)
        self.status: Status = status
        self.show_status(text, status)

    def show_status(self, text: str, status: Status) -> None:
        self.status = status
        self.setText(text)
        self.setAccessibleName(QCoreApplication.translate("Badge", "Status: {status}").format(status=text))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_colour(self.status))
        painter.drawRoundedRect(QRectF(self.rect()), 8, 8)
        painter.setPen(badge_text_colour())
        painter.drawText(self.contentsRect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


def badge(text: str, status: Status, parent: QWidget | None = None) -> Badge:
    return Badge(text, status, parent)


class Notice(QLabel):
    """A calm inline message with a green (done) or red (refused) bar on its left, in the current scheme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ok = True
        self.setWordWrap(True)
        self.setContentsMargins(12, 6, 6, 6)
        self.setAccessibleName(QCoreApplication.translate("Notice", "Message"))

    def say(self, text: str, *, ok: bool) -> None:
        self.ok = ok
        self.setText(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.fillRect(0, 0, 4, self.height(), tone(self.ok))
        painter.end()


def described(widget: W, name: str, tip: str) -> W:
    """Every control gets an accessible name and a tooltip."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget
