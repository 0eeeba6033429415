"""Errors that carry a message a receptionist can read, plus a machine code for logs and the wire."""

from __future__ import annotations


class FrontDeskError(Exception):
    """Base of every error the app shows to staff. `message` is plain words; `code` is for machines."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class NotFoundError(FrontDeskError):
    code = "not_found"


class ChangeRefused(FrontDeskError):
    """A staff action the rules do not allow; nothing was changed."""

    code = "change_refused"


class InvalidInput(FrontDeskError):
    code = "invalid_input"


class StorageError(FrontDeskError):
    """The local database could not be read or written (locked, full disk, damaged file)."""

    code = "storage_error"
