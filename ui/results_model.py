"""The search result list: a small Qt model over CustomerSummary DTOs and a delegate that draws each row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.dto import CustomerSummary
from ui.look import badge_text_colour, icon, status_colour
from ui.words import say

_WAITING_SHORT = QT_TRANSLATE_NOOP("ResultsModel", ", a change waiting to sync")
_MEMBER = QT_TRANSLATE_NOOP("ResultsModel", ", member {number}")
_NOT_IN_PROGRAM = QT_TRANSLATE_NOOP("ResultsModel", "Not in the program")
_WAITING = QT_TRANSLATE_NOOP("ResultsModel", " A change made here is waiting to be sent to the platform.")
_TOOLTIP = QT_TRANSLATE_NOOP("ResultsModel", "{name} — member {number}.{waiting} Press Enter to open.")

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
PENDING_SIZE = 18
Index = QModelIndex | QPersistentModelIndex


def status_text(summary: CustomerSummary) -> str:
    return say(summary.status.label if summary.status is not None else _NOT_IN_PROGRAM)


class ResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CustomerSummary] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == SUMMARY_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            waiting = say(_WAITING_SHORT) if row.has_pending_change else ""
            member = say(_MEMBER.fill(number=row.member_number)) if row.member_number else ""
            return f"{row.name}{member}, {row.email}, {row.phone}, {status_text(row)}{waiting}"
        if role == Qt.ItemDataRole.ToolTipRole:
            waiting = _WAITING if row.has_pending_change else ""
            return say(_TOOLTIP.fill(name=row.name, number=row.member_number, waiting=waiting))
        return None

    def set_rows(self, rows: tuple[CustomerSummary, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def customer(self, row: int) -> CustomerSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def replace_customer(self, updated: CustomerSummary) -> None:
        """A change made in the panel shows in the list at once, without searching again."""
        for row, current in enumerate(self._rows):
            if current.id == updated.id:
                self._rows[row] = updated
                self.dataChanged.emit(self.index(row), self.index(row))


class ResultDelegate(QStyledItemDelegate):
    """Name and member number on the first line, email · phone on the second, the program status badge on the
    right, and the clock mark left of the badge while a change made here waits to sync (whatever the status)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(300, height * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        summary: CustomerSummary = index.data(SUMMARY_ROLE)
        style = option.widget.style() if option.widget else None
        rect: QRect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if style:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        bold = QFont(option.font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        line = metrics.height()
        label = status_text(summary)
        width = metrics.horizontalAdvance(label) + 18
        pill = QRect(rect.right() - width - 10, rect.center().y() - line // 2 - 3, width, line + 6)
        text_right = pill.left() - (PENDING_SIZE + 12 if summary.has_pending_change else 8)
        left = QRect(rect.left() + 10, rect.top() + 6, max(0, text_right - rect.left() - 10), rect.height() - 12)
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        painter.setPen(text_colour)
        painter.setFont(bold)
        plain = QFontMetrics(option.font)
        member = summary.member_number
        member_width = plain.horizontalAdvance(member) + 12 if member else 0  # the number is never cut: it is short
        name = metrics.elidedText(summary.name, Qt.TextElideMode.ElideRight, max(0, left.width() - member_width))
        painter.drawText(left.adjusted(0, 0, 0, -line), Qt.AlignmentFlag.AlignLeft, name)
        painter.setFont(option.font)
        painter.setPen(palette.placeholderText().color() if not selected else text_colour)
        if member:
            at = left.adjusted(metrics.horizontalAdvance(name) + 12, 0, 0, -line)
            painter.drawText(at, Qt.AlignmentFlag.AlignLeft, member)
        contact = QFontMetrics(option.font).elidedText(f"{summary.email} · {summary.phone}",
                                                       Qt.TextElideMode.ElideRight, left.width())  # fmt: skip
        painter.drawText(left.adjusted(0, line + 2, 0, 0), Qt.AlignmentFlag.AlignLeft, contact)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(status_colour(summary.status))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(pill, 8, 8)
        painter.setPen(badge_text_colour())
        painter.setFont(bold)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        if summary.has_pending_change:
            mark = QRect(pill.left() - PENDING_SIZE - 6, pill.center().y() - PENDING_SIZE // 2, PENDING_SIZE,
                         PENDING_SIZE)  # fmt: skip
            if selected:  # on a disc of the list's own background, the amber clock stays visible on the highlight
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.base())
                painter.drawEllipse(mark.adjusted(-2, -2, 2, 2))
            icon("pending").paint(painter, mark)
        painter.restore()
