"""The window's menus: Desk (platform, sync, conflicts, activity, the day's report, lock, quit) and Help (keyboard
shortcuts, About)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.shortcuts import HELP, SYNC_NOW, Shortcut

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Keys = str | QKeySequence.StandardKey | Shortcut | None  # a Shortcut: its keys come from ui/shortcuts.py
Item = tuple[str, Callable[[], object], Keys, str]  # text, slot, shortcut, status tip


def add_menu(window: QMainWindow, title: str, items: Sequence[Item]) -> QMenu:
    menu = window.menuBar().addMenu(title)
    for text, slot, keys, tip in items:
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
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
    add_menu(window, "&Desk", (
        ("&Connect to platform…", window.show_connect, None, "Sign in to the loyalty platform, or sign out"),
        ("&Sync now", window.sync.sync_now, SYNC_NOW, "Send waiting changes and fetch news from the platform now"),
        ("Con&flicts…", window.show_conflicts, None, "Changes the platform refused, to look at and acknowledge"),
        ("&Activity…", window.show_activity, None, "Everything done at this desk: who, when, what"),
        ("&Report…", window.show_report, None, "The end-of-day report: what each staff member did, and its outcome"),
        ("&Lock desk", lambda: window.lock.lock(), "Ctrl+L", "Lock the desk for the next person's PIN (Ctrl+L)"),
        ("&Quit", window.close, QKeySequence.StandardKey.Quit, "Close Front Desk; waiting changes are kept"),
    ))  # fmt: skip
    add_menu(window, "&Help", (
        ("&Keyboard shortcuts…", window.show_shortcuts, HELP, "Every key the window answers to"),
        ("&About Front Desk", window.show_about, None, "Versions, where this desk keeps its files, diagnostics"),
    ))  # fmt: skip
