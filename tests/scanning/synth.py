"""Deterministic 1280x720 test frames of a voucher on a desk, in the robustness variants of the dependency spike.

Shared by the tests and `bench/decode.py`, so the benchmark measures exactly what the tests exercise. The symbol
is drawn from its modules (python-barcode, segno), never from a decoder's own writer, and every frame passes
through a small "sensor" (softening + noise) like a webcam picture.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import barcode
import cv2
import numpy as np
import numpy.typing as npt
import segno

Image = npt.NDArray[Any]  # 8-bit BGR or grey; loosely typed like OpenCV's own stubs
FRAME_SIZE = (1280, 720)  # width, height
# kind -> (zxing-style format name, payload): a numeric voucher_id, a coupon code in a QR, a retail EAN-13.
PAYLOADS = {"code128": ("Code128", "50012345"), "qr": ("QRCode", "SPRING-7F3K2Q"), "ean13": ("EAN13", "5901234123457")}
SHARE = (0.25, 0.40)  # the symbol's width as a part of the frame width, as in the dependency spike
VARIANTS = (
    "clean", "noise", "blur", "rot15", "rot90", "perspective", "lowcontrast", "inverted", "phone", "none",
)  # fmt: skip


@functools.cache
def symbol(kind: str, text: str | None = None) -> npt.NDArray[np.bool_]:
    """True where the symbol is dark, quiet zone included, one cell per module (1D codes: one row).

    `text` replaces the kind's usual payload (PAYLOADS), e.g. a demo voucher's own code."""
    text = text or PAYLOADS[kind][1]
    if kind == "qr":
        matrix = np.array([list(row) for row in segno.make(text, error="m", micro=False).matrix], dtype=bool)
        return np.pad(matrix, 4)
    modules = barcode.get("code128" if kind == "code128" else "ean13", text).build()[0]
    return np.pad(np.array([c == "1" for c in modules], dtype=bool)[None, :], ((0, 0), (10, 10)))


def _px(kind: str, text: str | None = None) -> int:
    """Pixels per module of the full-size rendering (about 800 px wide), later scaled down with INTER_AREA."""
    return max(4, 800 // int(symbol(kind, text).shape[1]))


@functools.cache
def label(kind: str, *, ink: int = 25, paper: int = 245, caption: bool = True, text: str | None = None) -> Image:
    """A printed voucher: the symbol on a paper card with a caption, at `_px` pixels per module."""
    cells = symbol(kind, text)
    px = _px(kind, text)
    if cells.shape[0] == 1:  # 1D: bars 40 % (Code 128) or 60 % (EAN-13) as tall as the symbol is wide
        cells = np.repeat(cells, int(cells.shape[1] * (0.4 if kind == "code128" else 0.6)), 0)
    code = np.repeat(np.repeat(cells, px, 0), px, 1)
    height, width = code.shape
    margin = width // 12
    card = np.full((height + 2 * margin + (width // 6 if caption else 0), width + 2 * margin), paper, np.uint8)
    card[margin : margin + height, margin : margin + width][code] = ink
    if caption:  # human-readable line, as printed under real voucher codes
        scale = width / 700
        org = (margin + width // 10, margin + height + int(width / 9))
        thickness = max(1, int(scale * 2))
        words = "VOUCHER " + (text or PAYLOADS[kind][1])
        cv2.putText(card, words, org, cv2.FONT_HERSHEY_SIMPLEX, scale, ink, thickness)
    return card


def desk(rng: np.random.Generator, size: tuple[int, int] = FRAME_SIZE) -> Image:
    """A smooth, uneven desk with a few objects on it (BGR)."""
    width, height = size
    base = rng.uniform(60, 170, 3).astype(np.float32)
    field = cv2.resize(rng.normal(0, 25, (6, 10, 3)).astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
    grain = (np.sin(np.linspace(0, rng.uniform(20, 60), height)) * 6).astype(np.float32)[:, None, None]
    img = np.clip(field + base + grain, 0, 255).astype(np.uint8)
    for _ in range(4):
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        axes = (int(rng.integers(40, 200)), int(rng.integers(30, 150)))
        cv2.ellipse(img, centre, axes, float(rng.uniform(0, 180)), 0, 360, colour, -1)
    out: Image = cv2.GaussianBlur(img, (9, 9), 0)
    _printed_sheet(out, rng)
    return out


_WORDS = ["member", "visit", "booking", "spa", "towel", "locker", "class", "sauna", "receipt", "thank", "points"]


def _printed_sheet(img: Image, rng: np.random.Generator) -> None:
    """A sharp sheet of printed text lying on the desk: edges everywhere that are not a code."""
    sheet = np.full((360, 300), 240, np.uint8)
    for row in range(8):
        words = " ".join(rng.choice(_WORDS, 4))
        cv2.putText(sheet, words, (14, 40 + row * 40), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 40, 1, cv2.LINE_AA)
    h, w = img.shape[:2]
    t = float(rng.uniform(-0.5, 0.5))
    corners = np.array([[0, 0], [300, 0], [300, 360], [0, 360]], np.float32)
    rot = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]], np.float32)
    quad = (corners @ rot + rng.uniform([0, 0], [w - 150, h - 150])).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(corners, quad)
    warped = cv2.warpPerspective(sheet, matrix, (w, h), borderValue=0)
    mask = cv2.warpPerspective(np.ones_like(sheet), matrix, (w, h), borderValue=0).astype(bool)
    img[mask] = warped[mask][:, None]


def _phone(card: Image, rng: np.random.Generator) -> Image:
    """The code on a bright phone screen inside a black bezel, with a glare blob over part of it."""
    screen = card.astype(np.float32)
    h, w = screen.shape
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    rx, ry = rng.uniform(0.08, 0.14) * w, rng.uniform(0.06, 0.12) * h
    glare = 230 * np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2))
    screen = np.clip(screen + glare, 0, 255).astype(np.uint8)
    bezel = w // 14
    return np.pad(screen, ((bezel * 2, bezel * 2), (bezel, bezel)), constant_values=12)


def _quad(variant: str, w: float, h: float, rng: np.random.Generator, size: tuple[int, int]) -> npt.NDArray[Any]:
    """Where the card's corners land in the frame (TL, TR, BR, BL)."""
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32) - (w / 2, h / 2)
    if variant == "perspective":  # keystone (22 %) and foreshortening (15 %)
        corners[[0, 1], 0] *= 0.78
        corners[[0, 1], 1] *= 0.85
    angle = {"rot15": 15.0, "rot90": 90.0, "phone": 6.0}.get(variant, 2.0) * rng.choice([-1, 1])
    angle += rng.uniform(-2, 2) if variant in {"rot15", "rot90"} else 0
    t = np.deg2rad(angle)
    turned = corners @ np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]], np.float32)
    span = turned.max(0) - turned.min(0)
    if (span > 0.95 * np.array(size)).any():  # a tall phone or a turned card must stay in the picture
        turned *= float((0.95 * np.array(size) / span).min())
        span = turned.max(0) - turned.min(0)
    free = np.maximum(np.array(size, np.float32) - span, 1)
    quad: npt.NDArray[Any] = (turned - turned.min(0) + rng.uniform(0, 1, 2) * free).astype(np.float32)
    return quad


