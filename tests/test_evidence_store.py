"""The evidence store: recording from a real loopback server, replay with it stopped,
crash safety (SIGKILL while saving), concurrent recorders, broken files (exit 2, never
executed), the import of a single cassette, and honest exit codes for missing evidence."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fetch_cassette import SECRET_COOKIE, site
from test_fetch_cassette import _options as cassette_options
from test_fetch_hostile import PAGE, Handler, serving

from verifier.cli import ExitCode, main
from verifier.fetch import RecordedResponse, fetch_all_sync, write_cassette
from verifier.fetch.store import (
    EvidenceError,
    EvidenceStore,
    Recording,
    export_cassette,
    import_cassette,
)
from verifier.models import FetchResult
from verifier.options import FetchOptions

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "<html><body><article><p>{}</p></article></body></html>"
SAID = "We will build the new port at Manta before the end of the year and nobody will stop us."


def _options(store: Path, **changes: Any) -> FetchOptions:
    """The cassette tests' loopback options, recording into a store instead."""
    return cassette_options(None, store=store, **changes)


def _essence(result: FetchResult) -> tuple[object, ...]:
    return (result.url, result.final_url, result.status, result.content, result.failure)


def test_record_then_replay_with_the_server_stopped(tmp_path: Path) -> None:
    store = tmp_path / "sources"
    with serving(site) as (server,):
        urls = [f"{server.url}{p}" for p in ("/a", "/gz", "/moved", "/missing")]
        recorded = fetch_all_sync(urls, _options(store))
    assert recorded[urls[0]].content == PAGE and recorded[urls[1]].content == PAGE
    assert recorded[urls[2]].final_url == urls[0]
    offline = fetch_all_sync(urls, _options(store, offline=True))
    for url in urls:
        assert _essence(offline[url]) == _essence(recorded[url])
    files = list(EvidenceStore(store).iter_paths())
    assert len(files) == 4  # one small file per URL
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert SECRET_COOKIE not in text and "Ecuador signed the deal." in text
    for recording in EvidenceStore(store).iter_recordings():
        assert recording.recorded_at is not None and len(recording.sha256) == 64
    missing = f"{server.url}/never"
    failure = fetch_all_sync([missing], _options(store, offline=True))[missing].failure
    assert failure is not None and failure.reason == "not recorded"


def _corpus(tmp_path: Path, url: str) -> Path:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        f"# Port\n\nThe minister said: “{SAID}” ([source]({url}))\n", encoding="utf-8"
    )
    return corpus


def test_first_five_minutes_record_replay_and_a_changed_source(tmp_path: Path) -> None:
    page = {"text": SOURCE.format(SAID)}

    def publisher(h: Handler, i: int) -> None:
        h.send(200, page["text"].encode())

    runner = CliRunner()
    with serving(publisher) as (server,):
        corpus = _corpus(tmp_path, f"{server.url}/port")
        base = [str(corpus), "--allow-private-hosts", "--no-archive"]
        first = runner.invoke(main, [*base, "--record-mode", "once"])
        assert first.exit_code == ExitCode.CLEAN, first.output
        store = corpus / ".verifier" / "sources"
        assert "sources: 0 replayed, 1 recorded" in first.output and str(store) in first.output
        page["text"] = SOURCE.format(SAID.replace("end of the year", "next election"))
        replay = runner.invoke(main, [*base, "--offline"])
        assert replay.exit_code == ExitCode.CLEAN, replay.output  # the recording, not the web
        assert "1 replayed" in replay.output
        refreshed = runner.invoke(main, [*base, "--refresh"])
        again = runner.invoke(main, [*base, "--refresh", "--format", "json"])  # as recorded now
    assert refreshed.exit_code == ExitCode.FINDINGS, refreshed.output
    shown = " ".join(refreshed.output.split())  # the terminal wraps long lines
    assert "1 changed since recorded" in shown
    today = datetime.now(UTC).date().isoformat()
    assert f"source changed since {today}" in shown
    assert "[-end of the year-] {+next election+}" in shown  # the source's own edit
    data = json.loads(again.stdout)
    assert data["evidence"]["refetched"] == 1 and data["evidence"]["changed"] == 0
    assert data["documents"][0]["quotes"][0]["source_changed"] is None
    assert "next election" in EvidenceStore(store).iter_paths().__next__().read_text()


