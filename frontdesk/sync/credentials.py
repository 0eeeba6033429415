"""The staff member's platform token lives in the operating system's keychain (keyring), never in the
database, the settings file or a log."""

from __future__ import annotations

import contextlib

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP

SERVICE = "FrontDesk"


class KeychainUnavailable(FrontDeskError):
    code = "keychain_unavailable"


def _account(platform_url: str, staff_name: str) -> str:
    return f"{platform_url.rstrip('/')}|{staff_name}"


def save_token(platform_url: str, staff_name: str, token: str) -> None:
    try:
        keyring.set_password(SERVICE, _account(platform_url, staff_name), token)
    except KeyringError as error:
        raise KeychainUnavailable(
            QT_TRANSLATE_NOOP(
                "Sync", "This computer's password keychain could not store the sign-in. Sign in again next time."
            )
        ) from error


def load_token(platform_url: str, staff_name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _account(platform_url, staff_name))
    except KeyringError:
        return None


def forget_token(platform_url: str, staff_name: str) -> None:
    with contextlib.suppress(PasswordDeleteError, KeyringError):  # nothing stored: already signed out
        keyring.delete_password(SERVICE, _account(platform_url, staff_name))
