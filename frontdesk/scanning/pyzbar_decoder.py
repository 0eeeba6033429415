"""pyzbar (zbar) as an optional second decoder.

pyzbar needs the system zbar library (`libzbar0` on Debian/Ubuntu); without it `import pyzbar.pyzbar` raises
ImportError and the decoder is simply unavailable. zbar reads QR codes under screen glare that zxing-cpp misses
(dependency spike §3.4), but it is 2-8x slower over a whole frame, so the voucher decoder only gives it the
small region where a code seems to be.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from frontdesk.scanning.decoder import VOUCHER_FORMATS, Corners, DecodedCode, Point
from frontdesk.scanning.frames import Frame, to_gray

_ZBAR_NAMES = {
    "Code128": "CODE128",
    "Code39": "CODE39",
    "Code93": "CODE93",
    "EAN13": "EAN13",
    "EAN8": "EAN8",
    "UPCA": "UPCA",
    "UPCE": "UPCE",
    "ITF": "I25",
    "QRCode": "QRCODE",
}  # fmt: skip  (zbar reads no Data Matrix, and PDF417 only partly)
_FORMAT_NAMES = {zbar: ours for ours, zbar in _ZBAR_NAMES.items()}


@functools.cache
def _pyzbar() -> ModuleType | None:
    try:
        return importlib.import_module("pyzbar.pyzbar")
    except (ImportError, OSError):  # OSError: a broken or foreign libzbar on some systems
        return None


def pyzbar_available() -> bool:
    return _pyzbar() is not None


class PyzbarDecoder:
    """zbar through pyzbar; `formats=None` reads every symbology zbar knows (its defaults)."""

    def __init__(self, formats: Sequence[str] | None = VOUCHER_FORMATS, *, name: str = "pyzbar") -> None:
        module = _pyzbar()
        if module is None:
            raise RuntimeError("pyzbar is not usable here: install the zbar library (libzbar0)")
        self._module, self._name = module, name
        self._symbols: list[Any] | None = None
        if formats is not None:
            self._symbols = [module.ZBarSymbol[_ZBAR_NAMES[f]] for f in formats if f in _ZBAR_NAMES]

    @property
    def name(self) -> str:
        return self._name

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        return self.decode_gray(to_gray(frame))

    def decode_gray(self, gray: Frame, *, origin: Point = (0, 0), scale: float = 1.0) -> tuple[DecodedCode, ...]:
        found = self._module.decode(gray, symbols=self._symbols)
        return tuple(
            DecodedCode(
                symbol.data.decode("utf-8", errors="replace"),
                _FORMAT_NAMES.get(symbol.type, symbol.type),
                _rect_corners(symbol.rect, origin, scale),
                self._name,
            )
            for symbol in found
            if symbol.data
        )


def _rect_corners(rect: Any, origin: Point, scale: float) -> Corners:
    """zbar's polygon for a 1D code is a list of scan points; its bounding rectangle is the usable position."""
    x0, y0 = round(rect.left * scale) + origin[0], round(rect.top * scale) + origin[1]
    x1, y1 = round((rect.left + rect.width) * scale) + origin[0], round((rect.top + rect.height) * scale) + origin[1]
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
