"""The `frontdesk` argument parser: a usage mistake is one plain line on stderr, and value types that refuse
numbers no desk can hold (so they never reach the database as an overflow)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
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
