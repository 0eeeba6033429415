"""Setting a desk PIN through a real platform: the platform checks the password and gives the name and role;
a wrong password or an unreachable platform keeps nothing, and a PIN set before still unlocks offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sync.helpers import STAFF, Platform

from frontdesk.domain.errors import FrontDeskError, InvalidInput
from frontdesk.domain.staff import StaffRole
from frontdesk.services.staff_pins import DeskStaffMember, PinRefused, StaffPins
from frontdesk.storage.database import Database

if TYPE_CHECKING:
    from conftest import FixedClock


@pytest.fixture
def desk_pins(db: Database, clock: FixedClock) -> StaffPins:
    return StaffPins(db, clock)


def test_the_platform_names_the_staff_member_and_their_role(platform: Platform, desk_pins: StaffPins) -> None:
    desk = desk_pins.set_pin_with_platform(platform.base_url, "desk", STAFF["desk"][0], "4821")
    manager = desk_pins.set_pin_with_platform(platform.base_url, " manager ", STAFF["manager"][0], "7395")
    assert (desk, manager) == (DeskStaffMember("desk", StaffRole.FRONT_DESK),
                               DeskStaffMember("manager", StaffRole.EMPLOYEE))  # fmt: skip
    assert desk_pins.unlock("manager", "7395").role is StaffRole.EMPLOYEE


def test_a_wrong_password_keeps_no_pin_and_changes_none(platform: Platform, desk_pins: StaffPins) -> None:
    desk_pins.set_pin_with_platform(platform.base_url, "desk", STAFF["desk"][0], "4821")
    with pytest.raises(FrontDeskError) as refused:
        desk_pins.set_pin_with_platform(platform.base_url, "desk", "not-the-password", "5702")
    assert refused.value.code == "sign_in_refused"
    with pytest.raises(FrontDeskError):
        desk_pins.set_pin_with_platform(platform.base_url, "nobody", "desk-pass", "5702")
    assert desk_pins.known_staff() == (DeskStaffMember("desk", StaffRole.FRONT_DESK),)
    assert desk_pins.unlock("desk", "4821").name == "desk"


def test_a_pin_the_desk_refuses_is_refused_before_the_password_is_sent(platform: Platform,
                                                                        desk_pins: StaffPins) -> None:  # fmt: skip
    with pytest.raises(InvalidInput, match="too easy"):
        desk_pins.set_pin_with_platform(platform.base_url, "desk", "not-the-password", "1234")
    assert desk_pins.known_staff() == ()


def test_offline_a_new_pin_waits_for_the_platform_and_a_kept_one_unlocks(platform: Platform, dead_url: str,
                                                                          desk_pins: StaffPins) -> None:  # fmt: skip
    desk_pins.set_pin_with_platform(platform.base_url, "manager", STAFF["manager"][0], "7395")
    with pytest.raises(PinRefused, match="could not be reached") as offline:
        desk_pins.set_pin_with_platform(dead_url, "desk", STAFF["desk"][0], "4821")
    assert offline.value.code == "platform_unavailable"
    assert desk_pins.unlock("manager", "7395") == DeskStaffMember("manager", StaffRole.EMPLOYEE)  # no network used


def test_a_desk_without_a_platform_says_so(desk_pins: StaffPins) -> None:
    with pytest.raises(InvalidInput, match="no loyalty platform"):
        desk_pins.set_pin_with_platform("", "desk", "desk-pass", "4821")
