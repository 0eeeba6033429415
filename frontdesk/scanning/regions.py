"""Find the few places in a frame that look like a code: dense, strong edges in a compact blob.

Used only after a full-frame read found nothing, so the extra decoding attempts (inverted, sharpened, glare,
zbar) run on small crops instead of the whole 1280x720 frame. On a frame with nothing code-like (the usual
case for a live camera) it costs ~0.5 ms and no extra attempt runs at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2

from frontdesk.scanning.frames import Frame

_EDGE = 30  # grey levels across 1.5 px at half size; a low-contrast print (105 on 160) still passes
_MIN_SIDE = 24  # half-size pixels: a code smaller than ~50 px in the frame is unreadable anyway
_SQUARE3 = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
_SQUARE9 = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))


@dataclass(frozen=True)
class Region:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def area(self) -> int:
        return (self.x1 - self.x0) * (self.y1 - self.y0)

    def crop(self, gray: Frame) -> Frame:
        return gray[self.y0 : self.y1, self.x0 : self.x1]


def find_code_regions(gray: Frame, *, limit: int = 3) -> list[Region]:
    """Up to `limit` candidate regions in full-frame pixels, largest first, with a quiet-zone margin."""
    height, width = gray.shape[:2]
    small = cv2.resize(gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    edges = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, _SQUARE3)
    _, mask = cv2.threshold(edges, _EDGE, 255, cv2.THRESH_BINARY)
    # Closing fuses bars and modules into one blob; opening then drops thin things such as printed text.
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, _SQUARE9)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, _SQUARE9)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(c) for c in contours]
    boxes = sorted((b for b in boxes if b[2] >= _MIN_SIDE and b[3] >= _MIN_SIDE), key=lambda b: -b[2] * b[3])
    regions = []
    for x, y, w, h in boxes[:limit]:
        mx, my = w // 5 + 4, h // 5 + 4  # decoders need the quiet zone around the symbol
        x0, y0 = max(0, 2 * (x - mx)), max(0, 2 * (y - my))
        regions.append(Region(x0, y0, min(width, 2 * (x + w + mx)), min(height, 2 * (y + h + my))))
    return regions
