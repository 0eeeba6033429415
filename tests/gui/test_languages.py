"""Languages: the translations are complete, in step with the source and compiled as committed; and the real
window, its pages and dialogs in Spanish show no English word that the English window shows — so a text that
does not go through Qt's translation (an unwrapped string) fails here."""

from __future__ import annotations

import importlib.util
import platform
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSettings, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.dto import ScanSource
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from frontdesk.storage.models import Customer, Voucher
from ui.app import build_window
from ui.language import TRANSLATIONS, LanguageDialog, use_language
from ui.main_window import MainWindow
from ui.scan_preview import PreviewView
from ui.support import ErrorDialog

from .helpers import EMPLOYEE, open_customer, type_query

ROOT = Path(__file__).resolve().parents[2]
UNKNOWN_CODE = "NO-SUCH-1"  # a code typed on the scan page that no voucher has
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[a-z]+)?\}")
WORD = re.compile(r"[^\W\d_]{2,}")
# Words that read the same in every language: names of programs, formats and keys, and each language's own name.
SAME_EVERYWHERE = {"front", "desk", "python", "qt", "pyside", "sqlite", "opencv", "zxing", "cpp", "csv", "pdf",
                   "usb", "pin", "http", "https", "qr", "ok", "english", "español", "esc", "ctrl", "tab", "shift",
                   "enter", "alt", "hub"}  # fmt: skip


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(str(c.findtext("name")), str(m.findtext("source"))): m
            for c in root.iter("context") for m in c.iter("message")}  # fmt: skip


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


@pytest.mark.parametrize("name", ["frontdesk_es.ts", "frontdesk_en.ts"])
def test_each_translation_is_complete_in_step_with_the_source_and_compiled_as_committed(tmp_path: Path,
                                                                                        name: str) -> None:  # fmt: skip
    committed = TRANSLATIONS / name
    messages = _messages(committed)
    assert len(messages) > (400 if name == "frontdesk_es.ts" else 5)
    for (context, source), message in messages.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)  # no unfinished
        for form in _forms(message):
            assert form.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (context, source, form)
            assert ("%n" in form) == ("%n" in source), (context, source, form)
    # lupdate over today's source finds nothing new, changed or gone
    copy = tmp_path / name
    shutil.copy(committed, copy)
    _tool().update(copy)
    assert _messages(copy).keys() == messages.keys()
    assert "unfinished" not in copy.read_text(encoding="utf-8")
    # the .qm in the package is this .ts compiled
    compiled = tmp_path / name.replace(".ts", ".qm")
    _tool().release(committed, compiled)
    assert compiled.read_bytes() == committed.with_suffix(".qm").read_bytes()


# The window in a language ------------------------------------------------------------------------------
def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    columns = 1 if isinstance(view, QListView) else model.columnCount(root)
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), 30)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                yield str(model.data(model.index(row, column, QModelIndex()), role) or "")


def _widget_texts(widget: QWidget) -> Iterator[str]:
    yield from (widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis(),
                widget.accessibleName(), widget.accessibleDescription())  # fmt: skip
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield from (widget.tabText(i), widget.tabToolTip(i))
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget)
    if isinstance(widget, PreviewView):
        yield widget.placeholder
    if isinstance(widget, QMenu):
        yield widget.title()
    for action in widget.actions():
        yield from (action.text(), action.toolTip(), action.statusTip())


def _shown_texts(qtbot: QtBot, window: MainWindow, extra: list[QWidget]) -> list[str]:
    """Every text of the window, its pages and its dialogs, with something in each."""
    result = type_query(qtbot, window, "an")
    open_customer(qtbot, window, result.customers[0].id)
    window.customer.pencil.click()
    with window._context.desk.db.unit_of_work() as session:
        code = session.scalars(select(Voucher.code).where(Voucher.status == "UNUSED").order_by(Voucher.id)).first()
    window.show_scan()
    for typed in (str(code), UNKNOWN_CODE, str(code)):  # marked, not found, then already used
        with qtbot.waitSignal(window.scan.outcome_shown, timeout=5000):
            window.scan.handle_code(typed, ScanSource.TYPED)
    for show, loaded in ((window.show_activity, window.activity.loaded), (window.show_report, window.report.loaded),
                         (window.show_conflicts, window.conflicts.loaded)):  # fmt: skip
        with qtbot.waitSignal(loaded, timeout=5000):
            show()
    window.show_about()
    window.show_shortcuts()
    window.show_connect()
    window.show_search()
    tops = [window, *extra, *(top for top in QApplication.topLevelWidgets() if top.isVisible())]
    widgets = [w for top in tops for w in (top, *top.findChildren(QWidget))]
    return [_plain(text) for w in {id(w): w for w in widgets}.values() for text in _widget_texts(w) if text]


