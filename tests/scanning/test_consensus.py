"""The vote that keeps wrong 1D payloads out (consensus.py), on reads as the passes report them."""

from __future__ import annotations

import numpy as np

from frontdesk.scanning import DecodedCode
from frontdesk.scanning.consensus import agreed, check_region

from . import synth

BLANK = np.full((720, 1280), 200, np.uint8)
BARS = ((400, 300), (700, 300), (700, 360), (400, 360))  # an EAN-13's band of scan lines
ELSEWHERE = ((900, 500), (1200, 500), (1200, 560), (900, 560))


def read(text: str, by: str, where: tuple[tuple[int, int], ...] = BARS, fmt: str = "EAN13") -> DecodedCode:
    return DecodedCode(text, fmt, where, by)  # type: ignore[arg-type]


def test_two_passes_agreeing_on_a_1d_payload_are_one_read() -> None:
    found = agreed([read("5901234123457", "half size"), read("5901234123457", "contrast")], BLANK, None)
    assert [(c.text, c.decoder) for c in found] == [("5901234123457", "half size")]


def test_one_pass_alone_or_a_split_vote_is_not_enough_for_a_1d_payload() -> None:
    assert agreed([read("5901234123457", "contrast")], BLANK, None) == ()
    split = [read("5901234123457", "half size"), read("7908934123457", "contrast")]
    assert agreed(split, BLANK, None) == ()
    same_pass_twice = [read("7908934123457", "contrast"), read("7908934123457", "contrast")]
    assert agreed(same_pass_twice, BLANK, None) == ()


def test_different_symbols_vote_apart_and_2d_codes_are_trusted() -> None:
    found = agreed(
        [
            read("5901234123457", "half size"),
            read("5901234123457", "contrast"),
            read("96385074", "contrast", ELSEWHERE, "EAN8"),  # another symbol, read once: not enough
            read("SPRING-7F3K2Q", "half size", ELSEWHERE, "QRCode"),
            read("SPRING-7F3K2Q", "contrast", ELSEWHERE, "QRCode"),
        ],
        BLANK,
        None,
    )
    assert [c.text for c in found] == ["SPRING-7F3K2Q", "5901234123457"]


def test_the_region_check_confirms_a_single_read_and_outvotes_a_misread() -> None:
    frame = synth.gray(synth.voucher_frame("ean13", "clean", 0))
    assert agreed([read("5901234123457", "full size")], frame, None) == ()  # one read, no check: not enough
    check = check_region(["EAN13"])
    where = ((0, 0), (1280, 0), (1280, 720), (0, 720))  # anywhere: the check reads the region itself
    (confirmed,) = agreed([read("5901234123457", "full size", where)], frame, check)
    assert confirmed.text == "5901234123457"
    (corrected,) = agreed([read("7908934123457", "contrast", where)], frame, check)
    assert (corrected.text, corrected.decoder) == ("5901234123457", "zxing-cpp region check")
    assert agreed([read("7908934123457", "contrast", where)], BLANK, check) == ()
