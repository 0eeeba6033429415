"""Write a video of a voucher being held up to a webcam, to run the scan page without a camera:

    .venv/bin/python tools/voucher_clip.py CODE [OUT.avi] [--qr] [--variant phone] [--seconds 4]
    python3 dev.py run --camera OUT.avi

The desk is empty for the first second, then the voucher (Code 128 of CODE, or a QR code with --qr) stays in
view. Pick a code the desk holds, e.g. from `frontdesk search` / the profile's voucher list. Frames are drawn
by the test suite's generator (tests/scanning/synth.py) at 1280x720 and 15 fps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from frontdesk.domain.codes import normalize_code  # noqa: E402
from frontdesk.domain.errors import InvalidInput  # noqa: E402
from tests.scanning import synth  # noqa: E402

FPS = 15.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="the voucher code (or coupon code, with --qr) to show")
    parser.add_argument("out", nargs="?", type=Path, default=Path("voucher.avi"))
    parser.add_argument("--qr", action="store_true", help="a QR code (coupon) instead of a Code 128 barcode")
    parser.add_argument("--variant", default="clean", choices=[v for v in synth.VARIANTS if v != "none"])
    parser.add_argument("--seconds", type=float, default=4.0, help="length of the clip (default 4)")
    args = parser.parse_args(argv)
    try:
        code = normalize_code(args.code)
    except InvalidInput as error:
        print(f"voucher_clip: {error.message}", file=sys.stderr)
        return 2
    frames = max(int(args.seconds * FPS), int(FPS) + 1)
    kind = "qr" if args.qr else "code128"
    synth.write_voucher_video(args.out, kind, frames=frames, appear_from=int(FPS), variant=args.variant, fps=FPS,
                              text=code)  # fmt: skip
    print(f"wrote {args.out}: {kind} {code}, {frames} frames; run: python3 dev.py run --camera {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
