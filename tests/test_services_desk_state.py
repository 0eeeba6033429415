"""The desk database belongs to one platform: claimed at the first sync, refused for any other, and each
platform gets its own file; and the desk settings keep the platform when staff sign out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontdesk.domain.staff import StaffRole
from frontdesk.services.desk_settings import DeskSettings, load_settings, save_settings
from frontdesk.services.desk_state import (
    OtherPlatform,
    claim_platform,
    database_for,
    platform_key,
    platform_of,
    read_desk_state,
    same_platform,
)
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database

HUB = "https://hub.example.com"


def _bound(path: Path, url: str | None) -> Path:
    db = Database(path)
    if url is not None:
        claim_platform(db, url)
    db.close()
    return path


def test_one_spelling_per_platform_address() -> None:
    assert platform_key("HTTPS://Hub.Example.com/ ") == "https://hub.example.com"
    assert platform_key("http://127.0.0.1:8765/loyalty/") == "http://127.0.0.1:8765/loyalty"
    assert same_platform("https://hub.example.com/", "https://HUB.example.com")
    assert not same_platform("https://hub.example.com", "http://hub.example.com")
    assert not same_platform("http://127.0.0.1:8765", "http://127.0.0.1:8766")


def test_a_fresh_database_is_claimed_by_its_first_platform_and_refuses_any_other(db: Database) -> None:
    assert platform_of(db) is None
    claim_platform(db, HUB + "/")
    assert platform_of(db) == HUB
    claim_platform(db, "https://HUB.example.com")  # the same platform, spelled differently
    with pytest.raises(OtherPlatform) as refused:
        claim_platform(db, "https://other.example.org")
    assert refused.value.code == "other_platform"
    assert "belongs to https://hub.example.com" in refused.value.message
    assert "nothing was sent to https://other.example.org" in refused.value.message
    assert platform_of(db) == HUB  # the refusal changed nothing


def test_generated_demo_data_is_never_claimed_by_a_platform(tmp_path: Path) -> None:
    db = Database(tmp_path / "demo.db")
    try:
        demo_data.fill(db, 20, seed=1)
        with pytest.raises(OtherPlatform, match="generated demo customers"):
            claim_platform(db, HUB)
        assert platform_of(db) is None
    finally:
        db.close()


def test_each_platform_has_its_own_database_file(tmp_path: Path) -> None:
    assert database_for(tmp_path, HUB) == tmp_path / "desk.db"  # a new desk: the usual name
    _bound(tmp_path / "desk.db", None)
    assert database_for(tmp_path, HUB) == tmp_path / "desk.db"  # made before databases were kept per platform
    _bound(tmp_path / "desk.db", HUB)
    assert database_for(tmp_path, HUB + "/") == tmp_path / "desk.db"
    other = database_for(tmp_path, "https://other.example.org:8443")
    assert other.parent == tmp_path and other.name.startswith("desk-other-example-org-8443-")
    assert other != database_for(tmp_path, "https://other.example.org:8444")
    _bound(other, "https://other.example.org:8443")
    assert database_for(tmp_path, "https://other.example.org:8443") == other  # found again once it exists
    assert database_for(tmp_path, HUB) == tmp_path / "desk.db"


def test_a_desk_db_of_generated_demo_data_is_not_taken_for_a_platform(tmp_path: Path) -> None:
    db = Database(tmp_path / "desk.db")
    demo_data.fill(db, 10, seed=2)
    db.close()
    assert database_for(tmp_path, HUB).name.startswith("desk-hub-example-com-")


def test_read_desk_state_of_a_fresh_database(db: Database) -> None:
    state = read_desk_state(db)
    assert (state.waiting, state.open_conflicts, state.last_good_sync) == (0, 0, None)


def test_signing_out_keeps_the_platform_configured(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    signed_in = DeskSettings(platform_url=HUB, staff_name="Dana", staff_role=StaffRole.EMPLOYEE.value)
    assert signed_in.configured and signed_in.signed_in
    save_settings(path, signed_in.with_changes(staff_name=""))
    again = load_settings(path)
    assert again.configured and not again.signed_in  # the next start opens this platform's database
    assert again.platform_url == HUB and again.staff().name == "Not signed in"
    assert not DeskSettings().configured
    assert "token" not in json.loads(path.read_text())
