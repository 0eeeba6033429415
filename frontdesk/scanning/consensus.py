"""One read per symbol, and no wrong payload: what several decoding passes agree on.

QR, Data Matrix and PDF417 carry Reed-Solomon error correction: a read is trusted as it is. 1D check digits
are weak (EAN/UPC's lets 1 in 10 bad reads through, Code 39 and ITF may have none), and the passes that read
more codes (local contrast, upscaling) also misread more: on the real-photo dev set six different wrong EAN/UPC
payloads came out of single passes, and printed digits under the bars were once read as a UPC-E. So the reads
of one 1D symbol — every pass's reads whose centres are close, one vote per pass for its read over the most
scan lines — decide: a payload read by two passes and by more than twice as many as any other wins at once;
otherwise the symbol's region is read again (three scales, two binarizers, with and without a local contrast
stretch) and a payload needs two votes and more than all the others together. Nothing is reported when the
votes stay split: a blurred UPC-A once gave four payloads twice each.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

import cv2

from frontdesk.scanning.decoder import LINEAR_FORMATS, DecodedCode, ZxingDecoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.regions import Region

Verifier = Callable[[Frame, Region], Counter[tuple[str, str]]]  # (payload, format) -> reads
_LONGEST_CHECK = 800  # a region is upscaled for the check only up to this many pixels on its longer side
_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


def agreed(codes: Iterable[DecodedCode], gray: Frame, verify: Verifier | None) -> tuple[DecodedCode, ...]:
    """One code per symbol; 1D symbols only with a payload the votes agree on (see the module's doc)."""
    kept: list[DecodedCode] = []
    symbols: list[list[DecodedCode]] = []
    for code in codes:
        if not code.text:
            continue
        if code.format not in LINEAR_FORMATS:
            if not any(k.format == code.format and k.text == code.text for k in kept):
                kept.append(code)
            continue
        for reads in symbols:
            if any(_same_symbol(code, other) for other in reads):
                reads.append(code)
                break
        else:
            symbols.append([code])
    for reads in symbols:
        if (winner := _vote(reads, gray, verify)) is not None:
            kept.append(winner)
    return tuple(kept)


def _vote(reads: list[DecodedCode], gray: Frame, verify: Verifier | None) -> DecodedCode | None:
    votes = Counter(code.text for code in _one_per_pass(reads))
    (best, count), *rest = votes.most_common()
    if count >= 2 and (not rest or count > 2 * rest[0][1]):
        return _first(reads, best)
    if verify is None:
        return None
    checked = verify(gray, around(max(reads, key=_width), gray))
    for (text, _), n in checked.items():
        votes[text] += n
    (best, count), *rest = votes.most_common()
    if count < 2 or count <= sum(n for _, n in rest):
        return None
    if any(code.text == best for code in reads):
        return _first(reads, best)
    # The region's reads outvoted every pass: report the payload they agree on, where the passes saw the bars.
    fmt = next(f for (text, f) in checked if text == best)
    return DecodedCode(best, fmt, max(reads, key=_width).position, "zxing-cpp region check")


def check_region(formats: Iterable[str]) -> Verifier:
    """A verifier reading the 1D `formats` in a region in 12 ways: how often each (payload, format) was read."""
    decoders = [
        ZxingDecoder(list(formats), try_invert=False, binarizer=b, name="zxing-cpp region check")
        for b in ("local", "global")
    ]

    def verify(gray: Frame, region: Region, inverted: bool = False) -> Counter[tuple[str, str]]:
        crop = 255 - region.crop(gray) if inverted else region.crop(gray)
        votes: Counter[tuple[str, str]] = Counter()
        if min(crop.shape[:2]) < 8:
            return votes
        longest = max(crop.shape[:2])
        for scale in (1.0, 1.5, 2.0):
            if scale > 1.0 and longest * scale > _LONGEST_CHECK:
                break
            size = (round(crop.shape[1] * scale), round(crop.shape[0] * scale))
            picture = crop if scale == 1.0 else cv2.resize(crop, size, interpolation=cv2.INTER_CUBIC)
            for prepared in (picture, _CLAHE.apply(picture)):
                for decoder in decoders:
                    found = [code for code in decoder.decode_gray(prepared) if code.format in LINEAR_FORMATS]
                    if found:  # the region holds one symbol: its read over the most scan lines
                        best = max(found, key=_bar_length)
                        votes[(best.text, best.format)] += 1
        if not votes and not inverted:  # nothing at all: perhaps a white-on-black code
            return verify(gray, region, inverted=True)
        return votes

    return verify


def around(code: DecodedCode, gray: Frame) -> Region:
    """The code's box with room for its quiet zone and the full height of its bars."""
    xs, ys = [x for x, _ in code.position], [y for _, y in code.position]
    side = max(max(xs) - min(xs), max(ys) - min(ys), 20)
    margin = side // 3 + 8
    height, width = gray.shape[:2]
    x0, y0 = max(0, min(xs) - margin), max(0, min(ys) - margin)
    return Region(x0, y0, min(width, max(xs) + margin), min(height, max(ys) + margin))


def _one_per_pass(reads: list[DecodedCode]) -> list[DecodedCode]:
    """Each pass votes once, with its read over the most scan lines: zxing-cpp also returns wrong payloads
    from narrow bands of blurred or thin bars, next to the right one from the wider band."""
    best: dict[str, DecodedCode] = {}
    for code in reads:
        if code.decoder not in best or _bar_length(code) > _bar_length(best[code.decoder]):
            best[code.decoder] = code
    return list(best.values())


def _bar_length(code: DecodedCode) -> float:
    (x0, y0), _, _, (x3, y3) = code.position
    return math.hypot(x3 - x0, y3 - y0)  # top-left to bottom-left runs along the bars of a 1D code


def _first(reads: list[DecodedCode], text: str) -> DecodedCode:
    """The earliest pass's read of the winning payload (passes run cheapest first)."""
    return next(code for code in reads if code.text == text)


def _width(code: DecodedCode) -> float:
    (x0, y0), (x1, y1), _, _ = code.position
    return math.hypot(x1 - x0, y1 - y0)


def _same_symbol(a: DecodedCode, b: DecodedCode) -> bool:
    """Two 1D reads whose centres are closer than most of the wider one's length come from the same bars
    (zxing-cpp reports a band of scan lines: two bands of one symbol can be far apart across the bars)."""
    (ax, ay), (bx, by) = _centre(a), _centre(b)
    return math.hypot(ax - bx, ay - by) < 0.75 * max(_width(a), _width(b), 8.0)


def _centre(code: DecodedCode) -> tuple[float, float]:
    return sum(x for x, _ in code.position) / 4, sum(y for _, y in code.position) / 4
