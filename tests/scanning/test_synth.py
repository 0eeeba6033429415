"""The test-data generator is deterministic, so the tests and the benchmark see the same pictures every run."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from frontdesk.scanning import ZxingDecoder

from . import synth


def test_same_seed_same_frame_and_variants_differ() -> None:
    a, b = synth.voucher_frame("qr", "noise", 7), synth.voucher_frame("qr", "noise", 7)
    assert a.shape == (720, 1280, 3) and a.dtype == np.uint8 and np.array_equal(a, b)
    assert not np.array_equal(a, synth.voucher_frame("qr", "noise", 8))
    assert not np.array_equal(synth.voucher_frame("qr", "clean", 7), synth.voucher_frame("qr", "blur", 7))


def test_symbols_carry_the_payloads() -> None:
    """Drawn from the modules of python-barcode and segno, checked with an independent reader."""
    for kind, (fmt, text) in synth.PAYLOADS.items():
        card = np.pad(synth.label(kind, caption=False), 40, constant_values=245)
        assert [(c.format, c.text) for c in ZxingDecoder(formats=None).decode(card)] == [(fmt, text)]


def test_video_shows_the_voucher_from_the_given_frame(tmp_path: Path) -> None:
    path = synth.write_voucher_video(tmp_path / "clip.avi", "qr", frames=6, appear_from=3, size=(640, 480))
    capture = cv2.VideoCapture(str(path))
    found = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        found.append([c.text for c in ZxingDecoder().decode(frame)])
    capture.release()
    assert found == [[], [], [], ["SPRING-7F3K2Q"], ["SPRING-7F3K2Q"], ["SPRING-7F3K2Q"]]
