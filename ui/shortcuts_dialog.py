"""Help → Keyboard shortcuts: every key the window answers to, read from the same list the window binds them from
(ui/shortcuts.py) and from the menu bar itself, so a shortcut added to either shows up here."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QMenuBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.focus_ring import FocusRing
from ui.look import described
from ui.shortcuts import SHORTCUTS, Where, key_name, translated

_MNEMONIC = re.compile(r"&([^&])")


def plain(text: str) -> str:
    """A menu text as read: without its & marks and its trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_keys(menu_title: str, action: QAction) -> str:
    """The action's own shortcut, or the way there through the menu's underlined letters ("Alt+D, C")."""
    bound = action.shortcuts()
    if bound:
        return QCoreApplication.translate("Shortcuts", " or ").join(key_name(keys.toString()) for keys in bound)
    menu, item = _MNEMONIC.search(menu_title), _MNEMONIC.search(action.text())
    if menu is None or item is None:
        return ""
    alt = QKeySequence(f"Alt+{menu.group(1).upper()}").toString(QKeySequence.SequenceFormat.NativeText)
    return f"{alt}, {item.group(1).upper()}"


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, what it does)]) in the order shown: the list's groups, then one group per menu."""
    groups = [(translated(str(where.value)), [(s.key_text(), s.described()) for s in SHORTCUTS
                                          if s.where is where and not s.in_menu]) for where in Where]  # fmt: skip
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = [(menu_keys(menu.title(), action), plain(action.text())) for action in menu.actions()
                if not action.isSeparator() and action.isVisible()]  # fmt: skip
        title = QCoreApplication.translate("ShortcutsDialog", "{menu} menu").format(menu=plain(menu.title()))
        groups.append((title, rows))
    return groups


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._menu_bar = menu_bar
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        self.tree.setRootIsDecorated(False)
        described(
            self.tree, self.tr("Keyboard shortcuts"), self.tr("Every key the window answers to, by where it works")
        )
        self.close_button = described(
            QPushButton(self.tr("Close"), self), self.tr("Close"), self.tr("Close this list (Esc)")
        )
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.resize(620, 640)
        self.focus_ring = FocusRing(self)

    def fill(self) -> None:
        """Read the list and the menus afresh (a menu item may have come since the last time)."""
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for group, rows in shortcut_rows(self._menu_bar):
            heading = QTreeWidgetItem(self.tree, [group, ""])
            heading.setFirstColumnSpanned(True)
            heading.setFont(0, bold)
            for keys, what in rows:
                QTreeWidgetItem(heading, [keys, what])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what it does) as listed, every group's rows in order."""
        found: list[tuple[str, str]] = []
        for top in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(top)
            children = [heading.child(i) for i in range(heading.childCount())] if heading is not None else []
            found.extend((child.text(0), child.text(1)) for child in children if child is not None)
        return found
