"""The end-of-day report: what staff did at this desk over a day or a range of days (in the desk's local time) —
redemptions, set-backs and status changes, by staff member and location, each with what became of it. A refused
action is counted and listed as refused, never as done.

The audit log has no location of its own: a redemption's location is the one its outbox entry sent to the
platform; status changes and set-backs send none, so theirs is "not recorded" (None) rather than a guess."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from sqlalchemy import RowMapping

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words
from frontdesk.services.activity import Outcome, change_words, refused_words, voucher_words
from frontdesk.services.dto import customer_number
from frontdesk.storage import audit_log
from frontdesk.storage.database import Database


class ActionKind(StrEnum):
    REDEMPTION = "Redemption"
    SET_BACK = "Set back to unused"
    STATUS_CHANGE = "Status change"

    @property
    def words(self) -> Words:
        return _KIND_WORDS[self]


_KIND_WORDS = {
    ActionKind.REDEMPTION: QT_TRANSLATE_NOOP("Report", "Redemption"),
    ActionKind.SET_BACK: QT_TRANSLATE_NOOP("Report", "Set back to unused"),
    ActionKind.STATUS_CHANGE: QT_TRANSLATE_NOOP("Report", "Status change"),
}

_KINDS = {"mark_voucher_used": ActionKind.REDEMPTION, "set_voucher_back_to_unused": ActionKind.SET_BACK,
          "change_program_status": ActionKind.STATUS_CHANGE}  # fmt: skip
_OUTCOMES = {"PENDING": Outcome.WAITING, "ACCEPTED": Outcome.ACCEPTED, "REFUSED": Outcome.REFUSED}


@dataclass(frozen=True, slots=True)
class ReportRow:
    at: datetime  # aware, UTC
    staff_name: str
    staff_role: str
    desk: str
    location: str | None  # None: not recorded for this kind of action
    customer_id: int
    customer_name: str
    kind: ActionKind
    subject: str  # "voucher 50000003 (Free smoothie)" or "program status"
    from_value: str
    to_value: str
    reason: str  # the staff member's own reason (setting a voucher back)
    outcome: Outcome
    refusal: str = ""  # the platform's reason, when it refused

    @property
    def change(self) -> str:
        return change_words(self.from_value, self.to_value)

    @property
    def outcome_words(self) -> str:
        """The outcome in the Activity view's words: "Refused by the platform: Already used … ."."""
        if self.outcome is not Outcome.REFUSED or not self.refusal:
            return self.outcome.words
        return refused_words(self.refusal)


@dataclass(frozen=True, slots=True)
class Totals:
    """Counts for one staff member at one location (or for everyone: staff_name "", location None). Every action
    is counted under its kind, and once more under what became of it, so refused ones are never hidden."""

    staff_name: str
    location: str | None
    redemptions: int = 0
    set_backs: int = 0
    status_changes: int = 0
    accepted: int = 0
    waiting: int = 0
    refused: int = 0

    @property
    def actions(self) -> int:
        return self.redemptions + self.set_backs + self.status_changes

    @classmethod
    def of(cls, staff_name: str, location: str | None, rows: Iterable[ReportRow]) -> Totals:
        counts = Counter(name for row in rows for name in (_KIND_COUNTS[row.kind], _OUTCOME_COUNTS[row.outcome]))
        return cls(staff_name, location, **counts)


_KIND_COUNTS = {ActionKind.REDEMPTION: "redemptions", ActionKind.SET_BACK: "set_backs",
                ActionKind.STATUS_CHANGE: "status_changes"}  # fmt: skip
_OUTCOME_COUNTS = {Outcome.ACCEPTED: "accepted", Outcome.WAITING: "waiting", Outcome.REFUSED: "refused"}


@dataclass(frozen=True, slots=True)
class Report:
    first_day: date
    last_day: date
    tz: tzinfo | None  # the desk's local time the days are counted in (None: this computer's)
    rows: tuple[ReportRow, ...]  # oldest first
    by_staff: tuple[Totals, ...]  # by staff name, then location ("not recorded" last)
    overall: Totals

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    @property
    def period(self) -> str:
        """The days in words: "Sun 1 Nov 2026", or "Sun 1 Nov 2026 – Tue 3 Nov 2026"."""
        if self.first_day == self.last_day:
            return QT_TRANSLATE_NOOP("Report", "{first:weekday}").fill(first=self.first_day)
        return QT_TRANSLATE_NOOP("Report", "{first:weekday} – {last:weekday}").fill(
            first=self.first_day, last=self.last_day
        )


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The moment `day` begins in `tz`, or in this computer's local time (daylight saving included) for None."""
    start = datetime.combine(day, time())
    return start.replace(tzinfo=tz) if tz is not None else start.astimezone()


def build_report(db: Database, first_day: date, last_day: date, tz: tzinfo | None = None) -> Report:
    """Everything done at this desk from the start of `first_day` to the end of `last_day`, both inclusive."""
    if last_day < first_day:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Report", "The report cannot end ({last:day}) before it begins ({first:day}).").fill(
                last=last_day, first=first_day
            )
        )
    start = local_midnight(first_day, tz).astimezone(UTC)
    end = local_midnight(last_day + timedelta(days=1), tz).astimezone(UTC)
    with db.unit_of_work() as session:
        rows = tuple(_row(found) for found in audit_log.entries_between(session, start, end, _KINDS))
    return Report(first_day, last_day, tz, rows, _by_staff(rows), Totals.of("", None, rows))


def _row(r: RowMapping) -> ReportRow:
    kind = _KINDS[r["action"]]
    if kind is ActionKind.STATUS_CHANGE:
        subject: str = QT_TRANSLATE_NOOP("Report", "program status")
    else:
        subject = voucher_words(r["code"], r["title"], r["target_id"])
    location = r["payload"].get("location") if r["payload"] else None
    # A refusal is known from its conflict even if the outbox row says otherwise; no outbox row: not sent yet.
    refusal = r["message"]
    outcome = Outcome.REFUSED if refusal is not None else _OUTCOMES.get(r["state"] or "PENDING", Outcome.WAITING)
    customer = f"{r['first_name']} {r['last_name']}" if r["first_name"] else customer_number(r["customer_id"])
    return ReportRow(r["at"], r["staff_name"], r["staff_role"], r["desk"], str(location) if location else None,
                     r["customer_id"], customer, kind, subject, r["from_value"], r["to_value"], r["reason"], outcome,
                     refusal or "")  # fmt: skip


def _by_staff(rows: tuple[ReportRow, ...]) -> tuple[Totals, ...]:
    groups: dict[tuple[str, str | None], list[ReportRow]] = defaultdict(list)
    for row in rows:
        groups[(row.staff_name, row.location)].append(row)
    order = sorted(groups, key=lambda k: (k[0].casefold(), k[1] is None, (k[1] or "").casefold()))
    return tuple(Totals.of(*key, groups[key]) for key in order)
