"""Defensive readers for JSON from the wire: every wrong shape becomes a ProtocolError, never a crash."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import TypeVar

from frontdesk.domain.errors import FrontDeskError

E = TypeVar("E", bound=StrEnum)


class ProtocolError(FrontDeskError):
    """The other side sent something that does not follow the protocol (openapi.yaml)."""

    code = "protocol_error"

    def __init__(self, detail: str) -> None:
        super().__init__(f"The loyalty platform sent a reply this app cannot read ({detail}).")
        self.detail = detail


def format_dt(moment: datetime) -> str:
    """ISO-8601 UTC with microseconds and a `Z`, e.g. 2024-05-01T09:30:00.000000Z."""
    if moment.tzinfo is None:
        raise ValueError("a wire datetime must carry a time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_dt(text: str) -> datetime:
    """Inverse of format_dt; accepts any ISO-8601 form with an offset. Raises ValueError otherwise, also for a
    moment UTC cannot hold (0001-01-01T00:00:00+14:00 is still year 0 in UTC)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("outside the years 1-9999 in UTC") from None


def parse_http_date(text: str | None) -> datetime | None:
    """An HTTP Date header (`Tue, 07 May 2024 09:30:00 GMT`) as an aware UTC datetime; None if absent or bad."""
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


class Fields:
    """Typed access to one JSON object; `where` names it in errors (e.g. `objects[3]`)."""

    __slots__ = ("_data", "where")

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise ProtocolError(f"{where} should be an object, not {_kind(data)}")
        self._data: dict[str, object] = data
        self.where = where

    def raw(self, name: str) -> object:
        if name not in self._data:
            raise ProtocolError(f"{self.where}.{name} is missing")
        return self._data[name]

    def names(self) -> list[str]:
        return list(self._data)

    def optional_raw(self, name: str) -> object:
        return self._data.get(name)

    def _wrong(self, name: str, wanted: str, value: object) -> ProtocolError:
        return ProtocolError(f"{self.where}.{name} should be {wanted}, not {_kind(value)}")

    def integer(self, name: str) -> int:
        value = self.raw(name)
        # bool is an int in Python; on the wire `true` is never a number.
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(name, "a whole number", value)
        return value

    def optional_integer(self, name: str) -> int | None:
        return None if self._data.get(name) is None else self.integer(name)

    def text(self, name: str) -> str:
        value = self.raw(name)
        if not isinstance(value, str):
            raise self._wrong(name, "text", value)
        return value

    def optional_text(self, name: str) -> str | None:
        return None if self._data.get(name) is None else self.text(name)

    def optional_label(self, name: str, max_length: int | None) -> str | None:
        """Text a platform stores from a request: no NUL character (no database keeps one), and not too long."""
        value = self.optional_text(name)
        if value is not None and "\x00" in value:
            raise ProtocolError(f"{self.where}.{name} contains a NUL character")
        if value is not None and max_length is not None and len(value) > max_length:
            raise ProtocolError(f"{self.where}.{name} is longer than {max_length} characters")
        return value

    def boolean(self, name: str) -> bool:
        value = self.raw(name)
        if not isinstance(value, bool):
            raise self._wrong(name, "true or false", value)
        return value

    def moment(self, name: str) -> datetime:
        text = self.text(name)
        try:
            return parse_dt(text)
        except ValueError:
            raise ProtocolError(f"{self.where}.{name} is not an ISO-8601 time with a zone: {text[:40]!r}") from None

    def optional_moment(self, name: str) -> datetime | None:
        return None if self._data.get(name) is None else self.moment(name)

    def optional_day(self, name: str) -> date | None:
        if self._data.get(name) is None:
            return None
        text = self.text(name)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ProtocolError(f"{self.where}.{name} is not a date (YYYY-MM-DD): {text[:40]!r}") from None

    def choice(self, name: str, enum: type[E]) -> E:
        text = self.text(name)
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise ProtocolError(f"{self.where}.{name} is {text[:40]!r}, expected one of {allowed}") from None

    def items(self, name: str) -> list[object]:
        value = self.raw(name)
        if not isinstance(value, list):
            raise self._wrong(name, "a list", value)
        return value

    def child(self, name: str) -> Fields:
        return Fields(self.raw(name), f"{self.where}.{name}")
