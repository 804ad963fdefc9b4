"""The HTML report in a real browser: headless Chromium renders it, runs its filters.

Chromium loads the file from disk with background networking off. `--dump-dom` gives the DOM
after the page's scripts ran, so a filter given in the URL hash can be checked, and a copy of
the page with a small driver script appended clicks the real controls and writes what it saw
into the DOM. Skips when Chromium is missing, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from _reports import sample_report

from verifier.models import Verdict
from verifier.report import write_reports
from verifier.report.html import format_html

VERDICTS = [v.value for v in Verdict]

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


def test_opens_on_the_findings(tmp_path: Path, report_file: Path) -> None:
    tree = _dom(tmp_path, report_file.as_uri())
    assert tree.xpath("//body/@data-ready") == ["true"]
    assert tree.xpath("//body/@data-shown") == ["2"]
    assert _visible_verdicts(tree) == ["misquoted", "not_found"]
    assert tree.xpath("//*[@id='only-findings']/@aria-pressed") == ["true"]
    assert tree.xpath("//*[@id='show-all']/@aria-pressed") == ["false"]
    assert tree.xpath("//*[@id='count-unverifiable']/text()") == ["2"]
    assert tree.xpath("//*[@id='count-misquoted']/text()") == ["1"]
    assert tree.xpath("//*[@id='no-match'][@hidden]")
    # every quote is in the page; the switch to everything shows them
    tree = _dom(tmp_path, report_file.as_uri() + "#verdict=" + ",".join(VERDICTS))
    assert len(_visible_verdicts(tree)) == 7
    assert tree.xpath("//*[@id='show-all']/@aria-pressed") == ["true"]


def test_filters_from_the_url_hash(tmp_path: Path, report_file: Path) -> None:
    tree = _dom(tmp_path, report_file.as_uri() + "#verdict=misquoted,unverifiable")
    assert _visible_verdicts(tree) == ["misquoted", "unverifiable", "unverifiable"]
    assert tree.xpath("//*[@id='shown-count']/text()") == ["3"]

    tree = _dom(tmp_path, report_file.as_uri() + "#doc=corpus%2F001_peru.md")
    assert _visible_verdicts(tree) == ["not_found"]  # the findings of that article
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
    assert seen["findings"] == {"shown": "2", "hash": ""}  # the default view: a bare URL
    assert seen["findingsInDoc"] == {"shown": "0", "hash": "#doc=corpus/constructed/verdicts.md"}
    assert seen["all"]["shown"] == "7"
    assert seen["all"]["hash"].startswith("#verdict=")
    assert seen["uncheckVerified"]["shown"] == "6"
    assert "verified" not in seen["uncheckVerified"]["hash"].replace("unverifiable", "")


def test_screenshot(tmp_path: Path, report_file: Path) -> None:
    target = REPO / "reports" / "report-screenshot.png"
    target.parent.mkdir(exist_ok=True)
    _run(tmp_path, "--window-size=1280,1800", f"--screenshot={target}", report_file.as_uri())
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB; the report is far more


LAYOUT = """
<script>
function measure(frame) {
  var win = frame.contentWindow, doc = frame.contentDocument, width = win.innerWidth;
  var wide = [];
  Array.prototype.forEach.call(doc.querySelectorAll("body *"), function (el) {
    var box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && el.offsetParent !== null) {
      wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className);
    }
  });
  var cards = Array.prototype.filter.call(
    doc.querySelectorAll("article.quote"), function (c) { return c.offsetParent !== null; });
  var out = document.createElement("pre");
  out.id = "layout-result";
  out.textContent = JSON.stringify({
    width: width,
    scrollWidth: doc.documentElement.scrollWidth,
    wide: wide.slice(0, 10),
    first: cards.length ? cards[0].getAttribute("data-verdict") : null,
    h2Break: win.getComputedStyle(doc.querySelector("h2")).wordBreak,
  });
  document.body.appendChild(out);
}
</script>
"""


def _framed(page: str, width: int, height: int) -> str:
    """The report in an iframe exactly `width` wide: headless windows have a minimum width."""
    escaped = html.escape(page, quote=True)
    return (
        "<!DOCTYPE html><html><body style='margin:0'>"
        f"{LAYOUT}<iframe style='border:0;width:{width}px;height:{height}px' "
        f'onload="measure(this)" srcdoc="{escaped}"></iframe></body></html>'
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 1800), (390, 844)])
def test_layout_fits_the_screen_and_leads_with_findings(
    tmp_path: Path, width: int, height: int
) -> None:
    """Desktop and phone width: nothing wider than the screen, a finding first; screenshots."""
    report = sample_report()
    long_path = "fixtures/corpus/004-ecuador-prepares-for-us-military-presence-at-the-manta-base.md"
    docs = (replace(report.documents[0], path=long_path), *report.documents[1:])
    page = format_html(replace(report, documents=docs))
    framed = tmp_path / f"framed-{width}.html"
    framed.write_text(_framed(page, width, height), encoding="utf-8")
    window = f"--window-size={max(width, 600)},{height}"
    tree = lxml.html.fromstring(
        _run(tmp_path, window, "--virtual-time-budget=3000", "--dump-dom", framed.as_uri())
    )
    seen = json.loads(tree.xpath("//pre[@id='layout-result']/text()")[0])
    assert seen["width"] == width
    assert seen["scrollWidth"] <= width, seen  # no horizontal scrolling
    assert seen["wide"] == []
    assert seen["first"] in ("misquoted", "not_found")
    assert seen["h2Break"] != "break-all"  # titles break between words
    if width < 600:  # the desktop screenshot is test_screenshot's
        shot = tmp_path / f"report-{width}.png"
        _run(tmp_path, window, f"--screenshot={shot}", framed.as_uri())
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
