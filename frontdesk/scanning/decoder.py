"""What a decoder returns, the interface every decoder keeps, and zxing-cpp behind it.

zxing-cpp is the main decoder (dependency spike §3: fastest, most robust, no system package). Restricting it to
the formats vouchers use is a 3-6x speed-up; zxing-cpp 3.x wants the formats as a tuple (`|` is deprecated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import zxingcpp

from frontdesk.scanning.frames import Frame, to_gray

Point = tuple[int, int]
Corners = tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left in frame pixels

# Code 128 carries the platform's numeric voucher_id, a QR code carries coupon codes, EAN-13 retail codes.
VOUCHER_FORMATS = ("Code128", "QRCode", "EAN13")
LINEAR_FORMATS = frozenset({"Code128", "EAN13"})


@dataclass(frozen=True)
class DecodedCode:
    text: str
    format: str  # zxing-cpp's name: "Code128", "QRCode", "EAN13"
    position: Corners
    decoder: str  # which decoder (and which attempt) read it, e.g. "zxing-cpp inverted" or "pyzbar"


class Decoder(Protocol):
    @property
    def name(self) -> str: ...

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        """Every code found in a BGR or grayscale frame; an empty tuple when there is none."""
        ...


def zxing_formats(names: Sequence[str]) -> tuple[Any, ...]:
    return tuple(getattr(zxingcpp.BarcodeFormat, name) for name in names)


class ZxingDecoder:
    """One zxing-cpp call. `formats=None` reads every format zxing-cpp knows (its defaults)."""

    def __init__(
        self,
        formats: Sequence[str] | None = VOUCHER_FORMATS,
        *,
        try_invert: bool = True,
        try_rotate: bool = True,
        try_downscale: bool = True,
        name: str = "zxing-cpp",
    ) -> None:
        self._name = name
        self._options: dict[str, Any] = {
            "try_invert": try_invert,
            "try_rotate": try_rotate,
            "try_downscale": try_downscale,
        }
        if formats is not None:
            self._options["formats"] = zxing_formats(formats)

    @property
    def name(self) -> str:
        return self._name

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        return self.decode_gray(to_gray(frame))

    def decode_gray(self, gray: Frame, *, origin: Point = (0, 0), scale: float = 1.0) -> tuple[DecodedCode, ...]:
        """Decode a (possibly cropped or resized) picture; positions are mapped back to the full frame."""
        results = zxingcpp.read_barcodes(gray, **self._options)
        return tuple(
            DecodedCode(r.text, r.format.name, _corners(r.position, origin, scale), self._name)
            for r in results
            if r.text
        )


def _corners(position: Any, origin: Point, scale: float) -> Corners:
    def point(p: Any) -> Point:
        return (round(p.x * scale) + origin[0], round(p.y * scale) + origin[1])

    return (
        point(position.top_left),
        point(position.top_right),
        point(position.bottom_right),
        point(position.bottom_left),
    )
