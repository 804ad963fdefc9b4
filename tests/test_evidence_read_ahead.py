"""A replay run reads the recordings it expects a few at a time, in a row: each still answers
its own URL only, a broken one is reported for its own URL, and memory stays bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.fetch import recording as recording_module
from verifier.fetch.recording import RecordingSession, StorePolicy
from verifier.fetch.store import EvidenceError, EvidenceStore, Recording

URLS = [f"https://site{i % 3}.example/story/{i}" for i in range(40)]


class _CountingStore(EvidenceStore):
    """The store, noting each URL it is asked for, in order."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.asked: list[str] = []

    def get(self, url: str) -> Recording | None:
        self.asked.append(url)
        return super().get(url)


def _session(tmp_path: Path, urls: list[str], *, skip: int | None = None) -> RecordingSession:
    store = _CountingStore(tmp_path / "sources")
    for i, url in enumerate(urls):
        if i != skip:
            store.put(Recording.build(url, 200, {}, f"<p>page {i}</p>\n".encode()))
    return RecordingSession(store, StorePolicy(fetch_missing=False), max_bytes=1 << 20)


def _asked(session: RecordingSession) -> list[str]:
    assert isinstance(session.store, _CountingStore)
    return session.store.asked


def test_expected_recordings_are_read_in_a_row_and_each_answers_its_url(tmp_path: Path) -> None:
    session = _session(tmp_path, URLS)
    session.expect(URLS)
    assert session.replayable(URLS[0])
    assert _asked(session) == URLS[: recording_module.READ_AHEAD]
    for i, url in enumerate(URLS):
        taken = session.take(url)
        assert taken is not None and taken.url == url
        assert taken.body == f"<p>page {i}</p>\n".encode()
    assert _asked(session) == URLS  # every file read once, in two runs of reads
    assert session.replayed == set(URLS)


def test_a_broken_recording_read_ahead_is_reported_for_its_own_url_only(tmp_path: Path) -> None:
    session = _session(tmp_path, URLS[:5])
    session.store.path_for(URLS[2]).write_bytes(b"interactions: [\n")
    session.expect(URLS[:5])
    assert session.replayable(URLS[0]) and session.replayable(URLS[1])
    with pytest.raises(EvidenceError, match="not a valid cassette"):
        session.replayable(URLS[2])
    assert session.replayable(URLS[3]) and session.replayable(URLS[4])
    assert list(session.errors) == [URLS[2]]


def test_a_url_not_recorded_is_looked_up_once(tmp_path: Path) -> None:
    session = _session(tmp_path, URLS[:4], skip=1)
    session.expect(URLS[:4])
    assert [session.replayable(url) for url in URLS[:4]] == [True, False, True, True]
    assert _asked(session) == URLS[:4]


def test_read_ahead_stops_at_its_byte_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording_module, "READ_AHEAD_BYTES", 30)  # each body is 14 bytes
    session = _session(tmp_path, URLS[:10])
    session.expect(URLS[:10])
    assert session.replayable(URLS[0])
    assert _asked(session) == URLS[:3]  # read while at most 30 bytes are held: 0, 14, 28
    assert session.replayable(URLS[3])
    assert _asked(session) == URLS[:6]


def test_a_url_the_run_did_not_expect_is_read_alone(tmp_path: Path) -> None:
    """A redirect's target, say: it does not disturb what was read ahead."""
    session = _session(tmp_path, URLS[:6])
    session.expect(URLS[:5])
    assert session.replayable(URLS[0])
    assert session.replayable(URLS[5])
    assert _asked(session) == URLS[:6]
    assert all(session.replayable(url) for url in URLS[1:5])
    assert _asked(session) == URLS[:6]


def test_what_was_read_ahead_and_never_asked_for_is_dropped(tmp_path: Path) -> None:
    """Only one run of reads is held: the run's memory does not grow with skipped URLs."""
    session = _session(tmp_path, URLS)
    session.expect(URLS)
    assert session.replayable(URLS[0])
    assert session.replayable(URLS[recording_module.READ_AHEAD])  # skips 1..31: a new run
    assert len(session._ahead) == len(URLS) - recording_module.READ_AHEAD - 1
    assert session.replayable(URLS[1])  # read again, alone in its own run
