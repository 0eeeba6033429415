"""Decoders on generated 1280x720 frames with the real zxing-cpp (and zbar where the library is installed).

The live decoder runs one costly step per frame, so it is shown each frame for one whole cycle ("held still"),
as a camera shows a code held up for a moment; the picture decoder gets one call.
"""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

from frontdesk.scanning import (
    VOUCHER_FORMATS,
    DecodedCode,
    PictureDecoder,
    PyzbarDecoder,
    VoucherDecoder,
    ZxingDecoder,
    default_decoder,
    pyzbar_available,
)
from frontdesk.scanning import pyzbar_decoder as pyzbar_module
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.regions import find_code_regions

from . import synth

EXPECTED_FORMAT = {"code128": "Code128", "qr": "QRCode", "ean13": "EAN13"}
SEEDS = (0, 1)


def held_still(decoder: VoucherDecoder, frame: Frame) -> list[DecodedCode]:
    """Every read of the live decoder while `frame` stays in view until every step has run on it."""
    return [code for _ in range(decoder.frames_per_cycle) for code in decoder.decode(frame)]


def inside(code: DecodedCode, width: int = 1280, height: int = 720) -> bool:
    return all(0 <= x <= width and 0 <= y <= height for x, y in code.position)


@pytest.mark.parametrize("kind", ["code128", "qr", "ean13"])
@pytest.mark.parametrize("variant", [v for v in synth.VARIANTS if v != "none"])
def test_both_decoders_read_every_variant(kind: str, variant: str) -> None:
    live, picture = default_decoder(), PictureDecoder()
    expected = (synth.PAYLOADS[kind][1], EXPECTED_FORMAT[kind])
    for seed in SEEDS:
        frame = synth.voucher_frame(kind, variant, seed)
        reads = held_still(live, frame)
        assert reads and {(c.text, c.format) for c in reads} == {expected}, seed
        found = picture.decode(frame)
        assert [(c.text, c.format) for c in found] == [expected], seed
        assert inside(found[0]) and all(inside(c) for c in reads)


@pytest.mark.parametrize("kind", ["code128", "qr", "ean13"])
def test_no_code_means_no_read(kind: str) -> None:
    live, picture = default_decoder(), PictureDecoder()
    for seed in range(4):
        frame = synth.voucher_frame(kind, "none", seed)
        assert held_still(live, frame) == [] and picture.decode(frame) == ()


def test_position_surrounds_the_code_in_frame_pixels() -> None:
    frame = synth.voucher_frame("qr", "clean", 5)
    (code,) = PictureDecoder().decode(frame)
    xs, ys = [x for x, _ in code.position], [y for _, y in code.position]
    assert max(xs) - min(xs) > 200 and max(ys) - min(ys) > 200  # the QR is 25-40 % of the frame width
    # The symbol's inside is mostly dark modules on paper: far from the uniform desk around it.
    gray = synth.gray(frame)[min(ys) : max(ys), min(xs) : max(xs)]
    assert gray.min() < 80 and gray.max() > 180


def test_decodes_bgr_and_gray_alike() -> None:
    frame = synth.voucher_frame("code128", "rot15", 2)
    assert PictureDecoder().decode(frame) == PictureDecoder().decode(synth.gray(frame))
    assert held_still(default_decoder(), frame) == held_still(default_decoder(), synth.gray(frame))


