"""A second chance for a QR code zxing-cpp located in a picture but could not decode.

zxing-cpp reports such a symbol with its corners. Two things fail it on real photos, and each has its remedy:

* the modules are warped or the corners are off (a code on cloth, a bent page): its modules are sampled by
  us, on a regular and then on a bent grid (qr_resample.py);
* the modules are too small or soft for its binarizer (a code 1-2 px per module, far from the camera): the
  symbol's neighbourhood is read again enlarged 2x, then 3x and sharpened (an unsharp mask restores the
  module edges that cubic interpolation softens).

Both end in a Reed-Solomon-checked read, so a rescued payload is as trustworthy as any QR read.
"""

from __future__ import annotations

import cv2
import numpy as np

from frontdesk.scanning.decoder import Corners, DecodedCode, ZxingDecoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.qr_resample import resample_qr

_MARGIN = 0.3  # of the symbol's side around it: its quiet zone, and room for corners zxing-cpp placed badly
_LARGEST = 1400  # an enlarged neighbourhood is at most this many pixels on its longer side
_ENLARGED = ZxingDecoder(["QRCode"], try_invert=False, try_downscale=False, name="zxing-cpp enlarged")


def rescue_qr(gray: Frame, corners: Corners) -> tuple[DecodedCode, ...]:
    """The QR code zxing-cpp located at `corners` in `gray` but could not decode (with any other read in its
    enlarged neighbourhood), or nothing."""
    if (code := resample_qr(gray, corners)) is not None:
        return (code,)
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    margin = round(_MARGIN * max(max(xs) - min(xs), max(ys) - min(ys), 10)) + 4
    height, width = gray.shape[:2]
    x0, y0 = max(0, min(xs) - margin), max(0, min(ys) - margin)
    crop = gray[y0 : min(height, max(ys) + margin), x0 : min(width, max(xs) + margin)]
    if min(crop.shape[:2]) < 8:
        return ()
    reads: tuple[DecodedCode, ...] = ()
    for scale, sharpen in ((2, False), (3, True)):
        if max(crop.shape[:2]) * scale > _LARGEST:
            break
        picture = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        if sharpen:
            picture = cv2.addWeighted(picture, 2.0, cv2.GaussianBlur(picture, (0, 0), scale), -1.0, 0)
        found = _ENLARGED.decode_gray(picture, origin=(x0, y0), scale=1 / scale)
        reads += tuple(code for code in found if code.format == "QRCode")
        if any(_covers(code.position, corners) for code in reads):
            break  # the symbol itself is read (its neighbours, read on the way, are reads too)
    return reads


def _covers(read: Corners, failed: Corners) -> bool:
    """Whether a read symbol lies over the centre of the one that failed."""
    centre = (sum(x for x, _ in failed) / 4, sum(y for _, y in failed) / 4)
    return cv2.pointPolygonTest(np.array(read, np.float32), centre, False) >= 0
