"""The platform's objects on the wire (users, connections, vouchers); see wire.py for the envelopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from frontdesk.domain.membership import MembershipStatus as MembershipStatus  # re-exported: wire.py and its users
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire_fields import Fields, format_dt

JSON = dict[str, object]


def opt_dt(moment: datetime | None) -> str | None:
    return None if moment is None else format_dt(moment)


@dataclass(frozen=True, slots=True)
class Email:
    email: str
    is_primary: bool

    @classmethod
    def from_json(cls, data: object, where: str) -> Email:
        f = Fields(data, where)
        return cls(email=f.text("email"), is_primary=f.boolean("is_primary"))

    def to_json(self) -> JSON:
        return {"email": self.email, "is_primary": self.is_primary}


@dataclass(frozen=True, slots=True)
class User:
    user_id: int
    first_name: str
    last_name: str
    emails: tuple[Email, ...]
    phone_number: str | None
    birthday: date | None
    member_number: str | None
    last_mod_dt: datetime

    @property
    def id(self) -> int:
        return self.user_id

    @classmethod
    def from_json(cls, data: object, where: str = "user") -> User:
        f = Fields(data, where)
        emails = tuple(Email.from_json(e, f"{where}.emails[{i}]") for i, e in enumerate(f.items("emails")))
        return cls(
            user_id=f.integer("user_id"),
            first_name=f.text("first_name"),
            last_name=f.text("last_name"),
            emails=emails,
            phone_number=f.optional_text("phone_number"),
            birthday=f.optional_day("birthday"),
            member_number=f.optional_text("member_number"),
            last_mod_dt=f.moment("last_mod_dt"),
        )

    def to_json(self) -> JSON:
        return {
            "user_id": self.user_id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "emails": [e.to_json() for e in self.emails],
            "phone_number": self.phone_number,
            "birthday": None if self.birthday is None else self.birthday.isoformat(),
            "member_number": self.member_number,
            "last_mod_dt": format_dt(self.last_mod_dt),
        }


@dataclass(frozen=True, slots=True)
class Connection:
    """A customer's connection to one business: the loyalty program status."""

    connection_id: int
    user_id: int
    business_id: int
    status: ProgramStatus
    point_balance: int
    home_location: str | None
    membership_status: MembershipStatus
    last_mod_dt: datetime

    @property
    def id(self) -> int:
        return self.connection_id

    @classmethod
    def from_json(cls, data: object, where: str = "connection") -> Connection:
        f = Fields(data, where)
        return cls(
            connection_id=f.integer("connection_id"),
            user_id=f.integer("user_id"),
            business_id=f.integer("business_id"),
            status=f.choice("status", ProgramStatus),
            point_balance=f.integer("point_balance"),
            home_location=f.optional_text("home_location"),
            membership_status=f.choice("membership_status", MembershipStatus),
            last_mod_dt=f.moment("last_mod_dt"),
        )

    def to_json(self) -> JSON:
        return {
            "connection_id": self.connection_id,
            "user_id": self.user_id,
            "business_id": self.business_id,
            "status": self.status.value,
            "point_balance": self.point_balance,
            "home_location": self.home_location,
            "membership_status": self.membership_status.value,
            "last_mod_dt": format_dt(self.last_mod_dt),
        }


@dataclass(frozen=True, slots=True)
class Voucher:
    voucher_id: int
    user_id: int
    business_id: int
    title: str
    code: str  # what the barcode carries: the voucher_id in decimal
    external_coupon_code: str | None  # what a coupon QR code carries instead
    status: VoucherStatus
    points: int
    created_dt: datetime
    expires_dt: datetime | None
    used_dt: datetime | None
    used_location: str | None
    used_by_desk: str | None
    used_by_staff: str | None
    last_mod_dt: datetime

    @property
    def id(self) -> int:
        return self.voucher_id

    @classmethod
    def from_json(cls, data: object, where: str = "voucher") -> Voucher:
        f = Fields(data, where)
        return cls(
            voucher_id=f.integer("voucher_id"),
            user_id=f.integer("user_id"),
            business_id=f.integer("business_id"),
            title=f.text("title"),
            code=f.text("code"),
            external_coupon_code=f.optional_text("external_coupon_code"),
            status=f.choice("status", VoucherStatus),
            points=f.integer("points"),
            created_dt=f.moment("created_dt"),
            expires_dt=f.optional_moment("expires_dt"),
            used_dt=f.optional_moment("used_dt"),
            used_location=f.optional_text("used_location"),
            used_by_desk=f.optional_text("used_by_desk"),
            used_by_staff=f.optional_text("used_by_staff"),
            last_mod_dt=f.moment("last_mod_dt"),
        )

    def to_json(self) -> JSON:
        return {
            "voucher_id": self.voucher_id,
            "user_id": self.user_id,
            "business_id": self.business_id,
            "title": self.title,
            "code": self.code,
            "external_coupon_code": self.external_coupon_code,
            "status": self.status.value,
            "points": self.points,
            "created_dt": format_dt(self.created_dt),
            "expires_dt": opt_dt(self.expires_dt),
            "used_dt": opt_dt(self.used_dt),
            "used_location": self.used_location,
            "used_by_desk": self.used_by_desk,
            "used_by_staff": self.used_by_staff,
            "last_mod_dt": format_dt(self.last_mod_dt),
        }
