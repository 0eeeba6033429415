"""Read a QR code that zxing-cpp located but could not decode, by sampling its modules ourselves.

zxing-cpp gives up when a finder pattern is damaged, decorated or touches the picture's edge, or when a
printed code is warped: it still reports where the symbol is. Here the quadrilateral is rectified, each
module is sampled at its centre (on a regular grid, then on grids bent onto the module edges: qr_grid.py),
and the parts every QR code has at fixed places (three finder patterns with their separators, the timing
rows, alignment patterns) are painted back in before zxing-cpp reads the clean re-drawn symbol. They carry
no data, so repainting them cannot change what is read; Reed-Solomon error correction still decides whether
the data modules are good enough, so a wrong payload stays as unlikely as in any QR read.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np
import numpy.typing as npt

from frontdesk.scanning.decoder import Corners, DecodedCode, ZxingDecoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.qr_grid import REFINEMENTS, Square

_CELL = 8  # pixels per module in the rectified picture, for the largest size tried
_BENT_CELL = 16  # ... and for a size that fits, sampled again on bent grids (a pixel is 1/16 of a module)
_MARGIN = 2  # modules of border kept around the symbol: room for a bent grid to move outwards
_MAX_VERSION = 15  # up to 77x77 modules: enough for coupons, and bounds the sizes tried per symbol
# Share of the fixed modules that must already match before a sampling is decoded. Right size and turn: >= 0.92
# on the real-photo dev set; a wrong guess: ~0.5-0.65, and from such guesses Reed-Solomon let two wrong payloads
# through (a short "01" from a damaged version-12 symbol), so they are never decoded.
_MIN_AGREEMENT = 0.8
_PURE = ZxingDecoder(["QRCode"], try_invert=False, try_rotate=False, try_downscale=False, name="zxing-cpp resampled")
Bits = npt.NDArray[np.bool_]


def _alignment_centres(version: int) -> list[int]:
    """ISO 18004 Annex E: alignment pattern rows/columns, evenly spaced from 6 to size-7."""
    if version == 1:
        return []
    size = 17 + 4 * version
    count = version // 7 + 2
    step = 26 if version == 32 else -(-(size - 13) // (2 * count - 2)) * 2
    return [6] + [size - 7 - step * i for i in range(count - 2, -1, -1)]


@functools.cache
def function_patterns(size: int) -> tuple[Bits, Bits]:
    """(where, dark): the modules whose colour the QR standard fixes for a symbol of `size` modules."""
    where, dark = np.zeros((size, size), bool), np.zeros((size, size), bool)
    finder = np.zeros((7, 7), bool)
    finder[[0, 6], :] = finder[:, [0, 6]] = True
    finder[2:5, 2:5] = True
    for y, x in ((0, 0), (0, size - 7), (size - 7, 0)):
        where[max(0, y - 1) : y + 8, max(0, x - 1) : x + 8] = True  # with its white separator
        dark[y : y + 7, x : x + 7] = finder
    where[6, :] = where[:, 6] = True
    dark[6, 8 : size - 8] = np.arange(8, size - 8) % 2 == 0
    dark[8 : size - 8, 6] = np.arange(8, size - 8) % 2 == 0
    small = np.ones((5, 5), bool)
    small[1:4, 1:4] = False
    small[2, 2] = True
    centres = _alignment_centres((size - 17) // 4)
    for cy in centres:
        for cx in centres:
            if (cy, cx) in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                continue  # where the finder patterns are
            where[cy - 2 : cy + 3, cx - 2 : cx + 3] = True
            dark[cy - 2 : cy + 3, cx - 2 : cx + 3] = small
    where[size - 8, 8] = dark[size - 8, 8] = True  # the "dark module"
    return where, dark


def _rectified(gray: Frame, corners: Corners, modules: int, cell: int) -> tuple[Frame, int]:
    """The quadrilateral warped to a square of `modules` modules of `cell` pixels, inside a border of
    _MARGIN modules; and the border's width in pixels."""
    side, margin = modules * cell, _MARGIN * cell
    target = np.array([[0, 0], [side, 0], [side, side], [0, side]], np.float32) + margin
    transform = cv2.getPerspectiveTransform(np.array(corners, np.float32), target)
    square = cv2.warpPerspective(gray, transform, (side + 2 * margin,) * 2, flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    return square, margin


def _redrawn(bits: Bits) -> Frame:
    """The symbol at 4 px per module with a 4-module quiet zone: what zxing-cpp reads best."""
    picture = np.pad(np.where(bits, 0, 255).astype(np.uint8), 4, constant_values=255)
    return np.repeat(np.repeat(picture, 4, axis=0), 4, axis=1)


def _sizes(corners: Corners) -> range:
    """Module counts worth trying: versions whose modules would be at least ~1.5 px in the picture."""
    side = min(float(np.hypot(*np.subtract(corners[i], corners[(i + 1) % 4]))) for i in range(4))
    largest = max(1, min(_MAX_VERSION, int((side / 1.5 - 17) // 4)))
    return range(21, 17 + 4 * largest + 1, 4)


def _turns(dark: Bits) -> list[tuple[float, Bits]]:
    """The sampling turned and coloured every way whose fixed modules agree enough with the standard's, with
    how well they agree."""
    where, fixed = function_patterns(dark.shape[0])
    fits = []
    for bits in (dark, ~dark):  # dark-on-light, then light-on-dark
        for turns in range(4):  # the finder patterns may sit at any three corners of the quadrilateral
            turned = np.rot90(bits, turns)
            if (agreement := float(np.mean(turned[where] == fixed[where]))) >= _MIN_AGREEMENT:
                fits.append((agreement, turned))
    return fits


def _read(fits: list[tuple[float, Bits]]) -> str | None:
    for _, bits in fits:
        where, fixed = function_patterns(bits.shape[0])
        for code in _PURE.decode_gray(_redrawn(np.where(where, fixed, bits))):
            if code.format == "QRCode":
                return code.text
    return None


def resample_qr(gray: Frame, corners: Corners, *, bend: bool = True) -> DecodedCode | None:
    """The QR code inside `corners` (its outer corners, in `gray`'s pixels), or None. With `bend`, the size
    whose regular grid fits best, if it does not decode, is sampled again on grids bent onto the module edges."""
    sizes = _sizes(corners)
    picture, margin = _rectified(gray, corners, sizes[-1], _CELL)
    best: tuple[float, int] | None = None  # agreement, size
    for size in sizes:
        fits = _turns(Square(picture, margin, size).dark())
        if not fits:
            continue
        if (text := _read(fits)) is not None:
            return DecodedCode(text, "QRCode", corners, _PURE.name)
        best = max(best or (0.0, 0), (max(agreement for agreement, _ in fits), size))
    if bend and best is not None:
        size = best[1]
        square = Square(*_rectified(gray, corners, size, _BENT_CELL), size)
        for levels in REFINEMENTS:
            if (text := _read(_turns(square.dark(square.refined_offsets(levels))))) is not None:
                return DecodedCode(text, "QRCode", corners, _PURE.name)
    return None
