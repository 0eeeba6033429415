"""The pencil's choice: only the statuses allowed from the current one, and why the others are missing.

A sync reloads the customer while the choice may be open: it stays open with its selection, and if the status it
was opened from changed underneath, it says so and offers what the new status allows.

From the keys: the arrows move between the choices, Enter saves the one that has the focus, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.program import ProgramStatus
from frontdesk.services.dto import StatusChoice
from ui.look import Notice, described
from ui.shortcuts import CANCEL, SAVE, with_keys
from ui.words import say


class StatusEditor(QFrame):
    save_requested = Signal(object)  # ProgramStatus
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Change program status"))
        self.heading = QLabel(self)
        self.changed = Notice(self)
        self.changed.setAccessibleName(self.tr("Changed meanwhile"))
        self.changed.hide()
        self._choices = QWidget(self)
        self._choices_layout = QVBoxLayout(self._choices)
        self._choices_layout.setContentsMargins(2, 2, 2, 2)  # room for the focus ring
        self._group = QButtonGroup(self)
        self.options: dict[ProgramStatus, QRadioButton] = {}
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Why other statuses are not offered"))
        self.saving = QLabel(self.tr("Saving…"), self)
        self.saving.hide()
        self.save = QPushButton(self.tr("Save"), self)
        described(self.save, self.tr("Save status"), with_keys(self.tr("Apply the chosen status now"), SAVE))
        self.save.setAutoDefault(True)  # Enter presses it when it has the focus
        self.cancel = QPushButton(self.tr("Cancel"), self)
        described(self.cancel, self.tr("Cancel"), with_keys(self.tr("Leave the status as it is"), CANCEL))
        self.cancel.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saving)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        for widget in (self.changed, self.heading, self._choices, self.note):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.save.clicked.connect(self._save)
        self.cancel.clicked.connect(self.cancelled.emit)
        self._group.buttonToggled.connect(lambda *_: self._enable())
        self.current: ProgramStatus | None = None
        self._offered: tuple[StatusChoice, ...] = ()
        self.is_saving = False

    def offer(self, current: ProgramStatus, choices: tuple[StatusChoice, ...]) -> None:
        """Open afresh for the customer's current status."""
        self.changed.hide()
        self.set_saving(False)
        self._build(current, choices)

    def follow(self, name: str, current: ProgramStatus | None, choices: tuple[StatusChoice, ...]) -> None:
        """The customer was reloaded while the choice is open: keep it as it is, or say what changed and offer
        what the new state allows. While a save is on its way its answer decides, so nothing moves."""
        if self.is_saving or (current is self.current and choices == self._offered):
            return
        chosen = self.chosen()
        if current is None:
            self._say(self.tr("{name} is no longer in the loyalty program. There is no status to change.")
                      .format(name=name))  # fmt: skip
            self._build(None, ())
        elif current is not self.current:
            self._say(self.tr("{name} is now {status}. Choose again.").format(name=name, status=say(current.label)))
            self._build(current, choices)
        else:  # same status, other choices (the customer's membership changed)
            self._build(current, choices)
            refused = next((c for c in choices if c.status is chosen and not c.allowed), None)
            if refused is not None:
                self._say(self.tr("{status} can no longer be chosen: {why} Choose again.")
                          .format(status=say(refused.status.label), why=say(refused.note)))  # fmt: skip
            elif chosen in self.options:
                self.options[chosen].setChecked(True)

    def set_saving(self, saving: bool) -> None:
        """While a save is on its way nothing here can be pressed again (a double-click saves once)."""
        self.is_saving = saving
        self.saving.setVisible(saving)
        self._choices.setEnabled(not saving)
        self.cancel.setEnabled(not saving)
        self._enable()

    def _enable(self) -> None:
        self.save.setEnabled(not self.is_saving and self.chosen() is not None)

    def _say(self, text: str) -> None:
        self.changed.say(self.tr("Changed meanwhile: {what}").format(what=text), ok=False)
        self.changed.show()

    def _build(self, current: ProgramStatus | None, choices: tuple[StatusChoice, ...]) -> None:
        self.current, self._offered = current, choices
        had_focus = any(button.hasFocus() for button in self.options.values())
        for button in list(self.options.values()):
            self._group.removeButton(button)
            button.deleteLater()
        self.options.clear()
        self.heading.setText(self.tr("Now: <b>{status}</b>. Change to:").format(status=say(current.label)) if current
                             else self.tr("Not in the program."))  # fmt: skip
        for choice in choices:
            if choice.allowed:
                label = say(choice.status.label)
                button = QRadioButton(f"{label} — {say(choice.note)}", self._choices)
                described(button, self.tr("Set {status}").format(status=label), say(choice.status.meaning))
                self._group.addButton(button)
                self._choices_layout.addWidget(button)
                self.options[choice.status] = button
        missing = "".join(f"<li><b>{say(c.status.label)}</b>: {say(c.note)}</li>" for c in choices if not c.allowed)
        self.note.setText(self.tr("Not offered:") + f"<ul style='margin: 0'>{missing}</ul>" if missing else "")
        self.note.setVisible(bool(missing))
        self._enable()
        if had_focus:  # the focused choice was replaced: the focus stays in the choice
            self.focus_choice()

    def chosen(self) -> ProgramStatus | None:
        return next((status for status, button in self.options.items() if button.isChecked()), None)

    def _save(self) -> None:
        status = self.chosen()
        if status is not None and not self.is_saving:
            focus = QApplication.focusWidget()
            if focus is not None and self.isAncestorOf(focus):
                self.setFocus()  # the choice and the buttons wait now: the focus stays here, not on the next control
            self.set_saving(True)
            self.save_requested.emit(status)

    def focus_order(self) -> list[QWidget]:
        """The choices, then Cancel and Save, as the eye reads them."""
        return [*self.options.values(), self.cancel, self.save]

    def focus_choice(self) -> None:
        """The focus to the chosen status, or the first one offered (Cancel when none is)."""
        chosen = self.chosen()
        first = next(iter(self.options.values()), None)
        target = self.options[chosen] if chosen is not None else first if first is not None else self.cancel
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = QApplication.focusWidget()
        focused = next((status for status, button in self.options.items() if button is focus), None)
        if event.key() == Qt.Key.Key_Escape:
            if not self.is_saving:
                self.cancelled.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and focused is not None:
            self.options[focused].setChecked(True)
            self._save()
        else:
            super().keyPressEvent(event)
