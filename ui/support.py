"""Support: a rotating log file in the per-user log folder, and a plain dialog for an unhandled error (in the GUI
thread, a Qt slot or a worker thread) instead of a silent exit — logged, with details staff can copy for support.

The app logs shapes, not data: no tokens, passwords, PINs, names, emails or codes. Every line, tracebacks
included, still passes through `redact` before it reaches the file or the error dialog: an exception's message
can quote a value (SQLAlchemy's errors quote the row's parameters), and a log must never keep one."""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

log = logging.getLogger(__name__)
LOG_NAME = "frontdesk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_SECRET_NAMES = r"access_token|token|password|passwd|pin|secret|api[_-]?key|authorization"
_REDACTIONS = (
    (re.compile(r"\[parameters: [^\n]*"), "[parameters: hidden]"),  # SQLAlchemy quotes the statement's values
    (re.compile(r"(?i)\b(bearer)\s+[\w\-.~+/=]+"), r"\1 <hidden>"),
    (re.compile(rf"(?i)\b({_SECRET_NAMES})(['\"]?\s*[:=]\s*['\"]?)[^\s'\",;}}&]+"), r"\1\2<hidden>"),
    (re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    (re.compile(r"(?<![\w.])[A-Za-z]{0,4}-?\d{6,}(?![\w.])"), "<number>"),  # voucher codes, member numbers
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def default_log_folder() -> Path:
    return Path(user_log_dir("FrontDesk", appauthor=False))


@dataclass
class LogFile:
    path: Path | None  # None: the folder could not be written, so only the console gets the log
    handlers: tuple[logging.Handler, ...]

    def close(self) -> None:
        for handler in self.handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def start_logging(folder: Path | None = None, *, max_bytes: int = 2_000_000, backups: int = 4) -> LogFile:
    """Log INFO and above to the console and to `folder`/frontdesk.log (default: the per-user log folder),
    which rotates at `max_bytes`, keeping `backups` older files: a busy desk never fills the disk."""
    folder = folder or default_log_folder()
    formatter = RedactingFormatter(FORMAT)
    console = logging.StreamHandler()
    handlers: list[logging.Handler] = [console]
    problem = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(folder / LOG_NAME, maxBytes=max_bytes, backupCount=backups,
                                            encoding="utf-8"))  # fmt: skip
    except OSError as error:
        problem = error.strerror or type(error).__name__
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    if problem:
        log.warning("no log file: the folder %s cannot be written (%s)", folder, problem)
    return LogFile(None if problem else folder / LOG_NAME, tuple(handlers))


def log_file_in_use() -> Path | None:
    """The log file this process writes to, if any (for the About box)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RotatingFileHandler) and isinstance(handler.formatter, RedactingFormatter):
            return Path(handler.baseFilename)
    return None


class ErrorDialog(QDialog):
    """Plain words first; the details (the traceback, redacted) below, selectable and copyable."""

    def __init__(self, details: str, log_path: Path | None) -> None:
        super().__init__()  # no parent: closing or deleting another window must never take it along
        self.setWindowTitle(self.tr("Front Desk — something went wrong"))
        self.times = 1
        where = (self.tr("The details were written to the log file {path}.").format(path=log_path) if log_path
                 else self.tr("No log file could be written."))  # fmt: skip
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._plain = (
            self.tr(
                "Something went wrong in Front Desk. What was already saved stays saved. If the window "
                "does not work as it should, close Front Desk and open it again."
            )
            + "\n"
            + where
        )
        self.message.setText(self._plain)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName(self.tr("Error details"))
        self.copy = QPushButton(self.tr("&Copy details"), self)
        self.copy.setToolTip(self.tr("Copy the details, to send them to support"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
        self.close_button.clicked.connect(self.accept)
        self.resize(640, 380)

    def happened_again(self, details: str) -> None:
        self.times += 1
        self.message.setText(self.tr("{message} It happened %n times.", "", self.times).format(message=self._plain))
        self.details.appendPlainText(f"\n— again —\n{details}")


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashReporter(QObject):
    """sys.excepthook and threading.excepthook while installed: log the error, then show it in one dialog
    (shown on the GUI thread; further errors are added to the open one rather than piling up)."""

    reported = Signal(str)

    def __init__(self, log_path: Path | None) -> None:
        super().__init__()
        self.log_path = log_path
        self.dialog: ErrorDialog | None = None
        self._showing = False  # an error while the dialog is being shown is logged, not shown again (no loop)
        self._previous: tuple[Hook, Callable[[threading.ExceptHookArgs], object]] | None = None
        self.reported.connect(self._show)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook, threading.excepthook = self._unhandled, self._thread_unhandled

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _unhandled(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous is not None:
            self._previous[0](kind, error, trace)  # Ctrl+C in a terminal still ends the program
            return
        log.critical("unhandled error", exc_info=(kind, error, trace))
        self.reported.emit(redact("".join(traceback.format_exception(kind, error, trace))))

    def _thread_unhandled(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        thread = args.thread.name if args.thread is not None else "a worker thread"
        log.critical("unhandled error in %s", thread, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        details = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        self.reported.emit(redact(f"In {thread}:\n{details}"))  # queued to the GUI thread

    def _show(self, details: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.happened_again(details)
                return
            self.dialog = ErrorDialog(details, self.log_path)
            self.dialog.show()
            self.dialog.raise_()
        finally:
            self._showing = False
