"""The live camera's decoder: a cheap read of every frame, and the costly attempts spread over the frames that
follow, so that a code held still for a second has had every attempt while each frame stays within budget
(median <= 10 ms per 1280x720 frame on one core, `bench/decode.py`).

Every frame: a half-size read (frames under 960 px wide: full size) of every format but Data Matrix and
PDF417 — what a voucher held up to the camera is read by, in ~2-5 ms, and it averages sensor noise away (the
two dense 2D formats need full size anyway, and on a noisy frame their search tripled the read's cost). Then
one step of a fixed cycle:

1. full size, 1D formats (thin bars: EAN/UPC, long Code 128, small codes); 2. full size, 2D formats;
3.-9. the attempts of attempts.py on the regions that look like a code (inverted, sharpened, contrast,
upscaled, resampled, glare, zbar where installed).

While the half-size read finds something, a step runs on every third frame only (a noisy frame costs the
steps 12-45 ms each): a small code next to a big one has still had every attempt within ~30 frames. 1D reads
go through consensus.py before they are reported; a payload confirmed once is trusted for a while, so a
voucher held in view is not checked again on every frame.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

import cv2

from frontdesk.scanning.attempts import ATTEMPTS, Attempt, make_attempt
from frontdesk.scanning.consensus import agreed, check_region
from frontdesk.scanning.decoder import (
    LINEAR_FORMATS,
    MATRIX_FORMATS,
    VOUCHER_FORMATS,
    DecodedCode,
    ZxingDecoder,
    check_formats,
)
from frontdesk.scanning.frames import Frame, to_gray
from frontdesk.scanning.regions import Region, find_code_regions

_HALF_SIZE_FROM = 960  # frames at least this wide are read at half size first
_TRUSTED = 32  # confirmed 1D payloads remembered, so a code held in view is confirmed once
_STEP_EVERY_WITH_CODES = 3  # while the half-size read finds codes, a step runs on every 3rd frame
_HALF_SIZE_SKIPS = frozenset({"DataMatrix", "PDF417"})
Step = Callable[[Frame], tuple[DecodedCode, ...]]


class VoucherDecoder:
    """Half-size read of every frame plus one step per frame (every third while codes are read): full-size
    1D, full-size 2D, then the named `attempts` (see ATTEMPTS) on up to `regions` candidate regions. "zbar"
    is used only when pyzbar and the zbar library load; otherwise it is skipped quietly.
    """

    def __init__(
        self, formats: Sequence[str] = VOUCHER_FORMATS, *, attempts: Sequence[str] = ATTEMPTS, regions: int = 3
    ) -> None:
        formats = check_formats(formats)
        self.formats = formats
        first = [f for f in formats if f not in _HALF_SIZE_SKIPS]
        self._half = ZxingDecoder(first, try_downscale=False, name="zxing-cpp half size") if first else None
        self._regions = regions
        linear = [f for f in formats if f in LINEAR_FORMATS]
        matrix = [f for f in formats if f in MATRIX_FORMATS]
        self._steps: list[tuple[str, Step]] = []
        if linear:  # inverted codes and big ones are for the half-size read, which inverts and sees them whole
            full = ZxingDecoder(linear, try_invert=False, try_downscale=False, name="zxing-cpp")
            self._steps.append(("full size", full.decode_gray))
        if matrix:
            full = ZxingDecoder(matrix, try_invert=False, try_downscale=False, name="zxing-cpp")
            self._steps.append(("full size 2D", full.decode_gray))
        for name in attempts:
            if (attempt := make_attempt(name, formats)) is not None:
                self._steps.append((name, self._on_regions(attempt)))
        self._verify = check_region(linear) if linear else None
        self._trusted: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._next = 0
        self._frames_with_codes = 0

    @property
    def name(self) -> str:
        return "+".join(["zxing-cpp", *self.attempts])

    @property
    def attempts(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self._steps if name not in ("full size", "full size 2D"))

    @property
    def steps(self) -> tuple[str, ...]:
        """The cycle run one step per frame: with no code read, every step has run after this many frames."""
        return tuple(name for name, _ in self._steps)

    @property
    def frames_per_cycle(self) -> int:
        """Frames after which every step has run, whatever is read meanwhile."""
        return len(self._steps) * _STEP_EVERY_WITH_CODES

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        gray = to_gray(frame)
        found = self._first_read(gray)
        self._frames_with_codes = self._frames_with_codes + 1 if found else 0
        if self._steps and self._frames_with_codes % _STEP_EVERY_WITH_CODES == 0:
            _, step = self._steps[self._next]
            self._next = (self._next + 1) % len(self._steps)
            found += step(gray)
        return self._checked(gray, found)

    def _first_read(self, gray: Frame) -> tuple[DecodedCode, ...]:
        if self._half is None or min(gray.shape[:2]) < 8:
            return ()
        height, width = gray.shape[:2]
        if width < _HALF_SIZE_FROM:
            return self._half.decode_gray(gray)
        half = cv2.resize(gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
        return self._half.decode_gray(half, scale=2.0)

    def _on_regions(self, attempt: Attempt) -> Step:
        def step(gray: Frame) -> tuple[DecodedCode, ...]:
            regions: list[Region] = find_code_regions(gray, limit=self._regions)
            return tuple(code for region in regions for code in attempt(gray, region))

        return step

    def _checked(self, gray: Frame, found: tuple[DecodedCode, ...]) -> tuple[DecodedCode, ...]:
        """Trusted payloads pass as they are (one per payload); the others go to the vote of consensus.py."""
        trusted = [c for c in found if (c.format, c.text) in self._trusted]
        fresh = [c for c in found if (c.format, c.text) not in self._trusted]
        kept = list(agreed(fresh, gray, self._verify))
        for code in kept:
            if code.format in LINEAR_FORMATS:
                self._trusted[(code.format, code.text)] = None
                while len(self._trusted) > _TRUSTED:
                    self._trusted.popitem(last=False)
        seen = {(c.format, c.text) for c in kept}
        for code in trusted:
            if (code.format, code.text) not in seen:
                seen.add((code.format, code.text))
                kept.append(code)
        return tuple(kept)


def default_decoder() -> VoucherDecoder:
    """The decoder the live camera uses: every attempt, zbar included when the zbar library is installed."""
    return VoucherDecoder()
