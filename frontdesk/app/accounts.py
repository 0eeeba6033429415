"""Signing a staff member in to a platform and keeping the token in the operating system's keychain."""

from __future__ import annotations

from frontdesk.protocol.wire import TokenGrant
from frontdesk.services.platform_link import PlatformLink
from frontdesk.sync.credentials import forget_token, save_token


def sign_in_and_remember(link: PlatformLink, staff_name: str, password: str) -> TokenGrant:
    """Sign in (the link keeps the token) and keep the token in the keychain for the next start; never a file."""
    grant = link.sign_in(staff_name, password)
    save_token(link.url, grant.staff.name, grant.access_token)
    return grant


def forget_sign_in(url: str, staff_name: str) -> None:
    forget_token(url, staff_name)
