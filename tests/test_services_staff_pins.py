"""StaffPins on a real desk file: PINs kept as salted hashes, unlocking offline, wrong PINs slowed down and
counted across a restart, and a new PIN (after the platform password) clearing a block."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from frontdesk.domain import pins
from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.staff import StaffRole
from frontdesk.services.staff_pins import DeskStaffMember, PinRefused, StaffPins
from frontdesk.storage.database import Database

if TYPE_CHECKING:
    from conftest import FixedClock


def _rows(path: Path) -> dict[str, tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        found = connection.execute("SELECT name, role, pin_hash, failed_pins, wait_until FROM desk_staff").fetchall()
    finally:
        connection.close()
    return {row[0]: row[1:] for row in found}


@pytest.fixture
def staff_pins(db: Database, clock: FixedClock) -> StaffPins:
    return StaffPins(db, clock)


def _wrong(staff_pins: StaffPins, times: int, name: str = "Ana") -> list[PinRefused]:
    refusals = []
    for _ in range(times):
        with pytest.raises(PinRefused) as refused:
            staff_pins.unlock(name, "9999")
        refusals.append(refused.value)
    return refusals


def test_the_desk_keeps_a_salted_hash_never_the_pin(staff_pins: StaffPins, db: Database) -> None:
    pin = "48213579"  # long enough that no hex digest holds it by chance
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, pin)
    staff_pins.set_pin("Ben", StaffRole.ADMIN, pin)
    rows = _rows(db.path)
    assert rows["Ana"][0] == "FRONT_DESK" and rows["Ben"][0] == "ADMIN"
    ana_hash, ben_hash = str(rows["Ana"][1]), str(rows["Ben"][1])
    assert pin not in ana_hash and pin not in ben_hash
    assert ana_hash != ben_hash  # the same PIN, each with its own salt
    assert pins.pin_matches(pin, ana_hash) and pins.pin_matches(pin, ben_hash)
    for file in (db.path, db.path.with_name(db.path.name + "-wal")):
        assert pin.encode() not in (file.read_bytes() if file.exists() else b"")


def test_the_right_pin_unlocks_as_that_staff_member_with_the_kept_role(staff_pins: StaffPins) -> None:
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "4821")
    staff_pins.set_pin("Ben", StaffRole.ADMIN, "7395")
    assert staff_pins.unlock("Ben", "7395") == DeskStaffMember("Ben", StaffRole.ADMIN)
    assert staff_pins.unlock("Ana", "4821") == DeskStaffMember("Ana", StaffRole.FRONT_DESK)
    with pytest.raises(PinRefused, match="not right for Ana"):
        staff_pins.unlock("Ana", "7395")  # Ben's PIN is not Ana's
    assert [member.name for member in staff_pins.known_staff()] == ["Ana", "Ben"]  # whoever unlocked last first


def test_a_name_without_a_pin_is_told_how_to_get_one(staff_pins: StaffPins) -> None:
    assert not staff_pins.any_staff()
    with pytest.raises(PinRefused, match="Cleo” has no PIN on this desk yet") as refused:
        staff_pins.unlock("Cleo", "4821")
    assert "Sign in with your platform password to set a new PIN." in str(refused.value)


@pytest.mark.parametrize("pin", ["12", "1111", "12ab"])
def test_a_pin_the_desk_refuses_stores_nothing(staff_pins: StaffPins, db: Database, pin: str) -> None:
    with pytest.raises(InvalidInput):
        staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, pin)
    assert _rows(db.path) == {}


def test_wrong_pins_are_counted_and_then_make_the_desk_wait(staff_pins: StaffPins, clock: FixedClock) -> None:
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "4821")
    free = _wrong(staff_pins, pins.FREE_TRIES)
    assert [error.message for error in free] == [
        "That PIN is not right for Ana. 3 more tries before the desk makes you wait.",
        "That PIN is not right for Ana. 2 more tries before the desk makes you wait.",
        "That PIN is not right for Ana. 1 more try before the desk makes you wait.",
    ]
    [fourth] = _wrong(staff_pins, 1)
    assert fourth.message == "That PIN is not right. Too many wrong PINs for Ana: try again in 30 seconds."
    clock.moment += timedelta(seconds=10)
    with pytest.raises(PinRefused, match="Try again in 20 seconds") as waiting:
        staff_pins.unlock("Ana", "4821")  # even the right PIN waits: a guesser must not learn it was right
    assert waiting.value.code == "pin_wait"
    clock.moment += timedelta(seconds=20)
    assert staff_pins.unlock("Ana", "4821").name == "Ana"
    [again] = _wrong(staff_pins, 1)
    assert "3 more tries" in again.message  # a right PIN starts the count afresh


def test_the_wait_survives_closing_and_reopening_the_desk(db: Database, clock: FixedClock) -> None:
    StaffPins(db, clock).set_pin("Ana", StaffRole.FRONT_DESK, "4821")
    _wrong(StaffPins(db, clock), pins.FREE_TRIES + 2)  # the last is refused unchecked: the wait had begun
    db.close()
    reopened = Database(db.path)
    try:
        with pytest.raises(PinRefused, match="Try again in 30 seconds"):
            StaffPins(reopened, clock).unlock("Ana", "4821")
        clock.moment += timedelta(seconds=30)
        _wrong(StaffPins(reopened, clock), 1)
        with pytest.raises(PinRefused, match="Try again in 60 seconds"):  # the count went on where it was
            StaffPins(reopened, clock).unlock("Ana", "4821")
    finally:
        reopened.close()


def test_after_too_many_wrong_pins_only_a_new_pin_unlocks(staff_pins: StaffPins, db: Database,
                                                          clock: FixedClock) -> None:  # fmt: skip
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "4821")
    for _ in range(pins.BLOCK_AFTER - 1):
        _wrong(staff_pins, 1)
        clock.moment += timedelta(hours=1)  # every wait over
    [last] = _wrong(staff_pins, 1)
    assert last.code == "pin_blocked" and "no longer unlocks the desk" in last.message
    clock.moment += timedelta(days=30)
    with pytest.raises(PinRefused, match="Sign in with your platform password to set a new PIN"):
        staff_pins.unlock("Ana", "4821")
    assert staff_pins.known_staff() == (DeskStaffMember("Ana", StaffRole.FRONT_DESK, pin_blocked=True),)
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "5702")  # after the platform checked her password
    assert _rows(db.path)["Ana"][2:] == (0, None)
    assert staff_pins.unlock("Ana", "5702").name == "Ana"
    with pytest.raises(PinRefused, match="not right"):
        staff_pins.unlock("Ana", "4821")  # the old PIN is gone


def test_a_new_pin_takes_the_role_the_platform_gives_now(staff_pins: StaffPins) -> None:
    staff_pins.set_pin("Ana", StaffRole.ADMIN, "4821")
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "4821")
    assert staff_pins.unlock("Ana", "4821").role is StaffRole.FRONT_DESK


def test_no_pin_reaches_the_log(staff_pins: StaffPins, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "480213")
    staff_pins.unlock("Ana", "480213")
    _wrong(staff_pins, 2)
    assert "desk unlocked by Ana" in caplog.text and "wrong PIN for Ana" in caplog.text
    assert "480213" not in caplog.text and "9999" not in caplog.text


def test_two_wrong_pins_typed_at_once_on_two_desks_of_one_file_are_both_counted(
    db: Database, clock: FixedClock
) -> None:
    """Two windows (threads, each with its own connection to the same file) guess at the same moment: the
    count must go up by two every time — a lost update would hand a guesser free tries."""
    staff_pins = StaffPins(db, clock)
    other = Database(db.path)
    try:
        desks = [staff_pins, StaffPins(other, clock)]
        for _round in range(10):
            staff_pins.set_pin("Ana", StaffRole.FRONT_DESK, "4821")  # a new PIN forgets the earlier wrong ones
            barrier = threading.Barrier(2)
            refused: list[str] = []

            def guess(desk: StaffPins, barrier: threading.Barrier = barrier, refused: list[str] = refused) -> None:
                barrier.wait()
                try:
                    desk.unlock("Ana", "9999")
                except PinRefused as error:
                    refused.append(error.code)

            threads = [threading.Thread(target=guess, args=(desk,)) for desk in desks]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
            assert refused == ["wrong_pin", "wrong_pin"]
            assert _rows(db.path)["Ana"][2] == 2  # failed_pins
    finally:
        other.close()
