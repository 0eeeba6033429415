"""What the platform client hands back: push outcomes, pulled pages, and the errors a caller must handle.

A push has exactly three outcomes. Accepted: the platform applied (or had already applied) the change.
Refused: it will never apply it as sent (a conflict for a person to look at). Unknown: no clear answer
arrived, so it may or may not have been applied; send it again later with the same idempotency key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeAlias, TypeVar

from frontdesk.domain.errors import FrontDeskError
from frontdesk.protocol.wire import Connection, Cursor, User, Voucher

T = TypeVar("T", User, Connection, Voucher)


@dataclass(frozen=True, slots=True)
class Accepted(Generic[T]):
    object: T  # the object as the platform now holds it
    replayed: bool = False  # True when this is the stored answer to an earlier send of the same key


@dataclass(frozen=True, slots=True)
class Refused(Generic[T]):
    http_status: int
    code: str  # machine code, e.g. voucher_not_unused
    message: str  # plain words for staff
    current: T | None  # the object as the platform holds it, when it said


@dataclass(frozen=True, slots=True)
class Unknown:
    reason: str  # plain words: why there was no clear answer
    attempts: int


PushResult: TypeAlias = Accepted[T] | Refused[T] | Unknown


@dataclass(frozen=True, slots=True)
class PulledPage(Generic[T]):
    """New objects of one page, in (last_mod_dt, id) order, and the cursor to store once they are saved."""

    objects: tuple[T, ...]
    cursor: Cursor | None
    total_count: int | None
    server_time: datetime | None = None  # the platform's clock when it answered (HTTP Date)


class AuthRequired(FrontDeskError):
    """No token, or the platform no longer accepts it: sign in again. Nothing was changed."""

    code = "auth_required"


class SignInRefused(FrontDeskError):
    """Wrong staff name or password, or the platform refused the sign-in request."""

    code = "sign_in_refused"


class PlatformUnavailable(FrontDeskError):
    """The platform could not be reached or kept failing (after retries); work offline and try later."""

    code = "platform_unavailable"
