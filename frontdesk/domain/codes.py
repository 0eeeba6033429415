"""Voucher codes as scanned or typed: clean the noise scanners add, refuse what cannot be a code."""

from __future__ import annotations

import re

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP

MAX_CODE_LENGTH = 64
# AIM symbology identifiers (“]C0” Code 128, “]Q1” QR, “]E0” EAN…) that many USB scanners prepend.
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ALLOWED = re.compile(r"^[A-Z0-9][A-Z0-9\-_./:]*$")


def normalize_code(raw: str) -> str:
    """Return the canonical form of a voucher or coupon code, or raise InvalidInput in plain words.

    Codes are compared upper-case, without surrounding or inner whitespace and without control
    characters, so “ 5001 2345\\r”, “]C050012345” and “50012345” all name the same voucher.
    """
    text = _CONTROL.sub("", raw)
    text = "".join(text.split())
    text = _AIM_PREFIX.sub("", text).upper()
    if not text:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Codes", "The scan was empty. Please scan or type the code again."), code="empty_code"
        )
    if len(text) > MAX_CODE_LENGTH or not _ALLOWED.match(text):
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "Codes",
                "That does not look like a voucher code. Please scan again, or type the code printed under the "
                "barcode.",
            ),
            code="garbled_code",
        )
    return text
