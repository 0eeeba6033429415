"""The pencil's choice: only the statuses allowed from the current one, and why the others are missing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QRadioButton, QVBoxLayout, QWidget

from frontdesk.domain.program import ProgramStatus
from frontdesk.services.dto import StatusChoice
from ui.look import described


class StatusEditor(QFrame):
    save_requested = Signal(object)  # ProgramStatus
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Change program status")
        self.heading = QLabel(self)
        self._choices = QWidget(self)
        self._choices_layout = QVBoxLayout(self._choices)
        self._choices_layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self.options: dict[ProgramStatus, QRadioButton] = {}
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Why other statuses are not offered")
        self.save = QPushButton("Save", self)
        described(self.save, "Save status", "Apply the chosen status now")
        self.cancel = QPushButton("Cancel", self)
        described(self.cancel, "Cancel", "Leave the status as it is")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self._choices, self.note):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.save.clicked.connect(self._save)
        self.cancel.clicked.connect(self.cancelled.emit)
        self._group.buttonToggled.connect(lambda *_: self.save.setEnabled(self.chosen() is not None))

    def offer(self, current: ProgramStatus, choices: tuple[StatusChoice, ...]) -> None:
        """Rebuild the choice for the customer's current status."""
        for button in list(self.options.values()):
            self._group.removeButton(button)
            button.deleteLater()
        self.options.clear()
        self.heading.setText(f"Now: <b>{current.label}</b>. Change to:")
        for choice in choices:
            if choice.allowed:
                button = QRadioButton(f"{choice.status.label} — {choice.note}", self._choices)
                described(button, f"Set {choice.status.label}", choice.status.meaning)
                self._group.addButton(button)
                self._choices_layout.addWidget(button)
                self.options[choice.status] = button
        missing = "".join(f"<li><b>{c.status.label}</b>: {c.note}</li>" for c in choices if not c.allowed)
        self.note.setText(f"Not offered:<ul style='margin: 0'>{missing}</ul>" if missing else "")
        self.note.setVisible(bool(missing))
        self.save.setEnabled(False)
        self.save.setDefault(True)

    def chosen(self) -> ProgramStatus | None:
        return next((status for status, button in self.options.items() if button.isChecked()), None)

    def _save(self) -> None:
        status = self.chosen()
        if status is not None:
            self.save_requested.emit(status)
