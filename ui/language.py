"""The window's language: Front Desk's own translation (ui/translations/frontdesk_<lang>.qm, made from the .ts
there by tools/translations.py) and Qt's for its standard dialogs, plus the locale that writes days and numbers.
English is the source language; its file holds only the plural forms ("1 change" / "2 changes") and is always
installed first, under any other language.

The desk's settings say which: "" follows the system's language, "en" or "es" picks one. A choice made in
Desk → Language… takes effect the next time Front Desk opens (every text is set when its widget is built)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from ui.look import described
from ui.words import say

TRANSLATIONS = Path(__file__).resolve().parent / "translations"  # package data: shipped in the wheel
SYSTEM = QT_TRANSLATE_NOOP("LanguageDialog", "System (default)")
# Each language by its own name, as people look for it; "" follows the system.
LANGUAGES: tuple[tuple[str, str], ...] = (("", SYSTEM), ("en", "English"), ("es", "Español"))
_installed: list[QTranslator] = []


def chosen_locale(choice: str) -> QLocale:
    """The locale for a choice; one in the system's own language keeps the system's country (es_MX stays es_MX)."""
    system = QLocale.system()
    wanted = QLocale(choice) if choice else system
    return system if wanted.language() == system.language() else wanted


def use_language(choice: str) -> QLocale:
    """Install the translations for `choice` (replacing any installed before) and make its locale the default."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    shown = chosen_locale(choice)
    QLocale.setDefault(shown)
    english = QLocale(QLocale.Language.English)
    wanted = [(english, "frontdesk", str(TRANSLATIONS))]
    if shown.language() != QLocale.Language.English:
        qt_own = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        wanted += [(shown, "frontdesk", str(TRANSLATIONS)), (shown, "qtbase", qt_own)]
    for language, name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(language, name, "_", folder):
            app.installTranslator(translator)  # the last installed is asked first
            _installed.append(translator)
    return shown


def language_name(choice: str) -> str:
    return next(say(name) for key, name in LANGUAGES if key == choice)


class LanguageDialog(QDialog):
    """Desk → Language…: pick the window's language; it is saved at once and shown from the next start."""

    def __init__(self, current: str, save: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Language"))
        self.choice = described(QComboBox(self), self.tr("Language"),
                                self.tr("The language of Front Desk's window, its dates and its numbers"))  # fmt: skip
        for key, name in LANGUAGES:
            self.choice.addItem(say(name), key)
        known = [key for key, _ in LANGUAGES]
        self.choice.setCurrentIndex(known.index(current) if current in known else 0)
        self.note = QLabel(self.tr("A new language shows the next time Front Desk is opened."), self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("When the language changes"))
        close = described(QPushButton(self.tr("Close"), self), self.tr("Close"), self.tr("Close this window"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Language:"), self))
        row.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.choice.currentIndexChanged.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        key = str(self.choice.itemData(index))
        self._save(key)
        self.note.setText(self.tr("Saved: Front Desk will be in {language} the next time it is opened.")
                          .format(language=language_name(key)))  # fmt: skip
