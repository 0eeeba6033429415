"""Who may unlock this desk, and with which PIN: set a PIN (after the platform checked the staff member's
password), unlock with it (online or offline), and slow down wrong PINs — their count is kept in the desk
database, so closing and reopening Front Desk resets nothing.

The role of an unlocked staff member is the one the platform gave at their last password sign-in here: a PIN
says who is at the desk, never what they may do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontdesk.domain import pins
from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError, InvalidInput
from frontdesk.domain.staff import StaffRole
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage import desk_staff
from frontdesk.storage.database import Database
from frontdesk.storage.models import DeskStaff
from frontdesk.sync.results import PlatformUnavailable

if TYPE_CHECKING:
    from frontdesk.services.desk import DeskServices

log = logging.getLogger(__name__)
RESET_HINT = QT_TRANSLATE_NOOP("Desk PINs", "Sign in with your platform password to set a new PIN.")


class PinRefused(FrontDeskError):
    """The desk stays locked: unknown name, wrong PIN, or too many wrong PINs for now."""

    code = "pin_refused"


@dataclass(frozen=True, slots=True)
class DeskStaffMember:
    """A staff member the lock screen lists: name and role as the platform gave them."""

    name: str
    role: StaffRole
    pin_blocked: bool = False  # too many wrong PINs: only the platform password sets a new one


def _member(row: DeskStaff) -> DeskStaffMember:
    return DeskStaffMember(row.name, StaffRole(row.role), pins.blocked(row.failed_pins))


class StaffPins:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    @classmethod
    def of(cls, desk: DeskServices) -> StaffPins:
        """The PINs of the desk the window works with (it holds the desk's services, never its database)."""
        return cls(desk.db, desk.clock)

    def known_staff(self) -> tuple[DeskStaffMember, ...]:
        with self.db.unit_of_work() as session:
            return tuple(_member(row) for row in desk_staff.everyone(session))

    def any_staff(self) -> bool:
        with self.db.unit_of_work() as session:
            return desk_staff.any_staff(session)

    def set_pin(self, name: str, role: StaffRole, pin: str) -> DeskStaffMember:
        """Keep `name`'s new PIN (as a salted hash) with the role the platform gave; earlier wrong PINs are
        forgotten. Only call it for someone the platform has just recognised (set_pin_with_platform)."""
        pins.check_pin(pin)
        hashed = pins.hash_pin(pin)  # slow on purpose: before the write lock, never inside it
        with self.db.unit_of_work(write=True) as session:
            row = desk_staff.keep_pin(session, name, role.value, hashed, self.clock.now())
            member = _member(row)
        log.info("PIN set on this desk for %s", name)
        return member

    def set_pin_with_platform(self, platform_url: str, name: str, password: str, pin: str) -> DeskStaffMember:
        """The platform checks the password and says who this is and their role; then the PIN is kept. The token
        the sign-in returns is not kept: the desk's own sign-in still sends its changes."""
        pins.check_pin(pin)  # a PIN the desk would refuse costs no sign-in attempt at the platform
        if not platform_url:
            no_platform = QT_TRANSLATE_NOOP(
                "Desk PINs", "This desk has no loyalty platform to check your password with."
            )
            raise InvalidInput(no_platform, code="no_platform")
        try:
            grant = PlatformLink(platform_url).sign_in(name.strip(), password)
        except PlatformUnavailable:
            raise PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "The loyalty platform could not be reached, so your "
                                               "password could not be checked. A PIN can be set once this desk is "
                                               "online; a PIN set before still unlocks."),
                             code="platform_unavailable") from None  # fmt: skip
        return self.set_pin(grant.staff.name, grant.staff.role, pin)

    def unlock(self, name: str, pin: str) -> DeskStaffMember:
        """The staff member whose PIN this is, or PinRefused with what to do. Works without any network."""
        with self.db.unit_of_work() as session:
            row = desk_staff.find(session, name)
            if row is None:
                raise PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "“{name}” has no PIN on this desk yet. {hint}")
                                 .fill(name=name, hint=RESET_HINT), code="no_pin")  # fmt: skip
            stored = row.pin_hash
            _refuse_while_waiting(row, self.clock)
        matched = pins.pin_matches(pin, stored)  # slow on purpose, and outside the write lock
        with self.db.unit_of_work(write=True) as session:
            row = desk_staff.find(session, name)
            if row is None or row.pin_hash != stored:  # a new PIN was set meanwhile: this guess was for the old one
                raise PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "The PIN for {name} was just changed on this desk. "
                                                   "Please type the new one.").fill(name=name))  # fmt: skip
            _refuse_while_waiting(row, self.clock)  # another guess meanwhile may have started a wait
            now = self.clock.now()
            if matched:
                row.failed_pins, row.wait_until, row.last_unlocked_at = 0, None, now
            else:
                row.failed_pins += 1
                wait = pins.wait_after(row.failed_pins)
                row.wait_until = now + wait if wait else None
            failures, member = row.failed_pins, _member(row)
        if not matched:  # raised after the block: the wrong PIN must be counted, not rolled back
            log.info("wrong PIN for %s (%d in a row)", name, failures)
            raise _wrong_pin(name, failures)
        log.info("desk unlocked by %s", name)
        return member


def _refuse_while_waiting(row: DeskStaff, clock: Clock) -> None:
    if pins.blocked(row.failed_pins):
        raise PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "Too many wrong PINs for {name}: this PIN no longer unlocks "
                                           "the desk. {hint}").fill(name=row.name, hint=RESET_HINT),
                         code="pin_blocked")  # fmt: skip
    now = clock.now()
    if row.wait_until is not None and row.wait_until > now:
        raise PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "Too many wrong PINs for {name}. Try again in {wait}, or sign "
                                           "in with your platform password to set a new PIN.")
                         .fill(name=row.name, wait=pins.wait_words(row.wait_until - now)), code="pin_wait")  # fmt: skip


def _wrong_pin(name: str, failures: int) -> PinRefused:
    if pins.blocked(failures):
        return PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "That PIN is not right. Too many wrong PINs for {name}: this "
                                            "PIN no longer unlocks the desk. {hint}").fill(name=name, hint=RESET_HINT),
                          code="pin_blocked")  # fmt: skip
    wait = pins.wait_after(failures)
    if wait:
        return PinRefused(QT_TRANSLATE_NOOP("Desk PINs", "That PIN is not right. Too many wrong PINs for {name}: try "
                                            "again in {wait}.").fill(name=name, wait=pins.wait_words(wait)),
                          code="pin_wait")  # fmt: skip
    left = pins.FREE_TRIES - failures + 1
    one = QT_TRANSLATE_NOOP("Desk PINs", "That PIN is not right for {name}. {count} more try before the desk makes "
                                         "you wait.")  # fmt: skip
    many = QT_TRANSLATE_NOOP("Desk PINs", "That PIN is not right for {name}. {count} more tries before the desk "
                                          "makes you wait.")  # fmt: skip
    return PinRefused((one if left == 1 else many).fill(name=name, count=left), code="wrong_pin")
