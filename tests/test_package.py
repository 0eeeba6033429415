"""The package stands alone: a built wheel (not an editable install) carries everything the window and the
hub read at run time — icons, scan tones, translations, the protocol document, the migrations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEEDED = {
    "ui/resources/app.svg",
    "ui/resources/pencil.svg",
    "ui/resources/pending.svg",
    "ui/resources/scan.svg",
    "ui/resources/search.svg",
    "ui/resources/scan-done.wav",
    "ui/resources/scan-refused.wav",
    "ui/translations/frontdesk_en.qm",
    "ui/translations/frontdesk_es.qm",
    "frontdesk/protocol/openapi.yaml",
    "frontdesk/storage/migrations/env.py",
    "frontdesk/storage/migrations/script.py.mako",
    "main.py",
}


def test_the_built_wheel_holds_every_file_the_app_reads(tmp_path: Path) -> None:
    source = tmp_path / "source"  # the tracked files only, as a clean clone has them (no build/ left from before)
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in tracked.splitlines():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(source)], check=True, cwd=tmp_path, capture_output=True)  # fmt: skip
    [wheel] = tmp_path.glob("frontdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert names >= NEEDED, sorted(NEEDED - names)
    migrations = {n for n in names if n.startswith("frontdesk/storage/migrations/versions/") and n.endswith(".py")}
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "frontdesk/storage/migrations/versions").glob("*.py")}
    assert migrations == on_disk
    assert not any(n.startswith(("tests/", "bench/", "tools/")) for n in names)


def test_the_window_finds_its_resources_inside_the_package() -> None:
    from ui.look import RESOURCES

    assert RESOURCES.parent == ROOT / "ui" and all(
        (RESOURCES / Path(n).name).is_file() for n in NEEDED if "/resources/" in n
    )
