"""Sentences staff read, kept translatable without Qt.

`QT_TRANSLATE_NOOP(context, "…{name}…")` marks an English sentence for Qt's translation tools (pyside6-lupdate
finds calls of that name) and returns it as `Words`: a `str` that reads as the English sentence everywhere — the
command line, logs, the hub's answers, tests — and also remembers its context, its source and the values put into
it, so the window can say it in the staff's language (ui/words.py) at the moment it shows it.

Values are names, codes and other data (kept as they are), numbers, days and times (written in the reader's
locale by the window), or more Words (translated too). A placeholder's format spec says how a moment reads:
`{at:day}` 03 Nov 2025, `{at:time}` 14:05, `{at:month}` Nov 2025, `{at:weekday}` Mon 3 Nov 2025; and one for
text put inside a sentence: `{why:sentence}` ends it with a full stop, `{why:clause}` makes "No answer." read as
"no answer" in the middle of a sentence.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Union

Value = Union[str, int, date, "Words"]
# How each moment style reads in English (and in the command line); the window uses the locale's names instead.
ENGLISH_MOMENTS = {"day": "%d %b %Y", "time": "%H:%M", "month": "%b %Y", "weekday": "%a {day} %b %Y"}


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def clause(text: str) -> str:
    text = text.strip()
    return f"{text[:1].lower()}{text[1:].rstrip('.')}"


TEXT_STYLES = {"sentence": sentence, "clause": clause}


def local(moment: date) -> date:
    """Stored times are UTC; staff read their own wall-clock time. A day stays the day it is."""
    return moment.astimezone() if isinstance(moment, datetime) else moment


def english_moment(moment: date, style: str) -> str:
    shown = local(moment)
    return shown.strftime(ENGLISH_MOMENTS[style].replace("{day}", str(shown.day)))


class _English(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, date) and format_spec in ENGLISH_MOMENTS:
            return english_moment(value, format_spec)
        if format_spec in TEXT_STYLES:
            return TEXT_STYLES[format_spec](str(value))
        return str(super().format_field(value, format_spec))


class Words(str):
    """An English sentence that the window can translate: see the module's docstring."""

    context: str
    source: str
    values: Mapping[str, Value]

    def __new__(cls, context: str, source: str, values: Mapping[str, Value] | None = None) -> Words:
        filled = dict(values or {})
        self = super().__new__(cls, _English().format(source, **filled) if filled else source)
        self.context, self.source, self.values = context, source, filled
        return self

    def fill(self, **values: Value) -> Words:
        """The sentence with its placeholders filled in (the template itself stays for translation)."""
        return Words(self.context, self.source, {**self.values, **values})

    def __reduce__(self) -> tuple[Any, ...]:
        return Words, (self.context, self.source, dict(self.values))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Words:  # the name Qt's tools look for
    return Words(context, source)


def either(count: int, one: Words, many: Words) -> Words:
    """One of two sentences by a count ("1 change was" / "2 changes were"), with {count} filled in."""
    return (one if count == 1 else many).fill(count=count)
