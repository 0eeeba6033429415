"""A day field whose arrow keys move whole days."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QDateTimeEdit, QWidget


class DayField(QDateEdit):
    """A day: ↑ and ↓ on the day move it one day, into the next or previous month too (a plain QDateEdit stops
    at the month's ends); on the month or the year they move those. The calendar pops up from the arrow."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("ddd d MMM yyyy")

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QDateTimeEdit.Section.DaySection:
            self.setDate(self.date().addDays(steps))
        else:
            super().stepBy(steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
