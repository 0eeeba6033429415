"""The window from the keyboard: its shortcuts (from ui/shortcuts.py), the results' highlight driving the profile,
Enter carrying the focus into the profile and Esc back out, a Tab order that follows the eye, and a focus ring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ui.focus_ring import FocusRing
from ui.shortcuts import (
    CHANGE_STATUS,
    CUSTOMERS_PAGE,
    MARK_USED,
    SCAN_PAGE,
    SEARCH,
    SET_BACK,
    SYNC_NOW,
    bind,
    chain,
    with_keys,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_keyboard(window: MainWindow) -> FocusRing:
    bind(SEARCH, window, window.show_search)
    bind(CUSTOMERS_PAGE, window, window.show_search)
    bind(SCAN_PAGE, window, window.show_scan)
    # The profile's shortcuts work wherever the focus is on the Customers page (the search field included), and
    # not while the scan page is shown: nothing acts on a customer staff cannot see.
    page, keys = window.splitter, window.customer.keys
    bind(CHANGE_STATUS, page, keys.edit_status, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    bind(MARK_USED, page, keys.mark_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    bind(SET_BACK, page, keys.set_back_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    window.search.customer_highlighted.connect(window.customer.preview)
    window.search.entered.connect(window.customer.focus_when_shown)
    window.customer.back_to_search.connect(window.show_search)

    for index, shortcut in enumerate((CUSTOMERS_PAGE, SCAN_PAGE)):
        window.tabs.setTabToolTip(index, with_keys(window.tabs.tabToolTip(index), shortcut))
    window.sync_status.sync.setToolTip(with_keys(window.sync_status.sync.toolTip(), SYNC_NOW))

    chain([window.tabs.tabBar(), window.search.field, window.search.list, window.customer.pencil])
    window.customer.keys.chain()
    return FocusRing(window)
