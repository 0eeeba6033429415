"""Clips and pictures generated once per test session (real MJPG .avi files written by OpenCV)."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import synth

CLIP_FRAMES = 24
APPEARS_AT = 8


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scanning-media")


@pytest.fixture(scope="session")
def code128_clip(media: Path) -> Path:
    """1280x720, 24 frames at 15 fps; the Code 128 voucher 50012345 is in view from frame 8 on."""
    return synth.write_voucher_video(media / "code128.avi", "code128", frames=CLIP_FRAMES, appear_from=APPEARS_AT)


@pytest.fixture(scope="session")
def qr_clip(media: Path) -> Path:
    """A QR coupon clip at 640x480 (QR reads fine at low resolution), code from frame 8 on."""
    return synth.write_voucher_video(
        media / "qr.avi", "qr", frames=CLIP_FRAMES, appear_from=APPEARS_AT, size=(640, 480), seed=3
    )


@pytest.fixture(scope="session")
def empty_clip(media: Path) -> Path:
    """A desk with no voucher at all, 640x480, 10 frames."""
    return synth.write_voucher_video(media / "empty.avi", "qr", frames=10, appear_from=99, size=(640, 480))
