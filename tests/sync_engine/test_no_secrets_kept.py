"""A staff password or platform token is never written anywhere on the desk's side: not in any file under the desk's
data, settings or log folders (databases with their -wal files included), and not on either stream of
`frontdesk sync` or a staff command with --platform. Tokens the hub handed out are recognised by their hash."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sync.helpers import STAFF, Platform

from frontdesk.hub.models import AccessToken
from sync_engine.helpers import make_customers, sign_in

ROOT = Path(__file__).resolve().parents[2]
TOKEN_LIKE = re.compile(rb"[A-Za-z0-9_\-.~+/=]{20,}")  # any run long enough to be a bearer token


def issued_token_hashes(platform: Platform) -> set[str]:
    with platform.engine.connect() as db:
        return set(db.execute(select(AccessToken.token_hash)).scalars())


def tokens_in(data: bytes, hashes: set[str]) -> list[str]:
    """Runs of `data` whose sha256 is a token the hub issued (the hub keeps only hashes)."""
    found = []
    for match in TOKEN_LIKE.finditer(data):
        text = match.group().decode("ascii")
        for start in range(len(text)):  # a token may sit inside a longer run (e.g. "Bearer…" or JSON quoting)
            for end in range(len(text), start + 19, -1):
                if hashlib.sha256(text[start:end].encode()).hexdigest() in hashes:
                    found.append(text[start:end])
    return found


def command(*args: str, home: Path) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "FRONTDESK_PASSWORD": STAFF["desk"][0],
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "d"),
        "XDG_CONFIG_HOME": str(home / "c"),
        "XDG_STATE_HOME": str(home / "s"),
        "XDG_CACHE_HOME": str(home / "k"),
    }
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=120)  # fmt: skip


def test_no_password_or_token_in_any_desk_file_or_command_output(platform: Platform, tmp_path: Path) -> None:
    [customer] = make_customers(platform.engine, 1)
    home, db = tmp_path / "home", tmp_path / "home" / "desk.db"
    home.mkdir()
    synced = command("sync", "--db", str(db), "--platform", platform.base_url, "--username", "desk", home=home)
    assert synced.returncode == 0, synced.stderr
    marked = command("mark-used", "--db", str(db), str(customer.vouchers[0]), "--platform", platform.base_url,
                     "--username", "desk", home=home)  # fmt: skip
    assert marked.returncode == 0 and b'"confirmed": true' in marked.stdout, marked.stderr
    probe = sign_in(platform.base_url, "desk")  # the detector finds a token where one is
    hashes = issued_token_hashes(platform)
    assert len(hashes) >= 3 and tokens_in(b'{"Authorization": "Bearer ' + probe.encode() + b'"}', hashes) == [probe]

    password = STAFF["desk"][0].encode()
    streams = [synced.stdout, synced.stderr, marked.stdout, marked.stderr]
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert db in files and any(path.name.endswith("-wal") or path.name == "desk.db" for path in files)
    for data in [*streams, *(path.read_bytes() for path in files)]:
        assert password not in data
        assert tokens_in(data, hashes) == []
