"""A driver error in words a receptionist understands; the details go to the log."""

from __future__ import annotations

import logging
from pathlib import Path

from frontdesk.domain.errors import StorageError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.storage.integrity import DAMAGED, says_damaged

log = logging.getLogger(__name__)


def failure_kind(error: BaseException) -> str:
    """os, busy, full, io, damaged, readonly or other: what went wrong, as far as the driver's words tell."""
    text = str(getattr(error, "orig", error)).lower()
    if isinstance(error, OSError):  # the file system refused before SQLite was asked
        return "os"
    if "locked" in text or "busy" in text:
        return "busy"
    if "disk is full" in text:
        return "full"
    if "disk i/o error" in text:  # also what a process allowed no larger files is told
        return "io"
    if says_damaged(error):
        return "damaged"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "readonly"
    return "other"


def explain_storage_failure(error: BaseException, path: Path) -> StorageError:
    """Turn a driver error into words a receptionist understands; the details go to the log."""
    log.warning("database error on %s: %s", path.name, type(getattr(error, "orig", error)).__name__)
    kind = failure_kind(error)
    message = _MESSAGES.get(kind, _DEFAULT).fill(path=str(path))
    return StorageError(message, code=DAMAGED if kind == "damaged" else None)


_MESSAGES = {
    "os": QT_TRANSLATE_NOOP(
        "Storage", "The desk database {path} cannot be opened (check the file and its folder's permissions)."
    ),
    "busy": QT_TRANSLATE_NOOP(
        "Storage", "The desk database is busy (another Front Desk may be using it). Please try again in a moment."
    ),
    "full": QT_TRANSLATE_NOOP(
        "Storage", "The computer's disk is full, so nothing could be saved. Free some space and try again."
    ),
    "damaged": QT_TRANSLATE_NOOP("Storage", "The file {path} is not a Front Desk database or is damaged."),
    "readonly": QT_TRANSLATE_NOOP(
        "Storage", "The desk database {path} cannot be written (check the folder's permissions)."
    ),
    "io": QT_TRANSLATE_NOOP(
        "Storage",
        "The desk database could not be read or written (the disk may be full or failing). Nothing was changed; "
        "please try again.",
    ),
}
_DEFAULT = QT_TRANSLATE_NOOP("Storage", "The desk database could not be used. Nothing was changed; please try again.")
