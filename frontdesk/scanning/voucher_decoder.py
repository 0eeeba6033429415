"""The scanning pipeline's decoder: one fast full-frame read, then cheap targeted attempts where a code seems to be.

Measured with `bench/decode.py` (1280x720, one core): the full-frame zxing-cpp read is ~4-5 ms and reads most
codes. What it misses, and the attempt that recovers it on the candidate region only:

* white-on-black 1D codes (zxing-cpp inverts 2D codes only)  -> "inverted": the crop as 255 - grey;
* blurred thin bars (EAN-13 out of focus)                    -> "sharpened": an unsharp mask, 1D only;
* glare on a phone screen over a QR finder pattern            -> "glare": divide by the local mean, QR only;
  and, when the zbar library is installed, "zbar" on the crop (reads the glare cases zxing-cpp still misses).

An empty frame pays the full-frame read plus ~0.5 ms to find no region, which keeps the median within budget.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import cv2

from frontdesk.scanning.decoder import LINEAR_FORMATS, VOUCHER_FORMATS, DecodedCode, Point, ZxingDecoder
from frontdesk.scanning.frames import Frame, to_gray
from frontdesk.scanning.pyzbar_decoder import PyzbarDecoder, pyzbar_available
from frontdesk.scanning.regions import Region, find_code_regions

ATTEMPTS = ("inverted", "sharpened", "glare", "zbar")
_ZBAR_HALF_SIDE = 300  # crops at least this big go to zbar at half size: 4x cheaper, QR modules stay >= 4 px


def _inverted(crop: Frame) -> tuple[Frame, float]:
    return 255 - crop, 1.0


def _sharpened(crop: Frame) -> tuple[Frame, float]:
    soft = cv2.GaussianBlur(crop, (0, 0), 2.0)
    return cv2.addWeighted(crop, 2.0, soft, -1.0, 0), 1.0


def _glare_corrected(crop: Frame) -> tuple[Frame, float]:
    # A window of 1/8 of the region follows a glare blob but stays larger than a QR finder's centre at any
    # distance from the camera (a fixed window size only worked at one distance).
    side = max(3, min(crop.shape[:2]) // 8 | 1)
    return cv2.divide(crop, cv2.blur(crop, (side, side)), scale=160), 1.0


def _for_zbar(crop: Frame) -> tuple[Frame, float]:
    if min(crop.shape[:2]) < _ZBAR_HALF_SIDE:
        return crop, 1.0
    half = cv2.resize(crop, (crop.shape[1] // 2, crop.shape[0] // 2), interpolation=cv2.INTER_AREA)
    return half, 2.0


class _GrayDecoder(Protocol):
    """ZxingDecoder and PyzbarDecoder: decode a crop, report positions in full-frame pixels."""

    def decode_gray(self, gray: Frame, *, origin: Point = (0, 0), scale: float = 1.0) -> tuple[DecodedCode, ...]: ...


@dataclass(frozen=True)
class _Attempt:
    name: str
    prepare: Callable[[Frame], tuple[Frame, float]]
    decoder: _GrayDecoder

    def run(self, gray: Frame, region: Region) -> tuple[DecodedCode, ...]:
        image, scale = self.prepare(region.crop(gray))
        return self.decoder.decode_gray(image, origin=(region.x0, region.y0), scale=scale)


class VoucherDecoder:
    """zxing-cpp on the whole frame, then the named `attempts` (see ATTEMPTS) on up to `regions` crops.

    "zbar" is used only when pyzbar and the zbar library can be loaded; otherwise it is skipped quietly.
    """

    def __init__(
        self, formats: Sequence[str] = VOUCHER_FORMATS, *, attempts: Sequence[str] = ATTEMPTS, regions: int = 3
    ) -> None:
        unknown = set(attempts) - set(ATTEMPTS)
        if unknown:
            raise ValueError(f"unknown decoding attempts {sorted(unknown)}; choose from {ATTEMPTS}")
        self._full = ZxingDecoder(formats)
        self._regions = regions
        self._attempts = [a for a in (_attempt(name, formats) for name in attempts) if a is not None]

    @property
    def name(self) -> str:
        return "+".join(["zxing-cpp", *(a.name for a in self._attempts)])

    @property
    def attempts(self) -> tuple[str, ...]:
        return tuple(a.name for a in self._attempts)

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        gray = to_gray(frame)
        found = _one_read_per_symbol(self._full.decode_gray(gray))
        if found or not self._attempts:
            return found
        for region in find_code_regions(gray, limit=self._regions):
            for attempt in self._attempts:
                found = _one_read_per_symbol(attempt.run(gray, region))
                if found:
                    return found
        return ()


def _one_read_per_symbol(codes: tuple[DecodedCode, ...]) -> tuple[DecodedCode, ...]:
    """Keep one read per 1D symbol: the one agreed on by the most scan lines.

    zxing-cpp sometimes also returns a second, wrong EAN-13 (its check digit catches only 9 in 10 errors) from
    a badly blurred band of the same bars; at a desk that could mark the wrong voucher, so it must go.
    """
    kept: list[DecodedCode] = []
    for code in sorted(codes, key=_bar_length, reverse=True):
        if code.format in LINEAR_FORMATS and any(
            other.format == code.format and _same_symbol(code, other) for other in kept
        ):
            continue
        kept.append(code)
    return tuple(c for c in codes if c in kept)


def _bar_length(code: DecodedCode) -> float:
    (x0, y0), _, _, (x3, y3) = code.position
    return math.hypot(x3 - x0, y3 - y0)  # top-left to bottom-left runs along the bars of a 1D code


def _same_symbol(a: DecodedCode, b: DecodedCode) -> bool:
    """Two reads whose centres are closer than most of a symbol's width come from the same bars."""
    (ax, ay), (bx, by) = _centre(a), _centre(b)
    (x0, y0), (x1, y1), _, _ = a.position
    return math.hypot(ax - bx, ay - by) < 0.75 * math.hypot(x1 - x0, y1 - y0)


def _centre(code: DecodedCode) -> tuple[float, float]:
    return sum(x for x, _ in code.position) / 4, sum(y for _, y in code.position) / 4


def _attempt(name: str, formats: Sequence[str]) -> _Attempt | None:
    """The attempt `name` for `formats`, or None when it has nothing to do (or zbar is not installed)."""
    linear = [f for f in formats if f in LINEAR_FORMATS]
    # Crops are small and the polarity is known, so zxing-cpp's own inverted and downscaled passes are waste.
    lean = {"try_invert": False, "try_downscale": False}
    if name == "inverted" and linear:
        return _Attempt(name, _inverted, ZxingDecoder(linear, name="zxing-cpp inverted", **lean))
    if name == "sharpened" and linear:
        return _Attempt(name, _sharpened, ZxingDecoder(linear, name="zxing-cpp sharpened", **lean))
    if name == "glare" and "QRCode" in formats:
        return _Attempt(name, _glare_corrected, ZxingDecoder(["QRCode"], name="zxing-cpp glare", **lean))
    if name == "zbar" and pyzbar_available():
        return _Attempt(name, _for_zbar, PyzbarDecoder(formats))
    return None


def default_decoder() -> VoucherDecoder:
    """The decoder the app uses: every attempt, zbar included when the zbar library is installed."""
    return VoucherDecoder()
