"""Keyboard-wedge scanners versus people, with realistic key timings (seeded, so every run is the same)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.scanning import ENTER, WedgeDetector

from .helpers import type_keys

Events = list[tuple[str, float]]


def scanner(code: str, start: float, rng: random.Random, *, per_key: tuple[float, float] = (0.002, 0.018),
            jitter: float = 0.0008, tick: float = 0.001) -> Events:  # fmt: skip
    """A USB scanner "typing" `code` and Enter at its own near-constant rate (drawn from `per_key`: its USB
    polling), each key a little early or late by `jitter`; the window system stamps keys in whole `tick`s."""
    rate, events, at = rng.uniform(*per_key), [], start
    for key in [*code, ENTER]:
        events.append((key, round(at / tick) * tick))
        at += rate + rng.uniform(-jitter, jitter)
    return events


def person(text: str, start: float, rng: random.Random, *, per_key: tuple[float, float] = (0.080, 0.300)) -> Events:
    events, at = [], start
    for key in text:
        events.append((key, at))
        at += rng.uniform(*per_key)
    return events


def end(events: Events) -> float:
    return events[-1][1]


def test_a_scan_is_recognised_and_nothing_reaches_the_text_field() -> None:
    rng = random.Random(1)
    typed, scans, errors = type_keys(WedgeDetector(), scanner("50012345", 10.0, rng))
    assert (typed, scans, errors) == ("", ["50012345"], [])


def test_scanner_noise_is_cleaned() -> None:
    rng = random.Random(2)
    events = scanner("]C0 50012345\x1d", 1.0, rng) + scanner("]Q1spring-7f3k2q", 5.0, rng)
    assert type_keys(WedgeDetector(), events) == ("", ["50012345", "SPRING-7F3K2Q"], [])


def test_human_typing_is_never_swallowed() -> None:
    rng = random.Random(3)
    for text in ["anna", "o'brien", "555-0134", "50012345", "Jo"]:
        events = person(text + ENTER, 0.0, rng)
        typed, scans, _ = type_keys(WedgeDetector(), events)
        assert (typed, scans) == (text + "⏎", []), text


def test_a_fast_typist_with_key_rollover_stays_typing() -> None:
    """60-120 ms per key, and now and then two keys 15-30 ms apart (rolling from one key onto the next)."""
    rng = random.Random(4)
    events, at = [], 0.0
    text = "margaret.oconnor@example.com"
    for index, key in enumerate(text):
        events.append((key, at))
        at += rng.uniform(0.015, 0.030) if index % 3 == 1 else rng.uniform(0.060, 0.120)
    events.append((ENTER, at))
    typed, scans, _ = type_keys(WedgeDetector(), events)
    assert (typed, scans) == (text + "⏎", [])


def test_a_scan_in_the_middle_of_typing() -> None:
    """Staff type part of a name, scan a voucher, then go on typing: both survive, in the right places."""
    rng = random.Random(5)
    before = person("Mar", 0.0, rng)
    scan = scanner("50012345", end(before) + 0.4, rng)
    after = person("garet", end(scan) + 0.5, rng)
    typed, scans, _ = type_keys(WedgeDetector(), before + scan + after)
    assert (typed, scans) == ("Margaret", ["50012345"])


def test_many_scans_and_people_mixed() -> None:
    rng = random.Random(6)
    codes = ["50012345", "SPRING-7F3K2Q", "5901234123457", "70000001"]
    events: Events = []
    at = 0.0
    expected_typed = ""
    for index, code in enumerate(codes):
        words = person(f"note{index} ", at, rng)
        events += words
        expected_typed += f"note{index} "
        events += scanner(code, end(words) + rng.uniform(0.1, 0.5), rng)
        at = end(events) + rng.uniform(0.2, 1.0)
    typed, scans, errors = type_keys(WedgeDetector(), events)
    assert (typed, scans, errors) == (expected_typed, codes, [])


def test_a_short_fast_burst_is_typing() -> None:
    """Three keys and Enter in a burst (a shortcut, a mashed key) are below the 4-character minimum."""
    rng = random.Random(7)
    typed, scans, _ = type_keys(WedgeDetector(), scanner("ok!", 0.0, rng))
    assert (typed, scans) == ("ok!⏎", [])


def test_a_burst_without_enter_is_given_back() -> None:
    rng = random.Random(8)
    typed, scans, _ = type_keys(WedgeDetector(), scanner("50012345", 0.0, rng)[:-1])
    assert (typed, scans) == ("50012345", [])


def test_a_garbled_scan_is_an_error_in_plain_words() -> None:
    rng = random.Random(9)
    typed, scans, errors = type_keys(WedgeDetector(), scanner("50#12?45", 0.0, rng))
    assert (typed, scans) == ("", [])
    assert errors == [
        "That does not look like a voucher code. Please scan again, or type the code printed under the barcode."
    ]


def test_the_api_step_by_step() -> None:
    detector = WedgeDetector()
    first = detector.feed("a", 1.000)
    assert not first.consumed and first.replay == () and not detector.holding  # typed at once, never delayed
    second = detector.feed("b", 1.010)  # as fast as a scanner: held
    assert second.consumed and detector.holding
    assert detector.deadline() == pytest.approx(1.033)  # 20 ms + 5 % + 2 ms: a steady burst's slowest key
    assert detector.flush(1.030).replay == ()  # too early: maybe a scanner is still typing
    assert detector.flush(1.050).replay == ("b",)  # a person: give it back
    assert not detector.holding and detector.deadline() is None
    detector.feed("c", 2.0)
    detector.feed("d", 2.01)
    late = detector.feed("e", 2.2)  # the timer fired late: "d" comes back, and "e" is typed after it
    assert late.replay == ("d",) and not late.consumed
    for at, key in enumerate("1234"):
        detector.feed(key, 3.0 + at * 0.005)
    scan = detector.feed("\r", 3.02)
    assert (scan.scan, scan.retract, scan.consumed) == ("1234", 1, True)  # "1" was typed: take it back
    detector.feed("x", 4.0)
    detector.feed("y", 4.001)
    assert detector.interrupt().replay == ("y",)  # an arrow key or a shortcut comes next


def test_thresholds_are_configurable() -> None:
    slow_scanner = WedgeDetector(min_length=6, max_gap=0.050)
    rng = random.Random(10)
    events = scanner("50012345", 0.0, rng, per_key=(0.044, 0.046))
    assert type_keys(slow_scanner, events) == ("", ["50012345"], [])
    assert type_keys(WedgeDetector(), events) == ("50012345⏎", [], [])  # too slow for the default: typing


TYPED = [
    "anna",
    "o'brien",
    "margaret.oconnor@example.com",
    "555-0134",
    "50012345",
    "smith jo",
    "olivia.k@gmail",
    "Hernández",
    "M0004242",
    "SPRING-7F3K2Q",
    "derson13",
    "jo",
    "note for the manager",
]


def jittered(text: str, rng: random.Random, gap: tuple[float, float], jitter: float = 0.0) -> Events:
    """`text` and Enter, each key `gap` after the last, moved by up to `jitter` by a loaded machine."""
    events, at = [], 0.0
    for key in [*text, ENTER]:
        events.append((key, at))
        at += max(0.0, rng.uniform(*gap) + rng.uniform(-jitter, jitter))
    return events


def test_a_person_at_60_ms_give_or_take_40_is_never_a_scan() -> None:
    """Fast typing on a loaded machine: 60 ms ± 40 ms a key, so now and then several keys come as close together
    as a slow scanner's. Their gaps vary, so it stays typing (a 35 ms threshold alone took some for a scan)."""
    rng = random.Random(11)
    for _ in range(4000):
        text = rng.choice(TYPED)
        events = jittered(text, rng, (0.020, 0.100))
        assert type_keys(WedgeDetector(), events)[:2] == (text + "⏎", []), events


