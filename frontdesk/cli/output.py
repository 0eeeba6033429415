"""JSON output and error reporting shared by every sub-command."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from frontdesk.domain.errors import ChangeRefused, FrontDeskError

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_REFUSED = 1  # the rules refused the change; nothing was changed
EXIT_BAD_INPUT = 2  # unknown id or code, bad argument, unusable database
EXIT_INCOMPLETE = 3  # a sync stopped before the end; what it did is kept, and the next run goes on from there


def plain(value: Any) -> Any:
    """DTOs → JSON-ready values (dates as ISO-8601, enums by value, properties like `name` included)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(type(value).__dict__.get("name"), property):  # e.g. CustomerSummary.name
            out["name"] = getattr(value, "name")  # noqa: B009 - mypy cannot see the property
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def emit(value: Any) -> None:
    print(json.dumps(plain(value), ensure_ascii=False))


def run_reporting_errors(action: Callable[[], int | None]) -> int:
    """Run a command (it may return its own exit status); a refusal or bad input becomes one plain line on stderr
    and a non-zero exit."""
    try:
        status = action()
    except ChangeRefused as refused:
        print(f"frontdesk: refused: {refused.message}", file=sys.stderr)
        return EXIT_REFUSED
    except FrontDeskError as error:
        print(f"frontdesk: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return status or 0
