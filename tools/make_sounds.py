"""Writes the scan page's two signal tones to ui/resources/: a rising two-note chime (done) and a low double buzz
(refused), distinct enough to tell apart without looking. Run once after changing them:

    .venv/bin/python tools/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "ui" / "resources"
RATE = 22_050


def tone(frequency: float, seconds: float, *, volume: float = 0.35, square: bool = False) -> list[float]:
    count = int(RATE * seconds)
    samples = []
    for i in range(count):
        phase = math.sin(2 * math.pi * frequency * i / RATE)
        value = math.copysign(0.6, phase) if square else phase
        fade = min(1.0, i / (RATE * 0.005), (count - i) / (RATE * 0.02))  # no clicks at either end
        samples.append(value * volume * fade)
    return samples


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))


def main() -> None:
    write(RESOURCES / "scan-done.wav", tone(880, 0.09) + tone(1318.5, 0.14))
    write(RESOURCES / "scan-refused.wav", tone(220, 0.16, square=True) + silence(0.06) + tone(220, 0.16, square=True))


if __name__ == "__main__":
    main()
