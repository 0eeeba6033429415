"""Extra decoding attempts on the few regions that look like a code, each aimed at one measured reason for a
missed read. The live decoder runs one of them per frame, in turn (see voucher_decoder.py).

* white-on-black 1D codes (zxing-cpp inverts 2D codes only)  -> "inverted": the crop as 255 - grey;
* blurred thin bars (a webcam out of focus)                   -> "sharpened": an unsharp mask, 1D formats;
* uneven light, a shadow or glare across the bars             -> "contrast": a local contrast stretch (CLAHE)
  read with a per-line threshold;
* a code too small for its modules to survive                 -> "upscaled": the crop at twice its size;
* a QR code located but not decoded (damaged or warped)        -> "resampled": its modules sampled by us, on a
  regular and on a bent grid, or its neighbourhood read enlarged (qr_rescue.py);
* a QR code not located at all (a line printed against it)    -> "finders": found by its finder patterns' shape;
* glare on a phone screen over a QR finder pattern            -> "glare": divide by the local mean, QR only;
* what zxing-cpp still misses, if zbar is installed            -> "zbar": pyzbar on the crop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2

from frontdesk.scanning.decoder import LINEAR_FORMATS, DecodedCode, ZxingDecoder
from frontdesk.scanning.finders import find_finders, qr_corners
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.pyzbar_decoder import PyzbarDecoder, pyzbar_available
from frontdesk.scanning.qr_resample import resample_qr
from frontdesk.scanning.qr_rescue import rescue_qr
from frontdesk.scanning.regions import Region

ATTEMPTS = ("inverted", "sharpened", "contrast", "upscaled", "resampled", "finders", "glare", "zbar")
Attempt = Callable[[Frame, Region], tuple[DecodedCode, ...]]  # (full grey frame, region) -> codes in frame pixels
_ZBAR_HALF_SIDE = 300  # crops at least this big go to zbar at half size: 4x cheaper, QR modules stay >= 4 px
_UPSCALE_UP_TO = 400  # "upscaled" doubles crops whose longer side is at most this (a small code, far away)
_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


def _inverted(crop: Frame) -> tuple[Frame, float]:
    return 255 - crop, 1.0


def _sharpened(crop: Frame) -> tuple[Frame, float]:
    soft = cv2.GaussianBlur(crop, (0, 0), 2.0)
    return cv2.addWeighted(crop, 2.0, soft, -1.0, 0), 1.0


def _contrast(crop: Frame) -> tuple[Frame, float]:
    return _CLAHE.apply(crop), 1.0


def _doubled(crop: Frame) -> tuple[Frame, float]:
    if max(crop.shape[:2]) > _UPSCALE_UP_TO:
        return crop[:0, :0], 1.0  # big enough already: nothing to do
    return cv2.resize(crop, (crop.shape[1] * 2, crop.shape[0] * 2), interpolation=cv2.INTER_CUBIC), 0.5


def _glare_corrected(crop: Frame) -> tuple[Frame, float]:
    # A window of 1/8 of the region follows a glare blob but stays larger than a QR finder's centre at any
    # distance from the camera (a fixed window size only worked at one distance).
    side = max(3, min(crop.shape[:2]) // 8 | 1)
    return cv2.divide(crop, cv2.blur(crop, (side, side)), scale=160), 1.0


def _for_zbar(crop: Frame) -> tuple[Frame, float]:
    if min(crop.shape[:2]) < _ZBAR_HALF_SIDE:
        return crop, 1.0
    return cv2.resize(crop, (crop.shape[1] // 2, crop.shape[0] // 2), interpolation=cv2.INTER_AREA), 2.0


def _on_crop(prepare: Callable[[Frame], tuple[Frame, float]], decoder: ZxingDecoder | PyzbarDecoder) -> Attempt:
    def attempt(gray: Frame, region: Region) -> tuple[DecodedCode, ...]:
        picture, scale = prepare(region.crop(gray))
        if min(picture.shape[:2]) < 8:
            return ()
        return decoder.decode_gray(picture, origin=(region.x0, region.y0), scale=scale)

    return attempt


def _resampled(decoder: ZxingDecoder) -> Attempt:
    def attempt(gray: Frame, region: Region) -> tuple[DecodedCode, ...]:
        crop = region.crop(gray)
        found = decoder.read(crop, origin=(region.x0, region.y0), with_failures=True)
        read = tuple(code for code, valid in found if valid)
        return read + tuple(again for code, valid in found if not valid for again in rescue_qr(gray, code.position))

    return attempt


def _finders(gray: Frame, region: Region) -> tuple[DecodedCode, ...]:
    found = []
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in qr_corners(find_finders(region.crop(gray))):
        dx, dy = region.x0, region.y0
        corners = ((x0 + dx, y0 + dy), (x1 + dx, y1 + dy), (x2 + dx, y2 + dy), (x3 + dx, y3 + dy))
        if (code := resample_qr(gray, corners)) is not None:
            found.append(code)
    return tuple(found)


def _lean(formats: Sequence[str], name: str, binarizer: str = "local") -> ZxingDecoder:
    """Crops are small and their polarity is set by the attempt: zxing-cpp's own inverted and downscaled
    passes would be waste."""
    return ZxingDecoder(formats, try_invert=False, try_downscale=False, binarizer=binarizer, name=name)


def make_attempt(name: str, formats: Sequence[str]) -> Attempt | None:
    """The attempt behind `name` for `formats`; None when it has nothing to do (or zbar is not installed)."""
    if name not in ATTEMPTS:
        raise ValueError(f"unknown decoding attempt {name!r}; choose from {ATTEMPTS}")
    linear = [f for f in formats if f in LINEAR_FORMATS]
    if name == "inverted" and linear:
        return _on_crop(_inverted, _lean(linear, "zxing-cpp inverted"))
    if name == "sharpened" and linear:
        return _on_crop(_sharpened, _lean(linear, "zxing-cpp sharpened"))
    if name == "contrast":
        return _on_crop(_contrast, _lean(formats, "zxing-cpp contrast", binarizer="global"))
    if name == "upscaled":
        return _on_crop(_doubled, _lean(formats, "zxing-cpp upscaled"))
    if name == "resampled" and "QRCode" in formats:
        return _resampled(_lean(["QRCode"], "zxing-cpp"))
    if name == "finders" and "QRCode" in formats:
        return _finders
    if name == "glare" and "QRCode" in formats:
        return _on_crop(_glare_corrected, _lean(["QRCode"], "zxing-cpp glare"))
    if name == "zbar" and pyzbar_available():
        return _on_crop(_for_zbar, PyzbarDecoder(formats))
    return None
