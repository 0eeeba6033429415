"""The sync schedule without Qt: when the next run is due, backing off while offline, stopping where a person has
to act, one run at a time, and a run of an old link never setting the new link's state."""

from __future__ import annotations

from frontdesk.services.sync_schedule import SIGN_IN_HINT, SyncSchedule, SyncTiming

TIMING = SyncTiming(interval_s=60, soon_s=1.5, first_backoff_s=5, max_backoff_s=30)


def started(schedule: SyncSchedule) -> int:
    generation = schedule.try_start()
    assert generation is not None and schedule.mode == "syncing"
    return generation


def test_a_good_run_goes_online_and_runs_again_after_the_interval() -> None:
    schedule = SyncSchedule(TIMING, linked=True)
    assert schedule.mode == "offline"  # until the first run says otherwise
    after = schedule.finished(None, None, started(schedule), token_missing=False)
    assert (schedule.mode, schedule.problem, after.next_in_ms, after.rerun_now) == ("online", None, 60_000, False)


def test_offline_backs_off_doubling_to_the_ceiling_and_a_good_run_resets_it() -> None:
    schedule = SyncSchedule(TIMING, linked=True)
    delays = [schedule.finished("platform_unavailable", "No answer.", started(schedule), token_missing=False)
              .next_in_ms for _ in range(5)]  # fmt: skip
    assert delays == [5_000, 10_000, 20_000, 30_000, 30_000]
    assert (schedule.mode, schedule.problem) == ("offline", "No answer.")
    assert schedule.finished(None, None, started(schedule), token_missing=False).next_in_ms == 60_000
    assert schedule.finished("platform_unavailable", "x", started(schedule), token_missing=False).next_in_ms == 5_000


def test_signed_out_and_another_platform_stop_until_a_person_acts() -> None:
    schedule = SyncSchedule(TIMING, linked=True)
    after = schedule.finished("auth_required", "Your sign-in expired.", started(schedule), token_missing=False)
    assert (schedule.mode, after.next_in_ms) == ("signed_out", None)
    assert schedule.problem == f"Your sign-in expired. {SIGN_IN_HINT}" and not schedule.wants_soon()
    schedule.link_changed(True)
    after = schedule.finished("other_platform", "Belongs elsewhere.", started(schedule), token_missing=False)
    assert (schedule.mode, schedule.problem, after.next_in_ms) == ("other_platform", "Belongs elsewhere.", None)
    schedule.link_changed(True)
    schedule.finished("auth_required", "No token.", started(schedule), token_missing=True)
    assert schedule.problem == SIGN_IN_HINT  # nothing expired: there was simply no sign-in


def test_one_run_at_a_time_and_a_request_meanwhile_runs_as_soon_as_it_ends() -> None:
    schedule = SyncSchedule(TIMING, linked=True)
    generation = started(schedule)
    assert schedule.try_start() is None  # "Sync now" while running
    after = schedule.finished(None, None, generation, token_missing=False)
    assert after.next_in_ms == 0
    assert schedule.finished(None, None, started(schedule), token_missing=False).next_in_ms == 60_000


def test_a_run_of_the_old_link_never_sets_the_new_links_state() -> None:
    schedule = SyncSchedule(TIMING, linked=True)
    old = started(schedule)
    assert schedule.link_changed(True) and schedule.mode == "offline"
    after = schedule.finished("other_platform", "The old platform's answer.", old, token_missing=False)
    assert (schedule.mode, schedule.problem, after.rerun_now) == ("offline", None, True)


def test_no_link_no_runs_and_a_cancelled_schedule_plans_nothing() -> None:
    schedule = SyncSchedule(TIMING, linked=False)
    assert (schedule.mode, schedule.try_start(), schedule.wants_soon()) == ("not_connected", None, False)
    linked = SyncSchedule(TIMING, linked=True)
    generation = started(linked)
    linked.cancel()
    assert linked.finished(None, None, generation, token_missing=False).next_in_ms is None
    linked.signed_out()
    assert (linked.mode, linked.problem, linked.try_start()) == ("signed_out", SIGN_IN_HINT, None)
