"""The desk from the keys alone, on the real window over a real desk database: search, open, change the status,
mark a voucher; Enter saves, Esc cancels and writes nothing. Every key is a real key event sent where the focus is,
and counted."""

from __future__ import annotations

from conftest import DataBuilder
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Connection, Customer, OutboxEntry, Voucher
from ui.main_window import MainWindow

from .keys import CTRL, SHIFT, activate, focus

MOST_KEYS = 10  # search -> open -> change status -> mark a voucher, the search text not counted


def _member_number(db: Database, customer_id: int) -> str:
    with db.unit_of_work() as session:
        number = session.scalars(select(Customer.member_number).where(Customer.id == customer_id)).one()
        return str(number)


def _status(db: Database, customer_id: int) -> str | None:
    with db.unit_of_work() as session:
        return session.scalars(select(Connection.status).where(Connection.customer_id == customer_id)).one()


def _voucher_statuses(db: Database, customer_id: int) -> dict[int, str]:
    with db.unit_of_work() as session:
        rows = session.execute(select(Voucher.id, Voucher.status).where(Voucher.customer_id == customer_id))
        return {voucher_id: status for voucher_id, status in rows}


def _written(db: Database) -> tuple[list[tuple[str, str | None, str | None]], int]:
    """(audit entries as (action, from, to), outbox rows)."""
    with db.unit_of_work() as session:
        audits = [
            (a.action, a.from_value, a.to_value) for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
        return audits, session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def test_search_open_change_the_status_and_mark_a_voucher_in_at_most_ten_keys(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    """Customer 1 holds one voucher in each status, so exactly one can be marked as used. Imported, they can be
    set to any of three statuses: the test takes the last one offered, the most keys away."""
    with db.unit_of_work() as session:
        session.execute(update(Connection).where(Connection.customer_id == 1).values(status="IMPORTED"))
    keys = activate(qtbot, window)
    panel, editor = window.customer, window.customer.editor
    before = _voucher_statuses(db, 1)
    (unused,) = [voucher_id for voucher_id, status in before.items() if status == VoucherStatus.UNUSED.value]
    window.scan.field.setFocus()  # start anywhere: the focus is not in the search field

    keys.press(Qt.Key.Key_F, CTRL)  # 1: to the search field
    assert focus() is window.search.field
    result = keys.type(_member_number(db, 1))
    assert result is not None and [c.id for c in result.customers] == [1]
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.summary.id == 1, timeout=5000)  # shown

    keys.press(Qt.Key.Key_Return)  # 2: open — the focus goes into the profile
    qtbot.waitUntil(panel.pencil.hasFocus, timeout=5000)
    keys.press(Qt.Key.Key_Return)  # 3: the pencil opens the status choice, the focus on its first status
    assert editor.isVisible()
    offered = list(editor.options)
    assert len(offered) == 3 and focus() is editor.options[offered[0]]
    target = offered[-1]
    for _ in offered[1:]:  # to the last status offered
        keys.press(Qt.Key.Key_Down)
    assert focus() is editor.options[target]
    with qtbot.waitSignal(panel.loaded, timeout=5000, check_params_cb=lambda d: d.summary.status is target):
        keys.press(Qt.Key.Key_Return)  # Enter on a status saves it
    assert not editor.isVisible() and panel.pencil.hasFocus()
    card = panel.vouchers.card_for(unused)
    assert card is not None
    with qtbot.waitSignal(panel.loaded, timeout=5000,
                          check_params_cb=lambda d: _shown_status(d, unused) is VoucherStatus.USED):  # fmt: skip
        keys.press(Qt.Key.Key_U, CTRL)  # the customer's one voucher that can be marked

    print(f"keys pressed ({len(keys.pressed)}): {', '.join(keys.pressed)}")
    assert len(keys.pressed) <= MOST_KEYS
    assert _status(db, 1) == target.value
    after = _voucher_statuses(db, 1)
    assert after[unused] == VoucherStatus.USED.value
    assert {v: s for v, s in after.items() if v != unused} == {v: s for v, s in before.items() if v != unused}
    audits, outbox = _written(db)
    assert audits == [("change_program_status", ProgramStatus.IMPORTED.value, target.value),
                      ("mark_voucher_used", VoucherStatus.UNUSED.value, VoucherStatus.USED.value)]  # fmt: skip
    assert outbox == 2  # both wait to be sent to the platform
    assert target.label in panel.status_badge.text()
    assert card.badge.text().startswith(VoucherStatus.USED.label)
    assert "marked as used" in panel.message.text()


def _shown_status(detail: object, voucher_id: int) -> VoucherStatus | None:
    vouchers = getattr(detail, "vouchers", ())
    return next((v.status for v in vouchers if v.id == voucher_id), None)


def test_esc_cancels_the_status_choice_and_writes_nothing_then_goes_back_to_the_search(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    keys = activate(qtbot, window)
    panel, editor = window.customer, window.customer.editor
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type(_member_number(db, 5))
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.summary.id == 5, timeout=5000)
    status = _status(db, 5)
    keys.press(Qt.Key.Key_F2)  # from the search field, straight to the status choice
    assert editor.isVisible() and focus() in editor.options.values()
    keys.press(Qt.Key.Key_Space)  # a status chosen…
    assert editor.chosen() is not None
    keys.press(Qt.Key.Key_Escape)  # …and cancelled
    assert not editor.isVisible()
    assert focus() is panel.pencil
    qtbot.wait(100)  # a save, had one been asked for, would have run on the task runner by now
    window._context.tasks.wait_idle(5000)
    assert _status(db, 5) == status
    assert _written(db) == ([], 0)
    keys.press(Qt.Key.Key_Escape)  # the second Esc: back to the search, its text selected to type over
    assert focus() is window.search.field
    assert window.search.field.selectedText() == _member_number(db, 5)


def test_the_reason_is_confirmed_with_enter_and_dropped_with_esc(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    """Customer 1's one used voucher is the one Ctrl+Shift+U sets back; Esc leaves it used, Enter sets it back."""
    keys = activate(qtbot, window)
    panel = window.customer
    (used,) = [v for v, s in _voucher_statuses(db, 1).items() if s == VoucherStatus.USED.value]
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type(_member_number(db, 1))
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.summary.id == 1, timeout=5000)
    card = panel.vouchers.card_for(used)
    assert card is not None
    keys.press(Qt.Key.Key_U, CTRL | SHIFT)
    assert focus() is card.reason
    keys.type("scanned the wrong card")
    keys.press(Qt.Key.Key_Escape)
    assert not card.reason.isVisible() and card.action is not None and focus() is card.action
    window._context.tasks.wait_idle(5000)
    assert _written(db) == ([], 0)
    keys.press(Qt.Key.Key_U, CTRL | SHIFT)  # the focus is on its card: it is the selected voucher
    keys.type("scanned the wrong card")
    with qtbot.waitSignal(panel.loaded, timeout=5000,
                          check_params_cb=lambda d: _shown_status(d, used) is VoucherStatus.UNUSED):  # fmt: skip
        keys.press(Qt.Key.Key_Return)
    assert _voucher_statuses(db, 1)[used] == VoucherStatus.UNUSED.value
    assert [a[0] for a in _written(db)[0]] == ["set_voucher_back_to_unused"]
    assert focus() is card.action  # back on the card's new action: "Mark as used"


def test_with_several_vouchers_to_mark_ctrl_u_asks_which_and_marks_none(
    qtbot: QtBot, window: MainWindow, db: Database, data_builder: type[DataBuilder]
) -> None:
    keys = activate(qtbot, window)
    panel = window.customer
    data_builder(db.path).voucher(1, VoucherStatus.UNUSED, code="SECOND-ONE", title="Second reward", expires_at=None)
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type(_member_number(db, 1))
    qtbot.waitUntil(lambda: panel.detail is not None and len(panel.vouchers.cards) == 7, timeout=5000)
    keys.press(Qt.Key.Key_U, CTRL)
    markable = [card for card in panel.vouchers.cards if card.voucher.status is VoucherStatus.UNUSED]
    assert len(markable) == 2 and focus() is markable[0].action  # the first of them, to Tab on from
    assert "2 vouchers can be marked" in panel.message.text()
    window._context.tasks.wait_idle(5000)
    assert _written(db) == ([], 0)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        keys.press(Qt.Key.Key_Return)  # Enter on the focused one marks that one
    assert [a[0] for a in _written(db)[0]] == ["mark_voucher_used"]
    assert _voucher_statuses(db, 1)[markable[0].voucher.id] == VoucherStatus.USED.value
