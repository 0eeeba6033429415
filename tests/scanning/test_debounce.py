"""The debounce across a camera stop and start: a short break (a look at another page) does not count as the
codes leaving the view; a long one does."""

from __future__ import annotations

from frontdesk.scanning.debounce import Debouncer

from .helpers import ManualClock

CODE = "50012345"


def _seen_then_paused(clock: ManualClock) -> Debouncer:
    debouncer = Debouncer(clock, 3.0)
    assert debouncer.accept(CODE)
    clock.advance(1.0)
    assert not debouncer.accept(CODE)  # still in view when the camera stops
    debouncer.pause()
    return debouncer


def test_a_short_break_is_not_counted() -> None:
    clock = ManualClock()
    debouncer = _seen_then_paused(clock)
    clock.advance(20.0)  # twenty seconds on the Customers page
    debouncer.resume(within=30.0)
    clock.advance(0.5)
    assert not debouncer.accept(CODE)  # the voucher still lying there is not reported again
    assert debouncer.accept("SPRING-7F3K2Q")  # a new code is


def test_the_quiet_period_goes_on_after_the_break() -> None:
    clock = ManualClock()
    debouncer = _seen_then_paused(clock)
    clock.advance(20.0)
    debouncer.resume(within=30.0)
    clock.advance(3.5)  # out of view since before the break, 3 s of camera time ago: gone
    assert debouncer.accept(CODE)


def test_after_a_long_break_a_code_is_reported_again() -> None:
    clock = ManualClock()
    debouncer = _seen_then_paused(clock)
    clock.advance(45.0)
    debouncer.resume(within=30.0)
    assert debouncer.accept(CODE)


def test_resume_without_a_pause_changes_nothing() -> None:
    clock = ManualClock()
    debouncer = Debouncer(clock, 3.0)
    assert debouncer.accept(CODE)
    clock.advance(5.0)
    debouncer.resume(within=30.0)
    assert debouncer.accept(CODE)


def test_a_clock_set_back_during_the_break_keeps_nothing() -> None:
    clock = ManualClock()
    debouncer = _seen_then_paused(clock)
    clock.advance(-60.0)  # the system time was corrected while the camera was off
    debouncer.resume(within=30.0)
    assert debouncer.accept(CODE)
