"""Saying things in the staff's language: the sentences frontdesk/ hands over (frontdesk/domain/words.py)
translated at the moment they are shown, and numbers, days and times written the locale's way.

Text that is not Words (a platform's own reason, a name, a code) is shown as it came."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from frontdesk.domain.words import TEXT_STYLES, Words, local


def locale() -> QLocale:
    """The locale in use. The bare C locale (no language set, as on a server or CI) writes like British English:
    a 24-hour clock, thousands with commas and month names."""
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return QLocale("en_GB")
    return current


def number(value: int) -> str:
    """A count or an amount with the locale's digit grouping: 12,345 / 12.345."""
    return locale().toString(value)


def _qdate(moment: date) -> QDate:
    shown = local(moment)
    return QDate(shown.year, shown.month, shown.day)


def day(moment: date) -> str:
    """03 Nov 2025 / 03 nov 2025."""
    return locale().toString(_qdate(moment), "dd MMM yyyy")


def short_day(moment: date) -> str:
    """03 Nov (a day of this year)."""
    return locale().toString(_qdate(moment), "dd MMM")


def long_day(moment: date) -> str:
    """03 November 2025 / 03 noviembre 2025."""
    return locale().toString(_qdate(moment), "dd MMMM yyyy")


def short_weekday(moment: date) -> str:
    """Mon 3 Nov / lun 3 nov."""
    return locale().toString(_qdate(moment), "ddd d MMM")


def month(moment: date) -> str:
    return locale().toString(_qdate(moment), "MMM yyyy")


def weekday(moment: date) -> str:
    """Mon 3 Nov 2025 / lun 3 nov 2025."""
    return locale().toString(_qdate(moment), "ddd d MMM yyyy")


def time_of_day(moment: datetime, *, seconds: bool = False) -> str:
    """The locale's short clock: 14:05, 2:05 PM; with seconds 14:05:09. A naive time is read as it is."""
    shown = moment.astimezone()
    pattern = locale().timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and ":ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return locale().toString(QTime(shown.hour, shown.minute, shown.second), pattern)


MOMENTS: dict[str, Callable[[Any], str]] = {"day": day, "time": time_of_day, "month": month, "weekday": weekday}


class _Local(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in TEXT_STYLES:
            return TEXT_STYLES[format_spec](say(value) if isinstance(value, Words) else str(value))
        if isinstance(value, Words):
            return say(value)
        if isinstance(value, date) and format_spec in MOMENTS:
            return MOMENTS[format_spec](value)
        if isinstance(value, int) and not isinstance(value, bool) and not format_spec:
            return number(value)
        return str(super().format_field(value, format_spec))


def say(text: str) -> str:
    """`text` in the staff's language when it is Words; anything else as it is."""
    if not isinstance(text, Words):
        return text
    template = QCoreApplication.translate(text.context, text.source)
    if not text.values:
        return template
    try:
        return _Local().format(template, **text.values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: the English still says it
        return str(text)
