"""The window's menus: Desk (platform, sync, conflicts, activity, the day's report, lock, quit) and Help (keyboard
shortcuts, About)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from ui.shortcuts import HELP, SYNC_NOW, Shortcut
from ui.words import say

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Keys = str | QKeySequence.StandardKey | Shortcut | None  # a Shortcut: its keys come from ui/shortcuts.py
Item = tuple[str, Callable[[], object], Keys, str]  # text, slot, shortcut, status tip


def add_menu(window: QMainWindow, title: str, items: Sequence[Item]) -> QMenu:
    menu = window.menuBar().addMenu(say(title))
    for text, slot, keys, tip in items:
        action = QAction(say(text), window)
        action.setStatusTip(say(tip))
        action.setToolTip(say(tip))
        action.triggered.connect(slot)
        if isinstance(keys, Shortcut):
            action.setShortcuts(keys.sequences())
        elif keys is not None:
            action.setShortcut(QKeySequence(keys))
        if keys == QKeySequence.StandardKey.Quit:  # where each system puts Quit; a locked desk still quits
            action.setMenuRole(QAction.MenuRole.QuitRole)
        menu.addAction(action)
    return menu


def build_menus(window: MainWindow) -> None:
    add_menu(window, QT_TRANSLATE_NOOP("Menus", "&Desk"), (
        (QT_TRANSLATE_NOOP("Menus", "&Connect to platform…"), window.show_connect, None,
         QT_TRANSLATE_NOOP("Menus", "Sign in to the loyalty platform, or sign out")),
        (QT_TRANSLATE_NOOP("Menus", "&Sync now"), window.sync.sync_now, SYNC_NOW,
         QT_TRANSLATE_NOOP("Menus", "Send waiting changes and fetch news from the platform now")),
        (QT_TRANSLATE_NOOP("Menus", "Con&flicts…"), window.show_conflicts, None,
         QT_TRANSLATE_NOOP("Menus", "Changes the platform refused, to look at and acknowledge")),
        (QT_TRANSLATE_NOOP("Menus", "&Activity…"), window.show_activity, None,
         QT_TRANSLATE_NOOP("Menus", "Everything done at this desk: who, when, what")),
        (QT_TRANSLATE_NOOP("Menus", "&Report…"), window.show_report, None,
         QT_TRANSLATE_NOOP("Menus", "The end-of-day report: what each staff member did, and its outcome")),
        (QT_TRANSLATE_NOOP("Menus", "La&nguage…"), window.show_language, None,
         QT_TRANSLATE_NOOP("Menus", "The window's language; a new one shows when Front Desk is next opened")),
        (QT_TRANSLATE_NOOP("Menus", "&Lock desk"), lambda: window.lock.lock(), "Ctrl+L",
         QT_TRANSLATE_NOOP("Menus", "Lock the desk for the next person's PIN (Ctrl+L)")),
        (QT_TRANSLATE_NOOP("Menus", "&Quit"), window.close, QKeySequence.StandardKey.Quit,
         QT_TRANSLATE_NOOP("Menus", "Close Front Desk; waiting changes are kept")),
    ))  # fmt: skip
    add_menu(window, QT_TRANSLATE_NOOP("Menus", "&Help"), (
        (QT_TRANSLATE_NOOP("Menus", "&Keyboard shortcuts…"), window.show_shortcuts, HELP,
         QT_TRANSLATE_NOOP("Menus", "Every key the window answers to")),
        (QT_TRANSLATE_NOOP("Menus", "&About Front Desk"), window.show_about, None,
         QT_TRANSLATE_NOOP("Menus", "Versions, where this desk keeps its files, diagnostics")),
    ))  # fmt: skip
