"""What a decoder returns, the interface every decoder keeps, and zxing-cpp behind it.

zxing-cpp is the main decoder (dependency spike §3: fastest, most robust, no system package). Restricting it to
the formats vouchers, member cards and coupons carry is a 2-3x speed-up over all of them; zxing-cpp 3.x wants
the formats as a tuple (`|` is deprecated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import zxingcpp

from frontdesk.scanning.frames import Frame, to_gray

Point = tuple[int, int]
Corners = tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left in frame pixels

# What vouchers (Code 128 voucher_id, QR coupon), member cards (Code 39/93, ITF, Data Matrix, PDF417) and retail
# coupons (EAN/UPC) carry. zxing-cpp's own names; a setting can narrow them (VoucherDecoder(formats=...)).
VOUCHER_FORMATS = (
    "Code128", "Code39", "Code93", "EAN13", "EAN8", "UPCA", "UPCE", "ITF", "QRCode", "DataMatrix", "PDF417",
)  # fmt: skip
LINEAR_FORMATS = frozenset({"Code128", "Code39", "Code93", "EAN13", "EAN8", "UPCA", "UPCE", "ITF"})
MATRIX_FORMATS = frozenset({"QRCode", "DataMatrix", "PDF417"})


@dataclass(frozen=True)
class DecodedCode:
    text: str
    format: str  # zxing-cpp's name: "Code128", "QRCode", "EAN13", ...
    position: Corners
    decoder: str  # which decoder (and which attempt) read it, e.g. "zxing-cpp inverted" or "pyzbar"


class Decoder(Protocol):
    @property
    def name(self) -> str: ...

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        """Every code found in a BGR or grayscale frame; an empty tuple when there is none."""
        ...


def check_formats(names: Sequence[str]) -> tuple[str, ...]:
    """The formats as given, or ValueError naming the ones zxing-cpp does not know."""
    unknown = [n for n in names if not isinstance(getattr(zxingcpp.BarcodeFormat, n, None), zxingcpp.BarcodeFormat)]
    if unknown or not names:
        raise ValueError(f"unknown barcode formats {unknown or '(none given)'}; choose from {VOUCHER_FORMATS}")
    return tuple(names)


def zxing_formats(names: Sequence[str]) -> tuple[Any, ...]:
    return tuple(getattr(zxingcpp.BarcodeFormat, name) for name in check_formats(names))


_BINARIZERS = {
    "local": zxingcpp.Binarizer.LocalAverage,
    "global": zxingcpp.Binarizer.GlobalHistogram,
    "fixed": zxingcpp.Binarizer.FixedThreshold,
}


class ZxingDecoder:
    """One zxing-cpp call. `formats=None` reads every format zxing-cpp knows (its defaults); otherwise only
    symbols of those formats are reported: zxing-cpp 3's "QRCode" also finds Micro QR and rMQR codes, and a
    Micro QR M1 symbol only detects errors, so noise in a picture can read as one.

    `binarizer="global"` thresholds each scan line on its own histogram (zxing-cpp's GlobalHistogram): after a
    local contrast stretch it keeps thin bars that the default local-average binarizer merges. "fixed" cuts
    at mid-grey everywhere: big modules and thick decorations, where local averages go astray, stay whole.
    """

    def __init__(
        self,
        formats: Sequence[str] | None = VOUCHER_FORMATS,
        *,
        try_invert: bool = True,
        try_rotate: bool = True,
        try_downscale: bool = True,
        binarizer: str = "local",
        name: str = "zxing-cpp",
    ) -> None:
        self._name = name
        self.formats = tuple(formats) if formats is not None else None
        self._options: dict[str, Any] = {
            "try_invert": try_invert,
            "try_rotate": try_rotate,
            "try_downscale": try_downscale,
            "binarizer": _BINARIZERS[binarizer],
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
        return tuple(code for code, _ in self.read(gray, origin=origin, scale=scale) if code.text)

    def read(
        self, gray: Frame, *, origin: Point = (0, 0), scale: float = 1.0, with_failures: bool = False
    ) -> list[tuple[DecodedCode, bool]]:
        """(code, valid) per symbol found; with_failures adds symbols located but not decoded (valid=False),
        whose corners let a later attempt sample the symbol itself."""
        results = zxingcpp.read_barcodes(gray, **self._options, return_errors=with_failures)
        return [
            (DecodedCode(r.text if r.valid else "", r.format.name, _corners(r.position, origin, scale), self._name),
             bool(r.valid))
            for r in results
            if self.formats is None or r.format.name in self.formats
        ]  # fmt: skip


def _corners(position: Any, origin: Point, scale: float) -> Corners:
    def point(p: Any) -> Point:
        return (round(p.x * scale) + origin[0], round(p.y * scale) + origin[1])

    return (
        point(position.top_left),
        point(position.top_right),
        point(position.bottom_right),
        point(position.bottom_left),
    )
