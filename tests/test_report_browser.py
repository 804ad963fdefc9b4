"""The HTML report in a real browser: headless Chromium renders it, runs its filters.

Chromium loads the file from disk with background networking off. `--dump-dom` gives the DOM
after the page's scripts ran, so a filter given in the URL hash can be checked, and a copy of
the page with a small driver script appended clicks the real controls and writes what it saw
into the DOM. Skips when Chromium is missing, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from _reports import sample_report

from verifier.report import write_reports

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
)


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    message = "headless Chromium not found (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; CI=true requires the browser tests to run")
    pytest.skip(message)


def _run(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    proc = subprocess.run(
        [_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _dom(tmp_path: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(_run(tmp_path, "--virtual-time-budget=2000", "--dump-dom", url))


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    (path,) = write_reports(sample_report(), ["html"], report_dir=tmp_path / "reports")
    return path


def _visible_verdicts(tree: lxml.html.HtmlElement) -> list[str]:
    return sorted(
        card.get("data-verdict")
        for card in tree.xpath("//article[@data-verdict]")
        if card.get("hidden") is None
        and card.getparent().get("hidden") is None  # its article section is shown
    )


def test_renders_counts_and_everything_by_default(tmp_path: Path, report_file: Path) -> None:
    tree = _dom(tmp_path, report_file.as_uri())
    assert tree.xpath("//body/@data-ready") == ["true"]
    assert tree.xpath("//body/@data-shown") == ["7"]
    assert tree.xpath("//*[@id='count-unverifiable']/text()") == ["2"]
    assert tree.xpath("//*[@id='count-misquoted']/text()") == ["1"]
    assert len(_visible_verdicts(tree)) == 7
    assert tree.xpath("//*[@id='no-match'][@hidden]")


def test_filters_from_the_url_hash(tmp_path: Path, report_file: Path) -> None:
    tree = _dom(tmp_path, report_file.as_uri() + "#verdict=misquoted,unverifiable")
    assert _visible_verdicts(tree) == ["misquoted", "unverifiable", "unverifiable"]
    assert tree.xpath("//*[@id='shown-count']/text()") == ["3"]

    tree = _dom(tmp_path, report_file.as_uri() + "#doc=corpus%2F001_peru.md")
    assert _visible_verdicts(tree) == ["not_found", "unverifiable"]
    shown_sections = tree.xpath("//section[@data-path][not(@hidden)]/@data-path")
    assert shown_sections == ["corpus/001_peru.md"]

    tree = _dom(tmp_path, report_file.as_uri() + "#verdict=verified&doc=corpus%2F001_peru.md")
    assert _visible_verdicts(tree) == []
    assert tree.xpath("//*[@id='no-match'][not(@hidden)]")


DRIVER = """
<script>
(function () {
  var seen = {};
  function shown() { return document.body.getAttribute("data-shown"); }
  function checked() {
    return Array.prototype.filter.call(
      document.querySelectorAll('input[name="verdict"]'), function (b) { return b.checked; }
    ).map(function (b) { return b.value; }).sort();
  }
  seen.fromHash = checked();
  document.getElementById("only-findings").click();
  seen.findings = {shown: shown(), hash: decodeURIComponent(location.hash)};
  seen.findingsChecked = checked();
  var select = document.getElementById("doc-filter");
  select.value = "corpus/constructed/verdicts.md";
  select.dispatchEvent(new Event("change"));
  seen.findingsInDoc = {shown: shown(), hash: decodeURIComponent(location.hash)};
  document.getElementById("show-all").click();
  seen.all = {shown: shown(), hash: location.hash};
  var box = document.querySelector('input[name="verdict"][value="verified"]');
  box.click();
  seen.uncheckVerified = {shown: shown(), hash: decodeURIComponent(location.hash)};
  var out = document.createElement("pre");
  out.id = "driver-result";
  out.textContent = JSON.stringify(seen);
  document.body.appendChild(out);
}());
</script>
"""


def test_filter_controls_work_when_clicked(tmp_path: Path, report_file: Path) -> None:
    page = report_file.read_text("utf-8")
    driven = report_file.with_name("driven.html")
    driven.write_text(page.replace("</body>", DRIVER + "</body>"), encoding="utf-8")
    tree = _dom(tmp_path, driven.as_uri() + "#verdict=ignored,verified")
    seen = json.loads(tree.xpath("//pre[@id='driver-result']/text()")[0])
    assert seen["fromHash"] == ["ignored", "verified"]
    assert seen["findingsChecked"] == ["misquoted", "not_found"]
    assert seen["findings"] == {"shown": "2", "hash": "#verdict=misquoted,not_found"}
    assert seen["findingsInDoc"] == {
        "shown": "0",
        "hash": "#verdict=misquoted,not_found&doc=corpus/constructed/verdicts.md",
    }
    assert seen["all"]["shown"] == "7"
    assert seen["all"]["hash"] in ("", "#")
    assert seen["uncheckVerified"]["shown"] == "6"
    assert "verified" not in seen["uncheckVerified"]["hash"].replace("unverifiable", "")


def test_screenshot(tmp_path: Path, report_file: Path) -> None:
    target = REPO / "reports" / "report-screenshot.png"
    target.parent.mkdir(exist_ok=True)
    _run(tmp_path, "--window-size=1280,1800", f"--screenshot={target}", report_file.as_uri())
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB; the report is far more
