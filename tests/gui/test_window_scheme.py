"""Light and dark: the colours follow a scheme change while the window is open, and stay readable in both.

A scheme change reaches the widgets as a new application palette. The offscreen platform the tests run on
ignores QStyleHints.setColorScheme() (colorScheme() stays Unknown and the palette stays light; checked with
Qt 6.12), so the test asks for the scheme where the platform can and sets the dark palette itself, as a
platform theme does on a real desk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from ui.look import Badge, badge_text_colour, is_dark, status_colour, tone
from ui.main_window import MainWindow

from .helpers import open_customer, type_query

_DARK = {
    QPalette.ColorRole.Window: "#2d2d2d",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#2a2a2a",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Light: "#505050",
    QPalette.ColorRole.Mid: "#303030",
    QPalette.ColorRole.Dark: "#202020",
}


@pytest.fixture
def go_dark(qapp: QApplication) -> Iterator[Callable[[], None]]:
    hints = QGuiApplication.styleHints()

    def switch() -> None:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        palette = QPalette()
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
        QApplication.setPalette(palette)

    yield switch
    hints.unsetColorScheme()
    QApplication.setPalette(QPalette())  # back to the platform's own palette
    assert not is_dark()


def took_up_dark_palette(widget: QWidget) -> bool:
    return bool(widget.palette().color(QPalette.ColorRole.Button).name() == _DARK[QPalette.ColorRole.Button])


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(c: QColor) -> float:
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        r, g, b = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def strongest_contrast(image: QImage, area: QRect, against: QColor) -> float:
    """How far the most distinct pixel in `area` stands out from `against`: the core of the text drawn there."""
    return max(
        contrast(image.pixelColor(x, y), against)
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
    )


def pill_in(image: QImage, area: QRect, colour: QColor) -> QRect:
    """The bounding box of the pixels painted exactly in `colour` inside `area` (a badge's fill)."""
    xs, ys = [], []
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            if image.pixelColor(x, y).rgb() == colour.rgb():
                xs.append(x)
                ys.append(y)
    assert len(xs) > 100, f"no badge painted in {colour.name()}"
    return QRect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


def text_band(pill: QRect) -> QRect:
    """The middle of a badge, away from its rounded ends, where its word is written."""
    return pill.adjusted(8, pill.height() // 4, -8, -pill.height() // 4)


def badge_look(widget: Badge) -> tuple[QColor, float]:
    """(fill colour, contrast of the word on it) as painted right now."""
    image = widget.grab().toImage()
    fill = image.pixelColor(4, image.height() // 2)
    return fill, strongest_contrast(image, text_band(image.rect()), fill)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_status_colour_keeps_its_word_readable(go_dark: Callable[[], None], dark: bool) -> None:
    if dark:
        go_dark()
    assert is_dark() is dark
    statuses: list[ProgramStatus | VoucherStatus | None] = [*ProgramStatus, *VoucherStatus, None]
    for status in statuses:
        assert contrast(status_colour(status), badge_text_colour()) >= 4.5, status
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    for ok in (True, False):
        assert contrast(tone(ok), window) >= 3.0, ok  # the message bar is seen on the window


def test_a_scheme_change_recolours_the_list_and_the_panel_at_once(
    qtbot: QtBot, window: MainWindow, go_dark: Callable[[], None]
) -> None:
    result = type_query(qtbot, window, "a")
    statuses = {c.status for c in result.customers[:8]}
    assert {ProgramStatus.ACTIVE, ProgramStatus.PENDING} <= statuses  # several colours on screen
    detail = open_customer(qtbot, window, 1)
    assert {v.status for v in detail.vouchers} == set(VoucherStatus)
    panel = window.customer
    panel.say("Done.", ok=True)
    looks: dict[bool, list[QColor]] = {}
    for dark in (False, True):
        if dark:
            go_dark()  # while the window is open: nothing is rebuilt
            qtbot.waitUntil(lambda: took_up_dark_palette(window.customer.pencil))  # from the event loop
        assert is_dark() is dark
        seen: list[QColor] = []
        view, model = window.search.list, window.search.model
        image = view.viewport().grab().toImage()
        for row in range(6):
            summary = model.customer(row)
            assert summary is not None
            fill = status_colour(summary.status)
            pill = pill_in(image, view.visualRect(model.index(row)), fill)
            assert strongest_contrast(image, text_band(pill), fill) >= 4.5, (dark, summary.status)
            seen.append(fill)
        badges = [panel.status_badge, *(card.badge for card in panel.vouchers.cards)]
        for widget in badges:
            fill, word = badge_look(widget)
            assert fill.rgb() == status_colour(widget.status).rgb(), (dark, widget.text())
            assert word >= 4.5, (dark, widget.text())
            seen.append(fill)
        looks[dark] = seen
        note = panel.message.grab().toImage()
        assert note.pixelColor(1, note.height() // 2).rgb() == tone(True).rgb()
        assert readable(panel.name), dark
        assert strongest_contrast(_grab(panel.pencil), QRect(6, 6, 12, 12), _background(panel.pencil)) >= 3, dark
    assert all(a.rgb() != b.rgb() for a, b in zip(looks[False], looks[True], strict=True))


def _grab(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def _background(widget: QWidget) -> QColor:
    return _grab(widget).pixelColor(3, 3)


def readable(label: QWidget) -> bool:
    """The label's text stands out from what is really behind it, as the window shows it (a label with a
    style sheet keeps the text colour of the scheme it was built in)."""
    top = label.window()
    image = top.grab(QRect(label.mapTo(top, QPoint(0, 0)), label.size())).toImage()
    return strongest_contrast(image, image.rect(), image.pixelColor(1, 1)) >= 4.5
