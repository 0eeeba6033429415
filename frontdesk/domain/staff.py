"""Who is at the desk, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words


class StaffRole(StrEnum):
    FRONT_DESK = "FRONT_DESK"
    EMPLOYEE = "EMPLOYEE"
    ADMIN = "ADMIN"

    @property
    def label(self) -> Words:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> StaffRole:
        try:
            return cls(text.strip().upper().replace(" ", "_").replace("-", "_"))
        except ValueError:
            raise InvalidInput(QT_TRANSLATE_NOOP("Staff", "“{text}” is not a staff role.").fill(text=text)) from None


class Permission(StrEnum):
    MARK_VOUCHER_USED = "mark_voucher_used"
    CHANGE_PROGRAM_STATUS = "change_program_status"
    SET_VOUCHER_BACK_TO_UNUSED = "set_voucher_back_to_unused"


_GRANTS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.FRONT_DESK: frozenset({Permission.MARK_VOUCHER_USED, Permission.CHANGE_PROGRAM_STATUS}),
    StaffRole.EMPLOYEE: frozenset(Permission),
    StaffRole.ADMIN: frozenset(Permission),
}

_LABELS = {
    StaffRole.FRONT_DESK: QT_TRANSLATE_NOOP("Staff", "Front desk"),
    StaffRole.EMPLOYEE: QT_TRANSLATE_NOOP("Staff", "Employee"),
    StaffRole.ADMIN: QT_TRANSLATE_NOOP("Staff", "Admin"),
}
_WHY_NOT = {
    Permission.SET_VOUCHER_BACK_TO_UNUSED: QT_TRANSLATE_NOOP(
        "Staff", "Only an employee or an admin can set a used voucher back to unused."
    ),
    Permission.MARK_VOUCHER_USED: QT_TRANSLATE_NOOP("Staff", "Your role cannot mark vouchers as used."),
    Permission.CHANGE_PROGRAM_STATUS: QT_TRANSLATE_NOOP(
        "Staff", "Your role cannot change a customer's program status."
    ),
}


@dataclass(frozen=True, slots=True)
class StaffMember:
    """The person acting and the desk they act from; carried by every audit entry and outbox action."""

    name: str
    role: StaffRole
    desk: str
    location: str = ""

    def may(self, permission: Permission) -> bool:
        return permission in _GRANTS[self.role]

    def why_not(self, permission: Permission) -> str | None:
        """None when allowed, else the tooltip text for a disabled control."""
        return None if self.may(permission) else _WHY_NOT[permission]

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise ChangeRefused(_WHY_NOT[permission], code="role_not_allowed")
