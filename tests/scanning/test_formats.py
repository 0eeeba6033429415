"""Every format vouchers, member cards and coupons carry is read by default, on a camera-like picture.

1D symbols come from their modules (python-barcode) where it draws them; Code 93, UPC-E, Data Matrix and
PDF417 from zxing-cpp's own writer, the only generator of them at hand. Each symbol is put on a card on a desk
at a size a webcam sees and passed through the same "sensor" as the other generated frames.
"""

from __future__ import annotations

import barcode
import cv2
import numpy as np
import pytest
import segno
import zxingcpp

from frontdesk.scanning import PictureDecoder, VoucherDecoder, ZxingDecoder, default_decoder
from frontdesk.scanning.frames import Frame

from . import synth
from .test_decoder import held_still

# format -> (payload, how zxing-cpp reports it)
CASES = {
    "Code39": ("MEMBER-4711", "MEMBER-4711"),
    "Code93": ("CARD 2026", "CARD 2026"),
    "EAN8": ("96385074", "96385074"),
    "UPCA": ("03600029145", "0036000291452"),  # as EAN-13, like every UPC-A zxing-cpp reads with EAN-13 on
    "UPCE": ("01234565", "0012345000065"),  # expanded to its EAN-13
    "ITF": ("12345678901231", "12345678901231"),
    "DataMatrix": ("MEMBER 88120034", "MEMBER 88120034"),
    "PDF417": ("COUPON SPRING 2026 20 PCT", "COUPON SPRING 2026 20 PCT"),
}
MATRIX = {"DataMatrix", "PDF417"}
_PYTHON_BARCODE = {"Code39": "code39", "EAN8": "ean8", "UPCA": "upca", "ITF": "itf"}


def symbol_picture(fmt: str, payload: str) -> Frame:
    """The symbol in black on white, quiet zone included, about 600 px wide."""
    if fmt in _PYTHON_BARCODE:
        options = {"add_checksum": False} if fmt == "Code39" else {}
        modules = barcode.get_barcode_class(_PYTHON_BARCODE[fmt])(payload, **options).build()[0]
        row = np.array([c == "1" for c in modules], bool)
        cells = np.pad(np.repeat(row[None, :], max(40, len(row) // 3), 0), ((0, 0), (24, 24)))  # ITF wants 10 wide
    else:
        image = np.asarray(zxingcpp.create_barcode(payload, getattr(zxingcpp.BarcodeFormat, fmt)).to_image(scale=1))
        cells = np.pad(image < 128, 4)
    px = max(2, 600 // cells.shape[1])
    return np.where(np.repeat(np.repeat(cells, px, 0), px, 1), 25, 245).astype(np.uint8)


def on_a_desk(picture: Frame, seed: int, width: int = 520) -> Frame:
    """The card about `width` px wide, slightly turned, on a 1280x720 desk, through the webcam sensor."""
    rng = np.random.default_rng(seed)
    frame = synth.desk(rng)
    card = cv2.resize(
        picture, (width, round(picture.shape[0] * width / picture.shape[1])), interpolation=cv2.INTER_AREA
    )
    h, w = card.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-4, 4)), 1.0)
    turn[:, 2] += (rng.uniform(100, 1280 - w - 100), rng.uniform(80, 720 - h - 80))
    warped = cv2.warpAffine(card, turn, (1280, 720), borderValue=0)
    mask = cv2.warpAffine(np.ones_like(card), turn, (1280, 720), borderValue=0).astype(bool)
    frame[mask] = warped[mask][:, None]
    return synth.sensor(frame, "clean", rng)


@pytest.mark.parametrize("fmt", list(CASES))
def test_read_by_default_by_both_decoders(fmt: str) -> None:
    payload, reported = CASES[fmt]
    frame = on_a_desk(symbol_picture(fmt, payload), seed=len(fmt), width=300 if fmt in MATRIX else 520)
    as_read = "EAN13" if fmt == "UPCA" else fmt
    assert [(c.text, c.format) for c in PictureDecoder().decode(frame)] == [(reported, as_read)]
    assert {(c.text, c.format) for c in held_still(default_decoder(), frame)} == {(reported, as_read)}


def test_a_setting_narrows_the_formats() -> None:
    frame = on_a_desk(symbol_picture("Code39", "MEMBER-4711"), seed=1)
    assert PictureDecoder(["Code128", "QRCode", "EAN13"]).decode(frame) == ()
    assert held_still(VoucherDecoder(["Code128", "QRCode", "EAN13"]), frame) == []
    assert [c.text for c in PictureDecoder(["Code39"]).decode(frame)] == ["MEMBER-4711"]


def test_code_39_was_not_read_by_the_old_three_formats() -> None:
    """The decoder used to ask zxing-cpp for Code 128, QR and EAN-13 only: member cards in Code 39 were lost."""
    frame = on_a_desk(symbol_picture("Code39", "MEMBER-4711"), seed=1)
    assert ZxingDecoder(["Code128", "QRCode", "EAN13"]).decode(frame) == ()


def test_only_the_formats_asked_for_are_reported() -> None:
    """zxing-cpp 3's QR code family takes in Micro QR codes (whose smallest version only detects errors): a
    Micro QR symbol in view is not a voucher, coupon or member card."""
    modules = np.array(segno.make("4711", micro=True).matrix, bool)
    picture = np.pad(np.where(np.repeat(np.repeat(modules, 8, 0), 8, 1), 25, 245).astype(np.uint8), 40,
                     constant_values=245)  # fmt: skip
    assert [r.format.name for r in zxingcpp.read_barcodes(picture)] == ["MicroQRCode"]
    assert ZxingDecoder().decode(picture) == ()
    assert PictureDecoder().decode(picture) == ()
    assert [(c.text, c.format) for c in ZxingDecoder(formats=None).decode(picture)] == [("4711", "MicroQRCode")]
