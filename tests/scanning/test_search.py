"""The last look at code-like regions when every pass read nothing (search.py)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import segno

from frontdesk.scanning import PictureDecoder, ZxingDecoder
from frontdesk.scanning.consensus import check_region
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.picture_decoder import PASSES
from frontdesk.scanning.regions import find_code_regions
from frontdesk.scanning.search import BARS_FROM, coherence, search

from . import synth


def rubbed_off_close_up(text: str, seed: int, px: int = 10) -> Frame:
    """A coupon photographed close up whose top-left finder pattern lost its centre: zxing-cpp cannot even
    locate the code (it looks for three finder patterns)."""
    modules = np.pad(np.array(segno.make(text, error="m", micro=False).matrix, bool), 4)
    modules[6:9, 6:9] = False
    card = np.pad(np.where(np.repeat(np.repeat(modules, px, 0), px, 1), 30, 235).astype(np.uint8), 40,
                  constant_values=235)  # fmt: skip
    rng = np.random.default_rng(seed)
    h, w = card.shape
    turned = cv2.warpAffine(card, cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-8, 8)), 1.0), (w, h),
                            borderValue=200)  # fmt: skip
    small = cv2.resize(turned, (480, 480 * h // w), interpolation=cv2.INTER_AREA)
    return synth.sensor(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), "clean", rng)


@pytest.mark.parametrize("seed", range(3))
def test_a_qr_code_zxing_cannot_locate_is_read_from_its_outline(seed: int) -> None:
    picture = rubbed_off_close_up("SPRING-7F3K2Q", seed)
    assert ZxingDecoder().decode(picture) == ()
    assert PictureDecoder(passes=[p for p in PASSES if p != "search"]).decode(picture) == ()
    (code,) = PictureDecoder().decode(picture)
    assert (code.text, code.format, code.decoder) == ("SPRING-7F3K2Q", "QRCode", "zxing-cpp resampled")


def test_bars_and_other_things_are_told_apart_by_their_gradients() -> None:
    def first_region(kind: str, variant: str = "clean") -> Frame:
        gray = synth.gray(synth.voucher_frame(kind, variant, 1))
        return find_code_regions(gray, limit=1)[0].crop(gray)

    assert coherence(first_region("code128")) > BARS_FROM and coherence(first_region("ean13", "rot90")) > BARS_FROM
    assert coherence(first_region("qr")) < BARS_FROM
    assert coherence(np.full((40, 40), 128, np.uint8)) == 0.0


def test_nothing_is_found_where_there_is_no_code() -> None:
    check = check_region(["Code128", "EAN13", "UPCA", "Code39", "ITF"])
    for seed in range(6):
        assert search(synth.gray(synth.voucher_frame("qr", "none", seed)), check, regions=3) == []
