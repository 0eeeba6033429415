"""Staff accounts, password hashing (stdlib scrypt) and bearer tokens (random, stored only as a hash).

A token lives as long as its account and its password: changing the password or removing the account
deletes every token it was given.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.staff import StaffRole
from frontdesk.hub.errors import unauthorized
from frontdesk.hub.models import AccessToken, IdempotencyRecord, StaffAccount
from frontdesk.protocol.wire import StaffInfo, TokenGrant

DEFAULT_COST = 2**14  # scrypt N: about 50 ms and 16 MiB per check
NAME_MAX = 100  # StaffAccount.name


def hash_password(password: str, *, cost: int = DEFAULT_COST) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=cost, r=8, p=1, maxmem=2**26)
    return f"scrypt${cost}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, cost, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        fresh = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(cost), r=8, p=1, maxmem=2**26)
    except ValueError:
        return False
    return hmac.compare_digest(fresh.hex(), digest)


@functools.cache
def _dummy_hash() -> str:
    """Checked when the name is unknown, so a wrong name costs as long as a wrong password."""
    return hash_password("not a password")


def add_staff(engine: Engine, name: str, password: str, role: StaffRole, *, cost: int = DEFAULT_COST) -> None:
    """Create or update a staff account (its password and role); a new password signs the account out."""
    if not name.strip() or not password:
        raise InvalidInput("A staff account needs a name and a password.")
    if len(name) > NAME_MAX or "\x00" in name:
        raise InvalidInput(f"A staff name is at most {NAME_MAX} characters, none of them NUL.")
    with Session(engine) as session, session.begin():
        account = session.scalars(select(StaffAccount).where(StaffAccount.name == name)).first()
        if account is None:
            account = StaffAccount(name=name)
            session.add(account)
        elif not verify_password(password, account.password_hash):
            session.execute(delete(AccessToken).where(AccessToken.staff_id == account.id))
        else:
            account.role = role.value  # the same password: its tokens stay good
            return
        account.role = role.value
        account.password_hash = hash_password(password, cost=cost)


def remove_staff(engine: Engine, name: str) -> bool:
    """Remove a staff account, its tokens and its stored answers; False if there is none of that name.

    The change log keeps the name of the account that made each change.
    """
    with Session(engine) as session, session.begin():
        account = session.scalars(select(StaffAccount).where(StaffAccount.name == name)).first()
        if account is None:
            return False
        session.execute(delete(AccessToken).where(AccessToken.staff_id == account.id))
        session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.staff_id == account.id))
        session.delete(account)
    return True


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(engine: Engine, username: str, password: str, now: datetime, ttl: timedelta) -> TokenGrant | None:
    """A fresh bearer token for good credentials; None for a wrong name or password."""
    with Session(engine) as session, session.begin():
        known = "\x00" not in username  # no account has one, and PostgreSQL cannot even look for it
        account = session.scalars(select(StaffAccount).where(StaffAccount.name == username)).first() if known else None
        if account is None:
            verify_password(password, _dummy_hash())
            return None
        if not verify_password(password, account.password_hash):
            return None
        token = secrets.token_urlsafe(32)
        gone = (AccessToken.staff_id == account.id, AccessToken.expires_at <= now)
        session.execute(delete(AccessToken).where(*gone))  # expired tokens are only clutter
        session.add(AccessToken(token_hash=_token_hash(token), staff_id=account.id, expires_at=now + ttl))
        staff = StaffInfo(account.name, StaffRole(account.role))
    return TokenGrant(token, "Bearer", int(ttl.total_seconds()), staff)


@dataclass(frozen=True, slots=True)
class Account:
    """The staff account a request acts for; its role is read fresh on every request."""

    id: int
    name: str
    role: StaffRole


def authenticate(engine: Engine, authorization: str | None, now: datetime) -> Account:
    if not authorization:
        raise unauthorized("token_missing", "Please sign in: the request carried no access token.")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("invalid_token", "Please sign in again: the access token is not valid.")
    with Session(engine) as session:
        found = session.execute(
            select(AccessToken.expires_at, StaffAccount.id, StaffAccount.name, StaffAccount.role)
            .join(StaffAccount, StaffAccount.id == AccessToken.staff_id)
            .where(AccessToken.token_hash == _token_hash(token.strip()))
        ).first()
    if found is None:
        raise unauthorized("invalid_token", "Please sign in again: the access token is not valid.")
    if found.expires_at <= now:
        raise unauthorized("token_expired", "Please sign in again: your session has expired.")
    return Account(found.id, found.name, StaffRole(found.role))
