"""Extra decoding attempts for a candidate region, each aimed at one measured reason for a missed read.

* white-on-black codes (zxing-cpp inverts 2D codes only)     -> "inverted": the crop as 255 - grey, first at
  half size (cheap enough to run before the full-size read), then at full size for fine bars;
* blurred thin bars (EAN-13 out of focus)                   -> "sharpened": an unsharp mask, 1D formats;
* glare on a phone screen over a QR finder pattern           -> "glare": divide by the local mean, QR only;
* what zxing-cpp still misses under glare, if zbar is there  -> "zbar": pyzbar on the crop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import cv2

from frontdesk.scanning.decoder import LINEAR_FORMATS, DecodedCode, Point, ZxingDecoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.pyzbar_decoder import PyzbarDecoder, pyzbar_available
from frontdesk.scanning.regions import Region

ATTEMPTS = ("inverted", "sharpened", "glare", "zbar")
_ZBAR_HALF_SIDE = 300  # crops at least this big go to zbar at half size: 4x cheaper, QR modules stay >= 4 px


class GrayDecoder(Protocol):
    """ZxingDecoder and PyzbarDecoder: decode a crop, report positions in full-frame pixels."""

    def decode_gray(self, gray: Frame, *, origin: Point = (0, 0), scale: float = 1.0) -> tuple[DecodedCode, ...]: ...


@dataclass(frozen=True)
class Attempt:
    name: str
    prepare: Callable[[Frame], tuple[Frame, float]]  # crop -> (picture to decode, its scale to the crop)
    decoder: GrayDecoder
    half_size: bool = False  # works on the half-size picture, before the full-size read

    def run(self, gray: Frame, half: Frame | None, region: Region) -> tuple[DecodedCode, ...]:
        if not self.half_size:
            image, scale = self.prepare(region.crop(gray))
            return self.decoder.decode_gray(image, origin=(region.x0, region.y0), scale=scale)
        if half is None:
            return ()
        small = Region(region.x0 // 2, region.y0 // 2, region.x1 // 2, region.y1 // 2)
        image, scale = self.prepare(small.crop(half))
        return self.decoder.decode_gray(image, origin=(small.x0 * 2, small.y0 * 2), scale=scale * 2)


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


def make_attempts(name: str, formats: Sequence[str]) -> list[Attempt]:
    """The attempts behind `name` for `formats`: none when it has nothing to do (or zbar is not installed)."""
    if name not in ATTEMPTS:
        raise ValueError(f"unknown decoding attempt {name!r}; choose from {ATTEMPTS}")
    linear = [f for f in formats if f in LINEAR_FORMATS]
    # Crops are small and their polarity is set here, so zxing-cpp's own inverted and downscaled passes are waste.
    lean = {"try_invert": False, "try_downscale": False}
    if name == "inverted":
        # Inverted QR codes are read by the half-size pass itself (zxing-cpp inverts 2D codes).
        early = [Attempt(name, _inverted, ZxingDecoder(linear, name="zxing-cpp inverted half size", **lean), True)]
        late = Attempt(name, _inverted, ZxingDecoder(formats, name="zxing-cpp inverted", **lean))
        return [*(early if linear else []), late]
    if name == "sharpened" and linear:
        return [Attempt(name, _sharpened, ZxingDecoder(linear, name="zxing-cpp sharpened", **lean))]
    if name == "glare" and "QRCode" in formats:
        return [Attempt(name, _glare_corrected, ZxingDecoder(["QRCode"], name="zxing-cpp glare", **lean))]
    if name == "zbar" and pyzbar_available():
        return [Attempt(name, _for_zbar, PyzbarDecoder(formats))]
    return []
