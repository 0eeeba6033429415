"""Desk PINs: what a PIN may be, how it is kept (a salted scrypt hash, never the PIN), and how wrong PINs are
slowed down.

A PIN only says which staff member is at a shared desk; their role always comes from the platform. A PIN has
few possible values, so the desk makes each guess slow (scrypt), waits longer after each wrong one past the
first few, and stops taking the PIN at all after BLOCK_AFTER wrong ones in a row, until the staff member
proves who they are with their platform password again.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import math
import secrets
from datetime import timedelta

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words, either

PIN_MIN, PIN_MAX = 4, 12
# scrypt N=2^15, r=8: about 32 MiB and 0.1-0.2 s a check, so a guess costs as much off the desk as on it.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024
SCHEME = "scrypt"
FREE_TRIES = 3  # wrong PINs in a row that cost nothing but the message (a slip of the finger)
FIRST_WAIT = timedelta(seconds=30)  # after the next one; each further wrong PIN doubles it
BLOCK_AFTER = 10  # wrong PINs in a row after which only the platform password sets a new PIN


def check_pin(pin: str) -> None:
    """Refuse a PIN the desk would not keep, in words staff understand."""
    if not (pin.isascii() and pin.isdigit()) or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise InvalidInput(QT_TRANSLATE_NOOP("Desk PINs", "A PIN is {least} to {most} digits, nothing else.")
                           .fill(least=PIN_MIN, most=PIN_MAX))  # fmt: skip
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if len(steps) == 1 and steps <= {-1, 0, 1}:
        raise InvalidInput(QT_TRANSLATE_NOOP("Desk PINs", "A PIN like 1111 or 1234 is too easy to guess. Please "
                                                          "choose another one."))  # fmt: skip


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The PIN's scrypt hash with a random salt of its own, as `scrypt$N$r$p$salt$hash` (hex)."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=_MAXMEM, dklen=32)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether `pin` is the one `stored` was made from; the comparison takes the same time either way."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = bytes.fromhex(digest)
        fresh = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               maxmem=_MAXMEM, dklen=len(expected))  # fmt: skip
    except ValueError:
        return False
    return hmac.compare_digest(fresh, expected)


def wait_after(failures: int) -> timedelta:
    """How long the desk takes no PIN for this staff member after `failures` wrong ones in a row."""
    if failures <= FREE_TRIES:
        return timedelta(0)
    return FIRST_WAIT * (1 << (failures - FREE_TRIES - 1))


def blocked(failures: int) -> bool:
    return failures >= BLOCK_AFTER


def wait_words(wait: timedelta) -> Words:
    """'25 seconds', '4 minutes': rounded up, so staff never try a moment too early."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 120:
        return either(seconds, QT_TRANSLATE_NOOP("Desk PINs", "{count} second"),
                      QT_TRANSLATE_NOOP("Desk PINs", "{count} seconds"))  # fmt: skip
    return QT_TRANSLATE_NOOP("Desk PINs", "{count} minutes").fill(count=math.ceil(seconds / 60))
