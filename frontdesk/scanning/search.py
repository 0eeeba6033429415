"""A last look at the regions that look like a code when every pass of a picture read nothing.

Bars give an image gradient that points one way; QR codes, text and desks do not. Over the real-photo dev
set the "coherence" of a region's gradients (1 = one direction only) was 0.34-0.97 on 1D codes and 0-0.33 on
QR codes and on pictures with no code, so it decides which look a region gets:

* bars: the region's reads in 12 ways (consensus.check_region); a payload needs two and more than all the
  others together — a read from nowhere is never reported on one vote;
* anything else: the outline of the dark blob in it, taken as a QR code's corners and sampled by
  qr_resample.py (a damaged finder pattern keeps zxing-cpp from locating the code at all).
"""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np

from frontdesk.scanning.consensus import Verifier
from frontdesk.scanning.decoder import Corners, DecodedCode
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.qr_resample import resample_qr
from frontdesk.scanning.regions import Region, find_code_regions

BARS_FROM = 0.4  # gradient coherence above which a region is taken for bars
_CLOSE = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))


def coherence(crop: Frame) -> float:
    """How much the gradients in `crop` agree in direction: 0 (any direction) to 1 (one direction)."""
    pixels = crop.astype(np.float32)
    gx, gy = cv2.Sobel(pixels, cv2.CV_32F, 1, 0), cv2.Sobel(pixels, cv2.CV_32F, 0, 1)
    xx, xy, yy = float((gx * gx).sum()), float((gx * gy).sum()), float((gy * gy).sum())
    spread = ((xx - yy) ** 2 + 4 * xy * xy) ** 0.5  # difference of the structure tensor's eigenvalues
    return spread / (xx + yy) if xx + yy > 0 else 0.0


def search(gray: Frame, verify: Verifier | None, *, regions: int = 2) -> list[DecodedCode]:
    """Codes in the `regions` largest places that look like one (see the module's doc)."""
    found: list[DecodedCode] = []
    for region in find_code_regions(gray, limit=regions):
        crop = region.crop(gray)
        if coherence(crop) >= BARS_FROM:
            if verify is not None and (code := _bars(gray, region, verify)) is not None:
                found.append(code)
        elif (corners := _dark_blob(crop, region)) is not None and (code := resample_qr(gray, corners)) is not None:
            found.append(code)
    return found


def _bars(gray: Frame, region: Region, verify: Verifier) -> DecodedCode | None:
    votes = verify(gray, region)
    if not votes:
        return None
    payloads: Counter[str] = Counter()
    for (text, _), n in votes.items():
        payloads[text] += n
    (best, count), *rest = payloads.most_common()
    if count < 2 or count <= sum(n for _, n in rest):
        return None
    fmt = max((f for t, f in votes if t == best), key=lambda f: votes[(best, f)])
    box = ((region.x0, region.y0), (region.x1, region.y0), (region.x1, region.y1), (region.x0, region.y1))
    return DecodedCode(best, fmt, box, "zxing-cpp region search")


def _dark_blob(crop: Frame, region: Region) -> Corners | None:
    """The corners of the largest dark blob (modules fused by a closing), top-left first, clockwise."""
    _, dark = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(cv2.morphologyEx(dark, cv2.MORPH_CLOSE, _CLOSE), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_SIMPLE)  # fmt: skip
    if not contours:
        return None
    blob = max(contours, key=cv2.contourArea)
    if cv2.contourArea(blob) < 21 * 21:
        return None
    box = cv2.boxPoints(cv2.minAreaRect(blob))
    sums, diffs = box.sum(axis=1), np.diff(box, axis=1).ravel()
    order = (int(np.argmin(sums)), int(np.argmin(diffs)), int(np.argmax(sums)), int(np.argmax(diffs)))
    x, y = region.x0, region.y0
    tl, tr, br, bl = ((round(float(box[i][0])) + x, round(float(box[i][1])) + y) for i in order)
    return (tl, tr, br, bl)
