"""The real-photo dev set (`../shared/scan-devset`): `frontdesk decode` against zxing-cpp with its defaults,
scored like the set's own score.py, plus what each pass of the picture decoder adds. Used by bench/decode.py.

Both sides read each file themselves, as in score.py: zxing-cpp the grey picture (cv2.imread), ours as
`frontdesk decode` does (the grey picture, and its colours only if the colour pass asks). score.py also times
our process start, measured here apart: a `frontdesk decode` of one small picture.

Reads: a picture with `expected_text` counts when that payload is read; one with `expected_count` counts its
distinct payloads up to that number. False reads: anything read in a picture with no code. Wrong payloads: a
payload other than the expected one (line ends and trailing blanks aside: the manifest stores 14 QR payloads
with \\n for the code's \\r\\n), or a 1D read in the QR-only sets. Times: CPU seconds on one core.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import zxingcpp

from frontdesk.scanning import LINEAR_FORMATS, PictureDecoder
from frontdesk.scanning.picture_decoder import PASSES
from frontdesk.scanning.sources import read_image

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "scan-devset"
Reads = list[tuple[str, str]]  # (payload, format) per code read
Entry = tuple[dict[str, Any], Path]


def load() -> list[Entry] | None:
    if not (DEVSET / "manifest.json").is_file():
        return None
    manifest: list[dict[str, Any]] = json.loads((DEVSET / "manifest.json").read_text())
    return [(entry, DEVSET / entry["file"]) for entry in manifest]


def _same(read: str, expected: str) -> bool:
    return read.replace("\r\n", "\n").rstrip() == expected.rstrip()


def score(pictures: list[Entry], decode: Callable[[Path], Reads]) -> dict[str, Any]:
    started = time.process_time()
    results = [decode(path) for _, path in pictures]
    return tally(pictures, results, time.process_time() - started)


def tally(pictures: list[Entry], results: list[Reads], seconds: float) -> dict[str, Any]:
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


def _ours(decoder: PictureDecoder) -> Callable[[Path], Reads]:
    def decode(path: Path) -> Reads:
        found = decoder.decode(read_image(path, grey=True), colour=lambda: read_image(path))
        return [(code.text, code.format) for code in found]

    return decode


def _zxing(path: Path) -> Reads:
    return [(r.text, r.format.name) for r in zxingcpp.read_barcodes(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE))]


def side_by_side(
    pictures: list[Entry], decoders: list[Callable[[Path], Reads]], rounds: int = 3
) -> list[dict[str, Any]]:
    """Each picture decoded by every decoder in turn, `rounds` times; a decoder's time for a picture is its
    fastest round (a shared machine's other work then weighs on neither side), CPU time on one core."""
    best = [[float("inf")] * len(pictures) for _ in decoders]
    results: list[list[Reads]] = [[] for _ in decoders]
    order = list(enumerate(decoders))
    for round_ in range(rounds):
        for index_picture, (_, path) in enumerate(pictures):
            for index, decode in order if round_ % 2 == 0 else order[::-1]:  # who goes first alternates
                started = time.process_time()
                found = decode(path)
                best[index][index_picture] = min(best[index][index_picture], time.process_time() - started)
                if round_ == 0:
                    results[index].append(found)
    return [tally(pictures, found, sum(times)) for found, times in zip(results, best, strict=True)]


def command_start(runs: int = 3) -> float:
    """CPU seconds of a `frontdesk decode` process reading one small picture (its fastest of `runs`):
    interpreter, imports and one decode, which score.py's time of ours includes."""
    picture = DEVSET / "falsepositives-1" / "n245.jpg"
    fastest = float("inf")
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _TIMED_START, str(picture)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        fastest = min(fastest, float(done.stdout.splitlines()[-1]))
    return round(fastest, 2)


_TIMED_START = """import os, sys
from main import main
main(["decode", sys.argv[1]])
times = os.times()
print(times.user + times.system)
"""


def measure_devset() -> dict[str, Any] | None:
    """Ours vs zxing-cpp defaults side by side, then the passes added one at a time."""
    pictures = load()
    if pictures is None:
        return None
    base, ours = side_by_side(pictures, [_zxing, _ours(PictureDecoder())])
    start = command_start()
    steps = [("zxing-cpp defaults", base)]
    for count in range(len(PASSES) + 1):
        label = f"  + {PASSES[count - 1]}" if count else "our formats, first read, vote"
        steps.append((label, score(pictures, _ours(PictureDecoder(passes=PASSES[:count])))))
    steps.append(("all, without the region check", score(pictures, _ours(PictureDecoder(check_regions=False)))))
    return {
        "pictures": len(pictures),
        "ours": ours,
        "zxing_cpp": base,
        "ratio": round(ours["reads"] / max(1, base["reads"]), 3),
        "time_ratio": round(ours["seconds"] / max(0.01, base["seconds"]), 2),
        "command_start_s": start,
        "time_ratio_with_start": round((ours["seconds"] + start) / max(0.01, base["seconds"]), 2),
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
    print(f"  ours / zxing-cpp: {result['ratio']:.2f}x the reads in {result['time_ratio']:.2f}x the time "
          f"(file reading included; CPU, one core, each picture's fastest of 3 rounds)")  # fmt: skip
    print(f"  with the command's start ({result['command_start_s']:.2f} s, as score.py times it): "
          f"{result['time_ratio_with_start']:.2f}x")  # fmt: skip
    print("  pass by pass, each added to the ones above (reads, false, wrong, seconds in one round):")
    for label, cell in result["steps"]:
        print(f"    {label:34s} {cell['reads']:4d} {cell['false_reads']:3d} {cell['wrong']:3d} {cell['seconds']:6.2f}")
