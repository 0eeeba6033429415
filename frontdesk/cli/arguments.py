"""The `frontdesk` argument parser: a usage mistake is one plain line on stderr, and value types that refuse
numbers no desk can hold (so they never reach the database as an overflow)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import NoReturn

SQLITE_MAX_INTEGER = 2**63 - 1


class UsageError(Exception):
    """The command line itself is wrong (unknown option, missing or malformed argument)."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.line = f'frontdesk: {message} — see "{prog} --help"'


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors become a UsageError (main prints it as one line; `--help` is untouched).
    Sub-command parsers are made from the same class, so theirs do too."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _as_typed(text: str) -> str:
    """The argument as it was typed, with the bytes that are not UTF-8 shown as \\xNN."""
    try:
        raw = text.encode("utf-8", "surrogateescape")  # how Python keeps undecodable bytes of the command line
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def not_text(args: Sequence[str]) -> UsageError | None:
    """The first argument that is not UTF-8 text, as a usage error. Python hands such bytes over as lone
    surrogates, which fail far from here: when written to the database, sent to the platform or printed."""
    for index, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            option = f"{args[index - 1]} " if index and args[index - 1].startswith("-") else "the argument "
            message = f"{option}“{_as_typed(arg)}” is not UTF-8 text (check the terminal's character encoding)"
            return UsageError(message, "frontdesk")
    return None


def whole_number(what: str, *, minimum: int = 1, maximum: int = SQLITE_MAX_INTEGER) -> Callable[[str], int]:
    """An argument type for ids and counts: a whole number from `minimum` to `maximum` (by default SQLite's
    largest integer, so an id typed with too many digits is refused here, not as an overflow later)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"“{text}” is not {what} (use a whole number)") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{text} is not {what} (the smallest is {minimum})")
        if value > maximum:
            raise argparse.ArgumentTypeError(f"{text} is too large for {what} (the largest is {maximum})")
        return value

    return parse


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a number of seconds") from None
    if not 0 < value < 86_400:
        raise argparse.ArgumentTypeError(f"{text} seconds is not a usable time-out (more than 0, less than a day)")
    return value
