"""Pictures prepared for one more read, each for a way real photos defeat a plain read.

* `sharpened`: soft bars (out of focus, motion) blur into their neighbours; an unsharp mask steepens the edges.
* `darkest_ink`: the grey of coloured ink is mid-grey (a red finder pattern reads as light); the darkest of
  the three channels shows any ink on white paper as dark. Only for pictures with colour in them.
"""

from __future__ import annotations

import cv2
import numpy as np

from frontdesk.scanning.frames import Frame

_COLOURED_FROM = 0.01  # share of clearly coloured pixels from which a picture is worth reading by its darkest ink
_COLOURED = 60  # a pixel whose channels differ by this much is clearly coloured


def sharpened(gray: Frame) -> Frame:
    return cv2.addWeighted(gray, 2.0, cv2.GaussianBlur(gray, (0, 0), 2.0), -1.0, 0)


def darkest_ink(frame: Frame) -> Frame | None:
    """The darkest channel of a colour picture with colour in it; None for grey pictures."""
    if frame.ndim != 3 or frame.shape[2] < 3:
        return None
    blue, green, red = cv2.split(frame[:, :, :3])
    darkest = cv2.min(cv2.min(blue, green), red)
    lightest = cv2.max(cv2.max(blue, green), red)
    if np.count_nonzero(cv2.subtract(lightest, darkest) > _COLOURED) < _COLOURED_FROM * darkest.size:
        return None
    return darkest
