"""Find QR codes by their three finder patterns when zxing-cpp does not locate them at all.

zxing-cpp finds a finder pattern by its 1:1:3:1:1 run of dark and light across it, in both directions: a line
or a frame printed against the symbol (no quiet zone) lengthens the outer dark run and hides the pattern. Its
shape survives: a light square ring around a dark square, whatever touches the outside. So the picture is
thresholded and the contours searched for a light hole holding exactly one dark square of about 3/5 of its
side, centred. Three such patterns of one size at the corners of a right isosceles triangle give the symbol's
outer corners, which qr_resample.py samples and reads (Reed-Solomon decides; nothing is guessed).
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import cv2
import numpy as np

from frontdesk.scanning.decoder import Corners
from frontdesk.scanning.frames import Frame

_MOST_PATTERNS = 12  # the largest patterns only: a busy picture has many small ring-like shapes
_MOST_SYMBOLS = 4


class Finder(NamedTuple):
    x: float
    y: float
    module: float  # the pattern's light ring is 5 modules wide


def find_finders(gray: Frame) -> list[Finder]:
    """Finder patterns in `gray`, largest first."""
    _, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, hierarchy = cv2.findContours(dark, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    found = []
    # RETR_CCOMP: holes are the contours with a parent; a dark square inside a hole is a component of its
    # own again, so it is looked for by position (_dark_centre). Holes under 6x6 px are noise or text.
    for index in np.flatnonzero(hierarchy[0][:, 3] >= 0):
        hole = contours[int(index)]
        if len(hole) < 4 or cv2.contourArea(hole) < 36:
            continue
        (hx, hy), (hw, hh), _ = cv2.minAreaRect(hole)
        if min(hw, hh) < 5 or max(hw, hh) > 1.4 * min(hw, hh) or cv2.contourArea(hole) < 0.75 * hw * hh:
            continue
        found.append((hx, hy, hw, hh))
    if not found:
        return []
    integral = cv2.integral(dark // 255)
    finders = [Finder(x, y, (w + h) / 10) for x, y, w, h in found if _dark_centre(integral, x, y, (w + h) / 2)]
    return sorted(finders, key=lambda f: -f.module)[:_MOST_PATTERNS]


def _dark_centre(integral: Frame, x: float, y: float, side: float) -> bool:
    """Whether the hole's middle is a dark square of 3/5 of its side with light around it (`integral`: the
    summed-area table of the dark mask, 1 = dark)."""
    unit = side / 5
    height, width = int(integral.shape[0]) - 1, int(integral.shape[1]) - 1

    def mean(x0: float, y0: float, x1: float, y1: float) -> float:
        a, b = max(0, round(y0)), min(height, round(y1))
        c, d = max(0, round(x0)), min(width, round(x1))
        if b <= a or d <= c:
            return 0.0
        dark = int(integral[b, d]) - int(integral[a, d]) - int(integral[b, c]) + int(integral[a, c])
        return dark / ((b - a) * (d - c))

    core = mean(x - unit, y - unit, x + unit, y + unit)  # the inner 2x2 of the 3x3 square
    ring = (
        mean(x - 2.4 * unit, y - 0.5 * unit, x - 1.9 * unit, y + 0.5 * unit)
        + mean(x + 1.9 * unit, y - 0.5 * unit, x + 2.4 * unit, y + 0.5 * unit)
        + mean(x - 0.5 * unit, y - 2.4 * unit, x + 0.5 * unit, y - 1.9 * unit)
        + mean(x - 0.5 * unit, y + 1.9 * unit, x + 0.5 * unit, y + 2.4 * unit)
    ) / 4
    return core > 0.8 and ring < 0.2


def qr_corners(finders: list[Finder]) -> list[Corners]:
    """Outer corners (top-left, top-right, bottom-right, bottom-left) of the symbols three finders make."""
    symbols: list[Corners] = []
    for trio in itertools.combinations(finders, 3):
        if max(f.module for f in trio) > 1.5 * min(f.module for f in trio):
            continue
        if (corners := _symbol(trio)) is not None:
            symbols.append(corners)
            if len(symbols) == _MOST_SYMBOLS:
                break
    return symbols


def _symbol(trio: tuple[Finder, ...]) -> Corners | None:
    points = [np.array([f.x, f.y]) for f in trio]
    module = sum(f.module for f in trio) / 3
    for corner in range(3):  # the finder at the right angle is the symbol's top-left one
        top_left = points[corner]
        a, b = (points[i] - top_left for i in range(3) if i != corner)
        la, lb = float(np.hypot(*a)), float(np.hypot(*b))
        if min(la, lb) < 7 * module or max(la, lb) > 1.25 * min(la, lb):
            continue
        if abs(float(a @ b)) / (la * lb) > 0.25:  # not within ~15 degrees of a right angle
            continue
        if a[0] * b[1] - a[1] * b[0] < 0:
            a, b = b, a  # a runs to the top-right finder, b to the bottom-left one (clockwise on screen)
        modules = (la + lb) / 2 / module + 7
        if not 21 - 3 <= modules <= 77 + 6:
            return None
        out = 3.5 / (modules - 7)  # finder centres sit 3.5 modules inside the symbol's edges
        quad = (top_left - out * (a + b), top_left + a + out * (a - b),
                top_left + a + b + out * (a + b), top_left + b + out * (b - a))  # fmt: skip
        tl, tr, br, bl = ((round(float(p[0])), round(float(p[1]))) for p in quad)
        return (tl, tr, br, bl)
    return None
