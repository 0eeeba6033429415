"""Staff roles and what each may do at the desk."""

from __future__ import annotations

import pytest

from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.staff import Permission, StaffMember, StaffRole


def _member(role: StaffRole) -> StaffMember:
    return StaffMember(name="Sam", role=role, desk="Desk 2", location="Riverside")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("front desk", StaffRole.FRONT_DESK),
        ("Front-Desk", StaffRole.FRONT_DESK),
        ("FRONT_DESK", StaffRole.FRONT_DESK),
        (" employee ", StaffRole.EMPLOYEE),
        ("Admin", StaffRole.ADMIN),
    ],
)
def test_role_parse(text: str, expected: StaffRole) -> None:
    assert StaffRole.parse(text) is expected


@pytest.mark.parametrize("text", ["", "manager", "frontdesk", "root", "front desk!"])
def test_role_parse_refuses_unknown_roles(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        StaffRole.parse(text)
    assert "is not a staff role" in error.value.message


def test_labels_parse_back() -> None:
    for role in StaffRole:
        assert StaffRole.parse(role.label) is role
    assert StaffRole.FRONT_DESK.label == "Front desk"


@pytest.mark.parametrize("role", list(StaffRole), ids=lambda r: r.value)
def test_everyone_may_mark_used_and_change_program_status(role: StaffRole) -> None:
    member = _member(role)
    for permission in (Permission.MARK_VOUCHER_USED, Permission.CHANGE_PROGRAM_STATUS):
        assert member.may(permission)
        assert member.why_not(permission) is None
        member.require(permission)


def test_front_desk_cannot_set_a_voucher_back_to_unused() -> None:
    member = _member(StaffRole.FRONT_DESK)
    assert not member.may(Permission.SET_VOUCHER_BACK_TO_UNUSED)
    reason = member.why_not(Permission.SET_VOUCHER_BACK_TO_UNUSED)
    assert reason == "Only an employee or an admin can set a used voucher back to unused."
    with pytest.raises(ChangeRefused) as refused:
        member.require(Permission.SET_VOUCHER_BACK_TO_UNUSED)
    assert refused.value.code == "role_not_allowed"
    assert refused.value.message == reason


@pytest.mark.parametrize("role", [StaffRole.EMPLOYEE, StaffRole.ADMIN], ids=lambda r: r.value)
def test_employee_and_admin_can_set_back_to_unused(role: StaffRole) -> None:
    member = _member(role)
    assert member.may(Permission.SET_VOUCHER_BACK_TO_UNUSED)
    member.require(Permission.SET_VOUCHER_BACK_TO_UNUSED)


def test_staff_member_is_a_frozen_value() -> None:
    member = _member(StaffRole.ADMIN)
    with pytest.raises(AttributeError):
        member.name = "Someone else"  # type: ignore[misc]
    assert member == _member(StaffRole.ADMIN)