def test_every_step_runs_in_turn_and_every_third_frame_while_codes_are_read() -> None:
    decoder = default_decoder()
    expected = ["full size", "full size 2D", "inverted", "sharpened", "contrast", "upscaled", "resampled"]
    expected += ["finders", "glare"]
    assert list(decoder.steps) == expected + (["zbar"] if pyzbar_available() else [])
    assert decoder.frames_per_cycle == 3 * len(decoder.steps)
    # Only the "inverted" step reads this code: with nothing else read, it runs on the 3rd frame of a cycle.
    inverted = synth.voucher_frame("code128", "inverted", 0)
    assert [bool(decoder.decode(inverted)) for _ in range(3)] == [False, False, True]
    # A code the half-size read finds: steps run on every third such frame, so the cycle moves on slowly.
    only_inverted = VoucherDecoder(attempts=("inverted",))  # steps: full size, full size 2D, inverted
    clean = synth.voucher_frame("qr", "clean", 0)
    for _ in range(3 * 2):  # two steps run: full size, full size 2D
        assert [c.text for c in only_inverted.decode(clean)] == ["SPRING-7F3K2Q"]
    assert [c.decoder for c in only_inverted.decode(inverted)] == ["zxing-cpp inverted"]  # the 3rd step, at once


def test_white_on_black_1d_needs_the_inverted_attempt() -> None:
    """zxing-cpp inverts 2D codes only (spike §3.4); the live decoder inverts the code's region itself."""
    frame = synth.voucher_frame("code128", "inverted", 0)
    assert ZxingDecoder().decode(frame) == ()
    assert {c.decoder for c in held_still(VoucherDecoder(attempts=("inverted",)), frame)} == {"zxing-cpp inverted"}
    assert held_still(VoucherDecoder(attempts=()), frame) == []


def test_a_small_code_next_to_a_big_one_is_read_too() -> None:
    """The half-size read finds the big QR coupon; the small voucher's bars are too fine for half size."""
    left, right = np.random.default_rng(1), np.random.default_rng(2)
    big = synth.compose(synth.desk(left), "qr", "clean", left, share=(0.2, 0.22))  # x 327-522
    small = synth.compose(synth.desk(right), "code128", "clean", right, share=(0.15, 0.16))  # x 492-690
    frame = synth.sensor(np.hstack([big[:, :640], small[:, 320:960]]), "clean", right)
    half = cv2.resize(frame, (640, 360), interpolation=cv2.INTER_AREA)
    assert [c.text for c in ZxingDecoder().decode(half)] == ["SPRING-7F3K2Q"]  # what the half-size read sees
    assert {c.text for c in held_still(default_decoder(), frame)} == {"SPRING-7F3K2Q", "50012345"}
    assert sorted(c.text for c in PictureDecoder().decode(frame)) == ["50012345", "SPRING-7F3K2Q"]


def test_glare_on_a_phone_screen_is_recovered_without_zbar() -> None:
    """Seeds where the glare blob sits on a QR finder pattern: the full-frame read misses them."""
    frames = [synth.voucher_frame("qr", "phone", s) for s in range(12)]
    missed = [f for f in frames if not ZxingDecoder().decode(f)]
    assert missed, "the generator should put glare over a finder pattern in some frames"
    plain = VoucherDecoder(attempts=())
    with_glare = VoucherDecoder(attempts=("glare",))
    assert sum(bool(held_still(with_glare, f)) for f in missed) > sum(bool(held_still(plain, f)) for f in missed)


@pytest.mark.parametrize(
    ("variant", "seed", "misread"),
    [("blur", 2, "7908934123457"), ("clean", 5, "0981237123451"), ("perspective", 5, "2961934123457")],
)
def test_one_read_per_barcode_even_when_zxing_misreads_a_band(variant: str, seed: int, misread: str) -> None:
    """Plain zxing-cpp returns the right EAN-13 and a wrong one from another band of the same bars here."""
    frame = synth.voucher_frame("ean13", variant, seed)
    assert sorted(c.text for c in ZxingDecoder(["EAN13"]).decode(frame)) == sorted([misread, "5901234123457"])
    assert [c.text for c in PictureDecoder().decode(frame)] == ["5901234123457"]
    assert {c.text for c in held_still(default_decoder(), frame)} == {"5901234123457"}


def test_two_different_codes_in_one_frame_are_both_reported() -> None:
    left, right = synth.voucher_frame("code128", "clean", 1), synth.voucher_frame("ean13", "clean", 0)
    both = np.hstack([left[:, 160:800], right[:, 640:]])  # two vouchers side by side
    assert sorted(c.text for c in PictureDecoder().decode(both)) == ["50012345", "5901234123457"]
    assert {c.text for c in held_still(default_decoder(), both)} == {"50012345", "5901234123457"}


