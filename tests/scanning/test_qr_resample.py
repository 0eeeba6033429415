"""QR codes zxing-cpp locates but cannot decode, read by sampling their modules ourselves (qr_resample.py)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import segno

from frontdesk.scanning import PictureDecoder, ZxingDecoder, default_decoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.qr_resample import function_patterns, resample_qr

from .test_decoder import held_still
from .test_formats import on_a_desk

COUPON = "SPRING-7F3K2Q"


def dotted_print(text: str, px: int = 12, dot: int = 4) -> Frame:
    """A QR code printed with a light dot in the middle of every dark data module (a coarse halftone print):
    zxing-cpp samples module centres, lands on the dots and fails its checksum; the modules are still mostly
    dark."""
    modules = np.array(segno.make(text, error="m", micro=False).matrix, bool)
    fixed, _ = function_patterns(modules.shape[0])
    picture = np.where(np.repeat(np.repeat(modules, px, 0), px, 1), 25, 245).astype(np.uint8)
    low, high = (px - dot) // 2, (px + dot) // 2
    for y, x in zip(*np.nonzero(modules & ~fixed), strict=True):
        picture[y * px + low : y * px + high, x * px + low : x * px + high] = 245
    return np.pad(picture, 4 * px, constant_values=245)


@pytest.mark.parametrize("seed", range(4))
def test_a_code_zxing_locates_but_cannot_decode_is_read(seed: int) -> None:
    frame = on_a_desk(dotted_print(COUPON), seed, width=300)
    assert ZxingDecoder().decode(frame) == ()
    (code,) = PictureDecoder().decode(frame)
    assert (code.text, code.format, code.decoder) == (COUPON, "QRCode", "zxing-cpp resampled")
    reads = held_still(default_decoder(), frame)
    assert {(c.text, c.decoder) for c in reads} == {(COUPON, "zxing-cpp resampled")}


@pytest.mark.parametrize("version", range(1, 16))
def test_the_repainted_modules_are_exactly_those_every_symbol_has(version: int) -> None:
    """Finder patterns, separators, timing rows, alignment patterns and the dark module: the same in any
    symbol of that version, whatever its payload and mask."""
    for payload in ("A", "VOUCHER-50012345", "x" * 9):
        modules = np.array(segno.make(payload, version=version, error="l", micro=False).matrix, bool)
        where, dark = function_patterns(modules.shape[0])
        assert modules.shape[0] == 17 + 4 * version
        assert (modules[where] == dark[where]).all()
    assert where.sum() >= 3 * 64 + 2 * (modules.shape[0] - 16)  # finders with separators and timing rows


def test_noise_inside_a_quadrilateral_is_never_read() -> None:
    """Guessing sizes and turns on anything but a QR code must not produce a payload (a wrong voucher)."""
    rng = np.random.default_rng(11)
    corners = ((40, 40), (260, 50), (250, 270), (30, 260))
    for _ in range(30):
        noise = cv2.GaussianBlur(rng.integers(0, 256, (300, 300), dtype=np.uint8), (0, 0), float(rng.uniform(0, 2)))
        assert resample_qr(noise, corners) is None
