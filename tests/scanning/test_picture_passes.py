"""The picture decoder's looks for soft bars (an unsharp mask) and for coloured ink (the darkest channel)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import segno

from frontdesk.cli import decode_cmd
from frontdesk.scanning import PictureDecoder, ZxingDecoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.picture_decoder import PASSES

from . import synth

COUPON = "SPRING-7F3K2Q"


def soft_bars(kind: str, px: int, seed: int) -> Frame:
    """The kind's symbol at `px` pixels per module, out of focus by 0.6 module, on grey paper."""
    row = synth.symbol(kind)[0]
    bars = np.repeat(np.repeat(row[None, :], int(len(row) * 0.3) * px, 0), px, 1)
    picture = np.pad(np.where(bars, 60, 200).astype(np.uint8), ((30, 30), (20, 20)), constant_values=200)
    picture = cv2.GaussianBlur(picture, (0, 0), 0.6 * px)
    noise = np.random.default_rng(seed).normal(0, 2, picture.shape)
    return np.clip(picture + noise, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(("kind", "px"), [("ean13", 4), ("code128", 3)])
def test_soft_bars_are_read_sharpened(kind: str, px: int) -> None:
    fmt, payload = synth.PAYLOADS[kind]
    for seed in range(3):
        picture = soft_bars(kind, px, seed)
        assert ZxingDecoder().decode(picture) == ()
        assert PictureDecoder(passes=[]).decode(picture) == ()
        found = PictureDecoder(passes=["sharpened"]).decode(picture)
        assert [(c.text, c.format, c.decoder) for c in found] == [(payload, fmt, "zxing-cpp sharpened")]


def yellow_print(seed: int) -> Frame:
    """The coupon's QR code in yellow ink on white paper, through a noisy sensor (BGR)."""
    modules = np.pad(np.array(segno.make(COUPON, error="m", version=3, micro=False).matrix, bool), 4)
    ink = np.repeat(np.repeat(modules, 6, 0), 6, 1)
    picture = np.full((*ink.shape, 3), 255, np.uint8)
    picture[ink] = (90, 240, 250)
    picture = np.pad(picture, ((60, 60), (60, 60), (0, 0)), constant_values=255)
    noise = np.random.default_rng(seed).normal(0, 30, picture.shape)
    return np.clip(picture + noise, 0, 255).astype(np.uint8)


def test_a_code_in_light_coloured_ink_is_read_by_its_darkest_channel() -> None:
    """Yellow is nearly white in grey (the eye's weights); its blue channel is dark."""
    without = PictureDecoder(passes=[p for p in PASSES if p != "colour"])
    for seed in range(3):
        picture = yellow_print(seed)
        assert PictureDecoder().decode(cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY)) == ()
        assert without.decode(picture) == ()
        assert [c.text for c in PictureDecoder().decode(picture)] == [COUPON]


def test_frontdesk_decode_reads_a_file_in_grey_then_in_colour(tmp_path: Path) -> None:
    """The command line reads a picture file in grey (faster) and decodes it in colour when grey read nothing."""
    path = tmp_path / "yellow.png"
    cv2.imwrite(str(path), yellow_print(0))
    result = decode_cmd.decode_file(path, PictureDecoder(), PictureDecoder())
    assert [(c["text"], c["format"]) for c in result["codes"]] == [(COUPON, "QRCode")]
