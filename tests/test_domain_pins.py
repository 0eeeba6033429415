"""Desk PINs: which PINs are kept, how they are hashed, and how long wrong ones make the desk wait."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from frontdesk.domain import pins
from frontdesk.domain.errors import InvalidInput


@pytest.mark.parametrize("pin", ["4821", "90210", "135792468024", "0007", "2580"])
def test_pins_of_four_to_twelve_digits_are_kept(pin: str) -> None:
    pins.check_pin(pin)


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("482", "4 to 12 digits"),
        ("1357924680246", "4 to 12 digits"),
        ("48a1", "4 to 12 digits"),
        ("48 21", "4 to 12 digits"),
        ("٤٨٢١", "4 to 12 digits"),  # Arabic-Indic digits: isdigit() says yes, a keypad cannot type them
        ("", "4 to 12 digits"),
        ("1111", "too easy"),
        ("1234", "too easy"),
        ("98765", "too easy"),
    ],
)
def test_pins_the_desk_refuses_say_why(pin: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        pins.check_pin(pin)


def test_the_hash_is_not_the_pin_and_matches_only_it() -> None:
    stored = pins.hash_pin("4821")
    assert "4821" not in stored
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", pins.SCRYPT_N, pins.SCRYPT_R, pins.SCRYPT_P)
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert pins.pin_matches("4821", stored)
    assert not pins.pin_matches("4822", stored)
    assert not pins.pin_matches("", stored)


def test_the_same_pin_hashes_differently_with_each_salt() -> None:
    first, second = pins.hash_pin("4821"), pins.hash_pin("4821")
    assert first != second
    assert pins.pin_matches("4821", first) and pins.pin_matches("4821", second)
    assert pins.hash_pin("4821", salt=b"s" * 16) == pins.hash_pin("4821", salt=b"s" * 16)  # the salt is all


@pytest.mark.parametrize("stored", ["", "4821", "bcrypt$1$2$3$00$00", "scrypt$x$8$1$00$00", "scrypt$16$8$1$zz$00"])
def test_a_stored_value_that_is_no_scrypt_hash_matches_nothing(stored: str) -> None:
    assert not pins.pin_matches("4821", stored)


def test_wrong_pins_cost_nothing_at_first_then_a_doubling_wait_then_block() -> None:
    waits = [pins.wait_after(failures) for failures in range(1, pins.BLOCK_AFTER + 1)]
    assert waits[: pins.FREE_TRIES] == [timedelta(0)] * pins.FREE_TRIES
    growing = waits[pins.FREE_TRIES :]
    assert growing[0] == pins.FIRST_WAIT
    assert all(later == 2 * earlier for earlier, later in itertools.pairwise(growing))
    assert not pins.blocked(pins.BLOCK_AFTER - 1)
    assert pins.blocked(pins.BLOCK_AFTER)


@pytest.mark.parametrize(
    ("wait", "words"),
    [
        (timedelta(seconds=1), "1 second"),
        (timedelta(seconds=24.2), "25 seconds"),
        (timedelta(seconds=119), "119 seconds"),
        (timedelta(minutes=4), "4 minutes"),
        (timedelta(minutes=7, seconds=1), "8 minutes"),
    ],
)
def test_waits_are_said_rounded_up(wait: timedelta, words: str) -> None:
    assert pins.wait_words(wait) == words
