"""This desk's settings (platform, business, location, desk and staff names, language) in the platform's usual
per-user folder. The sign-in token is not here: it lives in the keychain (sync/credentials.py)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from platformdirs import user_config_dir

from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.words import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


def default_settings_path() -> Path:
    return Path(user_config_dir("FrontDesk", appauthor=False)) / "settings.json"


@dataclass(frozen=True)
class DeskSettings:
    platform_url: str = ""  # empty: no platform configured → demo hub; kept on sign-out
    business_id: int = 1
    location: str = "Downtown"
    desk_name: str = "Front desk 1"
    staff_name: str = ""  # empty: signed out (the desk still opens its platform's own database)
    staff_role: str = StaffRole.FRONT_DESK.value
    sync_interval_s: int = 60
    confirm_scans: bool = False  # mark at once, or wait for Enter on the scan card
    auto_lock_minutes: int = 0  # lock the desk after this many minutes without a key or a click; 0: never
    language: str = ""  # the window's language: "" follows the system's, else a code such as "es"

    @property
    def configured(self) -> bool:
        """A platform was chosen: the desk opens that platform's database, signed in or not."""
        return bool(self.platform_url)

    @property
    def signed_in(self) -> bool:
        return bool(self.platform_url and self.staff_name)

    def staff(self) -> StaffMember:
        return StaffMember(
            self.staff_name or QT_TRANSLATE_NOOP("DeskSettings", "Not signed in"),
            StaffRole(self.staff_role),
            self.desk_name,
            self.location,
        )

    def with_changes(self, **changes: object) -> DeskSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def load_settings(path: Path) -> DeskSettings:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: v for k, v in data.items() if k in DeskSettings.__dataclass_fields__}
        return DeskSettings(**known)
    except FileNotFoundError:
        return DeskSettings()
    except (ValueError, TypeError, AttributeError):
        log.warning("settings file unreadable; using defaults")
        return DeskSettings()


def save_settings(path: Path, settings: DeskSettings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    temporary.replace(path)  # atomic: a crash never leaves half a settings file