def test_a_persons_quick_bursts_with_jitter_are_never_a_scan() -> None:
    """Rolled keys 20-40 ms apart, each moved by up to 8 ms by a loaded machine: some come 12 ms apart, faster
    than a slow scanner, but no run of them keeps a scanner's steady rhythm."""
    rng = random.Random(12)
    for _ in range(4000):
        text = rng.choice(TYPED)
        events = jittered(text, rng, (0.020, 0.040), jitter=0.008)
        assert type_keys(WedgeDetector(), events)[:2] == (text + "⏎", []), events


def test_uneven_keys_are_typing_even_at_a_scanners_average_speed() -> None:
    events, at = [], 0.0
    for index, key in enumerate([*"50012345", ENTER]):  # 8 and 24 ms in turn: 16 ms on average
        events.append((key, at))
        at += 0.008 if index % 2 else 0.024
    assert type_keys(WedgeDetector(), events)[:2] == ("50012345⏎", [])


def test_every_steady_scanner_rate_is_a_scan() -> None:
    rng = random.Random(13)
    for _ in range(1000):
        code = rng.choice(["50012345", "SPRING-7F3K2Q", "5901234123457", "M0004242", "CPN-7F3A"])
        events = scanner(f"]C0{code}" if rng.random() < 0.3 else code, 0.0, rng)
        assert type_keys(WedgeDetector(), events) == ("", [code], []), events