def voucher_frame(
    kind: str, variant: str, seed: int, size: tuple[int, int] = FRAME_SIZE, share: tuple[float, float] = SHARE
) -> Image:
    """One BGR frame of `kind` ("code128", "qr", "ean13") in `variant` (see VARIANTS); same seed, same frame.

    `share` is the range of the symbol's width as a part of the frame width (nearer or farther from the camera).
    """
    rng = np.random.default_rng([seed, VARIANTS.index(variant), list(PAYLOADS).index(kind)])
    return sensor(compose(desk(rng, size), kind, variant, rng, share), variant, rng)


def compose(
    background: Image,
    kind: str,
    variant: str,
    rng: np.random.Generator,
    share: tuple[float, float] = SHARE,
    text: str | None = None,
) -> Image:
    """The voucher card of `variant` warped onto a copy of `background` (noise-free; see `sensor`)."""
    frame = background.copy()
    if variant == "none":
        return frame
    ink, paper = {"inverted": (230, 25), "lowcontrast": (105, 160)}.get(variant, (25, 245))
    card = label(kind, ink=ink, paper=paper, text=text)
    if variant == "lowcontrast":  # dim room: flatten the desk too
        frame[:] = (130 + (frame.astype(np.int16) - 130) * 0.3).astype(np.uint8)
    if variant == "phone":
        card = _phone(card, rng)
    width_share = rng.uniform(*share)
    symbol_px = symbol(kind, text).shape[1] * _px(kind, text)
    scale = width_share * frame.shape[1] / symbol_px
    small = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    quad = _quad(variant, w, h, rng, (frame.shape[1], frame.shape[0]))
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    x0, y0 = np.floor(quad.min(0)).astype(int)
    x1, y1 = np.ceil(quad.max(0)).astype(int)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, frame.shape[1]), min(y1, frame.shape[0])
    matrix[:2] -= matrix[2] * np.array([[x0], [y0]])  # warp straight into the bounding box only
    dsize = (x1 - x0, y1 - y0)
    warped = cv2.warpPerspective(small, matrix, dsize, flags=cv2.INTER_LINEAR)
    alpha = cv2.warpPerspective(np.ones(small.shape, np.float32), matrix, dsize, flags=cv2.INTER_LINEAR)[..., None]
    tint = np.array([0.96, 1.0, 1.02], np.float32)  # warm paper under room light
    box = frame[y0:y1, x0:x1]
    box[:] = np.clip(box * (1 - alpha) + warped[..., None] * tint * alpha, 0, 255).astype(np.uint8)
    return frame


def sensor(frame: Image, variant: str, rng: np.random.Generator) -> Image:
    """Webcam softening and noise; the blur and noise variants are stronger versions of the same."""
    out = cv2.GaussianBlur(frame, (5, 5) if variant == "blur" else (3, 3), 0).astype(np.int16)
    noise = np.empty(out.shape, np.int16)
    cv2.setRNGSeed(int(rng.integers(2**31)))  # OpenCV's generator is ~10x faster than numpy's here
    cv2.randn(noise, np.zeros(3), np.full(3, 25.0 if variant == "noise" else 3.0))
    noisy: Image = np.clip(out + noise, 0, 255).astype(np.uint8)
    return noisy


def gray(frame: Image) -> Image:
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def write_voucher_video(
    path: Path,
    kind: str,
    *,
    frames: int = 24,
    appear_from: int = 8,
    variant: str = "clean",
    fps: float = 15.0,
    size: tuple[int, int] = FRAME_SIZE,
    seed: int = 0,
    text: str | None = None,
) -> Path:
    """An MJPG .avi of a desk where the voucher appears from frame `appear_from` on (never, if >= frames)."""
    rng = np.random.default_rng([seed, 99])
    background = desk(rng, size)
    with_code = compose(background, kind, variant, rng, text=text)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, size)
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {path}")
    try:
        for index in range(frames):
            writer.write(sensor(with_code if index >= appear_from else background, variant, rng))
    finally:
        writer.release()
    return path


def write_image(path: Path, kind: str, variant: str = "clean", seed: int = 0) -> Path:
    if not cv2.imwrite(str(path), voucher_frame(kind, variant, seed)):
        raise RuntimeError(f"OpenCV cannot write {path}")
    return path
