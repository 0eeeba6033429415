"""Wire formats of the platform protocol (openapi.yaml): frozen dataclasses, parsed defensively.

`from_json` raises ProtocolError for any wrong shape (never a crash, never a silent skip); `to_json` gives
the exact dict the protocol sends. Objects live in wire_objects.py; list pages, errors, sign-in and change
requests live here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from frontdesk.protocol.wire_changes import ConnectionStatusChange, StaffInfo, TokenGrant, VoucherStatusChange
from frontdesk.protocol.wire_fields import Fields, ProtocolError, format_dt, parse_dt
from frontdesk.protocol.wire_objects import JSON, Connection, Email, MembershipStatus, User, Voucher

__all__ = [
    "CONNECTIONS",
    "JSON",
    "USERS",
    "VOUCHERS",
    "Connection",
    "ConnectionStatusChange",
    "Cursor",
    "Email",
    "ErrorBody",
    "ErrorItem",
    "MembershipStatus",
    "Page",
    "PageMeta",
    "ProtocolError",
    "Resource",
    "StaffInfo",
    "TokenGrant",
    "User",
    "Voucher",
    "VoucherStatusChange",
    "format_dt",
    "parse_dt",
]

T = TypeVar("T", User, Connection, Voucher)


@dataclass(frozen=True, slots=True, order=True)
class Cursor:
    """Where an incremental pull stopped: the (last_mod_dt, id) of the last object stored."""

    last_mod_dt: datetime
    id: int


@dataclass(frozen=True, slots=True)
class Resource(Generic[T]):
    """One pullable collection: `/v2/{name}/` and how to read its objects."""

    name: str
    parse: Callable[[object, str], T]

    @property
    def path(self) -> str:
        return f"/v2/{self.name}/"


USERS: Resource[User] = Resource("users", User.from_json)
CONNECTIONS: Resource[Connection] = Resource("connections", Connection.from_json)
VOUCHERS: Resource[Voucher] = Resource("vouchers", Voucher.from_json)


@dataclass(frozen=True, slots=True)
class PageMeta:
    limit: int
    offset: int
    total_count: int | None  # null on keyset continuation pages, where counting would cost a scan
    next: str | None

    @classmethod
    def from_json(cls, data: object, where: str = "meta") -> PageMeta:
        f = Fields(data, where)
        return cls(
            f.integer("limit"),
            f.integer("offset"),
            f.optional_integer("total_count"),
            f.optional_text("next"),
        )

    def to_json(self) -> JSON:
        return {
            "limit": self.limit,
            "offset": self.offset,
            "total_count": self.total_count,
            "next": self.next,
        }


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    meta: PageMeta
    objects: tuple[T, ...]
    server_time: datetime | None = None  # the answer's HTTP Date (not in the body): the platform's clock

    @classmethod
    def from_json(cls, data: object, resource: Resource[T]) -> Page[T]:
        f = Fields(data, "page")
        meta = PageMeta.from_json(f.raw("meta"), "page.meta")
        objects = tuple(resource.parse(o, f"{resource.name}[{i}]") for i, o in enumerate(f.items("objects")))
        return cls(meta, objects)


@dataclass(frozen=True, slots=True)
class ErrorItem:
    code: str
    message: str  # plain words a receptionist understands
    field: str = "__all__"


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """`{"errors": {"__all__": [{"code", "message", ...}]}, "current": {...}}`; `current` stays raw JSON."""

    items: tuple[ErrorItem, ...]
    current: object = None

    @property
    def first(self) -> ErrorItem:
        return self.items[0]

    @classmethod
    def from_json(cls, data: object) -> ErrorBody:
        f = Fields(data, "error")
        groups = Fields(f.raw("errors"), "error.errors")
        items: list[ErrorItem] = []
        for name in groups.names():
            for i, raw in enumerate(groups.items(name)):
                item = Fields(raw, f"error.errors.{name}[{i}]")
                items.append(ErrorItem(item.text("code"), item.text("message"), name))
        if not items:
            raise ProtocolError("error.errors holds no error")
        return cls(tuple(items), f.optional_raw("current"))
