#!/usr/bin/env python3
"""One-command set-up for Front Desk: `python3 dev.py run` starts the app, `python3 dev.py test` checks it.

Both create `.venv` on first use and install the project from pyproject.toml into it, so a fresh machine
with only Python >= 3.11 and pip needs nothing else (apart from the OS packages listed in the README).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Front Desk needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Reinstall only when pyproject.toml or the wanted extras change: keeps `run` instant after the first time.
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing Front Desk{extras} into .venv ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-e", f".{extras}"], check=True, cwd=ROOT)
    stamp.write_text(digest)


def _run(*cmd: str) -> None:
    print("$", " ".join(cmd), flush=True)
    result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"run", "test"}:
        sys.exit("usage: python3 dev.py run [app options] | python3 dev.py test [pytest options]")
    command, rest = argv[0], argv[1:]
    if command == "run":
        _ensure_venv("[hub]")  # the desk and the hub it starts in demo mode
        os.execv(str(PYTHON), [str(PYTHON), str(ROOT / "main.py"), *rest])
    _ensure_venv("[hub,test]")
    _run(str(PYTHON), "-m", "ruff", "check", ".")
    _run(str(PYTHON), "-m", "ruff", "format", "--check", ".")
    _run(str(PYTHON), "-m", "mypy")
    _run(str(BIN / "lint-imports"))
    _run(str(PYTHON), "-m", "pytest", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
