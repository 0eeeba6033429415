"""Front Desk's translations: gather every marked text of the window and of frontdesk/ into ui/translations/*.ts,
then compile each into the .qm file the window loads (ui/language.py).

    .venv/bin/python tools/translations.py           # update every .ts from the source, then compile them
    .venv/bin/python tools/translations.py --new fr  # start ui/translations/frontdesk_fr.ts for another language

Marked texts are self.tr("…") in Qt objects, QCoreApplication.translate("Context", "…") and, in frontdesk/
(which never imports Qt), QT_TRANSLATE_NOOP("Context", "…") from frontdesk/domain/words.py. A new or changed
text shows in the .ts as type="unfinished": translate it (pyside6-linguist, or any editor), then run this again.
The .ts keeps no line numbers, so it changes only when a text does; tests/gui/test_languages.py checks that it
is complete, in step with the source, and that the committed .qm is its compiled form.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "ui" / "translations"
ENGLISH = "frontdesk_en.ts"
NOT_SHOWN = ("frontdesk/hub/", "frontdesk/cli/")  # the platform server and the command line speak English


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv's bin or Scripts), else on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found: it comes with PySide6 (pip install pyside6-essentials)")
    return found


def sources(root: Path = ROOT) -> list[str]:
    files = [*root.glob("ui/*.py"), *root.glob("frontdesk/**/*.py")]
    names = sorted(p.relative_to(root).as_posix() for p in files)
    return [name for name in names if not name.startswith(NOT_SHOWN)]


def update(ts: Path, root: Path = ROOT, language: str | None = None) -> str:
    """Bring `ts` in step with the source (new texts in, vanished ones out); lupdate's summary. English is the
    source language: its file holds only the texts with plural forms."""
    target = ["-target-language", language] if language else []
    if ts.name == ENGLISH:
        target.append("-pluralonly")
    command = [tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *target, *sources(root), "-ts", str(ts)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, check=True)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="Update the .ts files from the source and compile them.")
    parser.add_argument("--new", metavar="LANG", help="start a translation for LANG (e.g. fr, pt_BR)")
    args = parser.parse_args(argv)
    if args.new:
        print(update(FOLDER / f"frontdesk_{args.new}.ts", language=args.new))
    for ts in sorted(FOLDER.glob("frontdesk_*.ts")):
        if not args.new:
            print(update(ts))
        release(ts, ts.with_suffix(".qm"))
        print(f"compiled {ts.with_suffix('.qm').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
