"""The decoder for still pictures (`frontdesk decode`): every pass at once, then the vote of consensus.py.

The passes in the order they run, with the reads each added, run after the ones above it, on the real-photo
dev set (870 codes; zxing-cpp with its defaults reads 281, our formats with the vote 282; `bench/decode.py`
prints the figures):

1. zxing-cpp's own read of the whole picture (its rotation, inversion and downscaling);
2. "contrast" (+17): a local contrast stretch (CLAHE) read with a per-line threshold — glare, shadow and
   uneven light across bars, mostly EAN/UPC; 1D formats, pictures up to 1,100 px only (on bigger ones it
   cost as much as the first read for one more code);
3. "upscaled" (+4): the same at up to 1.5x (1,100 px at most) — thin bars of small or distant 1D codes;
4. "rescued" (+12): QR codes located but not decoded, sampled by us on a regular and on a bent grid (codes
   on cloth), or read again enlarged (far away): qr_resample.py, qr_rescue.py;
5. "fallback" (+3), when the vote kept nothing so far: half size, read as it is (sensor noise averaged away)
   and cut at mid-grey (decorated QR codes with thick borders, where local averages go astray), and
   white-on-black 1D codes inverted on the regions that look like bars (zxing-cpp inverts only 2D codes);
6. "sharpened" (+2), likewise: 1D codes out of focus, through an unsharp mask, where bars seem to be;
7. "finders" (+5), when the vote kept nothing: QR codes zxing-cpp did not locate (a line printed against
   them), found by their finder patterns' shape (finders.py);
8. "search" (+11), likewise, on pictures up to 1,100 px: a last look at the regions that look like a code
   (search.py);
9. "colour" (+3), when all of that read nothing in a colour picture with colour in it: its darkest channel
   (coloured ink reads as dark) read as it is and at half size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from frontdesk.scanning.consensus import agreed, check_region
from frontdesk.scanning.decoder import LINEAR_FORMATS, VOUCHER_FORMATS, DecodedCode, ZxingDecoder, check_formats
from frontdesk.scanning.finders import find_finders, qr_corners
from frontdesk.scanning.frames import Frame, to_gray
from frontdesk.scanning.preparations import darkest_ink, sharpened
from frontdesk.scanning.qr_resample import resample_qr
from frontdesk.scanning.qr_rescue import rescue_qr
from frontdesk.scanning.regions import find_code_regions
from frontdesk.scanning.search import BARS_FROM, coherence, search

_FINE_LONGEST = 1100  # the contrast passes stop here: beyond it, codes are big enough and time grows fast
_HALF_SIZE_FROM = 200  # pictures at least this big both ways are also read at half size, as a fallback
_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


PASSES = ("contrast", "upscaled", "rescued", "fallback", "sharpened", "finders", "search", "colour")


class PictureDecoder:
    """Everything tried on one picture; `formats` narrows what is read (zxing-cpp's names), `passes` which
    passes run after zxing-cpp's own read (see PASSES; the benchmark measures what each adds). Without
    `check_regions` a 1D payload needs two passes to agree (consensus.py)."""

    def __init__(
        self, formats: Sequence[str] = VOUCHER_FORMATS, *, passes: Sequence[str] = PASSES, check_regions: bool = True
    ) -> None:
        formats = check_formats(formats)
        if unknown := set(passes) - set(PASSES):
            raise ValueError(f"unknown picture passes {sorted(unknown)}; choose from {PASSES}")
        self.passes = tuple(p for p in PASSES if p in passes)
        self.formats = formats
        linear = [f for f in formats if f in LINEAR_FORMATS]
        self._native = ZxingDecoder(formats, name="zxing-cpp")
        # The contrast passes are for bars (glare, thin bars): QR codes have the rescue, and Data Matrix and PDF417
        # the first read (their search is the costliest on a busy picture). Without 1D formats, the 2D ones.
        lighter = linear or [f for f in formats if f not in ("DataMatrix", "PDF417")] or list(formats)
        self._contrast = ZxingDecoder(lighter, binarizer="global", name="zxing-cpp contrast")
        self._fine = ZxingDecoder(lighter, binarizer="global", try_downscale=False, name="zxing-cpp upscaled")
        self._half = ZxingDecoder(formats, try_downscale=False, name="zxing-cpp half size")
        self._half_fixed = ZxingDecoder(formats, try_downscale=False, binarizer="fixed", name="zxing-cpp half size")
        self._linear = (
            {
                "inverted": ZxingDecoder(linear, try_invert=False, try_downscale=False, name="zxing-cpp inverted"),
                "sharpened": ZxingDecoder(linear, try_downscale=False, name="zxing-cpp sharpened"),
            }
            if linear
            else None
        )
        self._verify = check_region(linear) if linear and check_regions else None
        self._rescue = "QRCode" in formats and "rescued" in passes

    @property
    def name(self) -> str:
        return "zxing-cpp picture passes"

    def decode(self, frame: Frame, *, colour: Callable[[], Frame] | None = None) -> tuple[DecodedCode, ...]:
        """Every code in a BGR or grey picture. `colour`, for a grey `frame`, gives the picture in colour when
        the colour pass needs it (a file is decoded again in colour only then)."""
        gray = to_gray(frame)
        if min(gray.shape[:2]) < 8:
            return ()
        kept = self._decode(gray)
        if not kept and "colour" in self.passes:
            in_colour = colour() if colour is not None and frame.ndim == 2 else frame
            if (ink := darkest_ink(in_colour)) is not None:  # read again as it is and at half size
                codes = [code for code, _ in self._native.read(ink)]
                kept = agreed(codes + self._fallback(ink), ink, self._verify)
        return kept

    def _decode(self, gray: Frame) -> tuple[DecodedCode, ...]:
        found = self._native.read(gray, with_failures=self._rescue)
        codes = [code for code, valid in found if valid]
        if max(gray.shape[:2]) <= _FINE_LONGEST and {"contrast", "upscaled"} & set(self.passes):
            contrast = _CLAHE.apply(gray)
            if "contrast" in self.passes and not _settled(codes, gray):
                codes += self._contrast.decode_gray(contrast)
            scale = min(1.5, _FINE_LONGEST / max(gray.shape[:2]))
            if scale >= 1.05 and "upscaled" in self.passes and not _settled(codes, gray):
                size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
                upscaled = cv2.resize(contrast, size, interpolation=cv2.INTER_CUBIC)
                codes += self._fine.decode_gray(upscaled, scale=1 / scale)
        for code, valid in found:
            if not valid and code.format == "QRCode" and not _read_already(code, codes):
                codes += rescue_qr(gray, code.position)
        kept = agreed(codes, gray, self._verify)
        if not kept and (more := self._fallback(gray)):
            kept = agreed(codes + more, gray, self._verify)
        if not kept and "finders" in self.passes and "QRCode" in self.formats:
            located = (resample_qr(gray, corners) for corners in qr_corners(find_finders(gray)))
            kept = tuple(code for code in located if code is not None)
        if not kept and "search" in self.passes and max(gray.shape[:2]) <= _FINE_LONGEST:
            kept = tuple(search(gray, self._verify, regions=1))
        return kept

    def _fallback(self, gray: Frame) -> list[DecodedCode]:
        codes: list[DecodedCode] = []
        height, width = gray.shape[:2]
        if "fallback" in self.passes and min(height, width) >= _HALF_SIZE_FROM:
            half = cv2.resize(gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
            codes += self._half.decode_gray(half, scale=2.0)
            codes += self._half_fixed.decode_gray(half, scale=2.0)
        if self._linear is None:
            return codes
        # The 1D looks only where bars seem to be (search.py's coherence): a picture with no code has none.
        bars = [region for region in find_code_regions(gray) if coherence(region.crop(gray)) >= BARS_FROM]
        if "fallback" in self.passes:
            for region in bars:
                codes += self._linear["inverted"].decode_gray(255 - region.crop(gray), origin=(region.x0, region.y0))
        if "sharpened" in self.passes and bars:
            codes += self._linear["sharpened"].decode_gray(sharpened(gray))
        return codes


def _read_already(failed: DecodedCode, codes: list[DecodedCode]) -> bool:
    """Whether another pass read a QR code where zxing-cpp's first read located one it could not decode."""
    cx, cy = sum(x for x, _ in failed.position) / 4, sum(y for _, y in failed.position) / 4
    for code in codes:
        if code.format == "QRCode":
            contour = np.array(code.position, np.float32)
            if cv2.pointPolygonTest(contour, (cx, cy), False) >= 0:
                return True
    return False


def _settled(codes: list[DecodedCode], gray: Frame) -> bool:
    """Whether the reads so far leave nothing to decide: some were made, and every one is a payload the vote
    keeps at once (2D codes, 1D payloads two passes agree on). The contrast passes then have nothing to add."""
    kept = {code.text for code in agreed(codes, gray, None)}
    return bool(codes) and all(code.text in kept for code in codes)
