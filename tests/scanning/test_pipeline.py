"""The threaded pipeline on real clips through real OpenCV captures and the real decoder.

No timing assertions: waits are generous upper bounds on events, never measurements.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from frontdesk.scanning import (
    CameraSource,
    CameraUnavailable,
    DecodedCode,
    ScannedCode,
    ScanningFailed,
    ScanPipeline,
    VideoFileSource,
    default_decoder,
)
from frontdesk.scanning.debounce import Debouncer
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.latest import LatestFrame

from .conftest import APPEARS_AT, CLIP_FRAMES
from .helpers import EndSignallingSource, ManualClock, Recorder, WatchedCapture

WAIT = 60.0  # seconds; only ever reached if something hangs


def finish(pipeline: ScanPipeline, recorder: Recorder) -> None:
    assert recorder.finished.wait(WAIT)
    assert pipeline.wait(WAIT)


def test_a_voucher_held_up_is_reported_once_with_where_and_when(code128_clip: Path) -> None:
    clock, recorder = ManualClock(), Recorder()
    pipeline = ScanPipeline(VideoFileSource(code128_clip), default_decoder(), clock, **recorder.callbacks())
    pipeline.start()
    finish(pipeline, recorder)
    (code,) = recorder.codes  # in view for 16 frames, reported once
    assert (code.text, code.format, code.timestamp) == ("50012345", "Code128", clock.moment)
    assert APPEARS_AT <= code.frame_index < CLIP_FRAMES
    assert code.decoder == "zxing-cpp half size"  # a Code 128 voucher at 1280x720 reads at half size
    assert all(0 <= x <= 1280 and 0 <= y <= 720 for x, y in code.position)
    assert recorder.frames == list(range(CLIP_FRAMES))  # the preview sees every frame, in order
    assert recorder.errors == [] and not pipeline.running
    assert 1 <= pipeline.frames_decoded <= CLIP_FRAMES
    assert pipeline.frames_decoded + pipeline.frames_dropped == CLIP_FRAMES


def test_preview_frames_are_read_only(qr_clip: Path) -> None:
    recorder = Recorder()
    pipeline = ScanPipeline(VideoFileSource(qr_clip), default_decoder(), ManualClock(), **recorder.callbacks())
    pipeline.start()
    finish(pipeline, recorder)
    assert recorder.writable and not any(recorder.writable)
    assert [c.text for c in recorder.codes] == ["SPRING-7F3K2Q"]


class SlowFirstDecode:
    """The real decoder, made slower than the camera in a controlled way: its first decode lasts until the
    source has delivered its last frame, and the source holds frame 1 back until that decode has begun."""

    def __init__(self, source: EndSignallingSource) -> None:
        self.inner, self.source = default_decoder(), source
        self.started = threading.Event()

    @property
    def name(self) -> str:
        return "slow first decode"

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        if not self.started.is_set():
            self.started.set()
            assert self.source.ended.wait(WAIT)
        return self.inner.decode(frame)


class HoldsSecondFrame(EndSignallingSource):
    def __init__(self, inner: VideoFileSource) -> None:
        super().__init__(inner)
        self.reads = 0
        self.decoding = threading.Event()

    def read(self) -> Frame | None:
        self.reads += 1
        if self.reads == 2:
            assert self.decoding.wait(WAIT)
        return super().read()


def test_stale_frames_are_dropped_and_only_the_newest_is_decoded(code128_clip: Path) -> None:
    source = HoldsSecondFrame(VideoFileSource(code128_clip))
    decoder, recorder = SlowFirstDecode(source), Recorder()
    source.decoding = decoder.started
    pipeline = ScanPipeline(source, decoder, ManualClock(), **recorder.callbacks())
    pipeline.start()
    finish(pipeline, recorder)
    # Frame 0 was being decoded while frames 1..23 arrived: only the newest (23) was waiting afterwards.
    assert pipeline.frames_decoded == 2 and pipeline.frames_dropped == CLIP_FRAMES - 2
    assert [(c.text, c.frame_index) for c in recorder.codes] == [("50012345", CLIP_FRAMES - 1)]
    assert (source.opened, source.released) == (1, 1)


def test_an_unplugged_camera_reports_through_the_callback_and_reconnects(code128_clip: Path) -> None:
    """The webcam is a clip: after its last frame it stops delivering, like a camera pulled out."""
    captures: list[WatchedCapture] = []

    def opener(index: int) -> WatchedCapture:
        captures.append(WatchedCapture(str(code128_clip)))
        return captures[-1]

    clock, recorder = ManualClock(), Recorder()
    pipeline = ScanPipeline(CameraSource(0, opener=opener), default_decoder(), clock, **recorder.callbacks())
    pipeline.start()
    finish(pipeline, recorder)
    (error,) = recorder.errors
    assert isinstance(error, CameraUnavailable) and "stopped sending pictures" in error.message
    assert captures[0].released and [c.text for c in recorder.codes] == ["50012345"]

    recorder.finished.clear()
    clock.advance(10)  # plugged back in later: the same voucher counts as a new scan
    pipeline.start()
    finish(pipeline, recorder)
    assert len(captures) == 2 and captures[1].released
    assert [c.text for c in recorder.codes] == ["50012345", "50012345"]
    assert recorder.frames == list(range(CLIP_FRAMES)) * 2


def test_on_finished_may_start_again_at_once(empty_clip: Path) -> None:
    """A page that reconnects automatically calls start() from on_finished (on the worker thread)."""
    recorder, runs = Recorder(), []
    pipeline: ScanPipeline

    def restart_once() -> None:
        runs.append(len(recorder.frames))
        if len(runs) == 1:
            pipeline.start()
        else:
            recorder.on_finished()

    camera = CameraSource(0, opener=lambda index: WatchedCapture(str(empty_clip)))
    callbacks = {**recorder.callbacks(), "on_finished": restart_once}
    pipeline = ScanPipeline(camera, default_decoder(), ManualClock(), **callbacks)
    pipeline.start()
    assert recorder.finished.wait(WAIT) and pipeline.wait(WAIT)
    assert runs == [10, 20] and len(recorder.errors) == 2


def test_a_camera_that_will_not_open_is_an_error_not_a_crash(tmp_path: Path) -> None:
    recorder = Recorder()
    camera = CameraSource(3, opener=lambda i: WatchedCapture(str(tmp_path / "gone.avi")))
    pipeline = ScanPipeline(camera, default_decoder(), ManualClock(), **recorder.callbacks())
    pipeline.start()
    finish(pipeline, recorder)
    assert [type(e) for e in recorder.errors] == [CameraUnavailable]
    assert recorder.frames == [] and recorder.codes == []


def test_stop_ends_a_live_source_and_releases_it(qr_clip: Path) -> None:
    source = EndSignallingSource(VideoFileSource(qr_clip, pace=True, loop=True))  # a never-ending "camera"
    recorder = Recorder()
    pipeline = ScanPipeline(source, default_decoder(), ManualClock(), **recorder.callbacks())
    pipeline.start()
    assert recorder.frame_seen.wait(WAIT) and pipeline.running
    pipeline.stop()
    assert not pipeline.running and recorder.finished.is_set()
    assert (source.opened, source.released) == (1, 1) and recorder.errors == []


def test_stop_from_inside_a_callback_does_not_deadlock(qr_clip: Path) -> None:
    recorder = Recorder()
    pipeline: ScanPipeline

    def stop_on_first_code(code: ScannedCode) -> None:
        recorder.codes.append(code)
        pipeline.stop()

    source = VideoFileSource(qr_clip, loop=True)
    callbacks = {**recorder.callbacks(), "on_code": stop_on_first_code}
    pipeline = ScanPipeline(source, default_decoder(), ManualClock(), **callbacks)
    pipeline.start()
    finish(pipeline, recorder)
    assert len(recorder.codes) == 1


class BrokenDecoder:
    name = "broken"

    def decode(self, frame: Frame) -> tuple[DecodedCode, ...]:
        raise MemoryError("out of memory in the decoder")


def test_an_unexpected_failure_is_reported_in_plain_words(qr_clip: Path, caplog: pytest.LogCaptureFixture) -> None:
    recorder = Recorder()
    pipeline = ScanPipeline(VideoFileSource(qr_clip, loop=True), BrokenDecoder(), ManualClock(), **recorder.callbacks())
    pipeline.start()
    finish(pipeline, recorder)
    (error,) = recorder.errors
    assert isinstance(error, ScanningFailed) and error.message.startswith("Scanning stopped because of an unexpected")
    assert isinstance(error.__cause__, MemoryError)
    assert "scanning stopped unexpectedly" in caplog.text


def test_debounce_restarts_while_the_code_stays_in_view() -> None:
    clock = ManualClock()
    debouncer = Debouncer(clock, 3.0)
    assert debouncer.accept("50012345")
    for _ in range(20):  # held up for 20 s, seen every second
        clock.advance(1.0)
        assert not debouncer.accept("50012345")
    assert debouncer.accept("SPRING-7F3K2Q")  # another code is not held back
    clock.advance(3.0)  # out of view for 3 s
    assert debouncer.accept("50012345")
    clock.advance(-3600)  # the system clock was set back an hour: do not block codes for an hour
    assert debouncer.accept("50012345")
    debouncer.forget("50012345")
    assert debouncer.accept("50012345")
    debouncer.forget()
    assert debouncer.accept("SPRING-7F3K2Q")
    with pytest.raises(ValueError):
        Debouncer(clock, -1)


def test_latest_frame_keeps_only_the_newest() -> None:
    slot = LatestFrame()
    for index in range(5):
        slot.put(f"frame {index}", index)  # type: ignore[arg-type]
    assert slot.take() == ("frame 4", 4) and slot.dropped == 4
    assert slot.take(timeout=0) is None
    slot.put("last", 5)  # type: ignore[arg-type]
    slot.close()
    assert slot.take() == ("last", 5)  # a frame waiting at close is still handed over
    assert slot.take() is None and slot.closed
