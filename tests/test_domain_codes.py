"""Voucher codes as scanners and people deliver them: noise cleaned, garbage refused in plain words."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from frontdesk.domain.codes import MAX_CODE_LENGTH, normalize_code
from frontdesk.domain.errors import InvalidInput

CANONICAL = re.compile(r"[A-Z0-9][A-Z0-9\-_./:]*")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("50012345", "50012345"),
        (" 5001 2345\r", "50012345"),
        ("50012345\r\n", "50012345"),
        ("\t50012345\n", "50012345"),
        ("]C050012345", "50012345"),  # AIM Code 128
        ("]Q1cpn-2faf082", "CPN-2FAF082"),  # AIM QR, lower case
        ("]E0 4006381333931", "4006381333931"),  # AIM EAN-13 with a space after the prefix
        ("\x0250012345\x03", "50012345"),  # STX/ETX framing
        ("5001\x002345", "50012345"),  # a NUL inside
        ("cpn-abc.def/1:2_3", "CPN-ABC.DEF/1:2_3"),
        ("\u00a050012345\u2003", "50012345"),  # non-breaking and em spaces
        ("\x1b]C0ABC", "ABC"),  # escape byte before the prefix
        ("a" * MAX_CODE_LENGTH, "A" * MAX_CODE_LENGTH),
    ],
)
def test_scanner_noise_is_cleaned(raw: str, expected: str) -> None:
    assert normalize_code(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", "\x00\x03", "]C0", " ]Q1 \r"])
def test_empty_scans_say_so(raw: str) -> None:
    with pytest.raises(InvalidInput) as error:
        normalize_code(raw)
    assert error.value.code == "empty_code"
    assert error.value.message == "The scan was empty. Please scan or type the code again."


@pytest.mark.parametrize(
    "raw",
    [
        "hello world!",
        "@gmail",
        "-5001",  # must start with a letter or digit
        "5001]C0",  # a prefix is only a prefix at the start
        "日本語",
        "Zoë",
        "a" * (MAX_CODE_LENGTH + 1),
        "'; DROP TABLE vouchers; --",
        "50012345😀",
    ],
)
def test_garbage_is_refused_as_garbled(raw: str) -> None:
    with pytest.raises(InvalidInput) as error:
        normalize_code(raw)
    assert error.value.code == "garbled_code"
    assert "does not look like a voucher code" in error.value.message


@given(st.text())
@example("]C0")
@example("\x00")
@example("ß")  # upper-cases to "SS"
@example("ı1")  # dotless i upper-cases to an ASCII I
def test_any_text_normalizes_to_a_valid_code_or_raises_invalid_input(raw: str) -> None:
    try:
        code = normalize_code(raw)
    except InvalidInput as error:
        assert error.code in {"empty_code", "garbled_code"}
        assert error.message
        return
    assert CANONICAL.fullmatch(code), code
    assert len(code) <= MAX_CODE_LENGTH
    assert normalize_code(code) == code  # canonical codes are fixed points


@given(st.text(alphabet="0123456789ABCDEFabcdef-", min_size=1, max_size=40).filter(lambda s: s[0] != "-"))
def test_real_looking_codes_survive_every_kind_of_noise(code: str) -> None:
    noisy = f"]C0{code}\r\n"
    assert normalize_code(noisy) == code.upper()
    assert normalize_code(f"  {code.lower()} ") == code.upper()
