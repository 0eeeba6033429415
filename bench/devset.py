"""The real-photo dev set (`../shared/scan-devset`): our picture decoder against zxing-cpp with its defaults,
scored like the set's own score.py, plus what each pass of the picture decoder adds. Used by bench/decode.py.

Reads: a picture with `expected_text` counts when that payload is read; one with `expected_count` counts its
distinct payloads up to that number. False reads: anything read in a picture with no code. Wrong payloads: a
payload other than the expected one (line ends and trailing blanks aside: the manifest stores 14 QR payloads
with \\n for the code's \\r\\n), or a 1D read in the QR-only sets. Times: every picture decoded once, one core.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import zxingcpp

from frontdesk.scanning import LINEAR_FORMATS, PictureDecoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.picture_decoder import PASSES

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "scan-devset"
Reads = list[tuple[str, str]]  # (payload, format) per code read


def load() -> list[tuple[dict[str, Any], Frame]] | None:
    if not (DEVSET / "manifest.json").is_file():
        return None
    manifest: list[dict[str, Any]] = json.loads((DEVSET / "manifest.json").read_text())
    pictures: list[tuple[dict[str, Any], Frame]] = []
    for entry in manifest:
        picture = cv2.imread(str(DEVSET / entry["file"]), cv2.IMREAD_GRAYSCALE)
        if picture is None:
            raise SystemExit(f"cannot read {DEVSET / entry['file']}")
        pictures.append((entry, picture))
    return pictures


def _same(read: str, expected: str) -> bool:
    return read.replace("\r\n", "\n").rstrip() == expected.rstrip()


def score(pictures: list[tuple[dict[str, Any], Frame]], decode: Callable[[Frame], Reads]) -> dict[str, Any]:
    started = time.perf_counter()
    results = [decode(picture) for _, picture in pictures]
    return tally(pictures, results, time.perf_counter() - started)


def tally(pictures: list[tuple[dict[str, Any], Frame]], results: list[Reads], seconds: float) -> dict[str, Any]:
    reads = codes = false = wrong = 0
    for (entry, _), found in zip(pictures, results, strict=True):
        texts = {text for text, _ in found}
        if "expected_text" in entry:
            codes += 1
            reads += entry["expected_text"] in texts
            wrong += sum(not _same(text, entry["expected_text"]) for text in texts)
        elif entry["expected_count"] == 0:
            false += len(texts)
        else:
            codes += entry["expected_count"]
            reads += min(len(texts), entry["expected_count"])
            wrong += sum(fmt in LINEAR_FORMATS for _, fmt in found)
    return {"reads": reads, "codes": codes, "false_reads": false, "wrong": wrong, "seconds": round(seconds, 2)}


def _ours(decoder: PictureDecoder) -> Callable[[Frame], Reads]:
    return lambda picture: [(code.text, code.format) for code in decoder.decode(picture)]


def _zxing(picture: Frame) -> Reads:
    return [(r.text, r.format.name) for r in zxingcpp.read_barcodes(picture) if r.text]


def side_by_side(
    pictures: list[tuple[dict[str, Any], Frame]], decoders: list[Callable[[Frame], Reads]], rounds: int = 2
) -> list[dict[str, Any]]:
    """Each picture decoded by every decoder in turn, `rounds` times (a shared machine's load then weighs on
    all alike); seconds are per round."""
    seconds = [0.0] * len(decoders)
    results: list[list[Reads]] = [[] for _ in decoders]
    order = list(enumerate(decoders))
    for round_ in range(rounds):
        for _, picture in pictures:
            for index, decode in order if round_ % 2 == 0 else order[::-1]:  # who goes first alternates
                started = time.perf_counter()
                found = decode(picture)
                seconds[index] += time.perf_counter() - started
                if round_ == 0:
                    results[index].append(found)
    return [tally(pictures, found, total / rounds) for found, total in zip(results, seconds, strict=True)]


def measure_devset() -> dict[str, Any] | None:
    """Ours vs zxing-cpp defaults side by side, then the passes added one at a time."""
    pictures = load()
    if pictures is None:
        return None
    base, ours = side_by_side(pictures, [_zxing, _ours(PictureDecoder())])
    steps = [("zxing-cpp defaults", base)]
    for count in range(len(PASSES) + 1):
        passes = PASSES[:count]
        steps.append(
            (" + ".join(["our formats, vote", *passes]), score(pictures, _ours(PictureDecoder(passes=passes))))
        )
    steps.append(("all, without the region check", score(pictures, _ours(PictureDecoder(check_regions=False)))))
    return {
        "pictures": len(pictures),
        "ours": ours,
        "zxing_cpp": base,
        "ratio": round(ours["reads"] / max(1, base["reads"]), 3),
        "time_ratio": round(ours["seconds"] / max(0.01, base["seconds"]), 2),
        "steps": steps,
    }


def print_devset(result: dict[str, Any] | None) -> None:
    if result is None:
        print(f"\nreal-photo dev set: not found at {DEVSET}")
        return
    ours, base = result["ours"], result["zxing_cpp"]
    print(f"\nreal-photo dev set ({result['pictures']} pictures, {ours['codes']} codes), `frontdesk decode`'s decoder:")
    for label, cell in (("ours (PictureDecoder)", ours), ("zxing-cpp defaults", base)):
        print(f"  {label:24s} {cell['reads']:4d} read   false reads {cell['false_reads']}   wrong payloads "
              f"{cell['wrong']}   {cell['seconds']:.2f} s")  # fmt: skip
    print(f"  ours / zxing-cpp: {result['ratio']:.2f}x the reads in {result['time_ratio']:.2f}x the time")
    print("  step by step (reads, false, wrong, seconds):")
    for label, cell in result["steps"]:
        print(f"    {label:58s} {cell['reads']:4d} {cell['false_reads']:3d} {cell['wrong']:3d} {cell['seconds']:6.2f}")