def _open(qtbot: QtBot, tmp_path: Path, language: str) -> tuple[MainWindow, list[QWidget]]:
    db = Database(tmp_path / f"{language}.db")
    demo_data.fill(db, 200, seed=7)
    settings = QSettings(str(tmp_path / f"{language}.ini"), QSettings.Format.IniFormat)
    window = build_window(DeskServices(db, SystemClock()), EMPLOYEE, is_demo=True, settings=settings,
                          desk_settings=DeskSettings(language=language))  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    language_dialog = LanguageDialog(language, lambda _: None, window)
    extra: list[QWidget] = [language_dialog, ErrorDialog("details", tmp_path / "x.log")]
    for widget in extra:
        qtbot.addWidget(widget)
    return window, extra


def _words(texts: list[str]) -> set[str]:
    return {word.casefold() for text in texts for word in WORD.findall(text)}


def _data_words(tmp_path: Path) -> set[str]:
    """Names, titles, places and paths the window shows as they are, in any language."""
    db = Database(tmp_path / "es.db")
    with db.unit_of_work() as session:
        people = session.execute(select(Customer.first_name, Customer.last_name, Customer.email)).all()
        titles = session.scalars(select(Voucher.title)).all()
    db.close()
    files = [str(tmp_path / name) for name in ("en.db", "es.db", "en.ini", "es.ini", "x.log")]
    texts = [*(" ".join(p) for p in people), *titles, *files, *demo_data.LOCATIONS, platform.platform(),
             platform.python_implementation(), EMPLOYEE.name, EMPLOYEE.desk, EMPLOYEE.location, UNKNOWN_CODE,
             str(Path.home())]  # fmt: skip
    return _words(texts)


def test_the_spanish_window_shows_no_english_word(qtbot: QtBot, tmp_path: Path) -> None:
    try:
        english, extra = _open(qtbot, tmp_path, "en")
        english_words = _words(_shown_texts(qtbot, english, extra))
        english._context.tasks.wait_idle()
        for widget in QApplication.topLevelWidgets():  # the English window and every dialog it opened
            widget.hide()
        spanish, extra = _open(qtbot, tmp_path, "es")
        assert QLocale().language() == QLocale.Language.Spanish
        shown = _shown_texts(qtbot, spanish, extra)
        spanish._context.tasks.wait_idle()
    finally:
        use_language("")
    translated = _words([form for m in _messages(TRANSLATIONS / "frontdesk_es.ts").values() for form in _forms(m)])
    locale = QLocale(QLocale.Language.Spanish)
    names = [f(i, t) for i in range(1, 13) for f in (locale.monthName, locale.standaloneMonthName)
             for t in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat)]  # fmt: skip
    names += [locale.dayName(i, t) for i in range(1, 8) for t in (QLocale.FormatType.ShortFormat,
                                                                  QLocale.FormatType.LongFormat)]  # fmt: skip
    spanish_words = translated | _words(names) | _data_words(tmp_path) | SAME_EVERYWHERE
    assert len(shown) > 300 and len(english_words) > 300  # the pages and dialogs were really there
    untranslated = sorted({text for text in shown if (_words([text]) & english_words) - spanish_words})
    assert not untranslated, "\n".join(untranslated)


def _access_letter(text: str) -> str | None:
    """The letter after a single '&' (Alt + that letter picks the entry); None when there is none."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_entries_of_a_menu_share_an_access_letter(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """Alt+D, L must open one thing: two entries with the same letter only move between them."""
    try:
        window, _extra = _open(qtbot, tmp_path, language)
        menus = [action.menu() for action in window.menuBar().actions() if action.menu() is not None]
        shared = {}
        for menu in [window.menuBar(), *menus]:
            letters = [_access_letter(action.text()) for action in menu.actions() if not action.isSeparator()]
            letters = [letter for letter in letters if letter]
            shared[menu.title() if menu is not window.menuBar() else "menu bar"] = sorted(
                {letter for letter in letters if letters.count(letter) > 1}
            )
        window._context.tasks.wait_idle()
    finally:
        use_language("")
    assert len(menus) >= 2
    assert all(not letters for letters in shared.values()), shared
