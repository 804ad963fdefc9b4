"""Ctrl-C and SIGTERM (issue 13): the run stops, writes the report of what was checked
(the rest marked not checked) and exits 130; a cassette being recorded stays whole."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from verifier.fetch.cassette import AtomicPersister

ARTICLE = "“We will never allow it,” the mayor [said](http://127.0.0.1:{port}/speech).\n"


def _hanging_server() -> tuple[socket.socket, threading.Event, list[socket.socket]]:
    """A server on loopback that accepts requests and never answers.

    The accepted connections are returned so the test closes them: left to the garbage
    collector, they warn (ResourceWarning) during whichever test runs next."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    asked = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            asked.set()

    threading.Thread(target=serve, daemon=True).start()
    return server, asked, held


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_fetching_writes_a_partial_report_and_exits_130(
    tmp_path: Path, signum: signal.Signals
) -> None:
    server, asked, held = _hanging_server()
    port = server.getsockname()[1]
    (tmp_path / "a.md").write_text(ARTICLE.format(port=port), encoding="utf-8")
    command = [sys.executable, "-c", "from verifier.cli import main; main()", str(tmp_path)]
    command += ["--format", "json", "--allow-private-hosts", "--no-archive"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        try:
            assert asked.wait(60), "the run never reached the source"
            run.send_signal(signum)
            out, err = run.communicate(timeout=60)
        finally:
            run.kill()
            server.close()
            for conn in held:
                conn.close()
    assert run.returncode == 130, err.decode()
    assert b"interrupted" in err and b"Traceback" not in err
    (quote,) = json.loads(out)["documents"][0]["quotes"]
    assert quote["verdict"] == "unverifiable"
    assert "interrupted" in quote["reason"]


def test_a_cassette_is_replaced_in_one_step(tmp_path: Path) -> None:
    """Saving writes a temporary file then renames it: the old cassette is never cut."""
    path = tmp_path / "cassette.yaml"
    path.write_text("old", encoding="utf-8")

    class Broken:
        @staticmethod
        def serialize(data: object) -> str:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        AtomicPersister.save_cassette(path, {"requests": [], "responses": []}, Broken)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["cassette.yaml"]