def test_restricted_formats_ignore_other_symbologies() -> None:
    only_qr = VoucherDecoder(["QRCode"])
    assert held_still(only_qr, synth.voucher_frame("code128", "clean", 0)) == []
    expected = ("contrast", "upscaled", "resampled", "finders", "glare") + (("zbar",) if pyzbar_available() else ())
    assert only_qr.attempts == expected and only_qr.steps == ("full size 2D", *expected)
    assert {c.text for c in held_still(only_qr, synth.voucher_frame("qr", "clean", 0))} == {"SPRING-7F3K2Q"}
    assert PictureDecoder(["QRCode"]).decode(synth.voucher_frame("ean13", "clean", 0)) == ()


def test_unknown_attempts_and_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown decoding attempt"):
        VoucherDecoder(attempts=("inverted", "psychic"))
    with pytest.raises(ValueError, match=r"unknown barcode formats.*Morse"):
        VoucherDecoder(["QRCode", "Morse"])
    with pytest.raises(ValueError, match="unknown barcode formats"):
        PictureDecoder([])


def test_regions_find_the_code_and_skip_an_empty_desk_with_printed_text() -> None:
    frame = synth.gray(synth.voucher_frame("code128", "inverted", 3))
    (code,) = PictureDecoder().decode(frame)
    regions = find_code_regions(frame)
    assert any(all(r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1 for x, y in code.position) for r in regions), regions
    assert all(find_code_regions(synth.gray(synth.voucher_frame("qr", "none", s))) == [] for s in range(6))


def test_zbar_is_used_exactly_when_the_library_loads() -> None:
    assert ("zbar" in default_decoder().attempts) is pyzbar_available()
    frame = synth.voucher_frame("qr", "clean", 1)
    if pyzbar_available():
        (code,) = PyzbarDecoder().decode(frame)
        assert (code.text, code.format, code.decoder) == ("SPRING-7F3K2Q", "QRCode", "pyzbar")
        assert inside(code)
    else:
        with pytest.raises(RuntimeError, match="libzbar0"):
            PyzbarDecoder()


def test_without_the_zbar_library_everything_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate a machine without libzbar0: `import pyzbar.pyzbar` fails there with ImportError."""
    monkeypatch.setitem(sys.modules, "pyzbar.pyzbar", None)  # makes the import raise ImportError
    pyzbar_module._pyzbar.cache_clear()
    try:
        assert not pyzbar_available()
        decoder = default_decoder()
        assert decoder.attempts == ("inverted", "sharpened", "contrast", "upscaled", "resampled", "finders", "glare")
        assert {c.text for c in held_still(decoder, synth.voucher_frame("code128", "inverted", 1))} == {"50012345"}
        with pytest.raises(RuntimeError):
            PyzbarDecoder()
    finally:
        pyzbar_module._pyzbar.cache_clear()


def test_plain_zxing_reads_all_formats_when_asked() -> None:
    everything = ZxingDecoder(formats=None)
    assert [c.format for c in everything.decode(synth.voucher_frame("ean13", "clean", 0))] == ["EAN13"]
    assert set(VOUCHER_FORMATS) == {
        "Code128", "Code39", "Code93", "EAN13", "EAN8", "UPCA", "UPCE", "ITF", "QRCode", "DataMatrix", "PDF417",
    }  # fmt: skip


def test_blank_and_tiny_frames_do_not_crash() -> None:
    for decoder in (default_decoder(), PictureDecoder()):
        assert decoder.decode(np.zeros((720, 1280, 3), np.uint8)) == ()
        assert decoder.decode(np.full((8, 8), 255, np.uint8)) == ()
        assert decoder.decode(np.full((3, 500), 255, np.uint8)) == ()