def test_an_offline_run_with_no_store_exits_3(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "https://news.example/port")
    result = CliRunner().invoke(main, [str(corpus), "--offline"])
    assert result.exit_code == ExitCode.INCOMPLETE, result.output
    assert "its source is not recorded" in result.stderr
    refresh = CliRunner().invoke(main, [str(corpus), "--offline", "--refresh"])
    assert refresh.exit_code == ExitCode.ERROR and "cannot run --offline" in refresh.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"interactions:\n- request: {uri: 'x'\n", "not a valid cassette"),
        (b"\xff\xfe interactions", "not UTF-8"),
        (b"!!python/object/apply:os.system ['touch PWNED']\n", "not a valid cassette"),
        (b"interactions: [{request: {}}]\nversion: 1\n", "not a valid recording"),
    ],
)
def test_a_broken_recording_exits_2_naming_the_file(
    tmp_path: Path, content: bytes, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = "https://news.example/port"
    corpus = _corpus(tmp_path, url)
    store = EvidenceStore.open(corpus / ".verifier" / "sources", create=True)
    path = store.put(Recording.build(url, 200, {}, SOURCE.format(SAID).encode()))
    path.write_bytes(content)
    result = CliRunner().invoke(main, [str(corpus), "--offline"])
    assert result.exit_code == ExitCode.ERROR, result.output
    assert str(path) in result.stderr and problem in result.stderr
    assert not (tmp_path / "PWNED").exists()  # a YAML tag is an error, never executed


def test_an_edited_body_no_longer_matches_its_checksum(tmp_path: Path) -> None:
    store = EvidenceStore.open(tmp_path / "s", create=True)
    path = store.put(Recording.build("https://a.example/", 200, {}, b"line one\nline two\n"))
    text = path.read_text()
    assert "  sha256: " in text and "  crc32: " in text
    path.write_text(text.replace("line two", "line 2"))
    with pytest.raises(EvidenceError, match="does not match its crc32"):
        store.get("https://a.example/")
    path.write_text(re.sub(r"crc32: \S+", "crc32: 0badf00d", text))  # the checksum edited
    with pytest.raises(EvidenceError, match="does not match its crc32"):
        store.get("https://a.example/")


def test_a_file_without_a_checksum_is_checked_against_its_sha256(tmp_path: Path) -> None:
    """Stores written before the `crc32` line, and files written by hand."""
    store = EvidenceStore.open(tmp_path / "s", create=True)
    path = store.put(Recording.build("https://a.example/", 200, {}, b"line one\nline two\n"))
    older = re.sub(r"  crc32: \S+\n", "", path.read_text())
    path.write_text(older)
    recording = store.get("https://a.example/")
    assert recording is not None and recording.body == b"line one\nline two\n"
    path.write_text(older.replace("line two", "line 2"))
    with pytest.raises(EvidenceError, match="does not match its sha256"):
        store.get("https://a.example/")


_WRITER = textwrap.dedent(
    r"""
    import sys
    from pathlib import Path
    from verifier.fetch.store import EvidenceStore, Recording
    store = EvidenceStore.open(Path(sys.argv[1]), create=True)
    body = b"<p>evidence</p>\n" * 2000
    for i in range(int(sys.argv[3])):
        store.put(Recording.build(f"https://{sys.argv[2]}.example/{i % 7}", 200, {}, body))
        if i == 0:
            print("started", flush=True)
    """
)


def _writer(store: Path, name: str, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _WRITER, str(store), name, str(count)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def test_a_kill_while_saving_leaves_a_loadable_store(tmp_path: Path) -> None:
    store = tmp_path / "sources"
    process = _writer(store, "killed", 100_000)
    assert process.stdout is not None and process.stdout.readline().strip() == "started"
    time.sleep(0.2)  # mid-stream: it rewrites the same seven files over and over
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    recordings = list(EvidenceStore(store).iter_recordings())  # no EvidenceError
    assert 1 <= len(recordings) <= 7


def test_two_concurrent_recorders_keep_every_recording(tmp_path: Path) -> None:
    store = tmp_path / "sources"
    writers = [_writer(store, name, 30) for name in ("first", "second")]
    for process in writers:
        assert process.wait(timeout=60) == 0
        assert process.stdout is not None
        process.stdout.close()
    urls = {r.url for r in EvidenceStore(store).iter_recordings()}
    assert urls == {f"https://{n}.example/{i}" for n in ("first", "second") for i in range(7)}


def test_import_and_export_of_a_single_cassette(tmp_path: Path) -> None:
    old = tmp_path / "cassette.yaml"
    pages = {f"https://a.example/{i}": f"<p>page {i}\nline</p>" for i in range(3)}
    write_cassette(old, [RecordedResponse("GET", u, 200, {}, p) for u, p in pages.items()])
    store = EvidenceStore.open(tmp_path / "sources", create=True)
    assert import_cassette(store, old) == 3
    for url, page in pages.items():
        recording = store.get(url)
        assert recording is not None and recording.body == page.encode()
    back = tmp_path / "back.yaml"
    assert export_cassette(store, back) == 3
    exported = yaml.safe_load(back.read_text())["interactions"]
    assert sorted(i["request"]["uri"] for i in exported) == sorted(pages)


@settings(max_examples=40, deadline=None)
@given(
    body=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    status=st.sampled_from([200, 301, 404, 500]),
    header=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
)
def test_any_body_round_trips_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, status: int, header: str
) -> None:
    store = EvidenceStore.open(tmp_path_factory.mktemp("s"), create=True)
    recording = Recording.build("https://a.example/x?y=1", status, {"x-h": header}, body)
    store.put(recording)
    back = store.get("https://a.example/x?y=1")
    assert back is not None
    assert (back.body, back.status, dict(back.headers)) == (body, status, {"x-h": [header]})


def test_max_age_refetches_only_old_recordings(tmp_path: Path) -> None:
    store = EvidenceStore.open(tmp_path / "sources", create=True)
    with serving(site) as (server,):
        old, fresh = f"{server.url}/a", f"{server.url}/gz"
        long_ago = datetime(2020, 1, 1, tzinfo=UTC)
        store.put(Recording.build(old, 200, {}, b"<p>as it was in 2020</p>", recorded_at=long_ago))
        store.put(Recording.build(fresh, 200, {}, b"<p>recorded just now</p>"))
        results = fetch_all_sync([old, fresh], _options(tmp_path / "sources", max_age=86400.0))
        hits = list(server.hits)
    assert hits == ["/a"]  # only the old recording went back to the network
    assert results[old].content == PAGE and results[fresh].content == b"<p>recorded just now</p>"
    renewed = store.get(old)
    assert renewed is not None and renewed.body == PAGE and renewed.recorded_at != long_ago


def test_one_page_under_two_urls_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.reading as reading
    from verifier import verify_paths

    urls = ["https://a.example/story", "https://b.example/syndicated/story"]
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for i, url in enumerate(urls):
        (corpus / f"{i}.md").write_text(f"The minister said: “{SAID}” ([source]({url}))\n")
    store = EvidenceStore.open(corpus / ".verifier" / "sources", create=True)
    page = SOURCE.format(SAID).encode()
    for url in urls:
        store.put(Recording.build(url, 200, {"content-type": "text/html"}, page))
    reads: list[str] = []
    real = reading.read_source

    def counting(fetched: FetchResult) -> Any:
        reads.append(fetched.url)
        return real(fetched)

    monkeypatch.setattr(reading, "read_source", counting)
    report = verify_paths([corpus], offline=True)
    assert len(reads) == 1
    verdicts = {q.source.url if q.source else None: q.verdict.value for q in report.all_quotes()}
    assert verdicts == {url: "verified" for url in urls}  # each quote names its own URL


def test_the_cli_imports_a_cassette_into_the_store_and_exports_it_back(tmp_path: Path) -> None:
    url = "https://news.example/port"
    corpus = _corpus(tmp_path, url)
    old = tmp_path / "old.yaml"
    page = SOURCE.format(SAID)
    write_cassette(old, [RecordedResponse("GET", url, 200, {"content-type": "text/html"}, page)])
    runner = CliRunner()
    imported = runner.invoke(main, [str(corpus), "--offline", "--import-cassette", str(old)])
    assert imported.exit_code == ExitCode.CLEAN, imported.output
    store = corpus / ".verifier" / "sources"
    assert f"imported 1 recordings from {old} into {store}" in imported.output
    back = tmp_path / "back.yaml"
    exported = runner.invoke(main, [str(corpus), "--offline", "--export-cassette", str(back)])
    assert exported.exit_code == ExitCode.CLEAN, exported.output
    (interaction,) = yaml.safe_load(back.read_text())["interactions"]
    assert interaction["request"]["uri"] == url and interaction["response"]["body"]["string"]


def test_a_recorded_url_is_replayed_before_the_response_cache_is_asked(tmp_path: Path) -> None:
    from verifier.fetch.cache import ResponseCache

    url = "https://news.example/port"
    store = EvidenceStore.open(tmp_path / "sources", create=True)
    store.put(Recording.build(url, 200, {"content-type": "text/html"}, b"<p>recorded</p>"))
    cache = ResponseCache(tmp_path / "cache", 3600.0)
    cache.put(FetchResult(url, url, 200, {"content-type": "text/html"}, b"<p>cached</p>"))
    options = _options(tmp_path / "sources", record_mode=None, cache_dir=tmp_path / "cache")
    result = fetch_all_sync([url], options)[url]
    assert result.content == b"<p>recorded</p>" and not result.from_cache


def test_store_elsewhere_and_max_age_through_the_cli(tmp_path: Path) -> None:
    """`--store DIR` records outside the corpus; `--max-age` refetches only what is older."""

    def publisher(h: Handler, i: int) -> None:
        h.send(200, SOURCE.format(SAID).encode())

    runner = CliRunner()
    store = tmp_path / "evidence"
    with serving(publisher) as (server,):
        corpus = _corpus(tmp_path, f"{server.url}/port")
        base = [str(corpus), "--allow-private-hosts", "--no-archive", "--store", str(store)]
        first = runner.invoke(main, [*base, "--record-mode", "once"])
        assert first.exit_code == ExitCode.CLEAN, first.output
        assert len(list(store.rglob("*.yaml"))) == 1 and not (corpus / ".verifier").exists()
        fresh = runner.invoke(main, [*base, "--max-age", "1d", "--format", "json"])
        _age(EvidenceStore.open(store), f"{server.url}/port", datetime(2020, 1, 1, tzinfo=UTC))
        stale = runner.invoke(main, [*base, "--max-age", "1d", "--format", "json"])
        hits = len(server.hits)
    assert json.loads(fresh.stdout)["evidence"]["refetched"] == 0
    assert json.loads(stale.stdout)["evidence"]["refetched"] == 1
    assert hits == 2  # the first recording and the one refetch


def _age(store: EvidenceStore, url: str, when: datetime) -> None:
    """Make a recording look as if it had been captured at `when` (no sleeping in tests)."""
    recording = store.get(url)
    assert recording is not None
    store.put(replace(recording, recorded_at=when))
