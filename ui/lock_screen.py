"""The lock screen: who is at the desk. Type a name (or pick it), the PIN, Enter. A second page sets or resets a
PIN after the platform has checked the staff member's password.

Only widgets and keys live here; checking a PIN or a password is ui/desk_lock.py's (on a worker thread).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.staff_pins import DeskStaffMember
from ui.look import Notice, described
from ui.words import say

_NAME_ROLE = Qt.ItemDataRole.UserRole
_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}


def _secret(parent: QWidget, name: str, tip: str) -> QLineEdit:
    field = described(QLineEdit(parent), name, tip)
    field.setEchoMode(QLineEdit.EchoMode.Password)  # also keeps the USB-scanner detector out of it
    return field


class LockScreen(QWidget):
    unlock_asked = Signal(str, str)  # name, PIN
    set_pin_asked = Signal(str, str, str)  # name, platform password, new PIN

    def __init__(self, parent: QWidget | None = None, *, hint: str = "") -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Lock screen"))
        title = QLabel(self.tr("Front Desk is locked"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._unlock_page())
        self.pages.addWidget(self._set_pin_page(hint))
        card = QWidget(self)
        card.setMaximumWidth(460)
        column = QVBoxLayout(card)
        column.addWidget(title)
        column.addWidget(self.pages)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card, 3)
        middle.addStretch(1)
        outer = QVBoxLayout(self)  # the card a little above the middle, where the eye looks first
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self._staff: tuple[DeskStaffMember, ...] = ()
        self.busy(False)

    def _unlock_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr("Who is at the desk? Type your name or pick it, then your PIN, then Enter."), page)
        intro.setWordWrap(True)
        name_tip = self.tr("Type the first letters of your name; the arrow keys pick from the list")
        self.name = described(QLineEdit(page), self.tr("Staff name"), name_tip)
        self.name.setPlaceholderText(self.tr("Your name"))
        self.staff_list = described(QListWidget(page), self.tr("Staff with a PIN on this desk"),
                                    self.tr("Click your name, or press Enter on it, then type your PIN"))  # fmt: skip
        self.staff_list.setMaximumHeight(160)
        self.pin = _secret(page, self.tr("PIN"), self.tr("Your desk PIN; Enter unlocks"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.unlock_button = described(QPushButton(self.tr("Unlock"), page), self.tr("Unlock"),
                                       self.tr("Unlock the desk as the chosen staff member"))  # fmt: skip
        self.reset_button = described(QPushButton(self.tr("Set or reset my PIN…"), page), self.tr("Set or reset PIN"),
                                      self.tr("Sign in with your platform password and choose a new PIN"))  # fmt: skip
        self.message = Notice(page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)  # lined up under the title
        for widget in (intro, self.name, self.staff_list, self.pin):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.name.textEdited.connect(self._filter)
        self.name.returnPressed.connect(self._name_entered)
        self.name.installEventFilter(self)
        self.staff_list.itemActivated.connect(self._picked)
        self.staff_list.itemClicked.connect(self._picked)
        self.pin.returnPressed.connect(self._unlock)
        self.unlock_button.clicked.connect(self._unlock)
        self.reset_button.clicked.connect(self._reset_pin)
        return page

    def _set_pin_page(self, hint: str) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr("Sign in with your loyalty platform password, then choose a PIN of 4 to 12 digits. "
                               "The platform says who you are and what your role lets you do; this desk keeps only "
                               "a salted hash of the PIN.") + (f"\n{hint}" if hint else ""), page)  # fmt: skip
        intro.setWordWrap(True)
        self.setup_name = described(QLineEdit(page), self.tr("Staff name"), self.tr("Your platform sign-in name"))
        self.setup_password = _secret(page, self.tr("Password"), self.tr("Your platform password; it is not stored"))
        self.setup_pin = _secret(page, self.tr("New PIN"), self.tr("4 to 12 digits"))
        self.setup_again = _secret(page, self.tr("New PIN again"), self.tr("The same PIN once more; Enter sets it"))
        set_tip = self.tr("Check the password with the platform, keep the PIN, unlock")
        self.setup_button = described(QPushButton(self.tr("Set PIN and unlock"), page), self.tr("Set PIN"), set_tip)
        self.back_button = described(QPushButton(self.tr("Back"), page), self.tr("Back"),
                                     self.tr("Back to unlocking with a PIN (Esc)"))  # fmt: skip
        self.setup_message = Notice(page)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.setup_name)
        form.addRow(self.tr("Password"), self.setup_password)
        form.addRow(self.tr("New PIN"), self.setup_pin)
        form.addRow(self.tr("PIN again"), self.setup_again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.setup_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)  # lined up under the title
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.setup_message)
        layout.addStretch(1)
        for field in (self.setup_name, self.setup_password, self.setup_pin):
            field.returnPressed.connect(self.focusNextChild)
        self.setup_again.returnPressed.connect(self._set_pin)
        self.setup_button.clicked.connect(self._set_pin)
        self.back_button.clicked.connect(self.show_unlock)
        return page

    # What the desk knows ---------------------------------------------------------------------------------
    def show_staff(self, staff: Sequence[DeskStaffMember]) -> None:
        """The staff with a PIN here; with none, the screen opens on setting one."""
        self._staff = tuple(staff)
        self.staff_list.clear()
        for member in self._staff:
            text = f"{member.name} · {say(member.role.label)}"
            if member.pin_blocked:
                text += self.tr(" · PIN blocked: set a new one")
            item = QListWidgetItem(text, self.staff_list)
            item.setData(_NAME_ROLE, member.name)
        self._filter(self.name.text())
        self.back_button.setVisible(bool(self._staff))  # with nobody listed there is nothing to go back to
        if not self._staff and self.pages.currentIndex() == 0:
            self.show_set_pin("")
            self.setup_message.say(self.tr("Nobody has a PIN on this desk yet. Sign in with your platform password "
                                           "and choose one to unlock."), ok=True)  # fmt: skip

    def chosen_name(self) -> str:
        item = self.staff_list.currentItem()
        if item is not None and not item.isHidden():
            return str(item.data(_NAME_ROLE))
        return self.name.text().strip()

    # Keys and clicks ---------------------------------------------------------------------------------------
    def _filter(self, typed: str) -> None:
        """Show the names holding what was typed at the start of a word; the first of them is chosen."""
        wanted = typed.strip().casefold()
        first: QListWidgetItem | None = None
        for row in range(self.staff_list.count()):
            item = self.staff_list.item(row)
            words = str(item.data(_NAME_ROLE)).casefold()
            shown = not wanted or any(word.startswith(wanted) for word in [words, *words.split()])
            item.setHidden(not shown)
            if shown and first is None:
                first = item
        if first is None:
            self.staff_list.setCurrentRow(-1)
        else:
            self.staff_list.setCurrentItem(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.name and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = _MOVES.get(Qt.Key(event.key()))
            if step is not None:
                self._move(step)
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        rows = [row for row in range(self.staff_list.count()) if not self.staff_list.item(row).isHidden()]
        if not rows:
            return
        current = self.staff_list.currentRow()
        at = rows.index(current) + step if current in rows else 0
        self.staff_list.setCurrentRow(rows[max(0, min(at, len(rows) - 1))])

    def _name_entered(self) -> None:
        name = self.chosen_name()
        if not any(member.name == name for member in self._staff):
            self.refused(self.tr("Nobody of that name has a PIN on this desk. Pick a name from the list, or set a "
                                 "PIN with your platform password."), focus=self.name)  # fmt: skip
            return
        self.name.setText(name)
        self.message.clear()
        self.pin.setFocus()

    def _picked(self, item: QListWidgetItem) -> None:
        self.staff_list.setCurrentItem(item)
        self.name.setText(str(item.data(_NAME_ROLE)))
        self.pin.setFocus()

    def _reset_pin(self) -> None:
        """For the name typed or picked; a new staff member types theirs on the next page."""
        self.show_set_pin(self.chosen_name() if self.name.text().strip() else "")

    def _unlock(self) -> None:
        name, pin = self.chosen_name(), self.pin.text()
        self.pin.clear()
        if not name:
            self.refused(self.tr("Type your name or pick it from the list first."), focus=self.name)
            return
        if not pin:
            self.refused(self.tr("Type your PIN, then press Enter."))
            return
        self.busy(True)
        self.message.say(self.tr("Checking…"), ok=True)
        self.unlock_asked.emit(name, pin)

    def _set_pin(self) -> None:
        name, password = self.setup_name.text().strip(), self.setup_password.text()
        pin, again = self.setup_pin.text(), self.setup_again.text()
        if not (name and password and pin):
            typed = ((self.setup_name, name), (self.setup_password, password), (self.setup_pin, pin))
            empty = next(field for field, value in typed if not value)
            self.setup_refused(self.tr("Please fill in your name, your platform password and a new PIN."), focus=empty)
            return
        if pin != again:
            self.new_pin_refused(self.tr("The two PINs are not the same. Please type the new PIN twice again."))
            return
        self.busy(True)
        self.setup_message.say(self.tr("Checking your password with the platform…"), ok=True)
        self.set_pin_asked.emit(name, password, pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1 and self._staff:
            self.show_unlock()
            return
        super().keyPressEvent(event)

    # Pages and answers -----------------------------------------------------------------------------------
    def show_unlock(self) -> None:
        self.pages.setCurrentIndex(0)
        self.setup_password.clear()
        self.setup_pin.clear()
        self.setup_again.clear()
        self.focus_first()

    def show_set_pin(self, name: str) -> None:
        self.pages.setCurrentIndex(1)
        self.setup_name.setText(name)
        self.setup_message.clear()
        self.focus_first()

    def focus_first(self) -> None:
        if self.pages.currentIndex() == 1:
            (self.setup_password if self.setup_name.text() else self.setup_name).setFocus()
        else:
            self.name.setFocus()

    def start(self) -> None:
        """A fresh screen for the next person: nothing typed, every name listed."""
        self.busy(False)
        for field in (self.name, self.pin, self.setup_name, self.setup_password, self.setup_pin, self.setup_again):
            field.clear()
        self.message.clear()
        self._filter("")
        self.show_unlock()

    def busy(self, busy: bool) -> None:
        for widget in (self.unlock_button, self.pin, self.setup_button):
            widget.setEnabled(not busy)

    def refused(self, text: str, *, focus: QLineEdit | None = None) -> None:
        self.busy(False)
        self.message.say(text, ok=False)
        (focus or self.pin).setFocus()

    def setup_refused(self, text: str, *, focus: QLineEdit | None = None) -> None:
        self.busy(False)
        self.setup_message.say(text, ok=False)
        (focus or self.setup_name).setFocus()

    def password_refused(self, text: str) -> None:
        """The platform did not take the password (or could not be asked): type it again."""
        self.setup_password.clear()
        self.setup_refused(text, focus=self.setup_password)

    def new_pin_refused(self, text: str) -> None:
        """The desk does not keep such a PIN: choose another one, the password stays typed."""
        self.setup_pin.clear()
        self.setup_again.clear()
        self.setup_refused(text, focus=self.setup_pin)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_first()
