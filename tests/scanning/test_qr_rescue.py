"""QR codes zxing-cpp misses on real photos, each for a reason seen on the real-photo dev set: a code on
cloth (bent grid), a code far away (enlarged neighbourhood), a line printed against the code (finder
patterns), and a clean black-and-white picture (the module threshold)."""

from __future__ import annotations

import cv2
import numpy as np
import segno

from frontdesk.scanning import PictureDecoder, VoucherDecoder, ZxingDecoder, default_decoder
from frontdesk.scanning.attempts import ATTEMPTS
from frontdesk.scanning.decoder import Corners
from frontdesk.scanning.finders import find_finders, qr_corners
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.picture_decoder import PASSES
from frontdesk.scanning.qr_resample import resample_qr

from .test_decoder import held_still
from .test_formats import on_a_desk

COUPON = "SPRING-7F3K2Q"
PX, QUIET = 10, 4  # pixels per module, modules of quiet zone


def printed(version: int = 3, px: int = PX) -> tuple[Frame, Corners]:
    """The coupon as a clean black-on-white QR code, and its outer corners."""
    modules = np.array(segno.make(COUPON, error="m", version=version, micro=False).matrix, bool)
    picture = np.where(np.repeat(np.repeat(modules, px, 0), px, 1), 0, 255).astype(np.uint8)
    start, end = QUIET * px, (QUIET + modules.shape[0]) * px
    return np.pad(picture, QUIET * px, constant_values=255), ((start, start), (end, start), (end, end), (start, end))


def bent(picture: Frame, amplitude: float, wavelength: float, phase: float) -> Frame:
    """The picture as if printed on cloth: every point moved along a wave in x and in y."""
    ys, xs = np.mgrid[0 : picture.shape[0], 0 : picture.shape[1]].astype(np.float32)
    map_x = xs + amplitude * np.sin(2 * np.pi * ys / wavelength + phase)
    map_y = ys + amplitude * np.sin(2 * np.pi * xs / wavelength + 1.7 * phase)
    warped = cv2.remap(picture, map_x, map_y, cv2.INTER_LINEAR, borderValue=255)
    return cv2.GaussianBlur(warped, (0, 0), 1.0)


def test_a_clean_black_and_white_picture_is_sampled() -> None:
    """Otsu's threshold on samples that are all 0 or 255 is 0 itself: "darker than the threshold" found no
    dark module at all, so a perfect picture with a damaged finder pattern was never read."""
    picture, corners = printed()
    start = QUIET * PX
    picture[start : start + 2 * PX, start : start + 2 * PX] = 255  # a corner of the top-left finder torn off
    assert ZxingDecoder().decode(picture) == ()
    code = resample_qr(picture, corners)
    assert code is not None and code.text == COUPON


def test_a_code_printed_on_cloth_is_read_on_a_bent_grid() -> None:
    picture, corners = printed()
    for phase in (0.0, 1.4, 2.8):
        cloth = bent(picture, amplitude=5, wavelength=160, phase=phase)
        assert ZxingDecoder().decode(cloth) == ()
        assert resample_qr(cloth, corners, bend=False) is None  # half a module off at the waves' crests
        code = resample_qr(cloth, corners)
        assert code is not None and (code.text, code.decoder) == (COUPON, "zxing-cpp resampled")


def test_a_small_soft_code_is_read_enlarged() -> None:
    """1.6 px per module and out of focus: zxing-cpp locates the symbol, and reads it at 3x sharpened."""
    picture, _ = printed(px=12)
    small = cv2.resize(picture, None, fx=1.6 / 12, fy=1.6 / 12, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(np.pad(small, 40, constant_values=255), (0, 0), 0.8)
    assert ZxingDecoder().decode(small) == ()
    assert [(c.text, c.decoder) for c in PictureDecoder().decode(small)] == [(COUPON, "zxing-cpp enlarged")]


def test_a_code_with_a_line_against_it_is_found_by_its_finder_patterns() -> None:
    picture, _ = printed()
    end = (QUIET + 29) * PX
    for edge in ("bottom", "right"):
        lined = picture.copy()
        if edge == "bottom":
            lined[end : end + 3 * PX, :] = 0
        else:
            lined[:, end : end + 3 * PX] = 0
        assert ZxingDecoder().decode(lined) == ()
        assert len(qr_corners(find_finders(lined))) == 1
        without = PictureDecoder(passes=[p for p in PASSES if p != "finders"])
        assert without.decode(lined) == ()
        assert [(c.text, c.decoder) for c in PictureDecoder().decode(lined)] == [(COUPON, "zxing-cpp resampled")]


def test_the_live_camera_finds_such_a_code_by_its_finder_patterns_too() -> None:
    picture, _ = printed()
    end = (QUIET + 29) * PX
    picture[end : end + 3 * PX, :] = 0
    without = VoucherDecoder(attempts=[a for a in ATTEMPTS if a != "finders"])
    for seed in range(3):
        frame = on_a_desk(picture, seed, width=300)
        assert held_still(without, frame) == []
        assert {(c.text, c.decoder) for c in held_still(default_decoder(), frame)} == {(COUPON, "zxing-cpp resampled")}


def test_finder_like_shapes_alone_are_never_read() -> None:
    """Three finder patterns with noise between them make a symbol's corners, never a payload."""
    rng = np.random.default_rng(5)
    picture, _ = printed()
    inner = slice((QUIET + 8) * PX, (QUIET + 21) * PX)
    for _ in range(10):
        noisy = picture.copy()
        noisy[inner, :] = rng.integers(0, 2, noisy[inner, :].shape, dtype=np.uint8) * 255
        noisy[:, inner] = rng.integers(0, 2, noisy[:, inner].shape, dtype=np.uint8) * 255
        for corners in qr_corners(find_finders(noisy)):
            assert resample_qr(noisy, corners) is None
