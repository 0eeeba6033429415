"""Desk changes re-checked against the server's CURRENT state with the domain's own rules.

The hub decides identity and time: the account is the signed-in one (the desk's staff and desk names are
only labels), and the moment a change counts from is the desk's `acted_at` bounded by check_acted_at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.offline import check_acted_at
from frontdesk.domain.program import ProgramStatus, check_program_change
from frontdesk.domain.staff import Permission, StaffMember
from frontdesk.domain.vouchers import VoucherStatus, check_mark_used, check_set_back_to_unused
from frontdesk.hub.auth import Account
from frontdesk.hub.errors import error_body, refusal
from frontdesk.hub.models import MAX_ID, Base, ChangeLog, ConnectionRow, VoucherRow, to_micros
from frontdesk.hub.serialize import Row, connection_json, voucher_json
from frontdesk.protocol.wire import JSON, ConnectionStatusChange, VoucherStatusChange, format_dt

Outcome = tuple[int, JSON]
_VOUCHER_PERMISSIONS = {
    VoucherStatus.USED: Permission.MARK_VOUCHER_USED,
    VoucherStatus.UNUSED: Permission.SET_VOUCHER_BACK_TO_UNUSED,
}


@dataclass(frozen=True, slots=True)
class Acting:
    """Who sends a change (the authenticated account) and the hub's own clock and offline window."""

    account: Account
    now: datetime
    offline_window: timedelta

    def staff(self, staff_name: str | None, desk: str | None) -> StaffMember:
        """The person as the desk names them, with the role of the account that signed in."""
        return StaffMember(name=staff_name or self.account.name, role=self.account.role, desk=desk or "")


def current_json(row: VoucherRow | ConnectionRow) -> JSON:
    """The row as the protocol shows it, from the values this transaction has given it (what it will commit):
    no flush and no read, so a batch of changes writes its rows once, at its commit."""
    columns = Base.metadata.tables[row.__tablename__].columns
    values = {c.name: getattr(row, c.name) for c in columns}
    stored = {name: to_micros(v) if isinstance(v, datetime) else v for name, v in values.items()}
    mapping = cast(Row, stored)  # the same shape a raw_select row has: times as microseconds
    return voucher_json(mapping) if isinstance(row, VoucherRow) else connection_json(mapping)


def _locked(session: Session, model: type[VoucherRow] | type[ConnectionRow], object_id: int) -> Any:
    """The row, locked for this transaction: as the session holds it when this transaction has already read it
    (a batch reads its rows FOR UPDATE up front), else read now with FOR UPDATE; None when there is none."""
    if object_id > MAX_ID:
        return None
    held = session.identity_map.get(identity_key(model, object_id))
    return held if held is not None else session.get(model, object_id, with_for_update=True)


def _not_found(kind: str, object_id: int) -> Outcome:
    return 404, error_body("not_found", f"There is no {kind} with number {object_id}.")


def role_refusal(account: Account, change: VoucherStatusChange | ConnectionStatusChange) -> FrontDeskError | None:
    """Whether the account's role may make this kind of change, asked before anything is stored: the answer is
    about who asks, not about the object, so it is not kept under the Idempotency-Key (an account given a
    higher role may send the same change again) and nothing on the hub changes."""
    if isinstance(change, VoucherStatusChange):
        permission = _VOUCHER_PERMISSIONS[change.status]
    else:
        permission = Permission.CHANGE_PROGRAM_STATUS
    try:
        StaffMember(account.name, account.role, desk="").require(permission)
    except FrontDeskError as refused:
        return refused
    return None


def change_voucher(
    session: Session, stamp: datetime, acting: Acting, voucher_id: int, change: VoucherStatusChange
) -> Outcome:
    voucher: VoucherRow | None = _locked(session, VoucherRow, voucher_id)
    if voucher is None:
        return _not_found("voucher", voucher_id)
    staff = acting.staff(change.staff_name, change.desk)
    before = voucher.status
    try:  # the caller has asked role_refusal
        acted = check_acted_at(
            change.acted_at, now=acting.now, window=acting.offline_window, not_before=voucher.created_dt
        )
        if change.status is VoucherStatus.USED:
            check_mark_used(
                VoucherStatus(voucher.status),
                used_at=voucher.used_dt,
                used_where=voucher.used_location,
                expires_at=voucher.expires_dt,
                now=acted,
            )
            voucher.used_dt, voucher.used_location = acted, change.location
            voucher.used_by_desk, voucher.used_by_staff = change.desk, staff.name
        else:
            check_set_back_to_unused(VoucherStatus(voucher.status), change.reason or "")
            voucher.used_dt = voucher.used_location = voucher.used_by_desk = voucher.used_by_staff = None
    except FrontDeskError as refused:
        extra: JSON | None = None
        if refused.code == "voucher_not_unused":  # tell the desk who beat it to this voucher, where and when
            extra = {
                "used_by_desk": voucher.used_by_desk,
                "used_by_staff": voucher.used_by_staff,
                "used_dt": None if voucher.used_dt is None else format_dt(voucher.used_dt),
                "used_location": voucher.used_location,
            }
        return refusal(refused, current=current_json(voucher), extra=extra)
    voucher.status = change.status.value
    voucher.last_mod_dt = stamp
    _log(session, "vouchers", voucher_id, before, change.status.value, change.reason, staff, acting, acted)
    return 200, current_json(voucher)


def change_connection(
    session: Session, stamp: datetime, acting: Acting, connection_id: int, change: ConnectionStatusChange
) -> Outcome:
    connection: ConnectionRow | None = _locked(session, ConnectionRow, connection_id)
    if connection is None:
        return _not_found("customer connection", connection_id)
    staff = acting.staff(change.staff_name, change.desk)
    before = connection.status
    try:  # the caller has asked role_refusal
        acted = check_acted_at(change.acted_at, now=acting.now, window=acting.offline_window)
        membership = MembershipStatus(connection.membership_status)
        check_program_change(ProgramStatus(connection.status), change.status, membership)
    except FrontDeskError as refused:
        return refusal(refused, current=current_json(connection))
    connection.status = change.status.value
    connection.last_mod_dt = stamp
    _log(session, "connections", connection_id, before, change.status.value, None, staff, acting, acted)
    return 200, current_json(connection)


def _log(
    session: Session,
    resource: str,
    object_id: int,
    before: str,
    after: str,
    reason: str | None,
    staff: StaffMember,
    acting: Acting,
    acted: datetime,
) -> None:
    key = session.info.get("idempotency_key", "")
    session.add(
        ChangeLog(
            idempotency_key=key,
            resource=resource,
            object_id=object_id,
            from_status=before,
            to_status=after,
            reason=reason,
            desk=staff.desk or None,
            staff_name=staff.name,
            account=acting.account.name,
            acted_at=acted,
            applied_at=acting.now,
        )
    )
