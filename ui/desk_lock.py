"""Locking a shared desk and unlocking it as whoever's PIN it is.

Locked, the window shows only the lock screen: the customer pages are hidden (the camera stops with them), open
dialogs close, every menu command and shortcut but Quit pauses and USB-scanner bursts are ignored. Unlocked, the
window's staff member is the one whose PIN it was, with the role the platform gave them, so every action,
audit entry and outbox change from then on carries their name. The desk locks with Ctrl+L, after
`auto_lock_minutes` without a key or a click (a setting, off by default), and at start-up once any staff member
has a PIN here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QStackedWidget

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember
from frontdesk.services.demo_hub import DEMO_STAFF
from frontdesk.services.staff_pins import DeskStaffMember, StaffPins
from ui.context import DeskContext
from ui.idle_watch import IdleWatch
from ui.lock_screen import LockScreen
from ui.words import say

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
LOCK_KEYS = "Ctrl+L"


class DeskLock(QObject):
    locked_changed = Signal(bool)
    staff_listed = Signal(object)  # tuple[DeskStaffMember, ...], once the lock screen shows them

    def __init__(self, window: MainWindow, context: DeskContext, pins: StaffPins, staff_changed: Callable[[], None],
                 *, auto_lock_minutes: int = 0) -> None:  # fmt: skip
        super().__init__(window)
        self._window = window
        self._context = context
        self._pins = pins
        self._staff_changed = staff_changed
        demo = self.tr("Demo desk: the demo platform's staff, e.g. “{name}”, sign in with the password “{password}”.")
        hint = demo.format(name=DEMO_STAFF[0], password=DEMO_STAFF[1]) if context.is_demo else ""
        self.screen = LockScreen(hint=hint)
        self.screen.unlock_asked.connect(self._unlock)
        self.screen.set_pin_asked.connect(self._set_pin)
        self._stack = QStackedWidget(window)
        pages = window.takeCentralWidget()
        assert pages is not None  # the window has built its pages before it builds its lock
        self._stack.addWidget(pages)
        self._stack.addWidget(self.screen)
        window.setCentralWidget(self._stack)
        self.locked = False
        self._paused: list[QAction | QShortcut] = []
        self.idle: IdleWatch | None = None
        if auto_lock_minutes > 0:
            self.idle = IdleWatch(window, auto_lock_minutes * 60)
            self.idle.idle.connect(self.lock)
        if pins.any_staff():  # start-up, before the window shows: whoever opens it says who they are
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        window = self._window
        window.scan.cancel_pending()  # a voucher waiting for Enter is the last person's, not the next one's
        for dialog in window.findChildren(QDialog):
            if dialog.isVisible() and not isinstance(dialog, QMessageBox):  # a closing notice still closes
                dialog.hide()
        self._paused = [command for command in self._commands() if command.isEnabled()]
        for command in self._paused:
            command.setEnabled(False)
        window.wedge.blockSignals(True)  # a scanner burst while locked marks nothing
        window.sync_status.conflicts.setEnabled(False)  # the conflicts list names customers
        self.screen.start()
        self._stack.setCurrentWidget(self.screen)
        window.setWindowTitle(self.tr("Front Desk — {desk} — Locked").format(desk=self._context.staff.desk))
        window.staff_label.setText(self.tr("Locked: unlock with your PIN"))
        self._list_staff()
        log.info("desk locked")
        self.locked_changed.emit(True)

    def _commands(self) -> list[QAction | QShortcut]:
        """Every menu command and shortcut of the window, but Quit (closing still works while locked)."""
        menus = self._window.menuBar().findChildren(QMenu)
        actions = [action for menu in menus for action in menu.actions()
                   if action.menuRole() != QAction.MenuRole.QuitRole]  # fmt: skip
        return [*actions, *self._window.findChildren(QShortcut)]

    def _list_staff(self) -> None:
        self._context.tasks.submit(self._pins.known_staff, self._listed, self._list_failed, channel="lock-staff")

    def _listed(self, staff: tuple[DeskStaffMember, ...]) -> None:
        self.screen.show_staff(staff)
        self.staff_listed.emit(staff)

    def _list_failed(self, error: FrontDeskError) -> None:
        self.screen.refused(say(error.message))

    def _unlock(self, name: str, pin: str) -> None:
        pins = self._pins
        self._context.tasks.submit(lambda: pins.unlock(name, pin), self._unlocked, self._refused)

    def _refused(self, error: FrontDeskError) -> None:
        self.screen.refused(say(error.message))
        if error.code == "pin_blocked":
            self._list_staff()  # the list says whose PIN is blocked

    def _set_pin(self, name: str, password: str, pin: str) -> None:
        pins, link = self._pins, self._context.link
        url = link.url if link is not None else self._context.platform_url
        self._context.tasks.submit(lambda: pins.set_pin_with_platform(url, name, password, pin), self._unlocked,
                                   self._set_pin_refused)  # fmt: skip

    def _set_pin_refused(self, error: FrontDeskError) -> None:
        if error.code == "invalid_input":  # the PIN itself: choose another, the password stays typed
            self.screen.new_pin_refused(say(error.message))
        else:
            self.screen.password_refused(say(error.message))

    def _unlocked(self, member: DeskStaffMember) -> None:
        if not self.locked:
            return
        here = self._context.staff  # the desk and its location stay; the person and their role change
        self._context.staff = StaffMember(member.name, member.role, here.desk, here.location)
        self.locked = False
        for command in self._paused:
            command.setEnabled(True)
        self._paused = []
        self._window.wedge.blockSignals(False)
        self._window.sync_status.conflicts.setEnabled(True)
        self._stack.setCurrentIndex(0)
        if self.idle is not None:
            self.idle.restart()
        self._staff_changed()  # title, status bar and the buttons the new role allows
        window = self._window
        if window.tabs.currentWidget() is window.scan:  # back where they were, the focus in its field
            window.show_scan()
        else:
            window.show_search()
        self.locked_changed.emit(False)