def test_a_scanner_on_a_coarse_clock_is_a_scan() -> None:
    """Windows stamps keys in 15.6 ms ticks: a fast scanner's gaps read 0, 0, 15.6 ms. Uneven, but on average
    faster than any person types."""
    rng = random.Random(14)
    for _ in range(300):
        events = scanner("50012345", rng.uniform(0, 1), rng, per_key=(0.001, 0.007), tick=0.0156)
        assert type_keys(WedgeDetector(), events) == ("", ["50012345"], []), events


def test_a_steady_burst_needs_six_keys_unless_it_is_faster_than_any_person() -> None:
    short = [(key, n * 0.015) for n, key in enumerate([*"A1B2", ENTER])]  # 15 ms a key: a person can, briefly
    assert type_keys(WedgeDetector(), short)[:2] == ("A1B2⏎", [])
    tiny = [(key, n * 0.003) for n, key in enumerate([*"A1B2", ENTER])]  # 3 ms a key: no person can
    assert type_keys(WedgeDetector(), tiny)[:2] == ("", ["A1B2"])
    longer = [(key, n * 0.015) for n, key in enumerate([*"A1B2C3", ENTER])]
    assert type_keys(WedgeDetector(), longer)[:2] == ("", ["A1B2C3"])


_KEYS = st.sampled_from([*"abcXYZ0123-_.@ ", ENTER])


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    it = iter(whole)
    return all(any(key == other for other in it) for key in part)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_KEYS, st.floats(min_value=0.0, max_value=0.4)), max_size=60))
def test_no_key_is_ever_lost_doubled_or_reordered(keys: list[tuple[str, float]]) -> None:
    """Whatever the keys and timings, each key is either handed to the field (in order) or part of one scan."""
    events, at = [], 0.0
    for key, gap in keys:
        at += gap
        events.append((key, at))
    typed, scans, errors = type_keys(WedgeDetector(normalize=lambda burst: burst), events)
    pressed = [key for key, _ in events]
    field = [ENTER if k == "⏎" else k for k in typed]
    assert errors == []
    assert len(field) + sum(len(scan) + 1 for scan in scans) == len(pressed)  # each scan also took its Enter
    assert _is_subsequence(field, pressed)
    text = "".join("⏎" if k == ENTER else k for k in pressed)
    assert all(f"{scan}⏎" in text for scan in scans)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghij0123456789@.-", min_size=1, max_size=30),
       st.lists(st.floats(min_value=0.04, max_value=0.5), min_size=31, max_size=31))  # fmt: skip
def test_a_person_never_makes_a_scan(text: str, gaps: list[float]) -> None:
    events, at = [], 0.0
    for key, gap in zip([*text, ENTER], gaps[: len(text) + 1], strict=True):
        at += gap
        events.append((key, at))
    typed, scans, _ = type_keys(WedgeDetector(), events)
    assert scans == [] and typed == text + "⏎"
