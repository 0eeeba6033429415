"""`frontdesk decode FILE...`: the codes in pictures and videos, one JSON object per file, for support and tests.

A picture gets every decoding pass at once (PictureDecoder); a video gets the live camera's decoder and the same
OpenCV reading code as a camera, every frame decoded (no frames dropped, unlike live scanning), and each
distinct code is reported once, with the first frame it appeared in. `--formats` narrows what is read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from frontdesk.cli.output import EXIT_BAD_INPUT
from frontdesk.domain.errors import FrontDeskError

# OpenCV and the decoders are imported inside the functions that use them: registering this command must not
# slow down the start of every other one (`frontdesk search` has no use for a barcode reader).
if TYPE_CHECKING:
    from frontdesk.cli.output import Subparsers
    from frontdesk.scanning.decoder import DecodedCode, Decoder


def _code(code: DecodedCode, frame: int) -> dict[str, Any]:
    return {"text": code.text, "format": code.format, "position": [list(p) for p in code.position], "frame": frame}


def _is_picture(path: Path) -> bool:
    import cv2

    from frontdesk.scanning.sources import IMAGE_SUFFIXES

    return path.suffix.lower() in IMAGE_SUFFIXES or bool(cv2.haveImageReader(str(path)))


def decode_file(path: Path, decoder: Decoder, picture_decoder: Decoder | None = None) -> dict[str, Any]:
    """{"file", "codes"} for a picture, {"file", "frames", "codes"} for a video; SourceUnavailable if unusable.

    Pictures go to `picture_decoder` (when given), videos to `decoder`."""
    from frontdesk.scanning.errors import SourceUnavailable
    from frontdesk.scanning.picture_decoder import PictureDecoder
    from frontdesk.scanning.sources import VideoFileSource, read_image

    if not path.exists():
        raise SourceUnavailable(f"The file {path} was not found.")
    if path.is_dir():
        raise SourceUnavailable(f"{path} is a folder; name the pictures or videos in it.")
    if _is_picture(path):
        if isinstance(picture_decoder, PictureDecoder):  # its colour pass asks for the colours only if it runs
            found = picture_decoder.decode(read_image(path, grey=True), colour=lambda: read_image(path))
        else:
            found = (picture_decoder or decoder).decode(read_image(path))
        return {"file": str(path), "codes": [_code(c, 0) for c in found]}
    unreadable = SourceUnavailable(f"The file {path.name} could not be read as a picture or a video.")
    source = VideoFileSource(path)
    try:
        source.open()
    except SourceUnavailable:
        raise unreadable from None
    first_seen: dict[tuple[str, str], dict[str, Any]] = {}
    frames = 0
    try:
        while (frame := source.read()) is not None:
            for code in decoder.decode(frame):
                first_seen.setdefault((code.format, code.text), _code(code, frames))
            frames += 1
    finally:
        source.release()
    if frames == 0:
        raise unreadable
    return {"file": str(path), "frames": frames, "codes": list(first_seen.values())}


def decode_paths(
    paths: Sequence[Path | str],
    *,
    decoder: Decoder | None = None,
    formats: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print one JSON line per file; a file that cannot be read gets one plain line on `err` and the exit
    code says so at the end (the other files are still decoded). `decoder`, when given, reads everything;
    otherwise pictures get PictureDecoder and videos the live VoucherDecoder, both limited to `formats`."""
    from frontdesk.scanning.decoder import VOUCHER_FORMATS
    from frontdesk.scanning.picture_decoder import PictureDecoder
    from frontdesk.scanning.voucher_decoder import VoucherDecoder

    out, err = out or sys.stdout, err or sys.stderr
    picture_decoder: Decoder | None = None
    if decoder is None:
        chosen = VOUCHER_FORMATS if formats is None else formats
        decoder, picture_decoder = VoucherDecoder(chosen), PictureDecoder(chosen)
    failed = False
    for path in paths:
        try:
            result = decode_file(Path(path), decoder, picture_decoder)
        except FrontDeskError as error:
            print(f"frontdesk: {error.message}", file=err, flush=True)
            failed = True
            continue
        print(json.dumps(result, ensure_ascii=False), file=out, flush=True)
    return EXIT_BAD_INPUT if failed else 0


def _formats(text: str) -> tuple[str, ...]:
    from frontdesk.scanning.decoder import VOUCHER_FORMATS, check_formats

    try:
        return check_formats([name.strip() for name in text.split(",") if name.strip()])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown barcode format in {text!r}; use names such as {', '.join(VOUCHER_FORMATS)}"
        ) from None


def _run(args: argparse.Namespace) -> int:
    return decode_paths(args.files, formats=args.formats)


def register(subparsers: Subparsers) -> None:
    description = "Print the barcodes and QR codes found in pictures or videos, one JSON line per file."
    parser = subparsers.add_parser("decode", help=description, description=description)
    parser.add_argument("files", nargs="+", metavar="FILE", help="a picture (.png, .jpg, ...) or a video (.avi, .mp4)")
    parser.add_argument(
        "--formats", type=_formats, default=None, metavar="A,B",
        help="read only these barcode formats, e.g. Code128,QRCode (default: all that vouchers, member cards "
        "and coupons carry)",
    )  # fmt: skip
    parser.set_defaults(handler=_run)
