"""check_acted_at: the platform takes a desk's "when staff acted" only within its offline window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from frontdesk.domain.errors import ChangeRefused
from frontdesk.domain.offline import DEFAULT_OFFLINE_WINDOW, check_acted_at, describe_span

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_no_time_given_means_now_and_a_future_time_is_cut_to_now() -> None:
    assert check_acted_at(None, now=NOW) == NOW
    assert check_acted_at(NOW + timedelta(days=400), now=NOW) == NOW


@pytest.mark.parametrize("ago", [timedelta(0), timedelta(hours=3), DEFAULT_OFFLINE_WINDOW])
def test_a_time_within_the_window_is_taken_as_the_desk_says(ago: timedelta) -> None:
    assert timedelta(hours=72) == DEFAULT_OFFLINE_WINDOW
    assert check_acted_at(NOW - ago, now=NOW) == NOW - ago


@pytest.mark.parametrize(
    ("window", "ago", "words"),
    [
        (DEFAULT_OFFLINE_WINDOW, timedelta(hours=72, microseconds=1), "more than 72 hours ago"),
        (DEFAULT_OFFLINE_WINDOW, timedelta(days=5 * 365), "more than 72 hours ago"),
        (timedelta(hours=1), timedelta(hours=2), "more than 1 hour ago"),
        (timedelta(minutes=90), timedelta(hours=2), "more than 90 minutes ago"),
    ],
)
def test_a_time_older_than_the_window_is_refused_in_plain_words(window: timedelta, ago: timedelta, words: str) -> None:
    with pytest.raises(ChangeRefused) as refused:
        check_acted_at(NOW - ago, now=NOW, window=window)
    assert refused.value.code == "acted_at_too_old"
    assert refused.value.message.startswith(f"This change was made offline {words}")
    assert "Nothing was changed" in refused.value.message


def test_a_time_before_the_voucher_existed_is_refused() -> None:
    created = NOW - timedelta(hours=1)
    assert check_acted_at(created, now=NOW, not_before=created) == created
    with pytest.raises(ChangeRefused) as refused:
        check_acted_at(created - timedelta(seconds=1), now=NOW, not_before=created)
    assert refused.value.code == "acted_at_too_old"
    assert "before the voucher existed" in refused.value.message


def test_spans_read_as_words() -> None:
    assert [describe_span(timedelta(hours=h)) for h in (1, 72)] == ["1 hour", "72 hours"]
    assert describe_span(timedelta(minutes=1)) == "1 minute"
