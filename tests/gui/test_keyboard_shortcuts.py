"""Every action has its keys, named in its tooltip, and Help → Keyboard shortcuts lists them all — read from the
same list the window binds them from and from the menus, so nothing the window answers to is left out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from frontdesk.domain.vouchers import VoucherStatus
from ui.main_window import MainWindow
from ui.shortcuts import (
    CANCEL,
    CHANGE_STATUS,
    CONFIRM,
    CUSTOMERS_PAGE,
    MARK_USED,
    SAVE,
    SCAN_PAGE,
    SEARCH,
    SET_BACK,
    SHORTCUTS,
    SYNC_NOW,
    key_name,
)
from ui.shortcuts_dialog import plain

from .helpers import open_customer
from .keys import activate


def test_tooltips_name_the_keys(qtbot: QtBot, window: MainWindow) -> None:
    detail = open_customer(qtbot, window, 1)
    panel = window.customer
    qtbot.mouseClick(panel.pencil, Qt.MouseButton.LeftButton)
    unused = next(v for v in detail.vouchers if v.status is VoucherStatus.UNUSED)
    used = next(v for v in detail.vouchers if v.status is VoucherStatus.USED)
    mark, set_back = panel.vouchers.card_for(unused.id), panel.vouchers.card_for(used.id)
    assert mark is not None and mark.action is not None and set_back is not None and set_back.action is not None
    set_back.action.click()  # its reason field and Confirm button appear
    tips = {
        SEARCH: window.search.field.toolTip(),
        CUSTOMERS_PAGE: window.tabs.tabToolTip(0),
        SCAN_PAGE: window.tabs.tabToolTip(1),
        SYNC_NOW: window.sync_status.sync.toolTip(),
        CHANGE_STATUS: panel.pencil.toolTip(),
        SAVE: panel.editor.save.toolTip(),
        CANCEL: panel.editor.cancel.toolTip(),
        MARK_USED: mark.action.toolTip(),
        SET_BACK: set_back.action.toolTip(),
        CONFIRM: set_back.confirm.toolTip(),
    }
    for shortcut, tip in tips.items():
        assert f"({shortcut.key_text()})" in tip, (shortcut.action, tip)
    assert "F2" in panel.pencil.toolTip() and "Ctrl+U" in mark.action.toolTip()  # the names people read
    assert CONFIRM.key_text() in set_back.reason.toolTip()


def _listed_keys(listed: list[tuple[str, str]]) -> set[str]:
    return {one for keys, _what in listed for one in keys.split(" or ")}


def test_help_lists_every_shortcut_and_every_menu_item(qtbot: QtBot, window: MainWindow) -> None:
    keys = activate(qtbot, window)
    keys.press(Qt.Key.Key_F1)
    dialog = window.shortcuts
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    listed = dialog.rows()
    for shortcut in SHORTCUTS:
        if not shortcut.in_menu:
            assert (shortcut.key_text(), shortcut.described()) in listed
    menu_items = [(menu, action) for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()
                  if not action.isSeparator()]  # fmt: skip
    assert len(menu_items) >= 8
    shown = dict((what, keys) for keys, what in listed)
    for menu, action in menu_items:
        keys_shown = shown.get(plain(action.text()))
        assert keys_shown, f"{menu.title()} → {action.text()} is not listed with its keys"
        if action.shortcut().isEmpty():  # no shortcut of its own: the menu's underlined letters
            letter = menu.title()[menu.title().index("&") + 1]
            assert keys_shown.startswith(key_name(f"Alt+{letter}")), keys_shown
    assert shown["Sync now"] == SYNC_NOW.key_text()
    # Whatever the window answers to — its shortcuts and its menu items' keys — is in the list.
    bound = [s.key() for s in window.findChildren(QShortcut)]
    bound += [seq for a in window.findChildren(QAction) for seq in a.shortcuts()]
    names = _listed_keys(listed)
    missing = {seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in bound} - names
    assert not missing, f"keys the window answers to but Help does not list: {missing}"
    keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_page_and_search_shortcuts_work_from_anywhere(qtbot: QtBot, window: MainWindow) -> None:
    keys = activate(qtbot, window)
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.scan
    keys.press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.splitter and window.search.field.hasFocus()
    window.customer.setFocus()
    keys.press(Qt.Key.Key_F3)
    assert window.search.field.hasFocus()
