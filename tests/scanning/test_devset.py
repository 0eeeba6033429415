"""The picture decoder on the real-photo dev set: 282 phone and webcam pictures kept beside the repository
(`../shared/scan-devset`, as in CI). Reads must not fall below the level reached, and nothing may be read
that is not there: a false or wrong read marks the wrong voucher.

Scored like the set's own score.py: a picture with `expected_text` counts when that payload is read, one
with `expected_count` counts its distinct payloads up to that number (0: any read is a false read). bench/
decode.py prints the same figures beside plain zxing-cpp's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2

from frontdesk.scanning import LINEAR_FORMATS, PictureDecoder

DEVSET = Path(__file__).resolve().parents[2].parent / "shared" / "scan-devset"
# 339 of 870 on 2026-12-02 (plain zxing-cpp: 281); a small margin for OpenCV/zxing-cpp rounding across machines.
READS_AT_LEAST = 336


def manifest() -> list[dict[str, Any]]:
    path = DEVSET / "manifest.json"
    assert path.is_file(), f"the real-photo dev set is missing: {path} (CI puts shared/ beside the clone)"
    entries: list[dict[str, Any]] = json.loads(path.read_text())
    return entries


def same_payload(read: str, expected: str) -> bool:
    """The manifest stores payloads with line ends as \\n and no trailing blanks; 14 of its QR codes carry
    \\r\\n and a trailing blank. Those are the same payload, not a wrong one (and not counted as reads)."""
    return read.replace("\r\n", "\n").rstrip() == expected.rstrip()


def test_reads_on_real_photos_stay_at_the_level_reached_without_a_false_or_wrong_read() -> None:
    decoder = PictureDecoder()
    reads = codes = 0
    false_reads: list[str] = []
    wrong: list[str] = []
    for entry in manifest():
        path = DEVSET / entry["file"]
        picture = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        assert picture is not None, entry["file"]
        found = decoder.decode(picture, colour=lambda path=path: cv2.imread(str(path)))  # as `frontdesk decode` does
        texts = {code.text for code in found}
        if "expected_text" in entry:
            codes += 1
            reads += entry["expected_text"] in texts
            wrong += [f"{entry['file']}: {t!r}" for t in texts if not same_payload(t, entry["expected_text"])]
        elif entry["expected_count"] == 0:
            false_reads += [f"{entry['file']}: {t!r}" for t in texts]
        else:  # the sets with many codes per picture hold QR codes only
            codes += entry["expected_count"]
            reads += min(len(texts), entry["expected_count"])
            wrong += [f"{entry['file']}: {c.format} {c.text!r}" for c in found if c.format in LINEAR_FORMATS]
    assert codes == 870
    assert false_reads == [] and wrong == []
    assert reads >= READS_AT_LEAST
