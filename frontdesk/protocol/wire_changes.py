"""Sign-in and change requests on the wire: the token grant and the two PATCH bodies a desk sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire_fields import Fields, ProtocolError
from frontdesk.protocol.wire_objects import JSON, opt_dt


@dataclass(frozen=True, slots=True)
class StaffInfo:
    name: str
    role: StaffRole

    def to_json(self) -> JSON:
        return {"name": self.name, "role": self.role.value}


@dataclass(frozen=True, slots=True)
class TokenGrant:
    access_token: str
    token_type: str
    expires_in: int
    staff: StaffInfo

    @classmethod
    def from_json(cls, data: object) -> TokenGrant:
        f = Fields(data, "token")
        staff = f.child("staff")
        grant = cls(
            f.text("access_token"),
            f.text("token_type"),
            f.integer("expires_in"),
            StaffInfo(staff.text("name"), staff.choice("role", StaffRole)),
        )
        if grant.token_type.lower() != "bearer" or not grant.access_token:
            raise ProtocolError("token is not a bearer token")
        return grant

    def to_json(self) -> JSON:
        return {
            "access_token": self.access_token,
            "token_type": self.token_type,
            "expires_in": self.expires_in,
            "staff": self.staff.to_json(),
        }


_DESK_TARGETS = (VoucherStatus.USED, VoucherStatus.UNUSED)
LABEL_MAX = 100  # desk, staff_name and location: the platform keeps each in a column of this many characters


@dataclass(frozen=True, slots=True)
class VoucherStatusChange:
    """PATCH /v2/vouchers/{id}/ body: a desk marks a voucher used, or sets a mistaken mark back."""

    status: VoucherStatus
    location: str | None = None
    reason: str | None = None  # required to go back to UNUSED
    desk: str | None = None
    staff_name: str | None = None
    acted_at: datetime | None = None  # when staff acted, possibly hours before the push

    @classmethod
    def from_json(cls, data: object, where: str = "body") -> VoucherStatusChange:
        f = Fields(data, where)
        status = f.choice("status", VoucherStatus)
        if status not in _DESK_TARGETS:
            raise ProtocolError(f"{where}.status may only be USED or UNUSED, not {status.value}")
        return cls(
            status,
            f.optional_label("location", LABEL_MAX),
            f.optional_label("reason", None),
            f.optional_label("desk", LABEL_MAX),
            f.optional_label("staff_name", LABEL_MAX),
            f.optional_moment("acted_at"),
        )

    def to_json(self) -> JSON:
        return {
            "status": self.status.value,
            "location": self.location,
            "reason": self.reason,
            "desk": self.desk,
            "staff_name": self.staff_name,
            "acted_at": opt_dt(self.acted_at),
        }


@dataclass(frozen=True, slots=True)
class ConnectionStatusChange:
    """PATCH /v2/connections/{id}/ body: a desk changes a customer's program status."""

    status: ProgramStatus
    desk: str | None = None
    staff_name: str | None = None
    acted_at: datetime | None = None

    @classmethod
    def from_json(cls, data: object, where: str = "body") -> ConnectionStatusChange:
        f = Fields(data, where)
        return cls(
            f.choice("status", ProgramStatus),
            f.optional_label("desk", LABEL_MAX),
            f.optional_label("staff_name", LABEL_MAX),
            f.optional_moment("acted_at"),
        )

    def to_json(self) -> JSON:
        return {
            "status": self.status.value,
            "desk": self.desk,
            "staff_name": self.staff_name,
            "acted_at": opt_dt(self.acted_at),
        }
