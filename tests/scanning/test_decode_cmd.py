"""`frontdesk decode FILE...` on generated pictures and clips, called directly and through argparse."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from frontdesk.cli import decode_cmd
from frontdesk.cli.output import EXIT_BAD_INPUT
from frontdesk.scanning import ZxingDecoder

from . import synth
from .conftest import APPEARS_AT, CLIP_FRAMES


def run(paths: list[Path], **options: Any) -> tuple[int, list[dict[str, Any]], str]:
    out, err = io.StringIO(), io.StringIO()
    code = decode_cmd.decode_paths(paths, out=out, err=err, **options)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_pictures_and_videos_one_json_line_each(tmp_path: Path, code128_clip: Path, empty_clip: Path) -> None:
    qr = synth.write_image(tmp_path / "coupon.png", "qr", "phone", 2)
    ean = synth.write_image(tmp_path / "retail.jpg", "ean13", "rot90", 1)
    code, lines, err = run([qr, code128_clip, ean, empty_clip])
    assert (code, err) == (0, "")
    coupon, video, retail, empty = lines
    assert coupon["file"] == str(qr) and "frames" not in coupon
    ((coupon_code),) = coupon["codes"]
    assert (coupon_code["text"], coupon_code["format"], coupon_code["frame"]) == ("SPRING-7F3K2Q", "QRCode", 0)
    assert len(coupon_code["position"]) == 4 and all(len(p) == 2 for p in coupon_code["position"])
    # Every frame of a video is decoded; each code is reported once, with the first frame it appears in.
    assert video["frames"] == CLIP_FRAMES
    assert [(c["text"], c["format"], c["frame"]) for c in video["codes"]] == [("50012345", "Code128", APPEARS_AT)]
    assert [c["text"] for c in retail["codes"]] == ["5901234123457"]
    assert empty == {"file": str(empty_clip), "frames": 10, "codes": []}


def test_missing_and_unreadable_files_one_plain_line_each_and_a_bad_exit(tmp_path: Path) -> None:
    good = synth.write_image(tmp_path / "voucher.png", "code128")
    notes = tmp_path / "notes.txt"
    notes.write_text("this is not a picture")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    code, lines, err = run([tmp_path / "missing.avi", good, notes, broken, tmp_path])
    assert code == EXIT_BAD_INPUT
    assert [line["file"] for line in lines] == [str(good)]  # the good file is still decoded
    assert err.splitlines() == [
        f"frontdesk: The file {tmp_path / 'missing.avi'} was not found.",
        "frontdesk: The file notes.txt could not be read as a picture or a video.",
        "frontdesk: The file broken.png could not be read as a picture.",
        f"frontdesk: {tmp_path} is a folder; name the pictures or videos in it.",
    ]
    assert "Traceback" not in err


def test_through_the_argument_parser(tmp_path: Path, qr_clip: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="frontdesk")
    decode_cmd.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["decode", str(qr_clip), str(tmp_path / "nope.png")])
    assert args.handler(args) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    (line,) = [json.loads(x) for x in out.splitlines()]
    assert [c["text"] for c in line["codes"]] == ["SPRING-7F3K2Q"] and line["frames"] == CLIP_FRAMES
    assert err == f"frontdesk: The file {tmp_path / 'nope.png'} was not found.\n"
    with pytest.raises(SystemExit):
        parser.parse_args(["decode"])  # at least one file
    capsys.readouterr()


def test_formats_narrow_what_is_read(tmp_path: Path, code128_clip: Path) -> None:
    qr = synth.write_image(tmp_path / "coupon.png", "qr", "clean", 1)
    code, lines, _ = run([qr, code128_clip], formats=("Code128",))
    assert code == 0 and [line["codes"] for line in lines] == [[], lines[1]["codes"]]
    assert [c["text"] for c in lines[1]["codes"]] == ["50012345"]
    code, lines, _ = run([qr], decoder=ZxingDecoder(["EAN13"]))  # a decoder given reads pictures too
    assert code == 0 and lines[0]["codes"] == []


def test_an_unknown_format_is_refused_in_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="frontdesk")
    decode_cmd.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["decode", "--formats", "QRCode, Code39", "x.png"])
    assert args.formats == ("QRCode", "Code39")
    with pytest.raises(SystemExit):
        parser.parse_args(["decode", "--formats", "QRCode,Barcode2000", "x.png"])
    err = capsys.readouterr().err
    assert "unknown barcode format in 'QRCode,Barcode2000'" in err and "Code128" in err and "Traceback" not in err


ROOT = Path(__file__).resolve().parents[2]
# What the other commands need and `frontdesk decode` does not: ~1 s of imports at every start.
DATABASE_AND_SYNC = ("sqlalchemy", "alembic", "frontdesk.storage", "frontdesk.sync", "frontdesk.services")


def test_decode_starts_without_the_database_and_sync_code(tmp_path: Path) -> None:
    """Through the real launcher in a fresh interpreter: the codes are printed, and none of the modules the
    database and sync commands need was imported; a usage mistake is still one plain line."""
    picture = synth.write_image(tmp_path / "coupon.png", "qr", "clean", 1)
    script = (
        "import json, sys\n"
        "from main import main\n"
        "status = main(sys.argv[1:])\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({DATABASE_AND_SYNC!r}))))\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "decode", str(picture)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    codes, imported = done.stdout.splitlines()
    assert [c["text"] for c in json.loads(codes)["codes"]] == ["SPRING-7F3K2Q"]
    assert json.loads(imported) == []
    mistake = subprocess.run([sys.executable, str(ROOT / "main.py"), "decode"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
    assert mistake.returncode == EXIT_BAD_INPUT and mistake.stdout == ""
    assert mistake.stderr.splitlines() == [
        'frontdesk: the following arguments are required: FILE — see "frontdesk decode --help"'
    ]
