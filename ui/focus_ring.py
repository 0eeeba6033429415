"""A ring around whatever has the keyboard focus, in every style.

Styles draw focus their own way, and some hardly at all: Fusion draws a focused push button exactly like an
unfocused one. Staff who work from the keys must always see where the next key goes, so the window draws its own
ring, in the scheme's highlight colour (it follows a light/dark switch), and scrolls a focused control into view."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QFocusFrame, QScrollArea, QWidget


class _Ring(QFocusFrame):
    """Qt places a focus frame just outside its widget and masks it to a thin ring; this one paints it."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Highlight))
        painter.end()


class FocusRing(QObject):
    """Follows the focus inside `window`. The ring lives beside the focused control (so it moves and scrolls with
    it); when that parent goes away (a customer's voucher cards are replaced) the ring goes with it and is made
    again at the next focus change."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # a child of the window: its connection ends with the window
        self._window = window
        self.ring: QFocusFrame = _Ring(window)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow)

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self._window):
            return
        if not shiboken6.isValid(self.ring):
            self.ring = _Ring(self._window)
        if new is not None and new.window() is self._window and not new.isWindow():
            self.ring.setWidget(new)
            self._into_view(new)
        else:
            self.ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes None: no widget, no ring

    @staticmethod
    def _into_view(widget: QWidget) -> None:
        parent = widget.parentWidget()
        while parent is not None and not parent.isWindow():
            content = parent.widget() if isinstance(parent, QScrollArea) else None
            if isinstance(parent, QScrollArea) and content is not None and content.isAncestorOf(widget):
                parent.ensureWidgetVisible(widget)
                return
            parent = parent.parentWidget()
