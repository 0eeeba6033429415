"""Every keyboard shortcut of the window, in one list.

The window binds its shortcuts from this list, tooltips quote it and Help → Keyboard shortcuts shows it, so the
keys that work, the keys a tooltip names and the keys the list shows cannot drift apart. Keys that widgets handle
themselves (Enter, Esc, the arrows, Tab) are listed here too, so staff find them in the same place."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

CONTEXT = "Shortcuts"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name Qt's tools look for
    """Marks an English text for translation; it is translated when shown (`translated`)."""
    return source


def translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class Where(Enum):
    """Where a shortcut works, in the order the list shows them."""

    ANYWHERE = QT_TRANSLATE_NOOP("Shortcuts", "Anywhere in the window")
    SEARCH = QT_TRANSLATE_NOOP("Shortcuts", "Search and results")
    CUSTOMER = QT_TRANSLATE_NOOP("Shortcuts", "Customer profile")
    STATUS = QT_TRANSLATE_NOOP("Shortcuts", "Status choice")
    VOUCHERS = QT_TRANSLATE_NOOP("Shortcuts", "Vouchers")


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # portable key names ("Ctrl+F", "Return"): the same on every keyboard layout
    action: str  # what it does, in English; translated when shown
    where: Where
    in_menu: bool = False  # bound by its menu item (which shows the keys itself), not by a QShortcut

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(keys) for keys in self.keys]

    def key_text(self) -> str:
        """The keys as this computer names them: "Ctrl+F or F3"."""
        return QCoreApplication.translate("Shortcuts", " or ").join(key_name(keys) for keys in self.keys)

    def described(self) -> str:
        return translated(self.action)


def key_name(keys: str) -> str:
    """One key combination as printed on keyboards ("Return" is labelled Enter)."""
    name = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    return QCoreApplication.translate("Shortcuts", "Enter") if name == "Return" else name


def with_keys(tip: str, shortcut: Shortcut) -> str:
    """A tooltip that names the shortcut: "Change this customer's loyalty program status (F2)"."""
    return f"{tip} ({shortcut.key_text()})"


SEARCH = Shortcut(("Ctrl+F", "F3", "/"), QT_TRANSLATE_NOOP("Shortcuts", "Go to the search field"), Where.ANYWHERE)
CUSTOMERS_PAGE = Shortcut(("Alt+1", "Ctrl+1"), QT_TRANSLATE_NOOP("Shortcuts", "Customers page"), Where.ANYWHERE)
SCAN_PAGE = Shortcut(("Alt+2", "Ctrl+2"), QT_TRANSLATE_NOOP("Shortcuts", "Mark Perks as Used page"), Where.ANYWHERE)
SYNC_NOW = Shortcut(("Ctrl+S", "F5"), QT_TRANSLATE_NOOP("Shortcuts", "Sync now"), Where.ANYWHERE, in_menu=True)
HELP = Shortcut(("F1",), QT_TRANSLATE_NOOP("Shortcuts", "This list of keyboard shortcuts"), Where.ANYWHERE,
                in_menu=True)  # fmt: skip
NEXT = Shortcut(("Tab", "Shift+Tab"), QT_TRANSLATE_NOOP("Shortcuts", "Next or previous control"), Where.ANYWHERE)
PRESS = Shortcut(("Space", "Return"), QT_TRANSLATE_NOOP("Shortcuts", "Press the button that has the focus"),
                 Where.ANYWHERE)  # fmt: skip
MOVE = Shortcut(("Down", "Up", "PgDown", "PgUp"),
                QT_TRANSLATE_NOOP("Shortcuts", "Move through the results: the highlighted customer is shown"),
                Where.SEARCH)  # fmt: skip
OPEN = Shortcut(("Return",), QT_TRANSLATE_NOOP("Shortcuts", "Open the highlighted customer (the focus goes to them)"),
                Where.SEARCH)  # fmt: skip
CLEAR = Shortcut(("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "Clear the search; from the results, back to the field"),
                 Where.SEARCH)  # fmt: skip
CHANGE_STATUS = Shortcut(("F2",), QT_TRANSLATE_NOOP("Shortcuts", "Change the customer's program status"),
                         Where.CUSTOMER)  # fmt: skip
MARK_USED = Shortcut(("Ctrl+U",), QT_TRANSLATE_NOOP("Shortcuts", "Mark the selected voucher as used"), Where.CUSTOMER)
SET_BACK = Shortcut(("Ctrl+Shift+U",), QT_TRANSLATE_NOOP("Shortcuts", "Set the selected voucher back to unused"),
                    Where.CUSTOMER)  # fmt: skip
BACK = Shortcut(("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "Back to the search field"), Where.CUSTOMER)
CHOOSE = Shortcut(("Down", "Up"), QT_TRANSLATE_NOOP("Shortcuts", "Move between the statuses offered"), Where.STATUS)
SAVE = Shortcut(("Return",), QT_TRANSLATE_NOOP("Shortcuts", "Save the status that has the focus"), Where.STATUS)
CANCEL = Shortcut(("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "Cancel: the status stays as it is"), Where.STATUS)
CONFIRM = Shortcut(("Return",), QT_TRANSLATE_NOOP("Shortcuts", "Set the voucher back with the reason typed"),
                   Where.VOUCHERS)  # fmt: skip
DROP_REASON = Shortcut(("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "Leave the voucher as it is"), Where.VOUCHERS)

SHORTCUTS = (SEARCH, CUSTOMERS_PAGE, SCAN_PAGE, SYNC_NOW, HELP, NEXT, PRESS, MOVE, OPEN, CLEAR, CHANGE_STATUS,
             MARK_USED, SET_BACK, BACK, CHOOSE, SAVE, CANCEL, CONFIRM, DROP_REASON)  # fmt: skip


def bind(shortcut: Shortcut, parent: QWidget, slot: Callable[[], object],
         context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> list[QShortcut]:  # fmt: skip
    made = []
    for sequence in shortcut.sequences():
        bound = QShortcut(sequence, parent)
        bound.setContext(context)
        bound.activated.connect(slot)
        made.append(bound)
    return made


def chain(widgets: Sequence[QWidget]) -> None:
    """Tab goes through these in this order (hidden ones are skipped as Tab comes to them)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
