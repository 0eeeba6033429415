"""The live camera picture, scaled to fit, with an outline around the code that was just read."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from frontdesk.scanning.decoder import Corners
from ui.camera_feed import PreviewFrame

OUTLINE_MS = 1500  # long enough to see where the code was, short enough not to mark the wrong one


class PreviewView(QWidget):
    painted = Signal(int)  # index of the frame just painted (tests, and the feed's "send the next one")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 135)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Camera picture"))
        self.setToolTip(self.tr("Hold the voucher's barcode or QR code up to the camera"))
        self.frame: PreviewFrame | None = None
        self.placeholder = self.tr("Starting the camera…")
        self.outline: Corners | None = None
        self.outline_colour = QColor("#2f855a")
        self._outline_age = QElapsedTimer()
        self.frames_shown = 0

    def show_frame(self, frame: PreviewFrame) -> None:
        self.frame = frame
        self.update()

    def show_placeholder(self, text: str) -> None:
        self.frame, self.placeholder = None, text
        self.update()

    def mark_code(self, corners: Corners, colour: QColor) -> None:
        self.outline, self.outline_colour = corners, colour
        self._outline_age.start()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1a202c"))
        if self.frame is None:
            painter.setPen(QColor("#e2e8f0"))
            painter.drawText(self.rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)  # fmt: skip
            painter.end()
            return
        image: QImage = self.frame.image
        target = self._fit(image.width(), image.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
        if self.outline is not None and self._outline_age.isValid() and self._outline_age.elapsed() < OUTLINE_MS:
            scale_x = target.width() / self.frame.frame_width
            scale_y = target.height() / self.frame.frame_height
            points = [QPointF(target.x() + x * scale_x, target.y() + y * scale_y) for x, y in self.outline]
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.outline_colour, 4))
            painter.drawPolygon(QPolygonF(points))
        painter.end()
        self.frames_shown += 1
        self.painted.emit(self.frame.index)

    def _fit(self, width: int, height: int) -> QRectF:
        scale = min(self.width() / width, self.height() / height)
        w, h = width * scale, height * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
