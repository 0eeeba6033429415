"""Decoders on generated 1280x720 frames with the real zxing-cpp (and zbar where the library is installed)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from frontdesk.scanning import (
    VOUCHER_FORMATS,
    DecodedCode,
    PyzbarDecoder,
    VoucherDecoder,
    ZxingDecoder,
    default_decoder,
    pyzbar_available,
)
from frontdesk.scanning import pyzbar_decoder as pyzbar_module
from frontdesk.scanning.regions import find_code_regions

from . import synth

EXPECTED_FORMAT = {"code128": "Code128", "qr": "QRCode", "ean13": "EAN13"}
SEEDS = (0, 1)


@pytest.fixture(scope="module")
def decoder() -> VoucherDecoder:
    return default_decoder()


def inside(code: DecodedCode, width: int = 1280, height: int = 720) -> bool:
    return all(0 <= x <= width and 0 <= y <= height for x, y in code.position)


@pytest.mark.parametrize("kind", ["code128", "qr", "ean13"])
@pytest.mark.parametrize("variant", [v for v in synth.VARIANTS if v != "none"])
def test_the_pipeline_decoder_reads_every_variant(decoder: VoucherDecoder, kind: str, variant: str) -> None:
    for seed in SEEDS:
        found = decoder.decode(synth.voucher_frame(kind, variant, seed))
        assert [(c.text, c.format) for c in found] == [(synth.PAYLOADS[kind][1], EXPECTED_FORMAT[kind])], seed
        assert inside(found[0])


@pytest.mark.parametrize("kind", ["code128", "qr", "ean13"])
def test_no_code_means_no_read(decoder: VoucherDecoder, kind: str) -> None:
    for seed in range(4):
        assert decoder.decode(synth.voucher_frame(kind, "none", seed)) == ()


def test_position_surrounds_the_code_in_frame_pixels(decoder: VoucherDecoder) -> None:
    frame = synth.voucher_frame("qr", "clean", 5)
    (code,) = decoder.decode(frame)
    xs, ys = [x for x, _ in code.position], [y for _, y in code.position]
    assert max(xs) - min(xs) > 200 and max(ys) - min(ys) > 200  # the QR is 25-40 % of the frame width
    # The symbol's inside is mostly dark modules on paper: far from the uniform desk around it.
    gray = synth.gray(frame)[min(ys) : max(ys), min(xs) : max(xs)]
    assert gray.min() < 80 and gray.max() > 180


def test_decodes_bgr_and_gray_alike(decoder: VoucherDecoder) -> None:
    frame = synth.voucher_frame("code128", "rot15", 2)
    assert decoder.decode(frame) == decoder.decode(synth.gray(frame))


def test_white_on_black_1d_needs_the_inverted_attempt() -> None:
    """zxing-cpp inverts 2D codes only (spike §3.4); the pipeline inverts the code's region itself."""
    frame = synth.voucher_frame("code128", "inverted", 0)
    assert ZxingDecoder().decode(frame) == ()
    assert [c.decoder for c in VoucherDecoder(attempts=("inverted",)).decode(frame)] == ["zxing-cpp inverted half size"]
    assert VoucherDecoder(attempts=()).decode(frame) == ()


def test_glare_on_a_phone_screen_is_recovered_without_zbar() -> None:
    """Seeds where the glare blob sits on a QR finder pattern: the full-frame read misses them."""
    missed = [s for s in range(12) if not ZxingDecoder().decode(synth.voucher_frame("qr", "phone", s))]
    assert missed, "the generator should put glare over a finder pattern in some frames"
    no_zbar = VoucherDecoder(attempts=("inverted", "sharpened", "glare"))
    reads = [no_zbar.decode(synth.voucher_frame("qr", "phone", s)) for s in missed]
    assert {c.decoder for found in reads for c in found} <= {"zxing-cpp glare"}
    assert sum(bool(found) for found in reads) >= len(missed) // 2


@pytest.mark.parametrize(
    ("variant", "seed", "misread"),
    [("blur", 2, "7908934123457"), ("clean", 5, "0981237123451"), ("perspective", 5, "2961934123457")],
)
def test_one_read_per_barcode_even_when_zxing_misreads_a_band(variant: str, seed: int, misread: str) -> None:
    """Plain zxing-cpp returns the right EAN-13 and a wrong one from another band of the same bars here."""
    frame = synth.voucher_frame("ean13", variant, seed)
    assert sorted(c.text for c in ZxingDecoder().decode(frame)) == sorted([misread, "5901234123457"])
    assert [c.text for c in VoucherDecoder().decode(frame)] == ["5901234123457"]


def test_two_different_codes_in_one_frame_are_both_reported() -> None:
    left, right = synth.voucher_frame("code128", "clean", 1), synth.voucher_frame("ean13", "clean", 0)
    both = np.hstack([left[:, 160:800], right[:, 640:]])  # two vouchers side by side
    found = VoucherDecoder().decode(both)
    assert sorted(c.text for c in found) == ["50012345", "5901234123457"]


def test_restricted_formats_ignore_other_symbologies() -> None:
    only_qr = VoucherDecoder(["QRCode"])
    assert only_qr.decode(synth.voucher_frame("code128", "clean", 0)) == ()
    assert only_qr.attempts == (("inverted", "glare", "zbar") if pyzbar_available() else ("inverted", "glare"))
    assert [c.text for c in only_qr.decode(synth.voucher_frame("qr", "clean", 0))] == ["SPRING-7F3K2Q"]


def test_unknown_attempt_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown decoding attempt"):
        VoucherDecoder(attempts=("inverted", "psychic"))


def test_regions_find_the_code_and_skip_an_empty_desk_with_printed_text() -> None:
    frame = synth.gray(synth.voucher_frame("code128", "inverted", 3))
    (code,) = VoucherDecoder().decode(frame)
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
        assert decoder.attempts == ("inverted", "sharpened", "glare")
        assert [c.text for c in decoder.decode(synth.voucher_frame("code128", "inverted", 1))] == ["50012345"]
        with pytest.raises(RuntimeError):
            PyzbarDecoder()
    finally:
        pyzbar_module._pyzbar.cache_clear()


def test_plain_zxing_reads_all_formats_when_asked() -> None:
    everything = ZxingDecoder(formats=None)
    assert [c.format for c in everything.decode(synth.voucher_frame("ean13", "clean", 0))] == ["EAN13"]
    assert VOUCHER_FORMATS == ("Code128", "QRCode", "EAN13")


def test_blank_and_tiny_frames_do_not_crash(decoder: VoucherDecoder) -> None:
    assert decoder.decode(np.zeros((720, 1280, 3), np.uint8)) == ()
    assert decoder.decode(np.full((8, 8), 255, np.uint8)) == ()
