"""The scanning pipeline's decoder: a cheap half-size read, a full-size read, then targeted attempts on the
few regions that look like a code (see attempts.py). Measured with `bench/decode.py` (1280x720, one core):

1. half size: Code 128 vouchers and QR coupons read in ~2-3 ms instead of ~5-8 ms, and sensor noise is
   averaged away (a noisy frame costs zxing-cpp 15-20 ms at full size, and it reads less);
2. a white-on-black 1D code, inverted at half size on its region (~0.5 ms; zxing-cpp inverts only 2D codes);
3. full size, for what is too fine for half size (EAN-13 bars, long or small codes);
4. "inverted" at full size, "sharpened", "glare" and "zbar" on the candidate regions only.

An empty frame, what a live camera mostly sees, pays the two reads plus ~0.5 ms to find no region: ~6-7 ms.

Every EAN-13 read is read again at full size on its region, and of several reads of the same bars the one
agreed on by the most scan lines wins: EAN's check digit lets 1 in 10 misreads through, and zxing-cpp does
return such misreads from blurred or thin bars (see the "wrong" counts in the benchmark).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2

from frontdesk.scanning.attempts import ATTEMPTS, Attempt, make_attempts
from frontdesk.scanning.decoder import LINEAR_FORMATS, VOUCHER_FORMATS, DecodedCode, ZxingDecoder
from frontdesk.scanning.frames import Frame, to_gray
from frontdesk.scanning.regions import Region, find_code_regions

_HALF_SIZE_FROM = 960  # frames at least this wide are read at half size first


class VoucherDecoder:
    """Half-size and full-size zxing-cpp reads, then the named `attempts` (see ATTEMPTS) on up to `regions` crops.

    "zbar" is used only when pyzbar and the zbar library can be loaded; otherwise it is skipped quietly.
    """

    def __init__(
        self, formats: Sequence[str] = VOUCHER_FORMATS, *, attempts: Sequence[str] = ATTEMPTS, regions: int = 3
    ) -> None:
        self._half = ZxingDecoder(formats, name="zxing-cpp half size")
        # Inverted QR codes and big codes are read by the half-size pass (with zxing-cpp's own inversion and
        # downscaling); repeating both at full size would double its cost on every empty frame.
        self._full = ZxingDecoder(formats, try_invert=False, try_downscale=False)
        self._confirm = ZxingDecoder(["EAN13"], try_invert=False, name="zxing-cpp EAN-13 check")
        self._regions = regions
        made = [a for name in attempts for a in make_attempts(name, formats)]
        self._early = [a for a in made if a.half_size]
        self._late = [a for a in made if not a.half_size]

    @property
    def name(self) -> str:
        return "+".join(["zxing-cpp", *self.attempts])

    @property
    def attempts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.name for a in (*self._early, *self._late)))

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        gray = to_gray(frame)
        height, width = gray.shape[:2]
        half = None
        regions = None
        if width >= _HALF_SIZE_FROM:
            half = cv2.resize(gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
            found = self._half.decode_gray(half, scale=2.0)
            if found:
                return self._checked(gray, found)
            if self._early:  # cheap half-size attempts before the costly full-size read
                regions = find_code_regions(gray, limit=self._regions)
                if found := self._try(self._early, gray, half, regions):
                    return self._checked(gray, found)
        found = self._full.decode_gray(gray)
        if found or not self._late:
            return self._checked(gray, found)
        regions = find_code_regions(gray, limit=self._regions) if regions is None else regions
        return self._checked(gray, self._try(self._late, gray, half, regions))

    @staticmethod
    def _try(
        attempts: list[Attempt], gray: Frame, half: Frame | None, regions: list[Region]
    ) -> tuple[DecodedCode, ...]:
        for region in regions:
            for attempt in attempts:
                if found := attempt.run(gray, half, region):
                    return found
        return ()

    def _checked(self, gray: Frame, found: tuple[DecodedCode, ...]) -> tuple[DecodedCode, ...]:
        """One read per symbol; an EAN-13 is read again at full size on its region, and of all reads of the
        same bars the one agreed on by the most scan lines wins."""
        again: list[DecodedCode] = []
        for code in found:
            if code.format == "EAN13":
                region = _around(code, gray)
                crop = region.crop(gray)
                crop = 255 - crop if "inverted" in code.decoder else crop
                again += self._confirm.decode_gray(crop, origin=(region.x0, region.y0))
        return one_read_per_symbol((*found, *again))


def _around(code: DecodedCode, gray: Frame) -> Region:
    xs, ys = [x for x, _ in code.position], [y for _, y in code.position]
    margin = max(max(xs) - min(xs), max(ys) - min(ys)) // 4 + 8
    height, width = gray.shape[:2]
    x0, y0 = max(0, min(xs) - margin), max(0, min(ys) - margin)
    return Region(x0, y0, min(width, max(xs) + margin), min(height, max(ys) + margin))


def one_read_per_symbol(codes: tuple[DecodedCode, ...]) -> tuple[DecodedCode, ...]:
    """Keep one read per 1D symbol: the one agreed on by the most scan lines.

    zxing-cpp sometimes also returns a second, wrong EAN-13 from another band of the same bars; at a desk that
    could mark the wrong voucher, so it must go.
    """
    kept: list[int] = []
    for i in sorted(range(len(codes)), key=lambda i: _bar_length(codes[i]), reverse=True):
        code = codes[i]
        if any(
            code == codes[k]
            or (code.format in LINEAR_FORMATS and code.format == codes[k].format and _same_symbol(code, codes[k]))
            for k in kept
        ):
            continue
        kept.append(i)
    return tuple(codes[i] for i in sorted(kept))


def _bar_length(code: DecodedCode) -> float:
    (x0, y0), _, _, (x3, y3) = code.position
    return math.hypot(x3 - x0, y3 - y0)  # top-left to bottom-left runs along the bars of a 1D code


def _same_symbol(a: DecodedCode, b: DecodedCode) -> bool:
    """Two reads whose centres are closer than most of a symbol's width come from the same bars."""
    (ax, ay), (bx, by) = _centre(a), _centre(b)
    (x0, y0), (x1, y1), _, _ = a.position
    return math.hypot(ax - bx, ay - by) < 0.75 * math.hypot(x1 - x0, y1 - y0)


def _centre(code: DecodedCode) -> tuple[float, float]:
    return sum(x for x, _ in code.position) / 4, sum(y for _, y in code.position) / 4


def default_decoder() -> VoucherDecoder:
    """The decoder the app uses: every attempt, zbar included when the zbar library is installed."""
    return VoucherDecoder()
